import { ChrysalisError } from '../attestation/errors';

/**
 * Every failure the SDK reports. A code keeps its meaning forever; callers and tests branch on `code`.
 *
 * - discovery:    SDK_BROKER_UNREACHABLE, SDK_BROKER_ERROR, SDK_BROKER_RESPONSE_INVALID, SDK_NO_WORKER
 * - attestation:  SDK_BUNDLE_INVALID (verifyBundle refused it; `cause` carries the attestation error),
 *                 SDK_BUNDLE_KEY_MISMATCH (the broker's advertised keys differ from the attested ones)
 * - transport:    SDK_STREAM_TRUNCATED, SDK_STREAM_CORRUPT, SDK_WORKER_FAILED, SDK_RATE_LIMITED, SDK_TIMEOUT, SDK_ABORTED
 * - result:       SDK_RECEIPT_MISSING, SDK_RECEIPT_INVALID (bad signature / wrong key), SDK_RECEIPT_MISMATCH
 *                 (digests, model id, token counts, price, channel or sequence differ from what was observed)
 * - payment:      SDK_VOUCHER_FAILED
 * - usage:        SDK_REQUEST_INVALID, SDK_CONFIG_INVALID
 */
export type SdkErrorCode =
  | 'SDK_BROKER_UNREACHABLE'
  | 'SDK_BROKER_ERROR'
  | 'SDK_BROKER_RESPONSE_INVALID'
  | 'SDK_NO_WORKER'
  | 'SDK_BUNDLE_INVALID'
  | 'SDK_BUNDLE_KEY_MISMATCH'
  | 'SDK_STREAM_TRUNCATED'
  | 'SDK_STREAM_CORRUPT'
  | 'SDK_WORKER_FAILED'
  | 'SDK_RATE_LIMITED'
  | 'SDK_TIMEOUT'
  | 'SDK_ABORTED'
  | 'SDK_RECEIPT_MISSING'
  | 'SDK_RECEIPT_INVALID'
  | 'SDK_RECEIPT_MISMATCH'
  | 'SDK_VOUCHER_FAILED'
  | 'SDK_REQUEST_INVALID'
  | 'SDK_CONFIG_INVALID';

export class SdkError extends ChrysalisError<SdkErrorCode> {
  /** True when the same request may be sent again (nothing was charged). */
  readonly retryable: boolean;
  constructor(
    code: SdkErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown>; retryable?: boolean },
  ) {
    super(code, message, options);
    this.retryable = options?.retryable ?? false;
  }
}

export function isSdkError(e: unknown): e is SdkError {
  return e instanceof SdkError;
}
