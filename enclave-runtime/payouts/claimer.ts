/**
 * Claiming a kept voucher on chain: a Claim sent from the worker's OPERATING wallet (it pays the fees; the channel
 * pays the payout address, which only receives), then the channel read back until its `claimed` reaches the voucher.
 * A claim whose effect the chain does not show in time is reported, not retried here: the caller retries later with
 * the same cumulative voucher, which the contract pays at most once (claimed only grows).
 */
import { Address } from '@ton/core';
import type { ChainClient, WalletKeys } from '../../contracts/chain/types';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { decodeVoucherBoc } from '../../contracts/voucher';
import { pollUntil } from '../../core/retry';
import { WorkerError } from '../errors';
import type { KeptVoucher } from './store';

export interface ClaimOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/** Sends a Claim for `kept` and resolves with the channel's `claimed` once it covers the voucher. */
export async function claimVoucher(
  chain: ChainClient,
  operating: WalletKeys,
  kept: KeptVoucher,
  o: ClaimOptions = {},
): Promise<bigint> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const intervalMs = o.pollMs ?? 1000;
  const v = decodeVoucherBoc(kept.voucher);
  const channel = Address.parse(kept.channel);
  try {
    const w = await chain.walletSender(operating);
    const seqno = await w.getSeqno().catch(() => 0);
    await chain
      .open(PaymentChannel.createFromAddress(channel))
      .sendClaim(w.sender, { voucher: { ...v, signature: kept.signature } });
    await w.waitForSeqno(seqno, { intervalMs, timeoutMs });
  } catch (err) {
    if (err instanceof WorkerError) throw err;
    throw new WorkerError('PAYOUT_CHAIN_UNAVAILABLE', 'could not send the claim', { cause: err });
  }
  const claimed = await pollUntil(
    async () => {
      const d = await chain.getChannel(channel).catch(() => null);
      return d && d.claimed >= v.amount ? d.claimed : undefined;
    },
    { timeoutMs, intervalMs },
  );
  if (claimed === undefined) throw new WorkerError('PAYOUT_CLAIM_NOT_APPLIED', 'the claim did not apply in time');
  return claimed;
}
