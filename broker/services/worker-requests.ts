import { bytes, type BrokerFrameInit, type WorkerFrame } from '../wire';
import type { BrokerContext, Dispatch } from './types';

/** What the request slots need from their connection. */
export interface RequestSlotsHost {
  send(frame: BrokerFrameInit): void;
  nowMs(): number;
  /** Requests start only while the worker is admitted. */
  isServing(): boolean;
  /** Requests queued across the whole pool (the queue-depth gauge). */
  totalQueued(): number;
}

/**
 * The requests of one worker connection: up to `maxConcurrency` in flight, the rest queued in order; the worker's
 * chunk, receipt and failed frames are routed to each request's sink. Late frames for a request no longer in flight
 * are dropped.
 */
export class RequestSlots {
  readonly inFlight = new Map<string, Dispatch>();
  readonly queue: Dispatch[] = [];
  /** Exponentially weighted recent request latency (ms). */
  latencyEwmaMs = 100;
  maxConcurrency: number;
  /** Label-bound counter child, resolved once (a labelled inc() hashes its labels on every call). */
  private relayOut: { inc(n: number): void } | undefined;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly host: RequestSlotsHost,
  ) {
    this.maxConcurrency = ctx.config.defaultWorkerConcurrency;
  }

  get load(): number {
    return this.inFlight.size + this.queue.length;
  }

  dispatch(d: Dispatch): void {
    if (this.inFlight.size < this.maxConcurrency) this.start(d);
    else this.queue.push(d);
    this.ctx.metrics.queueDepth.set(this.host.totalQueued());
  }

  cancel(requestId: string, code: string): void {
    if (this.inFlight.delete(requestId)) {
      this.host.send({ cancel: { requestId, code } });
      this.pump();
      return;
    }
    const i = this.queue.findIndex((d) => d.requestId === requestId);
    if (i >= 0) this.queue.splice(i, 1);
    this.ctx.metrics.queueDepth.set(this.host.totalQueued());
  }

  /** Starts queued requests while there is room. */
  pump(): void {
    while (this.inFlight.size < this.maxConcurrency && this.queue.length > 0 && this.host.isServing())
      this.start(this.queue.shift()!);
    this.ctx.metrics.queueDepth.set(this.host.totalQueued());
  }

  /** The connection is gone: empties the slots and returns every request that was in them. */
  takeAll(): Dispatch[] {
    const lost = [...this.inFlight.values(), ...this.queue];
    this.inFlight.clear();
    this.queue.length = 0;
    return lost;
  }

  onChunk(c: NonNullable<WorkerFrame['chunk']>): void {
    const d = this.inFlight.get(c.requestId ?? '');
    if (!d) return; // cancelled or finished: drop
    const frame = bytes(c.frame);
    if (d.firstChunkAtMs === undefined) d.firstChunkAtMs = this.host.nowMs();
    (this.relayOut ??= this.ctx.metrics.relayBytes.labels({ direction: 'worker_to_client' })).inc(frame.length);
    d.sink.onChunk(frame);
  }

  onReceipt(r: NonNullable<WorkerFrame['receipt']>): void {
    const d = this.finish(r.requestId ?? '');
    if (d) d.sink.onReceipt(bytes(r.receipt), bytes(r.signature));
  }

  onFailed(r: NonNullable<WorkerFrame['failed']>): void {
    const d = this.finish(r.requestId ?? '');
    const code = /^[A-Z][A-Z0-9_]{2,63}$/.test(r.code ?? '') ? r.code! : 'WORKER_FAILED';
    if (d) d.sink.onFailed(code, (r.message ?? '').slice(0, 200));
  }

  private start(d: Dispatch): void {
    d.sentAtMs = this.host.nowMs();
    this.inFlight.set(d.requestId, d);
    this.host.send({
      request: {
        requestId: d.requestId,
        sealed: d.sealed,
        channel: d.channel,
        promptPriceNano: d.promptPriceNano,
        completionPriceNano: d.completionPriceNano,
        maxCostNano: d.maxCostNano,
        seq: d.seq,
        deadlineMs: d.deadlineMs,
        modelId: d.modelId,
      },
    });
  }

  private finish(requestId: string): Dispatch | undefined {
    const d = this.inFlight.get(requestId);
    if (!d) return undefined;
    this.inFlight.delete(requestId);
    if (d.sentAtMs !== undefined)
      this.latencyEwmaMs = 0.8 * this.latencyEwmaMs + 0.2 * (this.host.nowMs() - d.sentAtMs);
    this.pump();
    return d;
  }
}
