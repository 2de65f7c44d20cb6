/**
 * The one HPKE suite chrysalis speaks (RFC 9180 §7): DHKEM(X25519, HKDF-SHA256) = 0x0020, HKDF-SHA256 = 0x0001,
 * ChaCha20-Poly1305 = 0x0003, base mode. @hpke/core runs it: its DhkemX25519HkdfSha256 (X25519 through WebCrypto,
 * i.e. OpenSSL) and HkdfSha256 do the KEM and the key schedule; the AEAD is the node:crypto extension in aead-node.ts.
 */
import { createHash, type webcrypto } from 'node:crypto';
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { NodeChacha20Poly1305 } from './aead-node';

export const KEM_ID = 0x0020;
export const KDF_ID = 0x0001;
export const AEAD_ID = 0x0003;
/** X25519 public key / encapsulated key length (Npk = Nenc = 32). */
export const NPK = 32;

let suite: CipherSuite | undefined;
/** The process-wide @hpke/core CipherSuite (stateless between contexts; built once). */
export function hpkeSuite(): CipherSuite {
  suite ??= new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new NodeChacha20Poly1305(),
  });
  return suite;
}

/** An HPKE key pair whose private half stays an opaque WebCrypto CryptoKey inside this process (never serialised here). */
export interface HpkeKeyPair {
  /** The @hpke/core KEM key pair (X25519 CryptoKeys), passed as `recipientKey` when opening requests. */
  readonly recipientKey: webcrypto.CryptoKeyPair;
  /** Raw 32-byte X25519 public key (what goes into the claims and what clients seal to). */
  readonly publicKey: Uint8Array;
  /** First 8 bytes of SHA-256(publicKey): lets a worker refuse a request sealed to another key before any crypto. */
  readonly keyId: Uint8Array;
}

/** 8-byte key id = SHA-256(raw X25519 public key)[0..8]. */
export function hpkeKeyId(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 8));
}

/** Generate a fresh X25519 key pair for HPKE (@hpke/core `kem.generateKeyPair`). */
export async function generateHpkeKeyPair(): Promise<HpkeKeyPair> {
  const s = hpkeSuite();
  const recipientKey = await s.kem.generateKeyPair();
  const publicKey = new Uint8Array(await s.kem.serializePublicKey(recipientKey.publicKey));
  return Object.freeze({ recipientKey, publicKey, keyId: hpkeKeyId(publicKey) });
}
