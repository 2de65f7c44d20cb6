/**
 * Paying GPU owners: the broker side of broker -> worker channels. `WorkerPayoutBook` is both the broker's
 * `WorkerPayoutSink` (it learns each admitted worker's payout address and live session) and the settler's
 * `WorkerPayments`: `channelOf` returns the broker -> worker channel to the worker's payout address (payer = the
 * broker wallet, payer key = the broker key, closeDelay = the registry's workerCloseDelay), opening and funding it on
 * first need and topping it up when the signed amount nears the deposit; `onVoucher` sends `BrokerFrame.worker_voucher`
 * over the worker's live session, and a worker that is not connected gets the latest voucher when it is admitted again.
 */
import { Address, type Cell } from '@ton/core';
import { encodeVoucherBoc, type SignedVoucher } from '../../contracts/voucher';
import type { ChainClient } from '../../contracts/chain/types';
import type { PayableWorker, WorkerPayoutSink } from '../ports';
import { fundChannelVia, workerChannel } from './channel-open';
import { codeOf, silentLogger, type ChainLogger } from './errors';
import type { WorkerPayments } from './settler-types';
import type { BrokerWallet } from './wallet';

export interface WorkerPayoutOptions {
  readonly chain: ChainClient;
  readonly wallet: BrokerWallet;
  /** PaymentChannel code the channels run. */
  readonly code: Cell;
  /** Seconds between StartClose and FinishClose (the registry's workerCloseDelay). */
  readonly closeDelay: number;
  /** First deposit of each worker channel, and the amount of each top-up. */
  readonly depositNano: bigint;
  /** Top up once the latest signed amount is within this of the deposit (default depositNano / 2). */
  readonly topUpMarginNano?: bigint;
  readonly nonce?: bigint;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly logger?: ChainLogger;
}

interface PayoutEntry {
  /** Pinned at the first admission: a later Hello naming another address does not move the channel. */
  readonly payee: Address;
  session: PayableWorker | null;
  channel: Promise<Address> | null;
  /** Deposit as last funded or read. */
  deposit: bigint;
  latest: { v: SignedVoucher; earnedNano: bigint } | null;
}

export class WorkerPayoutBook implements WorkerPayoutSink, WorkerPayments {
  private readonly entries = new Map<string, PayoutEntry>();
  private readonly logger: ChainLogger;

  constructor(private readonly o: WorkerPayoutOptions) {
    this.logger = o.logger ?? silentLogger;
  }

  // ---------- WorkerPayoutSink (the broker) ----------

  admitted(w: PayableWorker): void {
    const payee = Address.parse(w.payoutAddress);
    let e = this.entries.get(w.workerId);
    if (!e) {
      e = { payee, session: null, channel: null, deposit: 0n, latest: null };
      this.entries.set(w.workerId, e);
    } else if (!e.payee.equals(payee)) {
      this.logger.warn(
        { event: 'worker_payout_address', workerId: w.workerId, ok: false },
        'worker named another payout address; its channel keeps paying the first one',
      );
    }
    e.session = w;
    if (e.latest) this.send(w.workerId, e, e.latest.v, e.latest.earnedNano); // what it missed while away
  }

  ended(workerId: string, connId: string): void {
    const e = this.entries.get(workerId);
    if (e?.session?.connId === connId) e.session = null;
  }

  /** The payout address a worker named (raw form), or null when it was never admitted here. */
  payoutAddressOf(workerId: string): string | null {
    return this.entries.get(workerId)?.payee.toRawString() ?? null;
  }

  // ---------- WorkerPayments (the settler) ----------

  channelOf(workerId: string): Promise<Address | null> {
    const e = this.entries.get(workerId);
    if (!e) return Promise.resolve(null);
    if (!e.channel) {
      const job = this.open(e);
      e.channel = job;
      job.catch(() => {
        if (e.channel === job) e.channel = null; // retried on the next pass
      });
    }
    return e.channel.then(async (ch) => {
      await this.topUpIfLow(e, ch);
      return ch;
    });
  }

  onVoucher(workerId: string, v: SignedVoucher, info?: { readonly earnedNano: bigint }): void {
    const e = this.entries.get(workerId);
    if (!e) return;
    const earnedNano = info?.earnedNano ?? v.amount;
    e.latest = { v, earnedNano };
    this.send(workerId, e, v, earnedNano);
  }

  // ---------- internals ----------

  private ch(e: PayoutEntry) {
    return workerChannel(this.o.wallet, {
      payee: e.payee,
      closeDelay: this.o.closeDelay,
      code: this.o.code,
      ...(this.o.nonce !== undefined ? { nonce: this.o.nonce } : {}),
    });
  }

  private timing() {
    return {
      ...(this.o.timeoutMs !== undefined ? { timeoutMs: this.o.timeoutMs } : {}),
      ...(this.o.pollMs !== undefined ? { pollMs: this.o.pollMs } : {}),
    };
  }

  /** The channel's address once it is open with money in it: found on chain (a restart) or deployed now. */
  private async open(e: PayoutEntry): Promise<Address> {
    const ch = this.ch(e);
    const d = await this.o.chain.getChannel(ch.address).catch(() => null);
    if (d && d.status === 'open' && d.deposit > 0n) {
      e.deposit = d.deposit;
      return ch.address;
    }
    const amount = this.o.depositNano;
    const funded = await fundChannelVia(this.o.chain, this.o.wallet, ch, {
      amount,
      atLeast: (d?.deposit ?? 0n) + amount,
      ...this.timing(),
    });
    e.deposit = funded.deposit;
    this.logger.info(
      { event: 'worker_channel_open', channel: ch.address.toString(), depositNano: funded.deposit.toString() },
      'worker channel opened',
    );
    return ch.address;
  }

  /** Tops the channel up when the latest voucher signed on it comes within the margin of its deposit. */
  private async topUpIfLow(e: PayoutEntry, address: Address): Promise<void> {
    const margin = this.o.topUpMarginNano ?? this.o.depositNano / 2n;
    const signed = e.latest && e.latest.v.channel.equals(address) ? e.latest.v.amount : 0n;
    if (e.deposit - signed > margin) return;
    try {
      const funded = await fundChannelVia(this.o.chain, this.o.wallet, this.ch(e), {
        amount: this.o.depositNano,
        atLeast: e.deposit + this.o.depositNano,
        ...this.timing(),
      });
      e.deposit = funded.deposit;
      this.logger.info(
        { event: 'worker_channel_topup', channel: address.toString(), depositNano: funded.deposit.toString() },
        'worker channel topped up',
      );
    } catch (err) {
      // The channel still works up to its deposit; the settler signs no more than that and retries next pass.
      this.logger.warn(
        { event: 'worker_channel_topup', ok: false, code: codeOf(err, 'UNKNOWN'), channel: address.toString() },
        'worker channel top-up failed',
      );
    }
  }

  private send(workerId: string, e: PayoutEntry, v: SignedVoucher, earnedNano: bigint): void {
    if (!e.session) return; // kept: sent when the worker is admitted again
    try {
      e.session.sendVoucher({
        channel: v.channel.toString(),
        cumulativeNano: v.amount,
        voucher: encodeVoucherBoc(v),
        signature: v.signature,
        earnedNano,
      });
    } catch (err) {
      this.logger.warn(
        { event: 'worker_voucher', ok: false, code: codeOf(err, 'UNKNOWN'), workerId },
        'worker voucher not sent',
      );
    }
  }
}
