/**
 * Receipt framing and signing-key checks (no vectors needed): inputs that are not receipt bytes, an unknown channel
 * kind, TON channel receipts, and signing keys that are not Ed25519 private keys.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  decodeReceipt,
  ed25519RawPublicKey,
  encodeReceipt,
  signReceipt,
  verifyReceipt,
  type Receipt,
} from '../../attestation/receipt';
import { ed25519PrivateKey } from '../../core/ed25519';

const h = (s: string): Uint8Array => new Uint8Array(createHash('sha256').update(s).digest());
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const workerKey = ed25519RawPublicKey(privateKey);
const receipt = (channel: Receipt['channel']): Receipt => ({
  requestDigest: h('req'),
  responseDigest: h('resp'),
  modelId: h('model'),
  promptTokens: 3,
  completionTokens: 5,
  promptPriceNano: 7n,
  completionPriceNano: 7n,
  channel,
  seq: 1n,
  workerKey,
});
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped:${(e as Error).name}`;
  }
  return undefined;
};

describe('receipt framing', () => {
  const raw = encodeReceipt(receipt(h('channel')));

  it('input that is not a Uint8Array, or shorter than the fixed fields, is RECEIPT_MALFORMED', () => {
    expect(code(() => decodeReceipt('receipt' as unknown as Uint8Array))).toBe('RECEIPT_MALFORMED');
    expect(code(() => decodeReceipt(raw.subarray(0, 40)))).toBe('RECEIPT_MALFORMED');
  });

  it('an unknown channel kind is RECEIPT_MALFORMED', () => {
    // The channel kind byte sits just before the 32-byte raw channel id at the end.
    const bad = raw.slice();
    bad[bad.length - 33] = 9;
    expect(code(() => decodeReceipt(bad))).toBe('RECEIPT_MALFORMED');
  });

  it('a TON channel address round-trips through the receipt bytes', () => {
    const addr = `-1:${'ab'.repeat(32)}`;
    const { bytes, signature } = signReceipt(receipt(addr), privateKey);
    const r = verifyReceipt(bytes, signature, workerKey);
    expect(r.channel).toBe(addr);
    expect(r.amountNano).toBe(7n * 8n);
  });
});

describe('signing keys', () => {
  it('a 32-byte seed signs for the public key it derives', () => {
    const seed = new Uint8Array(32).fill(1);
    const pub = ed25519RawPublicKey(ed25519PrivateKey(seed));
    const { bytes, signature } = signReceipt({ ...receipt(h('c')), workerKey: pub }, seed);
    expect(verifyReceipt(bytes, signature, pub).seq).toBe(1n);
    expect(code(() => verifyReceipt(bytes, signature, workerKey))).toBe('RECEIPT_WORKER_KEY_MISMATCH');
  });

  it.each<[string, unknown]>([
    ['a 31-byte seed', new Uint8Array(31)],
    ['a public key', publicKey],
    ['an X25519 private key', generateKeyPairSync('x25519').privateKey],
  ])('%s is a TypeError', (_name, key) => {
    expect(code(() => signReceipt(receipt(h('c')), key as Uint8Array))).toBe('untyped:TypeError');
  });
});
