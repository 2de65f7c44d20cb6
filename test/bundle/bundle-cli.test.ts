import 'reflect-metadata';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/attest/bundle';
import { trustFileToJson } from '../../attestation/trust-file';
import { simulateBundle, pkis, registryFor, NOW } from '../../devnet/sim-bundle';
import { registryFileJson } from '../cli/helpers';

describe('chrysalis attest bundle', () => {
  let dir: string;
  let out: string[];
  let spyOut: jest.SpyInstance;
  let spyErr: jest.SpyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-bundle-cli-'));
    const b = await simulateBundle();
    writeFileSync(join(dir, 'bundle.bin'), b.encoded);
    writeFileSync(join(dir, 'bundle.hex'), Buffer.from(b.encoded).toString('hex'));
    writeFileSync(join(dir, 'registry.json'), registryFileJson(registryFor()));
    writeFileSync(join(dir, 'empty-registry.json'), registryFileJson({ imageIds: [], platformIds: [], modelIds: [] }));
    writeFileSync(join(dir, 'bare-allowlist.json'), JSON.stringify(registryFor()));
    const { intel, nvidia } = pkis();
    writeFileSync(
      join(dir, 'trust.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    out = [];
    spyOut = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    spyErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    spyOut.mockRestore();
    spyErr.mockRestore();
  });
  const at = NOW.toISOString();

  it('exits 0 with ok JSON for a verified bundle (binary and hex input)', async () => {
    for (const f of ['bundle.bin', 'bundle.hex']) {
      out = [];
      const code = await run([
        join(dir, f),
        '--registry-file',
        join(dir, 'registry.json'),
        '--trust',
        join(dir, 'trust.json'),
        '--at',
        at,
        '--json',
      ]);
      const j = JSON.parse(out.join(''));
      expect(code).toBe(0);
      expect(j.ok).toBe(true);
      expect(j.imageId).toBe(registryFor().imageIds[0]);
      expect(j.warning).toMatch(/SIMULATED/);
    }
  });

  it('exits 1 with violations when the registry does not list the worker', async () => {
    const code = await run([
      join(dir, 'bundle.bin'),
      '--registry-file',
      join(dir, 'empty-registry.json'),
      '--trust',
      join(dir, 'trust.json'),
      '--at',
      at,
      '--json',
    ]);
    const j = JSON.parse(out.join(''));
    expect(code).toBe(1);
    expect(j.code).toBe('BUNDLE_POLICY_REJECTED');
    expect(j.violations.map((v: { code: string }) => v.code)).toContain('POLICY_IMAGE_NOT_ALLOWED');
  });

  it('exits 1 without the devnet trust file (Intel root only)', async () => {
    const code = await run([
      join(dir, 'bundle.bin'),
      '--registry-file',
      join(dir, 'registry.json'),
      '--at',
      at,
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(out.join('')).code).toBe('BUNDLE_TDX_INVALID');
  });

  it('exits 2 on bad usage, 3 on unreadable input', async () => {
    const reg = ['--registry-file', join(dir, 'registry.json')];
    await expect(run([])).resolves.toBe(2);
    await expect(run([join(dir, 'bundle.bin')])).resolves.toBe(2); // no registry
    await expect(run([join(dir, 'bundle.bin'), ...reg, '--registry', 'x'])).resolves.toBe(2); // old flag
    await expect(run([join(dir, 'bundle.bin'), ...reg, '--at', 'yesterday'])).resolves.toBe(2);
    await expect(run([join(dir, 'missing.bin'), ...reg])).resolves.toBe(3);
  });

  it('refuses a registry file that is not what `contracts registry` prints (exit 3), instead of reading it as empty', async () => {
    const code = await run([join(dir, 'bundle.bin'), '--registry-file', join(dir, 'bare-allowlist.json'), '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(out.join('')).code).toBe('CLI_REGISTRY_FILE_INVALID');
    await expect(run([join(dir, 'bundle.bin'), '--registry-file', join(dir, 'missing.json')])).resolves.toBe(3);
  });
});
