import { Address } from '@ton/core';
import { BrokerError, type BrokerCode } from '../errors';
import { ed25519VerifyAsync, sha256 } from '../crypto';
import { toHex } from '../../core/bytes';
import { ChrysalisError } from '../../attestation/errors';
import {
  checkVoucherAgainst,
  decodeVoucherBoc,
  type ChannelView,
  type SignedVoucher,
  type Voucher,
} from '../../contracts/voucher';
import type { Account, VoucherRecord } from '../ledger/types';
import type { ClientChannel, VoucherVerifier } from '../ports';
import { encodeSubmitSigningMessage, encodeSubmitSigningMessageV2 } from '../../proto/submit-signing';
import { ACCOUNT_AUTH_MAX_SKEW_S, encodeAccountAuthMessage, parseAccountAuthHeader } from '../../proto/account-auth';
import type { BrokerContext } from './types';

/** A client voucher as posted (chrysalis.v1.Voucher): POST /v1/vouchers, or riding on a SubmitRequest. */
export interface VoucherSubmission {
  readonly channel: string;
  /** Must equal the amount inside the voucher. */
  readonly cumulativeNano: number | bigint;
  /** BoC of the voucher cell (contracts/voucher.ts `encodeVoucherBoc`). */
  readonly voucher: Uint8Array;
  /** Ed25519 by the channel's payer key over the voucher cell's hash. */
  readonly signature: Uint8Array;
  readonly clientKey: Uint8Array;
}

export interface SignedSubmit {
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  /** Hex worker id as sent ('' = any worker). */
  readonly workerId: string;
  readonly maxPromptPriceNano: number | bigint;
  readonly maxCompletionPriceNano: number | bigint;
  /** The reservation: the most this request may cost (> 0). */
  readonly maxCostNano: number | bigint;
  /** A prepay voucher sent with the request, accepted exactly as POST /v1/vouchers accepts it. */
  readonly voucher?: VoucherSubmission;
}

type SigningFields = Pick<
  SignedSubmit,
  | 'sealed'
  | 'nonce'
  | 'channel'
  | 'modelId'
  | 'workerId'
  | 'maxPromptPriceNano'
  | 'maxCompletionPriceNano'
  | 'maxCostNano'
>;

/**
 * The message a client signs (v3, `proto/submit-signing.ts`): domain tag, SHA-256(sealed), nonce, channel, model id,
 * worker id, maximum prompt and completion prices and the maximum cost, so none of them can be altered in transit.
 */
export function submitSigningMessage(s: SigningFields): Uint8Array {
  return encodeSubmitSigningMessage({
    sealedDigest: sha256(s.sealed),
    nonce: s.nonce,
    channel: s.channel,
    modelId: s.modelId,
    workerId: s.workerId,
    maxPromptPriceNano: s.maxPromptPriceNano,
    maxCompletionPriceNano: s.maxCompletionPriceNano,
    maxCostNano: s.maxCostNano,
  });
}

/** The retired v1 message, SHA-256(sealed) || nonce: only recognised in order to refuse it with a clear code. */
export function legacySubmitSigningMessage(sealed: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.concat([sha256(sealed), nonce]);
}

/**
 * The retired v2 messages this request could have been signed as (one max price for every token; the v2 field is
 * gone from the wire, so the v3 prices are tried in its place): only recognised to refuse them with a clear code.
 */
export function legacyV2SigningMessages(s: SigningFields): Uint8Array[] {
  const prices = new Set([BigInt(s.maxCompletionPriceNano), BigInt(s.maxPromptPriceNano)]);
  return [...prices].map((maxPriceNano) =>
    encodeSubmitSigningMessageV2({
      sealedDigest: sha256(s.sealed),
      nonce: s.nonce,
      channel: s.channel,
      modelId: s.modelId,
      workerId: s.workerId,
      maxPriceNano,
    }),
  );
}

/** The default VoucherVerifier: the PaymentChannel contract's Claim rules, off-chain (contracts/voucher.ts). */
export const contractVoucherVerifier: VoucherVerifier = {
  verify(voucher, view): void {
    checkVoucherAgainst(voucher, view);
  },
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A non-negative integer amount as bigint; null when it is not one. */
function amountOf(n: number | bigint): bigint | null {
  if (typeof n === 'bigint') return n >= 0n ? n : null;
  return Number.isSafeInteger(n) && n >= 0 ? BigInt(n) : null;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** A VOUCHER_* refusal (anything else a verifier throws counts as a bad signature: it did not vouch for it). */
function voucherError(err: unknown): BrokerError {
  if (err instanceof BrokerError) return err;
  const code = err instanceof ChrysalisError && err.code.startsWith('VOUCHER_') ? err.code : 'VOUCHER_BAD_SIGNATURE';
  return new BrokerError(code as BrokerCode, err instanceof Error ? err.message : 'voucher rejected', { cause: err });
}

/**
 * Client identity and money, checked before any work is scheduled: signature by the channel's payer key, known
 * client whose channel matches, vouchers, credit and reservations, rate. (Nonce freshness: ledger.beginRequest.)
 * Throws BrokerError.
 *
 * Credit (per client): a request is let through only when
 *   vouched + credit >= charged + reserved + maxCost   (else BROKER_VOUCHER_REQUIRED, details.requiredNano)
 *   charged + reserved + maxCost <= deposit             (else BROKER_UNFUNDED)
 * where `reserved` is the sum of the `maxCostNano` of the client's requests in flight (this process, in memory) and
 * `credit` = `clientCreditNano[client] + defaultCreditNano` (BrokerConfig). `authorize` reserves, `release` frees.
 */
export class AccountService {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private readonly reserved = new Map<string, bigint>();
  constructor(private readonly ctx: BrokerContext) {}

  /**
   * Signature, then the voucher riding on the request (if any), then the credit check; on success reserves
   * `maxCostNano` for the client. The caller must call `release(account.clientKey, maxCostNano)` exactly once when
   * the request ends, whatever the outcome.
   */
  async authorize(s: SignedSubmit): Promise<Account> {
    await this.checkSignature(s);
    const key = toHex(s.clientKey);
    if (s.voucher) {
      if (s.voucher.clientKey.length !== 0 && toHex(s.voucher.clientKey) !== key)
        throw new BrokerError('VOUCHER_MALFORMED', 'the voucher names another client key');
      await this.acceptVoucher({ ...s.voucher, clientKey: s.clientKey });
    }
    const maxCost = amountOf(s.maxCostNano);
    if (maxCost === null || maxCost === 0n)
      throw new BrokerError('BROKER_RESERVATION_REQUIRED', 'maxCostNano (the most this request may cost) must be > 0');
    let acct = await this.ctx.ledger.getAccount(key);
    if (!acct || acct.channel !== s.channel || !this.funded(acct, maxCost))
      acct = (await this.refresh(s.clientKey)) ?? acct;
    if (!acct || acct.channel !== s.channel)
      throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    // From here to the reservation nothing awaits: the check and the reservation are one step.
    if (!this.funded(acct, maxCost)) throw new BrokerError('BROKER_UNFUNDED', 'channel balance exhausted');
    const need = BigInt(acct.chargedNano) + this.reservedOf(key) + maxCost;
    const credit = BigInt(this.ctx.config.defaultCreditNano) + BigInt(this.ctx.config.clientCreditNano[key] ?? 0);
    if (BigInt(acct.vouchedNano) + credit < need) {
      const requiredNano = Number(need - credit); // need <= deposit (funded): a safe integer
      throw new BrokerError('BROKER_VOUCHER_REQUIRED', `send a voucher for a cumulative ${requiredNano} nanoton`, {
        details: { requiredNano },
      });
    }
    this.rateLimit(key);
    this.reserved.set(key, this.reservedOf(key) + maxCost);
    // The nonce is consumed atomically with the request record (RelayService -> ledger.beginRequest).
    return acct;
  }

  /** Frees a reservation made by `authorize`. Never takes a client's reservations below zero. */
  release(clientKeyHex: string, maxCostNano: number | bigint): void {
    const key = clientKeyHex.toLowerCase();
    const cur = this.reserved.get(key);
    const amount = amountOf(maxCostNano);
    if (cur === undefined || amount === null) return;
    if (cur - amount > 0n) this.reserved.set(key, cur - amount);
    else this.reserved.delete(key);
  }

  /** The sum of the client's reservations in flight (nanoton). */
  reservedOf(clientKeyHex: string): bigint {
    return this.reserved.get(clientKeyHex.toLowerCase()) ?? 0n;
  }

  /**
   * Accepts a client voucher (POST /v1/vouchers, SubmitRequest.voucher): it must be one the channel pays, by the
   * contract's own rules (`VoucherVerifier`, default `checkVoucherAgainst`), against the channel as the chain holds
   * it with `claimed`/`lastSeq` raised to the latest voucher this broker accepted, so every accepted voucher raises
   * both amount and seq and stays claimable. Records it; returns the account. Throws BrokerError (VOUCHER_*,
   * BROKER_UNKNOWN_CLIENT, the channel directory's refusals); nothing is recorded when refused.
   */
  async acceptVoucher(v: VoucherSubmission): Promise<Account> {
    let body: Voucher;
    try {
      body = decodeVoucherBoc(v.voucher);
    } catch (err) {
      throw voucherError(err);
    }
    const posted = amountOf(v.cumulativeNano);
    if (posted === null || posted !== body.amount)
      throw new BrokerError('VOUCHER_MALFORMED', 'cumulativeNano differs from the amount inside the voucher');
    if (body.amount > MAX_SAFE || body.seq > MAX_SAFE)
      throw new BrokerError('VOUCHER_MALFORMED', 'voucher amount or seq out of range');
    let postedChannel: Address | null = null;
    try {
      postedChannel = Address.parse(v.channel);
    } catch {
      // reported below
    }
    if (!postedChannel || !postedChannel.equals(body.channel))
      throw new BrokerError('VOUCHER_WRONG_CHANNEL', 'the posted channel differs from the channel inside the voucher');
    const key = toHex(v.clientKey);
    const { account, view } = await this.viewFor(v.clientKey, body.amount);
    const sv: SignedVoucher = { ...body, signature: Uint8Array.from(v.signature) };
    try {
      (this.ctx.vouchers ?? contractVoucherVerifier).verify(sv, view);
    } catch (err) {
      throw voucherError(err);
    }
    const rec: VoucherRecord = {
      clientKey: key,
      channel: account.channel,
      cumulativeNano: Number(body.amount),
      seq: Number(body.seq),
      voucher: Uint8Array.from(v.voucher),
      signature: Uint8Array.from(v.signature),
      atMs: this.ctx.clock.now().getTime(),
    };
    const out = await this.ctx.ledger.recordVoucher(rec);
    if (!out.ok) {
      const why = { VOUCHER_STALE_SEQ: 'voucher seq must grow', VOUCHER_NOT_MONOTONIC: 'voucher amount must grow' };
      throw new BrokerError(out.code, out.code === 'BROKER_UNKNOWN_CLIENT' ? 'unknown client' : why[out.code]);
    }
    return out.account;
  }

  /**
   * Checks `Chrysalis-Auth` (proto/account-auth.ts) for a read of `clientKey`'s account: signed by that very key,
   * within ACCOUNT_AUTH_MAX_SKEW_S of the broker's clock. Throws BROKER_AUTH_REQUIRED / BROKER_BAD_SIGNATURE /
   * BROKER_AUTH_EXPIRED.
   */
  async authenticateRead(clientKey: Uint8Array, header: string | string[] | undefined): Promise<void> {
    if (header === undefined || header === '')
      throw new BrokerError('BROKER_AUTH_REQUIRED', 'sign the account read (Chrysalis-Auth header)');
    const parsed = typeof header === 'string' ? parseAccountAuthHeader(header.trim()) : null;
    if (!parsed) throw new BrokerError('BROKER_BAD_SIGNATURE', 'Chrysalis-Auth is not <unix-seconds>.<128 hex>');
    const message = encodeAccountAuthMessage(clientKey, parsed.unixSeconds);
    if (!(await ed25519VerifyAsync(clientKey, message, parsed.signature)))
      throw new BrokerError('BROKER_BAD_SIGNATURE', 'Chrysalis-Auth does not verify under this client key');
    const now = Math.floor(this.ctx.clock.now().getTime() / 1000);
    if (Math.abs(now - parsed.unixSeconds) > ACCOUNT_AUTH_MAX_SKEW_S)
      throw new BrokerError('BROKER_AUTH_EXPIRED', `Chrysalis-Auth time is more than ${ACCOUNT_AUTH_MAX_SKEW_S} s off`);
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

  private funded(a: Account, maxCost: bigint): boolean {
    return (
      this.available(a) >= this.ctx.config.minBalanceNano &&
      BigInt(a.chargedNano) + this.reservedOf(a.clientKey) + maxCost <= BigInt(a.depositNano)
    );
  }

  private async checkSignature(s: SignedSubmit): Promise<void> {
    let message: Uint8Array;
    try {
      message = submitSigningMessage(s);
    } catch (err) {
      throw new BrokerError('BROKER_BAD_REQUEST', 'request fields do not fit the signing message', { cause: err });
    }
    if (await ed25519VerifyAsync(s.clientKey, message, s.signature)) return;
    // SECURITY: the v1 form (SHA-256(sealed) || nonce) and the v2 message (one max price, no cost bound) are refused
    // outright, never accepted. Recognising them only picks the error code (and costs more verifies on a bad
    // signature).
    const legacy = [legacySubmitSigningMessage(s.sealed, s.nonce), ...legacyV2SigningMessages(s)];
    for (const m of legacy) {
      if (await ed25519VerifyAsync(s.clientKey, m, s.signature))
        throw new BrokerError(
          'BROKER_SIGNATURE_OUTDATED',
          'v1/v2 request signatures are no longer accepted: sign the v3 message (proto/submit-signing.ts)',
        );
    }
    throw new BrokerError('BROKER_BAD_SIGNATURE', 'request signature does not verify under client_key');
  }

  /**
   * The client's account and the channel view its voucher is checked against: the chain's view (the channel
   * directory's `view`; re-read once when `amount` is above the cached deposit), with `globalId` = the broker's
   * network and `claimed`/`lastSeq` raised to the latest voucher this broker holds for the channel.
   */
  private async viewFor(clientKey: Uint8Array, amount: bigint): Promise<{ account: Account; view: ChannelView }> {
    const key = toHex(clientKey);
    let account = await this.ctx.ledger.getAccount(key);
    let base: Omit<ChannelView, 'globalId'> | null = null;
    const dir = this.ctx.channels;
    if (dir) {
      let c: ClientChannel | null = await dir.lookup(clientKey);
      if (c?.view && amount > c.view.deposit && dir.invalidate) {
        dir.invalidate(clientKey);
        c = await dir.lookup(clientKey);
      }
      if (!c) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no open payment channel with this payer key');
      account = await this.ctx.ledger.upsertAccount({ clientKey: key, channel: c.channel, depositNano: c.depositNano });
      base = c.view ?? null;
    }
    if (!account) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    // No-chain mode (no channel directory, or one without chain state such as a static client table): the channel
    // is the account's, its payer key the client key, its deposit the account's, open, nothing claimed on-chain.
    base ??= {
      channel: this.channelAddress(account.channel),
      payerKey: Uint8Array.from(clientKey),
      deposit: BigInt(account.depositNano),
      claimed: 0n,
      lastSeq: 0n,
      status: 'open',
    };
    const latest = await this.ctx.ledger.latestVoucher(account.channel);
    return {
      account,
      view: {
        ...base,
        globalId: this.ctx.config.globalId,
        claimed: max(max(base.claimed, BigInt(account.vouchedNano)), BigInt(latest?.cumulativeNano ?? 0)),
        lastSeq: max(base.lastSeq, BigInt(latest?.seq ?? 0)),
      },
    };
  }

  private channelAddress(channel: string): Address {
    try {
      return Address.parse(channel);
    } catch (cause) {
      throw new BrokerError('VOUCHER_WRONG_CHANNEL', "the client's channel is not a TON address", { cause });
    }
  }

  /** Re-reads the channel from the directory (chain); the deposit may have grown. */
  private async refresh(clientKey: Uint8Array): Promise<Account | null> {
    if (!this.ctx.channels) return null;
    let c;
    try {
      c = await this.ctx.channels.lookup(clientKey);
    } catch (err) {
      // A typed refusal (a channel that is not a PaymentChannel, a close delay too short) reaches the client.
      if (err instanceof BrokerError) throw err;
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
