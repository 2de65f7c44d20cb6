import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNvidiaGpuProvider, parseNvidiaEvidenceJson } from '../../enclave-runtime/evidence';
import { describeVectors, readVector, vectorPath } from '../helpers/vectors';

interface NvatEntry {
  nonce: string;
  evidence: string;
  certificate: string;
}
const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

describeVectors('gpu')('NVIDIA GPU evidence provider on recorded evidence', () => {
  const file = 'nvidia-attestation-sdk/unit-tests/evidence_hopper_590_12.json';
  const text = (): string => readVector('gpu', ...file.split('/')).toString('utf8');
  const entry = (): NvatEntry => (JSON.parse(text()) as NvatEntry[])[0]!;

  test('parses the NVAT evidence list: report bytes and DER chain, nonce checked', () => {
    const e = entry();
    const nonce = Buffer.from(e.nonce, 'hex');
    const ev = parseNvidiaEvidenceJson(text(), nonce, 0);
    expect(Buffer.from(ev.report).equals(Buffer.from(e.evidence, 'base64'))).toBe(true);
    expect(ev.certChain.length).toBeGreaterThanOrEqual(4);
    expect(ev.certChain[0]![0]).toBe(0x30);
  });

  test('a different nonce is refused', () => {
    expect(() => parseNvidiaEvidenceJson(text(), new Uint8Array(32), 0)).toThrow(
      expect.objectContaining({ code: 'GPU_EVIDENCE_UNAVAILABLE' }),
    );
  });

  test('spawns the collector (a recorded-output stand-in), passes the nonce, parses its stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nvcollect-'));
    const tool = join(dir, 'collect.js');
    writeFileSync(
      tool,
      `#!/usr/bin/env node\nconst a=process.argv.slice(2);if(a[0]!=='--nonce'||a[2]!=='--index')process.exit(3);process.stdout.write(require('fs').readFileSync(${JSON.stringify(vectorPath('gpu', ...file.split('/')))}))\n`,
    );
    chmodSync(tool, 0o755);
    const p = createNvidiaGpuProvider({
      command: process.execPath,
      args: [tool, '--nonce', '{nonce}', '--index', '{index}'],
      count: 1,
    });
    const ev = await p.getEvidence(Buffer.from(entry().nonce, 'hex'), 0);
    expect(ev.report.length).toBeGreaterThan(1000);
    expect(await code(p.getEvidence(new Uint8Array(32), 0))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });
});

describe('NVIDIA GPU evidence provider failures', () => {
  test('missing tool, failing tool, garbage output', async () => {
    const nonce = new Uint8Array(32);
    expect(
      await code(createNvidiaGpuProvider({ command: '/nonexistent/nvattest', count: 1 }).getEvidence(nonce, 0)),
    ).toBe('GPU_EVIDENCE_UNAVAILABLE');
    expect(
      await code(
        createNvidiaGpuProvider({ command: process.execPath, args: ['-e', 'process.exit(1)'], count: 1 }).getEvidence(
          nonce,
          0,
        ),
      ),
    ).toBe('GPU_EVIDENCE_UNAVAILABLE');
    expect(
      await code(
        createNvidiaGpuProvider({
          command: process.execPath,
          args: ['-e', 'console.log("hello")'],
          count: 1,
        }).getEvidence(nonce, 0),
      ),
    ).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });
});
