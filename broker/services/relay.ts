import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BrokerError, codeOf } from '../errors';
import { sha256 } from '../crypto';
import { bytesEqual, toHex } from '../../core/bytes';
import { normalizeChannel } from '../channel';
import { encodeChunkStreamFrame, encodeReceiptStreamFrame, encodeStreamFrame } from '../wire';
import type { AccountService } from './accounts';
import type { WorkerPool } from './pool';
import type { Clock } from '../ports';
import type { BrokerContext, Dispatch, RequestSink } from './types';
import type { WorkerSession } from './worker-session';

export const STREAM_CONTENT_TYPE = 'application/x-chrysalis-stream';
const ACCEPTED_FLUSH_MS = 2;

/** A validated client request (domain form of chrysalis.v1.SubmitRequest). */
export interface Submit {
  readonly workerId: string;
  readonly modelId: Uint8Array;
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
  readonly maxPriceNano: number;
}

/**
 * The relay: authorize -> schedule -> stream. Ciphertext in, ciphertext out; each sealed chunk is written to the
 * client as it arrives (length-prefixed StreamFrame), nothing is buffered whole. Money: charged only against a
 * receipt that verifies under the worker's attested key and matches the request, once per request id.
 */
export class RelayService {
  private readonly active = new Map<string, { finish: (code: string, fatal: boolean) => void }>();
  private idleWaiters: (() => void)[] = [];
  draining = false;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly accounts: AccountService,
    private readonly pool: WorkerPool,
  ) {}

  get activeCount(): number {
    return this.active.size;
  }

  /** Pre-stream failures throw BrokerError (mapped to HTTP by the route); after that, errors are stream frames. */
  async submit(sub: Submit, res: ServerResponse, requestId: string): Promise<void> {
    if (this.draining) throw new BrokerError('BROKER_DRAINING', 'broker is shutting down', { retryAfterS: 5 });
    const acct = await this.accounts.authorize(sub);
    const nowMs = this.ctx.clock.now().getTime();
    // SECURITY: from here on a refused request still burns its nonce (fail closed: a signed request that was
    // refused can never be replayed later); the fast path does that inside beginRequest's transaction.
    const burn = async (err: unknown): Promise<never> => {
      await this.ctx.ledger.useNonce(acct.clientKey, toHex(sub.nonce), nowMs).catch(() => undefined);
      throw err;
    };
    let session: WorkerSession;
    try {
      session = this.pool.pick(
        { modelIdHex: toHex(sub.modelId), maxPriceNano: sub.maxPriceNano, workerId: sub.workerId },
        nowMs,
      );
    } catch (err) {
      return burn(err);
    }
    if (this.draining) return burn(new BrokerError('BROKER_DRAINING', 'broker is shutting down', { retryAfterS: 5 }));
    const sealedDigest = sha256(sub.sealed);
    const priceNano = session.priceNanoPerToken;
    const workerId = session.workerId!;
    // One transaction: fresh nonce, fresh sealed digest, next seq, request row. Still before any work is scheduled.
    const begun = await this.ctx.ledger.beginRequest(
      {
        requestId,
        clientKey: acct.clientKey,
        channel: acct.channel,
        workerId,
        sealedDigest: sealedDigest.toString('hex'),
        priceNano,
        createdAtMs: nowMs,
      },
      toHex(sub.nonce),
    );
    if (begun === 'NONCE_REPLAYED') throw new BrokerError('BROKER_NONCE_REPLAYED', 'nonce already used by this client');
    if (begun === 'REQUEST_REPLAYED')
      return burn(new BrokerError('BROKER_REQUEST_REPLAYED', 'this sealed request was already submitted'));
    if (session.state !== 'admitted' || this.draining) {
      // The worker left (or shutdown began) while the ledger was written: retryable, nothing charged.
      await this.ctx.ledger.finishRequest(requestId, 'lost', 'BROKER_WORKER_LOST', true);
      throw new BrokerError(this.draining ? 'BROKER_DRAINING' : 'BROKER_NO_WORKER', 'worker no longer available', {
        retryAfterS: 1,
      });
    }
    this.stream(sub, res, requestId, session, begun.seq, priceNano, sealedDigest, acct.clientKey);
  }

  private stream(
    sub: Submit,
    res: ServerResponse,
    requestId: string,
    session: WorkerSession,
    seq: number,
    priceNano: number,
    sealedDigest: Buffer,
    clientKey: string,
  ): void {
    const { ctx } = this;
    // A child logger costs a bindings serialization: made only when this request logs something.
    let childLog: BrokerContext['logger'] | undefined;
    const log = (): BrokerContext['logger'] =>
      (childLog ??= ctx.logger.child({ requestId, workerId: session.workerId }));
    const started = process.hrtime.bigint();
    const signingKey = session.admitted!.identity.signingPublicKey;
    const workerId = session.workerId!;
    let firstChunk = false;
    let done = false;
    let corked = false;
    // A nextTick uncork is pending: frames written in this tick will leave together.
    let uncorkPending = false;
    // The receipt arrived in the same tick as the chunks before it (a fast worker's whole answer in one read): those
    // chunks stay corked and leave with the receipt frame in the one write of res.end(), once the charge is durable
    // (every path after onReceipt ends the response). Saves a write per request; a streaming worker is unaffected.
    let holdForReceipt = false;
    const uncorkNextTick = (): void => {
      uncorkPending = true;
      process.nextTick(() => {
        uncorkPending = false;
        corked = false;
        if (!holdForReceipt) res.uncork();
      });
    };

    res.writeHead(200, {
      'Content-Type': STREAM_CONTENT_TYPE,
      'X-Request-Id': requestId,
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    // Headers + `accepted` leave together with the first chunk when it comes quickly (one write instead of two),
    // and on their own after ACCEPTED_FLUSH_MS otherwise.
    res.cork();
    res.write(encodeStreamFrame({ accepted: { requestId, workerId, priceNano, seq } }));
    let acceptedCorked = true;
    const flushAccepted = (): void => {
      if (!acceptedCorked) return;
      acceptedCorked = false;
      clearTimeout(acceptedTimer);
      uncorkNextTick();
    };
    const acceptedTimer = setTimeout(flushAccepted, ACCEPTED_FLUSH_MS);
    acceptedTimer.unref();

    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const end = (outcome: string): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      clearTimeout(acceptedTimer);
      acceptedCorked = false; // res.end() flushes everything
      this.active.delete(requestId);
      ctx.metrics.requests.inc({ outcome });
      ctx.metrics.duration.observe({ outcome }, seconds());
      if (this.active.size === 0) for (const w of this.idleWaiters.splice(0)) w();
      return true;
    };
    const terminalError = (code: string, fatal: boolean, status: 'failed' | 'lost' | 'abandoned'): void => {
      if (!end(code)) return;
      ctx.metrics.rejections.inc({ code });
      log().warn({ event: 'request_end', code, fatal, firstChunk }, 'request ended without receipt');
      // Not charged. A retryable failure (nothing streamed) releases the sealed digest so the same bytes can be resent.
      ctx.ledger
        .finishRequest(requestId, status, code, !firstChunk)
        .catch((err: unknown) => log().error({ err }, 'ledger: finishRequest failed'));
      if (!res.writableEnded && !res.destroyed) {
        res.end(encodeStreamFrame({ error: { code, message: messageFor(code), fatal } }));
      }
    };

    const sink: RequestSink = {
      onChunk: (frame) => {
        if (done) return;
        if (!firstChunk) {
          firstChunk = true;
          ctx.metrics.firstChunk.observe(seconds());
        }
        // Frames that arrive in the same tick leave in one write (cork until the next tick).
        if (acceptedCorked) flushAccepted();
        else if (!corked) {
          corked = true;
          res.cork();
          uncorkNextTick();
        }
        res.write(encodeChunkStreamFrame(requestId, frame));
        if (res.writableLength > ctx.config.maxClientBufferBytes) {
          session.cancel(requestId, 'BROKER_CLIENT_TOO_SLOW');
          terminalError('BROKER_CLIENT_TOO_SLOW', true, 'failed');
        }
      },
      onReceipt: (receipt, signature) => {
        if (done) return;
        if (uncorkPending) holdForReceipt = true;
        const check = async (): Promise<number> => {
          const facts = await ctx.receipts.verify(receipt, signature, signingKey);
          if (!bytesEqual(facts.requestDigest, sealedDigest))
            throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt covers another request');
          if (!bytesEqual(facts.modelId, sub.modelId))
            throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt names another model');
          if (facts.seq !== seq) throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt seq mismatch');
          if (facts.priceNano > priceNano)
            throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt price above the agreed price');
          if (normalizeChannel(facts.channel) !== normalizeChannel(sub.channel))
            throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt names another channel');
          return ctx.receipts.charge(facts);
        };
        check().then(
          (charge) => {
            if (done) return;
            // The receipt frame goes out only once the charge is durable (idempotent on request id).
            ctx.ledger
              .recordReceipt({
                requestId,
                clientKey,
                workerId,
                receipt,
                signature,
                chargeNano: charge,
                atMs: ctx.clock.now().getTime(),
              })
              .then(({ charged }) => {
                if (!end('completed')) return;
                if (charged) ctx.metrics.chargedNano.inc(charge);
                // Per-request success line at debug (info would be one log line per relayed request under load).
                if (ctx.logger.isLevelEnabled('debug'))
                  log().debug({ event: 'request_end', code: 'OK', chargeNano: charge, charged }, 'request completed');
                if (!res.writableEnded && !res.destroyed)
                  res.end(encodeReceiptStreamFrame(requestId, receipt, signature));
              })
              .catch((err: unknown) => {
                log().error({ err }, 'ledger: receipt not recorded');
                terminalError('BROKER_INTERNAL', true, 'failed');
              });
          },
          (err: unknown) => {
            log().warn({ event: 'bad_receipt', code: codeOf(err) }, 'receipt refused');
            terminalError('BROKER_BAD_RECEIPT', firstChunk, 'failed');
          },
        );
      },
      onFailed: (code) => terminalError(code, firstChunk, 'failed'),
      onLost: (code) => terminalError(firstChunk ? 'BROKER_WORKER_LOST_MIDSTREAM' : code, firstChunk, 'lost'),
    };

    const timeoutMs = ctx.config.requestTimeoutMs;
    const deadlineMs = ctx.clock.now().getTime() + timeoutMs;
    const timer = setTimeout(() => {
      session.cancel(requestId, 'BROKER_TIMEOUT');
      terminalError('BROKER_TIMEOUT', firstChunk, 'failed');
    }, timeoutMs);
    timer.unref();

    res.on('close', () => {
      if (done) return;
      // Client went away: stop the worker; nothing is charged for an answer nobody received.
      session.cancel(requestId, 'BROKER_CLIENT_GONE');
      terminalError('BROKER_CLIENT_GONE', true, 'abandoned');
    });

    this.active.set(requestId, {
      finish: (code, fatal) => {
        session.cancel(requestId, code);
        terminalError(code, fatal || firstChunk, 'failed');
      },
    });
    ctx.metrics.relayBytes.inc({ direction: 'client_to_worker' }, sub.sealed.length);
    const d: Dispatch = {
      requestId,
      sealed: sub.sealed,
      channel: sub.channel,
      priceNano,
      seq,
      deadlineMs,
      modelId: sub.modelId,
      sink,
    };
    session.dispatch(d);
  }

  /** Resolves when no stream is active or after `timeoutMs`; then ends the rest with BROKER_DRAINING. */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.active.size > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        t.unref();
        this.idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    for (const [, a] of [...this.active]) a.finish('BROKER_DRAINING', false);
  }
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

/**
 * A UUIDv7-shaped request id: 48-bit Unix milliseconds, then 74 random bits (from randomUUID). Time-ordered, so the
 * ledger's request and receipt keys are appended at the right edge of their B-trees instead of dirtying a random
 * page each (fewer pages per commit); still unguessable.
 */
export function newRequestId(clock: Clock): string {
  const r = randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx
  const ts = clock.now().getTime().toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(15)}`;
}
