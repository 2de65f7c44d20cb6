/**
 * The model id (ARCHITECTURE "Identities"; docs/model-id.md): SHA-256 over a canonical manifest of the model
 * directory. Every regular file under the directory, recursively, is one line
 *   "<relative posix path>\t<size in bytes, decimal>\t<SHA-256 of its bytes, lowercase hex>\n"
 * the lines sorted by the UTF-8 bytes of the path, then one last line
 *   "engine-config\t<SHA-256 of the engine configuration, lowercase hex, or empty>\n".
 * Symlinks and other non-regular entries are refused; empty directories add nothing. The same function serves the
 * worker (both engines), `chrysalis model id DIR`, the devnet and the registry tooling, so the id a registry lists
 * is the id a worker reports for the same bytes. `chrysalis-model.json`, when present, is an ordinary file of the
 * directory (it counts); it only names the model (`name`, `revision`) for logs and the config digest.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { WorkerError } from '../errors';

export const MANIFEST_FILE = 'chrysalis-model.json';
const HEX32 = /^[0-9a-f]{64}$/;

export interface ModelManifest {
  readonly name: string;
  readonly revision: string;
  readonly files?: readonly string[];
  readonly testModel?: boolean;
  readonly generator?: { readonly version: number; readonly seed: string };
}

export interface ModelIdentity {
  readonly name: string;
  readonly revision: string;
  readonly modelId: Uint8Array;
  readonly modelIdHex: string;
}

/** One file of a model directory as it enters the manifest. */
export interface ModelFileEntry {
  /** Relative POSIX path (`/`-separated, no leading `./`). */
  readonly path: string;
  readonly size: number;
  /** SHA-256 of the file's bytes, lowercase hex. */
  readonly sha256: string;
}

const invalid = (msg: string, cause?: unknown): WorkerError =>
  new WorkerError('ENGINE_MODEL_INVALID', msg, cause === undefined ? undefined : { cause });

/** The engine configuration digest as lowercase hex ('' for none). ENGINE_MODEL_INVALID for anything else. */
function engineConfigHex(d: Uint8Array | string | undefined): string {
  if (d === undefined) return '';
  const hex = typeof d === 'string' ? d.toLowerCase() : Buffer.from(d).toString('hex');
  if (!HEX32.test(hex)) throw invalid('the engine configuration digest must be 32 bytes (64 hex)');
  return hex;
}

/** SHA-256 of an engine configuration file's bytes: the digest `modelIdOfDir` takes. */
export function engineConfigDigestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of the engine configuration file at `file`. ENGINE_MODEL_INVALID when it cannot be read. */
export async function engineConfigDigestOfFile(file: string): Promise<string> {
  try {
    return engineConfigDigestOf(await readFile(file));
  } catch (cause) {
    throw invalid(`cannot read the engine configuration ${file}`, cause);
  }
}

/** The canonical manifest text of the entries (any order) and the engine configuration digest. */
export function canonicalManifest(
  entries: readonly ModelFileEntry[],
  engineConfigDigest?: Uint8Array | string,
): string {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  let text = '';
  for (const e of sorted) text += `${e.path}\t${e.size}\t${e.sha256}\n`;
  return `${text}engine-config\t${engineConfigHex(engineConfigDigest)}\n`;
}

/** The model id of in-memory files (relative POSIX path -> bytes), lowercase hex. */
export function modelIdOfFiles(
  files: ReadonlyMap<string, Uint8Array>,
  engineConfigDigest?: Uint8Array | string,
): string {
  const entries = [...files].map(([path, bytes]) => {
    checkPath(path);
    return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return createHash('sha256').update(canonicalManifest(entries, engineConfigDigest), 'utf8').digest('hex');
}

/** A path the manifest can carry unambiguously. */
function checkPath(path: string): void {
  if (
    path.length === 0 ||
    /[\t\n\r\\\uFFFD]/.test(path) ||
    path.split('/').some((s) => s === '' || s === '.' || s === '..')
  )
    throw invalid(`model file name ${JSON.stringify(path)} cannot be carried in the manifest`);
}

async function sha256File(file: string): Promise<{ size: number; sha256: string }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    const b = chunk as Buffer;
    size += b.length;
    h.update(b);
  }
  return { size, sha256: h.digest('hex') };
}

/** Every regular file under `dir`, recursively. ENGINE_MODEL_INVALID for symlinks and other non-regular entries. */
export async function modelFilesOfDir(dir: string): Promise<ModelFileEntry[]> {
  const out: ModelFileEntry[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(abs);
    } catch (cause) {
      throw invalid(`cannot read the model directory ${abs}`, cause);
    }
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      checkPath(path);
      const st = await lstat(join(abs, name));
      if (st.isSymbolicLink()) throw invalid(`model directory entry ${path} is a symlink`);
      if (st.isDirectory()) await walk(join(abs, name), path);
      else if (st.isFile()) {
        try {
          out.push({ path, ...(await sha256File(join(abs, name))) });
        } catch (cause) {
          throw invalid(`cannot read model file ${path}`, cause);
        }
      } else throw invalid(`model directory entry ${path} is not a regular file`);
    }
  };
  const top = await lstat(dir).catch((cause: unknown) => {
    throw invalid(`no model directory at ${dir}`, cause);
  });
  if (!top.isDirectory()) throw invalid(`${dir} is not a directory`);
  await walk(dir, '');
  return out;
}

/**
 * The model id of a directory, lowercase hex (module comment). Reads every file, never loads the model.
 * @throws WorkerError ENGINE_MODEL_INVALID
 */
export async function modelIdOfDir(dir: string, engineConfigDigest?: Uint8Array | string): Promise<string> {
  const ec = engineConfigHex(engineConfigDigest);
  const manifest = canonicalManifest(await modelFilesOfDir(dir), ec === '' ? undefined : ec);
  return createHash('sha256').update(manifest, 'utf8').digest('hex');
}

/** `chrysalis-model.json` when present (undefined when absent). ENGINE_MODEL_INVALID when malformed. */
export async function readManifest(dir: string): Promise<ModelManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as ModelManifest;
    if (typeof m.name !== 'string' || typeof m.revision !== 'string') throw new Error('fields');
    if (m.files !== undefined && (!Array.isArray(m.files) || m.files.some((f) => typeof f !== 'string')))
      throw new Error('files');
    return m;
  } catch (cause) {
    throw invalid(`${MANIFEST_FILE} is not a valid model manifest`, cause);
  }
}

/**
 * The identity of a model directory: its model id (`modelIdOfDir`) and its name and revision (from the manifest;
 * without one, the directory name and "local"). With `expected` (64 hex), a different id is refused.
 * @throws WorkerError ENGINE_MODEL_INVALID | ENGINE_MODEL_DIGEST_MISMATCH
 */
export async function computeModelId(
  dir: string,
  opts: { readonly engineConfigDigest?: Uint8Array | string; readonly expected?: string } = {},
): Promise<ModelIdentity> {
  const manifest = await readManifest(dir);
  const modelIdHex = await modelIdOfDir(dir, opts.engineConfigDigest);
  if (opts.expected !== undefined && opts.expected.toLowerCase() !== modelIdHex) {
    throw new WorkerError('ENGINE_MODEL_DIGEST_MISMATCH', 'the model directory does not have the expected model id', {
      details: { expected: opts.expected.toLowerCase(), actual: modelIdHex },
    });
  }
  return {
    name: manifest?.name ?? basename(dir),
    revision: manifest?.revision ?? 'local',
    modelId: new Uint8Array(Buffer.from(modelIdHex, 'hex')),
    modelIdHex,
  };
}
