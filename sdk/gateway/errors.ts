/**
 * The one table mapping SDK codes to OpenAI-shaped HTTP errors. The `code` in the body is the stable SDK code,
 * so a caller of the official `openai` client reads it as `err.code`.
 */
import type { SdkErrorCode } from '../errors';

export interface HttpErrorShape {
  readonly status: number;
  readonly type: string;
}

export const SDK_HTTP: Readonly<Record<SdkErrorCode, HttpErrorShape>> = Object.freeze({
  SDK_REQUEST_INVALID: { status: 400, type: 'invalid_request_error' },
  SDK_CONFIG_INVALID: { status: 500, type: 'api_error' },
  SDK_NO_WORKER: { status: 404, type: 'invalid_request_error' },
  SDK_RATE_LIMITED: { status: 429, type: 'rate_limit_error' },
  SDK_TIMEOUT: { status: 504, type: 'api_error' },
  SDK_ABORTED: { status: 499, type: 'api_error' },
  SDK_BROKER_UNREACHABLE: { status: 502, type: 'api_error' },
  SDK_NO_BROKER: { status: 503, type: 'api_error' },
  SDK_BROKER_ERROR: { status: 502, type: 'api_error' },
  SDK_BROKER_RESPONSE_INVALID: { status: 502, type: 'api_error' },
  SDK_BUNDLE_INVALID: { status: 502, type: 'attestation_error' },
  SDK_BUNDLE_KEY_MISMATCH: { status: 502, type: 'attestation_error' },
  SDK_STREAM_TRUNCATED: { status: 502, type: 'api_error' },
  SDK_STREAM_CORRUPT: { status: 502, type: 'api_error' },
  SDK_WORKER_FAILED: { status: 502, type: 'api_error' },
  SDK_RECEIPT_MISSING: { status: 502, type: 'attestation_error' },
  SDK_RECEIPT_INVALID: { status: 502, type: 'attestation_error' },
  SDK_RECEIPT_MISMATCH: { status: 502, type: 'attestation_error' },
  SDK_VOUCHER_FAILED: { status: 500, type: 'api_error' },
  SDK_PRICE_ABOVE_REGISTRY: { status: 502, type: 'attestation_error' },
  SDK_PRICE_UNKNOWN: { status: 404, type: 'invalid_request_error' },
  SDK_ACCOUNT_UNSIGNED: { status: 502, type: 'api_error' },
  SDK_ACCOUNT_INVALID: { status: 502, type: 'api_error' },
});
