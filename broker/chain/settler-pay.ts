/**
 * Paying workers: the broker signs ONE cumulative voucher per worker for min(owed, channel deposit) on the worker's
 * PaymentChannel (payer key = broker key), records it, then delivers it (`onVoucher`).
 */
import type { Address } from '@ton/core';
import { encodeVoucherBoc, signVoucher, type SignedVoucher } from '../../contracts/voucher';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import { BrokerChainError, codeOf } from './errors';
import { leads, nowMs, owedOf, type SettlerCore, type WorkerState } from './settler-state';
import type { WorkerPayments } from './settler-types';

/** One worker in one pass: signs and delivers a new voucher when the broker owes more than it signed. */
export async function payWorker(core: SettlerCore, w: WorkerState): Promise<void> {
  const wp = core.opts.workers;
  if (!wp) return;
  const signed = w.latest?.amount ?? 0n;
  const owed = owedOf(core, w);
  if (owed <= signed) return;
  try {
    w.channel = (await wp.channelOf(w.workerId)) ?? null;
    if (!w.channel) throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', 'worker has no channel');
    const d = await brokerChannel(core, w.channel);
    const amount = owed < d.deposit ? owed : d.deposit; // never sign beyond the deposit (the contract would refuse)
    if (amount <= signed || amount <= d.claimed) return;
    const lastSeq = w.latest && w.latest.seq > d.lastSeq ? w.latest.seq : d.lastSeq;
    const v = signVoucher(
      { channel: w.channel, globalId: core.globalId, amount, seq: lastSeq + 1n },
      core.opts.brokerKey.secretKey,
    );
    if (!leads(core)) return; // the settler lock was lost mid-pass
    await recordWorkerVoucher(core, w, v);
    w.latest = v;
    w.lastError = amount < owed ? 'BROKER_CHAIN_CHANNEL_UNAVAILABLE' : null; // deposit short of what is owed
    core.logger.info(
      { event: 'worker_voucher', workerId: w.workerId, amountNano: amount.toString() },
      'worker voucher signed',
    );
    await deliver(core, wp, w.workerId, v, owed);
  } catch (err) {
    w.lastError = codeOf(err, 'CHAIN_REQUEST_FAILED');
    core.logger.warn(
      { event: 'worker_voucher', ok: false, code: w.lastError, workerId: w.workerId },
      'worker not paid',
    );
  }
}

/** The worker's channel, open and paid by the broker's key; BROKER_CHAIN_CHANNEL_UNAVAILABLE otherwise. */
async function brokerChannel(core: SettlerCore, channel: Address): Promise<ChannelData> {
  const d = await core.chain.getChannel(channel);
  if (!d || d.status !== 'open' || d.payerKey !== core.brokerKeyBig)
    throw new BrokerChainError('BROKER_CHAIN_CHANNEL_UNAVAILABLE', "worker channel not open or not the broker's");
  return d;
}

/** Recorded before it is delivered: a restarted broker continues from it (seq, amount), never below it. */
async function recordWorkerVoucher(core: SettlerCore, w: WorkerState, v: SignedVoucher): Promise<void> {
  await core.ledger?.recordWorkerVoucher({
    workerId: w.workerId,
    channel: v.channel.toString(),
    cumulativeNano: Number(v.amount),
    seq: Number(v.seq),
    voucher: encodeVoucherBoc(v),
    signature: v.signature,
    atMs: nowMs(core),
  });
}

async function deliver(
  core: SettlerCore,
  wp: WorkerPayments,
  workerId: string,
  v: SignedVoucher,
  earnedNano: bigint,
): Promise<void> {
  try {
    await wp.onVoucher?.(workerId, v, { earnedNano });
  } catch (err) {
    core.logger.warn(
      { event: 'worker_voucher', ok: false, code: codeOf(err, 'UNKNOWN'), workerId },
      'worker voucher not delivered',
    );
  }
}
