/** Deterministic P-384 keys of the SIMULATED devnet NVIDIA-like PKI. */
import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

const P384_ORDER = BigInt(
  '0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
);

export interface DevnetKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Deterministic P-384 key: d = 1 + (SHA-384(seed || 0 || label) mod (n - 1)). */
export function deriveP384Key(seed: string, label: string): DevnetKey {
  const h = createHash('sha384').update(seed).update('\0').update(label).digest();
  const d = (BigInt('0x' + h.toString('hex')) % (P384_ORDER - 1n)) + 1n;
  const dBytes = Buffer.from(d.toString(16).padStart(96, '0'), 'hex');
  const ecdh = createECDH('secp384r1');
  ecdh.setPrivateKey(dBytes);
  const pub = ecdh.getPublicKey();
  const b64u = (b: Buffer) => b.toString('base64url');
  const jwk = { kty: 'EC', crv: 'P-384', d: b64u(dBytes), x: b64u(pub.subarray(1, 49)), y: b64u(pub.subarray(49, 97)) };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
