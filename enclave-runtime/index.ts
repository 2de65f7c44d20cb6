/**
 * chrysalis/enclave-runtime — the confidential worker: keys, evidence providers (real + simulated), inference
 * engines (onnx, openai-upstream), sealed request handling and signed receipts. See README.md.
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
} from './worker';
export { generateWorkerKeys, type WorkerKeySet, type WorkerPublicKeys } from './keys';
export {
  decodeResponseChunk,
  encodeResponseChunk,
  type ResponseChunk,
  type ResponseErrorChunk,
  type ResponseFinalChunk,
  type ResponseTextChunk,
} from '../proto/sealing';
export * from './engines';
export * from './evidence';
export {
  computeModelId,
  modelIdOf,
  weightsDigestOf,
  MANIFEST_FILE,
  type ModelIdentity,
  type ModelManifest,
} from './model/model-id';
export { ensureTinyModel, buildTinyModel, DEFAULT_TINY_SEED, TINY_MODEL_NAME, type TinyModelInfo } from './tiny-model';
