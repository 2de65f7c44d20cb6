/**
 * ChaCha20-Poly1305 (RFC 8439 §2.8) for the sealed response frames, in plain TypeScript, keyed once per response.
 *
 * Why not node:crypto here: a response frame carries a few bytes (one or a few tokens), and `createCipheriv` +
 * `setAAD` + `update` + `final` + `getAuthTag` costs ~8-10 µs of fixed JS/native overhead per frame on each side,
 * which dominated the per-token cost of a sealed stream. This implementation keeps the key schedule (key words,
 * nonce base) across frames and needs no allocation per frame beyond the output: ~1-2 µs for a token-sized frame.
 * Same algorithm, same bytes: test/sealing checks it against OpenSSL (node:crypto) on random inputs and against the
 * RFC 8439 §2.8.2 test vector. The HPKE request path stays on node:crypto (hpke-native.ts).
 *
 * Constant time: ChaCha20 is add/rotate/xor on 32-bit words; Poly1305 is poly1305-donna-16 (13-bit limbs, exact in
 * doubles; after noble-ciphers, MIT, (c) Paul Miller); the tag comparison is branch-free over all 16 bytes.
 */

const S0 = 0x61707865;
const S1 = 0x3320646e;
const S2 = 0x79622d32;
const S3 = 0x6b206574;

const le32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u8to16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);

/** One ChaCha20 block (RFC 8439 §2.3) for key words k, counter and nonce words, into `out` (16 words). */
function chachaBlock(k: Uint32Array, counter: number, n0: number, n1: number, n2: number, out: Uint32Array): void {
  const j0 = S0, j1 = S1, j2 = S2, j3 = S3;
  const j4 = k[0]!, j5 = k[1]!, j6 = k[2]!, j7 = k[3]!, j8 = k[4]!, j9 = k[5]!, j10 = k[6]!, j11 = k[7]!;
  const j12 = counter, j13 = n0, j14 = n1, j15 = n2;
  let x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
  let x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
  for (let i = 0; i < 10; i++) {
    // column rounds
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);
    // diagonal rounds
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
  }
  out[0] = x0 + j0; out[1] = x1 + j1; out[2] = x2 + j2; out[3] = x3 + j3;
  out[4] = x4 + j4; out[5] = x5 + j5; out[6] = x6 + j6; out[7] = x7 + j7;
  out[8] = x8 + j8; out[9] = x9 + j9; out[10] = x10 + j10; out[11] = x11 + j11;
  out[12] = x12 + j12; out[13] = x13 + j13; out[14] = x14 + j14; out[15] = x15 + j15;
}

/** Poly1305 (RFC 8439 §2.5) over 16-byte blocks, poly1305-donna-16. Only full blocks: the AEAD pads every segment. */
class Poly1305 {
  readonly r = new Uint16Array(10);
  readonly h = new Uint16Array(10);
  readonly pad = new Uint16Array(8);
  readonly g = new Uint16Array(10);

  /** Reset with a one-time key (32 bytes: r || s) taken from `k` at `off`. */
  init(k: Uint8Array, off: number): void {
    const t0 = u8to16(k, off + 0), t1 = u8to16(k, off + 2), t2 = u8to16(k, off + 4), t3 = u8to16(k, off + 6);
    const t4 = u8to16(k, off + 8), t5 = u8to16(k, off + 10), t6 = u8to16(k, off + 12), t7 = u8to16(k, off + 14);
    const r = this.r;
    r[0] = t0 & 0x1fff;
    r[1] = ((t0 >>> 13) | (t1 << 3)) & 0x1fff;
    r[2] = ((t1 >>> 10) | (t2 << 6)) & 0x1f03;
    r[3] = ((t2 >>> 7) | (t3 << 9)) & 0x1fff;
    r[4] = ((t3 >>> 4) | (t4 << 12)) & 0x00ff;
    r[5] = (t4 >>> 1) & 0x1ffe;
    r[6] = ((t4 >>> 14) | (t5 << 2)) & 0x1fff;
    r[7] = ((t5 >>> 11) | (t6 << 5)) & 0x1f81;
    r[8] = ((t6 >>> 8) | (t7 << 8)) & 0x1fff;
    r[9] = (t7 >>> 5) & 0x007f;
    for (let i = 0; i < 8; i++) this.pad[i] = u8to16(k, off + 16 + 2 * i);
    this.h.fill(0);
  }

  /** Absorb one full 16-byte block at `data[offset]`. */
  block(data: Uint8Array, offset: number): void {
    const hibit = 1 << 11;
    const h = this.h, r = this.r;
    const r0 = r[0]!, r1 = r[1]!, r2 = r[2]!, r3 = r[3]!, r4 = r[4]!, r5 = r[5]!, r6 = r[6]!, r7 = r[7]!, r8 = r[8]!, r9 = r[9]!;
    const t0 = u8to16(data, offset + 0), t1 = u8to16(data, offset + 2), t2 = u8to16(data, offset + 4), t3 = u8to16(data, offset + 6);
    const t4 = u8to16(data, offset + 8), t5 = u8to16(data, offset + 10), t6 = u8to16(data, offset + 12), t7 = u8to16(data, offset + 14);
    const h0 = h[0]! + (t0 & 0x1fff);
    const h1 = h[1]! + (((t0 >>> 13) | (t1 << 3)) & 0x1fff);
    const h2 = h[2]! + (((t1 >>> 10) | (t2 << 6)) & 0x1fff);
    const h3 = h[3]! + (((t2 >>> 7) | (t3 << 9)) & 0x1fff);
    const h4 = h[4]! + (((t3 >>> 4) | (t4 << 12)) & 0x1fff);
    const h5 = h[5]! + ((t4 >>> 1) & 0x1fff);
    const h6 = h[6]! + (((t4 >>> 14) | (t5 << 2)) & 0x1fff);
    const h7 = h[7]! + (((t5 >>> 11) | (t6 << 5)) & 0x1fff);
    const h8 = h[8]! + (((t6 >>> 8) | (t7 << 8)) & 0x1fff);
    const h9 = h[9]! + ((t7 >>> 5) | hibit);
    let c = 0;
    let d0 = c + h0 * r0 + h1 * (5 * r9) + h2 * (5 * r8) + h3 * (5 * r7) + h4 * (5 * r6);
    c = d0 >>> 13; d0 &= 0x1fff;
    d0 += h5 * (5 * r5) + h6 * (5 * r4) + h7 * (5 * r3) + h8 * (5 * r2) + h9 * (5 * r1);
    c += d0 >>> 13; d0 &= 0x1fff;
    let d1 = c + h0 * r1 + h1 * r0 + h2 * (5 * r9) + h3 * (5 * r8) + h4 * (5 * r7);
    c = d1 >>> 13; d1 &= 0x1fff;
    d1 += h5 * (5 * r6) + h6 * (5 * r5) + h7 * (5 * r4) + h8 * (5 * r3) + h9 * (5 * r2);
    c += d1 >>> 13; d1 &= 0x1fff;
    let d2 = c + h0 * r2 + h1 * r1 + h2 * r0 + h3 * (5 * r9) + h4 * (5 * r8);
    c = d2 >>> 13; d2 &= 0x1fff;
    d2 += h5 * (5 * r7) + h6 * (5 * r6) + h7 * (5 * r5) + h8 * (5 * r4) + h9 * (5 * r3);
    c += d2 >>> 13; d2 &= 0x1fff;
    let d3 = c + h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * (5 * r9);
    c = d3 >>> 13; d3 &= 0x1fff;
    d3 += h5 * (5 * r8) + h6 * (5 * r7) + h7 * (5 * r6) + h8 * (5 * r5) + h9 * (5 * r4);
    c += d3 >>> 13; d3 &= 0x1fff;
    let d4 = c + h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
    c = d4 >>> 13; d4 &= 0x1fff;
    d4 += h5 * (5 * r9) + h6 * (5 * r8) + h7 * (5 * r7) + h8 * (5 * r6) + h9 * (5 * r5);
    c += d4 >>> 13; d4 &= 0x1fff;
    let d5 = c + h0 * r5 + h1 * r4 + h2 * r3 + h3 * r2 + h4 * r1;
    c = d5 >>> 13; d5 &= 0x1fff;
    d5 += h5 * r0 + h6 * (5 * r9) + h7 * (5 * r8) + h8 * (5 * r7) + h9 * (5 * r6);
    c += d5 >>> 13; d5 &= 0x1fff;
    let d6 = c + h0 * r6 + h1 * r5 + h2 * r4 + h3 * r3 + h4 * r2;
    c = d6 >>> 13; d6 &= 0x1fff;
    d6 += h5 * r1 + h6 * r0 + h7 * (5 * r9) + h8 * (5 * r8) + h9 * (5 * r7);
    c += d6 >>> 13; d6 &= 0x1fff;
    let d7 = c + h0 * r7 + h1 * r6 + h2 * r5 + h3 * r4 + h4 * r3;
    c = d7 >>> 13; d7 &= 0x1fff;
    d7 += h5 * r2 + h6 * r1 + h7 * r0 + h8 * (5 * r9) + h9 * (5 * r8);
    c += d7 >>> 13; d7 &= 0x1fff;
    let d8 = c + h0 * r8 + h1 * r7 + h2 * r6 + h3 * r5 + h4 * r4;
    c = d8 >>> 13; d8 &= 0x1fff;
    d8 += h5 * r3 + h6 * r2 + h7 * r1 + h8 * r0 + h9 * (5 * r9);
    c += d8 >>> 13; d8 &= 0x1fff;
    let d9 = c + h0 * r9 + h1 * r8 + h2 * r7 + h3 * r6 + h4 * r5;
    c = d9 >>> 13; d9 &= 0x1fff;
    d9 += h5 * r4 + h6 * r3 + h7 * r2 + h8 * r1 + h9 * r0;
    c += d9 >>> 13; d9 &= 0x1fff;
    c = ((c << 2) + c) | 0;
    c = (c + d0) | 0;
    d0 = c & 0x1fff;
    c = c >>> 13;
    d1 += c;
    h[0] = d0; h[1] = d1; h[2] = d2; h[3] = d3; h[4] = d4; h[5] = d5; h[6] = d6; h[7] = d7; h[8] = d8; h[9] = d9;
  }

  /** Absorb `len` bytes at `data[off]`, zero-padded to a multiple of 16 (RFC 8439 §2.8 pad16). */
  padded(data: Uint8Array, off: number, len: number, scratch: Uint8Array): void {
    const full = len & ~15;
    for (let i = 0; i < full; i += 16) this.block(data, off + i);
    const rest = len - full;
    if (rest > 0) {
      scratch.fill(0, 0, 16);
      for (let i = 0; i < rest; i++) scratch[i] = data[off + full + i]!;
      this.block(scratch, 0);
    }
  }

  /** Write the 16-byte tag to `out[off]`. */
  finish(out: Uint8Array, off: number): void {
    const h = this.h, pad = this.pad, g = this.g;
    let c = h[1]! >>> 13;
    h[1]! &= 0x1fff;
    for (let i = 2; i < 10; i++) {
      h[i] = h[i]! + c;
      c = h[i]! >>> 13;
      h[i]! &= 0x1fff;
    }
    h[0] = h[0]! + c * 5;
    c = h[0]! >>> 13;
    h[0]! &= 0x1fff;
    h[1] = h[1]! + c;
    c = h[1]! >>> 13;
    h[1]! &= 0x1fff;
    h[2] = h[2]! + c;
    g[0] = h[0]! + 5;
    c = g[0]! >>> 13;
    g[0]! &= 0x1fff;
    for (let i = 1; i < 10; i++) {
      g[i] = h[i]! + c;
      c = g[i]! >>> 13;
      g[i]! &= 0x1fff;
    }
    g[9] = g[9]! - (1 << 13);
    let mask = (c ^ 1) - 1;
    for (let i = 0; i < 10; i++) g[i]! &= mask;
    mask = ~mask;
    for (let i = 0; i < 10; i++) h[i] = (h[i]! & mask) | g[i]!;
    h[0] = (h[0]! | (h[1]! << 13)) & 0xffff;
    h[1] = ((h[1]! >>> 3) | (h[2]! << 10)) & 0xffff;
    h[2] = ((h[2]! >>> 6) | (h[3]! << 7)) & 0xffff;
    h[3] = ((h[3]! >>> 9) | (h[4]! << 4)) & 0xffff;
    h[4] = ((h[4]! >>> 12) | (h[5]! << 1) | (h[6]! << 14)) & 0xffff;
    h[5] = ((h[6]! >>> 2) | (h[7]! << 11)) & 0xffff;
    h[6] = ((h[7]! >>> 5) | (h[8]! << 8)) & 0xffff;
    h[7] = ((h[8]! >>> 8) | (h[9]! << 5)) & 0xffff;
    let f = h[0]! + pad[0]!;
    h[0] = f & 0xffff;
    for (let i = 1; i < 8; i++) {
      f = (((h[i]! + pad[i]!) | 0) + (f >>> 16)) | 0;
      h[i] = f & 0xffff;
    }
    for (let i = 0; i < 8; i++) {
      out[off + 2 * i] = h[i]! & 0xff;
      out[off + 2 * i + 1] = h[i]! >>> 8;
    }
    h.fill(0);
    g.fill(0);
  }
}

/**
 * ChaCha20-Poly1305 under one fixed 32-byte key, many nonces (one per frame). Not re-entrant: one instance per
 * stream (the worker's sealer and the client's opener each own one); no allocation per call.
 */
export class ChaCha20Poly1305 {
  readonly #k = new Uint32Array(8);
  readonly #block = new Uint32Array(16);
  readonly #blockBytes = new Uint8Array(64);
  readonly #poly = new Poly1305();
  readonly #scratch = new Uint8Array(16);
  readonly #tag = new Uint8Array(16);

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new TypeError('ChaCha20-Poly1305 key must be 32 bytes');
    for (let i = 0; i < 8; i++) this.#k[i] = le32(key, 4 * i);
  }

  /** Wipe the key words (the instance is unusable afterwards). */
  destroy(): void {
    this.#k.fill(0);
    this.#block.fill(0);
    this.#blockBytes.fill(0);
  }

  #words(counter: number, n0: number, n1: number, n2: number): Uint8Array {
    const w = this.#block;
    const b = this.#blockBytes;
    chachaBlock(this.#k, counter, n0, n1, n2, w);
    for (let i = 0; i < 16; i++) {
      const x = w[i]!;
      b[4 * i] = x;
      b[4 * i + 1] = x >>> 8;
      b[4 * i + 2] = x >>> 16;
      b[4 * i + 3] = x >>> 24;
    }
    return b;
  }

  /** XOR `len` bytes from src[sOff] with the keystream from block counter 1 into dst[dOff] (may alias). */
  #xor(n0: number, n1: number, n2: number, src: Uint8Array, sOff: number, dst: Uint8Array, dOff: number, len: number): void {
    for (let pos = 0, ctr = 1; pos < len; ctr++, pos += 64) {
      const ks = this.#words(ctr, n0, n1, n2);
      const m = Math.min(64, len - pos);
      for (let i = 0; i < m; i++) dst[dOff + pos + i] = src[sOff + pos + i]! ^ ks[i]!;
    }
  }

  #tagOf(n0: number, n1: number, n2: number, aad: Uint8Array, ct: Uint8Array, ctOff: number, ctLen: number, out: Uint8Array, off: number): void {
    const poly = this.#poly;
    poly.init(this.#words(0, n0, n1, n2), 0); // one-time key = first 32 bytes of block 0 (§2.6)
    poly.padded(aad, 0, aad.length, this.#scratch);
    poly.padded(ct, ctOff, ctLen, this.#scratch);
    const s = this.#scratch;
    s.fill(0);
    // le64 lengths; frames are far below 2^32 bytes
    s[0] = aad.length; s[1] = aad.length >>> 8; s[2] = aad.length >>> 16; s[3] = aad.length >>> 24;
    s[8] = ctLen; s[9] = ctLen >>> 8; s[10] = ctLen >>> 16; s[11] = ctLen >>> 24;
    poly.block(s, 0);
    poly.finish(out, off);
    this.#blockBytes.fill(0, 0, 32);
  }

  /**
   * Encrypt `pt` with nonce `nonce` (12 bytes) and `aad`, writing ciphertext || tag (pt.length + 16 bytes) to out[off].
   */
  seal(nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array, out: Uint8Array, off: number): void {
    const n0 = le32(nonce, 0), n1 = le32(nonce, 4), n2 = le32(nonce, 8);
    this.#xor(n0, n1, n2, pt, 0, out, off, pt.length);
    this.#tagOf(n0, n1, n2, aad, out, off, pt.length, out, off + pt.length);
  }

  /**
   * Verify and decrypt ciphertext || tag at ct[ctOff .. ctOff + len) into a new Uint8Array.
   * Returns undefined if authentication fails (nothing is decrypted then).
   */
  open(nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array, ctOff: number, len: number): Uint8Array | undefined {
    if (len < 16) return undefined;
    const n0 = le32(nonce, 0), n1 = le32(nonce, 4), n2 = le32(nonce, 8);
    const ptLen = len - 16;
    const tag = this.#tag;
    this.#tagOf(n0, n1, n2, aad, ct, ctOff, ptLen, tag, 0);
    let diff = 0;
    for (let i = 0; i < 16; i++) diff |= tag[i]! ^ ct[ctOff + ptLen + i]!;
    tag.fill(0);
    if (diff !== 0) return undefined;
    const out = new Uint8Array(ptLen);
    this.#xor(n0, n1, n2, ct, ctOff, out, 0, ptLen);
    return out;
  }
}
