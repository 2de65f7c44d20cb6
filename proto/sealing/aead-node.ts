/**
 * ChaCha20-Poly1305 (RFC 8439) for @hpke/core, backed by node:crypto (OpenSSL): an AEAD "extension" in @hpke's
 * sense, the same shape as `@hpke/chacha20poly1305` (`AeadInterface` / `AeadEncryptionContext`, AEAD id 0x0003)
 * with OpenSSL doing the cipher instead of @noble/ciphers. @hpke/core still runs the KEM, the key schedule, the
 * nonce sequence and the exporter; this only seals/opens one message under the key and nonce it is handed.
 * Measured on the dev host: seal + open of a 400 B request ~20 µs here vs ~53 µs through @hpke/chacha20poly1305
 * (4 KB: ~35 vs ~109 µs). test/sealing checks it against @hpke/chacha20poly1305 and interoperates with it.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { AeadId, OpenError, type AeadEncryptionContext, type AeadInterface } from '@hpke/core';

const KEY_LEN = 32;
const NONCE_LEN = 12;
const TAG_LEN = 16;

type Bytes = ArrayBufferLike | ArrayBufferView;

/** A view over the caller's bytes (no copy). */
function view(b: Bytes): Buffer {
  return ArrayBuffer.isView(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b as ArrayBuffer);
}

/** A fresh ArrayBuffer holding exactly `b` (what the @hpke interfaces return). */
function toArrayBuffer(b: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}

/** One HPKE context's AEAD key; a new OpenSSL cipher object per message (node:crypto has no rekey-by-nonce). */
export class NodeChacha20Poly1305Context implements AeadEncryptionContext {
  readonly #key: Buffer;

  constructor(key: Bytes) {
    const k = view(key);
    if (k.length !== KEY_LEN) throw new TypeError('ChaCha20-Poly1305 key must be 32 bytes');
    this.#key = Buffer.from(k); // own copy
  }

  async seal(iv: Bytes, data: Bytes, aad: Bytes): Promise<ArrayBuffer> {
    const c = createCipheriv('chacha20-poly1305', this.#key, view(iv), { authTagLength: TAG_LEN });
    const pt = view(data);
    c.setAAD(view(aad), { plaintextLength: pt.length });
    return toArrayBuffer(Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]));
  }

  async open(iv: Bytes, data: Bytes, aad: Bytes): Promise<ArrayBuffer> {
    const ct = view(data);
    if (ct.length < TAG_LEN) throw new OpenError('ciphertext shorter than the tag');
    const d = createDecipheriv('chacha20-poly1305', this.#key, view(iv), { authTagLength: TAG_LEN });
    d.setAAD(view(aad), { plaintextLength: ct.length - TAG_LEN });
    d.setAuthTag(ct.subarray(ct.length - TAG_LEN));
    try {
      return toArrayBuffer(Buffer.concat([d.update(ct.subarray(0, ct.length - TAG_LEN)), d.final()]));
    } catch (cause) {
      throw new OpenError(cause);
    }
  }
}

/** `aead` for `new CipherSuite({ kem, kdf, aead: new NodeChacha20Poly1305() })`. */
export class NodeChacha20Poly1305 implements AeadInterface {
  readonly id: AeadId = AeadId.Chacha20Poly1305;
  readonly keySize = KEY_LEN;
  readonly nonceSize = NONCE_LEN;
  readonly tagSize = TAG_LEN;

  createEncryptionContext(key: Bytes): AeadEncryptionContext {
    return new NodeChacha20Poly1305Context(key);
  }
}
