/** Options and results of verifyBundle (attestation/bundle/verify.ts). */
import type { WorkerClaims } from './claims';
import type { VerifiedTdxQuote } from '../tdx';
import type { Collateral, TrustRoots } from '../collateral';
import type { QuotePolicy } from '../policy';
import type { GpuTrustRoots, GpuPolicy, GpuOcspPolicy, GpuVerifyCache } from '../gpu';
import type { RuntimeLogPolicy } from '../eventlog';

declare const verifiedWorkerBrand: unique symbol;

export interface VerifiedGpuSummary {
  readonly index: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  readonly model?: string;
  readonly measurementsMatched?: boolean;
}

/** A model's two prices, nanotons per token: prompt (input) and completion (output) tokens. */
export interface ModelPrice {
  readonly promptNano: bigint;
  readonly completionNano: bigint;
}

/** A worker identity that passed verifyBundle. Only verifyBundle creates one. */
export interface VerifiedWorker {
  readonly [verifiedWorkerBrand]: true;
  readonly bundleDigest: string;
  readonly claims: WorkerClaims;
  readonly hpkePublicKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  readonly imageId: string;
  readonly platformId: string;
  readonly modelId: string;
  /** The worker's committed prices (claims.promptPriceNano / completionPriceNano). */
  readonly prices: ModelPrice;
  readonly tcbStatus: string;
  readonly advisoryIds: readonly string[];
  readonly fmspc: string;
  readonly gpus: readonly VerifiedGpuSummary[];
  readonly issuedAt: Date;
  /**
   * Until when this verdict holds: the earliest of the quote's validity (Intel collateral nextUpdate, CRLs, PCK chain
   * notAfter), each GPU's device-chain notAfter, RIM signer notAfter and OCSP nextUpdate, and issued_at + maxAgeSeconds.
   * Caches of the verdict must not outlive it.
   */
  readonly validUntil: Date;
  readonly quote: VerifiedTdxQuote;
}

/** A snapshot of the on-chain registry's allowlists (hex ids, lower case). */
export interface RegistrySnapshot {
  readonly version?: number;
  readonly imageIds: readonly string[];
  readonly platformIds: readonly string[];
  readonly modelIds: readonly string[];
  /**
   * Each model's registry prices, by model id (hex, lower case). When present, a bundle's claimed prices must each
   * be at or below its model's entry (BUNDLE_PRICE_ABOVE_REGISTRY; no entry: BUNDLE_PRICE_UNKNOWN). Absent: prices
   * are not checked (offline audit of an old bundle); the broker and the SDK always pass it.
   */
  readonly modelPrices?: Readonly<Record<string, ModelPrice>>;
  /**
   * The dm-verity root hash (hex) of each model's disk, by model id (hex, lower case), for the models whose registry
   * entry lists one. For such a model the runtime log must carry the model-disk event with exactly that hash
   * (BUNDLE_POLICY_REJECTED: RUNTIME_EVENT_MISSING or RUNTIME_EVENT_VALUE_MISMATCH); a model without an entry here
   * may carry any 32-byte disk hash or none. Applies to the default runtime policy (not to `policy.runtime`).
   */
  readonly modelDiskRootHashes?: Readonly<Record<string, string>>;
}

export interface BundlePolicy {
  readonly quote?: QuotePolicy;
  readonly gpu?: GpuPolicy;
  /** OCSP for GPU chains (default: required for NVIDIA's production roots, see attestation/gpu). */
  readonly gpuOcsp?: GpuOcspPolicy;
  /** Oldest acceptable claims.issued_at, in seconds before `now` (default 3600). */
  readonly maxAgeSeconds?: number;
  /** Allowed clock skew for issued_at in the future (default 120 s). */
  readonly maxFutureSkewSeconds?: number;
  /** Minimum number of GPUs (default 1: a worker without GPU evidence is refused). */
  readonly minGpus?: number;
  /** RTMR3 runtime-log policy (default: chrysalis.config.v1 = claims.config_digest, chrysalis.model.v1 = claims.model_id, ready). */
  readonly runtime?: RuntimeLogPolicy;
  /** Allowed worker configuration digests (hex); absent: any digest the claims and RTMR3 agree on. */
  readonly allowedConfigDigests?: readonly string[];
}

export interface VerifyBundleOptions {
  readonly now: Date;
  readonly trust?: { readonly intel?: TrustRoots; readonly nvidia?: GpuTrustRoots };
  readonly policy?: BundlePolicy;
  /** Registry allowlists. Required: a bundle is never accepted without an allowlist to appraise against. */
  readonly registry: RegistrySnapshot;
  /** The challenge this verifier issued (broker admission); absent for offline audit of a past bundle. */
  readonly expectedChallenge?: Uint8Array;
  /**
   * The verifier's own collateral (fetched or configured). The bundle's is used instead only when at least as fresh
   * (`chooseCollateral`; a lower tcbEvaluationDataNumber in the bundle: BUNDLE_TDX_INVALID, cause TDX_COLLATERAL_STALE).
   */
  readonly collateral?: Collateral;
  /** GPU chain/RIM cache (default: attestation/gpu's module-wide cache, keyed by digest). */
  readonly gpuCache?: GpuVerifyCache;
}
