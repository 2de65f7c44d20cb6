/** Runs a long-running command (`broker`, `gateway`, `devnet`) in-process until it prints a line, then stops it. */
import type { RunOptions } from '../../cli/shutdown';
import { captureWrites, type Captured } from './helpers';

export interface Started {
  /** The match of `ready` against what the command printed to stdout. */
  readonly match: RegExpExecArray;
  /** Everything written to stdout / stderr since the start (by the command, or by anything else run meanwhile). */
  stdout(): string;
  stderr(): string;
  /** Aborts the command (as SIGTERM would) and resolves with its exit code and output. */
  stop(): Promise<Captured>;
}

/**
 * Starts `run(argv, {signal})` with stdout/stderr captured until it returns, and resolves once stdout matches
 * `ready`; rejects with the command's output if it exits first. Other commands run meanwhile in the same process
 * write into the same capture: read their output from `stdout()`/`stderr()` (do not nest `capture`).
 */
export async function startCommand(
  run: (argv: string[], opts: RunOptions) => Promise<number>,
  argv: string[],
  ready: RegExp,
): Promise<Started> {
  const ac = new AbortController();
  const w = captureWrites();
  const done: Promise<Captured> = run(argv, { signal: ac.signal })
    .then((code) => ({ code, stdout: w.stdout(), stderr: w.stderr() }))
    .finally(() => w.restore());
  let exited = false;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const t = setInterval(() => {
      const hit = exited ? null : ready.exec(w.stdout());
      if (hit) {
        clearInterval(t);
        resolve(hit);
      }
    }, 20);
    done.then(
      (r) => {
        exited = true;
        clearInterval(t);
        reject(new Error(`exited ${r.code} before ready:\n${r.stdout}\n${r.stderr}`));
      },
      (x: unknown) => {
        exited = true;
        clearInterval(t);
        reject(x as Error);
      },
    );
  });
  return {
    match,
    stdout: w.stdout,
    stderr: w.stderr,
    stop: () => {
      ac.abort();
      return done;
    },
  };
}
