import { ChrysalisError, type Violation } from '../errors';

/** Structural errors: SPDM report, opaque data, PEM/DER chain text, RIM XML shape. */
export const GPU_PARSE_CODES = [
  'GPU_REPORT_TRUNCATED',
  'GPU_REPORT_TRAILING_BYTES',
  'GPU_REPORT_HEX_INVALID',
  'GPU_SPDM_VERSION_UNSUPPORTED',
  'GPU_SPDM_REQUEST_CODE_INVALID',
  'GPU_SPDM_RESPONSE_CODE_INVALID',
  'GPU_SPDM_PARAM_UNSUPPORTED',
  'GPU_MEASUREMENT_COUNT_INVALID',
  'GPU_MEASUREMENT_BLOCK_INVALID',
  'GPU_MEASUREMENT_SPEC_UNSUPPORTED',
  'GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH',
  'GPU_OPAQUE_DATA_EMPTY',
  'GPU_OPAQUE_DATA_INVALID',
  'GPU_OPAQUE_TYPE_UNKNOWN',
  'GPU_OPAQUE_FIELD_DUPLICATE',
  'GPU_OPAQUE_VERSION_UNSUPPORTED',
  'GPU_CERT_CHAIN_MALFORMED',
  'GPU_RIM_MALFORMED',
] as const;
export type GpuParseCode = (typeof GPU_PARSE_CODES)[number];

export class GpuParseError extends ChrysalisError<GpuParseCode> {}

/** Cryptographic / chain-of-trust / freshness / binding errors. */
export const GPU_VERIFY_CODES = [
  'GPU_NONCE_INVALID',
  'GPU_NONCE_MISMATCH',
  'GPU_CERT_CHAIN_LENGTH',
  'GPU_CERT_CHAIN_BROKEN',
  'GPU_CERT_CHAIN_UNTRUSTED',
  'GPU_CERT_EXPIRED',
  'GPU_CERT_CONSTRAINTS_INVALID', // device chain: issuer without cA/keyCertSign, pathLen exceeded, CA leaf or leaf without digitalSignature
  'GPU_FWID_MISMATCH',
  'GPU_REPORT_SIGNATURE_INVALID',
  'GPU_RIM_ALGORITHM_UNSUPPORTED',
  'GPU_RIM_DIGEST_MISMATCH',
  'GPU_RIM_SIGNATURE_INVALID',
  'GPU_RIM_CHAIN_BROKEN',
  'GPU_RIM_CHAIN_UNTRUSTED',
  'GPU_RIM_CERT_EXPIRED',
  'GPU_RIM_CERT_CONSTRAINTS_INVALID', // RIM signer chain: same X.509 constraints as GPU_CERT_CONSTRAINTS_INVALID
  'GPU_RIM_VERSION_MISMATCH',
  'GPU_RIM_MEASUREMENT_CONFLICT',
  'GPU_OCSP_MISSING',
  'GPU_OCSP_MALFORMED',
  'GPU_OCSP_RESPONDER_UNTRUSTED',
  'GPU_OCSP_REVOKED',
  'GPU_OCSP_UNKNOWN',
  'GPU_OCSP_STALE',
  'GPU_NRAS_TOKEN_INVALID',
  'GPU_NRAS_KEY_NOT_FOUND',
  'GPU_NRAS_SIGNATURE_INVALID',
  'GPU_NRAS_CLAIMS_INVALID',
  'GPU_NRAS_SUBMOD_DIGEST_MISMATCH',
  'GPU_NRAS_NONCE_MISMATCH',
  'GPU_NRAS_EXPIRED',
  'GPU_NRAS_ERROR_REPORTED',
] as const;
export type GpuVerifyCode = (typeof GPU_VERIFY_CODES)[number];

export class GpuVerifyError extends ChrysalisError<GpuVerifyCode> {}

/** Codes of individual GPU and NRAS policy violations (`GpuPolicyError.violations[].code`). */
export const GPU_POLICY_VIOLATION_CODES = [
  'GPU_POLICY_MODEL_NOT_ALLOWED',
  'GPU_POLICY_PPCIE_NOT_ALLOWED',
  'GPU_POLICY_DRIVER_TOO_OLD',
  'GPU_POLICY_VBIOS_TOO_OLD',
  'GPU_POLICY_RIM_MISSING',
  'GPU_POLICY_MEASUREMENT_MISMATCH',
  'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF',
  'GPU_POLICY_OCSP_NOT_CHECKED',
  'GPU_POLICY_SECBOOT_OFF', // NRAS: secure boot not reported on
  'GPU_POLICY_NRAS_OVERALL_FAILED', // NRAS: the overall attestation result is false
  'GPU_POLICY_NRAS_GPU_COUNT', // NRAS: number of GPU submodules differs from the expected count
  'GPU_POLICY_NRAS_CHECK_FAILED', // NRAS: report signature or nonce check reported as failed
] as const;
export type GpuPolicyViolationCode = (typeof GPU_POLICY_VIOLATION_CODES)[number];

/** Codes in `VerifiedGpu.warnings`: accepted, but worth showing to an operator. */
export const GPU_WARNING_CODES = [
  'GPU_OCSP_MISSING', // no OCSP response, accepted by an explicit fail-open option or a non-production root
  'GPU_FWID_NOT_IN_REPORT', // the report carries no FWID, so the leaf certificate's FWID was not compared
  'GPU_OCSP_CERTIFICATE_HOLD', // a certificate is on hold, accepted with `allowHoldCert`
] as const;
export type GpuWarningCode = (typeof GPU_WARNING_CODES)[number];

export const GPU_POLICY_ERROR_CODES = ['GPU_POLICY_REJECTED'] as const;
export type GpuPolicyErrorCode = (typeof GPU_POLICY_ERROR_CODES)[number];

/** Appraisal: every violation collected; `code` is always GPU_POLICY_REJECTED, each violation has its own code. */
export class GpuPolicyError extends ChrysalisError<GpuPolicyErrorCode> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('GPU_POLICY_REJECTED', `GPU evidence rejected by policy: ${violations.map((v) => v.code).join(', ')}`);
    this.violations = Object.freeze([...violations]);
  }
}
