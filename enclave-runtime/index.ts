/**
 * chrysalis/worker (`enclave-runtime/`) — the confidential worker as a library: `createWorker` and its config, keys,
 * the real evidence providers (configfs-tsm, NVIDIA), inference engines (onnx, openai-upstream), sealed request
 * handling and signed receipts. Simulated providers are in `chrysalis/devnet`. See README.md.
 */
export { WorkerError, type WorkerErrorCode } from './errors';
export {
  createWorker,
  configDigestOf,
  WORKER_VERSION,
  type HandleMeta,
  type HandleOutput,
  type ReattestReason,
  type Worker,
  type WorkerConfig,
  type WorkerPrices,
} from './worker';
export {
  connectBroker,
  LINK_PROTOCOL_VERSION,
  type AdmissionInfo,
  type BrokerLink,
  type BrokerLinkOptions,
  type LinkLogger,
  type LinkState,
  type LinkWorker,
} from './broker-link';
export {
  createRtmr3Extender,
  RTMR3_SYSFS_PATH,
  RtmrError,
  type Rtmr3Extender,
  type Rtmr3ExtenderOptions,
  type RtmrErrorCode,
} from './rtmr';
export { generateWorkerKeys, type WorkerKeySet, type WorkerPublicKeys } from './keys';
export {
  decodeResponseChunk,
  encodeResponseChunk,
  type ResponseChunk,
  type ResponseErrorChunk,
  type ResponseFinalChunk,
  type ResponseTextChunk,
} from '../proto/sealing';
export {
  parseChatRequest,
  MAX_STOP_SEQUENCES,
  detectChatFormat,
  renderChat,
  createRng,
  sampleToken,
  TextStream,
  createOnnxEngine,
  createOpenAiUpstreamEngine,
  isLoopbackUrl,
  sseData,
  assertWithinCap,
  completionTokenLimit,
  costOf,
  promptTokenBound,
} from './engines';
export type {
  ChatMessage,
  EngineEvent,
  FinishReason,
  GenerateRequest,
  InferenceEngine,
  Usage,
  ChatFormat,
  SamplingParams,
  OnnxEngineOptions,
  OpenAiUpstreamOptions,
  CostCap,
} from './engines';
export {
  CONFIGFS_TSM_REPORT_ROOT,
  createConfigfsTsmProvider,
  createNoGpuProvider,
  createNvidiaGpuProvider,
  parseNvidiaEvidenceJson,
  createTdxCollateralSource,
} from './evidence';
export type {
  GpuEvidenceProvider,
  RtmrExtender,
  TdxQuoteProvider,
  ConfigfsTsmOptions,
  TsmFs,
  NvidiaGpuOptions,
  TdxCollateralSource,
  TdxCollateralSourceOptions,
} from './evidence';
export {
  computeModelId,
  modelIdOfDir,
  modelIdOfFiles,
  engineConfigDigestOf,
  engineConfigDigestOfFile,
  MANIFEST_FILE,
  type ModelIdentity,
  type ModelManifest,
} from './model/model-id';
export { ensureTinyModel, buildTinyModel, DEFAULT_TINY_SEED, TINY_MODEL_NAME, type TinyModelInfo } from './tiny-model';
export {
  Payouts,
  PayoutStore,
  PAYOUTS_FILE,
  checkWorkerVoucher,
  claimVoucher,
  type BrokerPayouts,
  type ClaimOutcome,
  type KeptVoucher,
  type PayoutsOptions,
  type WorkerVoucherFrame,
} from './payouts';
