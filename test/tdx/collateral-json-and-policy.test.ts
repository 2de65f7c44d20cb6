/**
 * TCB Info / QE Identity JSON readers on edited devnet documents (each malformed field is its *_MALFORMED code),
 * verifier argument checks, and quote-policy JSON / REPORTDATA appraisal on SIMULATED quotes. No vectors needed.
 */
import { createHash } from 'node:crypto';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet/intel';
import { verifyQuote } from '../../attestation/tdx';
import { parseQeIdentity, parseTcbInfo } from '../../attestation/tdx/collateral-json';
import { quotePolicyFromJson, quoteViolations, appraiseQuote } from '../../attestation/policy';
import { codeOf } from '../helpers/codes';

const NOW = new Date('2025-06-10T00:00:00Z');
const RD = new Uint8Array(64).fill(5);
const pki = createDevnetIntelPki({ seed: 'h6-collateral-json' });
const trust = { intelRootCaDer: [pki.rootCaDer] };
const rootSha = createHash('sha256').update(pki.rootCaDer).digest('hex');

type Json = Record<string, unknown>;
const tcbInfo = (): Json => JSON.parse(pki.tcbInfoJson) as Json;
const qeIdentity = (): Json => JSON.parse(pki.qeIdentityJson) as Json;
const bytes = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));
const levels = (o: Json): Json[] => o['tcbLevels'] as Json[];
const tcbOf = (l: Json): Json => l['tcb'] as Json;

describe('parseTcbInfo', () => {
  it('reads the devnet TDX TCB Info', () => {
    const t = parseTcbInfo(bytes(pki.tcbInfoJson));
    expect(t).toMatchObject({
      id: 'TDX',
      version: 3,
      fmspc: '90c06f000000',
      pceId: '0000',
      tcbEvaluationDataNumber: 17,
    });
    expect(t.tdxModuleIdentities.map((m) => m.id)).toEqual(['TDX_03', 'TDX_01']);
    expect(t.tcbLevels[0]!.tcbStatus).toBe('UpToDate');
  });

  it('reads a v2-style SGX TCB Info (no id, sgxtcbcompNNsvn fields, no TDX parts)', () => {
    const o = tcbInfo();
    delete o['id'];
    delete o['tdxModule'];
    delete o['tdxModuleIdentities'];
    delete o['tcbEvaluationDataNumber'];
    for (const l of levels(o)) {
      const t = tcbOf(l);
      (t['sgxtcbcomponents'] as Json[]).forEach(
        (c, i) => (t[`sgxtcbcomp${String(i + 1).padStart(2, '0')}svn`] = c['svn']),
      );
      delete t['sgxtcbcomponents'];
      delete t['tdxtcbcomponents'];
    }
    const t = parseTcbInfo(bytes(o));
    expect(t.id).toBe('SGX');
    expect(t.tdxModule).toBeUndefined();
    expect(t.tdxModuleIdentities).toEqual([]);
    expect(t.tcbEvaluationDataNumber).toBe(0);
    expect(t.tcbLevels.every((l) => l.tdxComponents === undefined)).toBe(true);
    expect(t.tcbLevels[0]!.sgxComponents).toHaveLength(16);
  });

  it.each<[string, (o: Json) => unknown]>([
    ['invalid JSON', () => '{"id":'],
    ['a top-level array', () => []],
    ['an unknown id', (o) => ({ ...o, id: 'SEV' })],
    ['a non-string id', (o) => ({ ...o, id: 7 })],
    ['a negative version', (o) => ({ ...o, version: -1 })],
    ['a fractional version', (o) => ({ ...o, version: 1.5 })],
    ['a short FMSPC', (o) => ({ ...o, fmspc: '90C06F' })],
    ['a non-hex PCE-ID', (o) => ({ ...o, pceId: 'zz00' })],
    ['a non-RFC-3339 issueDate', (o) => ({ ...o, issueDate: '2025-06-01 00:00:00' })],
    ['an unparseable nextUpdate', (o) => ({ ...o, nextUpdate: '2025-13-45T99:00:00Z' })],
    ['a tdxModule that is an array', (o) => ({ ...o, tdxModule: [] })],
    ['tdxModuleIdentities that is an object', (o) => ({ ...o, tdxModuleIdentities: {} })],
    [
      'a module identity without tcbLevels',
      (o) => ({ ...o, tdxModuleIdentities: [{ ...(o['tdxModuleIdentities'] as Json[])[0], tcbLevels: null }] }),
    ],
    ['no TCB levels', (o) => ({ ...o, tcbLevels: [] })],
    ['a TCB level that is a number', (o) => ({ ...o, tcbLevels: [1] })],
    [
      'sgxtcbcomponents with 15 entries',
      (o) => {
        const t = tcbOf(levels(o)[0]!);
        t['sgxtcbcomponents'] = (t['sgxtcbcomponents'] as unknown[]).slice(1);
        return o;
      },
    ],
    [
      'a component SVN above 0xffff',
      (o) => {
        ((tcbOf(levels(o)[0]!)['tdxtcbcomponents'] as Json[])[0] as Json)['svn'] = 0x10000;
        return o;
      },
    ],
    [
      'a TDX level without tdxtcbcomponents',
      (o) => {
        delete tcbOf(levels(o)[0]!)['tdxtcbcomponents'];
        return o;
      },
    ],
    [
      'an unknown tcbStatus',
      (o) => {
        levels(o)[0]!['tcbStatus'] = 'Fine';
        return o;
      },
    ],
    [
      'advisoryIDs that is a string',
      (o) => {
        levels(o)[0]!['advisoryIDs'] = 'INTEL-SA-00001';
        return o;
      },
    ],
  ])('%s is TDX_TCB_INFO_MALFORMED', (_name, edit) => {
    expect(codeOf(() => parseTcbInfo(bytes(edit(tcbInfo()))))).toBe('TDX_TCB_INFO_MALFORMED');
  });
});

describe('parseQeIdentity', () => {
  it('reads the devnet QE Identity', () => {
    const q = parseQeIdentity(bytes(pki.qeIdentityJson));
    expect(q).toMatchObject({ id: 'TD_QE', version: 2, miscselect: 0, miscselectMask: 0xffffffff, isvprodid: 2 });
    expect(q.tcbLevels.map((l) => l.isvsvn)).toEqual([4, 2]);
    expect(q.tcbLevels[1]!.advisoryIds).toEqual(['INTEL-SA-00615']);
  });

  it.each<[string, (o: Json) => unknown]>([
    ['invalid JSON', () => 'nope'],
    ['null', () => null],
    ['a 3-byte miscselect', (o) => ({ ...o, miscselect: '000000' })],
    ['a short mrsigner', (o) => ({ ...o, mrsigner: 'DC9E' })],
    ['isvprodid above 0xffff', (o) => ({ ...o, isvprodid: 0x10000 })],
    ['a level that is a string', (o) => ({ ...o, tcbLevels: ['x'] })],
    ['a level without tcb', (o) => ({ ...o, tcbLevels: [{ tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' }] })],
    ['a non-string advisory', (o) => ({ ...o, tcbLevels: [{ ...levels(o)[0], advisoryIDs: [1] }] })],
  ])('%s is TDX_QE_IDENTITY_MALFORMED', (_name, edit) => {
    expect(codeOf(() => parseQeIdentity(bytes(edit(qeIdentity()))))).toBe('TDX_QE_IDENTITY_MALFORMED');
  });
});

describe('verifyQuote argument checks', () => {
  const quote = simulateTdxQuote(pki, { reportData: RD });
  it('programmer misuse throws TypeError', () => {
    expect(codeOf(() => verifyQuote('quote' as unknown as Uint8Array, pki.collateral, { now: NOW, trust }))).toBe(
      'uncoded TypeError',
    );
    expect(codeOf(() => verifyQuote(quote, pki.collateral, { now: NOW, trust: { intelRootCaDer: [] } }))).toBe(
      'uncoded TypeError',
    );
    expect(
      codeOf(() =>
        verifyQuote(quote, pki.collateral, { now: NOW, trust: { intelRootCaDer: ['x' as unknown as Uint8Array] } }),
      ),
    ).toBe('uncoded TypeError');
    expect(
      codeOf(() =>
        verifyQuote(quote, pki.collateral, { now: NOW, trust: { intelRootCaDer: [Uint8Array.of(1, 2, 3)] } }),
      ),
    ).toBe('uncoded TypeError');
  });
});

describe('quote policy', () => {
  const quote = simulateTdxQuote(pki, { reportData: RD });
  const v = verifyQuote(quote, pki.collateral, { now: NOW, trust });
  const base = { allowedRoots: [rootSha] };

  it('REPORTDATA: a short value is zero-padded; a different one is a violation; more than 64 bytes is misuse', () => {
    expect(quoteViolations(v, { ...base, reportData: Buffer.from(RD).toString('hex') })).toEqual([]);
    const short = quoteViolations(v, { ...base, reportData: '0x05' });
    expect(short.map((x) => x.code)).toEqual(['POLICY_REPORT_DATA_MISMATCH']);
    expect(short[0]!.expected).toBe('05' + '00'.repeat(63));
    expect(() => quoteViolations(v, { ...base, reportData: '00'.repeat(65) })).toThrow(RangeError);
    expect(() => quoteViolations(v, { ...base, reportData: 'abc' })).toThrow(RangeError);
    expect(codeOf(() => appraiseQuote(v, { ...base, reportData: '0x05' }))).toBe('POLICY_REJECTED');
  });

  it('quotePolicyFromJson accepts every known key and rejects each malformed one', () => {
    const ok = {
      teeType: 'TDX',
      allowedRoots: [rootSha],
      acceptedStatuses: ['UpToDate', 'TDRelaunchAdvised'],
      allowDebug: false,
      isvProdId: 2,
      minIsvSvn: 0,
      reportData: '0x05',
    };
    expect(quotePolicyFromJson(ok)).toEqual(ok);
    for (const bad of [
      [],
      null,
      'policy',
      { nope: 1 },
      { allowedRoots: 'abc' },
      { mrtd: ['not hex!'] },
      { allowDebug: 'yes' },
      { isvProdId: -1 },
      { minIsvSvn: 0x10000 },
      { isvProdId: 1.5 },
      { teeType: 'SEV' },
      { acceptedStatuses: ['Revoked'] },
      { acceptedStatuses: 'UpToDate' },
      { reportData: 5 },
      { reportData: 'xyz' },
      { reportData: '00'.repeat(65) },
    ]) {
      expect(() => quotePolicyFromJson(bad)).toThrow(RangeError);
    }
  });
});

describe('verifyQuote: roots and TCB matching', () => {
  it('a PCK chain and collateral that anchor to two different trusted roots are TDX_PCK_CHAIN_UNTRUSTED', () => {
    const other = createDevnetIntelPki({ seed: 'h6-other-root' });
    const quote = simulateTdxQuote(pki, { reportData: RD });
    expect(
      codeOf(() =>
        verifyQuote(quote, other.collateral, { now: NOW, trust: { intelRootCaDer: [pki.rootCaDer, other.rootCaDer] } }),
      ),
    ).toBe('TDX_PCK_CHAIN_UNTRUSTED');
  });

  it('a PCESVN below every TCB level matches no level', () => {
    const low = createDevnetIntelPki({ seed: 'h6-low-pcesvn', pckPceSvn: 1 });
    const quote = simulateTdxQuote(low, { reportData: RD });
    expect(
      codeOf(() => verifyQuote(quote, low.collateral, { now: NOW, trust: { intelRootCaDer: [low.rootCaDer] } })),
    ).toBe('TDX_TCB_NOT_SUPPORTED');
  });
});
