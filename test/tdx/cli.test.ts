import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/attest/quote';
import { describeVectors, vectorPath } from '../helpers/vectors';
import { vectorCase } from './vector-cases';
import { capture } from '../cli/helpers';

interface Out {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown> & { violations: { code: string }[]; measurements: Record<string, string> | null };
}

async function cli(args: string[]): Promise<Out> {
  const { code, stdout, stderr } = await capture(() => run(args));
  let json = {} as Out['json'];
  if (args.includes('--json') && stdout.trim()) json = JSON.parse(stdout) as Out['json'];
  return { code, stdout, stderr, json };
}

describe('chrysalis attest quote: usage errors (no vectors needed)', () => {
  it('exits 2 without arguments or without --collateral', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['q.bin'])).code).toBe(2);
    expect((await cli(['--bogus'])).code).toBe(2);
  });
  it('exits 3 on an unreadable quote file', async () => {
    const r = await cli(['/nonexistent/quote', '--collateral', '/nonexistent/col.json', '--json']);
    expect(r.code).toBe(3);
    expect(r.json['code']).toBe('CLI_INPUT_UNREADABLE');
  });
  it('--help exits 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
  });
});

describeVectors('TDX')('chrysalis attest quote on real vectors', () => {
  let dir: string;
  const tdx = (p: string): string => vectorPath('tdx', p);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-a1-'));

    // A PCS directory made from the Automata July 2025 files (temporary, outside the repository).
    const k = vectorCase('automata-solana-tdx-v4-outofdate').collateral as Record<string, any>;
    const pcs = join(dir, 'pcs');
    require('node:fs').mkdirSync(pcs);
    copyFileSync(tdx(k.tcb_info), join(pcs, 'tcb_info.json'));
    copyFileSync(tdx(k.qe_identity), join(pcs, 'qe_identity.json'));
    copyFileSync(tdx(k.pck_crl), join(pcs, 'pck_crl.der'));
    copyFileSync(tdx(k.root_ca_crl), join(pcs, 'root_ca_crl.der'));
    copyFileSync(tdx(k.tcb_info_issuer_chain[0]!), join(pcs, 'tcb_info_issuer_chain.der'));
    copyFileSync(tdx(k.qe_identity_issuer_chain[0]!), join(pcs, 'qe_identity_issuer_chain.der'));
    // Oct 2025 set for the Azure quote.
    const a = vectorCase('azure-tdx-v4-sept-ve-disable-off').collateral as Record<string, any>;
    const pcs2 = join(dir, 'pcs-oct');
    require('node:fs').mkdirSync(pcs2);
    copyFileSync(tdx(a.tcb_info), join(pcs2, 'tcb_info.json'));
    copyFileSync(tdx(a.qe_identity), join(pcs2, 'qe_identity.json'));
    copyFileSync(tdx(a.pck_crl), join(pcs2, 'pck_crl.der'));
    copyFileSync(tdx(a.root_ca_crl), join(pcs2, 'root_ca_crl.der'));
    copyFileSync(tdx(a.tcb_info_issuer_chain[0]!), join(pcs2, 'tcb_info_issuer_chain.der'));
    copyFileSync(tdx(a.qe_identity_issuer_chain[0]!), join(pcs2, 'qe_identity_issuer_chain.der'));
    copyFileSync(tdx(a.pck_crl_issuer_chain[0]!), join(pcs2, 'pck_crl_issuer_chain.der'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const phala = ['phala-dcap-qvl/sample/tdx_quote', '--collateral', 'phala-dcap-qvl/sample/tdx_quote_collateral.json'];
  // The recorded collateral predates the pinned tcbEvaluationDataNumber floor: lower it explicitly.
  const at = (s: string): string[] => ['--at', s, '--min-tcb-eval', '15'];

  it('UpToDate TDX v4 quote with dcap-qvl JSON: exit 0 and the documented JSON fields', async () => {
    const r = await cli([tdx(phala[0]!), '--collateral', tdx(phala[2]!), ...at('2025-07-04T10:00:00Z'), '--json']);
    expect(r.code).toBe(0);
    expect(Object.keys(r.json).sort()).toEqual(
      ['advisoryIds', 'fmspc', 'imageId', 'measurements', 'ok', 'tcbStatus', 'teeType', 'version', 'violations'].sort(),
    );
    expect(r.json).toMatchObject({
      ok: true,
      teeType: 'TDX',
      version: 4,
      tcbStatus: 'UpToDate',
      advisoryIds: [],
      fmspc: 'b0c06f000000',
      violations: [],
    });
    expect(Object.keys(r.json.measurements!).sort()).toEqual(
      [
        'mrtd',
        'rtmr0',
        'rtmr1',
        'rtmr2',
        'rtmr3',
        'mrconfigid',
        'mrowner',
        'mrownerconfig',
        'mrseam',
        'tdAttributes',
        'xfam',
        'reportData',
      ].sort(),
    );
    expect(r.json['imageId']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the quote as hex text, and prints a human report by default', async () => {
    const hexFile = join(dir, 'quote.hex');
    writeFileSync(hexFile, `0x${require('node:fs').readFileSync(tdx(phala[0]!)).toString('hex')}\n`);
    const r = await cli([hexFile, '--collateral', tdx(phala[2]!), ...at('2025-07-04T10:00:00Z')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK/);
  });

  it('PCS directory, OutOfDate platform: exit 1 unless the status and its advisories are allowed', async () => {
    const q = tdx('automata-dcap-attestation/solana/automata-dcap-framework/tests/data/quote_tdx.bin');
    const base = [q, '--collateral', join(dir, 'pcs'), ...at('2025-07-22T09:00:00Z'), '--json'];
    const r1 = await cli(base);
    expect(r1.code).toBe(1);
    expect(r1.json).toMatchObject({ ok: false, code: 'POLICY_REJECTED', tcbStatus: 'OutOfDate' });
    expect(r1.json.violations.map((v) => v.code)).toEqual(
      expect.arrayContaining(['POLICY_TCB_STATUS_NOT_ALLOWED', 'POLICY_ADVISORY_NOT_ALLOWED']),
    );
    const r2 = await cli([...base, '--allow-status', 'OutOfDate']);
    expect(r2.json.violations.map((v) => v.code)).toEqual([
      'POLICY_ADVISORY_NOT_ALLOWED',
      'POLICY_ADVISORY_NOT_ALLOWED',
      'POLICY_ADVISORY_NOT_ALLOWED',
    ]);
    const r3 = await cli([
      ...base,
      '--allow-status',
      'OutOfDate',
      '--allow-advisory',
      'INTEL-SA-00960,INTEL-SA-00982,INTEL-SA-00986',
    ]);
    expect(r3.code).toBe(0);
  });

  it('Azure quote: Intel status UpToDate is reported although the policy rejects SEPT_VE_DISABLE off', async () => {
    const q = tdx('canvasxyz-teekit/derived/tdx-v4-azure.quote.dat');
    const r = await cli([q, '--collateral', join(dir, 'pcs-oct'), ...at('2025-10-31T14:00:00Z'), '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, code: 'POLICY_REJECTED', tcbStatus: 'UpToDate', teeType: 'TDX' });
    expect(r.json.violations.map((v) => v.code)).toEqual(['POLICY_SEPT_VE_DISABLE_OFF']);
  });

  it('SGX debug enclave: status reported, debug and status violations listed together', async () => {
    const q = tdx('automata-dcap-attestation/solana/automata-dcap-framework/tests/data/quote_sgx.bin');
    const r = await cli([
      q,
      '--collateral',
      tdx('phala-dcap-qvl/sample/sgx_quote_collateral.json'),
      ...at('2025-07-04T10:00:00Z'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ teeType: 'SGX', version: 3, tcbStatus: 'ConfigurationAndSWHardeningNeeded' });
    expect(Object.keys(r.json.measurements!).sort()).toEqual(['mrEnclave', 'mrSigner', 'reportData']);
    expect(r.json['imageId']).toBeUndefined();
    const codes = r.json.violations.map((v) => v.code);
    expect(codes).toEqual(
      expect.arrayContaining(['POLICY_DEBUG_ENABLED', 'POLICY_TCB_STATUS_NOT_ALLOWED', 'POLICY_ADVISORY_NOT_ALLOWED']),
    );
  });

  it('policy file: allowlists are applied (wrong MRTD -> violation)', async () => {
    const pol = join(dir, 'policy.json');
    writeFileSync(pol, JSON.stringify({ mrtd: ['00'.repeat(48)], xfam: ['e702060000000000'] }));
    const r = await cli([
      tdx(phala[0]!),
      '--collateral',
      tdx(phala[2]!),
      ...at('2025-07-04T10:00:00Z'),
      '--policy',
      pol,
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.json.violations.map((v) => v.code)).toEqual(['POLICY_MRTD_NOT_ALLOWED']);
    for (const bad of [
      { mrtd: 'not-a-list' },
      { mrdt: ['00'] },
      { acceptedStatuses: ['Revoked'] },
      { allowDebug: 'yes' },
    ]) {
      writeFileSync(pol, JSON.stringify(bad));
      expect(
        (await cli([tdx(phala[0]!), '--collateral', tdx(phala[2]!), ...at('2025-07-04T10:00:00Z'), '--policy', pol]))
          .code,
      ).toBe(3); // a policy file that is not a QuotePolicy: input unreadable
    }
  });

  it('verification failures: exit 1 with the verifier code and no status', async () => {
    const r = await cli([
      tdx('phala-dcap-qvl/sample/tdx_quote_outdated'),
      '--collateral',
      tdx('phala-dcap-qvl/sample/tdx_quote_outdated_collateral.json'),
      ...at('2026-03-05T10:00:00Z'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({
      ok: false,
      code: 'TDX_TCB_NOT_SUPPORTED',
      tcbStatus: null,
      teeType: 'TDX',
      version: 5,
      measurements: null,
    });
    const expired = await cli([
      tdx(phala[0]!),
      '--collateral',
      tdx(phala[2]!),
      ...at('2026-01-01T00:00:00Z'),
      '--json',
    ]);
    expect(expired.code).toBe(1);
    expect(String(expired.json['code'])).toMatch(/_EXPIRED$/);
  });

  it('bad --at: exit 2; unusable collateral: exit 3', async () => {
    expect((await cli([tdx(phala[0]!), '--collateral', tdx(phala[2]!), '--at', 'yesterday'])).code).toBe(2);
    expect((await cli([tdx(phala[0]!), '--collateral', tdx(phala[0]!)])).code).toBe(3);
    expect((await cli([tdx(phala[0]!), '--collateral', dir])).code).toBe(3);
  });
});
