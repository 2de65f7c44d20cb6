/** `chrysalis attest quote QUOTE --pcs-url URL`: the auditor fetches the collateral itself (loopback PCS, recorded). */
import 'reflect-metadata';
import { run } from '../../cli/attest/quote';
import { capture } from '../cli/helpers';
import { describeVectors, readVector, vectorPath } from '../helpers/vectors';
import { startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';
import { recordedCollateral, serveCollateral } from './replay-intel';

async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  const { code, stdout, stderr } = await capture(() => run(args));
  return { code, stderr, json: args.includes('--json') && stdout.trim() ? JSON.parse(stdout) : {} };
}

describe('attest quote --pcs-url: usage', () => {
  test('--collateral and --pcs-url together: exit 2', async () => {
    expect((await cli(['q.bin', '--collateral', 'c.json', '--pcs-url', 'http://127.0.0.1:9'])).code).toBe(2);
  });
});

describeVectors('pcs')('attest quote --pcs-url on a loopback PCS replaying recorded Intel collateral', () => {
  const quote = vectorPath('tdx', 'google-go-tdx-guest/testing/testdata/quote_v5_sample.dat');
  let pcs: LoopbackPcs;
  beforeAll(async () => {
    pcs = await startLoopbackPcs();
    serveCollateral(
      pcs,
      recordedCollateral(readVector('tdx', 'phala-dcap-qvl/sample/tdx_quote_outdated_collateral.json')),
    );
  });
  afterAll(async () => {
    await pcs.close();
  });

  test('a real quote verifies and passes the default floor with the collateral it fetched', async () => {
    const r = await cli([quote, '--pcs-url', pcs.baseUrl, '--at', '2026-03-05T10:00:00Z', '--json']);
    expect(r.json).toMatchObject({ teeType: 'TDX', tcbStatus: 'UpToDate', fmspc: '90c06f000000' });
    const codes = (r.json['violations'] as { code: string }[]).map((v) => v.code);
    expect(codes).not.toContain('TDX_TCB_EVALUATION_TOO_OLD');
  });

  test('a floor above the fetched collateral: TDX_TCB_EVALUATION_TOO_OLD', async () => {
    const r = await cli([
      quote,
      '--pcs-url',
      pcs.baseUrl,
      '--at',
      '2026-03-05T10:00:00Z',
      '--min-tcb-eval',
      '19',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect((r.json['violations'] as { code: string }[]).map((v) => v.code)).toContain('TDX_TCB_EVALUATION_TOO_OLD');
  });

  test('PCS unreachable: the network exit code', async () => {
    const down = await startLoopbackPcs();
    const url = down.baseUrl;
    await down.close();
    const r = await cli([quote, '--pcs-url', url, '--json']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/PCS_NETWORK_ERROR/);
  });
});
