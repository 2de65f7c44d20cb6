import { ChrysalisError } from '../attestation/errors';

/** Codes thrown by the worker runtime (enclave-runtime). */
export type WorkerErrorCode =
  /** The opened request is not a valid chat-completions JSON body. */
  | 'ENGINE_REQUEST_INVALID'
  /** The prompt does not fit the model's context window. */
  | 'ENGINE_CONTEXT_EXCEEDED'
  /** The model directory is missing files, or its files do not have the expected shape. */
  | 'ENGINE_MODEL_INVALID'
  /** The model files do not match the manifest's model id. */
  | 'ENGINE_MODEL_DIGEST_MISMATCH'
  /** The inference backend failed (onnxruntime error, upstream HTTP error, broken stream). */
  | 'ENGINE_BACKEND_FAILED'
  /** The upstream server's stream carried no usage block: token counts unknown, so nothing is billed (fail closed). */
  | 'ENGINE_USAGE_MISSING'
  /** The request was aborted. */
  | 'ENGINE_ABORTED'
  /** configfs-tsm is not present (no /sys/kernel/config/tsm/report): not a TDX guest, or the kernel lacks TSM reports. */
  | 'TSM_UNAVAILABLE'
  /** The TSM report generation changed while we wrote/read it (another writer raced us) and retries ran out. */
  | 'TSM_BUSY'
  /** The TSM provider returned something unusable (empty or short outblob, unexpected provider). */
  | 'TSM_REPORT_INVALID'
  /** The GPU evidence tool failed, is missing, or printed something we cannot parse. */
  | 'GPU_EVIDENCE_UNAVAILABLE'
  /** The worker configuration is invalid. */
  | 'WORKER_CONFIG_INVALID'
  /** The worker is shutting down. */
  | 'WORKER_CLOSED'
  /** The dispatch names prompt/completion prices other than the ones the worker committed to in its claims. */
  | 'WORKER_PRICE_MISMATCH'
  /** Neither the sealed body (`max_cost_nano`) nor the dispatch (`maxCostNano`) carries a cost cap. */
  | 'WORKER_RESERVATION_REQUIRED'
  /** The request would cost more than its cap (the prompt alone, or the usage the upstream reported). */
  | 'WORKER_BUDGET_EXCEEDED'
  /** This broker owes the worker more than `maxUnpaidNano` (earned less vouched): new requests from it are refused. */
  | 'WORKER_UNPAID'
  /** The worker is already serving its `maxConcurrency` requests (over all its brokers): retry on another worker. */
  | 'WORKER_BUSY'
  /** A Registry broker endpoint is not an http(s) URL: no worker link is opened to it (logged). */
  | 'WORKER_BROKER_ENDPOINT_INVALID'
  /** A broker's WorkerVoucher frame does not parse, or its fields disagree with the voucher cell. */
  | 'PAYOUT_VOUCHER_MALFORMED'
  /** The voucher's channel is not deployed or its code is not the PaymentChannel's: nothing could pay it. */
  | 'PAYOUT_NOT_A_CHANNEL'
  /** The channel pays someone other than this worker's payout address. */
  | 'PAYOUT_WRONG_PAYEE'
  /** The voucher is below (or at the sequence of) the one already kept for its channel. */
  | 'PAYOUT_VOUCHER_STALE'
  /** The chain API could not be read or written (the voucher or claim is retried later). */
  | 'PAYOUT_CHAIN_UNAVAILABLE'
  /** A claim was sent but the chain does not show it applied in time (it is retried later; none is doubled). */
  | 'PAYOUT_CLAIM_NOT_APPLIED';

export class WorkerError extends ChrysalisError<WorkerErrorCode> {}
