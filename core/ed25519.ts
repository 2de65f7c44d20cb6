/**
 * Ed25519 (RFC 8032) keys from raw bytes as node:crypto KeyObjects. Public keys are imported as JWK (RFC 8037), which
 * costs a fraction of OpenSSL's SPKI DER decoder, and remembered in a bounded LRU: verifiers see many signatures
 * from few keys. Private keys are 32-byte seeds wrapped in the fixed RFC 8410 PKCS#8 prefix.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { boundedCache } from './cache';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const publicKeys = boundedCache<string, KeyObject>(10_000);

/** KeyObject of a raw 32-byte Ed25519 public key. Throws RangeError on another length, TypeError on a bad point. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  const x = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
  let key = publicKeys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    publicKeys.set(x, key);
  }
  return key;
}

/** KeyObject of a 32-byte Ed25519 private key seed. Throws RangeError on another length. */
export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('Ed25519 private key seed must be 32 bytes');
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/** Raw 32-byte public key of an Ed25519 KeyObject (public or private). */
export function ed25519RawPublicKey(k: KeyObject): Uint8Array {
  const pub = k.type === 'private' ? createPublicKey(k) : k;
  return new Uint8Array(Buffer.from((pub.export({ format: 'jwk' }) as { x?: string }).x ?? '', 'base64url'));
}
