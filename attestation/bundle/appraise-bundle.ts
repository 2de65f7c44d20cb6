/**
 * The appraisal of a verified bundle (appraise layer): quote policy, GPU policy, GPU count, registry allowlists,
 * runtime-log policy and configuration digests. Every violation is collected into one BundlePolicyError.
 * Then the claimed prices against the registry's (`checkPrices`, BundlePriceError).
 */
import type { WorkerClaims } from './claims';
import { BundlePolicyError, BundlePriceError } from './errors';
import { codeOf, type MeasuredIdentity } from './verify-steps';
import type { VerifyBundleOptions } from './verify-types';
import type { Violation } from '../errors';
import type { VerifiedTdxQuote } from '../tdx';
import { appraiseQuote } from '../policy';
import { appraiseGpu, type VerifiedGpu } from '../gpu';
import { runtimeLogViolations, chrysalisRuntimePolicy, type RuntimeEvent, type RuntimeLogPolicy } from '../eventlog';
import { toHex } from '../../core/bytes';

/** What appraisal looks at: the verified parts of one bundle. */
export interface AppraisalInput {
  readonly claims: WorkerClaims;
  readonly quote: VerifiedTdxQuote;
  readonly gpus: readonly VerifiedGpu[];
  readonly events: readonly RuntimeEvent[];
  readonly ids: MeasuredIdentity;
  /** Hex of claims.modelId. */
  readonly modelId: string;
}

/** Throws BundlePolicyError (BUNDLE_POLICY_REJECTED) listing every violation, if there is any. */
export function appraise(input: AppraisalInput, opts: VerifyBundleOptions): void {
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
  collect(() => appraiseQuote(input.quote, opts.policy?.quote ?? {}));
  input.gpus.forEach((r) => collect(() => appraiseGpu(r, opts.policy?.gpu ?? {})));
  const minGpus = opts.policy?.minGpus ?? 1;
  if (input.gpus.length < minGpus) {
    violations.push({
      code: 'POLICY_GPU_MISSING',
      field: 'gpus',
      expected: `>= ${minGpus}`,
      actual: String(input.gpus.length),
    });
  }
  registryViolations(input.ids, input.modelId, opts, violations);
  const claims = input.claims;
  const runtimePolicy = opts.policy?.runtime ?? defaultRuntimePolicy(claims, input.modelId, opts);
  collect(() => violations.push(...runtimeLogViolations(input.events, undefined, runtimePolicy)));
  const allowedCfg = opts.policy?.allowedConfigDigests;
  if (allowedCfg && !allowedCfg.includes(toHex(claims.configDigest))) {
    violations.push({ code: 'POLICY_CONFIG_NOT_ALLOWED', field: 'configDigest', actual: toHex(claims.configDigest) });
  }
  if (violations.length > 0) throw new BundlePolicyError(violations);
}

/** Config digest and model id from the claims; the model disk's root hash when the registry lists one for the model. */
function defaultRuntimePolicy(claims: WorkerClaims, modelId: string, opts: VerifyBundleOptions): RuntimeLogPolicy {
  const disks = opts.registry.modelDiskRootHashes;
  const disk = disks && Object.prototype.hasOwnProperty.call(disks, modelId) ? disks[modelId] : undefined;
  return chrysalisRuntimePolicy({
    configDigest: claims.configDigest,
    modelId: claims.modelId,
    ...(disk !== undefined ? { modelDiskRootHash: disk } : {}),
  });
}

/** Image, platform and model ids must each be on the registry's allowlist. */
function registryViolations(ids: MeasuredIdentity, modelId: string, opts: VerifyBundleOptions, out: Violation[]): void {
  const reg = opts.registry;
  if (!reg.imageIds.includes(ids.imageId))
    out.push({ code: 'POLICY_IMAGE_NOT_ALLOWED', field: 'imageId', actual: ids.imageId });
  if (!reg.platformIds.includes(ids.platformId)) {
    out.push({ code: 'POLICY_PLATFORM_NOT_ALLOWED', field: 'platformId', actual: ids.platformId });
  }
  if (!reg.modelIds.includes(modelId))
    out.push({ code: 'POLICY_MODEL_NOT_ALLOWED', field: 'modelId', actual: modelId });
}

/**
 * The claimed prices against the registry's price for the model, when `opts.registry.modelPrices` is given.
 * Throws BundlePriceError: BUNDLE_PRICE_UNKNOWN (no entry for the model), BUNDLE_PRICE_ABOVE_REGISTRY.
 */
export function checkPrices(claims: WorkerClaims, modelId: string, opts: VerifyBundleOptions): void {
  const prices = opts.registry.modelPrices;
  if (prices === undefined) return;
  const reg = Object.prototype.hasOwnProperty.call(prices, modelId) ? prices[modelId] : undefined;
  if (reg === undefined)
    throw new BundlePriceError('BUNDLE_PRICE_UNKNOWN', `the registry has no price for model ${modelId}`, {
      details: { modelId },
    });
  const above: string[] = [];
  if (claims.promptPriceNano > reg.promptNano) above.push('prompt');
  if (claims.completionPriceNano > reg.completionNano) above.push('completion');
  if (above.length > 0) {
    throw new BundlePriceError(
      'BUNDLE_PRICE_ABOVE_REGISTRY',
      `claimed ${above.join(' and ')} price above the registry's`,
      {
        details: {
          modelId,
          promptPriceNano: claims.promptPriceNano.toString(),
          completionPriceNano: claims.completionPriceNano.toString(),
          registryPromptNano: reg.promptNano.toString(),
          registryCompletionNano: reg.completionNano.toString(),
        },
      },
    );
  }
}
