/**
 * Claiming one client channel: re-read it from the chain, apply the lazy policy (`decideSettlement`), send the claim
 * from the broker's wallet, wait until the channel shows it, record it. A failed step changes nothing but `lastError`;
 * what is claimed is always re-read from the chain, never assumed.
 */
import { claimVoucher, decideSettlement } from '../../contracts/settlement';
import type { SignedVoucher } from '../../contracts/voucher';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import { pollUntil } from '../../core/retry';
import { BrokerChainError, codeOf } from './errors';
import { nowMs, type ChannelState, type SettlerCore } from './settler-state';
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

/** One channel in one pass: claims its latest voucher when the policy (or `payeeClosing`) says so. */
export async function settleChannel(core: SettlerCore, st: ChannelState, payeeClosing: boolean): Promise<void> {
  if (!st.latest) return;
  try {
    const d = await readChannel(core, st);
    if (!d) throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', 'channel not deployed');
  } catch (err) {
    fail(core, st, codeOf(err, 'CHAIN_REQUEST_FAILED'), 'channel unreadable');
    return;
  }
  const v = st.latest;
  if (st.status === 'closed' || v.amount <= st.claimedOnChain || v.seq <= st.lastSeqOnChain) {
    st.lastError = null;
    await recordClaim(core, st, st.claimedOnChain, st.lastSeqOnChain); // claimed by an earlier process, maybe unrecorded
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
    core.policy,
    nowMs(core),
  );
  if (decision.action !== 'claim') return;
  if (!(await sendClaim(core, st, v))) return;
  if (!(await awaitClaimApplied(core, st, v))) return;
  st.lastError = null;
  await recordClaim(core, st, v.amount, v.seq);
  noteClaim(core, {
    channel: st.address.toString(),
    amountNano: v.amount,
    deltaNano: decision.unclaimed,
    seq: v.seq,
    reason: decision.reason,
    atMs: nowMs(core),
  });
}

/** Sends the claim from the broker's wallet; false (logged, `lastError` set) when it was not applied. */
async function sendClaim(core: SettlerCore, st: ChannelState, v: SignedVoucher): Promise<boolean> {
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
