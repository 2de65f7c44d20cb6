/**
 * Settlement: the broker claims client vouchers on-chain LAZILY and pays workers with its own vouchers.
 *
 * Clients -> broker. Every verified client voucher (cumulative) supersedes the previous one, so only the latest per
 * channel is kept. A pass reads each channel (get_channel_data) and applies the pure policy `planClaims`
 * (settler-policy.ts) to all channels at once: claim when unclaimed >= the claim point, or after `idleMs` without a
 * new voucher, or when the payer started a close (before its deadline), or when the unclaimed total passes the
 * exposure cap (largest first), or on `flush()` (the payee closing). `stop()` runs a last ordinary pass: no dust
 * claims. The claim goes through `claimVoucher`
 * (off-chain copy of the contract's rules first: a voucher the contract would refuse is never sent) from the broker's
 * serialized wallet, then the channel is re-read until `claimed` reaches the voucher's amount.
 *   - A stale voucher (amount <= claimed on-chain, or seq <= lastSeq on-chain, or not above the latest held) is never
 *     sent again.
 *   - A failed send changes nothing: the latest voucher stays pending and the next pass retries it; what the broker
 *     believes is claimed is always re-read from the chain, never assumed.
 *
 * Broker -> workers. Each charged receipt (recorded by the broker's ledger) adds the worker's share
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
import type { LedgerRepository } from '../ledger/types';
import { wrapLedger } from './ledger-tap';
import { settleChannels } from './settler-claim';
import { loadSettlerState } from './settler-load';
import { payWorker } from './settler-pay';
import { createSettlerCore, leads, noteReceipt, offerVoucher, owedOf, type SettlerCore } from './settler-state';
import type { ChannelSettlement, Settler, SettlerOptions, WorkerSettlement } from './settler-types';

export { wrapLedger } from './ledger-tap';
export { claimPointOf, claimPolicy, DEFAULT_CLAIM_POLICY, planClaims } from './settler-policy';
export type { ClaimPolicy, ClaimReason, ClaimView, PlannedClaim } from './settler-policy';
export type {
  WorkerPayments,
  SettlerOptions,
  ClaimRecord,
  ChannelSettlement,
  WorkerSettlement,
  Settler,
} from './settler-types';

/** One pass over every channel, then (once the durable state is loaded) every worker. */
async function runPass(core: SettlerCore, payeeClosing: boolean): Promise<void> {
  if (!leads(core)) return;
  if (core.opts.isLeader) reloadFromLedger(core);
  await loadSettlerState(core).catch(() => undefined); // logged; retried next pass
  await settleChannels(core, payeeClosing);
  await payWorkers(core);
}

/** Worker vouchers only (the `workerIntervalMs` pass): no client claim is sent. */
async function payWorkers(core: SettlerCore): Promise<void> {
  if (!leads(core)) return;
  if (core.loadState !== 'done') await loadSettlerState(core).catch(() => undefined); // logged; retried next pass
  if (core.loadState !== 'done') return; // never sign worker vouchers without the recorded ones (seq, amount)
  for (const w of [...core.workers.values()]) await payWorker(core, w);
}

/** Replicas: what other replicas recorded since the last load is read again (merged: only what is above is kept). */
function reloadFromLedger(core: SettlerCore): void {
  if (core.loadState !== 'done' || !core.ledger) return;
  core.loadState = 'none';
  core.loading = null;
}

function channelSnapshots(core: SettlerCore): ChannelSettlement[] {
  return [...core.channels.values()].map((s) => ({
    channel: s.address.toString(),
    clientKey: s.clientKey,
    latestNano: s.latest?.amount ?? 0n,
    latestSeq: s.latest?.seq ?? 0n,
    claimedOnChainNano: s.claimedOnChain,
    status: s.status,
    lastError: s.lastError,
  }));
}

function workerSnapshots(core: SettlerCore): WorkerSettlement[] {
  return [...core.workers.values()].map((w) => ({
    workerId: w.workerId,
    owedNano: owedOf(core, w),
    signedNano: w.latest?.amount ?? 0n,
    channel: w.channel?.toString() ?? null,
    lastError: w.lastError,
  }));
}

/** Starts the settler (no network until the first pass). See the file comment for the policy. */
export function startSettler(opts: SettlerOptions): Settler {
  const core = createSettlerCore(opts);
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  // Passes never overlap: each waits for the one before it.
  const serial = (job: () => Promise<void>): Promise<void> => {
    const run = busy.then(job);
    busy = run.catch(() => undefined);
    return run;
  };
  const pass = (payeeClosing: boolean): Promise<void> => serial(() => runPass(core, payeeClosing));
  const interval = opts.intervalMs ?? 60_000;
  const timer = interval > 0 ? setInterval(() => void pass(false).catch(() => undefined), interval) : null;
  timer?.unref();
  // Worker vouchers on their own (usually shorter) period; the full pass signs them too.
  const workerInterval = opts.workerIntervalMs ?? interval;
  const workerTimer =
    opts.workers && workerInterval > 0 && workerInterval !== interval
      ? setInterval(() => void serial(() => payWorkers(core)).catch(() => undefined), workerInterval)
      : null;
  workerTimer?.unref();
  const offer = (v: Parameters<Settler['offerVoucher']>[0]): boolean => offerVoucher(core, v);
  const note = (r: Parameters<Settler['noteReceipt']>[0]): void => noteReceipt(core, r);
  const ledger: LedgerRepository | undefined = core.ledger;
  const wrapped = ledger ? wrapLedger(ledger, offer, note, core.logger, () => loadSettlerState(core)) : undefined;

  return {
    get ledger(): LedgerRepository {
      if (!wrapped) throw new TypeError('startSettler was given no ledger');
      return wrapped;
    },
    wallet: core.wallet,
    offerVoucher: offer,
    noteReceipt: note,
    tick: () => (stopped ? Promise.resolve() : pass(false)),
    flush: () => pass(true),
    async stop() {
      if (stopped) return busy;
      stopped = true;
      if (timer) clearInterval(timer);
      if (workerTimer) clearInterval(workerTimer);
      if (opts.claimOnStop ?? true) await pass(false);
      else await busy;
    },
    channels: () => channelSnapshots(core),
    workers: () => workerSnapshots(core),
    claimedTotal: () => [...core.channels.values()].reduce((a, s) => a + s.claimedOnChain, 0n),
    claims: core.claims,
    workerVoucher: (id) => core.workers.get(id)?.latest ?? null,
  };
}
