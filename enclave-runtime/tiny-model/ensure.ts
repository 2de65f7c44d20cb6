/**
 * Writes the tiny TEST model into a directory (the devnet builds it at start into its data dir; no binary is
 * committed). Idempotent: an existing directory built by the same generator version and seed, whose files still
 * hash to its manifest's model id, is reused.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  computeModelId,
  modelIdOf,
  readManifest,
  weightsDigestOf,
  type ModelManifest,
} from '../model/model-id';
import { TINY_GENERATOR_VERSION, TINY_MODEL_NAME, buildTinyModel } from './build';

export const DEFAULT_TINY_SEED = 'chrysalis-devnet';

export interface TinyModelInfo {
  readonly dir: string;
  /** Hex SHA-256 model id (see enclave-runtime/model/model-id.ts). */
  readonly modelId: string;
  readonly name: string;
  readonly revision: string;
  readonly built: boolean;
}

export function tinyRevision(seed: string): string {
  return `gen${TINY_GENERATOR_VERSION}+seed.${seed}`;
}

/** Build (or reuse) the tiny TEST model in `dir`. */
export async function ensureTinyModel(
  dir: string,
  opts: { readonly seed?: string; readonly force?: boolean } = {},
): Promise<TinyModelInfo> {
  const seed = opts.seed ?? DEFAULT_TINY_SEED;
  const revision = tinyRevision(seed);
  if (!opts.force) {
    try {
      const m = await readManifest(dir);
      if (m?.generator?.version === TINY_GENERATOR_VERSION && m.generator.seed === seed && m.modelId) {
        const id = await computeModelId(dir);
        return { dir, modelId: id.modelIdHex, name: id.name, revision: id.revision, built: false };
      }
    } catch {
      // stale or damaged: rebuild below
    }
  }
  const { files } = buildTinyModel(seed);
  const map = new Map<string, Uint8Array>(Object.entries(files));
  const modelId = Buffer.from(modelIdOf(TINY_MODEL_NAME, revision, weightsDigestOf(map))).toString('hex');
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of map) {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, join(dir, name));
  }
  const manifest: ModelManifest & { note: string } = {
    name: TINY_MODEL_NAME,
    revision,
    files: [...map.keys()].sort(),
    testModel: true,
    modelId,
    generator: { version: TINY_GENERATOR_VERSION, seed },
    note: 'TEST MODEL: a one-layer bigram-like transformer fitted to a few paragraphs of Alice in Wonderland. Not a language model.',
  };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
  return { dir, modelId, name: TINY_MODEL_NAME, revision, built: true };
}
