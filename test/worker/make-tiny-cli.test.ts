import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/model';
import { modelIdOfDir } from '../../enclave-runtime/model/model-id';

describe('chrysalis model make-tiny', () => {
  let out = '';
  let spy: jest.SpyInstance;
  beforeEach(() => {
    out = '';
    spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  test('builds, prints TEST MODEL and the model id, then reuses', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mt-cli-')), 'm');
    expect(await run(['--out', dir, '--seed', 'cli'])).toBe(0);
    expect(out).toMatch(/TEST MODEL/);
    const id = /model id ([0-9a-f]{64})/.exec(out)?.[1];
    expect(JSON.parse(readFileSync(join(dir, 'chrysalis-model.json'), 'utf8')).name).toBe('chrysalis-tiny-test');
    // the printed id is the directory's model id (the manifest, a file of the directory, cannot hold it)
    expect(id).toBe(await modelIdOfDir(dir));
    out = '';
    expect(await run(['--out', dir, '--seed', 'cli'])).toBe(0);
    expect(out).toMatch(/reused/);
    void spy;
  });

  test('bad flags exit 2', async () => {
    expect(await run(['--nope'])).toBe(2);
  });
});
