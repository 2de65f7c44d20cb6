import { BrokerError } from '../errors';
import type { BrokerContext, SessionPool } from './types';
import type { WorkerSession } from './worker-session';

export interface PickQuery {
  readonly modelIdHex: string;
  /** The client's highest prices per prompt / completion token (0 means 0, not unlimited). */
  readonly maxPromptPriceNano: number;
  readonly maxCompletionPriceNano: number;
  /** A specific worker the client verified; '' for any. */
  readonly workerId: string;
}

/**
 * Admitted workers, and the scheduler: among workers serving the model whose committed prompt AND completion prices
 * are both within the client's maximums, pick the lowest load score = (in flight + queued + 1) / concurrency x recent
 * latency, then the lowest price (prompt + completion). A worker whose
 * slots and bounded queue are full is skipped; if all are, the client gets 429 with Retry-After.
 */
export class WorkerPool implements SessionPool<WorkerSession> {
  private readonly byId = new Map<string, WorkerSession>();
  constructor(private readonly ctx: BrokerContext) {}

  add(s: WorkerSession): void {
    const id = s.workerId!;
    const prev = this.byId.get(id);
    if (prev && prev !== s)
      prev.close('ADMISSION_KEY_REUSED', 'the same worker key was admitted on another connection');
    this.byId.set(id, s);
    this.ctx.metrics.workers.set(this.byId.size);
  }
  remove(s: WorkerSession, workerId: string): void {
    if (this.byId.get(workerId) === s) this.byId.delete(workerId);
    this.ctx.metrics.workers.set(this.byId.size);
  }
  get(workerId: string): WorkerSession | undefined {
    return this.byId.get(workerId);
  }
  /** Every session (routable or not) — for draining. */
  all(): WorkerSession[] {
    return [...this.byId.values()];
  }
  routable(nowMs: number): WorkerSession[] {
    return [...this.byId.values()].filter((s) => s.isRoutable(nowMs));
  }
  totalQueued(): number {
    let n = 0;
    for (const s of this.byId.values()) n += s.queue.length;
    return n;
  }

  pick(q: PickQuery, nowMs: number): WorkerSession {
    const cfg = this.ctx.config;
    let candidates: WorkerSession[];
    if (q.workerId) {
      const s = this.byId.get(q.workerId);
      candidates = s && s.isRoutable(nowMs) ? [s] : [];
    } else candidates = this.routable(nowMs);
    const maxPrompt = BigInt(q.maxPromptPriceNano);
    const maxCompletion = BigInt(q.maxCompletionPriceNano);
    candidates = candidates.filter(
      (s) =>
        s.modelIdHex === q.modelIdHex && s.prices.promptNano <= maxPrompt && s.prices.completionNano <= maxCompletion,
    );
    if (candidates.length === 0)
      throw new BrokerError('BROKER_NO_WORKER', 'no admitted worker serves this model within the price');
    let best: WorkerSession | undefined;
    let bestScore = Infinity;
    let minWaitMs = Infinity;
    for (const s of candidates) {
      const full = s.inFlight.size >= s.maxConcurrency && s.queue.length >= cfg.maxQueuePerWorker;
      const score = ((s.load + 1) / s.maxConcurrency) * Math.max(1, s.latencyEwmaMs);
      if (full) {
        minWaitMs = Math.min(minWaitMs, score);
        continue;
      }
      if (score < bestScore || (score === bestScore && best && priceSum(s) < priceSum(best))) {
        best = s;
        bestScore = score;
      }
    }
    if (!best) {
      const retryAfterS = Math.min(30, Math.max(1, Math.ceil(minWaitMs / 1000)));
      throw new BrokerError('BROKER_OVERLOADED', 'every matching worker is at capacity', { retryAfterS });
    }
    return best;
  }
}

function priceSum(s: WorkerSession): bigint {
  return s.prices.promptNano + s.prices.completionNano;
}
