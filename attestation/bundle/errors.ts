import { ChrysalisError, type Violation } from '../errors';

/** Structural problems in a bundle or its claims (parse layer). */
export const BUNDLE_PARSE_CODES = [
  'BUNDLE_MALFORMED',
  'BUNDLE_VERSION_UNSUPPORTED',
  /** The bytes are not exactly the canonical encoding of the bundle they decode to (trailing data, padding, unknown fields). */
  'BUNDLE_TRAILING_DATA',
  'BUNDLE_CLAIMS_MALFORMED',
  'BUNDLE_CLAIMS_NOT_CANONICAL',
  'BUNDLE_CLAIMS_VERSION_UNSUPPORTED',
  'BUNDLE_CLAIMS_FIELD_INVALID',
] as const;
export type BundleParseCode = (typeof BUNDLE_PARSE_CODES)[number];

export class BundleParseError extends ChrysalisError<BundleParseCode> {}

/** Cryptographic and binding failures (verify layer). */
export const BUNDLE_VERIFY_CODES = [
  'BUNDLE_TDX_INVALID',
  'BUNDLE_COLLATERAL_MISSING',
  'BUNDLE_REPORT_DATA_MISMATCH',
  'BUNDLE_GPU_INVALID',
  'BUNDLE_GPU_COUNT_MISMATCH',
  'BUNDLE_GPU_DIGEST_MISMATCH',
  'BUNDLE_GPU_MISSING',
  /** Two GPU entries are the same physical device (same leaf key, UEID or device id). */
  'BUNDLE_GPU_DUPLICATE_DEVICE',
  'BUNDLE_IMAGE_ID_MISMATCH',
  'BUNDLE_PLATFORM_ID_MISMATCH',
  'BUNDLE_RTMR3_MISMATCH',
  'BUNDLE_EVENTLOG_MISMATCH',
  'BUNDLE_CHALLENGE_MISMATCH',
  'BUNDLE_STALE',
  'BUNDLE_FROM_FUTURE',
] as const;
export type BundleVerifyCode = (typeof BUNDLE_VERIFY_CODES)[number];

export class BundleVerifyError extends ChrysalisError<BundleVerifyCode> {
  /** The code of the underlying verifier's error (e.g. `TDX_QUOTE_SIGNATURE_INVALID`), when there is one. */
  get causeCode(): string | undefined {
    const c = this.cause as { code?: unknown } | undefined;
    return typeof c?.code === 'string' ? c.code : undefined;
  }
}

/** The worker's committed prices against the registry's (`registry.modelPrices`, appraise layer). */
export const BUNDLE_PRICE_CODES = [
  /** A claimed price (prompt or completion) is above the registry's price for the model. */
  'BUNDLE_PRICE_ABOVE_REGISTRY',
  /** `registry.modelPrices` is given but has no price for the claimed model. */
  'BUNDLE_PRICE_UNKNOWN',
] as const;
export type BundlePriceCode = (typeof BUNDLE_PRICE_CODES)[number];

export class BundlePriceError extends ChrysalisError<BundlePriceCode> {}

/**
 * Violation codes the bundle appraisal adds to those of the quote, GPU and runtime-log policies
 * (`BundlePolicyError.violations[].code`); image and platform ids use the quote policy's codes.
 */
export const BUNDLE_POLICY_VIOLATION_CODES = [
  'POLICY_GPU_MISSING', // fewer GPUs than `minGpus`
  'POLICY_MODEL_NOT_ALLOWED', // the model id is not in the registry
  'POLICY_CONFIG_NOT_ALLOWED', // the config digest is not in `allowedConfigDigests`
] as const;
export type BundlePolicyViolationCode = (typeof BUNDLE_POLICY_VIOLATION_CODES)[number];

export const BUNDLE_POLICY_ERROR_CODES = ['BUNDLE_POLICY_REJECTED'] as const;
export type BundlePolicyErrorCode = (typeof BUNDLE_POLICY_ERROR_CODES)[number];

/** Policy failures (appraise layer): every violation is listed. */
export class BundlePolicyError extends ChrysalisError<BundlePolicyErrorCode> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('BUNDLE_POLICY_REJECTED', `bundle rejected by policy: ${violations.map((v) => v.code).join(', ')}`);
    this.violations = Object.freeze([...violations]);
  }
}
