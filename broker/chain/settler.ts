/**
 * Settlement: the broker claims client vouchers on-chain LAZILY and pays workers with its own vouchers.
 *
 * Clients -> broker. Every verified client voucher (cumulative) supersedes the previous one, so only the latest per
 * channel is kept. A pass reads each channel (get_channel_data) and applies G's pure policy `decideSettlement`:
 * claim when unclaimed >= threshold, or after `idleMs` without a new voucher, or when the payer started a close
 * (before its deadline), or on `flush()` / `stop()` (the payee closing). The claim goes through G's `claimVoucher`
 * (off-chain copy of the contract's rules first: a voucher the contract would refuse is never sent) from the broker's
 * serialized wallet, then the channel is re-read until `claimed` reaches the voucher's amount.
 *   - A stale voucher (amount <= claimed on-chain, or seq <= lastSeq on-chain, or not above the latest held) is never
 *     sent again.
 *   - A failed send changes nothing: the latest voucher stays pending and the next pass retries it; what the broker
 *     believes is claimed is always re-read from the chain, never assumed.
 *
 * Broker -> workers. Each charged receipt (recorded by F1's ledger) adds the worker's share
 * (charge x (10000 - brokerFeeBps) / 10000) to what the broker owes that worker. On a pass the broker signs ONE
 * cumulative voucher per worker for min(owed, channel deposit) on the worker's PaymentChannel (payer key = broker key;
 * same contract), so every voucher is backed by receipts the broker holds. The worker claims it (it is the payee);
 * `onVoucher` delivers it (e.g. over the broker link), `workerVoucher(id)` returns the latest.
 *
 * Durable state (with `ledger`): the settler LOADS from the ledger once — when `settler.ledger.init()` runs (the
 * broker calls it at start), else before its first pass — the latest voucher of every channel not fully claimed
 * (`unclaimedVouchers`), and per worker the charged receipts and the latest signed voucher (`workerBalances`). Each
 * confirmed claim is recorded (`recordClaim`; also a claim found on-chain that the ledger lacks, e.g. a crash between
 * the claim and its record), each worker voucher is recorded (`recordWorkerVoucher`) before it is delivered. So after a
 * restart `flush()` claims what was received before it, and worker payments continue from the recorded totals. The
 * chain stays the authority: claimed/lastSeq are re-read before any send, so a stale voucher is never re-sent.
 * Receipts charged while the load query is in flight are assumed to be in it (true for SQLite and memory, whose
 * queries run synchronously; with PostgreSQL such a receipt is counted at the next load: under-paid, never over-paid).
 */
import type { Address } from '@ton/core';
import {
  claimVoucher,
  decideSettlement,
  DEFAULT_SETTLEMENT_POLICY,
  type SettlementPolicy,
} from '../../contracts/settlement';
import { decodeVoucherBoc, encodeVoucherBoc, signVoucher, type SignedVoucher } from '../../contracts/voucher';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import type { LedgerRepository } from '../ledger/types';
import { BrokerChainError, codeOf, silentLogger } from './errors';
import { parseClientVoucher } from './voucher-verifier';
import { openBrokerWallet } from './wallet';
import { wrapLedger } from './ledger-tap';
import type { ClaimRecord, Settler, SettlerOptions } from './settler-types';

export { wrapLedger } from './ledger-tap';
export type {
  WorkerPayments,
  SettlerOptions,
  ClaimRecord,
  ChannelSettlement,
  WorkerSettlement,
  Settler,
} from './settler-types';

interface ChannelState {
  readonly address: Address;
  /** The channel as the ledger spells it (VoucherRecord.channel): claims are recorded under it. */
  readonly ledgerChannel: string;
  readonly clientKey: string;
  /** Highest claim this process recorded in (or found already recorded by) the ledger. */
  recordedClaim: bigint;
  latest: SignedVoucher | null;
  latestAtMs: number;
  claimedOnChain: bigint;
  lastSeqOnChain: bigint;
  status: ChannelData['status'] | 'unknown';
  closeDeadlineMs: number | undefined;
  lastError: string | null;
}

interface WorkerState {
  readonly workerId: string;
  /** Sum of the worker's charged receipts (before the broker fee). */
  charged: bigint;
  latest: SignedVoucher | null;
  channel: Address | null;
  lastError: string | null;
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts the settler (no network until the first pass). See the file comment for the policy. */
export function startSettler(opts: SettlerOptions): Settler {
  const { chain } = opts;
  const logger = opts.logger ?? silentLogger;
  const now = opts.now ?? Date.now;
  const policy: SettlementPolicy = { ...DEFAULT_SETTLEMENT_POLICY, ...(opts.policy ?? {}) };
  const wallet =
    opts.wallet ??
    openBrokerWallet(chain, opts.brokerKey, {
      ...(opts.confirmTimeoutMs !== undefined ? { confirmTimeoutMs: opts.confirmTimeoutMs } : {}),
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    });
  const brokerKeyBig = BigInt('0x' + hexOf(opts.brokerKey.publicKey));
  const channelStates = new Map<string, ChannelState>();
  const workerStates = new Map<string, WorkerState>();
  const claims: ClaimRecord[] = [];
  const ledger = opts.ledger;
  const feeBps = BigInt(Math.min(10000, Math.max(0, opts.workers?.brokerFeeBps ?? 0)));
  const owedOf = (w: WorkerState): bigint => (w.charged * (10000n - feeBps)) / 10000n;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const serial = (fn: () => Promise<void>): Promise<void> => {
    const run = busy.then(fn);
    busy = run.catch(() => undefined);
    return run;
  };

  function offerVoucher(v: Parameters<Settler['offerVoucher']>[0]): boolean {
    const clientKey = typeof v.clientKey === 'string' ? v.clientKey.toLowerCase() : hexOf(v.clientKey);
    let sv: SignedVoucher;
    try {
      sv = parseClientVoucher({
        channel: v.channel,
        cumulativeNano: v.cumulativeNano,
        voucher: v.voucher,
        signature: v.signature,
        clientKey: Buffer.from(clientKey, 'hex'),
      });
    } catch (err) {
      logger.warn(
        { event: 'settle_voucher', ok: false, code: 'BROKER_CHAIN_VOUCHER_INVALID', cause: codeOf(err, 'UNKNOWN') },
        'voucher not usable for settlement',
      );
      return false;
    }
    const key = sv.channel.toRawString();
    let st = channelStates.get(key);
    if (!st) {
      st = {
        address: sv.channel,
        ledgerChannel: v.channel,
        recordedClaim: 0n,
        clientKey,
        latest: null,
        latestAtMs: 0,
        claimedOnChain: 0n,
        lastSeqOnChain: 0n,
        status: 'unknown',
        closeDeadlineMs: undefined,
        lastError: null,
      };
      channelStates.set(key, st);
    }
    if (st.clientKey !== clientKey) return false;
    if (st.latest && (sv.amount <= st.latest.amount || sv.seq <= st.latest.seq)) return false;
    if (sv.amount <= st.claimedOnChain || sv.seq <= st.lastSeqOnChain) return false; // stale: already claimed past it
    st.latest = sv;
    st.latestAtMs = v.atMs ?? now();
    return true;
  }

  const workerState = (workerId: string): WorkerState => {
    let w = workerStates.get(workerId);
    if (!w) {
      w = { workerId, charged: 0n, latest: null, channel: null, lastError: null };
      workerStates.set(workerId, w);
    }
    return w;
  };

  function noteReceipt(r: { workerId: string; chargeNano: number | bigint }): void {
    if (!opts.workers) return;
    const charge = BigInt(r.chargeNano);
    if (charge <= 0n) return;
    if (loadState === 'loading') return; // in the totals being loaded (see the file comment)
    workerState(r.workerId).charged += charge;
  }

  // Loading the durable state (once; retried by the next pass if it failed).
  let loadState: 'none' | 'loading' | 'done' = ledger ? 'none' : 'done';
  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    if (!ledger || loadState === 'done') return Promise.resolve();
    loading ??= (async () => {
      loadState = 'loading';
      try {
        const [vouchers, balances] = await Promise.all([
          ledger.unclaimedVouchers(),
          opts.workers ? ledger.workerBalances() : Promise.resolve([]),
        ]);
        for (const v of vouchers) offerVoucher(v); // merged: kept only when above what is held
        for (const b of balances) {
          const w = workerState(b.workerId);
          w.charged = BigInt(b.chargedNano); // every receipt charged so far, the tapped ones included
          if (b.voucher && (!w.latest || BigInt(b.voucher.cumulativeNano) > w.latest.amount)) {
            try {
              w.latest = { ...decodeVoucherBoc(b.voucher.voucher), signature: Uint8Array.from(b.voucher.signature) };
            } catch (err) {
              logger.error(
                { event: 'settle_load', code: codeOf(err, 'UNKNOWN'), workerId: b.workerId },
                'stored worker voucher unreadable',
              );
            }
          }
        }
        loadState = 'done';
        logger.info(
          { event: 'settle_load', ok: true, channels: vouchers.length, workers: balances.length },
          'settlement state loaded',
        );
      } catch (err) {
        loadState = 'none';
        loading = null;
        logger.error(
          { event: 'settle_load', ok: false, code: codeOf(err, 'BROKER_CHAIN_LEDGER_UNAVAILABLE') },
          'settlement state not loaded',
        );
        throw err;
      }
    })();
    return loading;
  }

  /** Records a claim in the ledger (once per amount); a failure is logged, the chain stays the authority. */
  async function recordClaim(st: ChannelState, amount: bigint, seq: bigint): Promise<void> {
    if (!ledger || amount <= st.recordedClaim) return;
    try {
      await ledger.recordClaim({
        channel: st.ledgerChannel,
        cumulativeNano: Number(amount),
        seq: Number(seq),
        atMs: now(),
      });
      st.recordedClaim = amount;
    } catch (err) {
      logger.error(
        {
          event: 'settle',
          ok: false,
          code: codeOf(err, 'BROKER_CHAIN_LEDGER_UNAVAILABLE'),
          channel: st.address.toString(),
        },
        'claim not recorded',
      );
    }
  }

  async function readChannel(st: ChannelState): Promise<ChannelData | null> {
    const d = await chain.getChannel(st.address);
    if (!d) {
      st.status = 'unknown';
      return null;
    }
    st.claimedOnChain = d.claimed;
    st.lastSeqOnChain = d.lastSeq;
    st.status = d.status;
    st.closeDeadlineMs = d.status === 'closing' ? (d.closeRequestedAt + d.closeDelay) * 1000 : undefined;
    return d;
  }

  async function settleChannel(st: ChannelState, payeeClosing: boolean): Promise<void> {
    if (!st.latest) return;
    try {
      const d = await readChannel(st);
      if (!d) throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', 'channel not deployed');
    } catch (err) {
      st.lastError = codeOf(err, 'CHAIN_REQUEST_FAILED');
      logger.warn(
        { event: 'settle', ok: false, code: st.lastError, channel: st.address.toString() },
        'channel unreadable',
      );
      return;
    }
    const v = st.latest;
    if (st.status === 'closed' || v.amount <= st.claimedOnChain || v.seq <= st.lastSeqOnChain) {
      st.lastError = null;
      await recordClaim(st, st.claimedOnChain, st.lastSeqOnChain); // claimed by an earlier process, maybe unrecorded
      return; // stale or closed: nothing to send
    }
    const decision = decideSettlement(
      {
        claimedOnChain: st.claimedOnChain,
        latest: v,
        latestAtMs: st.latestAtMs,
        ...(st.closeDeadlineMs !== undefined ? { closeDeadlineMs: st.closeDeadlineMs } : {}),
        payeeClosing,
      },
      policy,
      now(),
    );
    if (decision.action !== 'claim') return;
    try {
      await wallet.send('Claim', (sender) => claimVoucher(chain, st.address, v, sender));
    } catch (err) {
      st.lastError = codeOf(err, 'BROKER_CHAIN_SEND_FAILED');
      logger.warn({ event: 'settle', ok: false, code: st.lastError, channel: st.address.toString() }, 'claim not sent');
      if (st.lastError.startsWith('VOUCHER_')) await readChannel(st).catch(() => null); // refused off-chain: re-sync
      return;
    }
    // Applied by the wallet; the channel's own transaction follows (at once on the devnet).
    const deadline = Date.now() + (opts.confirmTimeoutMs ?? 30_000);
    for (;;) {
      const d = await readChannel(st).catch(() => null);
      if (d && d.claimed >= v.amount) break;
      if (Date.now() > deadline) {
        st.lastError = 'BROKER_CHAIN_NOT_APPLIED';
        logger.warn(
          { event: 'settle', ok: false, code: st.lastError, channel: st.address.toString() },
          'claim not applied on the channel',
        );
        return;
      }
      await sleep(opts.pollMs ?? 1000);
    }
    st.lastError = null;
    await recordClaim(st, v.amount, v.seq);
    const rec: ClaimRecord = {
      channel: st.address.toString(),
      amountNano: v.amount,
      deltaNano: decision.unclaimed,
      seq: v.seq,
      reason: decision.reason,
      atMs: now(),
    };
    claims.push(rec);
    if (claims.length > 10_000) claims.shift();
    logger.info(
      {
        event: 'settle',
        ok: true,
        channel: rec.channel,
        amountNano: rec.amountNano.toString(),
        deltaNano: rec.deltaNano.toString(),
        reason: rec.reason,
      },
      'voucher claimed',
    );
    opts.onClaim?.(rec);
  }

  async function payWorker(w: WorkerState): Promise<void> {
    const wp = opts.workers;
    if (!wp) return;
    const signed = w.latest?.amount ?? 0n;
    const owed = owedOf(w);
    if (owed <= signed) return;
    try {
      w.channel = (await wp.channelOf(w.workerId)) ?? null;
      if (!w.channel) throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', 'worker has no channel');
      const d = await chain.getChannel(w.channel);
      if (!d || d.status !== 'open' || d.payerKey !== brokerKeyBig)
        throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', "worker channel not open or not the broker's");
      const amount = owed < d.deposit ? owed : d.deposit; // never sign beyond the deposit (the contract would refuse)
      if (amount <= signed || amount <= d.claimed) return;
      const lastSeq = w.latest && w.latest.seq > d.lastSeq ? w.latest.seq : d.lastSeq;
      const v = signVoucher({ channel: w.channel, amount, seq: lastSeq + 1n }, opts.brokerKey.secretKey);
      // Recorded before it is delivered: a restarted broker continues from it (seq, amount), never below it.
      await ledger?.recordWorkerVoucher({
        workerId: w.workerId,
        channel: w.channel.toString(),
        cumulativeNano: Number(amount),
        seq: Number(v.seq),
        voucher: encodeVoucherBoc(v),
        signature: v.signature,
        atMs: now(),
      });
      w.latest = v;
      w.lastError = amount < owed ? 'BROKER_CHAIN_CHANNEL_UNAVAILABLE' : null; // deposit short of what is owed
      logger.info(
        { event: 'worker_voucher', workerId: w.workerId, amountNano: amount.toString() },
        'worker voucher signed',
      );
      try {
        await wp.onVoucher?.(w.workerId, v);
      } catch (err) {
        logger.warn(
          { event: 'worker_voucher', ok: false, code: codeOf(err, 'UNKNOWN'), workerId: w.workerId },
          'worker voucher not delivered',
        );
      }
    } catch (err) {
      w.lastError = codeOf(err, 'CHAIN_REQUEST_FAILED');
      logger.warn({ event: 'worker_voucher', ok: false, code: w.lastError, workerId: w.workerId }, 'worker not paid');
    }
  }

  const pass = (payeeClosing: boolean): Promise<void> =>
    serial(async () => {
      await load().catch(() => undefined); // logged; retried next pass
      for (const st of [...channelStates.values()]) await settleChannel(st, payeeClosing);
      if (loadState !== 'done') return; // never sign worker vouchers without the recorded ones (seq, amount)
      for (const w of [...workerStates.values()]) await payWorker(w);
    });

  const interval = opts.intervalMs ?? 60_000;
  const timer = interval > 0 ? setInterval(() => void pass(false).catch(() => undefined), interval) : null;
  timer?.unref();

  const wrapped = ledger ? wrapLedger(ledger, offerVoucher, noteReceipt, logger, () => load()) : undefined;

  return {
    get ledger(): LedgerRepository {
      if (!wrapped) throw new TypeError('startSettler was given no ledger');
      return wrapped;
    },
    wallet,
    offerVoucher,
    noteReceipt,
    tick: () => (stopped ? Promise.resolve() : pass(false)),
    flush: () => pass(true),
    async stop() {
      if (stopped) return busy;
      stopped = true;
      if (timer) clearInterval(timer);
      if (opts.claimOnStop ?? true) await pass(true);
      else await busy;
    },
    channels: () =>
      [...channelStates.values()].map((s) => ({
        channel: s.address.toString(),
        clientKey: s.clientKey,
        latestNano: s.latest?.amount ?? 0n,
        latestSeq: s.latest?.seq ?? 0n,
        claimedOnChainNano: s.claimedOnChain,
        status: s.status,
        lastError: s.lastError,
      })),
    workers: () =>
      [...workerStates.values()].map((w) => ({
        workerId: w.workerId,
        owedNano: owedOf(w),
        signedNano: w.latest?.amount ?? 0n,
        channel: w.channel?.toString() ?? null,
        lastError: w.lastError,
      })),
    claimedTotal: () => [...channelStates.values()].reduce((a, s) => a + s.claimedOnChain, 0n),
    claims,
    workerVoucher: (id) => workerStates.get(id)?.latest ?? null,
  };
}
