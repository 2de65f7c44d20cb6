import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  decodeReceipt,
  ed25519RawPublicKey,
  encodeReceipt,
  ResponseDigest,
  requestDigest,
  signReceipt,
  verifyReceipt,
  type Receipt,
} from '../../attestation/receipt';

const h = (s: string): Uint8Array => new Uint8Array(createHash('sha256').update(s).digest());
const { privateKey } = generateKeyPairSync('ed25519');
const workerKey = ed25519RawPublicKey(privateKey);

function base(over: Partial<Receipt> = {}): Receipt {
  return {
    requestDigest: requestDigest(new Uint8Array([1, 2, 3])),
    responseDigest: new ResponseDigest()
      .update(new Uint8Array([4]))
      .update(new Uint8Array([5]))
      .digest(),
    modelId: h('model'),
    promptTokens: 17,
    completionTokens: 256,
    promptPriceNano: 1000n,
    completionPriceNano: 3000n,
    channel: h('channel'),
    seq: 42n,
    workerKey,
    ...over,
  };
}
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('receipts', () => {
  test('encode is fixed-layout and round-trips; amount = prompt price * prompt + completion price * completion', () => {
    const bytes = encodeReceipt(base());
    expect(bytes.length).toBe(220);
    const r = decodeReceipt(bytes);
    expect(r.version).toBe(2);
    expect(r.amountNano).toBe(1000n * 17n + 3000n * 256n);
    expect(r.seq).toBe(42n);
    expect(Buffer.from(encodeReceipt(r)).equals(Buffer.from(bytes))).toBe(true);
    // ResponseDigest = SHA-256 of the concatenated frames
    expect(Buffer.from(r.responseDigest).toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.from([4, 5]))
        .digest('hex'),
    );
  });

  test('TON address channel is normalised to raw form', () => {
    const raw = `0:${'ab'.repeat(32)}`;
    const bytes = encodeReceipt(base({ channel: raw }));
    expect(bytes.length).toBe(224);
    expect(decodeReceipt(bytes).channel).toBe(raw);
    expect(code(() => encodeReceipt(base({ channel: 'not-an-address' })))).toBe('RECEIPT_FIELD_INVALID');
  });

  test('sign and verify, by bytes and by value', () => {
    const { bytes, signature } = signReceipt(base(), privateKey);
    expect(verifyReceipt(bytes, signature, workerKey).completionTokens).toBe(256);
    expect(verifyReceipt(base(), signature, workerKey).promptTokens).toBe(17);
  });

  test('any single-bit change of the receipt bytes fails', () => {
    const { bytes, signature } = signReceipt(base(), privateKey);
    for (let i = 0; i < bytes.length; i++) {
      const t = new Uint8Array(bytes);
      t[i] = t[i]! ^ 0x01;
      expect(code(() => verifyReceipt(t, signature, workerKey))).toMatch(
        /^RECEIPT_(SIGNATURE_INVALID|MALFORMED|VERSION_UNSUPPORTED|FIELD_INVALID|WORKER_KEY_MISMATCH)$/,
      );
    }
  });

  test('any single-bit change of the signature fails', () => {
    const { bytes, signature } = signReceipt(base(), privateKey);
    for (let i = 0; i < signature.length; i++) {
      const s = new Uint8Array(signature);
      s[i] = s[i]! ^ 0x80;
      expect(code(() => verifyReceipt(bytes, s, workerKey))).toBe('RECEIPT_SIGNATURE_INVALID');
    }
  });

  test('wrong worker key, truncated and trailing bytes', () => {
    const other = ed25519RawPublicKey(generateKeyPairSync('ed25519').privateKey);
    const { bytes, signature } = signReceipt(base(), privateKey);
    expect(code(() => verifyReceipt(bytes, signature, other))).toBe('RECEIPT_WORKER_KEY_MISMATCH');
    expect(code(() => verifyReceipt(bytes.subarray(0, 219), signature, workerKey))).toBe('RECEIPT_MALFORMED');
    expect(code(() => verifyReceipt(new Uint8Array([...bytes, 0]), signature, workerKey))).toBe('RECEIPT_MALFORMED');
    expect(code(() => verifyReceipt(bytes, signature.subarray(0, 63), workerKey))).toBe('RECEIPT_SIGNATURE_INVALID');
  });

  test('invalid fields are rejected on encode', () => {
    expect(code(() => encodeReceipt(base({ promptTokens: -1 })))).toBe('RECEIPT_FIELD_INVALID');
    expect(code(() => encodeReceipt(base({ modelId: new Uint8Array(31) })))).toBe('RECEIPT_FIELD_INVALID');
    expect(code(() => encodeReceipt(base({ amountNano: 1n })))).toBe('RECEIPT_FIELD_INVALID');
    expect(code(() => encodeReceipt(base({ seq: -1n })))).toBe('RECEIPT_FIELD_INVALID');
  });

  test('a 32-byte seed signs like the KeyObject', () => {
    const seed = new Uint8Array(32).fill(7);
    const { bytes, signature } = signReceipt(base({ workerKey: new Uint8Array(32) }), seed);
    void bytes;
    expect(signature.length).toBe(64);
  });
});
