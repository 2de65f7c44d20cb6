/**
 * verifyBundle: the whole worker evidence check, offline. Used by the broker at admission, by the SDK before
 * it seals a prompt, and by auditors years later.
 *
 *   decode -> claims canonical -> TDX quote (DCAP, collateral) -> REPORTDATA = SHA-512(claims)
 *   -> image id / platform id from the quote = claims -> RTMR3 replay of the runtime records = quote RTMR3
 *   -> each GPU: nonce derived from keys+challenge+index, chain, signature, RIMs -> GPU digest = claims
 *   -> GPUs are distinct devices (leaf key, UEID, device id)
 *   -> freshness (issued_at, challenge) -> appraisal (quote policy, GPU policy, registry allowlists)
 *
 * Verification failures (crypto, binding) throw BundleVerifyError at the first failure; appraisal collects every
 * violation into one BundlePolicyError.
 */
import { decodeBundle, encodeBundle, bundleDigest, type EvidenceBundle } from './bundle';
import { decodeClaims, type WorkerClaims } from './claims';
import { bindingReportData, gpuEvidenceDigest, gpuNonce } from './binding';
import { BundleParseError, BundlePolicyError, BundleVerifyError } from './errors';
import type { Violation } from '../errors';
import { verifyQuote, type VerifiedQuote, type VerifiedTdxQuote } from '../tdx';
import { collateralFromJson, type Collateral, type TrustRoots } from '../collateral';
import { appraiseQuote, imageId as computeImageId, platformId as computePlatformId, type QuotePolicy } from '../policy';
import {
  verifyGpuEvidence,
  appraiseGpu,
  type GpuTrustRoots,
  type GpuPolicy,
  type GpuOcspPolicy,
  type GpuVerifyCache,
  type VerifiedGpu,
} from '../gpu';
import {
  parseEventLog,
  assertLogMatchesQuote,
  replayRuntimeLog,
  runtimeLogViolations,
  chrysalisRuntimePolicy,
  type RuntimeLogPolicy,
} from '../eventlog';
import { toRuntimeEvent } from './runtime-events';

declare const verifiedWorkerBrand: unique symbol;

export interface VerifiedGpuSummary {
  readonly index: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  readonly model?: string;
  readonly measurementsMatched?: boolean;
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
  readonly tcbStatus: string;
  readonly advisoryIds: readonly string[];
  readonly fmspc: string;
  readonly gpus: readonly VerifiedGpuSummary[];
  readonly issuedAt: Date;
  readonly quote: VerifiedTdxQuote;
}

/** A snapshot of the on-chain registry's allowlists (hex ids, lower case). */
export interface RegistrySnapshot {
  readonly version?: number;
  readonly imageIds: readonly string[];
  readonly platformIds: readonly string[];
  readonly modelIds: readonly string[];
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
  /** Collateral to use instead of (or when missing from) the bundle's own. */
  readonly collateral?: Collateral;
  /** GPU chain/RIM cache (default: attestation/gpu's module-wide cache, keyed by digest). */
  readonly gpuCache?: GpuVerifyCache;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const eq = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

function codeOf(err: unknown): string {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'UNKNOWN';
}

export function verifyBundle(input: Uint8Array | EvidenceBundle, opts: VerifyBundleOptions): VerifiedWorker {
  const encoded = input instanceof Uint8Array ? input : null;
  const bundle = encoded ? decodeBundle(encoded) : (input as EvidenceBundle);
  const digest = bundleDigest(encoded ?? encodeBundle(bundle));
  const claims = decodeClaims(bundle.claims);
  const now = opts.now;

  // 1. The TDX quote, under Intel's (or the explicitly supplied) roots.
  let collateral = opts.collateral;
  if (!collateral && bundle.tdxCollateralJson) {
    try {
      collateral = collateralFromJson(bundle.tdxCollateralJson);
    } catch (cause) {
      throw new BundleVerifyError('BUNDLE_TDX_INVALID', `bundle collateral unusable (${codeOf(cause)})`, { cause });
    }
  }
  if (!collateral)
    throw new BundleVerifyError('BUNDLE_COLLATERAL_MISSING', 'no Intel collateral in the bundle or options');
  let verified: VerifiedQuote;
  try {
    verified = verifyQuote(bundle.tdxQuote, collateral, opts.trust?.intel ? { now, trust: opts.trust.intel } : { now });
  } catch (cause) {
    throw new BundleVerifyError('BUNDLE_TDX_INVALID', `TDX quote rejected (${codeOf(cause)})`, { cause });
  }
  if (verified.teeType !== 'TDX') {
    throw new BundleVerifyError('BUNDLE_TDX_INVALID', 'the quote is not a TDX quote');
  }
  const quote: VerifiedTdxQuote = verified;
  const m = quote.measurements;

  // 2. The binding: REPORTDATA commits to the exact claims bytes.
  if (!eq(m.reportData, bindingReportData(bundle.claims))) {
    throw new BundleVerifyError('BUNDLE_REPORT_DATA_MISMATCH', 'REPORTDATA is not SHA-512(claims)');
  }

  // 3. Identities claimed are the identities measured.
  const imageId = computeImageId(m);
  const platformId = computePlatformId(m);
  if (imageId !== hex(claims.imageId))
    throw new BundleVerifyError('BUNDLE_IMAGE_ID_MISMATCH', 'claims.image_id differs from the quote');
  if (platformId !== hex(claims.platformId)) {
    throw new BundleVerifyError('BUNDLE_PLATFORM_ID_MISMATCH', 'claims.platform_id differs from the quote');
  }

  // 4. RTMR3: the runtime records replay to the quote's register, and the model event names the claimed model.
  let events: ReturnType<typeof toRuntimeEvent>[];
  let rtmr3: Uint8Array;
  try {
    events = bundle.runtimeEvents.map(toRuntimeEvent);
    rtmr3 = replayRuntimeLog(events);
  } catch (cause) {
    throw new BundleVerifyError('BUNDLE_RTMR3_MISMATCH', `runtime events malformed (${codeOf(cause)})`, { cause });
  }
  if (!eq(rtmr3, m.rtmr3))
    throw new BundleVerifyError('BUNDLE_RTMR3_MISMATCH', 'runtime events do not replay to RTMR3');

  // 4b. The firmware event log (CCEL), when carried, replays to RTMR0..RTMR2 of the quote.
  if (bundle.firmwareEventLog) {
    try {
      assertLogMatchesQuote(parseEventLog(bundle.firmwareEventLog), [m.rtmr0, m.rtmr1, m.rtmr2, m.rtmr3], [0, 1, 2]);
    } catch (cause) {
      throw new BundleVerifyError(
        'BUNDLE_EVENTLOG_MISMATCH',
        `firmware event log does not match the quote (${codeOf(cause)})`,
        { cause },
      );
    }
  }

  // 5. GPUs: every report signed over the nonce derived from these keys and this challenge; digest in the claims.
  if (bundle.gpus.length !== claims.gpuCount) {
    throw new BundleVerifyError(
      'BUNDLE_GPU_COUNT_MISMATCH',
      `claims name ${claims.gpuCount} GPUs, bundle has ${bundle.gpus.length}`,
    );
  }
  const indexes = new Set<number>();
  bundle.gpus.forEach((g, i) => {
    if (g.index !== i || indexes.has(g.index))
      throw new BundleVerifyError('BUNDLE_GPU_INVALID', 'GPU indexes must be 0..n-1 in order');
    indexes.add(g.index);
  });
  if (!eq(gpuEvidenceDigest(bundle.gpus), claims.gpuEvidenceDigest)) {
    throw new BundleVerifyError('BUNDLE_GPU_DIGEST_MISMATCH', 'GPU evidence differs from the digest in the claims');
  }
  const gpuResults = bundle.gpus.map((g): VerifiedGpu => {
    const nonce = gpuNonce(claims, claims.brokerChallenge, g.index);
    try {
      const ev = {
        report: g.report,
        certChain: [...g.certChain],
        ...(g.rims ? { rims: g.rims } : {}),
        ...(g.ocsp ? { ocsp: [...g.ocsp] } : {}),
      };
      return verifyGpuEvidence(ev, {
        now,
        nonce,
        ...(opts.trust?.nvidia ? { trust: opts.trust.nvidia } : {}),
        ...(opts.policy?.gpuOcsp ? { ocspPolicy: opts.policy.gpuOcsp } : {}),
        ...(opts.gpuCache ? { cache: opts.gpuCache } : {}),
      });
    } catch (cause) {
      throw new BundleVerifyError('BUNDLE_GPU_INVALID', `GPU ${g.index} evidence rejected (${codeOf(cause)})`, {
        cause,
        details: { index: g.index },
      });
    }
  });

  // 5b. Distinct devices: one GPU cannot answer for several slots (each report is freshly signed over its own nonce,
  // so without this a single device's chain could be presented n times to claim n GPUs).
  assertDistinctGpus(gpuResults);

  // 6. Freshness.
  const nowS = Math.floor(now.getTime() / 1000);
  const maxAge = opts.policy?.maxAgeSeconds ?? 3600;
  const skew = opts.policy?.maxFutureSkewSeconds ?? 120;
  if (claims.issuedAt > nowS + skew)
    throw new BundleVerifyError('BUNDLE_FROM_FUTURE', 'claims.issued_at is in the future');
  if (opts.expectedChallenge && !eq(opts.expectedChallenge, claims.brokerChallenge)) {
    throw new BundleVerifyError('BUNDLE_CHALLENGE_MISMATCH', 'the bundle answers another challenge');
  }
  if (nowS - claims.issuedAt > maxAge) throw new BundleVerifyError('BUNDLE_STALE', `claims older than ${maxAge} s`);

  // 7. Appraisal: every violation, together.
  const violations: Violation[] = [];
  const collect = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      const vs = (err as { violations?: Violation[] }).violations;
      if (Array.isArray(vs)) violations.push(...vs);
      else violations.push({ code: codeOf(err), field: 'unknown', actual: String((err as Error).message) });
    }
  };
  collect(() => appraiseQuote(quote, opts.policy?.quote ?? {}));
  gpuResults.forEach((r) => collect(() => appraiseGpu(r, opts.policy?.gpu ?? {})));
  const minGpus = opts.policy?.minGpus ?? 1;
  if (bundle.gpus.length < minGpus) {
    violations.push({
      code: 'POLICY_GPU_MISSING',
      field: 'gpus',
      expected: `>= ${minGpus}`,
      actual: String(bundle.gpus.length),
    });
  }
  const modelId = hex(claims.modelId);
  const reg = opts.registry;
  if (!reg.imageIds.includes(imageId))
    violations.push({ code: 'POLICY_IMAGE_NOT_ALLOWED', field: 'imageId', actual: imageId });
  if (!reg.platformIds.includes(platformId)) {
    violations.push({ code: 'POLICY_PLATFORM_NOT_ALLOWED', field: 'platformId', actual: platformId });
  }
  if (!reg.modelIds.includes(modelId))
    violations.push({ code: 'POLICY_MODEL_NOT_ALLOWED', field: 'modelId', actual: modelId });
  const runtimePolicy =
    opts.policy?.runtime ?? chrysalisRuntimePolicy({ configDigest: claims.configDigest, modelId: claims.modelId });
  collect(() => violations.push(...runtimeLogViolations(events, undefined, runtimePolicy)));
  const allowedCfg = opts.policy?.allowedConfigDigests;
  if (allowedCfg && !allowedCfg.includes(hex(claims.configDigest))) {
    violations.push({ code: 'POLICY_CONFIG_NOT_ALLOWED', field: 'configDigest', actual: hex(claims.configDigest) });
  }
  if (violations.length > 0) throw new BundlePolicyError(violations);

  const worker = {
    bundleDigest: digest,
    claims,
    hpkePublicKey: claims.hpkePublicKey,
    signingPublicKey: claims.signingPublicKey,
    imageId,
    platformId,
    modelId,
    tcbStatus: quote.tcbStatus,
    advisoryIds: [...quote.advisoryIds],
    fmspc: quote.fmspc,
    gpus: gpuResults.map((r, i) => summarizeGpu(r, i)),
    issuedAt: new Date(claims.issuedAt * 1000),
    quote,
  };
  return Object.freeze(worker) as unknown as VerifiedWorker;
}

/**
 * SECURITY (fail closed): two GPU entries naming the same device by any identity (leaf-certificate public key, UEID =
 * leaf serial, NVIDIA SAN device id) reject the bundle with BUNDLE_GPU_DUPLICATE_DEVICE.
 */
function assertDistinctGpus(gpus: readonly VerifiedGpu[]): void {
  const seen = new Map<string, number>();
  gpus.forEach((g, index) => {
    const d = g.device;
    const ids = [
      `spki:${d.leafSpkiSha256}`,
      `ueid:${d.ueid}`,
      ...(d.deviceId !== undefined ? [`id:${d.deviceId}`] : []),
    ];
    for (const id of ids) {
      const first = seen.get(id);
      if (first !== undefined) {
        throw new BundleVerifyError('BUNDLE_GPU_DUPLICATE_DEVICE', `GPU ${index} is the same device as GPU ${first}`, {
          details: { index, duplicateOf: first, identity: id.slice(0, id.indexOf(':')) },
        });
      }
    }
    for (const id of ids) seen.set(id, index);
  });
}

function summarizeGpu(r: VerifiedGpu, index: number): VerifiedGpuSummary {
  return {
    index,
    ...(r.driverVersion !== undefined ? { driverVersion: r.driverVersion } : {}),
    ...(r.vbiosVersion !== undefined ? { vbiosVersion: r.vbiosVersion } : {}),
    model: r.device.model,
    ...(r.measurements ? { measurementsMatched: r.measurements.matched } : {}),
  };
}

export { BundleParseError };
