/**
 * The default `VoucherSigner`: TON payment-channel vouchers from contracts/voucher.ts (G).
 *   voucher bytes = BOC of `voucherCell({ channel, amount: cumulativeNano, seq })` (one root cell, no index/CRC)
 *   signature     = Ed25519 by the payer key over the cell's representation hash (`signVoucher`)
 * `seq` strictly increases: max(previous + 1, now in unix ms), so it survives client restarts.
 */
import { Address } from '@ton/core';
import { signVoucher, voucherCell } from '../contracts/voucher';
import { SdkError } from './errors';
import type { SignedVoucher, VoucherRequest, VoucherSigner } from './voucher';

export function tonVoucherSigner(payerSecretKey: Uint8Array, opts: { readonly nowMs?: () => number } = {}): VoucherSigner {
  if (payerSecretKey.length !== 32 && payerSecretKey.length !== 64) {
    throw new SdkError('SDK_CONFIG_INVALID', 'payer key must be a 32-byte seed or a 64-byte Ed25519 secret key');
  }
  const key = new Uint8Array(payerSecretKey);
  const nowMs = opts.nowMs ?? Date.now;
  let lastSeq = 0n;
  return {
    async sign(req: VoucherRequest): Promise<SignedVoucher> {
      let channel: Address;
      try {
        channel = Address.parse(req.channel);
      } catch (cause) {
        throw new SdkError('SDK_VOUCHER_FAILED', 'channel is not a TON address', { cause });
      }
      const t = BigInt(Math.floor(nowMs()));
      const seq = t > lastSeq ? t : lastSeq + 1n;
      lastSeq = seq;
      const v = { channel, amount: req.cumulativeNano, seq };
      const signed = signVoucher(v, key);
      return { voucher: new Uint8Array(voucherCell(v).toBoc({ idx: false, crc32: false })), signature: signed.signature };
    },
  };
}
