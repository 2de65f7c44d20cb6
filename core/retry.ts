/**
 * Waiting, polling and exponential backoff: the one loop used wherever a caller waits for a condition (a wallet
 * seqno, a contract transaction, a service coming up) or retries after a failure.
 */

/** Resolves after `ms`; the timer holds the process open (work in flight at shutdown completes). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialMs: number;
  /** Upper bound of any delay. */
  readonly maxMs: number;
  /** Multiplier per attempt (default 2). */
  readonly factor?: number;
  /** Random factor in [0, 1), scaling the delay into [delay/2, delay) when given (full jitter off by default). */
  readonly jitter?: () => number;
}

/** Delay before retry number `attempt` (0 for the first retry): min(maxMs, initialMs * factor^attempt), jittered. */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const base = Math.min(o.maxMs, o.initialMs * (o.factor ?? 2) ** Math.min(attempt, 30));
  return o.jitter ? base * (0.5 + o.jitter() / 2) : base;
}

export interface PollOptions {
  /** Give up once this long has passed since the first probe. */
  readonly timeoutMs: number;
  /** Pause between probes. */
  readonly intervalMs: number;
  /** Clock (default Date.now). */
  readonly now?: () => number;
  /** Pause implementation (default `sleep`). */
  readonly wait?: (ms: number) => Promise<void>;
}

/**
 * Calls `probe` until it returns a value other than undefined, pausing `intervalMs` between calls; returns that
 * value, or undefined once `timeoutMs` has passed (the caller throws its own coded error). A probe that throws ends
 * the poll with that error: probes that expect transient failures catch them and return undefined.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, o: PollOptions): Promise<T | undefined> {
  const now = o.now ?? Date.now;
  const wait = o.wait ?? sleep;
  const deadline = now() + o.timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (now() > deadline) return undefined;
    await wait(o.intervalMs);
  }
}
