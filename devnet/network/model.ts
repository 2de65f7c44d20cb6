/** Step 1 of the devnet network: the model the workers serve. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, modelIdOfDir } from '../../enclave-runtime/model/model-id';
import { ensureTinyModel } from '../../enclave-runtime/tiny-model';
import type { DevnetModel, DevnetOptions } from './types';

/** The progress line of step 1. */
export function modelStepText(opts: DevnetOptions): string {
  return opts.engine === 'onnx'
    ? 'tiny ONNX TEST model (not a language model; made by a script from a seed)'
    : `upstream model ${opts.upstreamModel}`;
}

/**
 * Builds (or reuses) the tiny ONNX TEST model under `<data-dir>/model`. With an upstream engine the workers are given
 * `<data-dir>/upstream-model` as the directory the upstream serves: the devnet does not hold the upstream's weights,
 * so that directory holds only a manifest naming the upstream model. Either way the model id is `modelIdOfDir` of the
 * directory the workers are given, as each worker computes it.
 */
export async function prepareModel(opts: DevnetOptions): Promise<DevnetModel> {
  if (opts.engine === 'onnx') {
    const model = await ensureTinyModel(join(opts.dataDir, 'model'), { seed: opts.seed });
    return { dir: model.dir, name: model.name, id: model.modelId };
  }
  const dir = join(opts.dataDir, 'upstream-model');
  const name = opts.upstreamModel ?? 'upstream';
  await mkdir(dir, { recursive: true });
  const manifest = { name, revision: 'devnet-upstream', note: 'stands in for the model disk the upstream serves' };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
  return { dir, name, id: await modelIdOfDir(dir) };
}
