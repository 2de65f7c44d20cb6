/** Step 1 of the devnet network: the model the workers serve. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ensureTinyModel } from '../../enclave-runtime/tiny-model';
import type { DevnetModel, DevnetOptions } from './types';

/** The progress line of step 1. */
export function modelStepText(opts: DevnetOptions): string {
  return opts.engine === 'onnx'
    ? 'tiny ONNX TEST model (not a language model; made by a script from a seed)'
    : `upstream model ${opts.upstreamModel}`;
}

/**
 * Builds (or reuses) the tiny ONNX TEST model under `<data-dir>/model`. With an upstream engine the model id is
 * derived from the upstream model name and URL instead.
 */
export async function prepareModel(opts: DevnetOptions): Promise<DevnetModel> {
  const model = await ensureTinyModel(join(opts.dataDir, 'model'), { seed: opts.seed });
  const id =
    opts.engine === 'onnx'
      ? model.modelId
      : createHash('sha256').update(`${opts.upstreamModel}@upstream:${opts.upstreamUrl}`).digest('hex');
  return { dir: model.dir, name: model.name, id };
}
