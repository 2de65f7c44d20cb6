/**
 * The one HPKE suite chrysalis speaks (RFC 9180 §7): DHKEM(X25519, HKDF-SHA256) = 0x0020, HKDF-SHA256 = 0x0001,
 * ChaCha20-Poly1305 = 0x0003, base mode. The KEM is @hpke/core's DhkemX25519HkdfSha256, which runs X25519 through
 * the platform's WebCrypto (node:crypto) — byte-for-byte the same KEM as @hpke/dhkem-x25519 (pure JS, noble) and
 * interoperable with it (test/sealing checks both directions), but about 1.5x faster on the worker's hot path.
 */
import { createHash } from 'node:crypto';
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';

export const KEM_ID = 0x0020;
export const KDF_ID = 0x0001;
export const AEAD_ID = 0x0003;
/** X25519 public key / encapsulated key length (Npk = Nenc = 32). */
export const NPK = 32;

/** The opaque (WebCrypto) key pair type used by @hpke/core. */
export type HpkeCryptoKeyPair = Awaited<ReturnType<CipherSuite['kem']['generateKeyPair']>>;

let suite: CipherSuite | undefined;
/** The shared, stateless cipher suite instance. */
export function hpkeSuite(): CipherSuite {
  suite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() });
  return suite;
}

/** An HPKE key pair whose private half stays an opaque CryptoKey inside this process. */
export interface HpkeKeyPair {
  readonly keyPair: HpkeCryptoKeyPair;
  /** Raw 32-byte X25519 public key (what goes into the claims and what clients seal to). */
  readonly publicKey: Uint8Array;
  /** First 8 bytes of SHA-256(publicKey): lets a worker refuse a request sealed to another key before any crypto. */
  readonly keyId: Uint8Array;
}

/** 8-byte key id = SHA-256(raw X25519 public key)[0..8]. */
export function hpkeKeyId(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 8));
}

/** Generate a fresh X25519 key pair for HPKE. The private key is never serialised by this module. */
export async function generateHpkeKeyPair(): Promise<HpkeKeyPair> {
  const s = hpkeSuite();
  const keyPair = await s.kem.generateKeyPair();
  const publicKey = new Uint8Array(await s.kem.serializePublicKey(keyPair.publicKey));
  return Object.freeze({ keyPair, publicKey, keyId: hpkeKeyId(publicKey) });
}
