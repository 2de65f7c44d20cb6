import { Address, beginCell } from '@ton/core';
import { sign } from '@ton/crypto';
import {
  checkVoucherAgainst,
  type ChannelView,
  decodeVoucherBoc,
  encodeVoucherBoc,
  signVoucher,
  verifyVoucher,
  voucherCell,
  voucherFromJson,
  voucherHash,
  voucherToJson,
} from '../../contracts/voucher';
import { globalIdOf, NETWORK_GLOBAL_ID, VOUCHER_TAG } from '../../contracts/constants';
import { ContractsError } from '../../contracts/errors';
import { keyFromSeed } from './helpers';

describe('voucher encoding', () => {
  const kp = keyFromSeed('payer');
  const channel = Address.parse('0:' + 'ab'.repeat(32));
  const v = { channel, globalId: NETWORK_GLOBAL_ID.testnet, amount: 123_456_789n, seq: 42n };

  it('is the tagged cell the contract parses', () => {
    const s = voucherCell(v).beginParse();
    expect(s.loadUint(32)).toBe(VOUCHER_TAG);
    expect(s.loadAddress().equals(channel)).toBe(true);
    expect(s.loadInt(32)).toBe(-3);
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
    expect(verifyVoucher({ ...a, globalId: NETWORK_GLOBAL_ID.mainnet }, kp.publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, channel: Address.parse('0:' + 'cd'.repeat(32)) }, kp.publicKey)).toBe(false);
    expect(verifyVoucher(a, keyFromSeed('other').publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, signature: new Uint8Array(10) }, kp.publicKey)).toBe(false);
    expect(verifyVoucher({ ...a, amount: -1n }, kp.publicKey)).toBe(false);
  });

  it('round-trips through JSON and rejects malformed JSON with a typed error', () => {
    const s = signVoucher(v, kp.secretKey);
    const back = voucherFromJson(JSON.parse(JSON.stringify(voucherToJson(s))));
    expect(verifyVoucher(back, kp.publicKey)).toBe(true);
    expect(back.globalId).toBe(-3);
    for (const bad of [
      null,
      {},
      { ...voucherToJson(s), globalId: '-3' },
      { ...voucherToJson(s), globalId: 2 ** 31 },
      { ...voucherToJson(s), globalId: 1.5 },
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
    expect(() => voucherCell({ ...v, globalId: -(2 ** 31) - 1 })).toThrow(RangeError);
    expect(
      voucherCell({ ...v, globalId: -(2 ** 31) })
        .beginParse()
        .skip(32)
        .loadAddress()
        .equals(channel),
    ).toBe(true);
  });

  it('round-trips voucher bytes (BoC) and rejects anything else with VOUCHER_MALFORMED', () => {
    const back = decodeVoucherBoc(encodeVoucherBoc(v));
    expect(back.channel.equals(channel) && back.amount === v.amount && back.seq === v.seq).toBe(true);
    expect(back.globalId).toBe(v.globalId);
    // A voucher cell in the previous layout (tag 0x43685601, no global id) is not a voucher any more.
    const legacy = beginCell()
      .storeUint(0x43685601, 32)
      .storeAddress(channel)
      .storeCoins(v.amount)
      .storeUint(v.seq, 64)
      .endCell();
    for (const bad of [
      new Uint8Array(legacy.toBoc({ idx: false, crc32: false })),
      new Uint8Array(0),
      Uint8Array.from([1, 2, 3]),
      new Uint8Array(voucherCell(v).toBoc()).map((b, i) => (i === 20 ? b ^ 0xff : b)),
    ]) {
      expect(() => decodeVoucherBoc(bad)).toThrow(ContractsError);
    }
  });
});

describe('globalIdOf', () => {
  it('maps each network to its config param 19 and refuses anything else', () => {
    expect([globalIdOf('mainnet'), globalIdOf('testnet'), globalIdOf('devnet')]).toEqual([-239, -3, -4242]);
    expect(() => globalIdOf('moon' as never)).toThrow(RangeError);
  });
});

describe("checkVoucherAgainst (the contract's Claim rules)", () => {
  const kp = keyFromSeed('payer');
  const channel = Address.parse('0:' + '42'.repeat(32));
  const other = Address.parse('0:' + '43'.repeat(32));
  const TON = 1_000_000_000n;
  const view: ChannelView = {
    channel,
    globalId: NETWORK_GLOBAL_ID.devnet,
    payerKey: kp.publicKey,
    deposit: 10n * TON,
    claimed: 2n * TON,
    lastSeq: 3n,
    status: 'open',
  };
  const sv = (amount: bigint, seq: bigint, o: { channel?: Address; globalId?: number; key?: Uint8Array } = {}) =>
    signVoucher(
      { channel: o.channel ?? channel, globalId: o.globalId ?? NETWORK_GLOBAL_ID.devnet, amount, seq },
      o.key ?? kp.secretKey,
    );
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(ContractsError);
      return (e as ContractsError).code;
    }
  };

  it('accepts a voucher that raises both amount and sequence within the deposit, on the open or closing channel', () => {
    expect(code(() => checkVoucherAgainst(sv(3n * TON, 4n), view))).toBeUndefined();
    expect(code(() => checkVoucherAgainst(sv(10n * TON, 99n), { ...view, status: 'closing' }))).toBeUndefined();
  });

  it.each([
    ['VOUCHER_BAD_SIGNATURE', () => sv(3n * TON, 4n, { key: keyFromSeed('x').secretKey }), view],
    ['VOUCHER_BAD_SIGNATURE', () => ({ ...sv(3n * TON, 4n), amount: 4n * TON }), view],
    ['VOUCHER_WRONG_CHANNEL', () => sv(3n * TON, 4n, { channel: other }), view],
    ['VOUCHER_WRONG_NETWORK', () => sv(3n * TON, 4n, { globalId: NETWORK_GLOBAL_ID.mainnet }), view],
    ['VOUCHER_STALE_SEQ', () => sv(3n * TON, 3n), view],
    ['VOUCHER_STALE_SEQ', () => sv(3n * TON, 1n), view],
    ['VOUCHER_NOT_MONOTONIC', () => sv(2n * TON, 4n), view],
    ['VOUCHER_NOT_MONOTONIC', () => sv(TON, 9n), view],
    ['VOUCHER_ABOVE_DEPOSIT', () => sv(10n * TON + 1n, 4n), view],
    ['VOUCHER_CHANNEL_CLOSED', () => sv(3n * TON, 4n), { ...view, status: 'closed' as const }],
  ])('refuses with %s', (want, make, v) => {
    expect(code(() => checkVoucherAgainst(make(), v))).toBe(want);
  });

  it('checks in the contract order: closed, signature, channel, network, sequence, amount, deposit', () => {
    const closed = { ...view, status: 'closed' as const };
    const foreignKey = keyFromSeed('x').secretKey;
    expect(code(() => checkVoucherAgainst(sv(0n, 0n, { key: foreignKey }), closed))).toBe('VOUCHER_CHANNEL_CLOSED');
    expect(code(() => checkVoucherAgainst(sv(0n, 0n, { key: foreignKey, channel: other }), view))).toBe(
      'VOUCHER_BAD_SIGNATURE',
    );
    expect(code(() => checkVoucherAgainst(sv(0n, 0n, { channel: other, globalId: 1 }), view))).toBe(
      'VOUCHER_WRONG_CHANNEL',
    );
    expect(code(() => checkVoucherAgainst(sv(0n, 0n, { globalId: 1 }), view))).toBe('VOUCHER_WRONG_NETWORK');
    expect(code(() => checkVoucherAgainst(sv(0n, 0n), view))).toBe('VOUCHER_STALE_SEQ');
    expect(code(() => checkVoucherAgainst(sv(0n, 4n), view))).toBe('VOUCHER_NOT_MONOTONIC');
  });

  it('allowEqual (cooperative close) accepts the claimed amount again, never less', () => {
    expect(code(() => checkVoucherAgainst(sv(2n * TON, 4n), view, { allowEqual: true }))).toBeUndefined();
    expect(code(() => checkVoucherAgainst(sv(2n * TON - 1n, 4n), view, { allowEqual: true }))).toBe(
      'VOUCHER_NOT_MONOTONIC',
    );
  });
});
