/**
 * The time source that services take instead of reading the wall clock: the composition root (`broker/server.ts`,
 * the CLI) passes `systemClock`, tests pass a `manualClock` and move it by hand. Only `now()` exists so that every
 * caller reads time the same way; a millisecond count is `clock.now().getTime()`.
 */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: (): Date => new Date() });

/** A clock that moves only when told to (tests). */
export interface ManualClock extends Clock {
  /** The current time in ms since the epoch. */
  nowMs(): number;
  /** Moves the clock forward by `ms` (negative moves it back). */
  advance(ms: number): void;
  /** Sets the clock to `t` (a Date or ms since the epoch). */
  set(t: Date | number): void;
}

/** A clock that stands at `start` (a Date or ms since the epoch) until `advance`/`set` move it. */
export function manualClock(start: Date | number): ManualClock {
  let t = toMs(start);
  return {
    now: () => new Date(t),
    nowMs: () => t,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('advance: ms must be finite');
      t += ms;
    },
    set(at: Date | number) {
      t = toMs(at);
    },
  };
}

/** A clock that always answers `at`. */
export function fixedClock(at: Date | number): Clock {
  const ms = toMs(at);
  return Object.freeze({ now: () => new Date(ms) });
}

function toMs(t: Date | number): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('clock time must be a finite number of ms');
  return ms;
}
