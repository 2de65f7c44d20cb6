import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { OpenError } from '@hpke/core';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { NodeChacha20Poly1305 } from '../../proto/sealing/aead-node';
import {
  decodeResponseChunk,
  encodeResponseChunk,
  FRAME_VERSION,
  ResponseOpener,
  ResponseSealer,
  type SealError,
  type ResponseChunk,
} from '../../proto/sealing';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as SealError).code;
  }
  return undefined;
};

describe('ChaCha20-Poly1305: node:crypto and the @hpke AEAD extension', () => {
  test('RFC 8439 §2.8.2 AEAD test vector through node:crypto and NodeChacha20Poly1305', async () => {
    const key = Buffer.from('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f', 'hex');
    const nonce = Buffer.from('070000004041424344454647', 'hex');
    const aad = Buffer.from('50515253c0c1c2c3c4c5c6c7', 'hex');
    const pt = Buffer.from(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    c.setAAD(aad, { plaintextLength: pt.length });
    const out = Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
    expect(out.subarray(0, 16).toString('hex')).toBe('d31a8d34648e60db7b86afbc53ef7ec2');
    expect(out.subarray(pt.length).toString('hex')).toBe('1ae10b594f09e26a7e902ecbd0600691');
    const ext = new NodeChacha20Poly1305().createEncryptionContext(key);
    expect(Buffer.from(await ext.seal(nonce, pt, aad)).equals(out)).toBe(true);
  });

  test('NodeChacha20Poly1305 is byte-identical to @hpke/chacha20poly1305 (random keys, nonces, AAD, plaintexts) and rejects flips', async () => {
    const ours = new NodeChacha20Poly1305();
    const lib = new Chacha20Poly1305();
    expect([ours.id, ours.keySize, ours.nonceSize, ours.tagSize]).toEqual([
      lib.id,
      lib.keySize,
      lib.nonceSize,
      lib.tagSize,
    ]);
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const aad = randomBytes((i * 7) % 71);
      const pt = randomBytes((i * 13) % 301);
      const a = ours.createEncryptionContext(key);
      const b = lib.createEncryptionContext(key);
      const ct = new Uint8Array(await a.seal(nonce, pt, aad));
      expect(Buffer.from(ct).equals(Buffer.from(await b.seal(nonce, pt, aad)))).toBe(true);
      expect(Buffer.from(await a.open(nonce, ct, aad)).equals(pt)).toBe(true);
      const flipped = Uint8Array.from(ct);
      flipped[i % ct.length]! ^= 1 << (i % 8);
      await expect(a.open(nonce, flipped, aad)).rejects.toBeInstanceOf(OpenError);
      if (aad.length > 0) await expect(a.open(nonce, ct, aad.subarray(1))).rejects.toBeInstanceOf(OpenError);
    }
    await expect(
      ours.createEncryptionContext(randomBytes(32)).open(randomBytes(12), new Uint8Array(15), new Uint8Array(0)),
    ).rejects.toBeInstanceOf(OpenError);
  });
});

describe('sealed response frames (v2)', () => {
  const secret = randomBytes(32);
  const encKey = randomBytes(32);

  test('a frame opens with an independent HKDF + OpenSSL reference of the documented derivation', () => {
    const sealer = new ResponseSealer(secret, encKey);
    const f0 = sealer.seal(encodeResponseChunk({ text: 'Alice' }), false);
    const f1 = sealer.seal(
      encodeResponseChunk({ finish_reason: 'stop', usage: { prompt_tokens: 3, completion_tokens: 1 } }),
      true,
    );
    expect(f0[0]).toBe(FRAME_VERSION);
    expect(FRAME_VERSION).toBe(2);
    const salt = Buffer.concat([encKey, f0.subarray(6, 38)]);
    const key = Buffer.from(hkdfSync('sha256', secret, salt, 'key', 32));
    const base = Buffer.from(hkdfSync('sha256', secret, salt, 'nonce', 12));
    const open = (f: Uint8Array, hlen: number, seq: number): Buffer => {
      const n = Buffer.from(base);
      n.writeUInt32BE((n.readUInt32BE(8) ^ seq) >>> 0, 8);
      const d = createDecipheriv('chacha20-poly1305', key, n, { authTagLength: 16 });
      d.setAAD(f.subarray(0, hlen), { plaintextLength: f.length - hlen - 16 });
      d.setAuthTag(f.subarray(f.length - 16));
      return Buffer.concat([d.update(f.subarray(hlen, f.length - 16)), d.final()]);
    };
    expect(decodeResponseChunk(open(f0, 38, 0))).toEqual({ text: 'Alice' });
    expect(decodeResponseChunk(open(f1, 6, 1))).toEqual({
      finish_reason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
  });

  test('order, replay, truncation and a frame from another response are still detected', () => {
    const s = new ResponseSealer(secret, encKey);
    const frames = ['a', 'b', 'c'].map((t, i) => s.seal(encodeResponseChunk({ text: t }), i === 2));
    const o1 = new ResponseOpener(secret, encKey);
    expect(codeOf(() => o1.open(frames[1]!))).toBe('SEAL_FRAME_OUT_OF_ORDER');
    const o2 = new ResponseOpener(secret, encKey);
    o2.open(frames[0]!);
    expect(codeOf(() => o2.open(frames[0]!))).toBe('SEAL_FRAME_REPLAYED');
    const o3 = new ResponseOpener(secret, encKey);
    o3.open(frames[0]!);
    o3.open(frames[1]!);
    expect(codeOf(() => o3.finish())).toBe('SEAL_TRUNCATED');
    const other = new ResponseSealer(secret, encKey); // same HPKE context, fresh response nonce: different keys
    const o4 = new ResponseOpener(secret, encKey);
    o4.open(frames[0]!);
    other.seal(encodeResponseChunk({ text: 'x' }), false);
    expect(codeOf(() => o4.open(other.seal(encodeResponseChunk({ text: 'y' }), false)))).toBe('SEAL_FRAME_AUTH_FAILED');
    const o5 = new ResponseOpener(secret, encKey);
    const v1 = Uint8Array.from(frames[0]!);
    v1[0] = 1;
    expect(codeOf(() => o5.open(v1))).toBe('SEAL_FRAME_MALFORMED');
  });
});

describe('binary response chunks', () => {
  test('round trip', () => {
    const cases: ResponseChunk[] = [
      { text: ' rabbit' },
      { text: 'héllo 🐇\n"quoted"' },
      { finish_reason: 'length', usage: { prompt_tokens: 0, completion_tokens: 0xffffffff } },
      { finish_reason: 'stop', usage: { prompt_tokens: 12, completion_tokens: 256 } },
      { error: { code: 'ENGINE_ABORTED' } },
    ];
    for (const c of cases) expect(decodeResponseChunk(encodeResponseChunk(c))).toEqual(c);
    expect(Array.from(encodeResponseChunk({ text: 'hi' }))).toEqual([1, 0x68, 0x69]);
    expect(
      Array.from(encodeResponseChunk({ finish_reason: 'length', usage: { prompt_tokens: 1, completion_tokens: 2 } })),
    ).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  test('malformed chunks are SEAL_CHUNK_MALFORMED, bad inputs a TypeError', () => {
    for (const b of [
      [],
      [0],
      [4],
      [1],
      [1, 0xff],
      [2, 0, 0],
      [2, 3, 0, 0, 0, 0, 0, 0, 0, 0],
      [3],
      [3, 0x61],
      [0x7b, 0x7d],
    ]) {
      expect(codeOf(() => decodeResponseChunk(new Uint8Array(b)))).toBe('SEAL_CHUNK_MALFORMED');
    }
    expect(() => encodeResponseChunk({ error: { code: 'bad code' } })).toThrow(TypeError);
    expect(() =>
      encodeResponseChunk({ finish_reason: 'stop', usage: { prompt_tokens: -1, completion_tokens: 0 } }),
    ).toThrow(TypeError);
  });
});
