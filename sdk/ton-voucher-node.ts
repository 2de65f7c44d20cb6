/**
 * Broker-side check matching `tonVoucherSigner` (Node: synchronous native Ed25519 through node:crypto). Structurally a
 * broker `VoucherVerifier`: plug it in as `startBroker({ vouchers: tonVoucherVerifier })`.
 *   - the voucher bytes are one TON voucher cell (contracts/voucher.ts layout),
 *   - it names the posted channel and exactly the posted cumulative amount,
 *   - the client's key signed the cell's representation hash (what the PaymentChannel contract checks on-chain).
 * Throws a ChrysalisError with a VOUCHER_* code.
 */
import { verify } from 'node:crypto';
import { ed25519PublicKey } from '../core/ed25519';
import { Address } from '@ton/core';
import { ChrysalisError } from '../attestation/errors';
import { voucherHash } from '../contracts/voucher';
import { decodeTonVoucher } from './ton-voucher';

export type TonVoucherCheckCode = 'VOUCHER_BAD_SIGNATURE' | 'VOUCHER_CHANNEL_MISMATCH' | 'VOUCHER_MALFORMED';

export interface PostedVoucher {
  readonly channel: string;
  readonly cumulativeNano: number | bigint;
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  readonly clientKey: Uint8Array;
}

export const tonVoucherVerifier = {
  verify(v: PostedVoucher): void {
    let d: ReturnType<typeof decodeTonVoucher>;
    try {
      d = decodeTonVoucher(v.voucher);
    } catch (cause) {
      throw new ChrysalisError<TonVoucherCheckCode>('VOUCHER_MALFORMED', 'voucher is not a TON voucher cell', {
        cause,
      });
    }
    let posted: Address;
    try {
      posted = Address.parse(v.channel);
    } catch (cause) {
      throw new ChrysalisError<TonVoucherCheckCode>('VOUCHER_CHANNEL_MISMATCH', 'posted channel is not a TON address', {
        cause,
      });
    }
    if (!d.channel.equals(posted) || d.amount !== BigInt(v.cumulativeNano)) {
      throw new ChrysalisError<TonVoucherCheckCode>(
        'VOUCHER_CHANNEL_MISMATCH',
        'voucher names another channel or amount',
      );
    }
    let ok = false;
    try {
      if (v.clientKey.length === 32 && v.signature.length === 64) {
        ok = verify(null, voucherHash(d), ed25519PublicKey(v.clientKey), v.signature);
      }
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ChrysalisError<TonVoucherCheckCode>('VOUCHER_BAD_SIGNATURE', 'voucher signature does not verify');
  },
};
