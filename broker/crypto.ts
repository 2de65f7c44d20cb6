import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_MAX = 10_000;

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Ed25519 verification of `message` under a raw 32-byte key; false (never throws) on any malformed input. */
export function ed25519Verify(rawKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (rawKey.length !== 32 || signature.length !== 64) return false;
  const id = hex(rawKey);
  let key = keyCache.get(id);
  if (!key) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, rawKey]), format: 'der', type: 'spki' });
    } catch {
      return false;
    }
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(id, key);
  }
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** Worker id: hex SHA-256 of its Ed25519 signing key. */
export const workerIdOf = (signingPublicKey: Uint8Array): string => sha256(signingPublicKey).toString('hex');
