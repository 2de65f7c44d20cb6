/**
 * Sealed requests: RFC 9180 HPKE base mode, single-shot, with a small self-describing header.
 *
 * Layout (all integers big-endian):
 *   off  size  field
 *     0     1  version (= 1)
 *     1     2  kem_id  (= 0x0020 DHKEM(X25519, HKDF-SHA256))
 *     3     2  kdf_id  (= 0x0001 HKDF-SHA256)
 *     5     2  aead_id (= 0x0003 ChaCha20-Poly1305)
 *     7     8  key_id  (= SHA-256(worker X25519 public key)[0..8])
 *    15    32  enc     (HPKE encapsulated key)
 *    47     *  ciphertext (plaintext length + 16)
 *
 * HPKE `info` = "chrysalis/seal/v1 request" || 0x00 || header[0..15], so the suite and the addressed key are bound.
 * The response key is exported from the same context (see response.ts). HPKE itself is @hpke/core (suite.ts).
 */
import type { webcrypto } from 'node:crypto';
import { hpkeKeyId, hpkeSuite, AEAD_ID, KDF_ID, KEM_ID, NPK, type HpkeKeyPair } from './suite';
import { SealError } from './errors';
import { ResponseOpener, ResponseSealer, EXPORT_LABEL, EXPORT_LENGTH } from './response';

export const REQUEST_VERSION = 1;
const OFF_KEY_ID = 7;
const HEADER_LEN = 15;
const ENC_END = HEADER_LEN + NPK;
const TAG_LEN = 16;
const INFO_PREFIX = Buffer.from('chrysalis/seal/v1 request\0', 'latin1');

function header(keyId: Uint8Array): Uint8Array {
  const h = new Uint8Array(HEADER_LEN);
  const dv = new DataView(h.buffer);
  h[0] = REQUEST_VERSION;
  dv.setUint16(1, KEM_ID);
  dv.setUint16(3, KDF_ID);
  dv.setUint16(5, AEAD_ID);
  h.set(keyId, OFF_KEY_ID);
  return h;
}

function info(hdr: Uint8Array): Uint8Array {
  const out = new Uint8Array(INFO_PREFIX.length + hdr.length);
  out.set(INFO_PREFIX, 0);
  out.set(hdr, INFO_PREFIX.length);
  return out;
}

const EMPTY = new Uint8Array(0);
const EXPORT_CONTEXT = new Uint8Array(Buffer.from(EXPORT_LABEL, 'latin1'));

// The worker key a client last sealed to, deserialised by @hpke/core once (`kem.deserializePublicKey`, a WebCrypto
// import) and reused for the next request to the same key. A cache of the library's own result, nothing more.
let lastPk: Buffer | undefined;
let lastPkKey: webcrypto.CryptoKey | undefined;
async function recipientPublicKey(raw: Uint8Array): Promise<webcrypto.CryptoKey> {
  if (lastPk && lastPkKey && lastPk.equals(raw)) return lastPkKey;
  const k = await hpkeSuite().kem.deserializePublicKey(raw);
  lastPk = Buffer.from(raw);
  lastPkKey = k;
  return k;
}

/**
 * Client side: seal `plaintext` (JSON chat-completions body) to a worker's X25519 public key.
 * Returns the wire bytes and the opener for that request's sealed response stream.
 * Throws `TypeError` on a public key that is not 32 bytes.
 */
export async function sealRequest(
  workerHpkePublicKey: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array = EMPTY,
): Promise<{ sealed: Uint8Array; opener: ResponseOpener }> {
  if (!(workerHpkePublicKey instanceof Uint8Array) || workerHpkePublicKey.length !== NPK) {
    throw new TypeError('worker HPKE public key must be 32 bytes');
  }
  const hdr = header(hpkeKeyId(workerHpkePublicKey));
  const ctx = await hpkeSuite().createSenderContext({
    recipientPublicKey: await recipientPublicKey(workerHpkePublicKey),
    info: info(hdr),
  });
  const ct = new Uint8Array(await ctx.seal(plaintext, aad));
  const secret = new Uint8Array(await ctx.export(EXPORT_CONTEXT, EXPORT_LENGTH));
  const enc = new Uint8Array(ctx.enc);
  const sealed = new Uint8Array(ENC_END + ct.length);
  sealed.set(hdr, 0);
  sealed.set(enc, HEADER_LEN);
  sealed.set(ct, ENC_END);
  return { sealed, opener: new ResponseOpener(secret, enc) };
}

/** Parsed, not yet opened, request header. */
export interface SealedRequestHeader {
  readonly version: number;
  readonly keyId: Uint8Array;
  readonly enc: Uint8Array;
}

/** Parse the request header (structure only). Throws SEAL_REQUEST_MALFORMED, SEAL_UNSUPPORTED_SUITE. */
export function parseSealedRequest(sealed: Uint8Array): SealedRequestHeader {
  if (!(sealed instanceof Uint8Array) || sealed.length < ENC_END + TAG_LEN) {
    throw new SealError('SEAL_REQUEST_MALFORMED', `sealed request shorter than ${ENC_END + TAG_LEN} bytes`);
  }
  const dv = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (
    sealed[0] !== REQUEST_VERSION ||
    dv.getUint16(1) !== KEM_ID ||
    dv.getUint16(3) !== KDF_ID ||
    dv.getUint16(5) !== AEAD_ID
  ) {
    throw new SealError('SEAL_UNSUPPORTED_SUITE', 'sealed request version or HPKE suite not supported', {
      details: { version: sealed[0], kem: dv.getUint16(1), kdf: dv.getUint16(3), aead: dv.getUint16(5) },
    });
  }
  return {
    version: sealed[0],
    keyId: sealed.subarray(OFF_KEY_ID, HEADER_LEN),
    enc: sealed.subarray(HEADER_LEN, ENC_END),
  };
}

/**
 * Worker side: open a sealed request with this worker's HPKE key pair.
 * Returns the plaintext and the sealer for the response stream, keyed from the same HPKE context.
 * Throws SealError: SEAL_REQUEST_MALFORMED, SEAL_UNSUPPORTED_SUITE, SEAL_WRONG_KEY, SEAL_REQUEST_OPEN_FAILED.
 */
export async function openRequest(
  keyPair: HpkeKeyPair,
  sealed: Uint8Array,
  aad: Uint8Array = EMPTY,
): Promise<{ plaintext: Uint8Array; responder: ResponseSealer }> {
  const h = parseSealedRequest(sealed);
  if (!Buffer.from(h.keyId).equals(Buffer.from(keyPair.keyId))) {
    throw new SealError('SEAL_WRONG_KEY', 'request was sealed to another worker key');
  }
  const enc = new Uint8Array(h.enc);
  let plaintext: Uint8Array;
  let secret: Uint8Array;
  try {
    // @hpke/core: DHKEM decapsulation (rejects a small-order enc), key schedule, AEAD open, exporter.
    const ctx = await hpkeSuite().createRecipientContext({
      recipientKey: keyPair.recipientKey,
      enc,
      info: info(sealed.subarray(0, HEADER_LEN)),
    });
    plaintext = new Uint8Array(await ctx.open(sealed.subarray(ENC_END), aad));
    secret = new Uint8Array(await ctx.export(EXPORT_CONTEXT, EXPORT_LENGTH));
  } catch (cause) {
    throw new SealError('SEAL_REQUEST_OPEN_FAILED', 'sealed request failed to open', { cause });
  }
  return { plaintext, responder: new ResponseSealer(secret, enc) };
}
