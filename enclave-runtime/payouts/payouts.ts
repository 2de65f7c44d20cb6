/**
 * The worker's payouts: vouchers from each broker are checked (intake.ts), the latest per channel is kept
 * (store.ts), and claimed from the operating wallet (claimer.ts) once `amount - claimed >= claimThresholdNano`.
 * The worker counts what it earned from the receipts it signed (charge x (10000 - brokerFeeBps) / 10000); when a
 * broker's vouchers fall more than `maxUnpaidNano` behind, that broker's new requests are refused with WORKER_UNPAID
 * until a voucher catches up.
 *
 * The fee is the registry's `params.brokerFeeBps` when `feeRegistry` is given: re-checked every `refreshMs` (one
 * get_version call; the registry is re-read only when its version changed). Each receipt is counted under the fee in
 * force when it was signed, so a fee changed on chain changes how earned is counted from then on, not before.
 */
import { Address } from '@ton/core';
import type { ChainClient, WalletKeys } from '../../contracts/chain/types';
import type { Network } from '../../contracts/constants';
import { claimVoucher, type ClaimOptions } from './claimer';
import { checkWorkerVoucher, type WorkerVoucherFrame } from './intake';
import { PayoutStore, type KeptVoucher } from './store';

/** The logger payouts write to (the broker link's logger fits). */
export interface PayoutLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PayoutsOptions {
  /** The payout book, or the data dir that holds (or will hold) `payouts.sqlite`. */
  readonly store: PayoutStore | string;
  readonly chain: ChainClient;
  /** The network vouchers must name (its global id). */
  readonly network: Network;
  /** The GPU owner's address: every channel must pay it. */
  readonly payoutAddress: Address | string;
  /** The wallet that sends claims and pays their fees; without it vouchers are kept but never claimed. */
  readonly operatingWallet?: WalletKeys;
  readonly claimThresholdNano: bigint;
  /** Earned less vouched above which a broker's new requests are refused; undefined: no bound. */
  readonly maxUnpaidNano?: bigint | undefined;
  /** The broker's share of each charge at start (registry `brokerFeeBps`, or the operator's override). */
  readonly brokerFeeBps: number;
  /** Follow the fee of this registry from then on (unset: `brokerFeeBps` is fixed). */
  readonly feeRegistry?: { readonly address: Address | string; readonly refreshMs?: number };
  readonly logger?: PayoutLogger;
  readonly claim?: ClaimOptions;
  /**
   * How often a voucher refused only because the chain could not be read (PAYOUT_CHAIN_UNAVAILABLE) is checked again,
   * and kept vouchers past the threshold whose claim failed are claimed again (default 30 s; 0: never). Without it a
   * transient chain failure would leave the worker unpaid until the broker signs a newer voucher, which may never
   * come once the unpaid bound stops the worker's traffic.
   */
  readonly retryMs?: number;
}

/** What one broker link uses. */
export interface BrokerPayouts {
  /** 'WORKER_UNPAID' while this broker owes more than the bound (logged when that starts and ends), else undefined. */
  refusal(): 'WORKER_UNPAID' | undefined;
  /** A receipt the worker signed for this broker charged `amountNano`. */
  onReceipt(amountNano: bigint): void;
  /**
   * Checks and keeps a voucher (claiming it when over the threshold; a failed claim is logged and retried every
   * `retryMs`, with the next voucher, or by `claimDue`). Throws the intake's typed refusal; a refused voucher changes
   * nothing (one refused only because the chain was unreadable is checked again every `retryMs`).
   */
  onVoucher(f: WorkerVoucherFrame): Promise<KeptVoucher>;
}

export interface ClaimOutcome {
  readonly channel: string;
  readonly amount: bigint;
  /** The channel's claimed amount after the claim, or the error code when it failed. */
  readonly claimed?: bigint;
  readonly code?: string;
}

/** How often the registry's fee is re-checked by default (one get_version call when unchanged). */
export const DEFAULT_FEE_REFRESH_MS = 60_000;

/** How often transiently refused vouchers and failed claims are retried by default. */
export const DEFAULT_PAYOUT_RETRY_MS = 30_000;

const clampBps = (n: number): number => Math.min(10000, Math.max(0, Math.trunc(n)));

const noopLogger: PayoutLogger = { info: () => undefined, warn: () => undefined };

export class Payouts {
  readonly store: PayoutStore;
  private readonly payout: Address;
  private readonly log: PayoutLogger;
  private feeBps: number;
  private readonly feeTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly refusing = new Set<string>();
  /** Per channel: the latest voucher refused only because the chain could not be read, to check again. */
  private readonly pending = new Map<string, { readonly broker: string; readonly frame: WorkerVoucherFrame }>();
  private readonly retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: PayoutsOptions) {
    this.store = typeof opts.store === 'string' ? new PayoutStore(opts.store) : opts.store;
    this.payout = typeof opts.payoutAddress === 'string' ? Address.parse(opts.payoutAddress) : opts.payoutAddress;
    this.log = opts.logger ?? noopLogger;
    this.feeBps = clampBps(opts.brokerFeeBps);
    const refreshMs = opts.feeRegistry?.refreshMs ?? DEFAULT_FEE_REFRESH_MS;
    this.feeTimer =
      opts.feeRegistry && refreshMs > 0
        ? setInterval(() => void this.refreshFee().catch(() => undefined), refreshMs)
        : undefined;
    this.feeTimer?.unref();
    const retryMs = opts.retryMs ?? DEFAULT_PAYOUT_RETRY_MS;
    this.retryTimer = retryMs > 0 ? setInterval(() => void this.retry(), retryMs) : undefined;
    this.retryTimer?.unref();
  }

  /**
   * Checks again every voucher refused only for an unreadable chain (kept when it now verifies), then claims every
   * kept voucher past the threshold (a claim that failed earlier). Never throws; what fails waits for the next retry.
   */
  async retry(): Promise<void> {
    for (const [channel, p] of [...this.pending]) {
      await this.serial(() => this.intake(p.broker, p.frame)).catch(() => undefined);
      if (this.pending.get(channel) === p) this.pending.delete(channel);
    }
    await this.claimDue().catch(() => undefined);
  }

  /** The broker fee (basis points) new receipts are counted under. */
  get brokerFeeBps(): number {
    return this.feeBps;
  }

  /**
   * Re-reads the fee from `feeRegistry` (a no-op without one) and counts new receipts under it; logs a change.
   * A failed read is logged and thrown, and the fee in force stays.
   */
  async refreshFee(): Promise<number> {
    const reg = this.opts.feeRegistry;
    if (!reg) return this.feeBps;
    const address = typeof reg.address === 'string' ? Address.parse(reg.address) : reg.address;
    let snap;
    try {
      snap = await this.opts.chain.readRegistry(address);
    } catch (err) {
      this.log.warn(
        { event: 'payout_fee_unreadable', code: (err as { code?: string }).code, brokerFeeBps: this.feeBps },
        'could not re-read the broker fee from the registry: keeping the one in force',
      );
      throw err;
    }
    const next = clampBps(snap.params.brokerFeeBps);
    if (next !== this.feeBps) {
      this.log.info(
        { event: 'payout_fee_changed', fromBps: this.feeBps, toBps: next, registryVersion: snap.version },
        'the registry changed the broker fee: new receipts are counted under it',
      );
      this.feeBps = next;
    }
    return next;
  }

  /** The worker's own count of what `broker` owes it: each charge less the broker's fee in force when it was made. */
  earned(broker: string): bigint {
    const parts = this.store.chargedByFee(broker);
    let counted = 0n;
    let earned = 0n;
    for (const p of parts) {
      counted += p.amount;
      earned += (p.amount * BigInt(10000 - p.feeBps)) / 10000n;
    }
    // Charges kept without a fee (an older book) count under the fee in force.
    const rest = this.store.charged(broker) - counted;
    if (rest > 0n) earned += (rest * BigInt(10000 - this.feeBps)) / 10000n;
    return earned;
  }

  /** Earned less vouched (never below 0). */
  unpaid(broker: string): bigint {
    const d = this.earned(broker) - this.store.vouched(broker);
    return d > 0n ? d : 0n;
  }

  forBroker(broker: string): BrokerPayouts {
    return {
      refusal: () => this.refusal(broker),
      onReceipt: (amount) => {
        if (amount > 0n) this.store.addCharged(broker, amount, this.feeBps);
      },
      onVoucher: (f) => this.serial(() => this.intake(broker, f)),
    };
  }

  private refusal(broker: string): 'WORKER_UNPAID' | undefined {
    const max = this.opts.maxUnpaidNano;
    if (max === undefined) return undefined;
    const unpaid = this.unpaid(broker);
    const over = unpaid > max;
    if (over && !this.refusing.has(broker)) {
      this.refusing.add(broker);
      this.log.warn(
        { event: 'payout_unpaid', broker, unpaidNano: unpaid.toString(), maxUnpaidNano: max.toString() },
        'broker has not paid within the bound: refusing its new requests',
      );
    } else if (!over && this.refusing.has(broker)) {
      this.refusing.delete(broker);
      this.log.info({ event: 'payout_resumed', broker }, 'broker paid: accepting its requests again');
    }
    return over ? 'WORKER_UNPAID' : undefined;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async intake(broker: string, f: WorkerVoucherFrame): Promise<KeptVoucher> {
    const kept = f.channel ? this.store.get(f.channel) : undefined;
    let ok;
    try {
      ok = await checkWorkerVoucher(f, {
        chain: this.opts.chain,
        network: this.opts.network,
        payoutAddress: this.payout,
        kept,
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      this.log.warn({ event: 'payout_voucher_refused', broker, code }, 'refused a voucher from the broker');
      // Not the voucher's fault: check it again later (a newer voucher from the broker replaces it).
      if (code === 'PAYOUT_CHAIN_UNAVAILABLE' && f.channel) this.pending.set(f.channel, { broker, frame: f });
      throw err;
    }
    const channel = f.channel ?? '';
    this.pending.delete(channel); // kept now, or superseded by this newer voucher (they arrive in order)
    if (!ok.duplicate) {
      this.store.keep({
        channel,
        broker,
        amount: ok.signed.amount,
        seq: ok.signed.seq,
        voucher: ok.boc,
        signature: ok.signed.signature,
        claimed: ok.chainClaimed,
      });
      this.log.info(
        { event: 'payout_voucher', broker, channel, amountNano: ok.signed.amount.toString() },
        'kept a voucher',
      );
    }
    this.refusal(broker); // logs a resume when this voucher catches up
    const now = this.store.get(channel)!;
    if (
      this.opts.operatingWallet &&
      now.amount - now.claimed >= this.opts.claimThresholdNano &&
      now.amount > now.claimed
    )
      await this.claimOne(now);
    return this.store.get(channel)!;
  }

  private async claimOne(v: KeptVoucher): Promise<ClaimOutcome> {
    const wallet = this.opts.operatingWallet;
    if (!wallet) return { channel: v.channel, amount: v.amount, code: 'PAYOUT_NO_OPERATING_WALLET' };
    try {
      const claimed = await claimVoucher(this.opts.chain, wallet, v, this.opts.claim);
      this.store.setClaimed(v.channel, claimed);
      this.log.info(
        { event: 'payout_claimed', channel: v.channel, claimedNano: claimed.toString() },
        'claimed a voucher',
      );
      return { channel: v.channel, amount: v.amount, claimed };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'PAYOUT_CHAIN_UNAVAILABLE';
      this.log.warn({ event: 'payout_claim_failed', channel: v.channel, code }, 'claim failed: retried later');
      return { channel: v.channel, amount: v.amount, code };
    }
  }

  /**
   * Claims every kept voucher with at least `minNano` unclaimed (default: the claim threshold; `chrysalis worker
   * claim` passes 1n), one after another. Failures are reported per channel, not thrown.
   */
  claimDue(minNano: bigint = this.opts.claimThresholdNano): Promise<ClaimOutcome[]> {
    return this.serial(async () => {
      const out: ClaimOutcome[] = [];
      for (const v of this.store.all()) {
        if (v.amount > v.claimed && v.amount - v.claimed >= minNano) out.push(await this.claimOne(v));
      }
      return out;
    });
  }

  /** Waits for queued intake and claims, then closes the payout book. */
  async close(): Promise<void> {
    if (this.feeTimer) clearInterval(this.feeTimer);
    if (this.retryTimer) clearInterval(this.retryTimer);
    await this.queue;
    this.store.close();
  }
}
