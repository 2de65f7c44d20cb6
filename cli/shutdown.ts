/**
 * How the long-running commands (`devnet`, `broker`, `worker`, `gateway`) wait to be stopped: SIGINT or SIGTERM from
 * the terminal or a supervisor, or an AbortSignal from a caller that runs the command in-process (an embedding
 * program, a test). Listeners are removed once it resolves, so repeated runs in one process leak none.
 */

/** Options every long-running command's `run(argv, options)` accepts. */
export interface RunOptions {
  /** Aborting it stops the command as SIGTERM would. */
  readonly signal?: AbortSignal;
}

/** Resolves with what asked the command to stop: `'SIGINT'`, `'SIGTERM'` or `'abort'`. */
export function untilShutdown(signal?: AbortSignal): Promise<'SIGINT' | 'SIGTERM' | 'abort'> {
  return new Promise((resolve) => {
    const done = (why: 'SIGINT' | 'SIGTERM' | 'abort'): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onInt = (): void => done('SIGINT');
    const onTerm = (): void => done('SIGTERM');
    const onAbort = (): void => done('abort');
    if (signal?.aborted) return done('abort');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
