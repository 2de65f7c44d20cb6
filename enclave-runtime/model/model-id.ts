/**
 * Model id (ARCHITECTURE "Identities"):
 *   weights-digest = SHA-256 over the model files, sorted by file name (byte order of the UTF-8 name), each as
 *                    UTF-8(name) || 0x00 || SHA-256(file bytes)
 *   model id       = SHA-256(UTF-8("<name>@<revision>:<hex weights-digest>"))
 * `name`, `revision` and the file list come from `chrysalis-model.json` in the model directory (the manifest itself
 * is not part of the digest); without a manifest, name = directory basename, revision = "local", files = every
 * regular file directly in the directory. In production the digest is the dm-verity root hash of the model volume.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { WorkerError } from '../errors';

export const MANIFEST_FILE = 'chrysalis-model.json';

export interface ModelManifest {
  readonly name: string;
  readonly revision: string;
  readonly files: readonly string[];
  readonly testModel?: boolean;
  readonly modelId?: string;
  readonly generator?: { readonly version: number; readonly seed: string };
}

export interface ModelIdentity {
  readonly name: string;
  readonly revision: string;
  readonly weightsDigest: Uint8Array;
  readonly modelId: Uint8Array;
  readonly modelIdHex: string;
}

export function modelIdOf(name: string, revision: string, weightsDigest: Uint8Array): Uint8Array {
  const s = `${name}@${revision}:${Buffer.from(weightsDigest).toString('hex')}`;
  return new Uint8Array(createHash('sha256').update(s, 'utf8').digest());
}

/** weights-digest over in-memory files (name -> bytes). */
export function weightsDigestOf(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const names = [...files.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const h = createHash('sha256');
  for (const n of names) {
    h.update(Buffer.from(n, 'utf8')).update(Buffer.from([0]));
    h.update(createHash('sha256').update(files.get(n)!).digest());
  }
  return new Uint8Array(h.digest());
}

export async function readManifest(dir: string): Promise<ModelManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as ModelManifest;
    if (typeof m.name !== 'string' || typeof m.revision !== 'string' || !Array.isArray(m.files))
      throw new Error('fields');
    for (const f of m.files)
      if (typeof f !== 'string' || f.includes('/') || f.includes('\\') || f === MANIFEST_FILE) throw new Error('file');
    return m;
  } catch (cause) {
    throw new WorkerError('ENGINE_MODEL_INVALID', `${MANIFEST_FILE} is not a valid model manifest`, { cause });
  }
}

/** Compute the model id of a model directory (reads every listed file). Throws ENGINE_MODEL_INVALID, ENGINE_MODEL_DIGEST_MISMATCH. */
export async function computeModelId(dir: string): Promise<ModelIdentity> {
  const manifest = await readManifest(dir);
  let names: string[];
  if (manifest) names = [...manifest.files];
  else {
    names = [];
    for (const n of await readdir(dir)) if (n !== MANIFEST_FILE && (await stat(join(dir, n))).isFile()) names.push(n);
  }
  const files = new Map<string, Uint8Array>();
  for (const n of names) {
    try {
      files.set(n, await readFile(join(dir, n)));
    } catch (cause) {
      throw new WorkerError('ENGINE_MODEL_INVALID', `model file ${n} is missing`, { cause });
    }
  }
  const name = manifest?.name ?? basename(dir);
  const revision = manifest?.revision ?? 'local';
  const weightsDigest = weightsDigestOf(files);
  const modelId = modelIdOf(name, revision, weightsDigest);
  const modelIdHex = Buffer.from(modelId).toString('hex');
  if (manifest?.modelId !== undefined && manifest.modelId !== modelIdHex) {
    throw new WorkerError('ENGINE_MODEL_DIGEST_MISMATCH', 'model files do not match the manifest model id', {
      details: { expected: manifest.modelId, actual: modelIdHex },
    });
  }
  return { name, revision, weightsDigest, modelId, modelIdHex };
}
