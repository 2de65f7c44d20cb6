import { ChrysalisError, type Violation } from '../errors';

/** Structural errors while reading a CCEL table, a TCG crypto-agile log or a dstack JSON log. */
export const EVENTLOG_PARSE_CODES = [
  'EVENTLOG_TRUNCATED', // an entry's declared sizes run past the buffer, or the header is cut
  'EVENTLOG_BAD_HEADER', // the first entry is not a TCG_PCR_EVENT with a "Spec ID Event03" structure
  'EVENTLOG_NO_SHA384_BANK', // the Spec ID header lists no SHA-384 (0x000C, 48 bytes) algorithm: not a TDX log
  'EVENTLOG_UNKNOWN_ALGORITHM', // an entry carries a digest whose algorithm is not in the header table
  'EVENTLOG_MISSING_SHA384_DIGEST', // a measured entry has no SHA-384 digest
  'EVENTLOG_BAD_MR_INDEX', // a measured entry names MR index 0 (MRTD) or > 4
  'EVENTLOG_BAD_CCEL_TABLE', // the CCEL ACPI table is malformed (signature, length, checksum, CC type)
  'EVENTLOG_BAD_JSON', // a dstack JSON log that does not have the documented shape
  'EVENTLOG_RUNTIME_DIGEST_MISMATCH', // a dstack runtime event whose digest disagrees with name+payload
  'EVENTLOG_TOO_LARGE', // more entries or bytes than any real log (denial-of-service guard)
] as const;
export type EventLogParseErrorCode = (typeof EVENTLOG_PARSE_CODES)[number];

export class EventLogParseError extends ChrysalisError<EventLogParseErrorCode> {}

/** Replay against a quote's registers failed. */
export const EVENTLOG_REPLAY_CODES = ['EVENTLOG_RTMR_MISMATCH'] as const;
export type EventLogReplayErrorCode = (typeof EVENTLOG_REPLAY_CODES)[number];
export class EventLogReplayError extends ChrysalisError<EventLogReplayErrorCode> {}

/** Appraisal of the boot event sequence (a log can replay perfectly and still be wrong). */
export const EVENTLOG_APPRAISAL_CODES = [
  'EVENTLOG_DUPLICATE_SEPARATOR',
  'EVENTLOG_MISSING_SEPARATOR',
  'EVENTLOG_EVENT_AFTER_SEPARATOR',
  'EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES',
  'EVENTLOG_EVENT_DATA_MISMATCH',
  'EVENTLOG_UNEXPECTED_BOOT_CHAIN',
  'EVENTLOG_UNEXPECTED_RTMR3_EVENT',
] as const;
export type EventLogAppraisalCode = (typeof EVENTLOG_APPRAISAL_CODES)[number];

export const EVENTLOG_APPRAISAL_ERROR_CODES = ['EVENTLOG_APPRAISAL_FAILED'] as const;
export type EventLogAppraisalErrorCode = (typeof EVENTLOG_APPRAISAL_ERROR_CODES)[number];

export class EventLogAppraisalError extends ChrysalisError<EventLogAppraisalErrorCode> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('EVENTLOG_APPRAISAL_FAILED', `event log rejected: ${violations.map((v) => v.code).join(', ')}`, {
      details: { violations },
    });
    this.violations = Object.freeze([...violations]);
  }
}

/** chrysalis runtime (RTMR3) records: encoding errors and policy violations. */
export const RUNTIME_EVENT_CODES = [
  'RUNTIME_EVENT_BAD_NAME',
  'RUNTIME_EVENT_BAD_VERSION',
  'RUNTIME_EVENT_BAD_KIND',
  'RUNTIME_EVENT_PAYLOAD_TOO_LARGE',
  'RUNTIME_EVENT_MALFORMED',
  'RUNTIME_EVENT_TRUNCATED',
] as const;
export type RuntimeEventErrorCode = (typeof RUNTIME_EVENT_CODES)[number];
export class RuntimeEventError extends ChrysalisError<RuntimeEventErrorCode> {}

/** Codes of individual runtime-log policy violations (`RuntimeLogPolicyError.violations[].code`). */
export const RUNTIME_LOG_VIOLATION_CODES = [
  'RUNTIME_LOG_RTMR3_MISMATCH',
  'RUNTIME_EVENT_UNKNOWN',
  'RUNTIME_EVENT_KIND_MISMATCH',
  'RUNTIME_EVENT_VALUE_MISMATCH',
  'RUNTIME_EVENT_ORDER',
  'RUNTIME_EVENT_DUPLICATE',
  'RUNTIME_EVENT_MISSING',
  'RUNTIME_EVENT_AFTER_FINAL',
] as const;
export type RuntimeLogViolationCode = (typeof RUNTIME_LOG_VIOLATION_CODES)[number];

export const RUNTIME_LOG_ERROR_CODES = ['RUNTIME_LOG_REJECTED'] as const;
export type RuntimeLogErrorCode = (typeof RUNTIME_LOG_ERROR_CODES)[number];

export class RuntimeLogPolicyError extends ChrysalisError<RuntimeLogErrorCode> {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super('RUNTIME_LOG_REJECTED', `runtime (RTMR3) log rejected: ${violations.map((v) => v.code).join(', ')}`, {
      details: { violations },
    });
    this.violations = Object.freeze([...violations]);
  }
}
