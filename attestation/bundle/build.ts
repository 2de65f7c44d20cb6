/**
 * buildBundle: the producer side (enclave-runtime), using the same binding functions as every verifier.
 * Pure with respect to I/O: the quote and GPU evidence come from the providers passed in.
 */
import {
  encodeBundle,
  BUNDLE_VERSION,
  type BundleGpuEvidence,
  type EvidenceBundle,
  type RuntimeEventRecord,
} from './bundle';
import { CLAIMS_VERSION, encodeClaims, type WorkerClaims } from './claims';
import { bindingReportData, gpuEvidenceDigest, gpuNonce } from './binding';
import { parseQuote } from '../tdx';
import { imageId, platformId } from '../policy';

/** Narrow hardware seams (STYLE: hardware sits behind narrow interfaces). */
export interface QuoteSource {
  getQuote(reportData: Uint8Array): Promise<Uint8Array>;
}
export interface GpuSource {
  /** Number of GPUs attached to the CVM. */
  readonly count: number;
  getEvidence(nonce: Uint8Array, index: number): Promise<Omit<BundleGpuEvidence, 'index'>>;
}

export interface BuildBundleInput {
  readonly hpkePublicKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  readonly challenge: Uint8Array;
  readonly modelId: Uint8Array;
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  readonly configDigest?: Uint8Array;
  readonly workerVersion?: string;
  /** The worker's committed price per prompt token, nanotons (goes into the claims). */
  readonly promptPriceNano: bigint;
  /** The worker's committed price per completion token, nanotons (goes into the claims). */
  readonly completionPriceNano: bigint;
  readonly issuedAt: Date;
  readonly quoteSource: QuoteSource;
  readonly gpuSource: GpuSource;
  readonly runtimeEvents: readonly RuntimeEventRecord[];
  readonly tdxCollateralJson?: string;
  readonly firmwareEventLog?: Uint8Array;
}

export interface BuiltBundle {
  readonly bundle: EvidenceBundle;
  readonly encoded: Uint8Array;
  readonly claims: WorkerClaims;
}

/**
 * Learn this TD's image id and platform id from a quote over zero report data (RTMR0..2, MRTD and the config
 * ids never change after boot; RTMR3 does, so it is not part of either id).
 */
export async function probeIdentity(source: QuoteSource): Promise<{ imageId: Uint8Array; platformId: Uint8Array }> {
  const q = parseQuote(await source.getQuote(new Uint8Array(64)));
  if (q.teeType !== 'TDX') throw new TypeError('the quote source did not return a TDX quote');
  return { imageId: Buffer.from(imageId(q.body), 'hex'), platformId: Buffer.from(platformId(q.body), 'hex') };
}

export async function buildBundle(input: BuildBundleInput): Promise<BuiltBundle> {
  const keys = { hpkePublicKey: input.hpkePublicKey, signingPublicKey: input.signingPublicKey };
  const gpus: BundleGpuEvidence[] = [];
  for (let i = 0; i < input.gpuSource.count; i++) {
    const ev = await input.gpuSource.getEvidence(gpuNonce(keys, input.challenge, i), i);
    gpus.push({ ...ev, index: i });
  }
  const claims: WorkerClaims = {
    version: CLAIMS_VERSION,
    ...keys,
    imageId: input.imageId,
    platformId: input.platformId,
    modelId: input.modelId,
    gpuEvidenceDigest: gpuEvidenceDigest(gpus),
    gpuCount: gpus.length,
    brokerChallenge: input.challenge,
    issuedAt: Math.floor(input.issuedAt.getTime() / 1000),
    workerVersion: input.workerVersion ?? '',
    configDigest: input.configDigest ?? new Uint8Array(0),
    promptPriceNano: input.promptPriceNano,
    completionPriceNano: input.completionPriceNano,
  };
  const claimsBytes = encodeClaims(claims);
  const tdxQuote = await input.quoteSource.getQuote(bindingReportData(claimsBytes));
  const bundle: EvidenceBundle = {
    version: BUNDLE_VERSION,
    claims: claimsBytes,
    tdxQuote,
    gpus,
    ...(input.tdxCollateralJson ? { tdxCollateralJson: input.tdxCollateralJson } : {}),
    runtimeEvents: [...input.runtimeEvents],
    ...(input.firmwareEventLog ? { firmwareEventLog: input.firmwareEventLog } : {}),
  };
  return { bundle, encoded: encodeBundle(bundle), claims };
}
