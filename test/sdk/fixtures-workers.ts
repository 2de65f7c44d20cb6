/**
 * SDK test workers with SIMULATED attestation: Ed25519 helpers, a fixed test root signing REPORTDATA in place of a TDX
 * quote, the model and prices the fixtures use, test workers with real HPKE and signing keys, and the fail-closed
 * verifier for their bundles.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { Address } from '@ton/core';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../../proto/sealing';
import { bindingReportData } from '../../attestation/bundle/binding';
import { decodeBundle, encodeBundle } from '../../attestation/bundle/bundle';
import { decodeClaims, encodeClaims, type WorkerClaims } from '../../attestation/bundle/claims';
import type { BundleIdentity } from '../../sdk/attested';
import type { ModelPrice } from '../../sdk/types';

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519FromSeed(seed: Uint8Array): { seed: Uint8Array; publicKey: Uint8Array } {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const pub = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(SPKI.length);
  return { seed, publicKey: new Uint8Array(pub) };
}
export function ed25519Sign(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return new Uint8Array(
    sign(null, msg, createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' })),
  );
}
export function ed25519Verify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    return verify(null, msg, createPublicKey({ key: Buffer.concat([SPKI, pub]), format: 'der', type: 'spki' }), sig);
  } catch {
    return false;
  }
}
const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A fixed test root (SIMULATED attestation root). */
export const TEST_ROOT = ed25519FromSeed(new Uint8Array(32).fill(42));
export const MODEL_ID = sha256(Buffer.from('tiny@1:weights'));
export const MODEL_HEX = hex(MODEL_ID);
export const IMAGE_ID = sha256(Buffer.from('image'));
export const PLATFORM_ID = sha256(Buffer.from('platform'));
export const CHANNEL = new Address(0, Buffer.alloc(32, 7)).toString();
export const CLIENT_SEED = new Uint8Array(32).fill(9);
/** Pinned "now" for bundle freshness. */
export const NOW = new Date('2026-11-25T20:00:00Z');
/** The network the test channel's vouchers name. */
export const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;
/** A test worker's committed prices (the default). */
export const WORKER_PRICES: ModelPrice = { promptNano: 100n, completionNano: 100n };
/** The registry's prices of the test model: the client's default cap. */
export const REGISTRY_PRICES: ModelPrice = { promptNano: 150n, completionNano: 200n };
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = { [hex(MODEL_ID)]: REGISTRY_PRICES };

export interface TestWorker {
  readonly workerId: string;
  hpke: HpkeKeyPair;
  signing: { seed: Uint8Array; publicKey: Uint8Array };
  bundle: Uint8Array;
  /** Committed in the claims. */
  prices: ModelPrice;
  /** What the broker advertises (default: the committed prices). */
  listedPrices?: ModelPrice;
  queueDepth: number;
}

export async function makeTestWorker(
  opts: { modelId?: Uint8Array; prices?: ModelPrice; root?: typeof TEST_ROOT } = {},
): Promise<TestWorker> {
  const prices = opts.prices ?? WORKER_PRICES;
  const hpke = await generateHpkeKeyPair();
  const signing = ed25519FromSeed(new Uint8Array(randomBytes(32)));
  const claims: WorkerClaims = {
    version: 1,
    hpkePublicKey: hpke.publicKey,
    signingPublicKey: signing.publicKey,
    imageId: IMAGE_ID,
    platformId: PLATFORM_ID,
    modelId: opts.modelId ?? MODEL_ID,
    gpuEvidenceDigest: new Uint8Array(32),
    gpuCount: 0,
    brokerChallenge: new Uint8Array(32).fill(1),
    issuedAt: Math.floor(NOW.getTime() / 1000) - 60,
    workerVersion: 'test',
    configDigest: new Uint8Array(0),
    promptPriceNano: prices.promptNano,
    completionPriceNano: prices.completionNano,
  };
  const claimsBytes = encodeClaims(claims);
  // SIMULATED quote: the test root's signature over REPORTDATA.
  const quote = ed25519Sign((opts.root ?? TEST_ROOT).seed, bindingReportData(claimsBytes));
  const bundle = encodeBundle({ version: 1, claims: claimsBytes, tdxQuote: quote, gpus: [], runtimeEvents: [] });
  return {
    workerId: hex(sha256(signing.publicKey)),
    hpke,
    signing,
    bundle,
    prices,
    queueDepth: 0,
  };
}

/** Fail-closed verifier for the SIMULATED bundles above (real claims decoding and binding; Ed25519 in place of DCAP). */
export function testBundleVerifier(allowedModels: readonly string[] = [MODEL_HEX]) {
  return (bytes: Uint8Array): BundleIdentity => {
    const b = decodeBundle(bytes);
    const c = decodeClaims(b.claims);
    if (!ed25519Verify(TEST_ROOT.publicKey, bindingReportData(b.claims), b.tdxQuote)) {
      throw Object.assign(new Error('simulated quote signature invalid'), { code: 'BUNDLE_TDX_INVALID' });
    }
    if (!allowedModels.includes(hex(c.modelId)))
      throw Object.assign(new Error('model not allowed'), { code: 'BUNDLE_POLICY_REJECTED' });
    return {
      hpkePublicKey: c.hpkePublicKey,
      signingPublicKey: c.signingPublicKey,
      imageId: hex(c.imageId),
      platformId: hex(c.platformId),
      modelId: hex(c.modelId),
      prices: { promptNano: c.promptPriceNano, completionNano: c.completionPriceNano },
      tcbStatus: 'UpToDate',
    };
  };
}

/** Flip one bit of a bundle inside its claims (so the simulated quote no longer covers them). */
export function tamperBundle(bundle: Uint8Array): Uint8Array {
  const b = decodeBundle(bundle);
  const claims = new Uint8Array(b.claims);
  const c = decodeClaims(claims);
  const changed = encodeClaims({ ...c, issuedAt: c.issuedAt + 1 });
  return encodeBundle({ ...b, claims: changed });
}
