/**
 * Receipt version 2 (two prices) and version 1 (one price) side by side: v1 bytes still decode and verify with both
 * prices equal to the v1 price, v2 round-trips, the amount must be exactly prompt and completion prices times their
 * tokens, and no amount above u64 is ever encoded or accepted.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import {
  decodeReceipt,
  ed25519RawPublicKey,
  encodeReceipt,
  receiptAmount,
  RECEIPT_DOMAIN,
  RECEIPT_VERSION,
  RECEIPT_VERSIONS_READ,
  signReceipt,
  verifyReceipt,
  type Receipt,
} from '../../attestation/receipt';

const h = (s: string): Uint8Array => new Uint8Array(createHash('sha256').update(s).digest());
const { privateKey } = generateKeyPairSync('ed25519');
const workerKey = ed25519RawPublicKey(privateKey);
const U64_MAX = (1n << 64n) - 1n;

function base(over: Partial<Receipt> = {}): Receipt {
  return {
    requestDigest: h('req'),
    responseDigest: h('resp'),
    modelId: h('model'),
    promptTokens: 10,
    completionTokens: 20,
    promptPriceNano: 1000n,
    completionPriceNano: 2000n,
    channel: h('channel'),
    seq: 9n,
    workerKey,
    ...over,
  };
}

/** Version 1 layout, written independently of the library: one price at 123, amount at 131, ..., channel at 180. */
function v1Bytes(o: {
  priceNano: bigint;
  promptTokens: number;
  completionTokens: number;
  amountNano?: bigint;
  tonChannel?: boolean;
}): Buffer {
  const channelLen = o.tonChannel ? 36 : 32;
  const b = Buffer.alloc(180 + channelLen);
  RECEIPT_DOMAIN.copy(b, 0);
  b[18] = 1;
  Buffer.from(h('req')).copy(b, 19);
  Buffer.from(h('resp')).copy(b, 51);
  Buffer.from(h('model')).copy(b, 83);
  b.writeUInt32BE(o.promptTokens, 115);
  b.writeUInt32BE(o.completionTokens, 119);
  b.writeBigUInt64BE(o.priceNano, 123);
  b.writeBigUInt64BE(o.amountNano ?? o.priceNano * BigInt(o.promptTokens + o.completionTokens), 131);
  b.writeBigUInt64BE(5n, 139);
  Buffer.from(workerKey).copy(b, 147);
  if (o.tonChannel) {
    b[179] = 1;
    b.writeInt32BE(-1, 180);
    b.fill(0xcd, 184, 216);
  } else {
    b[179] = 0;
    Buffer.from(h('channel')).copy(b, 180);
  }
  return b;
}

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};
const detailField = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as { details?: { field?: unknown } }).details?.field;
  }
  return undefined;
};

describe('receipt versions', () => {
  test('version 2 is written; versions 1 and 2 are read', () => {
    expect(RECEIPT_VERSION).toBe(2);
    expect([...RECEIPT_VERSIONS_READ]).toEqual([1, 2]);
    expect(encodeReceipt(base())[18]).toBe(2);
  });

  test('v2 round trip: both prices at their offsets, amount, every field back', () => {
    const bytes = encodeReceipt(base());
    const b = Buffer.from(bytes);
    expect(b.readBigUInt64BE(123)).toBe(1000n);
    expect(b.readBigUInt64BE(131)).toBe(2000n);
    expect(b.readBigUInt64BE(139)).toBe(1000n * 10n + 2000n * 20n);
    expect(b.readBigUInt64BE(147)).toBe(9n);
    expect(b.subarray(155, 187).equals(Buffer.from(workerKey))).toBe(true);
    expect(b[187]).toBe(0);
    const r = decodeReceipt(bytes);
    expect(r).toMatchObject({
      version: 2,
      promptTokens: 10,
      completionTokens: 20,
      promptPriceNano: 1000n,
      completionPriceNano: 2000n,
      amountNano: 50_000n,
      seq: 9n,
    });
    expect(Buffer.from(encodeReceipt(r)).equals(b)).toBe(true);
    const { signature } = signReceipt(base(), privateKey);
    expect(verifyReceipt(r, signature, workerKey).amountNano).toBe(50_000n);
  });

  test('prompt and completion prices are not interchangeable', () => {
    const swapped = base({ promptPriceNano: 2000n, completionPriceNano: 1000n });
    expect(receiptAmount(swapped)).toBe(2000n * 10n + 1000n * 20n);
    expect(receiptAmount(swapped)).not.toBe(receiptAmount(base()));
    const { bytes, signature } = signReceipt(base(), privateKey);
    const t = Buffer.from(bytes);
    t.writeBigUInt64BE(2000n, 123);
    t.writeBigUInt64BE(1000n, 131);
    t.writeBigUInt64BE(receiptAmount(swapped), 139); // consistent, but not what was signed
    expect(code(() => verifyReceipt(new Uint8Array(t), signature, workerKey))).toBe('RECEIPT_SIGNATURE_INVALID');
  });

  test('v1 bytes decode with both prices equal to the v1 price and verify under their signature', () => {
    const bytes = new Uint8Array(v1Bytes({ priceNano: 700n, promptTokens: 3, completionTokens: 4 }));
    expect(bytes.length).toBe(212);
    const signature = new Uint8Array(sign(null, bytes, privateKey));
    const r = verifyReceipt(bytes, signature, workerKey);
    expect(r).toMatchObject({
      version: 1,
      promptPriceNano: 700n,
      completionPriceNano: 700n,
      amountNano: 700n * 7n,
      seq: 5n,
      promptTokens: 3,
      completionTokens: 4,
    });
    expect(Buffer.from(r.channel as Uint8Array).equals(Buffer.from(h('channel')))).toBe(true);
    // A v1 value is never written: verifying it by value (re-encoding) is refused, not silently upgraded.
    expect(code(() => encodeReceipt(r))).toBe('RECEIPT_VERSION_UNSUPPORTED');
    expect(code(() => verifyReceipt(r, signature, workerKey))).toBe('RECEIPT_VERSION_UNSUPPORTED');
  });

  test('v1 with a TON channel decodes (216 bytes); a v1 body under a v2 version byte is malformed', () => {
    const ton = v1Bytes({ priceNano: 1n, promptTokens: 1, completionTokens: 1, tonChannel: true });
    expect(ton.length).toBe(216);
    expect(decodeReceipt(new Uint8Array(ton)).channel).toBe(`-1:${'cd'.repeat(32)}`);
    const relabelled = v1Bytes({ priceNano: 1n, promptTokens: 1, completionTokens: 1 });
    relabelled[18] = 2;
    expect(code(() => decodeReceipt(new Uint8Array(relabelled)))).toBe('RECEIPT_MALFORMED');
    const v2AsV1 = Buffer.from(encodeReceipt(base()));
    v2AsV1[18] = 1;
    expect(code(() => decodeReceipt(new Uint8Array(v2AsV1)))).toBe('RECEIPT_MALFORMED');
  });

  test('v1 with an amount other than price x tokens is RECEIPT_FIELD_INVALID', () => {
    const bad = v1Bytes({ priceNano: 700n, promptTokens: 3, completionTokens: 4, amountNano: 700n * 7n + 1n });
    expect(code(() => decodeReceipt(new Uint8Array(bad)))).toBe('RECEIPT_FIELD_INVALID');
  });

  test('unknown versions are RECEIPT_VERSION_UNSUPPORTED, on decode and on encode', () => {
    for (const v of [0, 3, 255]) {
      const t = Buffer.from(encodeReceipt(base()));
      t[18] = v;
      expect(code(() => decodeReceipt(new Uint8Array(t)))).toBe('RECEIPT_VERSION_UNSUPPORTED');
    }
    expect(code(() => encodeReceipt(base({ version: 3 })))).toBe('RECEIPT_VERSION_UNSUPPORTED');
    expect(encodeReceipt(base({ version: 2 })).length).toBe(220);
  });

  test('v2 amount mismatch: on encode (given amount) and on decode (tampered bytes)', () => {
    expect(detailField(() => encodeReceipt(base({ amountNano: 50_001n })))).toBe('amountNano');
    // the v1 formula, price x all tokens, is not the v2 amount
    expect(code(() => encodeReceipt(base({ amountNano: 1000n * 30n })))).toBe('RECEIPT_FIELD_INVALID');
    const t = Buffer.from(encodeReceipt(base()));
    t.writeBigUInt64BE(50_001n, 139);
    expect(code(() => decodeReceipt(new Uint8Array(t)))).toBe('RECEIPT_FIELD_INVALID');
  });

  test('overflow: an amount above u64 is never encoded nor decoded', () => {
    const big = base({ promptPriceNano: U64_MAX, promptTokens: 2, completionTokens: 0 });
    expect(receiptAmount(big)).toBeGreaterThan(U64_MAX);
    expect(detailField(() => encodeReceipt(big))).toBe('amountNano');
    // the largest amount that fits encodes
    const edge = base({ promptPriceNano: U64_MAX, promptTokens: 1, completionTokens: 0 });
    expect(decodeReceipt(encodeReceipt(edge)).amountNano).toBe(U64_MAX);
    // both halves below u64, sum above
    const sum = base({ promptPriceNano: U64_MAX, completionPriceNano: 1n, promptTokens: 1, completionTokens: 1 });
    expect(code(() => encodeReceipt(sum))).toBe('RECEIPT_FIELD_INVALID');
    // crafted bytes whose prices x tokens exceed u64 (the stored amount wrapped around) are refused
    const t = Buffer.from(encodeReceipt(edge));
    t.writeUInt32BE(2, 115);
    t.writeBigUInt64BE((U64_MAX * 2n) & U64_MAX, 139);
    expect(code(() => decodeReceipt(new Uint8Array(t)))).toBe('RECEIPT_FIELD_INVALID');
  });

  test.each<[string, Partial<Receipt>]>([
    ['promptPriceNano', { promptPriceNano: -1n }],
    ['promptPriceNano', { promptPriceNano: U64_MAX + 1n }],
    ['completionPriceNano', { completionPriceNano: -1n }],
    ['completionPriceNano', { completionPriceNano: 5 as unknown as bigint }],
  ])('a price out of u64 range is RECEIPT_FIELD_INVALID (%s)', (field, over) => {
    expect(code(() => encodeReceipt(base(over)))).toBe('RECEIPT_FIELD_INVALID');
    expect(detailField(() => encodeReceipt(base(over)))).toBe(field);
  });

  test('zero prices are valid (amount 0)', () => {
    const r = decodeReceipt(encodeReceipt(base({ promptPriceNano: 0n, completionPriceNano: 0n })));
    expect(r.amountNano).toBe(0n);
  });

  test('a receipt cut before its channel kind is RECEIPT_MALFORMED', () => {
    const bytes = encodeReceipt(base());
    expect(code(() => decodeReceipt(bytes.subarray(0, 187)))).toBe('RECEIPT_MALFORMED');
    expect(code(() => decodeReceipt(bytes.subarray(0, 18)))).toBe('RECEIPT_MALFORMED');
  });
});
