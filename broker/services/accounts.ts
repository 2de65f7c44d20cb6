import { BrokerError } from '../errors';
import { ed25519VerifyAsync, hex, sha256 } from '../crypto';
import type { Account } from '../ledger/types';
import type { BrokerContext } from './types';

export interface SignedSubmit {
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
}

/** The message a client signs: SHA-256(sealed) || nonce. */
export function submitSigningMessage(sealed: Uint8Array, nonce: Uint8Array): Buffer {
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
    if (!(await ed25519VerifyAsync(s.clientKey, submitSigningMessage(s.sealed, s.nonce), s.signature))) {
      throw new BrokerError('BROKER_BAD_SIGNATURE', 'request signature does not verify under client_key');
    }
    const key = hex(s.clientKey);
    let acct = await this.ctx.ledger.getAccount(key);
    if (!acct || acct.channel !== s.channel || this.available(acct) < this.ctx.config.minBalanceNano) acct = (await this.refresh(s.clientKey)) ?? acct;
    if (!acct || acct.channel !== s.channel) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    if (this.available(acct) < this.ctx.config.minBalanceNano) throw new BrokerError('BROKER_UNFUNDED', 'channel balance exhausted');
    const maxOwed = this.ctx.config.maxUnvouchedNano;
    if (maxOwed > 0 && acct.chargedNano - acct.vouchedNano > maxOwed) {
      throw new BrokerError('BROKER_VOUCHER_REQUIRED', 'send a voucher for the amount already charged');
    }
    this.rateLimit(key);
    // The nonce is consumed atomically with the request record (RelayService -> ledger.beginRequest).
    return acct;
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
    return this.ctx.ledger.upsertAccount({ clientKey: hex(clientKey), channel: c.channel, depositNano: c.depositNano });
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
      throw new BrokerError('BROKER_RATE_LIMITED', 'too many requests for this client', { retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / rate)) });
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.buckets.clear();
  }
}
