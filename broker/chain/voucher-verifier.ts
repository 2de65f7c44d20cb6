/**
 * `VoucherVerifier` (broker/ports.ts) for TON payment-channel vouchers (contracts/voucher.ts, what the SDK's
 * `tonVoucherSigner` produces): the bytes are the BoC of the voucher cell and the Ed25519 signature covers the cell's
 * representation hash — not the raw bytes, so the broker's default `ed25519VoucherVerifier` would refuse them. Checks the
 * cell parses, names the declared channel and amount, and is signed by the client key. Throws ContractsError:
 * VOUCHER_MALFORMED (bad bytes, or amount differs from `cumulativeNano`), VOUCHER_WRONG_CHANNEL, VOUCHER_BAD_SIGNATURE.
 */
import { Address } from '@ton/core';
import { ContractsError } from '../../contracts/errors';
import { decodeVoucherBoc, verifyVoucher, type SignedVoucher } from '../../contracts/voucher';
import type { VoucherVerifier } from '../ports';

/** Decodes and checks a voucher as the broker receives it; returns the signed voucher ready for a claim. */
export function parseClientVoucher(v: {
  channel: string;
  cumulativeNano: number | bigint;
  voucher: Uint8Array;
  signature: Uint8Array;
  clientKey: Uint8Array;
}): SignedVoucher {
  const body = decodeVoucherBoc(v.voucher);
  let channel: Address;
  try {
    channel = Address.parse(v.channel);
  } catch (cause) {
    throw new ContractsError('VOUCHER_WRONG_CHANNEL', 'declared channel is not a TON address', { cause });
  }
  if (!body.channel.equals(channel)) throw new ContractsError('VOUCHER_WRONG_CHANNEL', 'voucher names another channel');
  if (body.amount !== BigInt(v.cumulativeNano))
    throw new ContractsError('VOUCHER_MALFORMED', 'voucher amount differs from cumulativeNano');
  const signed: SignedVoucher = { ...body, signature: Uint8Array.from(v.signature) };
  if (!verifyVoucher(signed, v.clientKey))
    throw new ContractsError('VOUCHER_BAD_SIGNATURE', 'voucher signature does not verify');
  return signed;
}

export const tonVoucherVerifier: VoucherVerifier = {
  verify(v): void {
    parseClientVoucher(v);
  },
};
