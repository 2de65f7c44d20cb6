import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BrokerError } from '../errors';
import { sha256 } from '../crypto';
import { toHex } from '../../core/bytes';
import type { AccountService } from './accounts';
import type { WorkerPool } from './pool';
import type { Clock } from '../ports';
import type { Account } from '../ledger/types';
import type { BrokerContext } from './types';
import type { WorkerSession } from './worker-session';
import { RelayStream, type RelayedRequest } from './relay-stream';

export { STREAM_CONTENT_TYPE } from './relay-stream';

/** A client voucher as posted (domain form of chrysalis.v1.Voucher), validated by broker/http-codec.ts. */
export interface VoucherInput {
  readonly channel: string;
  readonly cumulativeNano: number;
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  readonly clientKey: Uint8Array;
}

/** A validated client request (domain form of chrysalis.v1.SubmitRequest). */
export interface Submit {
  readonly workerId: string;
  readonly modelId: Uint8Array;
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
  /** Highest price per prompt / completion token the client accepts (0 means 0, not unlimited). */
  readonly maxPromptPriceNano: number;
  readonly maxCompletionPriceNano: number;
  /** The reservation: the most this request may cost. */
  readonly maxCostNano: number;
  /** A cumulative voucher sent with the request (accepted as POST /v1/vouchers would). */
  readonly voucher?: VoucherInput;
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

  /**
   * Pre-stream failures throw BrokerError (mapped to HTTP by the route); after that, errors are stream frames.
   * `accounts.authorize` reserves `maxCostNano` for the client; the reservation is released exactly once, when the
   * request ends, whatever the outcome (refused here, or the stream's end after the charge is durable).
   */
  async submit(sub: Submit, res: ServerResponse, requestId: string): Promise<void> {
    if (this.draining) throw new BrokerError('BROKER_DRAINING', 'broker is shutting down', { retryAfterS: 5 });
    const acct = await this.accounts.authorize(sub);
    let reserved = true;
    const releaseReservation = (): void => {
      if (!reserved) return;
      reserved = false;
      void this.accounts.release(acct.clientKey, sub.maxCostNano);
    };
    try {
      await this.begin(sub, acct, res, requestId, releaseReservation);
    } catch (err) {
      releaseReservation();
      throw err;
    }
  }

  private async begin(
    sub: Submit,
    acct: Account,
    res: ServerResponse,
    requestId: string,
    releaseReservation: () => void,
  ): Promise<void> {
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
        {
          modelIdHex: toHex(sub.modelId),
          maxPromptPriceNano: sub.maxPromptPriceNano,
          maxCompletionPriceNano: sub.maxCompletionPriceNano,
          workerId: sub.workerId,
        },
        nowMs,
      );
    } catch (err) {
      return burn(err);
    }
    if (this.draining) return burn(new BrokerError('BROKER_DRAINING', 'broker is shutting down', { retryAfterS: 5 }));
    const sealedDigest = sha256(sub.sealed);
    const { promptNano, completionNano } = session.prices;
    const promptPriceNano = Number(promptNano);
    const completionPriceNano = Number(completionNano);
    const workerId = session.workerId!;
    // One transaction: fresh nonce, fresh sealed digest, next seq, request row. Still before any work is scheduled.
    const begun = await this.ctx.ledger.beginRequest(
      {
        requestId,
        clientKey: acct.clientKey,
        channel: acct.channel,
        workerId,
        sealedDigest: sealedDigest.toString('hex'),
        // The ledger keeps one price per request: the completion price (the prompt price is in the receipt).
        priceNano: completionPriceNano,
        createdAtMs: nowMs,
      },
      toHex(sub.nonce),
      {
        maxCostNano: Number(sub.maxCostNano), // authorize checked it against the deposit: a safe integer
        creditNano: this.ctx.config.defaultCreditNano + (this.ctx.config.clientCreditNano[acct.clientKey] ?? 0),
        sinceMs: nowMs - this.ctx.config.requestTimeoutMs,
      },
    );
    if (begun === 'NONCE_REPLAYED') throw new BrokerError('BROKER_NONCE_REPLAYED', 'nonce already used by this client');
    if (begun === 'REQUEST_REPLAYED')
      return burn(new BrokerError('BROKER_REQUEST_REPLAYED', 'this sealed request was already submitted'));
    if (typeof begun === 'object' && 'refused' in begun)
      // Another replica's requests in flight already use this client's money (a shared PostgreSQL ledger).
      return burn(
        begun.refused === 'BROKER_UNFUNDED'
          ? new BrokerError('BROKER_UNFUNDED', 'channel balance exhausted')
          : new BrokerError(
              'BROKER_VOUCHER_REQUIRED',
              `send a voucher for a cumulative ${begun.requiredNano} nanoton`,
              {
                details: { requiredNano: begun.requiredNano },
              },
            ),
      );
    if (session.state !== 'admitted' || this.draining) {
      // The worker left (or shutdown began) while the ledger was written: retryable, nothing charged.
      await this.ctx.ledger.finishRequest(requestId, 'lost', 'BROKER_WORKER_LOST', true);
      throw new BrokerError(this.draining ? 'BROKER_DRAINING' : 'BROKER_NO_WORKER', 'worker no longer available', {
        retryAfterS: 1,
      });
    }
    const { sealed, channel, modelId, maxCostNano } = sub;
    const req: RelayedRequest = {
      requestId,
      sealed,
      channel,
      modelId,
      seq: begun.seq,
      promptPriceNano,
      completionPriceNano,
      maxCostNano,
      sealedDigest,
      clientKey: acct.clientKey,
    };
    this.stream(req, res, session, releaseReservation);
  }

  private stream(req: RelayedRequest, res: ServerResponse, session: WorkerSession, onEnd: () => void): void {
    const s = new RelayStream(this.ctx, res, session, req, (id) => {
      onEnd();
      this.release(id);
    });
    s.open();
    this.active.set(req.requestId, s);
    s.dispatch();
  }

  private release(requestId: string): void {
    this.active.delete(requestId);
    if (this.active.size === 0) for (const w of this.idleWaiters.splice(0)) w();
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
