/**
 * The one HPKE suite chrysalis speaks (RFC 9180 §7): DHKEM(X25519, HKDF-SHA256) = 0x0020, HKDF-SHA256 = 0x0001,
 * ChaCha20-Poly1305 = 0x0003, base mode. Implemented in hpke-native.ts on node:crypto; @hpke/core is the
 * interoperability oracle in test/sealing.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { generateX25519 } from './hpke-native';

export const KEM_ID = 0x0020;
export const KDF_ID = 0x0001;
export const AEAD_ID = 0x0003;
/** X25519 public key / encapsulated key length (Npk = Nenc = 32). */
export const NPK = 32;

/** An HPKE key pair whose private half stays an opaque KeyObject inside this process (never serialised here). */
export interface HpkeKeyPair {
  readonly privateKey: KeyObject;
  /** Raw 32-byte X25519 public key (what goes into the claims and what clients seal to). */
  readonly publicKey: Uint8Array;
  /** First 8 bytes of SHA-256(publicKey): lets a worker refuse a request sealed to another key before any crypto. */
  readonly keyId: Uint8Array;
}

/** 8-byte key id = SHA-256(raw X25519 public key)[0..8]. */
export function hpkeKeyId(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 8));
}

/** Generate a fresh X25519 key pair for HPKE. */
export async function generateHpkeKeyPair(): Promise<HpkeKeyPair> {
  const { privateKey, publicKey } = generateX25519();
  return Object.freeze({ privateKey, publicKey, keyId: hpkeKeyId(publicKey) });
}
