import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeVectors } from '../helpers/vectors';
import { run } from '../../cli/attest/gpu';
import { gpuCertChainToPem } from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence, simulateGpuOcspResponses } from '../../devnet';
import { E1, GPU } from './helpers';
import { main } from '../../cli';
import { muteOutputEachTest } from '../cli/helpers';

const output = muteOutputEachTest();
const json = (): Record<string, unknown> =>
  JSON.parse(String(output.out.mock.calls.at(-1)?.[0])) as Record<string, unknown>;

describeVectors('gpu')('chrysalis attest gpu (E1 vectors)', () => {
  const base = [
    '--report',
    GPU(E1.report),
    '--certs',
    GPU(E1.chain),
    '--nonce',
    E1.nonce,
    '--at',
    '2026-03-01T00:00:00Z',
    '--json',
  ];
  it('verifies the complete set with --rims and --no-ocsp (exit 0)', async () => {
    await expect(run([...base, '--rims', GPU('museop-nvgpu-attestation'), '--no-ocsp'])).resolves.toBe(0);
    const r = json();
    expect(r['ok']).toBe(true);
    expect(r['driverVersion']).toBe('550.90.07');
    expect(r['vbiosVersion']).toBe('96.00.9F.00.01');
    expect(r['measurementsMatched']).toBe(true);
    expect(r['warnings']).toContain('GPU_OCSP_MISSING');
  });
  it('rejects missing OCSP for production roots, wrong nonce and missing RIMs (exit 1)', async () => {
    await expect(run([...base, '--rims', GPU('museop-nvgpu-attestation')])).resolves.toBe(1);
    expect(json()['code']).toBe('GPU_OCSP_MISSING');
    const wrong = [
      '--report',
      GPU(E1.report),
      '--certs',
      GPU(E1.chain),
      '--nonce',
      '00'.repeat(32),
      '--no-ocsp',
      '--json',
    ];
    await expect(run(wrong)).resolves.toBe(1);
    expect(json()['code']).toBe('GPU_NONCE_MISMATCH');
    await expect(run([...base, '--no-ocsp'])).resolves.toBe(1);
    expect(json()['code']).toBe('GPU_POLICY_REJECTED');
    await expect(run([...base, '--no-ocsp', '--skip-measurements'])).resolves.toBe(0);
  });
  it('bad usage exits 2, unreadable input 3', async () => {
    await expect(run(['--report', GPU(E1.report)])).resolves.toBe(2);
    await expect(run([...base, '--nonce', 'abc'])).resolves.toBe(2);
    await expect(run(['--report', '/nonexistent', '--certs', GPU(E1.chain), '--nonce', E1.nonce])).resolves.toBe(3);
    await expect(run(['--bogus'])).resolves.toBe(2);
  });
});

describe('chrysalis attest gpu (SIMULATED devnet evidence)', () => {
  it('verifies devnet evidence with the devnet roots, including OCSP; rejects it under NVIDIA roots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-gpu-cli-'));
    try {
      const pki = createDevnetNvidiaPki({ seed: 'cli-test' });
      const nonce = new Uint8Array(32).fill(9);
      const now = new Date('2026-03-01T00:00:00Z');
      const ev = simulateGpuEvidence(pki, { nonce });
      writeFileSync(join(dir, 'report.hex'), Buffer.from(ev.report).toString('hex'));
      writeFileSync(join(dir, 'chain.pem'), gpuCertChainToPem(ev.certChain));
      writeFileSync(join(dir, 'device-root.pem'), gpuCertChainToPem([pki.deviceRootDer]));
      writeFileSync(join(dir, 'rim-root.pem'), gpuCertChainToPem([pki.rimRootDer]));
      mkdirSync(join(dir, 'rims'));
      writeFileSync(join(dir, 'rims', 'NV_GPU_DRIVER_GH100_550.90.07.xml'), ev.rims!.driver!);
      writeFileSync(join(dir, 'rims', 'NV_GPU_VBIOS_1010_0200_882_96009F0001.xml'), ev.rims!.vbios!);
      mkdirSync(join(dir, 'ocsp'));
      simulateGpuOcspResponses(pki, { now }).forEach((r, i) => writeFileSync(join(dir, 'ocsp', `${i}.der`), r));
      const args = [
        '--report',
        join(dir, 'report.hex'),
        '--certs',
        join(dir, 'chain.pem'),
        '--nonce',
        Buffer.from(nonce).toString('hex'),
        '--rims',
        join(dir, 'rims'),
        '--at',
        now.toISOString(),
        '--json',
      ];
      await expect(
        run([
          ...args,
          '--device-root',
          join(dir, 'device-root.pem'),
          '--rim-root',
          join(dir, 'rim-root.pem'),
          '--ocsp',
          join(dir, 'ocsp'),
        ]),
      ).resolves.toBe(0);
      expect(json()['ok']).toBe(true);
      expect(json()['ocsp']).toBe('good');
      expect(json()['simulated']).toBe(true);
      await expect(run([...args, '--no-ocsp'])).resolves.toBe(1);
      expect(json()['code']).toBe('GPU_CERT_CHAIN_UNTRUSTED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('chrysalis attest gpu dispatch', () => {
  it('is reachable through the top-level CLI', async () => {
    await expect(main(['attest', 'gpu', '--help'])).resolves.toBe(0);
    expect(String(output.out.mock.calls.at(-1)?.[0])).toContain('--report');
  });
});
