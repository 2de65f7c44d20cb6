/**
 * The model id's published test vector (docs/model-id.md), and that the id changes when any file of the directory
 * changes: content, a name, a new nested file, the engine configuration. Symlinks and names the manifest cannot carry
 * are refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  canonicalManifest,
  engineConfigDigestOf,
  engineConfigDigestOfFile,
  modelFilesOfDir,
  modelIdOfDir,
  modelIdOfFiles,
} from '../../enclave-runtime/model/model-id';
import {
  VECTOR_ENGINE_CONFIG,
  VECTOR_ENGINE_CONFIG_DIGEST,
  VECTOR_FILES,
  VECTOR_ID,
  VECTOR_ID_WITH_ENGINE_CONFIG,
  VECTOR_MANIFEST,
  writeVector,
} from './model-id-fixture';
import { createUpstreamEngineForDir } from '../../enclave-runtime/engines/upstream-model';

const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

describe('model id: the published test vector', () => {
  test('the directory, its manifest and its id, with and without an engine configuration', async () => {
    const dir = writeVector();
    expect(canonicalManifest(await modelFilesOfDir(dir))).toBe(VECTOR_MANIFEST);
    expect(createHash('sha256').update(VECTOR_MANIFEST).digest('hex')).toBe(VECTOR_ID);
    expect(await modelIdOfDir(dir)).toBe(VECTOR_ID);
    expect(modelIdOfFiles(new Map(Object.entries(VECTOR_FILES)))).toBe(VECTOR_ID);
    const ec = join(dirname(dir), 'engine.json');
    writeFileSync(ec, VECTOR_ENGINE_CONFIG);
    expect(await engineConfigDigestOfFile(ec)).toBe(VECTOR_ENGINE_CONFIG_DIGEST);
    expect(engineConfigDigestOf(Buffer.from(VECTOR_ENGINE_CONFIG))).toBe(VECTOR_ENGINE_CONFIG_DIGEST);
    expect(await modelIdOfDir(dir, VECTOR_ENGINE_CONFIG_DIGEST)).toBe(VECTOR_ID_WITH_ENGINE_CONFIG);
    expect(await modelIdOfDir(dir, Buffer.from(VECTOR_ENGINE_CONFIG_DIGEST, 'hex'))).toBe(VECTOR_ID_WITH_ENGINE_CONFIG);
  });

  test('docs/model-id.md states the same vector', () => {
    const doc = readFileSync(join(__dirname, '../../docs/model-id.md'), 'utf8');
    for (const v of [VECTOR_ID, VECTOR_ID_WITH_ENGINE_CONFIG, VECTOR_ENGINE_CONFIG_DIGEST]) expect(doc).toContain(v);
    for (const line of VECTOR_MANIFEST.split('\n').filter((l) => l.length > 0)) expect(doc).toContain(line);
  });
});

describe('model id: any change to the directory changes it', () => {
  const mutations: [string, (dir: string) => void][] = [
    [
      'one byte of a file',
      (d) =>
        writeFileSync(
          join(d, 'weights/part-0.bin'),
          Uint8Array.from({ length: 256 }, (_, i) => (i === 7 ? 0 : i)),
        ),
    ],
    ['a file grown by a byte', (d) => writeFileSync(join(d, 'config.json'), '{"vocab_size":4}\n\n')],
    ['a renamed file', (d) => renameSync(join(d, 'tokenizer.json'), join(d, 'tokenizer2.json'))],
    ['a file moved into a subdirectory', (d) => renameSync(join(d, 'config.json'), join(d, 'weights/config.json'))],
    [
      'a new nested file',
      (d) => {
        mkdirSync(join(d, 'extra/deeper'), { recursive: true });
        writeFileSync(join(d, 'extra/deeper/x.bin'), '');
      },
    ],
    ['a removed file', (d) => rmSync(join(d, 'weights/b/a.txt'))],
  ];
  test.each(mutations)('%s', async (_what, mutate) => {
    const dir = writeVector();
    mutate(dir);
    const id = await modelIdOfDir(dir);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toBe(VECTOR_ID);
  });

  test('another engine configuration changes it; an empty directory adds nothing', async () => {
    const dir = writeVector();
    expect(await modelIdOfDir(dir, 'ab'.repeat(32))).not.toBe(VECTOR_ID);
    mkdirSync(join(dir, 'empty'));
    expect(await modelIdOfDir(dir)).toBe(VECTOR_ID);
  });
});

describe('model id: what is refused (ENGINE_MODEL_INVALID)', () => {
  test('a symlink, to a file or to a directory', async () => {
    const a = writeVector();
    symlinkSync(join(a, 'config.json'), join(a, 'link.json'));
    expect(await codeOf(modelIdOfDir(a))).toBe('ENGINE_MODEL_INVALID');
    const b = writeVector();
    symlinkSync(join(b, 'weights'), join(b, 'w2'));
    expect(await codeOf(modelIdOfDir(b))).toBe('ENGINE_MODEL_INVALID');
  });

  test('a name with a tab or a newline, which the manifest could not carry', async () => {
    for (const name of ['a\tb', 'a\nb']) {
      const dir = writeVector();
      writeFileSync(join(dir, name), 'x');
      expect(await codeOf(modelIdOfDir(dir))).toBe('ENGINE_MODEL_INVALID');
    }
    expect(() => modelIdOfFiles(new Map([['../x', new Uint8Array(0)]]))).toThrow('cannot be carried');
    expect(() => modelIdOfFiles(new Map([['', new Uint8Array(0)]]))).toThrow('cannot be carried');
  });

  test('a FIFO (not a regular file)', async () => {
    const dir = writeVector();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(await codeOf(modelIdOfDir(dir))).toBe('ENGINE_MODEL_INVALID');
  });

  test('no directory, a file instead of one, a bad engine configuration digest or file', async () => {
    const dir = writeVector();
    expect(await codeOf(modelIdOfDir(join(dir, 'missing')))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(modelIdOfDir(join(dir, 'config.json')))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(modelIdOfDir(dir, 'abcd'))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(modelIdOfDir(dir, new Uint8Array(31)))).toBe('ENGINE_MODEL_INVALID');
    expect(await codeOf(engineConfigDigestOfFile(join(dir, 'nope.json')))).toBe('ENGINE_MODEL_INVALID');
  });
});

describe('the upstream engine on a model directory', () => {
  test('its model id is the directory id with the engine configuration; a pin that differs is refused', async () => {
    const dir = writeVector();
    const base = { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', modelDir: dir };
    const e = await createUpstreamEngineForDir({ ...base, engineConfigDigest: VECTOR_ENGINE_CONFIG_DIGEST });
    expect(Buffer.from(e.modelId).toString('hex')).toBe(VECTOR_ID_WITH_ENGINE_CONFIG);
    expect(Buffer.from((await createUpstreamEngineForDir(base)).modelId).toString('hex')).toBe(VECTOR_ID);
    expect(await codeOf(createUpstreamEngineForDir({ ...base, expectedModelId: VECTOR_ID_WITH_ENGINE_CONFIG }))).toBe(
      'ENGINE_MODEL_DIGEST_MISMATCH',
    );
  });
});
