/**
 * Claiming client channels: re-read them from the chain, plan the claims (`planClaims`, settler-policy.ts), send each
 * claim from the broker's wallet, wait until the channel shows it, record it. A failed step changes nothing but `lastError`;
 * what is claimed is always re-read from the chain, never assumed.
 */
import { claimVoucher } from '../../contracts/settlement';
import type { SignedVoucher } from '../../contracts/voucher';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import { pollUntil } from '../../core/retry';
import { BrokerChainError, codeOf } from './errors';
import { leads, nowMs, type ChannelState, type SettlerCore } from './settler-state';
import { planClaims, type PlannedClaim } from './settler-policy';
import type { ClaimRecord } from './settler-types';

/** Records a claim in the ledger (once per amount); a failure is logged, the chain stays the authority. */
async function recordClaim(core: SettlerCore, st: ChannelState, amount: bigint, seq: bigint): Promise<void> {
  if (!core.ledger || amount <= st.recordedClaim) return;
  try {
    await core.ledger.recordClaim({
      channel: st.ledgerChannel,
      cumulativeNano: Number(amount),
      seq: Number(seq),
      atMs: nowMs(core),
    });
    st.recordedClaim = amount;
  } catch (err) {
    core.logger.error(
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

/** Reads the channel into `st`; null (status 'unknown') when it is not deployed. */
async function readChannel(core: SettlerCore, st: ChannelState): Promise<ChannelData | null> {
  const d = await core.chain.getChannel(st.address);
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

function fail(core: SettlerCore, st: ChannelState, code: string, message: string): void {
  st.lastError = code;
  core.logger.warn({ event: 'settle', ok: false, code, channel: st.address.toString() }, message);
}

/**
 * How many planned claims go out at once: a serialized (v4) wallet still sends them one by one in plan order; the
 * highload wallet batches concurrent sends into one external message.
 */
const CLAIM_CONCURRENCY = 64;

/** One pass over every client channel: re-read each, plan with the policy (all channels at once), claim the plan. */
export async function settleChannels(core: SettlerCore, payeeClosing: boolean): Promise<void> {
  const live = new Map<string, ChannelState>();
  for (const st of [...core.channels.values()])
    if (await refreshChannel(core, st)) live.set(st.address.toRawString(), st);
  const views = [...live.entries()].map(([key, st]) => ({
    key,
    latestNano: st.latest!.amount,
    claimedNano: st.claimedOnChain,
    latestAtMs: st.latestAtMs,
    ...(st.closeDeadlineMs !== undefined ? { closeDeadlineMs: st.closeDeadlineMs } : {}),
  }));
  const plan = planClaims(views, core.policy, nowMs(core), payeeClosing);
  for (let i = 0; i < plan.length; i += CLAIM_CONCURRENCY)
    await Promise.all(plan.slice(i, i + CLAIM_CONCURRENCY).map((c) => claimChannel(core, live.get(c.key)!, c)));
}

/** Re-reads one channel; true when it holds a voucher above what is claimed on-chain (a claim candidate). */
async function refreshChannel(core: SettlerCore, st: ChannelState): Promise<boolean> {
  if (!st.latest) return false;
  try {
    const d = await readChannel(core, st);
    if (!d) throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', 'channel not deployed');
  } catch (err) {
    fail(core, st, codeOf(err, 'CHAIN_REQUEST_FAILED'), 'channel unreadable');
    return false;
  }
  const v = st.latest;
  if (st.status === 'closed' || v.amount <= st.claimedOnChain || v.seq <= st.lastSeqOnChain) {
    st.lastError = null;
    await recordClaim(core, st, st.claimedOnChain, st.lastSeqOnChain); // claimed by an earlier process, maybe unrecorded
    return false; // stale or closed: nothing to send
  }
  return true;
}

/** Claims the channel's latest voucher (as planned), waits until the channel shows it, records it. */
async function claimChannel(core: SettlerCore, st: ChannelState, c: PlannedClaim): Promise<void> {
  const v = st.latest!;
  if (!(await sendClaim(core, st, v))) return;
  if (!(await awaitClaimApplied(core, st, v))) return;
  st.lastError = null;
  await recordClaim(core, st, v.amount, v.seq);
  noteClaim(core, {
    channel: st.address.toString(),
    amountNano: v.amount,
    deltaNano: c.unclaimedNano,
    seq: v.seq,
    reason: c.reason,
    atMs: nowMs(core),
  });
}

/** Sends the claim from the broker's wallet; false (logged, `lastError` set) when it was not applied. */
async function sendClaim(core: SettlerCore, st: ChannelState, v: SignedVoucher): Promise<boolean> {
  if (!leads(core)) return false; // the settler lock was lost mid-pass: the new leader claims it
  try {
    await core.wallet.send('Claim', (sender) => claimVoucher(core.chain, st.address, v, sender));
    return true;
  } catch (err) {
    fail(core, st, codeOf(err, 'BROKER_CHAIN_SEND_FAILED'), 'claim not sent');
    if (st.lastError!.startsWith('VOUCHER_')) await readChannel(core, st).catch(() => null); // refused off-chain: re-sync
    return false;
  }
}

/**
 * Applied by the wallet; the channel's own transaction follows (at once on the devnet). Re-reads the channel until it
 * shows the claim; false (BROKER_CHAIN_NOT_APPLIED) after `confirmTimeoutMs` of real time.
 */
async function awaitClaimApplied(core: SettlerCore, st: ChannelState, v: SignedVoucher): Promise<boolean> {
  const applied = await pollUntil(
    async () => {
      const d = await readChannel(core, st).catch(() => null);
      return d && d.claimed >= v.amount ? true : undefined;
    },
    { timeoutMs: core.opts.confirmTimeoutMs ?? 30_000, intervalMs: core.opts.pollMs ?? 1000 },
  );
  if (applied) return true;
  fail(core, st, 'BROKER_CHAIN_NOT_APPLIED', 'claim not applied on the channel');
  return false;
}

/** Keeps the last 10000 claim records, logs the claim and tells `onClaim`. */
function noteClaim(core: SettlerCore, rec: ClaimRecord): void {
  core.claims.push(rec);
  if (core.claims.length > 10_000) core.claims.shift();
  core.logger.info(
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
  core.opts.onClaim?.(rec);
}
