/**
 * Measured boot: CCEL / TCG crypto-agile and dstack JSON event logs (parse -> replay -> appraise), and chrysalis's
 * own runtime RTMR3 records. Pure: bytes in, typed results or typed errors out.
 */
export {
  EventLogParseError,
  EventLogReplayError,
  EventLogAppraisalError,
  RuntimeEventError,
  RuntimeLogPolicyError,
  EVENTLOG_PARSE_CODES,
  EVENTLOG_REPLAY_CODES,
  EVENTLOG_APPRAISAL_CODES,
  EVENTLOG_APPRAISAL_ERROR_CODES,
  RUNTIME_EVENT_CODES,
  RUNTIME_LOG_VIOLATION_CODES,
  RUNTIME_LOG_ERROR_CODES,
} from './errors';
export type {
  EventLogParseErrorCode,
  EventLogReplayErrorCode,
  EventLogAppraisalCode,
  RuntimeEventErrorCode,
  RuntimeLogViolationCode,
  EventLogAppraisalErrorCode,
  RuntimeLogErrorCode,
} from './errors';
export type { EventLog, EventLogFormat, LogEvent, LogDigest, SpecIdHeader, AlgorithmSize, CcelTable } from './types';
export { parseCcelTable, CC_TYPE_TDX, CC_TYPE_SEV } from './ccel';
export type { ParseCcelOptions } from './ccel';
export { parseTcgEventLog, parseSpecIdHeader } from './tcg';
export type { ParseTcgOptions } from './tcg';
export { parseDstackEventLog, dstackRuntimeEventDigest } from './dstack-json';
export { parseEventLog } from './parse';
export { describeEvent, checkEventData } from './describe';
export type { DataCheck } from './describe';
export {
  replayEventLog,
  extendRtmr,
  foldDigests,
  reportEvent,
  compareWithQuote,
  assertLogMatchesQuote,
} from './replay';
export type { EventReport, ReplayResult, QuoteRtmrs, QuoteComparison, RegisterComparison } from './replay';
export { appraiseEventLog, eventLogViolations } from './appraise';
export type { BootLogPolicy } from './appraise';
export {
  encodeRuntimeEvent,
  decodeRuntimeEvent,
  runtimeEventDigest,
  replayRuntimeLog,
  runtimeEventToJson,
  runtimeEventFromJson,
  configRuntimeEvent,
  modelRuntimeEvent,
  modelDiskRuntimeEvent,
  readyRuntimeEvent,
  instanceRuntimeEvent,
  RUNTIME_EVENT_DOMAIN,
  RUNTIME_EVENT_VERSION,
  RUNTIME_EVENT_CONFIG,
  RUNTIME_EVENT_MODEL,
  RUNTIME_EVENT_MODEL_DISK,
  RUNTIME_EVENT_READY,
} from './runtime-event';
export type { RuntimeEvent, RuntimeEventKind, RuntimeEventJson } from './runtime-event';
export { appraiseRuntimeLog, runtimeLogViolations, chrysalisRuntimePolicy } from './runtime-policy';
export type { RuntimeEventRule, RuntimeLogPolicy } from './runtime-policy';
export { eventTypeName, EVENT_TYPE_NAMES } from './constants';
