/**
 * P-256 public key import with a bounded cache. OpenSSL 3's DER/SPKI decoder is slow (hundreds of µs per key);
 * a JWK import of the same point is several times cheaper and still checks that the point is on the curve.
 * Keys are cached by their exact encoding, so the cache can never return a different key.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { boundedCache } from '../../core/cache';

// SubjectPublicKeyInfo prefix of an uncompressed P-256 point (id-ecPublicKey, prime256v1, BIT STRING, 0x04).
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex');
const MAX = 4096;
const cache = boundedCache<string, KeyObject>(MAX);

function remember(id: string, k: KeyObject): KeyObject {
  cache.set(id, k);
  return k;
}

const b64u = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64url');

/** Raw x||y (64 bytes) to a KeyObject. Throws if the point is not on P-256. */
export function p256PublicKey(xy: Uint8Array): KeyObject {
  if (xy.length !== 64) throw new RangeError('P-256 point must be 64 bytes');
  const id = `p:${Buffer.from(xy.buffer, xy.byteOffset, 64).toString('latin1')}`;
  const hit = cache.get(id);
  if (hit) return hit;
  return remember(
    id,
    createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64u(xy.subarray(0, 32)), y: b64u(xy.subarray(32)) },
      format: 'jwk',
    }),
  );
}

/** A SubjectPublicKeyInfo (DER) to a KeyObject; P-256 points take the fast path. */
export function spkiPublicKey(spki: Uint8Array): KeyObject {
  if (
    spki.length === P256_SPKI_PREFIX.length + 64 &&
    P256_SPKI_PREFIX.equals(Buffer.from(spki.buffer, spki.byteOffset, P256_SPKI_PREFIX.length))
  ) {
    return p256PublicKey(spki.subarray(P256_SPKI_PREFIX.length));
  }
  const id = `s:${Buffer.from(spki.buffer, spki.byteOffset, spki.length).toString('latin1')}`;
  const hit = cache.get(id);
  if (hit) return hit;
  return remember(id, createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
}

export function clearKeyCache(): void {
  cache.clear();
}
