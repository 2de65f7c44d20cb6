import { ChrysalisError } from '../attestation/errors';

/** Every code the broker itself emits. A code keeps its meaning forever. */
export const BROKER_CODES = [
  'BROKER_BAD_REQUEST',
  'BROKER_BODY_TOO_LARGE',
  'BROKER_UNSUPPORTED_MEDIA_TYPE',
  'BROKER_BAD_SIGNATURE',
  'BROKER_SIGNATURE_OUTDATED',
  'BROKER_AUTH_REQUIRED',
  'BROKER_AUTH_EXPIRED',
  'BROKER_UNKNOWN_CLIENT',
  'BROKER_UNFUNDED',
  'BROKER_VOUCHER_REQUIRED',
  'BROKER_RESERVATION_REQUIRED',
  'BROKER_CHANNEL_CODE_MISMATCH',
  'BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT',
  'BROKER_RATE_LIMITED',
  'BROKER_NONCE_REPLAYED',
  'BROKER_REQUEST_REPLAYED',
  'BROKER_NO_WORKER',
  'BROKER_OVERLOADED',
  'BROKER_DRAINING',
  'BROKER_TIMEOUT',
  'BROKER_WORKER_LOST',
  'BROKER_WORKER_LOST_MIDSTREAM',
  'BROKER_BAD_RECEIPT',
  'BROKER_CLIENT_TOO_SLOW',
  'BROKER_NOT_FOUND',
  'BROKER_RECEIPT_UNKNOWN',
  'BROKER_INTERNAL',
  'BROKER_LEDGER_UNAVAILABLE',
  'BROKER_LEDGER_IN_USE',
  'VOUCHER_MALFORMED',
  'VOUCHER_BAD_SIGNATURE',
  'VOUCHER_WRONG_CHANNEL',
  'VOUCHER_WRONG_NETWORK',
  'VOUCHER_STALE_SEQ',
  'VOUCHER_NOT_MONOTONIC',
  'VOUCHER_ABOVE_DEPOSIT',
  'VOUCHER_CHANNEL_CLOSED',
  'WIRE_UNSUPPORTED_VERSION',
  'WIRE_MALFORMED_FRAME',
  'WIRE_FRAME_TOO_LARGE',
  'WIRE_UNEXPECTED_FRAME',
  'WIRE_HEARTBEAT_TIMEOUT',
  'WIRE_HELLO_TIMEOUT',
  'ADMISSION_CHALLENGE_MISMATCH',
  'ADMISSION_CHALLENGE_EXPIRED',
  'ADMISSION_BUNDLE_INVALID',
  'ADMISSION_IMAGE_NOT_ALLOWED',
  'ADMISSION_PLATFORM_NOT_ALLOWED',
  'ADMISSION_MODEL_NOT_ALLOWED',
  'ADMISSION_PRICE_NOT_ALLOWED',
  'ADMISSION_REGISTRY_UNAVAILABLE',
  'ADMISSION_KEY_REUSED',
  'ADMISSION_LAPSED',
  /** A verifier reported evidence already past its validity (collateral, certificate, OCSP or bundle age). */
  'ADMISSION_EVIDENCE_EXPIRED',
  'ADMISSION_PAYOUT_ADDRESS_INVALID',
  'ADMISSION_RATE_LIMITED',
] as const;
export type BrokerCode = (typeof BROKER_CODES)[number];

export class BrokerError extends ChrysalisError<BrokerCode> {
  /** Seconds for `Retry-After` (429/503). */
  readonly retryAfterS: number | undefined;
  constructor(
    code: BrokerCode,
    message: string,
    options?: { cause?: unknown; retryAfterS?: number; details?: Record<string, unknown> },
  ) {
    super(code, message, options);
    this.retryAfterS = options?.retryAfterS;
  }
}

/** The one table mapping codes to HTTP status. Unlisted codes are 500 with a generic body. */
export const HTTP_STATUS: Readonly<Partial<Record<BrokerCode, number>>> = Object.freeze({
  BROKER_BAD_REQUEST: 400,
  BROKER_BODY_TOO_LARGE: 413,
  BROKER_UNSUPPORTED_MEDIA_TYPE: 415,
  BROKER_BAD_SIGNATURE: 401,
  BROKER_SIGNATURE_OUTDATED: 401,
  BROKER_AUTH_REQUIRED: 401,
  BROKER_AUTH_EXPIRED: 401,
  BROKER_UNKNOWN_CLIENT: 403,
  BROKER_UNFUNDED: 402,
  BROKER_CHANNEL_CODE_MISMATCH: 403,
  BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT: 403,
  BROKER_VOUCHER_REQUIRED: 402,
  BROKER_RESERVATION_REQUIRED: 400,
  BROKER_RATE_LIMITED: 429,
  BROKER_NONCE_REPLAYED: 409,
  BROKER_REQUEST_REPLAYED: 409,
  BROKER_NO_WORKER: 404,
  BROKER_OVERLOADED: 429,
  BROKER_DRAINING: 503,
  BROKER_LEDGER_UNAVAILABLE: 503,
  BROKER_NOT_FOUND: 404,
  BROKER_RECEIPT_UNKNOWN: 404,
  VOUCHER_MALFORMED: 400,
  VOUCHER_BAD_SIGNATURE: 401,
  VOUCHER_WRONG_CHANNEL: 400,
  VOUCHER_WRONG_NETWORK: 400,
  VOUCHER_STALE_SEQ: 409,
  VOUCHER_NOT_MONOTONIC: 409,
  VOUCHER_ABOVE_DEPOSIT: 409,
  VOUCHER_CHANNEL_CLOSED: 409,
});

export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number | undefined>)[code] ?? 500;
}

/** Error code of anything thrown (typed errors keep theirs). */
export function codeOf(err: unknown, fallback = 'BROKER_INTERNAL'): string {
  if (err instanceof ChrysalisError) return err.code;
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c) ? c : fallback;
}
