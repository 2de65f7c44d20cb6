/**
 * Parsing a client voucher as the broker's ledger records it (what the SDK's `tonVoucherSigner` produces): the bytes
 * are the BoC of the voucher cell and the Ed25519 signature covers the cell's representation hash. The settler keeps
 * only vouchers that pass here. Acceptance itself (sequence, amount against the channel's on-chain state) is the
 * broker's `checkVoucherAgainst` check, done before a voucher is recorded.
 */
import { Address } from '@ton/core';
import { ContractsError } from '../../contracts/errors';
import { decodeVoucherBoc, verifyVoucher, type SignedVoucher } from '../../contracts/voucher';

/**
 * Decodes a voucher and checks it names the declared channel and amount, this chain's network, and is signed by the
 * client key; returns the signed voucher ready for a claim.
 * @throws ContractsError VOUCHER_MALFORMED (bad bytes, or amount differs from `cumulativeNano`), VOUCHER_WRONG_CHANNEL,
 *   VOUCHER_WRONG_NETWORK, VOUCHER_BAD_SIGNATURE
 */
export function parseClientVoucher(v: {
  channel: string;
  cumulativeNano: number | bigint;
  voucher: Uint8Array;
  signature: Uint8Array;
  clientKey: Uint8Array;
  /** The chain's global id the voucher must name. */
  globalId: number;
}): SignedVoucher {
  const body = decodeVoucherBoc(v.voucher);
  let channel: Address;
  try {
    channel = Address.parse(v.channel);
  } catch (cause) {
    throw new ContractsError('VOUCHER_WRONG_CHANNEL', 'declared channel is not a TON address', { cause });
  }
  if (!body.channel.equals(channel)) throw new ContractsError('VOUCHER_WRONG_CHANNEL', 'voucher names another channel');
  if (body.globalId !== v.globalId) throw new ContractsError('VOUCHER_WRONG_NETWORK', 'voucher names another network');
  if (body.amount !== BigInt(v.cumulativeNano))
    throw new ContractsError('VOUCHER_MALFORMED', 'voucher amount differs from cumulativeNano');
  const signed: SignedVoucher = { ...body, signature: Uint8Array.from(v.signature) };
  if (!verifyVoucher(signed, v.clientKey))
    throw new ContractsError('VOUCHER_BAD_SIGNATURE', 'voucher signature does not verify');
  return signed;
}
