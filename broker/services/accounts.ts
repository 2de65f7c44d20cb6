import { BrokerError } from '../errors';
import { ed25519VerifyAsync, sha256 } from '../crypto';
import { toHex } from '../../core/bytes';
import type { Account } from '../ledger/types';
import { encodeSubmitSigningMessage } from '../../proto/submit-signing';
import type { BrokerContext } from './types';

export interface SignedSubmit {
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  /** Hex worker id as sent ('' = any worker). */
  readonly workerId: string;
  readonly maxPriceNano: number | bigint;
}

/**
 * The message a client signs (v2, `proto/submit-signing.ts`): domain tag, SHA-256(sealed), nonce, channel, model id,
 * worker id and max price, so none of them can be altered in transit.
 */
export function submitSigningMessage(
  s: Pick<SignedSubmit, 'sealed' | 'nonce' | 'channel' | 'modelId' | 'workerId' | 'maxPriceNano'>,
): Uint8Array {
  return encodeSubmitSigningMessage({
    sealedDigest: sha256(s.sealed),
    nonce: s.nonce,
    channel: s.channel,
    modelId: s.modelId,
    workerId: s.workerId,
    maxPriceNano: s.maxPriceNano,
  });
}

/** The retired v1 message, SHA-256(sealed) || nonce: only recognised in order to refuse it with a clear code. */
export function legacySubmitSigningMessage(sealed: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.concat([sha256(sealed), nonce]);
}

/**
 * Client identity and money, checked before any work is scheduled: signature by the channel's payer key, known
 * client whose channel matches, funded, within its rate. (Nonce freshness: ledger.beginRequest.) Throws BrokerError.
 */
export class AccountService {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  constructor(private readonly ctx: BrokerContext) {}

  async authorize(s: SignedSubmit): Promise<Account> {
    let message: Uint8Array;
    try {
      message = submitSigningMessage(s);
    } catch (err) {
      throw new BrokerError('BROKER_BAD_REQUEST', 'request fields do not fit the signing message', { cause: err });
    }
    if (!(await ed25519VerifyAsync(s.clientKey, message, s.signature))) {
      // SECURITY: the v1 form (SHA-256(sealed) || nonce) is refused outright, never accepted: it does not cover
      // max price, worker, model or channel. Recognising it only picks the error code (and costs one more verify
      // on a bad signature).
      if (await ed25519VerifyAsync(s.clientKey, legacySubmitSigningMessage(s.sealed, s.nonce), s.signature)) {
        throw new BrokerError(
          'BROKER_SIGNATURE_OUTDATED',
          'v1 request signature (SHA-256(sealed) || nonce) is no longer accepted: sign the v2 message',
        );
      }
      throw new BrokerError('BROKER_BAD_SIGNATURE', 'request signature does not verify under client_key');
    }
    const key = toHex(s.clientKey);
    let acct = await this.ctx.ledger.getAccount(key);
    if (!acct || acct.channel !== s.channel || this.available(acct) < this.ctx.config.minBalanceNano)
      acct = (await this.refresh(s.clientKey)) ?? acct;
    if (!acct || acct.channel !== s.channel)
      throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    if (this.available(acct) < this.ctx.config.minBalanceNano)
      throw new BrokerError('BROKER_UNFUNDED', 'channel balance exhausted');
    const maxOwed = this.ctx.config.maxUnvouchedNano;
    if (maxOwed > 0 && acct.chargedNano - acct.vouchedNano > maxOwed) {
      throw new BrokerError('BROKER_VOUCHER_REQUIRED', 'send a voucher for the amount already charged');
    }
    this.rateLimit(key);
    // The nonce is consumed atomically with the request record (RelayService -> ledger.beginRequest).
    return acct;
  }

  /**
   * The account of a client key: the ledger's, else the one its on-chain channel gives (the channel directory), so a
   * client with a funded channel is known before its first request. Null when neither knows the key.
   */
  async find(clientKey: Uint8Array): Promise<Account | null> {
    return (await this.ctx.ledger.getAccount(toHex(clientKey))) ?? (await this.refresh(clientKey));
  }

  available(a: Account): number {
    return a.depositNano - a.chargedNano;
  }

  /** Re-reads the channel from the directory (chain); the deposit may have grown. */
  private async refresh(clientKey: Uint8Array): Promise<Account | null> {
    if (!this.ctx.channels) return null;
    let c;
    try {
      c = await this.ctx.channels.lookup(clientKey);
    } catch (err) {
      this.ctx.logger.warn({ err }, 'channel directory lookup failed');
      return null;
    }
    if (!c) return null;
    return this.ctx.ledger.upsertAccount({
      clientKey: toHex(clientKey),
      channel: c.channel,
      depositNano: c.depositNano,
    });
  }

  private rateLimit(key: string): void {
    const { rateLimitPerSec: rate, rateLimitBurst: burst } = this.ctx.config;
    if (rate <= 0) return;
    const now = this.ctx.clock.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: burst, atMs: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.atMs) / 1000) * rate);
    b.atMs = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      throw new BrokerError('BROKER_RATE_LIMITED', 'too many requests for this client', {
        retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / rate)),
      });
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.buckets.clear();
  }
}
