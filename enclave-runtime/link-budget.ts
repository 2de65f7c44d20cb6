/**
 * The worker's concurrency budget: one count of requests in progress shared by every broker link, so a worker that
 * serves several brokers never runs more than `limit` requests at once. A request that finds it full is refused on
 * its link with WORKER_BUSY (nothing was started, so nothing is charged).
 */

export interface LinkBudget {
  /** The most requests served at once, over all links. */
  readonly limit: number;
  /** Requests in progress now, over all links. */
  readonly inUse: number;
  /** Takes one slot; false (nothing taken) when all `limit` are in use. */
  tryAcquire(): boolean;
  /** Gives back a slot taken by `tryAcquire`. */
  release(): void;
}

/** A budget of `limit` slots (an integer >= 1). */
export function createLinkBudget(limit: number): LinkBudget {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a concurrency budget needs an integer limit >= 1');
  let inUse = 0;
  return {
    limit,
    get inUse() {
      return inUse;
    },
    tryAcquire() {
      if (inUse >= limit) return false;
      inUse++;
      return true;
    },
    release() {
      if (inUse > 0) inUse--;
    },
  };
}
