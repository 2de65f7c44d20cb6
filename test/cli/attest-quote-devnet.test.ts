/**
 * `chrysalis attest quote` driven in-process on SIMULATED devnet quotes and collateral (dcap-qvl JSON and PCS
 * directory forms): every exit code, `--json` and human output, `--root`, `--policy`, `--allow-status`,
 * `--allow-advisory`, `--at`. No vectors needed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createDevnetIntelPki, simulateTdxQuote, DEVNET_TDX_TCB_LEVELS } from '../../devnet';
import { derToPem } from '../../core/pem';
import { run } from '../../cli/attest/quote';
import { main } from '../../cli';
import { capture } from './helpers';

const AT = '2025-06-10T00:00:00Z';
const RD = new Uint8Array(64).fill(7);

interface QuoteJson {
  ok: boolean;
  code?: string;
  teeType: string | null;
  version: number | null;
  tcbStatus: string | null;
  advisoryIds: string[];
  fmspc: string | null;
  imageId?: string | null;
  measurements: Record<string, string> | null;
  violations: { code: string; field: string }[];
}

describe('chrysalis attest quote on SIMULATED devnet quotes', () => {
  let dir: string;
  const f = (n: string): string => join(dir, n);
  const pki = createDevnetIntelPki({ seed: 'cli-quote-devnet', issuedAt: new Date('2025-06-01T00:00:00Z') });
  const rootSha = createHash('sha256').update(pki.rootCaDer).digest('hex');
  const revokedPki = createDevnetIntelPki({
    seed: 'cli-quote-devnet',
    issuedAt: new Date('2025-06-01T00:00:00Z'),
    tcbLevels: DEVNET_TDX_TCB_LEVELS.map((l, i) => (i === 0 ? { ...l, tcbStatus: 'Revoked' } : l)),
  });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-quote-'));
    const q = simulateTdxQuote(pki, { reportData: RD });
    writeFileSync(f('quote.bin'), q);
    writeFileSync(f('quote.hex'), `0x${Buffer.from(q).toString('hex')}\n`);
    writeFileSync(f('quote-v5.bin'), simulateTdxQuote(pki, { reportData: RD }, { version: 5 }));
    // QE ISV SVN 2 matches the OutOfDate QE level (advisory INTEL-SA-00615).
    writeFileSync(f('quote-ood.bin'), simulateTdxQuote(pki, { reportData: RD }, { qeIsvSvn: 2 }));
    const debugAttrs = Uint8Array.from([1, 0, 0, 0x10, 0, 0, 0, 0]);
    writeFileSync(f('quote-debug.bin'), simulateTdxQuote(pki, { reportData: RD, tdAttributes: debugAttrs }));
    writeFileSync(f('quote-trailing.bin'), Buffer.concat([q, Buffer.from([1, 2, 3, 4])]));
    writeFileSync(f('garbage.bin'), Buffer.from('not a quote at all'));
    writeFileSync(f('revoked-quote.bin'), simulateTdxQuote(revokedPki, { reportData: RD }));
    writeFileSync(f('collateral.json'), JSON.stringify(pki.collateralJson()));
    writeFileSync(f('revoked-collateral.json'), JSON.stringify(revokedPki.collateralJson()));
    writeFileSync(f('bad-collateral.json'), '{"tcb_info": 1}');
    writeFileSync(f('root.pem'), derToPem(pki.rootCaDer));
    writeFileSync(f('root.der'), pki.rootCaDer);
    writeFileSync(f('not-a-cert.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const pcs = f('pcs');
    mkdirSync(pcs);
    writeFileSync(join(pcs, 'tcb_info.json'), pki.pcs.tcbInfoBody);
    writeFileSync(join(pcs, 'qe_identity.json'), pki.pcs.qeIdentityBody);
    writeFileSync(join(pcs, 'pck_crl.der'), pki.pcs.pckCrlDer);
    writeFileSync(join(pcs, 'root_ca_crl.der'), pki.pcs.rootCaCrlDer);
    writeFileSync(join(pcs, 'tcb_info_issuer_chain.pem'), pki.pcs.tcbInfoIssuerChainPem);
    writeFileSync(join(pcs, 'qe_identity_issuer_chain.pem'), pki.pcs.qeIdentityIssuerChainPem);
    writeFileSync(join(pcs, 'pck_crl_issuer_chain.pem'), pki.pcs.pckCrlIssuerChainPem);
    mkdirSync(f('empty-pcs'));
    writeFileSync(
      f('policy-ood.json'),
      JSON.stringify({
        acceptedStatuses: ['UpToDate', 'OutOfDate'],
        allowedAdvisoryIds: ['INTEL-SA-00615'],
        allowedRoots: [rootSha],
      }),
    );
    writeFileSync(f('policy-mrtd.json'), JSON.stringify({ mrtd: ['00'.repeat(48)], allowedRoots: [rootSha] }));
    writeFileSync(f('policy-sgx.json'), JSON.stringify({ teeType: 'SGX', allowedRoots: [rootSha] }));
    writeFileSync(f('policy-typo.json'), JSON.stringify({ allowedRoot: [rootSha] }));
    writeFileSync(f('policy-not-json.json'), 'acceptedStatuses: UpToDate');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const quote = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string; j: QuoteJson }> => {
    const r = await capture(() => run(args));
    const j = (args.includes('--json') && r.stdout.trim() ? JSON.parse(r.stdout) : {}) as QuoteJson;
    return { ...r, j };
  };
  const base = (q = 'quote.bin', col = 'collateral.json'): string[] => [f(q), '--collateral', f(col), '--at', AT];

  it('verifies under --root with dcap-qvl JSON collateral: exit 0 and every TDX measurement in --json', async () => {
    const r = await quote([...base(), '--root', f('root.pem'), '--json']);
    expect(r.code).toBe(0);
    expect(r.j).toMatchObject({ ok: true, teeType: 'TDX', version: 4, tcbStatus: 'UpToDate', violations: [] });
    expect(r.j.fmspc?.toLowerCase()).toBe(pki.fmspc.toLowerCase());
    expect(r.j.measurements!['reportData']).toBe('07'.repeat(64));
    expect(Object.keys(r.j.measurements!)).toHaveLength(12);
    expect(r.j.imageId).toMatch(/^[0-9a-f]{64}$/);
    expect(r.j.code).toBeUndefined();
  });

  it('prints a human report: OK, quote type, image id and the registers', async () => {
    const r = await quote([...base('quote.hex'), '--root', f('root.der')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('OK');
    expect(r.stdout).toContain('quote:        TDX v4');
    expect(r.stdout).toContain('tcb status:   UpToDate\n');
    expect(r.stdout).toMatch(/image id: {5}[0-9a-f]{64}/);
    expect(r.stdout).toMatch(/^mrtd {10}[0-9a-f]{96}$/m);
  });

  it('loads a PCS directory as collateral; a v5 quote verifies too', async () => {
    const r = await quote([...base('quote-v5.bin', 'pcs'), '--root', f('root.pem'), '--json']);
    expect(r.code).toBe(0);
    expect(r.j.version).toBe(5);
  });

  it('rejects a devnet quote under the pinned Intel root (exit 1, TDX_PCK_CHAIN_UNTRUSTED), image id null', async () => {
    const r = await quote([...base(), '--json']);
    expect(r.code).toBe(1);
    expect(r.j).toMatchObject({ ok: false, code: 'TDX_PCK_CHAIN_UNTRUSTED', teeType: 'TDX', version: 4 });
    expect(r.j.imageId).toBeNull();
    expect(r.j.measurements).toBeNull();
    const human = await quote(base());
    expect(human.code).toBe(1);
    expect(human.stdout.split('\n')[0]).toBe('REJECTED (TDX_PCK_CHAIN_UNTRUSTED)');
    expect(human.stdout).toContain('tcb status:   -');
  });

  it('an OutOfDate quote is a policy rejection with every violation; --allow-status/--allow-advisory accept it', async () => {
    const rej = await quote([...base('quote-ood.bin'), '--root', f('root.pem'), '--json']);
    expect(rej.code).toBe(1);
    expect(rej.j.code).toBe('POLICY_REJECTED');
    expect(rej.j.tcbStatus).toBe('OutOfDate');
    expect(rej.j.advisoryIds).toEqual(['INTEL-SA-00615']);
    expect(rej.j.violations.map((v) => v.code).sort()).toEqual([
      'POLICY_ADVISORY_NOT_ALLOWED',
      'POLICY_TCB_STATUS_NOT_ALLOWED',
    ]);
    const human = await quote([...base('quote-ood.bin'), '--root', f('root.pem')]);
    expect(human.stdout).toContain('REJECTED (POLICY_REJECTED)');
    expect(human.stdout).toContain('tcb status:   OutOfDate [INTEL-SA-00615]');
    expect(human.stdout).toMatch(
      /violation: {4}POLICY_TCB_STATUS_NOT_ALLOWED tcbStatus: expected UpToDate, got OutOfDate/,
    );

    const onlyStatus = await quote([
      ...base('quote-ood.bin'),
      '--root',
      f('root.pem'),
      '--allow-status',
      'OutOfDate',
      '--json',
    ]);
    expect(onlyStatus.code).toBe(1);
    expect(onlyStatus.j.violations.map((v) => v.code)).toEqual(['POLICY_ADVISORY_NOT_ALLOWED']);
    const ok = await quote([
      ...base('quote-ood.bin'),
      '--root',
      f('root.pem'),
      '--allow-status',
      ' OutOfDate, ,TDRelaunchAdvised',
      '--allow-advisory',
      'INTEL-SA-00615',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.j.ok).toBe(true);
  });

  it('--policy files: accepted, violated, a pinned TEE type, and malformed ones (exit 3)', async () => {
    const ood = await quote([...base('quote-ood.bin'), '--root', f('root.pem'), '--policy', f('policy-ood.json')]);
    expect(ood.code).toBe(0);
    // The policy's allowedRoots replace the default list: the devnet root is named there, no --root sha is added.
    const noRootFlag = await quote([...base('quote-ood.bin'), '--policy', f('policy-ood.json'), '--json']);
    expect(noRootFlag.code).toBe(1);
    expect(noRootFlag.j.code).toBe('TDX_PCK_CHAIN_UNTRUSTED');
    const mrtd = await quote([...base(), '--root', f('root.pem'), '--policy', f('policy-mrtd.json'), '--json']);
    expect(mrtd.code).toBe(1);
    expect(mrtd.j.violations.map((v) => v.code)).toEqual(['POLICY_MRTD_NOT_ALLOWED']);
    const sgx = await quote([...base(), '--root', f('root.pem'), '--policy', f('policy-sgx.json'), '--json']);
    expect(sgx.code).toBe(1);
    expect(sgx.j.violations.map((v) => v.code)).toContain('POLICY_TEE_TYPE_NOT_ALLOWED');
    for (const p of ['policy-typo.json', 'policy-not-json.json', 'missing-policy.json']) {
      const r = await quote([...base(), '--root', f('root.pem'), '--policy', f(p), '--json']);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('"code":"CLI_INPUT_UNREADABLE"');
    }
  });

  it('a debug TD is a policy violation', async () => {
    const r = await quote([...base('quote-debug.bin'), '--root', f('root.pem'), '--json']);
    expect(r.code).toBe(1);
    expect(r.j.violations.map((v) => v.code)).toEqual(['POLICY_DEBUG_ENABLED']);
  });

  it('trailing bytes are refused unless --allow-trailing-bytes', async () => {
    const strict = await quote([...base('quote-trailing.bin'), '--root', f('root.pem'), '--json']);
    expect(strict.code).toBe(1);
    expect(strict.j.code).toMatch(/^TDX_QUOTE_/);
    expect(strict.j.teeType).toBeNull();
    expect(strict.stdout).not.toContain('imageId');
    const lax = await quote([
      ...base('quote-trailing.bin'),
      '--root',
      f('root.pem'),
      '--allow-trailing-bytes',
      '--json',
    ]);
    expect(lax.code).toBe(0);
  });

  it('a file that is no quote is a rejection with the parser code (exit 1)', async () => {
    const r = await quote([...base('garbage.bin'), '--json']);
    expect(r.code).toBe(1);
    expect(r.j.code).toMatch(/^TDX_QUOTE_/);
    expect(r.j.version).toBeNull();
    const human = await quote(base('garbage.bin'));
    expect(human.stdout).not.toContain('quote:');
  });

  it('a Revoked TCB level reports the status, FMSPC and advisories of the refusal', async () => {
    const r = await quote([...base('revoked-quote.bin', 'revoked-collateral.json'), '--root', f('root.pem'), '--json']);
    expect(r.code).toBe(1);
    expect(r.j.code).toBe('TDX_TCB_REVOKED');
    expect(r.j.tcbStatus).toBe('Revoked');
    expect(r.j.fmspc?.toLowerCase()).toBe(revokedPki.fmspc.toLowerCase());
    expect(Array.isArray(r.j.advisoryIds)).toBe(true);
  });

  it('usage errors exit 2: bad --allow-status, Revoked, bad --at, unknown flag', async () => {
    for (const extra of [
      ['--allow-status', 'Bogus'],
      ['--allow-status', 'Revoked'],
      ['--at', 'yesterday'],
      ['--frobnicate'],
    ]) {
      const r = await quote([...base(), '--root', f('root.pem'), ...extra, '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: chrysalis attest quote');
    }
    expect((await quote([f('quote.bin')])).code).toBe(2); // no --collateral
  });

  it('unreadable inputs exit 3: collateral missing, malformed or an empty PCS directory; a root that is no cert', async () => {
    for (const args of [
      [f('quote.bin'), '--collateral', f('nope.json')],
      [f('quote.bin'), '--collateral', f('bad-collateral.json')],
      [f('quote.bin'), '--collateral', f('empty-pcs')],
      [...base(), '--root', f('not-a-cert.pem')],
      [...base(), '--root', f('missing-root.pem')],
    ]) {
      const r = await quote([...args, '--json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('CLI_INPUT_UNREADABLE');
    }
  });

  it('is reachable through the dispatcher', async () => {
    const r = await capture(() => main(['attest', 'quote', ...base(), '--root', f('root.pem'), '--json']));
    expect(r.code).toBe(0);
  });
});
