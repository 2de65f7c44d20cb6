/**
 * Writes the tiny TEST model into a directory (the devnet builds it at start into its data dir; no binary is
 * committed). Idempotent: an existing directory whose model id (`modelIdOfDir`) is the id of the files the same
 * generator version and seed produce is reused; anything else is rewritten.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MANIFEST_FILE, modelIdOfDir, modelIdOfFiles, type ModelManifest } from '../model/model-id';
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
  const { files } = buildTinyModel(seed);
  const manifest: ModelManifest & { note: string } = {
    name: TINY_MODEL_NAME,
    revision,
    files: Object.keys(files).sort(),
    testModel: true,
    generator: { version: TINY_GENERATOR_VERSION, seed },
    note: 'TEST MODEL: a one-layer bigram-like transformer fitted to a few paragraphs of Alice in Wonderland. Not a language model.',
  };
  const map = new Map<string, Uint8Array>(Object.entries(files));
  map.set(MANIFEST_FILE, new Uint8Array(Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`)));
  const expected = modelIdOfFiles(map);
  if (!opts.force) {
    const found = await modelIdOfDir(dir).catch(() => undefined);
    if (found === expected) return { dir, modelId: found, name: TINY_MODEL_NAME, revision, built: false };
  }
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of map) {
    // staged beside the directory, so a crash never leaves a stray file inside it (every file counts in the id)
    const tmp = join(dirname(dir), `.${basename(dir)}.${name}.${process.pid}.tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, join(dir, name));
  }
  // the id of what is on disk: equal to `expected` unless the directory holds other files as well
  const modelId = await modelIdOfDir(dir);
  return { dir, modelId, name: TINY_MODEL_NAME, revision, built: true };
}
