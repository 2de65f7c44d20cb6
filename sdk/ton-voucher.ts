/**
 * The default `VoucherSigner`: TON payment-channel vouchers from contracts/voucher.ts.
 *   voucher bytes = BOC of `voucherCell({ channel, globalId, amount: cumulativeNano, seq })` (one root, no index/CRC)
 *   signature     = Ed25519 by the payer key over the cell's representation hash (`signVoucher`)
 * The amount and seq are the caller's (the voucher store allocates seq = last seq + 1); `globalId` names the network,
 * so a voucher signed for one network is never valid on another.
 */
import { Address } from '@ton/core';
import { decodeVoucherBoc, voucherCell, voucherHash, type Voucher } from '../contracts/voucher';
import { ed25519SignerFromSeed } from './bytes';
import { SdkError } from './errors';
import type { SignedVoucher, VoucherRequest, VoucherSigner } from './voucher';

export function tonVoucherSigner(payerSecretKey: Uint8Array, opts: { readonly globalId: number }): VoucherSigner {
  if (payerSecretKey.length !== 32 && payerSecretKey.length !== 64) {
    throw new SdkError('SDK_CONFIG_INVALID', 'payer key must be a 32-byte seed or a 64-byte Ed25519 secret key');
  }
  const globalId = opts?.globalId;
  if (!Number.isInteger(globalId) || globalId < -(2 ** 31) || globalId >= 2 ** 31) {
    throw new SdkError('SDK_CONFIG_INVALID', 'globalId (the network id, an int32) is required');
  }
  // Ed25519 is deterministic: signing voucherHash(v) with the platform's native Ed25519 (WebCrypto) gives exactly the
  // signature contracts/voucher.ts `signVoucher` gives. A 64-byte secret key is tweetnacl's seed || public key.
  const signerP = ed25519SignerFromSeed(payerSecretKey.subarray(0, 32));
  signerP.catch(() => undefined);
  return {
    globalId,
    async sign(req: VoucherRequest): Promise<SignedVoucher> {
      let channel: Address;
      try {
        channel = Address.parse(req.channel);
      } catch (cause) {
        throw new SdkError('SDK_VOUCHER_FAILED', 'channel is not a TON address', { cause });
      }
      const v: Voucher = { channel, globalId, amount: req.cumulativeNano, seq: req.seq };
      let cell;
      try {
        cell = voucherCell(v);
      } catch (cause) {
        throw new SdkError('SDK_VOUCHER_FAILED', 'voucher amount or seq out of range', { cause });
      }
      const signature = await (await signerP).sign(voucherHash(v));
      return { voucher: new Uint8Array(cell.toBoc({ idx: false, crc32: false })), signature };
    },
  };
}

/** Decodes voucher bytes made by `tonVoucherSigner` (contracts `decodeVoucherBoc`). Throws SdkError SDK_VOUCHER_FAILED. */
export function decodeTonVoucher(bytes: Uint8Array): Voucher {
  try {
    return decodeVoucherBoc(bytes);
  } catch (cause) {
    throw new SdkError('SDK_VOUCHER_FAILED', 'voucher bytes are not a TON voucher cell', { cause });
  }
}
