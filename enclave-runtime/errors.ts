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
  /** The upstream server answered with a redirect (3xx): never followed, the request leaves the loopback only as sent. */
  | 'ENGINE_UPSTREAM_REDIRECT'
  /** configfs-tsm is not present (no /sys/kernel/config/tsm/report): not a TDX guest, or the kernel lacks TSM reports. */
  | 'TSM_UNAVAILABLE'
  /** The TSM report generation changed while we wrote/read it (another writer raced us) and retries ran out. */
  | 'TSM_BUSY'
  /** The TSM provider returned something unusable (empty or short outblob, unexpected provider). */
  | 'TSM_REPORT_INVALID'
  /** The GPU evidence tool failed, is missing, or printed something we cannot parse. */
  | 'GPU_EVIDENCE_UNAVAILABLE'
  /** NVML (`libnvidia-ml.so.1`, or the koffi addon) cannot be loaded, or lacks a required entry point. */
  | 'GPU_NVML_LIBRARY_MISSING'
  /** `nvmlInit_v2` failed (driver not loaded, no permission, ...): details.nvmlReturn. */
  | 'GPU_NVML_INIT_FAILED'
  /** A system query (CC state or settings, device count) failed: details.call, details.nvmlReturn. */
  | 'GPU_NVML_QUERY_FAILED'
  /** The system is not in confidential-computing mode (CC feature off, or a simulated CC environment). */
  | 'GPU_NVML_CC_OFF'
  /** CC devtools mode is on: the GPU's memory is not protected from the host, so no evidence is produced. */
  | 'GPU_NVML_DEVTOOLS_ON'
  /** No GPU at the requested index, or its handle cannot be opened: details.nvmlReturn where NVML failed. */
  | 'GPU_NVML_DEVICE_NOT_FOUND'
  /** `nvmlDeviceGetConfComputeGpuAttestationReport` failed: details.nvmlReturn. */
  | 'GPU_NVML_REPORT_FAILED'
  /** `nvmlDeviceGetConfComputeGpuCertificate` failed: details.nvmlReturn. */
  | 'GPU_NVML_CERT_FAILED'
  /** NVML returned a report or chain of impossible size, not an SPDM GET_MEASUREMENTS exchange, or an unreadable chain. */
  | 'GPU_NVML_MALFORMED'
  /** The report NVML returned is over a nonce other than the one requested. */
  | 'GPU_NVML_NONCE_MISMATCH'
  /** The GPU report lacks the driver version or VBIOS project/SKU fields that name its RIMs. */
  | 'GPU_RIM_ID_UNKNOWN'
  /** NVIDIA's RIM service cannot be reached or answers with an error, and no cached RIM is still valid. */
  | 'GPU_RIM_UNREACHABLE'
  /** The RIM service has no RIM under the id derived from the report. */
  | 'GPU_RIM_NOT_FOUND'
  /** The RIM service's answer is not a RIM for the id asked (JSON shape, id, base64 or XML structure). */
  | 'GPU_RIM_INVALID'
  /** The driver RIM served is for another driver version than the report's. */
  | 'GPU_RIM_DRIVER_MISMATCH'
  /** The VBIOS RIM served is for another VBIOS version than the report's. */
  | 'GPU_RIM_VBIOS_MISMATCH'
  /** The RIM's signing certificate has expired (or is not yet valid). */
  | 'GPU_RIM_EXPIRED'
  /** NVIDIA's OCSP responder cannot be reached or answers with an error, and no cached response is still valid. */
  | 'GPU_OCSP_UNREACHABLE'
  /** The OCSP answer is not a successful response for the certificate asked, signed by its issuer or responder. */
  | 'GPU_OCSP_INVALID'
  /** OCSP says a certificate of the GPU's chain or of a RIM's signing chain is revoked (or on hold). */
  | 'GPU_OCSP_REVOKED'
  /** OCSP does not know a certificate of the GPU's chain or of a RIM's signing chain. */
  | 'GPU_OCSP_UNKNOWN'
  /** The OCSP response is not current (thisUpdate in the future, or past its nextUpdate, or none given). */
  | 'GPU_OCSP_STALE'
  /** Intel PCS / PCCS could not be reached or answered an error status, and no cached collateral is still valid. */
  | 'PCS_UNREACHABLE'
  /** Intel PCS answered something that is not DCAP collateral (bad body, missing issuer chain), and no valid cache. */
  | 'PCS_RESPONSE_INVALID'
  /** Intel PCS served collateral already past its nextUpdate, and no cached collateral is still valid. */
  | 'PCS_COLLATERAL_EXPIRED'
  /** Intel PCS served collateral issued after now (clock skew), and no cached collateral is still valid. */
  | 'PCS_COLLATERAL_NOT_YET_VALID'
  /** The quote carries no PCK certificate with an FMSPC and a known PCK CA: no collateral can be fetched for it. */
  | 'PCS_QUOTE_UNSUPPORTED'
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
