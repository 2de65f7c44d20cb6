/**
 * The devnet's programs as OS processes: `chrysalis <command> ...` run from the compiled package, in the devnet's
 * process group, each one's stdout and stderr appended to `<data-dir>/logs/<name>.log` (what a newcomer reads when
 * something goes wrong), its stdout lines watched for the ones the devnet waits on (a listening URL, a settle line).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './files';
import type { StepContext } from './types';

/** How long a process has to exit after SIGTERM before it gets SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** The one line the devnet prints when one of its processes ends (outside shutdown); `label`: `broker`, ... */
export function processExitLine(
  label: string,
  pid: number | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail = '',
): string {
  const how = code !== null ? `with code ${code}` : `on signal ${signal ?? 'unknown'}`;
  return `${label} (pid ${pid ?? '?'}) exited ${how}${stderrTail ? `: ${stderrTail}` : ''}`;
}

/** `processExitLine` of worker `name`. */
export function workerExitLine(
  name: string,
  pid: number | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail = '',
): string {
  return processExitLine(`worker ${name}`, pid, code, signal, stderrTail);
}

export interface DevnetProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Set once the process has exited: `<name> exited (<code or signal>): <last stderr lines>`. */
  exited(): string | null;
  /** Resolves with the first stdout line (from now on, or already seen when `seen`) matching `re`. */
  waitForLine(re: RegExp, timeoutMs: number, opts?: { readonly seen?: boolean }): Promise<RegExpMatchArray>;
  /** Every stdout line from now on. */
  onLine(fn: (line: string) => void): void;
  /** SIGTERM, then SIGKILL after a grace period; resolves once exited. */
  stop(): Promise<void>;
}

export interface SpawnSpec {
  /** File-safe name: `devnet-broker`, `devnet-worker-1`, `devnet-gateway` (its log is `logs/<name>.log`). */
  readonly name: string;
  /** How the exit line names it: `broker`, `worker devnet-worker-1`, `gateway`. */
  readonly label: string;
  /** Arguments after `chrysalis`. */
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `chrysalis <args>` as a child of the devnet; registers its stop with the devnet's closers. */
export function spawnChrysalis(ctx: StepContext, spec: SpawnSpec): DevnetProcess {
  const logs = join(ctx.opts.dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(join(logs, `${spec.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'chrysalis.js'), ...spec.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CHRYSALIS_LOG_LEVEL: process.env.CHRYSALIS_LOG_LEVEL ?? 'warn', ...spec.env },
  });
  const seen: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let partial = '';
  let stderr = '';
  let exit: string | null = null;
  const exitWaiters = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => {
    log.write(d);
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (seen.length < 1000) seen.push(line);
      for (const fn of listeners) fn(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => {
    log.write(d);
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.on('exit', (code, sig) => {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    exit = `${spec.name} exited (${code ?? sig}): ${tail}`;
    if (!ctx.stopping()) ctx.log(processExitLine(spec.label, child.pid, code, sig, tail));
    for (const w of exitWaiters) w();
    log.end();
  });
  const p: DevnetProcess = {
    name: spec.name,
    child,
    exited: () => exit,
    onLine: (fn) => void listeners.add(fn),
    waitForLine: (re, timeoutMs, opts = {}) =>
      new Promise((resolve, reject) => {
        const earlier = opts.seen ? seen.map((l) => l.match(re)).find((m) => m) : undefined;
        if (earlier) return resolve(earlier);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(onLine);
          exitWaiters.delete(onExit);
        };
        const onLine = (line: string): void => {
          const m = line.match(re);
          if (m) {
            done();
            resolve(m);
          }
        };
        const onExit = (): void => {
          done();
          reject(new Error(exit ?? `${spec.name} exited`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${spec.name} (${re.source}); see logs/${spec.name}.log`));
        }, timeoutMs);
        if (exit) return onExit();
        listeners.add(onLine);
        exitWaiters.add(onExit);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exit) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        exitWaiters.add(() => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  ctx.onClose(() => p.stop());
  return p;
}
