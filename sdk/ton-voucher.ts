/**
 * The default `VoucherSigner`: TON payment-channel vouchers from contracts/voucher.ts (G).
 *   voucher bytes = BOC of `voucherCell({ channel, amount: cumulativeNano, seq })` (one root cell, no index/CRC)
 *   signature     = Ed25519 by the payer key over the cell's representation hash (`signVoucher`)
 * `seq` strictly increases: max(previous + 1, now in unix ms), so it survives client restarts.
 */
import { Address, Cell } from '@ton/core';
import { VOUCHER_TAG } from '../contracts/constants';
import { voucherCell, voucherHash } from '../contracts/voucher';
import { ed25519SignerFromSeed } from './bytes';
import { SdkError } from './errors';
import type { SignedVoucher, VoucherRequest, VoucherSigner } from './voucher';

export function tonVoucherSigner(
  payerSecretKey: Uint8Array,
  opts: { readonly nowMs?: () => number } = {},
): VoucherSigner {
  if (payerSecretKey.length !== 32 && payerSecretKey.length !== 64) {
    throw new SdkError('SDK_CONFIG_INVALID', 'payer key must be a 32-byte seed or a 64-byte Ed25519 secret key');
  }
  // Ed25519 is deterministic: signing voucherHash(v) with the platform's native Ed25519 (WebCrypto) gives exactly the
  // signature contracts/voucher.ts `signVoucher` gives (pure-JS tweetnacl, ~100x slower). A 64-byte secret key is
  // tweetnacl's seed || public key.
  const signerP = ed25519SignerFromSeed(payerSecretKey.subarray(0, 32));
  signerP.catch(() => undefined);
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
      const cell = voucherCell(v);
      const signature = await (await signerP).sign(voucherHash(v));
      return { voucher: new Uint8Array(cell.toBoc({ idx: false, crc32: false })), signature };
    },
  };
}

/** Decodes voucher bytes made by `tonVoucherSigner` (BOC of the voucher cell). Throws SdkError SDK_VOUCHER_FAILED. */
export function decodeTonVoucher(bytes: Uint8Array): { channel: Address; amount: bigint; seq: bigint } {
  try {
    const cells = Cell.fromBoc(Buffer.from(bytes));
    if (cells.length !== 1) throw new Error('expected one root cell');
    const s = (cells[0] as Cell).beginParse();
    if (s.loadUint(32) !== VOUCHER_TAG) throw new Error('voucher tag');
    const channel = s.loadAddress();
    const amount = s.loadCoins();
    const seq = s.loadUintBig(64);
    if (s.remainingBits !== 0 || s.remainingRefs !== 0) throw new Error('trailing data');
    return { channel, amount, seq };
  } catch (cause) {
    throw new SdkError('SDK_VOUCHER_FAILED', 'voucher bytes are not a TON voucher cell', { cause });
  }
}
