/**
 * Settlement helpers the broker calls.
 *
 * - `decideSettlement` is the LAZY claim policy as a pure function: cumulative vouchers make every later
 *   voucher supersede the earlier ones, so the payee claims on-chain only when it is worth it:
 *     threshold: unclaimed >= thresholdNano                         (bounded exposure)
 *     idle:      unclaimed >= minClaimNano and no new voucher for idleMs   (session ended)
 *     close:     the payer started a close (claim before the deadline), or the payee is shutting down
 *   and never when the unclaimed amount would not cover the claim's own fee (`minClaimNano`).
 * - `claimVoucher` checks a voucher against the channel's on-chain state (the same rules the contract
 *   enforces) and sends the Claim; it throws a typed error instead of wasting a transaction.
 */
import { type Address, type Sender } from '@ton/core';
import { ContractsError } from './errors';
import { type ChainClient } from './chain/types';
import { CHANNEL_OP_VALUE, type ChannelData, PaymentChannel } from './wrappers/payment-channel';
import { type ChannelView, checkVoucherAgainst, type SignedVoucher } from './voucher';
import { globalIdOf } from './constants';
import { toBytes32 } from './wrappers/codec';

export interface SettlementPolicy {
  /** Claim as soon as this much is unclaimed (nanoTON). */
  readonly thresholdNano: bigint;
  /** Claim what is unclaimed after this long without a new voucher. */
  readonly idleMs: number;
  /** Never claim less than this (a claim costs about 0.004 TON in fees). */
  readonly minClaimNano: bigint;
  /** While the channel is closing, claim no later than this long before the deadline. */
  readonly closeMarginMs: number;
}

export const DEFAULT_SETTLEMENT_POLICY: SettlementPolicy = Object.freeze({
  thresholdNano: 10_000_000_000n, // 10 TON
  idleMs: 6 * 3600_000, // 6 h
  minClaimNano: 50_000_000n, // 0.05 TON
  closeMarginMs: 600_000, // 10 min
});

export interface ChannelSettlementView {
  /** `claimed` as last read on-chain (or the last claim this payee sent). */
  readonly claimedOnChain: bigint;
  /** The highest voucher received (already verified), or null. */
  readonly latest: SignedVoucher | null;
  /** When `latest` arrived (ms since epoch). */
  readonly latestAtMs: number;
  /** Set when the payer started a unilateral close: when the refund becomes possible (ms). */
  readonly closeDeadlineMs?: number;
  /** The payee itself wants to close (shutdown / client left): claim everything now. */
  readonly payeeClosing?: boolean;
}

export type SettlementDecision =
  | { readonly action: 'none'; readonly unclaimed: bigint }
  | {
      readonly action: 'claim';
      readonly reason: 'threshold' | 'idle' | 'close';
      readonly voucher: SignedVoucher;
      readonly unclaimed: bigint;
    };

/** Pure lazy-claim policy. `nowMs` is passed in (no clock inside). */
export function decideSettlement(
  view: ChannelSettlementView,
  policy: SettlementPolicy,
  nowMs: number,
): SettlementDecision {
  const latest = view.latest;
  const unclaimed = latest && latest.amount > view.claimedOnChain ? latest.amount - view.claimedOnChain : 0n;
  if (!latest || unclaimed === 0n) return { action: 'none', unclaimed };
  const closing =
    view.payeeClosing === true ||
    (view.closeDeadlineMs !== undefined && nowMs >= view.closeDeadlineMs - policy.closeMarginMs);
  if (closing && unclaimed > 0n) return { action: 'claim', reason: 'close', voucher: latest, unclaimed };
  if (unclaimed < policy.minClaimNano) return { action: 'none', unclaimed };
  if (unclaimed >= policy.thresholdNano) return { action: 'claim', reason: 'threshold', voucher: latest, unclaimed };
  if (nowMs - view.latestAtMs >= policy.idleMs) return { action: 'claim', reason: 'idle', voucher: latest, unclaimed };
  return { action: 'none', unclaimed };
}

/** The `ChannelView` of a channel's on-chain data, on the chain with global id `globalId`. */
export function channelView(channel: Address, data: ChannelData, globalId: number): ChannelView {
  return {
    channel,
    globalId,
    payerKey: toBytes32(data.payerKey),
    deposit: data.deposit,
    claimed: data.claimed,
    lastSeq: data.lastSeq,
    status: data.status,
  };
}

/**
 * Claims `voucher` on `channel` from the payee's wallet `via`. Reads the channel first and refuses a voucher
 * the contract would reject (codes of `checkVoucherAgainst` on the chain's global id, plus CHAIN_NOT_DEPLOYED).
 * Returns the delta paid if the transaction is applied. Does not wait for the transaction.
 */
export async function claimVoucher(
  chain: ChainClient,
  channel: Address,
  voucher: SignedVoucher,
  via: Sender,
  opts: { value?: bigint; queryId?: bigint } = {},
): Promise<{ delta: bigint }> {
  const data = await chain.getChannel(channel);
  if (!data) throw new ContractsError('CHAIN_NOT_DEPLOYED', 'channel not deployed');
  checkVoucherAgainst(voucher, channelView(channel, data, globalIdOf(chain.network)));
  const delta = voucher.amount - data.claimed;
  const ch = chain.open(PaymentChannel.createFromAddress(channel));
  await ch.sendClaim(via, {
    voucher,
    value: opts.value ?? CHANNEL_OP_VALUE,
    ...(opts.queryId !== undefined ? { queryId: opts.queryId } : {}),
  });
  return { delta };
}

/** Payee-side cooperative close with an optional final voucher (checked like `claimVoucher`, equal amount allowed). */
export async function closeCooperatively(
  chain: ChainClient,
  channel: Address,
  via: Sender,
  final?: SignedVoucher,
): Promise<void> {
  const data = await chain.getChannel(channel);
  if (!data) throw new ContractsError('CHAIN_NOT_DEPLOYED', 'channel not deployed');
  if (final) checkVoucherAgainst(final, channelView(channel, data, globalIdOf(chain.network)), { allowEqual: true });
  const ch = chain.open(PaymentChannel.createFromAddress(channel));
  await ch.sendCooperativeClose(via, final ? { final } : {});
}
