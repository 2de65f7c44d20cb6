/**
 * TCB semantics, revocation and policy on SIMULATED quotes from the devnet PKI (attestation/pki, fixed seeds).
 * These need no vectors and always run.
 */
import { createHash } from 'node:crypto';
import { createDevnetIntelPki, simulateTdxQuote, type DevnetIntelPkiOptions } from '../../devnet/intel';
import { verifyQuote, type VerifiedQuote } from '../../attestation/tdx';
import {
  appraiseQuote,
  imageId,
  platformId,
  PolicyError,
  quoteViolations,
  type QuotePolicy,
} from '../../attestation/policy';
import { codeOf } from '../helpers/codes';

const NOW = new Date('2025-06-10T00:00:00Z');
const RD = new Uint8Array(64).fill(7);
const svn = (...b: number[]): Uint8Array => Uint8Array.from([...b, ...new Array<number>(16 - b.length).fill(0)]);

// The TCB model these tests assume, passed explicitly (independent of the simulator's defaults).
const SGX = [2, 2, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];
const DEVNET_TCB_LEVELS = [
  {
    sgxtcbcomponents: SGX,
    pcesvn: 11,
    tdxtcbcomponents: [5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2024-03-13T00:00:00Z',
    tcbStatus: 'UpToDate',
  },
  {
    sgxtcbcomponents: [2, 2, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
    pcesvn: 5,
    tdxtcbcomponents: [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2018-01-04T00:00:00Z',
    tcbStatus: 'OutOfDate',
    advisoryIDs: ['INTEL-SA-00837', 'INTEL-SA-00960'],
  },
];
const MODULES = [
  { id: 'TDX_03', tcbLevels: [{ isvsvn: 3, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' }] },
  {
    id: 'TDX_01',
    tcbLevels: [
      { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
      { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate' },
    ],
  },
];
const QE_LEVELS = [
  { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
  { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate', advisoryIDs: ['INTEL-SA-00615'] },
];
const BASE: Partial<DevnetIntelPkiOptions> = {
  issuedAt: new Date('2025-06-01T00:00:00Z'),
  pckSgxTcbComponents: SGX,
  pckPceSvn: 11,
  tcbLevels: DEVNET_TCB_LEVELS,
  moduleIdentities: MODULES,
  qeTcbLevels: QE_LEVELS,
};

const pkis = new Map<string, ReturnType<typeof createDevnetIntelPki>>();
function pki(opts: Partial<DevnetIntelPkiOptions> = {}): ReturnType<typeof createDevnetIntelPki> {
  const key = JSON.stringify(opts);
  let p = pkis.get(key);
  if (!p) {
    p = createDevnetIntelPki({ seed: 'a1-tests', ...BASE, ...opts });
    pkis.set(key, p);
  }
  return p;
}
const trustOf = (p: ReturnType<typeof pki>) => ({ intelRootCaDer: [p.rootCaDer] });
const rootSha = (p: ReturnType<typeof pki>): string => createHash('sha256').update(p.rootCaDer).digest('hex');

function verifySim(
  fields: Parameters<typeof simulateTdxQuote>[1] = { reportData: RD },
  opts: Parameters<typeof simulateTdxQuote>[2] = {},
  pkiOpts: Partial<DevnetIntelPkiOptions> = {},
  now = NOW,
): VerifiedQuote {
  const p = pki(pkiOpts);
  return verifyQuote(simulateTdxQuote(p, fields, opts), p.collateral, { now, trust: trustOf(p) });
}

describe('devnet quotes through the real verifier', () => {
  it('verify under the devnet root; the Intel root (default) rejects them', () => {
    const p = pki();
    const q = simulateTdxQuote(p, { reportData: RD });
    expect(verifyQuote(q, p.collateral, { now: NOW, trust: trustOf(p) }).tcbStatus).toBe('UpToDate');
    expect(codeOf(() => verifyQuote(q, p.collateral, { now: NOW }))).toBe('TDX_PCK_CHAIN_UNTRUSTED');
  });

  it('v5 TD 1.5 and v5 TD 1.0 bodies verify', () => {
    expect(verifySim({ reportData: RD }, { version: 5 }).quote.version).toBe(5);
    expect(verifySim({ reportData: RD }, { version: 5, bodyType: 2 }).tcbStatus).toBe('UpToDate');
  });

  it('a revoked PCK and a revoked PCK CA -> TDX_CERT_REVOKED', () => {
    expect(codeOf(() => verifySim(undefined, undefined, { revokePck: true }))).toBe('TDX_CERT_REVOKED');
    expect(codeOf(() => verifySim(undefined, undefined, { revokePckCa: true }))).toBe('TDX_CERT_REVOKED');
    expect(verifySim(undefined, undefined, { extraRevokedSerials: ['1234'] }).tcbStatus).toBe('UpToDate');
  });

  it('collateral expiry at now -> *_EXPIRED', () => {
    expect(codeOf(() => verifySim(undefined, undefined, { tcbInfoValidityDays: 1 }))).toBe('TDX_TCB_INFO_EXPIRED');
    expect(codeOf(() => verifySim(undefined, undefined, { qeIdentityValidityDays: 1 }))).toBe(
      'TDX_QE_IDENTITY_EXPIRED',
    );
    expect(codeOf(() => verifySim(undefined, undefined, { pckCrlValidityDays: 1 }))).toBe('TDX_CRL_EXPIRED');
    expect(codeOf(() => verifySim(undefined, undefined, { pckNotAfter: new Date('2025-06-05T00:00:00Z') }))).toBe(
      'TDX_CERT_EXPIRED',
    );
    expect(codeOf(() => verifySim(undefined, undefined, { pckNotBefore: new Date('2025-06-11T00:00:00Z') }))).toBe(
      'TDX_CERT_NOT_YET_VALID',
    );
  });

  it('FMSPC of the TCB Info differs from the PCK -> TDX_TCB_INFO_MISMATCH', () => {
    expect(codeOf(() => verifySim(undefined, undefined, { tcbInfoFmspc: '00806F050000' }))).toBe(
      'TDX_TCB_INFO_MISMATCH',
    );
  });
});

describe('TCB status (Intel QVL semantics)', () => {
  it('QE OutOfDate converges the platform UpToDate to OutOfDate with the QE advisories; below every QE level is not supported', () => {
    const v = verifySim({ reportData: RD }, { qeIsvSvn: 2 });
    expect(v.tcbStatus).toBe('OutOfDate');
    expect(v.qeStatus).toBe('OutOfDate');
    expect(v.advisoryIds).toEqual(['INTEL-SA-00615']);
    expect(codeOf(() => verifySim({ reportData: RD }, { qeIsvSvn: 1 }))).toBe('TDX_TCB_NOT_SUPPORTED');
  });

  it('TEE_TCB_SVN below the top TDX level matches the OutOfDate level', () => {
    const v = verifySim({ reportData: RD, teeTcbSvn: svn(6, 1, 1) });
    expect(v.tcbStatus).toBe('OutOfDate');
    expect([...v.advisoryIds].sort()).toEqual(['INTEL-SA-00837', 'INTEL-SA-00960']);
    expect(codeOf(() => verifySim({ reportData: RD, teeTcbSvn: svn(6, 1, 0) }))).toBe('TDX_TCB_NOT_SUPPORTED');
  });

  it('bytes 0..1 are skipped when the module major version is non-zero; the module identity decides instead', () => {
    // tdxtcbcomponents[0] = 5 in the top level; module minor 4 < 5 would be OutOfDate if compared.
    const v = verifySim({ reportData: RD, teeTcbSvn: svn(4, 1, 3) });
    expect(v.tcbStatus).toBe('UpToDate');
    expect(v.tdxModuleId).toBe('TDX_01');
    const old = verifySim({ reportData: RD, teeTcbSvn: svn(3, 1, 3) });
    expect(old.tcbStatus).toBe('OutOfDate');
    expect(old.tdxModuleStatus).toBe('OutOfDate');
    expect(codeOf(() => verifySim({ reportData: RD, teeTcbSvn: svn(1, 1, 3) }))).toBe('TDX_TCB_NOT_SUPPORTED');
    expect(codeOf(() => verifySim({ reportData: RD, teeTcbSvn: svn(6, 2, 3) }))).toBe('TDX_MODULE_MISMATCH');
  });

  it('module major version 0: all 16 bytes compared, tdxModule identity used', () => {
    expect(verifySim({ reportData: RD, teeTcbSvn: svn(5, 0, 2) }).tdxModuleId).toBeUndefined();
    expect(verifySim({ reportData: RD, teeTcbSvn: svn(4, 0, 2) }).tcbStatus).toBe('OutOfDate');
  });

  it('MRSIGNERSEAM or SEAMATTRIBUTES different from the module identity -> TDX_MODULE_MISMATCH', () => {
    expect(codeOf(() => verifySim({ reportData: RD, mrsignerseam: new Uint8Array(48).fill(1) }))).toBe(
      'TDX_MODULE_MISMATCH',
    );
    expect(codeOf(() => verifySim({ reportData: RD, seamAttributes: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0) }))).toBe(
      'TDX_MODULE_MISMATCH',
    );
  });

  it('TD 1.5: launch OutOfDate but current UpToDate -> TDRelaunchAdvised', () => {
    const v = verifySim({ reportData: RD, teeTcbSvn: svn(3, 1, 3), teeTcbSvn2: svn(6, 1, 3) }, { version: 5 });
    expect(v.tcbStatus).toBe('TDRelaunchAdvised');
    const still = verifySim({ reportData: RD, teeTcbSvn: svn(3, 1, 3), teeTcbSvn2: svn(3, 1, 3) }, { version: 5 });
    expect(still.tcbStatus).toBe('OutOfDate');
  });

  it('levels are matched in Intel order whatever the JSON order', () => {
    const v = verifySim({ reportData: RD }, {}, { tcbLevels: [...DEVNET_TCB_LEVELS].reverse() });
    expect(v.tcbStatus).toBe('UpToDate');
  });

  it('a Revoked level fails closed with TDX_TCB_REVOKED', () => {
    const levels = DEVNET_TCB_LEVELS.map((l, i) => (i === 0 ? { ...l, tcbStatus: 'Revoked' } : l));
    expect(codeOf(() => verifySim(undefined, undefined, { tcbLevels: levels }))).toBe('TDX_TCB_REVOKED');
  });

  it('ConfigurationNeeded platform + OutOfDate QE -> OutOfDateConfigurationNeeded', () => {
    const levels = DEVNET_TCB_LEVELS.map((l, i) =>
      i === 0 ? { ...l, tcbStatus: 'ConfigurationNeeded', advisoryIDs: ['INTEL-SA-00001'] } : l,
    );
    const v = verifySim({ reportData: RD }, { qeIsvSvn: 2 }, { tcbLevels: levels });
    expect(v.tcbStatus).toBe('OutOfDateConfigurationNeeded');
    expect(v.advisoryIds).toEqual(['INTEL-SA-00001', 'INTEL-SA-00615']);
  });
});

describe('appraiseQuote', () => {
  const p = pki();
  const devnet: QuotePolicy = { allowedRoots: [rootSha(p)] };
  const codes = (v: VerifiedQuote, pol: QuotePolicy): string[] => quoteViolations(v, pol).map((x) => x.code);

  it('a devnet root must be opted in explicitly', () => {
    const v = verifySim();
    expect(codes(v, {})).toEqual(['POLICY_ROOT_NOT_ALLOWED']);
    expect(() => appraiseQuote(v, devnet)).not.toThrow();
  });

  it('TCB status: UpToDate only by default; opt-in statuses need every advisory allowlisted', () => {
    const v = verifySim({ reportData: RD, teeTcbSvn: svn(6, 1, 1) });
    expect(codes(v, devnet)).toEqual([
      'POLICY_TCB_STATUS_NOT_ALLOWED',
      'POLICY_ADVISORY_NOT_ALLOWED',
      'POLICY_ADVISORY_NOT_ALLOWED',
    ]);
    expect(
      codes(v, { ...devnet, acceptedStatuses: ['UpToDate', 'OutOfDate'], allowedAdvisoryIds: ['INTEL-SA-00837'] }),
    ).toEqual(['POLICY_ADVISORY_NOT_ALLOWED']);
    expect(
      codes(v, {
        ...devnet,
        acceptedStatuses: ['OutOfDate'],
        allowedAdvisoryIds: ['INTEL-SA-00837', 'INTEL-SA-00960'],
      }),
    ).toEqual([]);
    expect(() => quoteViolations(v, { acceptedStatuses: ['Revoked'] })).toThrow(RangeError);
  });

  it('TD attributes: debug, SEPT_VE_DISABLE, reserved bits; all violations reported together', () => {
    const attrs = Uint8Array.of(0x01, 0x02, 0, 0x40, 0, 0, 0, 0); // DEBUG, a reserved bit, PKS; no SEPT_VE_DISABLE
    const v = verifySim({ reportData: RD, tdAttributes: attrs });
    let err: unknown;
    try {
      appraiseQuote(v, devnet);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as PolicyError).code).toBe('POLICY_REJECTED');
    expect((err as PolicyError).violations.map((x) => x.code)).toEqual([
      'POLICY_DEBUG_ENABLED',
      'POLICY_SEPT_VE_DISABLE_OFF',
      'POLICY_TD_ATTRIBUTES_RESERVED',
    ]);
    expect(
      codes(verifySim({ reportData: RD, tdAttributes: Uint8Array.of(0, 0, 0, 0x50, 0, 0, 0, 0x80) }), devnet),
    ).toEqual([]); // PKS + PERFMON allowed
    expect(
      codes(verifySim({ reportData: RD, tdAttributes: new Uint8Array(8) }), { ...devnet, requireSeptVeDisable: false }),
    ).toEqual([]);
  });

  it('MRSERVICETD must be zero unless allowlisted (TD 1.5)', () => {
    const svc = new Uint8Array(48).fill(9);
    const v = verifySim({ reportData: RD, mrservicetd: svc }, { version: 5 });
    expect(codes(v, devnet)).toEqual(['POLICY_SERVICE_TD_NOT_ALLOWED']);
    expect(codes(v, { ...devnet, mrservicetd: [Buffer.from(svc).toString('hex').toUpperCase()] })).toEqual([]);
  });

  it('measurement, image id, platform id, XFAM and REPORTDATA allowlists', () => {
    const rtmr1 = new Uint8Array(48).fill(0x11);
    const v = verifySim({ reportData: RD, rtmr1 });
    if (v.teeType !== 'TDX') throw new Error('expected TDX');
    const m = v.measurements;
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    const good: QuotePolicy = {
      ...devnet,
      mrtd: [hex(m.mrtd)],
      rtmr0: [hex(m.rtmr0)],
      rtmr1: [hex(rtmr1)],
      rtmr2: [hex(m.rtmr2)],
      rtmr3: [hex(m.rtmr3)],
      xfam: [hex(m.xfam)],
      mrseam: [hex(m.mrseam)],
      imageIds: [imageId(m)],
      platformIds: [platformId(m)],
      reportData: RD,
    };
    expect(codes(v, good)).toEqual([]);
    const bad: QuotePolicy = {
      ...devnet,
      mrtd: [],
      rtmr1: ['00'.repeat(48)],
      xfam: ['ff'],
      imageIds: ['00'],
      platformIds: [],
      reportData: '07'.repeat(32),
    };
    expect(codes(v, bad)).toEqual([
      'POLICY_XFAM_NOT_ALLOWED',
      'POLICY_MRTD_NOT_ALLOWED',
      'POLICY_RTMR_NOT_ALLOWED',
      'POLICY_IMAGE_NOT_ALLOWED',
      'POLICY_PLATFORM_NOT_ALLOWED',
      'POLICY_REPORT_DATA_MISMATCH',
    ]);
  });

  it('SGX policy does not accept a TDX quote (TEE type pinned, TDX by default)', () => {
    expect(codes(verifySim(), { ...devnet, teeType: 'SGX' })).toEqual(['POLICY_TEE_TYPE_NOT_ALLOWED']);
  });

  it('only objects returned by verifyQuote can be appraised', () => {
    const v = verifySim();
    expect(() => appraiseQuote({ ...v } as VerifiedQuote, devnet)).toThrow(TypeError);
  });
});

describe('imageId / platformId (spec in attestation/README.md)', () => {
  const reg = (b: number): Uint8Array => new Uint8Array(48).fill(b);
  it('recomputes from the documented encoding', () => {
    const m = {
      rtmr1: reg(1),
      rtmr2: reg(2),
      mrconfigid: reg(3),
      mrowner: reg(4),
      mrownerconfig: reg(5),
      mrtd: reg(6),
      rtmr0: reg(7),
    };
    const expectImage = createHash('sha256')
      .update(Buffer.concat([Buffer.from('chrysalis/image-id/v1\0', 'latin1'), reg(1), reg(2), reg(3), reg(4), reg(5)]))
      .digest('hex');
    const expectPlatform = createHash('sha256')
      .update(Buffer.concat([Buffer.from('chrysalis/platform-id/v1\0', 'latin1'), reg(6), reg(7)]))
      .digest('hex');
    expect(imageId(m)).toBe(expectImage);
    expect(platformId(m)).toBe(expectPlatform);
    // Known-answer values, so that an accidental change of the encoding is caught.
    expect(imageId({ rtmr1: reg(0), rtmr2: reg(0), mrconfigid: reg(0), mrowner: reg(0), mrownerconfig: reg(0) })).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from('chrysalis/image-id/v1\0'), Buffer.alloc(240)]))
        .digest('hex'),
    );
  });
  it('rejects registers that are not 48 bytes', () => {
    expect(() =>
      imageId({ rtmr1: new Uint8Array(32), rtmr2: reg(2), mrconfigid: reg(3), mrowner: reg(4), mrownerconfig: reg(5) }),
    ).toThrow(RangeError);
  });
});
