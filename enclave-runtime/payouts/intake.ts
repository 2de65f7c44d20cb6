/**
 * Voucher intake: a broker's `WorkerVoucher` frame -> a voucher the worker can claim, or a typed refusal.
 *
 *   parse (BoC, fields agree) -> the channel on chain (deployed, genuine PaymentChannel code, pays our payout
 *   address) -> the contract's Claim rules (`checkVoucherAgainst`: payer signature, channel, network, seq, amount,
 *   deposit) with the chain's claimed/lastSeq raised to the voucher already kept.
 */
import { Address } from '@ton/core';
import type { ChainClient } from '../../contracts/chain/types';
import { globalIdOf, type Network } from '../../contracts/constants';
import { paymentChannelCodeHash } from '../../contracts/wrappers/payment-channel';
import { checkVoucherAgainst, decodeVoucherBoc, type SignedVoucher } from '../../contracts/voucher';
import { bytesEqual, fromHex } from '../../core/bytes';
import { WorkerError } from '../errors';
import type { KeptVoucher } from './store';

/** The WorkerVoucher frame's fields (chrysalis.v1.WorkerVoucher). */
export interface WorkerVoucherFrame {
  readonly channel?: string | null;
  readonly cumulativeNano?: number | string | bigint | { toString(): string } | null;
  readonly voucher?: Uint8Array | null;
  readonly signature?: Uint8Array | null;
  readonly earnedNano?: number | string | bigint | { toString(): string } | null;
}

export interface IntakeContext {
  readonly chain: ChainClient;
  readonly network: Network;
  readonly payoutAddress: Address;
  /** The voucher already kept for the channel, if any. */
  readonly kept?: KeptVoucher | undefined;
}

/** A voucher that passed intake, and the channel's paid amount as the chain shows it. */
export interface AcceptedVoucher {
  readonly channel: Address;
  readonly signed: SignedVoucher;
  readonly boc: Uint8Array;
  readonly chainClaimed: bigint;
  /** True when this is the very voucher already kept (a re-send): nothing changes. */
  readonly duplicate: boolean;
}

function malformed(why: string, cause?: unknown): WorkerError {
  return new WorkerError('PAYOUT_VOUCHER_MALFORMED', `malformed worker voucher: ${why}`, { cause });
}

function parseFrame(f: WorkerVoucherFrame): { channel: Address; signed: SignedVoucher; boc: Uint8Array } {
  const boc = f.voucher ?? new Uint8Array(0);
  const signature = f.signature ?? new Uint8Array(0);
  if (signature.length !== 64) throw malformed('signature is not 64 bytes');
  let v;
  try {
    v = decodeVoucherBoc(boc);
  } catch (err) {
    throw malformed('voucher BoC', err);
  }
  let channel: Address;
  try {
    channel = Address.parse(f.channel ?? '');
  } catch (err) {
    throw malformed('channel is not a TON address', err);
  }
  if (!channel.equals(v.channel)) throw malformed('channel differs from the voucher');
  // uint64 arrives as a JS number (protobufjs --force-number): compare as numbers; the BoC is authoritative.
  if (Number(String(f.cumulativeNano ?? 0)) !== Number(v.amount))
    throw malformed('cumulative_nano differs from the voucher');
  return { channel, signed: { ...v, signature: Uint8Array.from(signature) }, boc: Uint8Array.from(boc) };
}

const keyBytes = (k: bigint): Uint8Array => fromHex(k.toString(16).padStart(64, '0'));

const isSame = (a: AcceptedVoucher['signed'], k: KeptVoucher): boolean =>
  a.seq === k.seq && a.amount === k.amount && bytesEqual(a.signature, k.signature);

/**
 * Checks a WorkerVoucher frame against the chain. Throws WorkerError PAYOUT_VOUCHER_MALFORMED, PAYOUT_NOT_A_CHANNEL,
 * PAYOUT_WRONG_PAYEE, PAYOUT_VOUCHER_STALE (below or at the kept voucher's seq), PAYOUT_CHAIN_UNAVAILABLE; or
 * ContractsError VOUCHER_BAD_SIGNATURE, VOUCHER_WRONG_CHANNEL, VOUCHER_WRONG_NETWORK, VOUCHER_STALE_SEQ,
 * VOUCHER_NOT_MONOTONIC, VOUCHER_ABOVE_DEPOSIT, VOUCHER_CHANNEL_CLOSED (the contract's own rules).
 */
export async function checkWorkerVoucher(f: WorkerVoucherFrame, ctx: IntakeContext): Promise<AcceptedVoucher> {
  const { channel, signed, boc } = parseFrame(f);
  const kept = ctx.kept;
  if (kept && isSame(signed, kept)) return { channel, signed, boc, chainClaimed: kept.claimed, duplicate: true };
  if (kept && (signed.seq <= kept.seq || signed.amount < kept.amount))
    throw new WorkerError('PAYOUT_VOUCHER_STALE', 'voucher is below the one kept for this channel');
  const read = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new WorkerError('PAYOUT_CHAIN_UNAVAILABLE', 'could not read the channel from the chain', { cause: err });
    }
  };
  const notChannel = (): WorkerError =>
    new WorkerError('PAYOUT_NOT_A_CHANNEL', 'the voucher names no deployed PaymentChannel');
  const code = await read(() => ctx.chain.getCodeHash(channel));
  if (!code || !bytesEqual(code, paymentChannelCodeHash())) throw notChannel();
  const data = await read(() => ctx.chain.getChannel(channel));
  if (!data) throw notChannel();
  if (!data.payee.equals(ctx.payoutAddress))
    throw new WorkerError('PAYOUT_WRONG_PAYEE', 'the channel does not pay this worker’s payout address');
  checkVoucherAgainst(signed, {
    channel,
    globalId: globalIdOf(ctx.network),
    payerKey: keyBytes(data.payerKey),
    deposit: data.deposit,
    claimed: data.claimed,
    lastSeq: kept && kept.seq > data.lastSeq ? kept.seq : data.lastSeq,
    status: data.status,
  });
  return { channel, signed, boc, chainClaimed: data.claimed, duplicate: false };
}
