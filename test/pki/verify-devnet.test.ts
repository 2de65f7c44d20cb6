import 'reflect-metadata';
import { createDevnetIntelPki, simulateTdxQuote, type DevnetIntelPkiOptions } from '../../devnet/intel';
import { verifyQuote, type VerifiedQuote } from '../../attestation/tdx';
import type { Collateral } from '../../attestation/collateral';

const SEED = 'verify-devnet';
const NOW = new Date('2025-06-15T12:00:00Z'); // devnet collateral: issued 2025-06-01, 30 days
const reportData = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
const svn = (...b: number[]): Uint8Array => Uint8Array.from([...b, ...new Array<number>(16 - b.length).fill(0)]);

const base = createDevnetIntelPki({ seed: SEED });
const devnetTrust = { intelRootCaDer: [base.rootCaDer] };

function verifyWith(
  opts: Partial<DevnetIntelPkiOptions>,
  fields: Parameters<typeof simulateTdxQuote>[1] = { reportData },
  q: Parameters<typeof simulateTdxQuote>[2] = {},
  now = NOW,
  collateral?: (c: Collateral) => Collateral,
): VerifiedQuote {
  const pki = Object.keys(opts).length === 0 ? base : createDevnetIntelPki({ seed: SEED, ...opts });
  const quote = simulateTdxQuote(pki, fields, q);
  return verifyQuote(quote, collateral ? collateral(pki.collateral) : pki.collateral, {
    now,
    trust: { intelRootCaDer: [pki.rootCaDer] },
  });
}
function codeOf(f: () => unknown): string {
  try {
    f();
    return 'NO_ERROR';
  } catch (e) {
    return (e as { code?: string }).code ?? `UNTYPED:${String(e)}`;
  }
}

describe('simulated quotes under the verifier (devnet root passed explicitly)', () => {
  test.each([
    ['v4', { version: 4 }],
    ['v5 TD1.5', { version: 5 }],
    ['v5 TD1.0', { version: 5, bodyType: 2 }],
  ] as const)('%s verifies UpToDate with the devnet root', (_n, q) => {
    const v = verifyWith({}, { reportData, mrtd: new Uint8Array(48).fill(9) }, q);
    expect(v.teeType).toBe('TDX');
    expect(v.tcbStatus).toBe('UpToDate');
    expect(v.advisoryIds).toEqual([]);
    expect(v.fmspc).toBe(base.fmspc.toLowerCase());
    expect(v.tdxModuleId).toBe('TDX_01');
    if (v.teeType !== 'TDX') throw new Error('not TDX');
    expect(Buffer.from(v.measurements.reportData).equals(Buffer.from(reportData))).toBe(true);
    expect(v.measurements.mrtd.every((b) => b === 9)).toBe(true);
  });

  test('the same quote is REJECTED with the default (Intel) root', () => {
    const quote = simulateTdxQuote(base, { reportData });
    expect(codeOf(() => verifyQuote(quote, base.collateral, { now: NOW }))).toBe('TDX_PCK_CHAIN_UNTRUSTED');
    const other = createDevnetIntelPki({ seed: 'someone-else' });
    expect(
      codeOf(() => verifyQuote(quote, base.collateral, { now: NOW, trust: { intelRootCaDer: [other.rootCaDer] } })),
    ).toBe('TDX_PCK_CHAIN_UNTRUSTED');
  });

  test('processor-CA PKI verifies', () => {
    expect(verifyWith({ pckCaType: 'processor' }).tcbStatus).toBe('UpToDate');
  });

  test.each([
    [
      'platform TCB OutOfDate (late microcode 1 < 2)',
      { teeTcbSvn: svn(6, 1, 1) },
      {},
      'OutOfDate',
      ['INTEL-SA-00837', 'INTEL-SA-00960'],
    ],
    ['TDX module OutOfDate (TDX_01 isvsvn 3 < 4) converges', { teeTcbSvn: svn(3, 1, 3) }, {}, 'OutOfDate', []],
    ['QE OutOfDate (isvsvn 2 < 4) converges', {}, { qeIsvSvn: 2 }, 'OutOfDate', ['INTEL-SA-00615']],
    ['module TDX_03 (TEE_TCB_SVN[1] = 3) UpToDate', { teeTcbSvn: svn(3, 3, 3) }, {}, 'UpToDate', []],
    // Intel skips TEE_TCB_SVN[0..1] when [1] > 0: byte 0 = 4 < 5 does not lower the platform level.
    [
      "Intel module-index rule: TEE_TCB_SVN[0] below the level's byte 0",
      { teeTcbSvn: svn(4, 1, 3) },
      {},
      'UpToDate',
      [],
    ],
  ] as const)('%s', (_n, fields, q, status, advisories) => {
    const v = verifyWith({}, { reportData, ...fields }, q);
    expect(v.tcbStatus).toBe(status);
    expect([...v.advisoryIds].sort()).toEqual([...advisories].sort());
  });

  test('TD 1.5: launch OutOfDate, current UpToDate ⇒ TDRelaunchAdvised', () => {
    const v = verifyWith({}, { reportData, teeTcbSvn: svn(6, 1, 1), teeTcbSvn2: svn(6, 1, 3) }, { version: 5 });
    expect(v.tcbStatus).toBe('TDRelaunchAdvised');
  });

  test('revoked PCK is rejected (TDX_CERT_REVOKED)', () => {
    expect(codeOf(() => verifyWith({ revokePck: true }))).toBe('TDX_CERT_REVOKED');
    expect(codeOf(() => verifyWith({ revokePckCa: true }))).toBe('TDX_CERT_REVOKED');
    expect(codeOf(() => verifyWith({ extraRevokedSerials: ['1234'] }))).toBe('NO_ERROR');
  });

  test.each([
    ['TCB Info', { tcbInfoValidityDays: 10 }, 'TDX_TCB_INFO_EXPIRED'],
    ['QE Identity', { qeIdentityValidityDays: 10 }, 'TDX_QE_IDENTITY_EXPIRED'],
    ['PCK CRL', { pckCrlValidityDays: 10 }, 'TDX_CRL_EXPIRED'],
    ['Root CA CRL', { rootCrlValidityDays: 10 }, 'TDX_CRL_EXPIRED'],
    ['PCK certificate', { pckNotAfter: new Date('2025-06-12T00:00:00Z') }, 'TDX_CERT_EXPIRED'],
    ['PCK certificate (not yet valid)', { pckNotBefore: new Date('2025-06-20T00:00:00Z') }, 'TDX_CERT_NOT_YET_VALID'],
  ] as const)('expired %s is rejected with its code', (_n, o, code) => {
    expect(codeOf(() => verifyWith(o))).toBe(code);
  });

  test('collateral validity edges: nextUpdate passes, +1 s fails; issueDate − 1 s fails', () => {
    const end = new Date('2025-07-01T00:00:00Z');
    expect(codeOf(() => verifyWith({}, { reportData }, {}, end))).toBe('NO_ERROR');
    expect(codeOf(() => verifyWith({}, { reportData }, {}, new Date(end.getTime() + 1000)))).toMatch(/EXPIRED$/);
    expect(codeOf(() => verifyWith({}, { reportData }, {}, new Date('2025-05-31T23:59:59Z')))).toMatch(
      /NOT_YET_VALID$/,
    );
  });

  test('tampered collateral is rejected with specific codes', () => {
    const flip = (b: Uint8Array, i: number): Uint8Array => {
      const c = Uint8Array.from(b);
      c[i] = (c[i] as number) ^ 0x01;
      return c;
    };
    const tamperedTcb = (c: Collateral): Collateral => {
      const text = Buffer.from(c.tcbInfo).toString('utf8').replace('"tcbStatus":"OutOfDate"', '"tcbStatus":"UpToDate"');
      return { ...c, tcbInfo: new Uint8Array(Buffer.from(text, 'utf8')) };
    };
    expect(codeOf(() => verifyWith({}, { reportData }, {}, NOW, tamperedTcb))).toBe('TDX_TCB_INFO_SIGNATURE_INVALID');
    expect(
      codeOf(() =>
        verifyWith({}, { reportData }, {}, NOW, (c) => ({ ...c, tcbInfoSignature: flip(c.tcbInfoSignature, 5) })),
      ),
    ).toBe('TDX_TCB_INFO_SIGNATURE_INVALID');
    expect(
      codeOf(() => verifyWith({}, { reportData }, {}, NOW, (c) => ({ ...c, qeIdentity: flip(c.qeIdentity, 40) }))),
    ).toBe('TDX_QE_IDENTITY_SIGNATURE_INVALID');
    expect(codeOf(() => verifyWith({}, { reportData }, {}, NOW, (c) => ({ ...c, pckCrl: c.rootCaCrl })))).toBe(
      'TDX_CRL_ISSUER_MISMATCH',
    );
  });

  test('mismatches: FMSPC, unsupported TCB, TDX module, QE identity', () => {
    expect(codeOf(() => verifyWith({ tcbInfoFmspc: '00806F050000' }))).toBe('TDX_TCB_INFO_MISMATCH');
    expect(codeOf(() => verifyWith({ pckSgxTcbComponents: new Array<number>(16).fill(1) }))).toBe(
      'TDX_TCB_NOT_SUPPORTED',
    );
    expect(codeOf(() => verifyWith({}, { reportData, teeTcbSvn: svn(6, 2, 3) }))).toBe('TDX_MODULE_MISMATCH');
    expect(codeOf(() => verifyWith({}, { reportData, mrsignerseam: new Uint8Array(48).fill(1) }))).toBe(
      'TDX_MODULE_MISMATCH',
    );
    expect(codeOf(() => verifyWith({}, { reportData, seamAttributes: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0) }))).toBe(
      'TDX_MODULE_MISMATCH',
    );
    expect(codeOf(() => verifyWith({}, { reportData }, { qeIsvSvn: 1 }))).toBe('TDX_TCB_NOT_SUPPORTED');
  });

  test('a one-byte change in the signed body is rejected (quote signature)', () => {
    const quote = simulateTdxQuote(base, { reportData });
    const bad = Uint8Array.from(quote);
    bad[600] = (bad[600] as number) ^ 0x80; // inside REPORTDATA
    expect(codeOf(() => verifyQuote(bad, base.collateral, { now: NOW, trust: devnetTrust }))).toBe(
      'TDX_QUOTE_SIGNATURE_INVALID',
    );
    const badQe = Uint8Array.from(quote);
    badQe[636 + 134 + 10] = (badQe[636 + 134 + 10] as number) ^ 0x01; // inside the QE report
    expect(codeOf(() => verifyQuote(badQe, base.collateral, { now: NOW, trust: devnetTrust }))).toBe(
      'TDX_QE_REPORT_SIGNATURE_INVALID',
    );
    const badAuth = simulateTdxQuote(base, { reportData }, { qeAuthData: new Uint8Array(32).fill(7) });
    const swapped = Uint8Array.from(badAuth);
    swapped[636 + 584 + 5] = 0; // QE auth data byte (v4: auth data at 636+584)
    expect(codeOf(() => verifyQuote(swapped, base.collateral, { now: NOW, trust: devnetTrust }))).toBe(
      'TDX_QE_REPORT_DATA_MISMATCH',
    );
  });
});
