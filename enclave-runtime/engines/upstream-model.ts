/**
 * The upstream engine (vLLM, sglang) on a measured model directory: the model id is computed from the directory the
 * upstream loads its weights from (`modelIdOfDir`: in the image, the model disk mounted read-only), never taken from
 * a flag. An `expectedModelId` only pins: a directory with another id is refused.
 */
import { computeModelId } from '../model/model-id';
import { createOpenAiUpstreamEngine, type OpenAiUpstreamOptions } from './openai-upstream';
import type { InferenceEngine } from './types';

export interface UpstreamModelDirOptions extends Omit<OpenAiUpstreamOptions, 'modelId'> {
  /** The directory the upstream serves (its weights, tokenizer and config). */
  readonly modelDir: string;
  /** SHA-256 (64 hex) of the engine configuration that changes outputs (`engineConfigDigestOfFile`). */
  readonly engineConfigDigest?: string;
  /** The model id (64 hex) the directory must have. */
  readonly expectedModelId?: string;
}

/**
 * Hash the model directory, then create the upstream engine with that id.
 * @throws WorkerError ENGINE_MODEL_INVALID | ENGINE_MODEL_DIGEST_MISMATCH | WORKER_CONFIG_INVALID
 */
export async function createUpstreamEngineForDir(o: UpstreamModelDirOptions): Promise<InferenceEngine> {
  const { modelDir, engineConfigDigest, expectedModelId, ...rest } = o;
  const id = await computeModelId(modelDir, {
    ...(engineConfigDigest !== undefined ? { engineConfigDigest } : {}),
    ...(expectedModelId !== undefined ? { expected: expectedModelId } : {}),
  });
  return createOpenAiUpstreamEngine({ ...rest, modelId: id.modelId });
}
