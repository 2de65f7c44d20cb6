/**
 * Byte helpers for the SDK core. Runtime-agnostic on purpose: only WebCrypto (`globalThis.crypto`),
 * TextEncoder/TextDecoder and `btoa`/`atob`, all present in Node >= 20 and in browsers.
 */

import { concatBytes } from '../core/bytes';

export { bytesEqual, concatBytes, fromHex, toHex } from '../core/bytes';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}

/** Strict UTF-8 decode; throws TypeError on invalid bytes. */
export function fromUtf8(b: Uint8Array): string {
  return dec.decode(b);
}

export function toBase64(b: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < b.length; i += CHUNK) bin += String.fromCharCode(...b.subarray(i, i + CHUNK));
  return btoa(bin);
}

const B64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;
/** Decodes standard or URL-safe base64; throws TypeError on anything else. */
export function fromBase64(s: string): Uint8Array {
  if (!B64_RE.test(s)) throw new TypeError('invalid base64 string');
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  const padded = std + '='.repeat((4 - (std.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(padded);
  } catch {
    throw new TypeError('invalid base64 string');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The slice of WebCrypto the SDK uses (declared here: the project compiles without the DOM lib). */
interface MiniSubtle {
  digest(alg: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(
    format: string,
    key: Uint8Array,
    alg: { name: string },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  exportKey(format: 'jwk', key: unknown): Promise<{ x?: string }>;
  sign(alg: { name: string }, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  verify(alg: { name: string }, key: unknown, sig: Uint8Array, data: Uint8Array): Promise<boolean>;
}

function subtle(): MiniSubtle {
  const c = (globalThis as unknown as { crypto?: { subtle?: MiniSubtle } }).crypto;
  if (!c?.subtle) throw new TypeError('WebCrypto (globalThis.crypto.subtle) is required');
  return c.subtle;
}

/** Copy into a fresh ArrayBuffer-backed view (WebCrypto rejects SharedArrayBuffer views in some runtimes). */
function buf(b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(b.length));
  out.set(b);
  return out;
}

export async function sha256(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', buf(b)));
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(out);
  return out;
}

/** RFC 8410 PKCS#8 prefix for a raw 32-byte Ed25519 seed. */
const ED25519_PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export interface Ed25519Signer {
  /** 32-byte raw public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** An Ed25519 signer from a 32-byte seed, via WebCrypto (the key is not extractable after import). */
export async function ed25519SignerFromSeed(seed: Uint8Array): Promise<Ed25519Signer> {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  const s = subtle();
  const pkcs8 = buf(concatBytes(ED25519_PKCS8_PREFIX, seed));
  const exportable = await s.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await s.exportKey('jwk', exportable);
  if (typeof jwk.x !== 'string') throw new TypeError('runtime did not export the Ed25519 public key');
  const publicKey = fromBase64(jwk.x);
  const key = await s.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  pkcs8.fill(0);
  return {
    publicKey,
    async sign(message: Uint8Array): Promise<Uint8Array> {
      return new Uint8Array(await s.sign({ name: 'Ed25519' }, key, buf(message)));
    },
  };
}

export async function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const s = subtle();
  try {
    const key = await s.importKey('raw', buf(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return await s.verify({ name: 'Ed25519' }, key, buf(signature), buf(message));
  } catch {
    return false;
  }
}
