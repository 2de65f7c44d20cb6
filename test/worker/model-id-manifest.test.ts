/** Model identity of a directory: the manifest names the model, counts as a file, and is checked; the pin. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeModelId, MANIFEST_FILE, modelIdOfDir, readManifest } from '../../enclave-runtime/model/model-id';

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

describe('model identity of a directory', () => {
  test('without a manifest: the directory name, revision "local", and the id of every file', async () => {
    const dir = modelDir(FILES);
    const id = await computeModelId(dir);
    expect(id.name).toBe('my-model');
    expect(id.revision).toBe('local');
    expect(id.modelIdHex).toBe(await modelIdOfDir(dir));
    expect(Buffer.from(id.modelId).toString('hex')).toBe(id.modelIdHex);
    expect(await readManifest(dir)).toBeUndefined();
  });

  test('with a manifest: its name and revision; the manifest is a file of the directory like any other', async () => {
    const plain = await modelIdOfDir(modelDir(FILES));
    const dir = modelDir(FILES, { name: 'named', revision: 'r7', files: ['a.bin'] });
    const id = await computeModelId(dir);
    expect([id.name, id.revision]).toEqual(['named', 'r7']);
    expect(id.modelIdHex).not.toBe(plain);
    // a `files` list does not narrow what counts: b.json changes the id though it is not listed
    writeFileSync(join(dir, 'b.json'), '{"x":2}');
    expect((await computeModelId(dir)).modelIdHex).not.toBe(id.modelIdHex);
  });

  test('a pinned id: equal passes, another is ENGINE_MODEL_DIGEST_MISMATCH', async () => {
    const dir = modelDir(FILES);
    const id = await modelIdOfDir(dir);
    expect((await computeModelId(dir, { expected: id.toUpperCase() })).modelIdHex).toBe(id);
    expect(await codeOf(computeModelId(dir, { expected: '00'.repeat(32) }))).toBe('ENGINE_MODEL_DIGEST_MISMATCH');
  });

  test.each<[string, unknown]>([
    ['not JSON', '{"name": '],
    ['JSON null', 'null'],
    ['name missing', { revision: 'r' }],
    ['revision not a string', { name: 'n', revision: 3 }],
    ['files not an array', { name: 'n', revision: 'r', files: 'a.bin' }],
    ['a file that is not a string', { name: 'n', revision: 'r', files: [1] }],
  ])('an invalid manifest (%s): ENGINE_MODEL_INVALID', async (_name, manifest) => {
    const dir = modelDir(FILES, manifest);
    expect(await codeOf(readManifest(dir))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(computeModelId(dir))).toBe('ENGINE_MODEL_INVALID');
  });
});
