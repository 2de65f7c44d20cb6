import { Address } from '@ton/core';
import { sign } from '@ton/crypto';
import {
  decodeVoucherBoc,
  encodeVoucherBoc,
  signVoucher,
  verifyVoucher,
  voucherCell,
  voucherFromJson,
  voucherHash,
  voucherToJson,
} from '../../contracts/voucher';
import { VOUCHER_TAG } from '../../contracts/constants';
import { ContractsError } from '../../contracts/errors';
import { keyFromSeed } from './helpers';

describe('voucher encoding', () => {
  const kp = keyFromSeed('payer');
  const channel = Address.parse('0:' + 'ab'.repeat(32));
  const v = { channel, amount: 123_456_789n, seq: 42n };

  it('is the tagged cell the contract parses', () => {
    const s = voucherCell(v).beginParse();
    expect(s.loadUint(32)).toBe(VOUCHER_TAG);
    expect(s.loadAddress().equals(channel)).toBe(true);
    expect(s.loadCoins()).toBe(123_456_789n);
    expect(s.loadUintBig(64)).toBe(42n);
    expect(s.remainingBits).toBe(0);
    expect(Buffer.from(voucherHash(v)).toString('hex')).toBe(voucherCell(v).hash().toString('hex'));
  });

  it('signs with a 64-byte secret key or the 32-byte seed, verifies, and rejects any change', () => {
    const a = signVoucher(v, kp.secretKey);
    const b = signVoucher(v, kp.secretKey.subarray(0, 32));
    expect(Buffer.from(a.signature).equals(Buffer.from(b.signature))).toBe(true);
    // Same bytes as @ton/crypto (tweetnacl): Ed25519 is deterministic.
    expect(Buffer.from(a.signature).equals(sign(Buffer.from(voucherHash(v)), kp.secretKey))).toBe(true);
    expect(verifyVoucher(a, kp.publicKey)).toBe(true);
    expect(verifyVoucher({ ...a, amount: a.amount + 1n }, kp.publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, seq: 43n }, kp.publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, channel: Address.parse('0:' + 'cd'.repeat(32)) }, kp.publicKey)).toBe(false);
    expect(verifyVoucher(a, keyFromSeed('other').publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, signature: new Uint8Array(10) }, kp.publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, amount: -1n }, kp.publicKey)).toBe(false);
  });

  it('round-trips through JSON and rejects malformed JSON with a typed error', () => {
    const s = signVoucher(v, kp.secretKey);
    const back = voucherFromJson(JSON.parse(JSON.stringify(voucherToJson(s))));
    expect(verifyVoucher(back, kp.publicKey)).toBe(true);
    for (const bad of [
      null,
      {},
      { ...voucherToJson(s), amount: '-1' },
      { ...voucherToJson(s), signature: 'zz' },
      { ...voucherToJson(s), channel: 'nope' },
    ]) {
      try {
        voucherFromJson(bad);
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(ContractsError);
        expect((err as ContractsError).code).toBe('VOUCHER_MALFORMED');
      }
    }
  });

  it('refuses out-of-range fields', () => {
    expect(() => voucherCell({ ...v, seq: 1n << 64n })).toThrow(RangeError);
    expect(() => voucherCell({ ...v, amount: -5n })).toThrow(RangeError);
  });

  it('round-trips voucher bytes (BoC) and rejects anything else with VOUCHER_MALFORMED', () => {
    const back = decodeVoucherBoc(encodeVoucherBoc(v));
    expect(back.channel.equals(channel) && back.amount === v.amount && back.seq === v.seq).toBe(true);
    for (const bad of [
      new Uint8Array(0),
      Uint8Array.from([1, 2, 3]),
      new Uint8Array(voucherCell(v).toBoc()).map((b, i) => (i === 20 ? b ^ 0xff : b)),
    ]) {
      expect(() => decodeVoucherBoc(bad)).toThrow(ContractsError);
    }
  });
});
