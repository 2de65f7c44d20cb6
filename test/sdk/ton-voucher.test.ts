import { Address } from '@ton/core';
import { signVoucher, verifyVoucher } from '../../contracts/voucher';
import { decodeTonVoucher, tonVoucherSigner, tonVoucherVerifier } from '../../sdk';
import { CHANNEL, ed25519FromSeed } from './fixtures';

const SEED = new Uint8Array(32).fill(0x21);
const PUB = ed25519FromSeed(SEED).publicKey;
const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('TON payment-channel vouchers (contracts/voucher.ts encoding)', () => {
  it('signs the voucher cell exactly as contracts signVoucher does, with strictly increasing seq', async () => {
    const s = tonVoucherSigner(SEED, { nowMs: () => 1_000 });
    const a = await s.sign({ channel: CHANNEL, cumulativeNano: 500n });
    const b = await s.sign({ channel: CHANNEL, cumulativeNano: 900n });
    const da = decodeTonVoucher(a.voucher);
    const db = decodeTonVoucher(b.voucher);
    expect(da.channel.equals(Address.parse(CHANNEL))).toBe(true);
    expect(da.amount).toBe(500n);
    expect(db.seq).toBeGreaterThan(da.seq);
    expect(Buffer.from(a.signature)).toEqual(Buffer.from(signVoucher(da, SEED).signature));
    expect(verifyVoucher({ ...db, signature: b.signature }, PUB)).toBe(true);
  });

  it('the broker-side verifier accepts it and refuses another amount, channel, key or a bad signature', async () => {
    const v = await tonVoucherSigner(SEED).sign({ channel: CHANNEL, cumulativeNano: 700n });
    const post = { channel: CHANNEL, cumulativeNano: 700, voucher: v.voucher, signature: v.signature, clientKey: PUB };
    expect(code(() => tonVoucherVerifier.verify(post))).toBeUndefined();
    expect(code(() => tonVoucherVerifier.verify({ ...post, cumulativeNano: 701 }))).toBe('VOUCHER_CHANNEL_MISMATCH');
    expect(
      code(() => tonVoucherVerifier.verify({ ...post, channel: new Address(0, Buffer.alloc(32, 1)).toString() })),
    ).toBe('VOUCHER_CHANNEL_MISMATCH');
    expect(
      code(() => tonVoucherVerifier.verify({ ...post, clientKey: ed25519FromSeed(new Uint8Array(32)).publicKey })),
    ).toBe('VOUCHER_BAD_SIGNATURE');
    const bad = new Uint8Array(v.signature);
    bad[0] = (bad[0] ?? 0) ^ 1;
    expect(code(() => tonVoucherVerifier.verify({ ...post, signature: bad }))).toBe('VOUCHER_BAD_SIGNATURE');
    expect(code(() => tonVoucherVerifier.verify({ ...post, voucher: new Uint8Array([1, 2, 3]) }))).toBe(
      'VOUCHER_MALFORMED',
    );
  });
});
