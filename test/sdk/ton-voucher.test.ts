import { Address } from '@ton/core';
import { checkVoucherAgainst, signVoucher, verifyVoucher } from '../../contracts/voucher';
import { decodeTonVoucher, tonVoucherSigner } from '../../sdk';
import { CHANNEL, GLOBAL_ID, ed25519FromSeed } from './fixtures';

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
  it('signs the voucher cell exactly as contracts signVoucher does, at the given seq and network', async () => {
    const s = tonVoucherSigner(SEED, { globalId: GLOBAL_ID });
    expect(s.globalId).toBe(GLOBAL_ID);
    const a = await s.sign({ channel: CHANNEL, cumulativeNano: 500n, seq: 1n });
    const b = await s.sign({ channel: CHANNEL, cumulativeNano: 900n, seq: 2n });
    const da = decodeTonVoucher(a.voucher);
    const db = decodeTonVoucher(b.voucher);
    expect(da.channel.equals(Address.parse(CHANNEL))).toBe(true);
    expect(da).toMatchObject({ amount: 500n, seq: 1n, globalId: GLOBAL_ID });
    expect(db).toMatchObject({ amount: 900n, seq: 2n });
    expect(Buffer.from(a.signature)).toEqual(Buffer.from(signVoucher(da, SEED).signature));
    expect(verifyVoucher({ ...db, signature: b.signature }, PUB)).toBe(true);
  });

  it("passes the contract's checks on its own network only", async () => {
    const v = await tonVoucherSigner(SEED, { globalId: GLOBAL_ID }).sign({
      channel: CHANNEL,
      cumulativeNano: 700n,
      seq: 3n,
    });
    const sv = { ...decodeTonVoucher(v.voucher), signature: v.signature };
    const view = {
      channel: Address.parse(CHANNEL),
      globalId: GLOBAL_ID,
      payerKey: PUB,
      deposit: 1000n,
      claimed: 0n,
      lastSeq: 0n,
      status: 'open' as const,
    };
    expect(code(() => checkVoucherAgainst(sv, view))).toBeUndefined();
    expect(code(() => checkVoucherAgainst(sv, { ...view, globalId: -239 }))).toBe('VOUCHER_WRONG_NETWORK');
    expect(code(() => checkVoucherAgainst(sv, { ...view, lastSeq: 3n }))).toBe('VOUCHER_STALE_SEQ');
  });

  it('refuses out-of-range amounts and non-TON channels (SDK_VOUCHER_FAILED)', async () => {
    const s = tonVoucherSigner(SEED, { globalId: GLOBAL_ID });
    await expect(s.sign({ channel: CHANNEL, cumulativeNano: -1n, seq: 1n })).rejects.toMatchObject({
      code: 'SDK_VOUCHER_FAILED',
    });
    await expect(s.sign({ channel: 'nope', cumulativeNano: 1n, seq: 1n })).rejects.toMatchObject({
      code: 'SDK_VOUCHER_FAILED',
    });
    expect(() => tonVoucherSigner(SEED, { globalId: 2 ** 31 })).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
  });
});
