import type { ServerResponse } from 'node:http';
import { BrokerError, codeOf } from '../errors';
import { bytesEqual } from '../../core/bytes';
import { normalizeChannel } from '../channel';
import { encodeChunkStreamFrame, encodeReceiptStreamFrame, encodeStreamFrame } from '../wire';
import type { BrokerContext, Dispatch, RequestSink } from './types';
import type { WorkerSession } from './worker-session';

export const STREAM_CONTENT_TYPE = 'application/x-chrysalis-stream';
const ACCEPTED_FLUSH_MS = 2;

/** A request the ledger has begun: what goes to the worker and what its receipt must match. */
export interface RelayedRequest {
  readonly requestId: string;
  readonly sealed: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  readonly seq: number;
  /** The worker's committed prices (from its verified claims): the receipt must be at exactly these. */
  readonly promptPriceNano: number;
  readonly completionPriceNano: number;
  /** The client's reservation: the receipt's amount may not exceed it. */
  readonly maxCostNano: number;
  readonly sealedDigest: Buffer;
  readonly clientKey: string;
}

type TerminalStatus = 'failed' | 'lost' | 'abandoned';

/**
 * One request's response stream: `accepted`, then each sealed chunk as it arrives (length-prefixed StreamFrame),
 * then the receipt frame once the charge is durable, or an error frame. Ends exactly once.
 */
export class RelayStream {
  // A child logger costs a bindings serialization: made only when this request logs something.
  private childLog: BrokerContext['logger'] | undefined;
  private readonly started = process.hrtime.bigint();
  private readonly signingKey: Uint8Array;
  private readonly workerId: string;
  private firstChunk = false;
  private done = false;
  private corked = false;
  // A nextTick uncork is pending: frames written in this tick will leave together.
  private uncorkPending = false;
  // The receipt arrived in the same tick as the chunks before it (a fast worker's whole answer in one read): those
  // chunks stay corked and leave with the receipt frame in the one write of res.end(), once the charge is durable
  // (every path after onReceipt ends the response). Saves a write per request; a streaming worker is unaffected.
  private holdForReceipt = false;
  private acceptedCorked = false;
  private acceptedTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private deadlineMs = 0;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly res: ServerResponse,
    private readonly session: WorkerSession,
    private readonly req: RelayedRequest,
    /** Called once when the stream ends, whatever the outcome. */
    private readonly release: (requestId: string) => void,
  ) {
    this.signingKey = session.admitted!.identity.signingPublicKey;
    this.workerId = session.workerId!;
  }

  /** Writes the headers and the `accepted` frame, arms the request timeout, watches for the client leaving. */
  open(): void {
    const { ctx, res, session, req } = this;
    const { requestId, promptPriceNano, completionPriceNano, maxCostNano, seq } = req;
    res.writeHead(200, {
      'Content-Type': STREAM_CONTENT_TYPE,
      'X-Request-Id': requestId,
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    // Headers + `accepted` leave together with the first chunk when it comes quickly (one write instead of two),
    // and on their own after ACCEPTED_FLUSH_MS otherwise.
    res.cork();
    res.write(
      encodeStreamFrame({
        accepted: { requestId, workerId: this.workerId, seq, promptPriceNano, completionPriceNano, maxCostNano },
      }),
    );
    this.acceptedCorked = true;
    this.acceptedTimer = setTimeout(() => this.flushAccepted(), ACCEPTED_FLUSH_MS);
    this.acceptedTimer.unref();

    const timeoutMs = ctx.config.requestTimeoutMs;
    this.deadlineMs = ctx.clock.now().getTime() + timeoutMs;
    this.timer = setTimeout(() => {
      session.cancel(requestId, 'BROKER_TIMEOUT');
      this.terminalError('BROKER_TIMEOUT', this.firstChunk, 'failed');
    }, timeoutMs);
    this.timer.unref();

    res.on('close', () => {
      if (this.done) return;
      // Client went away: stop the worker; nothing is charged for an answer nobody received.
      session.cancel(requestId, 'BROKER_CLIENT_GONE');
      this.terminalError('BROKER_CLIENT_GONE', true, 'abandoned');
    });
  }

  /** Hands the sealed request to the worker session. */
  dispatch(): void {
    const { req } = this;
    this.ctx.metrics.relayBytes.inc({ direction: 'client_to_worker' }, req.sealed.length);
    const sink: RequestSink = {
      onChunk: (frame) => this.onChunk(frame),
      onReceipt: (receipt, signature) => this.onReceipt(receipt, signature),
      onFailed: (code) => this.terminalError(code, this.firstChunk, 'failed'),
      onLost: (code) =>
        this.terminalError(this.firstChunk ? 'BROKER_WORKER_LOST_MIDSTREAM' : code, this.firstChunk, 'lost'),
    };
    const d: Dispatch = {
      requestId: req.requestId,
      sealed: req.sealed,
      channel: req.channel,
      promptPriceNano: req.promptPriceNano,
      completionPriceNano: req.completionPriceNano,
      maxCostNano: req.maxCostNano,
      seq: req.seq,
      deadlineMs: this.deadlineMs,
      modelId: req.modelId,
      sink,
    };
    this.session.dispatch(d);
  }

  /** Stops the request from outside (broker draining). */
  finish(code: string, fatal: boolean): void {
    this.session.cancel(this.req.requestId, code);
    this.terminalError(code, fatal || this.firstChunk, 'failed');
  }

  private log(): BrokerContext['logger'] {
    return (this.childLog ??= this.ctx.logger.child({
      requestId: this.req.requestId,
      workerId: this.session.workerId,
    }));
  }

  private seconds(): number {
    return Number(process.hrtime.bigint() - this.started) / 1e9;
  }

  private uncorkNextTick(): void {
    this.uncorkPending = true;
    process.nextTick(() => {
      this.uncorkPending = false;
      this.corked = false;
      if (!this.holdForReceipt) this.res.uncork();
    });
  }

  private flushAccepted(): void {
    if (!this.acceptedCorked) return;
    this.acceptedCorked = false;
    clearTimeout(this.acceptedTimer);
    this.uncorkNextTick();
  }

  private end(outcome: string): boolean {
    if (this.done) return false;
    this.done = true;
    clearTimeout(this.timer);
    clearTimeout(this.acceptedTimer);
    this.acceptedCorked = false; // res.end() flushes everything
    this.release(this.req.requestId);
    this.ctx.metrics.requests.inc({ outcome });
    this.ctx.metrics.duration.observe({ outcome }, this.seconds());
    return true;
  }

  private terminalError(code: string, fatal: boolean, status: TerminalStatus): void {
    const { ctx, res } = this;
    if (!this.end(code)) return;
    ctx.metrics.rejections.inc({ code });
    this.log().warn(
      { event: 'request_end', code, fatal, firstChunk: this.firstChunk },
      'request ended without receipt',
    );
    // Not charged. A retryable failure (nothing streamed) releases the sealed digest so the same bytes can be resent.
    ctx.ledger
      .finishRequest(this.req.requestId, status, code, !this.firstChunk)
      .catch((err: unknown) => this.log().error({ err }, 'ledger: finishRequest failed'));
    if (!res.writableEnded && !res.destroyed) {
      res.end(encodeStreamFrame({ error: { code, message: messageFor(code), fatal } }));
    }
  }

  private onChunk(frame: Uint8Array): void {
    const { ctx, res } = this;
    if (this.done) return;
    if (!this.firstChunk) {
      this.firstChunk = true;
      ctx.metrics.firstChunk.observe(this.seconds());
    }
    // Frames that arrive in the same tick leave in one write (cork until the next tick).
    if (this.acceptedCorked) this.flushAccepted();
    else if (!this.corked) {
      this.corked = true;
      res.cork();
      this.uncorkNextTick();
    }
    res.write(encodeChunkStreamFrame(this.req.requestId, frame));
    if (res.writableLength > ctx.config.maxClientBufferBytes) {
      this.session.cancel(this.req.requestId, 'BROKER_CLIENT_TOO_SLOW');
      this.terminalError('BROKER_CLIENT_TOO_SLOW', true, 'failed');
    }
  }

  private onReceipt(receipt: Uint8Array, signature: Uint8Array): void {
    if (this.done) return;
    if (this.uncorkPending) this.holdForReceipt = true;
    checkReceipt(this.ctx, this.req, receipt, signature, this.signingKey).then(
      (charge) => this.recordCharge(receipt, signature, charge),
      (err: unknown) => {
        this.log().warn({ event: 'bad_receipt', code: codeOf(err) }, 'receipt refused');
        this.terminalError('BROKER_BAD_RECEIPT', this.firstChunk, 'failed');
      },
    );
  }

  /** The receipt frame goes out only once the charge is durable (idempotent on request id). */
  private recordCharge(receipt: Uint8Array, signature: Uint8Array, charge: number): void {
    const { ctx, res, req } = this;
    if (this.done) return;
    ctx.ledger
      .recordReceipt({
        requestId: req.requestId,
        clientKey: req.clientKey,
        workerId: this.workerId,
        receipt,
        signature,
        chargeNano: charge,
        atMs: ctx.clock.now().getTime(),
      })
      .then(({ charged }) => {
        if (!this.end('completed')) return;
        if (charged) ctx.metrics.chargedNano.inc(charge);
        // Per-request success line at debug (info would be one log line per relayed request under load).
        if (ctx.logger.isLevelEnabled('debug'))
          this.log().debug({ event: 'request_end', code: 'OK', chargeNano: charge, charged }, 'request completed');
        if (!res.writableEnded && !res.destroyed) res.end(encodeReceiptStreamFrame(req.requestId, receipt, signature));
      })
      .catch((err: unknown) => {
        this.log().error({ err }, 'ledger: receipt not recorded');
        this.terminalError('BROKER_INTERNAL', true, 'failed');
      });
  }
}

/**
 * Verifies a receipt under the worker's attested key, checks it matches the request (digest, model, seq, channel,
 * exactly the dispatched prices, amount within the reservation) and returns the charge: the receipt's own amount.
 */
async function checkReceipt(
  ctx: BrokerContext,
  req: RelayedRequest,
  receipt: Uint8Array,
  signature: Uint8Array,
  signingKey: Uint8Array,
): Promise<number> {
  const facts = await ctx.receipts.verify(receipt, signature, signingKey);
  if (!bytesEqual(facts.requestDigest, req.sealedDigest))
    throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt covers another request');
  if (!bytesEqual(facts.modelId, req.modelId))
    throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt names another model');
  if (facts.seq !== req.seq) throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt seq mismatch');
  if (facts.promptPriceNano !== req.promptPriceNano || facts.completionPriceNano !== req.completionPriceNano)
    throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt prices differ from the dispatched prices');
  if (normalizeChannel(facts.channel) !== normalizeChannel(req.channel))
    throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt names another channel');
  const charge = ctx.receipts.charge(facts);
  if (!(charge <= req.maxCostNano))
    throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt amount above the request reservation');
  return charge;
}

function messageFor(code: string): string {
  switch (code) {
    case 'BROKER_WORKER_LOST':
      return 'worker lost before the first chunk; retry (not charged)';
    case 'BROKER_WORKER_LOST_MIDSTREAM':
      return 'worker lost mid-stream; charged only what a signed receipt covers';
    case 'BROKER_TIMEOUT':
      return 'request timed out';
    case 'BROKER_BAD_RECEIPT':
      return 'worker receipt failed verification; not charged';
    case 'BROKER_DRAINING':
      return 'broker shutting down; retry';
    default:
      return code.startsWith('WORKER_') ? 'worker refused the request; not charged' : 'request failed';
  }
}
