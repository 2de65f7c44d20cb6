/**
 * SIMULATED key material for the devnet Intel-like PKI: P-256 keys derived from a seed, and deterministic
 * ECDSA (RFC 6979, HMAC-SHA-256) so that the same seed always yields byte-identical certificates, CRLs,
 * collateral and quotes. Byte identity matters: `TrustRoots.intelRootCaDer` compares roots by bytes, so two
 * processes that build the devnet PKI from the same seed must agree on `rootCaDer`.
 *
 * The scalar multiplication k·G is delegated to OpenSSL through `crypto.createECDH` (the public key of the
 * private scalar k); only the final modular arithmetic of ECDSA is done here with BigInt. Every signature is
 * checked by the callers' tests against `crypto.verify`.
 */
import {
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';

/** Order of the P-256 base point (SEC 2, secp256r1). */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HKDF_SALT = 'chrysalis-devnet-intel-pki-v1';

export interface P256KeyPair {
  /** Private scalar, 32 bytes big-endian. */
  readonly d: Uint8Array;
  /** Uncompressed public point without the 0x04 prefix: x (32) || y (32). */
  readonly publicXY: Uint8Array;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SubjectPublicKeyInfo (DER, named curve prime256v1). */
  readonly spkiDer: Uint8Array;
}

function b64url(b: Uint8Array): string {
  return Buffer.from(b).toString('base64url');
}
function toBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}
function to32(x: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex'));
}
function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let r = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** x||y (64 bytes) of k·G, computed by OpenSSL. */
function pointOf(scalar: Uint8Array): Uint8Array {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(scalar));
  return Uint8Array.from(ecdh.getPublicKey()).subarray(1);
}

/** Builds a key pair from a 32-byte scalar in [1, n-1]. */
export function p256FromScalar(d: Uint8Array): P256KeyPair {
  const s = toBig(d);
  if (d.length !== 32 || s <= 0n || s >= N) throw new RangeError('P-256 scalar out of range');
  const publicXY = pointOf(d);
  const jwk = { kty: 'EC', crv: 'P-256', x: b64url(publicXY.subarray(0, 32)), y: b64url(publicXY.subarray(32)) };
  const privateKey = createPrivateKey({ key: { ...jwk, d: b64url(d) }, format: 'jwk' });
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
  const spkiDer = Uint8Array.from(publicKey.export({ type: 'spki', format: 'der' }));
  return { d: Uint8Array.from(d), publicXY, privateKey, publicKey, spkiDer };
}

/**
 * Derives a P-256 key from `seed` and a role `label`: HKDF-SHA-256(ikm = seed, salt, info = label) gives
 * 48 bytes, reduced into [1, n-1] (the 128 surplus bits make the bias negligible).
 */
export function deriveP256Key(seed: string, label: string): P256KeyPair {
  const okm = new Uint8Array(hkdfSync('sha256', Buffer.from(seed, 'utf8'), HKDF_SALT, Buffer.from(label, 'utf8'), 48));
  const d = mod(toBig(okm), N - 1n) + 1n;
  return p256FromScalar(to32(d));
}

/** Deterministic bytes for non-key material (serials, identifiers): SHA-256(salt || label || seed), truncated/extended. */
export function deriveBytes(seed: string, label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let counter = 0; filled < length; counter++) {
    const block = createHash('sha256').update(`${HKDF_SALT}\0${label}\0${counter}\0`).update(seed, 'utf8').digest();
    const n = Math.min(block.length, length - filled);
    out.set(block.subarray(0, n), filled);
    filled += n;
  }
  return out;
}

function hmac(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/**
 * ECDSA P-256 / SHA-256 with the RFC 6979 deterministic nonce. Returns raw r||s (64 bytes, IEEE P1363),
 * with low-S normalisation (s ≤ n/2), which every verifier accepts.
 */
export function signP256Raw(key: P256KeyPair, message: Uint8Array): Uint8Array {
  const h1 = new Uint8Array(createHash('sha256').update(message).digest());
  const z = toBig(h1);
  const x = key.d;
  const h1o = to32(mod(z, N));
  const d = toBig(x);
  let K: Uint8Array = new Uint8Array(32);
  let V: Uint8Array = new Uint8Array(32).fill(1);
  K = hmac(K, V, Uint8Array.of(0), x, h1o);
  V = hmac(K, V);
  K = hmac(K, V, Uint8Array.of(1), x, h1o);
  V = hmac(K, V);
  for (;;) {
    V = hmac(K, V);
    const k = toBig(V);
    if (k >= 1n && k < N) {
      const r = mod(toBig(pointOf(V).subarray(0, 32)), N);
      if (r !== 0n) {
        let s = mod(modPow(k, N - 2n, N) * (z + r * d), N);
        if (s > N / 2n) s = N - s;
        if (s !== 0n) {
          const out = new Uint8Array(64);
          out.set(to32(r), 0);
          out.set(to32(s), 32);
          return out;
        }
      }
    }
    K = hmac(K, V, Uint8Array.of(0));
    V = hmac(K, V);
  }
}

/** Raw r||s (64 bytes) to a DER `ECDSA-Sig-Value` SEQUENCE { r INTEGER, s INTEGER }. */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array): Buffer => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = Buffer.from(b.subarray(i));
    if ((v[0] ?? 0) & 0x80) v = Buffer.concat([Buffer.of(0), v]);
    return Buffer.concat([Buffer.of(0x02, v.length), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32, 64))]);
  return Uint8Array.from(Buffer.concat([Buffer.of(0x30, body.length), body]));
}

/** DER ECDSA signature (as used in X.509 certificates and CRLs), deterministic. */
export function signP256Der(key: P256KeyPair, message: Uint8Array): Uint8Array {
  return rawToDerSignature(signP256Raw(key, message));
}
