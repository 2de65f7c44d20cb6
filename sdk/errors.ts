import { ChrysalisError } from '../attestation/errors';

/**
 * Every failure the SDK reports. A code keeps its meaning forever; callers and tests branch on `code`.
 *
 * - discovery:    SDK_BROKER_UNREACHABLE, SDK_BROKER_ERROR, SDK_BROKER_RESPONSE_INVALID, SDK_NO_WORKER,
 *                 SDK_NO_BROKER (MultiBrokerClient: every broker is down or refuses this client; retryable,
 *                 `details.brokers` lists each broker's reason)
 * - attestation:  SDK_BUNDLE_INVALID (verifyBundle refused it; `cause` carries the attestation error),
 *                 SDK_BUNDLE_KEY_MISMATCH (the broker's advertised keys differ from the attested ones)
 * - transport:    SDK_STREAM_TRUNCATED, SDK_STREAM_CORRUPT, SDK_WORKER_FAILED, SDK_RATE_LIMITED, SDK_TIMEOUT, SDK_ABORTED
 * - result:       SDK_RECEIPT_MISSING, SDK_RECEIPT_INVALID (bad signature / wrong key), SDK_RECEIPT_MISMATCH
 *                 (digests, model id, token counts, price, channel or sequence differ from what was observed)
 * - price:        SDK_PRICE_ABOVE_REGISTRY (a worker's quoted price exceeds the registry's price of the model),
 *                 SDK_PRICE_UNKNOWN (the registry snapshot has no price for the model); both before anything is sent
 * - payment:      SDK_VOUCHER_FAILED, SDK_ACCOUNT_UNSIGNED (the broker reports a vouched amount without a voucher the
 *                 client signed), SDK_ACCOUNT_INVALID (the broker's voucher is malformed, signed by another key, or
 *                 names another channel, network or amount)
 * - usage:        SDK_REQUEST_INVALID, SDK_CONFIG_INVALID
 */
export type SdkErrorCode =
  | 'SDK_BROKER_UNREACHABLE'
  | 'SDK_BROKER_ERROR'
  | 'SDK_BROKER_RESPONSE_INVALID'
  | 'SDK_NO_WORKER'
  | 'SDK_NO_BROKER'
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
  | 'SDK_PRICE_ABOVE_REGISTRY'
  | 'SDK_PRICE_UNKNOWN'
  | 'SDK_ACCOUNT_UNSIGNED'
  | 'SDK_ACCOUNT_INVALID'
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
