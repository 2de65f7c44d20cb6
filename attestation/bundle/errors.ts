import { ChrysalisError, type Violation } from '../errors';

/** Structural problems in a bundle or its claims (parse layer). */
export type BundleParseCode =
  | 'BUNDLE_MALFORMED'
  | 'BUNDLE_VERSION_UNSUPPORTED'
  | 'BUNDLE_CLAIMS_MALFORMED'
  | 'BUNDLE_CLAIMS_NOT_CANONICAL'
  | 'BUNDLE_CLAIMS_VERSION_UNSUPPORTED'
  | 'BUNDLE_CLAIMS_FIELD_INVALID';

export class BundleParseError extends ChrysalisError<BundleParseCode> {}

/** Cryptographic and binding failures (verify layer). */
export type BundleVerifyCode =
  | 'BUNDLE_TDX_INVALID'
  | 'BUNDLE_COLLATERAL_MISSING'
  | 'BUNDLE_REPORT_DATA_MISMATCH'
  | 'BUNDLE_GPU_INVALID'
  | 'BUNDLE_GPU_COUNT_MISMATCH'
  | 'BUNDLE_GPU_DIGEST_MISMATCH'
  | 'BUNDLE_GPU_MISSING'
  /** Two GPU entries are the same physical device (same leaf key, UEID or device id). */
  | 'BUNDLE_GPU_DUPLICATE_DEVICE'
  | 'BUNDLE_IMAGE_ID_MISMATCH'
  | 'BUNDLE_PLATFORM_ID_MISMATCH'
  | 'BUNDLE_RTMR3_MISMATCH'
  | 'BUNDLE_EVENTLOG_MISMATCH'
  | 'BUNDLE_CHALLENGE_MISMATCH'
  | 'BUNDLE_STALE'
  | 'BUNDLE_FROM_FUTURE';

export class BundleVerifyError extends ChrysalisError<BundleVerifyCode> {
  /** The code of the underlying verifier's error (e.g. `TDX_QUOTE_SIGNATURE_INVALID`), when there is one. */
  get causeCode(): string | undefined {
    const c = this.cause as { code?: unknown } | undefined;
    return typeof c?.code === 'string' ? c.code : undefined;
  }
}

/** Policy failures (appraise layer): every violation is listed. */
export class BundlePolicyError extends ChrysalisError<'BUNDLE_POLICY_REJECTED'> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('BUNDLE_POLICY_REJECTED', `bundle rejected by policy: ${violations.map((v) => v.code).join(', ')}`);
    this.violations = Object.freeze([...violations]);
  }
}
