/**
 * `chrysalis attest gpu` driven in-process on SIMULATED devnet GPU evidence: RIM lookup by id and by version,
 * binary and hex reports, PEM and DER chains, OCSP directories, policy files and flags, human and `--json` output,
 * every exit code. No vectors needed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gpuCertChainToPem } from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence, simulateGpuOcspResponses } from '../../devnet';
import { run } from '../../cli/attest/gpu';
import { capture } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const NONCE = new Uint8Array(32).fill(0x5a);
const NONCE_HEX = Buffer.from(NONCE).toString('hex');

interface GpuJson {
  ok: boolean;
  code?: string;
  simulated?: boolean;
  violations: { code: string; field: string }[];
  warnings: string[];
  driverVersion: string | null;
  vbiosVersion: string | null;
  model: string | null;
  rimFiles: Record<string, string>;
  rimIds: { driver?: string; vbios?: string };
  measurementsMatched: boolean | null;
  measurementsCompared: number | null;
  ocsp: string | null;
}

describe('chrysalis attest gpu on SIMULATED devnet evidence', () => {
  let dir: string;
  const f = (...n: string[]): string => join(dir, ...n);
  const pki = createDevnetNvidiaPki({ seed: 'cli-gpu-devnet' });
  const ev = simulateGpuEvidence(pki, { nonce: NONCE });
  const old = simulateGpuEvidence(pki, { nonce: NONCE, driverVersion: '535.104.05' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-gpu-'));
    writeFileSync(f('report.hex'), `0x${Buffer.from(ev.report).toString('hex')}\n`);
    writeFileSync(f('report.bin'), ev.report);
    writeFileSync(f('truncated.bin'), ev.report.subarray(0, 40));
    writeFileSync(f('chain.pem'), gpuCertChainToPem(ev.certChain));
    writeFileSync(f('leaf.der'), ev.certChain[0]!);
    writeFileSync(f('bad.pem'), '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n');
    writeFileSync(f('device-root.pem'), gpuCertChainToPem([pki.deviceRootDer]));
    writeFileSync(f('rim-root.pem'), gpuCertChainToPem([pki.rimRootDer]));
    writeFileSync(f('not-a-dir'), 'x');
    // RIMs under names that are not their ids: found by the version they carry; noise files are skipped.
    mkdirSync(f('rims-by-version'));
    writeFileSync(f('rims-by-version', 'a-driver.xml'), ev.rims!.driver!);
    writeFileSync(f('rims-by-version', 'b-vbios.swidtag'), ev.rims!.vbios!);
    writeFileSync(f('rims-by-version', 'broken.xml'), '<not a rim');
    writeFileSync(f('rims-by-version', 'README.txt'), 'not a RIM');
    // Only a RIM of another driver version: nothing to compare the measurements against.
    mkdirSync(f('rims-other'));
    writeFileSync(f('rims-other', 'driver.xml'), old.rims!.driver!);
    mkdirSync(f('ocsp'));
    simulateGpuOcspResponses(pki, { now: NOW }).forEach((r, i) => writeFileSync(f('ocsp', `${i}.ocsp`), r));
    writeFileSync(f('ocsp', 'notes.txt'), 'ignored');
    writeFileSync(f('policy-min.json'), JSON.stringify({ minDriverVersion: '560.0.0' }));
    writeFileSync(f('policy-array.json'), '[]');
    writeFileSync(f('policy-bad.json'), '{');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const gpu = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string; j: GpuJson }> => {
    const r = await capture(() => run(args));
    const j = (args.includes('--json') && r.stdout.trim() ? JSON.parse(r.stdout) : {}) as GpuJson;
    return { ...r, j };
  };
  const roots = (): string[] => ['--device-root', f('device-root.pem'), '--rim-root', f('rim-root.pem')];
  const base = (report = 'report.hex', certs = 'chain.pem'): string[] => [
    '--report',
    f(report),
    '--certs',
    f(certs),
    '--nonce',
    NONCE_HEX,
    '--at',
    NOW.toISOString(),
    ...roots(),
  ];

  it('finds RIMs by version when no file is named for the RIM id; binary report; OCSP from *.ocsp files', async () => {
    const r = await gpu([...base('report.bin'), '--rims', f('rims-by-version'), '--ocsp', f('ocsp'), '--json']);
    expect(r.code).toBe(0);
    expect(r.j.ok).toBe(true);
    expect(r.j.rimFiles).toEqual({ driver: 'a-driver.xml', vbios: 'b-vbios.swidtag' });
    expect(r.j.measurementsMatched).toBe(true);
    expect(r.j.measurementsCompared).toBeGreaterThan(0);
    expect(r.j.ocsp).toBe('good');
    expect(r.j.simulated).toBe(true);
    expect(r.j.driverVersion).toBe('550.90.07');
  });

  it('human output: OK with the SIMULATED marker, device, RIM files, measurements and OCSP', async () => {
    const r = await gpu([...base(), '--rims', f('rims-by-version'), '--no-ocsp', '--nonce', `0x${NONCE_HEX}`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('OK [SIMULATED devnet roots]');
    expect(r.stdout).toMatch(/^gpu: {10}GH100 /m);
    expect(r.stdout).toContain('driver:       550.90.07   vbios: 96.00.9F.00.01');
    expect(r.stdout).toContain('rims:         driver a-driver.xml, vbios b-vbios.swidtag');
    expect(r.stdout).toMatch(/measurements: matched \(\d+\)/);
    expect(r.stdout).toContain('warning:      GPU_OCSP_MISSING');
  });

  it('without RIMs the measurements are not compared: a policy rejection, or accepted with --skip-measurements', async () => {
    const rej = await gpu([...base(), '--no-ocsp']);
    expect(rej.code).toBe(1);
    expect(rej.stdout.split('\n')[0]).toBe('REJECTED (GPU_POLICY_REJECTED) [SIMULATED devnet roots]');
    expect(rej.stdout).toContain('measurements: not compared');
    expect(rej.stdout).toMatch(/^violation: {4}GPU_POLICY_/m);
    const skip = await gpu([...base(), '--no-ocsp', '--skip-measurements', '--json']);
    expect(skip.code).toBe(0);
    expect(skip.j.warnings).toEqual(expect.arrayContaining(['GPU_OCSP_MISSING', 'GPU_MEASUREMENTS_NOT_REQUIRED']));
    expect(skip.j.measurementsMatched).toBeNull();
  });

  it('RIMs of another version are not picked: the rims line names the ids from the report', async () => {
    const r = await gpu([...base(), '--rims', f('rims-other'), '--no-ocsp']);
    expect(r.code).toBe(1);
    const ids = (await gpu([...base(), '--rims', f('rims-other'), '--no-ocsp', '--json'])).j;
    expect(ids.rimFiles).toEqual({});
    expect(r.stdout).toContain(`rims:         driver ${ids.rimIds.driver}, vbios ${ids.rimIds.vbios}`);
  });

  it('policy flags and files: minimum versions, allowed models; malformed policy files exit 3', async () => {
    const ok = await gpu([
      ...base(),
      '--no-ocsp',
      '--skip-measurements',
      '--min-driver',
      '550.90.07',
      '--min-vbios',
      '96.00.9F.00.01',
      '--allow-model',
      'GH100, GB100',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    const model = await gpu([...base(), '--no-ocsp', '--skip-measurements', '--allow-model', 'GB100', '--json']);
    expect(model.code).toBe(1);
    expect(model.j.code).toBe('GPU_POLICY_REJECTED');
    expect(model.j.violations.map((v) => v.code)).toEqual(['GPU_POLICY_MODEL_NOT_ALLOWED']);
    const min = await gpu([...base(), '--no-ocsp', '--skip-measurements', '--policy', f('policy-min.json'), '--json']);
    expect(min.code).toBe(1);
    expect(min.j.violations.map((v) => v.field)).toContain('driverVersion');
    for (const p of ['policy-array.json', 'policy-bad.json', 'missing.json']) {
      const r = await gpu([...base(), '--no-ocsp', '--policy', f(p), '--json']);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('"code":"CLI_INPUT_UNREADABLE"');
    }
  });

  it('a wrong nonce and a truncated report are rejections (exit 1)', async () => {
    const nonce = await gpu([...base(), '--no-ocsp', '--nonce', '11'.repeat(32), '--json']);
    expect(nonce.code).toBe(1);
    expect(nonce.j.code).toBe('GPU_NONCE_MISMATCH');
    expect(nonce.j.driverVersion).toBe('550.90.07'); // parsed before verification failed
    const trunc = await gpu([...base('truncated.bin'), '--no-ocsp', '--rims', f('rims-by-version'), '--json']);
    expect(trunc.code).toBe(1);
    expect(trunc.j.code).toMatch(/^GPU_/);
    expect(trunc.j.driverVersion).toBeNull();
    expect(trunc.j.rimFiles).toEqual({});
    const human = await gpu([...base('truncated.bin'), '--no-ocsp']);
    expect(human.stdout).toContain('driver:       -   vbios: -');
  });

  it('a single DER certificate is read as a one-element chain (and rejected: no path to the root)', async () => {
    const r = await gpu([...base('report.hex', 'leaf.der'), '--no-ocsp', '--skip-measurements', '--json']);
    expect(r.code).toBe(1);
    expect(r.j.code).toMatch(/^GPU_CERT_/);
  });

  it('usage errors exit 2', async () => {
    const cases = [
      [...base(), '--ocsp', f('ocsp'), '--no-ocsp'],
      [...base(), '--nonce', 'abcd'],
      ['--report', f('report.hex'), '--certs', f('chain.pem')],
      [...base(), '--at', 'soon'],
    ];
    for (const args of cases) {
      const r = await gpu([...args, '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: chrysalis attest gpu');
    }
  });

  it('unreadable inputs exit 3: missing files, a PEM without a certificate, a RIM or OCSP path that is no directory', async () => {
    const cases = [
      base('missing.hex'),
      base('report.hex', 'missing.pem'),
      base('report.hex', 'bad.pem'),
      [...base(), '--device-root', f('bad.pem')],
      [...base(), '--rims', f('not-a-dir')],
      [...base(), '--rims', f('no-such-dir')],
      [...base(), '--ocsp', f('not-a-dir')],
    ];
    for (const args of cases) {
      const r = await gpu([...args, '--json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('CLI_INPUT_UNREADABLE');
    }
  });
});
