/** Model identity of a directory: manifest validation, the no-manifest fallback, missing files, digest mismatch. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeModelId,
  MANIFEST_FILE,
  modelIdOf,
  readManifest,
  weightsDigestOf,
} from '../../enclave-runtime/model/model-id';

const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

function modelDir(files: Record<string, string>, manifest?: unknown): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'chrysalis-model-id-')), 'my-model');
  mkdirSync(dir);
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  if (manifest !== undefined)
    writeFileSync(join(dir, MANIFEST_FILE), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return dir;
}

const FILES = { 'a.bin': 'alpha', 'b.json': '{"x":1}' };
const expectedDigest = (files: Record<string, string>): Uint8Array =>
  weightsDigestOf(new Map(Object.entries(files).map(([n, t]) => [n, new Uint8Array(Buffer.from(t))])));

describe('model id of a directory', () => {
  test('without a manifest: every regular file, the directory name, revision "local"; subdirectories ignored', async () => {
    const dir = modelDir(FILES);
    mkdirSync(join(dir, 'subdir'));
    const id = await computeModelId(dir);
    expect(id.name).toBe('my-model');
    expect(id.revision).toBe('local');
    expect(Buffer.from(id.weightsDigest).equals(Buffer.from(expectedDigest(FILES)))).toBe(true);
    expect(id.modelIdHex).toBe(Buffer.from(modelIdOf('my-model', 'local', id.weightsDigest)).toString('hex'));
    expect(await readManifest(dir)).toBeUndefined();
  });

  test('with a manifest: only the listed files count, under its name and revision; a matching model id passes', async () => {
    const listed = { 'a.bin': 'alpha' };
    const digest = expectedDigest(listed);
    const modelId = Buffer.from(modelIdOf('named', 'r7', digest)).toString('hex');
    const dir = modelDir(FILES, { name: 'named', revision: 'r7', files: ['a.bin'], modelId });
    const id = await computeModelId(dir);
    expect([id.name, id.revision, id.modelIdHex]).toEqual(['named', 'r7', modelId]);
  });

  test('a manifest model id that the files do not match: ENGINE_MODEL_DIGEST_MISMATCH', async () => {
    const dir = modelDir(FILES, { name: 'n', revision: 'r', files: ['a.bin'], modelId: '00'.repeat(32) });
    expect(await codeOf(computeModelId(dir))).toBe('ENGINE_MODEL_DIGEST_MISMATCH');
  });

  test('a listed file that is missing: ENGINE_MODEL_INVALID', async () => {
    const dir = modelDir(FILES, { name: 'n', revision: 'r', files: ['a.bin', 'gone.bin'] });
    expect(await codeOf(computeModelId(dir))).toBe('ENGINE_MODEL_INVALID');
  });

  test.each<[string, unknown]>([
    ['not JSON', '{"name": '],
    ['JSON null', 'null'],
    ['name missing', { revision: 'r', files: [] }],
    ['revision not a string', { name: 'n', revision: 3, files: [] }],
    ['files not an array', { name: 'n', revision: 'r', files: 'a.bin' }],
    ['a file that is not a string', { name: 'n', revision: 'r', files: [1] }],
    ['a file in a subdirectory', { name: 'n', revision: 'r', files: ['sub/a.bin'] }],
    ['a file with a backslash', { name: 'n', revision: 'r', files: ['sub\\a.bin'] }],
    ['the manifest listing itself', { name: 'n', revision: 'r', files: [MANIFEST_FILE] }],
  ])('an invalid manifest (%s): ENGINE_MODEL_INVALID', async (_name, manifest) => {
    const dir = modelDir(FILES, manifest);
    expect(await codeOf(readManifest(dir))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(computeModelId(dir))).toBe('ENGINE_MODEL_INVALID');
  });
});
