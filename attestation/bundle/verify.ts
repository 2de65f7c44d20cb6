/**
 * verifyBundle: the whole worker evidence check, offline. Used by the broker at admission, by the SDK before
 * it seals a prompt, and by auditors years later.
 *
 *   decode -> claims canonical -> TDX quote (DCAP, collateral) -> REPORTDATA = SHA-512(claims)
 *   -> image id / platform id from the quote = claims -> RTMR3 replay of the runtime records = quote RTMR3
 *   -> each GPU: nonce derived from keys+challenge+index, chain, signature, RIMs -> GPU digest = claims
 *   -> GPUs are distinct devices (leaf key, UEID, device id)
 *   -> freshness (issued_at, challenge) -> appraisal (quote policy, GPU policy, registry allowlists)
 *   -> claimed prices <= the registry's prices for the model (when the registry snapshot carries prices)
 *
 * Verification failures (crypto, binding) throw BundleVerifyError at the first failure; appraisal collects every
 * violation into one BundlePolicyError. The steps live in verify-steps.ts, verify-gpus.ts and appraise-bundle.ts.
 */
import type { EvidenceBundle } from './bundle';
import { BundleParseError } from './errors';
import {
  decodeAndCheckClaims,
  verifyQuotePart,
  checkBinding,
  checkIdentity,
  replayRuntime,
  checkFirmwareLog,
  checkFreshness,
} from './verify-steps';
import { verifyGpus, summarizeGpu, gpusValidUntilMs } from './verify-gpus';
import { appraise, checkPrices } from './appraise-bundle';
import type { VerifiedWorker, VerifyBundleOptions } from './verify-types';
import { toHex } from '../../core/bytes';

export type {
  ModelPrice,
  VerifiedGpuSummary,
  VerifiedWorker,
  RegistrySnapshot,
  BundlePolicy,
  VerifyBundleOptions,
} from './verify-types';

/**
 * Verifies an evidence bundle (encoded or decoded) and appraises it against `opts.policy` and `opts.registry`.
 * Throws BundleParseError (BUNDLE_MALFORMED, BUNDLE_CLAIMS_*), BundleVerifyError (BUNDLE_TDX_INVALID,
 * BUNDLE_COLLATERAL_MISSING, BUNDLE_REPORT_DATA_MISMATCH, BUNDLE_IMAGE_ID_MISMATCH, BUNDLE_PLATFORM_ID_MISMATCH,
 * BUNDLE_RTMR3_MISMATCH, BUNDLE_EVENTLOG_MISMATCH, BUNDLE_GPU_*, BUNDLE_FROM_FUTURE, BUNDLE_CHALLENGE_MISMATCH,
 * BUNDLE_STALE), BundlePolicyError (BUNDLE_POLICY_REJECTED, with every violation) or BundlePriceError
 * (BUNDLE_PRICE_ABOVE_REGISTRY, BUNDLE_PRICE_UNKNOWN; only when `opts.registry.modelPrices` is given).
 */
export function verifyBundle(input: Uint8Array | EvidenceBundle, opts: VerifyBundleOptions): VerifiedWorker {
  const { bundle, digest, claims } = decodeAndCheckClaims(input);
  const quote = verifyQuotePart(bundle, opts);
  const m = quote.measurements;
  checkBinding(bundle, m);
  const ids = checkIdentity(m, claims);
  const events = replayRuntime(bundle, m);
  checkFirmwareLog(bundle, m);
  const gpus = verifyGpus(bundle, claims, opts);
  checkFreshness(claims, opts);
  const modelId = toHex(claims.modelId);
  appraise({ claims, quote, gpus, events, ids, modelId }, opts);
  checkPrices(claims, modelId, opts);
  const maxAgeS = opts.policy?.maxAgeSeconds ?? 3600;
  const validUntilMs = Math.min(quote.validUntil.getTime(), gpusValidUntilMs(gpus), (claims.issuedAt + maxAgeS) * 1000);

  const worker = {
    bundleDigest: digest,
    claims,
    hpkePublicKey: claims.hpkePublicKey,
    signingPublicKey: claims.signingPublicKey,
    imageId: ids.imageId,
    platformId: ids.platformId,
    modelId,
    prices: Object.freeze({ promptNano: claims.promptPriceNano, completionNano: claims.completionPriceNano }),
    tcbStatus: quote.tcbStatus,
    advisoryIds: [...quote.advisoryIds],
    fmspc: quote.fmspc,
    gpus: gpus.map((r, i) => summarizeGpu(r, i)),
    issuedAt: new Date(claims.issuedAt * 1000),
    validUntil: new Date(validUntilMs),
    quote,
  };
  return Object.freeze(worker) as unknown as VerifiedWorker;
}

export { BundleParseError };
