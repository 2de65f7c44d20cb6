/**
 * The broker's claim policy, as a pure function over every channel at once (the settler and `npm run bench` run this
 * same code). A client channel is claimed when:
 *   close:     the payer started a close (claim before its deadline), or the payee closes (`flush()`): any amount;
 *   threshold: unclaimed >= the claim point = max(thresholdNano, feeMultiple x claimFeeNano);
 *   idle:      unclaimed >= minClaimNano and no new voucher for idleMs;
 *   exposure:  the unclaimed total over all channels exceeds exposureCapNano: the largest are claimed first until the
 *              rest is within the cap.
 * Nothing else is claimed, so a stop never claims dust: what is below the policy stays in the ledger for the next run.
 *
 * Defaults come from the measured fee table (broker/chain/README.md, `npm run bench -- settlement`): one claim from a
 * v4 wallet costs about 0.0084 TON for the whole trace, so a 160-TON claim point keeps claim fees near 0.005 % of
 * what is claimed (about 0.04 TON per 1M requests of 0.0008 TON on each side, client and worker; the broker's top-ups
 * of worker channels come on top: see the settlement table in broker/chain/README.md).
 */
import { DEFAULT_SETTLEMENT_POLICY, type SettlementPolicy } from '../../contracts/settlement';

export interface ClaimPolicy extends SettlementPolicy {
  /** Measured fee of one claim, whole trace (nanoTON). */
  readonly claimFeeNano: bigint;
  /** Never claim on threshold below this many claim fees (0: no floor). */
  readonly feeMultiple: bigint;
  /** Cap on the unclaimed total across all channels (nanoTON); 0: no cap. */
  readonly exposureCapNano: bigint;
}

/** Measured (sandbox, mainnet config, v4 wallet, whole trace): see broker/chain/README.md. */
export const CLAIM_FEE_NANO = 8_400_000n;

export const DEFAULT_CLAIM_POLICY: ClaimPolicy = Object.freeze({
  ...DEFAULT_SETTLEMENT_POLICY,
  thresholdNano: 160_000_000_000n, // 160 TON: ~19,000 claim fees
  minClaimNano: 840_000_000n, // 0.84 TON: an idle claim costs at most 1 % of what it claims
  claimFeeNano: CLAIM_FEE_NANO,
  feeMultiple: 0n, // off: an operator's explicit threshold is honoured (the devnet claims every pass with 1 nanoTON)
  exposureCapNano: 10_000_000_000_000n, // 10,000 TON across all channels
});

/** The worker's default claim threshold (cli/worker-config.ts): the same claim point as the broker's. */
export const WORKER_CLAIM_THRESHOLD_NANO = DEFAULT_CLAIM_POLICY.thresholdNano;

export type ClaimReason = 'threshold' | 'idle' | 'close' | 'exposure';

/** What the policy needs to know of one channel. */
export interface ClaimView {
  readonly key: string;
  /** Latest voucher held (cumulative). */
  readonly latestNano: bigint;
  /** `claimed` as last read on-chain. */
  readonly claimedNano: bigint;
  readonly latestAtMs: number;
  /** Set while the payer's close is pending: when its refund becomes possible (ms). */
  readonly closeDeadlineMs?: number;
}

export interface PlannedClaim {
  readonly key: string;
  readonly reason: ClaimReason;
  readonly unclaimedNano: bigint;
}

/** The claim point of a channel: max(thresholdNano, feeMultiple x claimFeeNano). */
export function claimPointOf(p: ClaimPolicy): bigint {
  const floor = p.feeMultiple * p.claimFeeNano;
  return p.thresholdNano > floor ? p.thresholdNano : floor;
}

/** Completes a partial policy with the defaults; refuses negative amounts. */
export function claimPolicy(over: Partial<ClaimPolicy> = {}): ClaimPolicy {
  const p = { ...DEFAULT_CLAIM_POLICY, ...over };
  for (const k of ['thresholdNano', 'minClaimNano', 'claimFeeNano', 'feeMultiple', 'exposureCapNano'] as const)
    if (p[k] < 0n) throw new RangeError(`settlement policy: ${k} must not be negative`);
  return p;
}

/**
 * The channels to claim now, each once, `close` first then by unclaimed amount (largest first). `payeeClosing`
 * (flush) claims every unclaimed amount.
 */
export function planClaims(
  views: Iterable<ClaimView>,
  policy: ClaimPolicy,
  nowMs: number,
  payeeClosing = false,
): PlannedClaim[] {
  const point = claimPointOf(policy);
  const planned: PlannedClaim[] = [];
  const rest: PlannedClaim[] = [];
  let restTotal = 0n;
  for (const v of views) {
    const unclaimedNano = v.latestNano > v.claimedNano ? v.latestNano - v.claimedNano : 0n;
    if (unclaimedNano === 0n) continue;
    const closing =
      payeeClosing || (v.closeDeadlineMs !== undefined && nowMs >= v.closeDeadlineMs - policy.closeMarginMs);
    const reason: ClaimReason | null = closing
      ? 'close'
      : unclaimedNano >= point
        ? 'threshold'
        : unclaimedNano >= policy.minClaimNano && nowMs - v.latestAtMs >= policy.idleMs
          ? 'idle'
          : null;
    if (reason) planned.push({ key: v.key, reason, unclaimedNano });
    else {
      rest.push({ key: v.key, reason: 'exposure', unclaimedNano });
      restTotal += unclaimedNano;
    }
  }
  if (policy.exposureCapNano > 0n && restTotal > policy.exposureCapNano) {
    rest.sort((a, b) => (a.unclaimedNano === b.unclaimedNano ? 0 : a.unclaimedNano > b.unclaimedNano ? -1 : 1));
    for (const c of rest) {
      if (restTotal <= policy.exposureCapNano) break;
      planned.push(c);
      restTotal -= c.unclaimedNano;
    }
  }
  const rank = (c: PlannedClaim): number => (c.reason === 'close' ? 0 : 1);
  return planned.sort((a, b) =>
    rank(a) !== rank(b)
      ? rank(a) - rank(b)
      : a.unclaimedNano === b.unclaimedNano
        ? 0
        : a.unclaimedNano > b.unclaimedNano
          ? -1
          : 1,
  );
}
