/**
 * Worker keys, generated in this process at start and on rotation: X25519 (HPKE, prompts are sealed to it) and
 * Ed25519 (receipts). Private halves live only in opaque objects in memory (WebCrypto CryptoKey / node KeyObject);
 * nothing here serialises, logs or returns them. Only the public parts are exposed.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ed25519RawPublicKey } from '../attestation/receipt';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../proto/sealing';

export interface WorkerPublicKeys {
  readonly hpkePublicKey: Uint8Array;
  readonly hpkeKeyId: Uint8Array;
  readonly signingPublicKey: Uint8Array;
}

export interface WorkerKeySet {
  readonly hpke: HpkeKeyPair;
  readonly signing: KeyObject;
  readonly public: WorkerPublicKeys;
}

export async function generateWorkerKeys(): Promise<WorkerKeySet> {
  const hpke = await generateHpkeKeyPair();
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    hpke,
    signing: privateKey,
    public: Object.freeze({
      hpkePublicKey: hpke.publicKey,
      hpkeKeyId: hpke.keyId,
      signingPublicKey: ed25519RawPublicKey(privateKey),
    }),
  };
}
