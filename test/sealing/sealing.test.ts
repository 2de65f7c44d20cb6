import { CipherSuite, DhkemX25519HkdfSha256 as CoreX25519, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 as NobleX25519 } from '@hpke/dhkem-x25519';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import {
  generateHpkeKeyPair,
  openRequest,
  sealRequest,
  type SealError,
  type HpkeKeyPair,
  ResponseOpener,
  ResponseSealer,
} from '../../proto/sealing';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as SealError).code;
  }
  return undefined;
}
async function codeOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as SealError).code;
  }
  return undefined;
}

async function pair(
  worker: HpkeKeyPair,
  body = '{"messages":[]}',
): Promise<{ opener: ResponseOpener; responder: ResponseSealer; sealed: Uint8Array }> {
  const { sealed, opener } = await sealRequest(worker.publicKey, enc(body));
  const { plaintext, responder } = await openRequest(worker, sealed);
  expect(dec(plaintext)).toBe(body);
  return { opener, responder, sealed };
}

function stream(responder: ResponseSealer, parts: string[]): Uint8Array[] {
  return parts.map((p, i) => responder.seal(enc(p), i === parts.length - 1));
}

describe('sealed requests', () => {
  let worker: HpkeKeyPair;
  let other: HpkeKeyPair;
  beforeAll(async () => {
    worker = await generateHpkeKeyPair();
    other = await generateHpkeKeyPair();
  });

  test('round trip of request and a 3-frame response', async () => {
    const { opener, responder } = await pair(worker);
    const frames = stream(responder, ['Hello', ', ', 'world']);
    const out = frames.map((f) => opener.open(f));
    expect(out.map((o) => dec(o.data)).join('')).toBe('Hello, world');
    expect(out.map((o) => o.final)).toEqual([false, false, true]);
    expect(() => opener.finish()).not.toThrow();
    expect(opener.done).toBe(true);
  });

  test('empty final frame and single-frame responses', async () => {
    const { opener, responder } = await pair(worker);
    expect(opener.open(responder.seal(new Uint8Array(0), true))).toEqual({ data: new Uint8Array(0), final: true });
    opener.finish();
  });

  test('request sealed to another worker key is refused with SEAL_WRONG_KEY', async () => {
    const { sealed } = await sealRequest(other.publicKey, enc('x'));
    expect(await codeOfAsync(openRequest(worker, sealed))).toBe('SEAL_WRONG_KEY');
  });

  test('tampered request ciphertext, enc and header', async () => {
    const { sealed } = await sealRequest(worker.publicKey, enc('{"a":1}'));
    for (const [off, code] of [
      [sealed.length - 1, 'SEAL_REQUEST_OPEN_FAILED'],
      [20, 'SEAL_REQUEST_OPEN_FAILED'],
      [0, 'SEAL_UNSUPPORTED_SUITE'],
      [2, 'SEAL_UNSUPPORTED_SUITE'],
      [8, 'SEAL_WRONG_KEY'],
    ] as const) {
      const t = new Uint8Array(sealed);
      t[off] = t[off]! ^ 1;
      expect([off, await codeOfAsync(openRequest(worker, t))]).toEqual([off, code]);
    }
    expect(await codeOfAsync(openRequest(worker, sealed.subarray(0, 40)))).toBe('SEAL_REQUEST_MALFORMED');
    expect(await codeOfAsync(openRequest(worker, new Uint8Array(0)))).toBe('SEAL_REQUEST_MALFORMED');
  });

  test('request AAD is bound', async () => {
    const { sealed } = await sealRequest(worker.publicKey, enc('x'), enc('route-1'));
    expect(dec((await openRequest(worker, sealed, enc('route-1'))).plaintext)).toBe('x');
    expect(await codeOfAsync(openRequest(worker, sealed, enc('route-2')))).toBe('SEAL_REQUEST_OPEN_FAILED');
  });

  test.each([
    ['@hpke/dhkem-x25519 (noble)', () => new NobleX25519()],
    ['@hpke/core DhkemX25519HkdfSha256 (WebCrypto)', () => new CoreX25519()],
  ])(
    'interoperates with %s + @hpke/chacha20poly1305 (noble) in both directions, exporter included',
    async (_name, kem) => {
      const lib = new CipherSuite({ kem: kem(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() });
      const label = Buffer.from('chrysalis/seal/v1 response', 'latin1');
      const prefix = Buffer.from('chrysalis/seal/v1 request\0', 'latin1');
      // ours -> library recipient
      const kp = await lib.kem.generateKeyPair();
      const pk = new Uint8Array(await lib.kem.serializePublicKey(kp.publicKey));
      const { sealed, opener } = await sealRequest(pk, enc('interop'), enc('aad'));
      const r = await lib.createRecipientContext({
        recipientKey: kp,
        enc: sealed.slice(15, 47),
        info: new Uint8Array([...prefix, ...sealed.subarray(0, 15)]),
      });
      expect(dec(new Uint8Array(await r.open(sealed.slice(47), enc('aad'))))).toBe('interop');
      // the library's exporter secret keys the same response stream our opener expects
      const libSecret = new Uint8Array(await r.export(label, 32));
      const libSealer = new ResponseSealer(libSecret, sealed.slice(15, 47));
      expect(dec(opener.open(libSealer.seal(enc('from lib'), true)).data)).toBe('from lib');
      // library sender -> our worker
      const hdr = new Uint8Array([...sealed.subarray(0, 7), ...worker.keyId]);
      const s = await lib.createSenderContext({
        recipientPublicKey: await lib.kem.deserializePublicKey(worker.publicKey),
        info: new Uint8Array([...prefix, ...hdr]),
      });
      const ct = new Uint8Array(await s.seal(enc('back')));
      const wire = new Uint8Array([...hdr, ...new Uint8Array(s.enc), ...ct]);
      const { plaintext, responder } = await openRequest(worker, wire);
      expect(dec(plaintext)).toBe('back');
      const libOpener = new ResponseOpener(new Uint8Array(await s.export(label, 32)), new Uint8Array(s.enc));
      expect(dec(libOpener.open(responder.seal(enc('to lib'), true)).data)).toBe('to lib');
    },
  );

  test('a small-order (all-zero) enc is refused', async () => {
    const { sealed } = await sealRequest(worker.publicKey, enc('x'));
    const t = new Uint8Array(sealed);
    t.fill(0, 15, 47);
    expect(await codeOfAsync(openRequest(worker, t))).toBe('SEAL_REQUEST_OPEN_FAILED');
  });
});

describe('sealed response stream', () => {
  let worker: HpkeKeyPair;
  beforeAll(async () => {
    worker = await generateHpkeKeyPair();
  });

  test('truncation: finish() without the final frame throws SEAL_TRUNCATED', async () => {
    const { opener, responder } = await pair(worker);
    const frames = stream(responder, ['a', 'b', 'c']);
    opener.open(frames[0]!);
    opener.open(frames[1]!);
    expect(codeOf(() => opener.finish())).toBe('SEAL_TRUNCATED');
  });

  test('reordered frame: SEAL_FRAME_OUT_OF_ORDER, then the stream stays failed', async () => {
    const { opener, responder } = await pair(worker);
    const frames = stream(responder, ['a', 'b', 'c']);
    opener.open(frames[0]!);
    expect(codeOf(() => opener.open(frames[2]!))).toBe('SEAL_FRAME_OUT_OF_ORDER');
    expect(codeOf(() => opener.open(frames[1]!))).toBe('SEAL_STREAM_FAILED');
    expect(codeOf(() => opener.finish())).toBe('SEAL_STREAM_FAILED');
  });

  test('replayed frame: SEAL_FRAME_REPLAYED', async () => {
    const { opener, responder } = await pair(worker);
    const frames = stream(responder, ['a', 'b', 'c']);
    opener.open(frames[0]!);
    opener.open(frames[1]!);
    expect(codeOf(() => opener.open(frames[1]!))).toBe('SEAL_FRAME_REPLAYED');
  });

  test('frame after final: SEAL_FRAME_AFTER_FINAL (opener and sealer)', async () => {
    const { opener, responder } = await pair(worker);
    const frames = stream(responder, ['a', 'b']);
    opener.open(frames[0]!);
    opener.open(frames[1]!);
    expect(codeOf(() => responder.seal(enc('late'), false))).toBe('SEAL_FRAME_AFTER_FINAL');
    expect(codeOf(() => opener.open(frames[1]!))).toBe('SEAL_FRAME_AFTER_FINAL');
  });

  test('every single-byte change of every frame is detected', async () => {
    const lengths = (await pairFromScratch(worker, ['first chunk', 'second', 'end'])).frames.map((f) => f.length);
    for (let fi = 0; fi < lengths.length; fi++) {
      for (let off = 0; off < lengths[fi]!; off++) {
        const p = await pairFromScratch(worker, ['first chunk', 'second', 'end']);
        for (let j = 0; j < fi; j++) p.opener.open(p.frames[j]!);
        const t = new Uint8Array(p.frames[fi]!);
        t[off] = t[off]! ^ 0x01;
        const code = codeOf(() => p.opener.open(t));
        expect(code).toMatch(/^SEAL_FRAME_(AUTH_FAILED|MALFORMED|OUT_OF_ORDER|REPLAYED)$/);
      }
    }
  });

  test('flipping the FINAL flag (truncation disguised as end) is detected', async () => {
    const p = await pairFromScratch(worker, ['a', 'b']);
    const t = new Uint8Array(p.frames[0]!);
    t[1] = t[1]! | 0x01;
    expect(codeOf(() => p.opener.open(t))).toBe('SEAL_FRAME_AUTH_FAILED');
  });

  test('frames cannot be spliced between two responses to the same worker', async () => {
    const a = await pairFromScratch(worker, ['a0', 'a1', 'a2']);
    const b = await pairFromScratch(worker, ['b0', 'b1', 'b2']);
    a.opener.open(a.frames[0]!);
    expect(codeOf(() => a.opener.open(b.frames[1]!))).toBe('SEAL_FRAME_AUTH_FAILED');
    expect(codeOf(() => b.opener.open(a.frames[0]!))).toBe('SEAL_FRAME_AUTH_FAILED');
  });

  test('malformed frames', async () => {
    const p = await pairFromScratch(worker, ['a']);
    expect(codeOf(() => p.opener.open(new Uint8Array(3)))).toBe('SEAL_FRAME_MALFORMED');
    const q = await pairFromScratch(worker, ['a']);
    const t = new Uint8Array(q.frames[0]!);
    t[1] = 0x80 | t[1]!;
    expect(codeOf(() => q.opener.open(t))).toBe('SEAL_FRAME_MALFORMED');
  });
});

async function pairFromScratch(
  worker: HpkeKeyPair,
  parts: string[],
): Promise<{ opener: ResponseOpener; frames: Uint8Array[] }> {
  const { sealed, opener } = await sealRequest(worker.publicKey, enc('q'));
  const { responder } = await openRequest(worker, sealed);
  return { opener, frames: stream(responder, parts) };
}
