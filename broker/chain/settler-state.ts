/**
 * The settler's in-memory state and what feeds it: client vouchers (kept only when above the latest held) and charged
 * receipts (what the broker owes each worker). See settler.ts for the policy.
 */
import type { Address } from '@ton/core';
import { globalIdOf } from '../../contracts/constants';
import type { SignedVoucher } from '../../contracts/voucher';
import type { ChainClient } from '../../contracts/chain/types';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import { systemClock, type Clock } from '../../core/clock';
import type { LedgerRepository } from '../ledger/types';
import { codeOf, silentLogger, type ChainLogger } from './errors';
import { parseClientVoucher } from './voucher-verifier';
import { openBrokerWallet, type BrokerWallet } from './wallet';
import type { ClaimRecord, Settler, SettlerOptions } from './settler-types';
import { toHex } from '../../core/bytes';
import { claimPolicy, type ClaimPolicy } from './settler-policy';

export interface ChannelState {
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

export interface WorkerState {
  readonly workerId: string;
  /** Sum of the worker's charged receipts (before the broker fee). */
  charged: bigint;
  /** The part of `charged` recorded by this process, per broker fee (bps) in force when each receipt was recorded. */
  readonly chargedByFee: Map<number, bigint>;
  latest: SignedVoucher | null;
  channel: Address | null;
  lastError: string | null;
}

/** Everything the settler's parts share. */
export interface SettlerCore {
  readonly opts: SettlerOptions;
  readonly chain: ChainClient;
  readonly logger: ChainLogger;
  readonly clock: Clock;
  readonly policy: ClaimPolicy;
  readonly wallet: BrokerWallet;
  readonly ledger: LedgerRepository | undefined;
  readonly brokerKeyBig: bigint;
  /** The chain's global id: client vouchers must name it, worker vouchers are signed with it. */
  readonly globalId: number;
  /** Broker fee in basis points when none is followed (`workers.feeBpsNow` unset), clamped to 0..10000. */
  readonly feeBps: number;
  readonly channels: Map<string, ChannelState>;
  readonly workers: Map<string, WorkerState>;
  readonly claims: ClaimRecord[];
  /** Durable state: 'done' once loaded from the ledger (or when there is none). */
  loadState: 'none' | 'loading' | 'done';
  loading: Promise<void> | null;
}

export function createSettlerCore(opts: SettlerOptions): SettlerCore {
  const { chain } = opts;
  const wallet =
    opts.wallet ??
    openBrokerWallet(chain, opts.brokerKey, {
      ...(opts.confirmTimeoutMs !== undefined ? { confirmTimeoutMs: opts.confirmTimeoutMs } : {}),
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    });
  return {
    opts,
    chain,
    logger: opts.logger ?? silentLogger,
    clock: opts.clock ?? systemClock,
    policy: claimPolicy(opts.policy),
    wallet,
    ledger: opts.ledger,
    brokerKeyBig: BigInt('0x' + toHex(opts.brokerKey.publicKey)),
    globalId: opts.globalId ?? globalIdOf(chain.network),
    feeBps: clampBps(opts.workers?.brokerFeeBps ?? 0),
    channels: new Map(),
    workers: new Map(),
    claims: [],
    loadState: opts.ledger ? 'none' : 'done',
    loading: null,
  };
}

export const nowMs = (core: SettlerCore): number => core.clock.now().getTime();

/** Whether this settler may send now (`isLeader`, default always). */
export const leads = (core: SettlerCore): boolean => core.opts.isLeader?.() ?? true;

const clampBps = (bps: number): number => Math.min(10000, Math.max(0, Math.trunc(bps)));

/** The broker fee in force now: the followed one (the registry's), else the fixed one. */
export function feeNow(core: SettlerCore): number {
  const follow = core.opts.workers?.feeBpsNow;
  return follow ? clampBps(follow.call(core.opts.workers)) : core.feeBps;
}

const share = (charged: bigint, bps: number): bigint => (charged * BigInt(10000 - bps)) / 10000n;

/**
 * What the broker owes a worker: each charge less the broker's fee in force when it was recorded, summed per fee
 * (the worker's own count, enclave-runtime/payouts). Charges loaded from the ledger carry no fee: they count under
 * the fee in force now.
 */
export function owedOf(core: SettlerCore, w: WorkerState): bigint {
  let counted = 0n;
  let owed = 0n;
  for (const [bps, amount] of w.chargedByFee) {
    counted += amount;
    owed += share(amount, bps);
  }
  const rest = w.charged - counted;
  return rest > 0n ? owed + share(rest, feeNow(core)) : owed;
}

function newChannelState(address: Address, ledgerChannel: string, clientKey: string): ChannelState {
  return {
    address,
    ledgerChannel,
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
}

/**
 * Settler.offerVoucher: verified (this channel, this network, the client's signature), then kept only when above the
 * latest held and what is claimed on-chain. The stored BoC is claimed as is (it carries globalId and seq).
 */
export function offerVoucher(core: SettlerCore, v: Parameters<Settler['offerVoucher']>[0]): boolean {
  const clientKey = typeof v.clientKey === 'string' ? v.clientKey.toLowerCase() : toHex(v.clientKey);
  let sv: SignedVoucher;
  try {
    sv = parseClientVoucher({
      channel: v.channel,
      cumulativeNano: v.cumulativeNano,
      voucher: v.voucher,
      signature: v.signature,
      clientKey: Buffer.from(clientKey, 'hex'),
      globalId: core.globalId,
    });
  } catch (err) {
    core.logger.warn(
      { event: 'settle_voucher', ok: false, code: 'BROKER_CHAIN_VOUCHER_INVALID', cause: codeOf(err, 'UNKNOWN') },
      'voucher not usable for settlement',
    );
    return false;
  }
  const key = sv.channel.toRawString();
  let st = core.channels.get(key);
  if (!st) {
    st = newChannelState(sv.channel, v.channel, clientKey);
    core.channels.set(key, st);
  }
  if (st.clientKey !== clientKey) return false;
  if (st.latest && (sv.amount <= st.latest.amount || sv.seq <= st.latest.seq)) return false;
  if (sv.amount <= st.claimedOnChain || sv.seq <= st.lastSeqOnChain) return false; // stale: already claimed past it
  st.latest = sv;
  st.latestAtMs = v.atMs ?? nowMs(core);
  return true;
}

export function workerState(core: SettlerCore, workerId: string): WorkerState {
  let w = core.workers.get(workerId);
  if (!w) {
    w = { workerId, charged: 0n, chargedByFee: new Map(), latest: null, channel: null, lastError: null };
    core.workers.set(workerId, w);
  }
  return w;
}

/** Settler.noteReceipt: adds a charged receipt to what the broker owes its worker, under the fee in force now. */
export function noteReceipt(core: SettlerCore, r: { workerId: string; chargeNano: number | bigint }): void {
  if (!core.opts.workers) return;
  const charge = BigInt(r.chargeNano);
  if (charge <= 0n) return;
  if (core.loadState === 'loading') return; // in the totals being loaded (see settler.ts)
  const w = workerState(core, r.workerId);
  const bps = feeNow(core);
  w.charged += charge;
  w.chargedByFee.set(bps, (w.chargedByFee.get(bps) ?? 0n) + charge);
}
