/**
 * Sealed response stream, OHTTP-style (RFC 9458 §4.4) but chunked:
 *
 *   secret      = HPKE.Export(ctx, "chrysalis/seal/v1 response", 32)
 *   prk         = HKDF-Extract(salt = enc || response_nonce, secret)      (response_nonce: 32 random bytes)
 *   key         = HKDF-Expand(prk, "key", 32);  nonce_base = HKDF-Expand(prk, "nonce", 12)
 *
 * Frame layout (big-endian):
 *   off size field
 *     0    1 version (= 2; v1 frames carried JSON chunk plaintexts, v2 the binary chunks of response-chunk.ts)
 *     1    1 flags: bit0 FINAL, bit1 NONCE (set on, and only on, frame 0); other bits must be 0
 *     2    4 seq (0, 1, 2, ... per response)
 *     6   32 response_nonce (frame 0 only)
 *     *    * ChaCha20-Poly1305(key, nonce_base XOR seq, aad = header bytes above, chunk) (chunk length + 16)
 *
 * The sequence number and FINAL flag are in the AEAD's associated data and in its nonce, so a reordered,
 * replayed, truncated or bit-flipped frame fails, and the key is unique per request (HPKE context) and per
 * response nonce, so frames cannot be spliced between responses. `ResponseOpener.finish()` detects truncation.
 * The AEAD is node:crypto's (OpenSSL) chacha20-poly1305, one cipher object per frame (node:crypto cannot re-nonce
 * a cipher object); HKDF here is two HMAC-SHA256 calls, also node:crypto.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { SealError } from './errors';

export const EXPORT_LABEL = 'chrysalis/seal/v1 response';
export const EXPORT_LENGTH = 32;
export const FRAME_VERSION = 2;
export const FLAG_FINAL = 0x01;
export const FLAG_NONCE = 0x02;
const RESPONSE_NONCE_LEN = 32;
const BASE_HEADER = 6;
const FIRST_HEADER = BASE_HEADER + RESPONSE_NONCE_LEN;
const TAG_LEN = 16;
const MAX_SEQ = 0xffffffff;

interface Keys {
  readonly key: Buffer;
  readonly nonceBase: Buffer;
}

/** HKDF-SHA256(secret, salt = enc || response_nonce) -> key (info "key", 32 B), nonce_base (info "nonce", 12 B). */
function deriveKeys(secret: Uint8Array, enc: Uint8Array, responseNonce: Uint8Array): Keys {
  const prk = createHmac('sha256', Buffer.concat([enc, responseNonce]))
    .update(secret)
    .digest(); // HKDF-Extract
  const key = createHmac('sha256', prk)
    .update('key')
    .update(Buffer.from([1]))
    .digest(); // HKDF-Expand, L = 32: T(1)
  const nonceBase = createHmac('sha256', prk)
    .update('nonce')
    .update(Buffer.from([1]))
    .digest()
    .subarray(0, 12); // L = 12
  prk.fill(0);
  return { key, nonceBase };
}

/** nonce_base XOR seq (seq big-endian in the last 4 bytes), written into `out` (12 bytes, reused per frame). */
function frameNonce(base: Buffer, seq: number, out: Buffer): Buffer {
  base.copy(out, 0, 0, 8);
  out.writeUInt32BE((base.readUInt32BE(8) ^ seq) >>> 0, 8);
  return out;
}

/** ChaCha20-Poly1305 open of `ct || tag` (node:crypto); undefined when authentication fails. */
function openFrame(keys: Keys, nonce: Buffer, aad: Uint8Array, sealed: Buffer): Uint8Array | undefined {
  const n = sealed.length - TAG_LEN;
  const d = createDecipheriv('chacha20-poly1305', keys.key, nonce, { authTagLength: TAG_LEN });
  d.setAAD(aad, { plaintextLength: n });
  d.setAuthTag(sealed.subarray(n));
  const out = new Uint8Array(n); // unpooled: the plaintext is not left in Buffer's shared pool
  let off = d.update(sealed.subarray(0, n)).copy(out);
  try {
    off += d.final().copy(out, off);
  } catch {
    out.fill(0);
    return undefined;
  }
  return off === n ? out : undefined;
}

/** Worker side: seals response chunks in order. Created by `openRequest`. */
export class ResponseSealer {
  readonly #keys: Keys;
  readonly #responseNonce: Buffer;
  readonly #nonce = Buffer.alloc(12);
  #seq = 0;
  #done = false;

  /** @internal use `openRequest`. */
  constructor(secret: Uint8Array, enc: Uint8Array) {
    this.#responseNonce = randomBytes(RESPONSE_NONCE_LEN);
    this.#keys = deriveKeys(secret, enc, this.#responseNonce);
  }

  /** Number of frames sealed so far. */
  get frames(): number {
    return this.#seq;
  }

  /** Seal one chunk; `final` marks the last frame. Throws SEAL_FRAME_AFTER_FINAL, SEAL_SEQ_EXHAUSTED. */
  seal(chunk: Uint8Array, final: boolean): Uint8Array {
    if (this.#done) throw new SealError('SEAL_FRAME_AFTER_FINAL', 'response already finished');
    const seq = this.#seq;
    if (seq === MAX_SEQ && !final) throw new SealError('SEAL_SEQ_EXHAUSTED', 'response frame counter exhausted');
    const hlen = seq === 0 ? FIRST_HEADER : BASE_HEADER;
    const out = Buffer.allocUnsafe(hlen + chunk.length + TAG_LEN);
    out[0] = FRAME_VERSION;
    out[1] = (final ? FLAG_FINAL : 0) | (seq === 0 ? FLAG_NONCE : 0);
    out.writeUInt32BE(seq, 2);
    if (seq === 0) this.#responseNonce.copy(out, BASE_HEADER);
    const c = createCipheriv('chacha20-poly1305', this.#keys.key, frameNonce(this.#keys.nonceBase, seq, this.#nonce), {
      authTagLength: TAG_LEN,
    });
    c.setAAD(out.subarray(0, hlen), { plaintextLength: chunk.length });
    let off = hlen + c.update(chunk).copy(out, hlen);
    off += c.final().copy(out, off);
    c.getAuthTag().copy(out, off);
    this.#seq = seq + 1;
    if (final) {
      this.#done = true;
      this.#keys.key.fill(0);
    }
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
}

/** Client side: opens response frames strictly in order. Created by `sealRequest`. */
export class ResponseOpener {
  readonly #secret: Uint8Array;
  readonly #enc: Uint8Array;
  #keys: Keys | undefined;
  readonly #nonce = Buffer.alloc(12);
  #seq = 0;
  #state: 'open' | 'done' | 'failed' = 'open';

  /** @internal use `sealRequest`. */
  constructor(secret: Uint8Array, enc: Uint8Array) {
    this.#secret = secret;
    this.#enc = enc;
  }

  /** True once the final frame has been opened. */
  get done(): boolean {
    return this.#state === 'done';
  }

  /**
   * Open the next frame. Throws SealError: SEAL_FRAME_MALFORMED, SEAL_FRAME_AUTH_FAILED, SEAL_FRAME_OUT_OF_ORDER,
   * SEAL_FRAME_REPLAYED, SEAL_FRAME_AFTER_FINAL, SEAL_STREAM_FAILED (any frame after an earlier failure).
   */
  open(frame: Uint8Array): { data: Uint8Array; final: boolean } {
    if (this.#state === 'failed') throw new SealError('SEAL_STREAM_FAILED', 'response stream already failed');
    try {
      return this.#open(frame);
    } catch (err) {
      this.#state = 'failed';
      throw err;
    }
  }

  /** Call at end of stream: throws SEAL_TRUNCATED unless the final frame was opened (SEAL_STREAM_FAILED after a failure). */
  finish(): void {
    if (this.#state === 'failed') throw new SealError('SEAL_STREAM_FAILED', 'response stream already failed');
    if (this.#state !== 'done') {
      this.#state = 'failed';
      throw new SealError('SEAL_TRUNCATED', 'response stream ended before its final frame', {
        details: { frames: this.#seq },
      });
    }
  }

  #open(frame: Uint8Array): { data: Uint8Array; final: boolean } {
    if (!(frame instanceof Uint8Array) || frame.length < BASE_HEADER + TAG_LEN) {
      throw new SealError('SEAL_FRAME_MALFORMED', 'response frame too short');
    }
    const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const flags = b[1]!;
    if (b[0] !== FRAME_VERSION || (flags & ~(FLAG_FINAL | FLAG_NONCE)) !== 0) {
      throw new SealError('SEAL_FRAME_MALFORMED', 'response frame version or flags not supported');
    }
    const seq = b.readUInt32BE(2);
    if (this.#state === 'done')
      throw new SealError('SEAL_FRAME_AFTER_FINAL', 'frame after the final frame', { details: { seq } });
    if (seq < this.#seq)
      throw new SealError('SEAL_FRAME_REPLAYED', 'frame sequence number already seen', {
        details: { seq, expected: this.#seq },
      });
    if (seq > this.#seq)
      throw new SealError('SEAL_FRAME_OUT_OF_ORDER', 'frame sequence number ahead of expected', {
        details: { seq, expected: this.#seq },
      });
    const hasNonce = (flags & FLAG_NONCE) !== 0;
    if (hasNonce !== (seq === 0))
      throw new SealError('SEAL_FRAME_MALFORMED', 'response nonce flag inconsistent with seq');
    const hlen = seq === 0 ? FIRST_HEADER : BASE_HEADER;
    if (b.length < hlen + TAG_LEN) throw new SealError('SEAL_FRAME_MALFORMED', 'response frame too short');
    if (seq === 0) this.#keys = deriveKeys(this.#secret, this.#enc, b.subarray(BASE_HEADER, FIRST_HEADER));
    const keys = this.#keys!;
    const data = openFrame(keys, frameNonce(keys.nonceBase, seq, this.#nonce), b.subarray(0, hlen), b.subarray(hlen));
    if (!data)
      throw new SealError('SEAL_FRAME_AUTH_FAILED', 'response frame failed authentication', { details: { seq } });
    const final = (flags & FLAG_FINAL) !== 0;
    this.#seq = seq + 1;
    if (final) {
      this.#state = 'done';
      keys.key.fill(0);
    }
    return { data, final };
  }
}
