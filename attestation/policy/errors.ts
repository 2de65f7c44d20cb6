import { ChrysalisError, type Violation } from '../errors';

/** Codes of individual policy violations (`PolicyError.violations[].code`). */
export const POLICY_VIOLATION_CODES = [
  'POLICY_TEE_TYPE_NOT_ALLOWED',
  'POLICY_ROOT_NOT_ALLOWED', // chains anchor to a root the policy did not opt in to (e.g. a devnet root)
  'POLICY_TCB_STATUS_NOT_ALLOWED',
  'POLICY_ADVISORY_NOT_ALLOWED',
  'POLICY_DEBUG_ENABLED',
  'POLICY_SEPT_VE_DISABLE_OFF',
  'POLICY_TD_ATTRIBUTES_RESERVED',
  'POLICY_SERVICE_TD_NOT_ALLOWED',
  'POLICY_XFAM_NOT_ALLOWED',
  'POLICY_MRTD_NOT_ALLOWED',
  'POLICY_RTMR_NOT_ALLOWED',
  'POLICY_MRSEAM_NOT_ALLOWED',
  'POLICY_IMAGE_NOT_ALLOWED',
  'POLICY_PLATFORM_NOT_ALLOWED',
  'POLICY_REPORT_DATA_MISMATCH',
  'POLICY_MRENCLAVE_NOT_ALLOWED',
  'POLICY_MRSIGNER_NOT_ALLOWED',
  'POLICY_ISV_NOT_ALLOWED',
  'TDX_TCB_EVALUATION_TOO_OLD', // collateral's tcbEvaluationDataNumber below minTcbEvaluationDataNumber (TCB rollback)
] as const;
export type PolicyViolationCode = (typeof POLICY_VIOLATION_CODES)[number];

export const POLICY_ERROR_CODES = ['POLICY_REJECTED'] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

/** Thrown by `appraiseQuote` with every violation found (never just the first). */
export class PolicyError extends ChrysalisError<PolicyErrorCode> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('POLICY_REJECTED', `quote rejected by policy: ${violations.map((v) => v.code).join(', ')}`, {
      details: { violations },
    });
    this.violations = Object.freeze([...violations]);
  }
}
