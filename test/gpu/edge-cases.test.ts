/**
 * GPU parse / verify / appraise edge cases on SIMULATED devnet artefacts and hand-built inputs: typed error codes for
 * malformed RIMs, opaque data, NVAT evidence arrays and NRAS tokens, and every GPU / NRAS policy violation.
 */
import { createHash } from 'node:crypto';
import {
  appraiseGpu,
  compareGpuVersions,
  createGpuVerifyCache,
  gpuCertChainFromPem,
  gpuCertChainToPem,
  gpuViolations,
  GpuPolicyError,
  parseGpuOpaqueData,
  parseGpuReport,
  parseGpuRim,
  parseNvatEvidenceJson,
  verifyGpuEvidence,
  type VerifiedGpu,
} from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence } from '../../devnet';
import { codeOf } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('edge-case nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-edge-cases' });
const ev = simulateGpuEvidence(pki, { nonce });
const cache = createGpuVerifyCache();
const verified = (): VerifiedGpu => verifyGpuEvidence(ev, { now: NOW, nonce, trust: pki.trust, cache });

const codesOf = (vs: readonly { code: string }[]): string[] => vs.map((v) => v.code);

describe('compareGpuVersions', () => {
  it('orders dotted versions, pads missing parts with 0 and yields NaN for non-numeric parts', () => {
    expect(compareGpuVersions('550.90.07', '550.90.7', 10)).toBe(0);
    expect(compareGpuVersions('550.90', '550.90.0', 10)).toBe(0);
    expect(compareGpuVersions('550.90', '550.90.1', 10)).toBe(-1);
    expect(compareGpuVersions('96.00.9F.00.01', '96.00.5E.00.04', 16)).toBe(1);
    expect(compareGpuVersions('550.x', '550.1', 10)).toBeNaN();
    expect(compareGpuVersions('550.1', 'zz', 10)).toBeNaN();
  });
});

describe('gpuViolations / appraiseGpu', () => {
  it('a verified devnet GPU passes the default policy', () => {
    const v = verified();
    expect(gpuViolations(v)).toEqual([]);
    expect(() => appraiseGpu(v)).not.toThrow();
  });

  it('collects model, driver, VBIOS and OCSP violations at once', () => {
    const v = verified();
    const vs = gpuViolations(v, {
      allowedModels: ['GB100'],
      minDriverVersion: '560',
      minVbiosVersion: '97.00',
      requireOcsp: true,
    });
    expect(codesOf(vs)).toEqual([
      'GPU_POLICY_MODEL_NOT_ALLOWED',
      'GPU_POLICY_DRIVER_TOO_OLD',
      'GPU_POLICY_VBIOS_TOO_OLD',
      'GPU_POLICY_OCSP_NOT_CHECKED',
    ]);
    expect(vs[0]).toMatchObject({ field: 'device.model', expected: 'GB100', actual: 'GH100' });
    expect(vs[1]).toMatchObject({ actual: '550.90.07', expected: '>= 560' });
    expect(vs[3]).toMatchObject({ actual: 'not-checked' });
    try {
      appraiseGpu(v, { allowedModels: ['GB100'] });
      throw new Error('expected a policy error');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuPolicyError);
      expect((e as GpuPolicyError).code).toBe('GPU_POLICY_REJECTED');
      expect(codesOf((e as GpuPolicyError).violations)).toEqual(['GPU_POLICY_MODEL_NOT_ALLOWED']);
    }
  });

  it('absent versions fail a minimum and report "absent"', () => {
    const v = { ...verified(), driverVersion: undefined, vbiosVersion: undefined } as VerifiedGpu;
    const vs = gpuViolations(v, { minDriverVersion: '1', minVbiosVersion: '1' });
    expect(vs.map((x) => [x.code, x.actual])).toEqual([
      ['GPU_POLICY_DRIVER_TOO_OLD', 'absent'],
      ['GPU_POLICY_VBIOS_TOO_OLD', 'absent'],
    ]);
  });

  it('PPCIe from the protected-PCIe status alone is rejected unless allowed', () => {
    const v = { ...verified(), mode: { protectedPcie: true } } as VerifiedGpu;
    expect(gpuViolations(v)).toEqual([
      { code: 'GPU_POLICY_PPCIE_NOT_ALLOWED', field: 'mode', expected: 'SPT', actual: 'protected-pcie' },
    ]);
    expect(gpuViolations(v, { allowPpcie: true })).toEqual([]);
  });

  it('a measurement with no reported block shows "absent"; relaxed policies skip RIM checks', () => {
    const base = verified();
    const v = {
      ...base,
      measurements: {
        ...base.measurements!,
        matched: false,
        mismatches: [{ index: 7, source: 'driver', expected: ['aa'], actual: null }],
      },
    } as unknown as VerifiedGpu;
    expect(gpuViolations(v).map((x) => [x.code, x.actual])).toEqual([
      ['GPU_POLICY_MEASUREMENT_MISMATCH', 'absent'],
      ['GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF', 'unknown'],
    ]);
    expect(gpuViolations(v, { requireMeasurementsMatch: false, requireDevtoolsOff: false })).toEqual([]);
  });
});

describe('opaque data TLVs', () => {
  const tlv = (type: number, value: number[]): number[] => [
    type & 0xff,
    type >> 8,
    value.length & 0xff,
    value.length >> 8,
    ...value,
  ];
  const parse = (...t: number[][]) => parseGpuOpaqueData(Uint8Array.from(t.flat()));

  it('decodes CHIP_INFO and the MPT / PPCIE feature flags', () => {
    const chip = [...Buffer.from('GH100\0\0')];
    expect(parse(tlv(35, chip), tlv(36, [1, 0])).chipInfo).toBe('GH100');
    expect(parse(tlv(36, [1, 0])).featureMode).toBe('MPT');
    expect(parse(tlv(36, [2, 0])).featureMode).toBe('PPCIE');
    const other = parse(tlv(36, [3, 0]));
    expect(other.featureFlag).toBe(3);
    expect(other.featureMode).toBeUndefined();
  });

  it('rejects an empty FWID and a SWITCH_PDI that is not a multiple of 8', () => {
    expect(codeOf(() => parse(tlv(20, [])))).toBe('GPU_OPAQUE_DATA_INVALID');
    expect(codeOf(() => parse(tlv(22, [1, 2, 3])))).toBe('GPU_OPAQUE_DATA_INVALID');
    expect(
      parse(
        tlv(
          22,
          Array.from({ length: 16 }, (_, i) => i),
        ),
      ).switchPdis,
    ).toHaveLength(2);
  });
});

describe('RIM structure and algorithm checks (devnet RIM, edited)', () => {
  const rim = ev.rims!.driver!;
  const alg = (s: string) => codeOf(() => parseGpuRim(s));

  it('the unedited devnet RIM parses', () => {
    const p = parseGpuRim(rim);
    expect(p.version).toBe('550.90.07');
    expect(p.product).toBe('GH100');
    expect(p.manufacturerId).toBe('5703');
  });

  it.each<[string, (x: string) => string]>([
    ['xml:id', (x) => x.replace('<ns0:Payload>', '<ns0:Payload xml:id="p">')],
    [
      'canonicalization',
      (x) =>
        x.replace(
          'CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"',
          'CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"',
        ),
    ],
    ['signature method', (x) => x.replace('xmldsig-more#ecdsa-sha384', 'xmldsig-more#ecdsa-sha256')],
    ['reference URI', (x) => x.replace('<ds:Reference URI="">', '<ds:Reference URI="#x">')],
    [
      'transforms',
      (x) => x.replace('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>', ''),
    ],
    [
      'digest method',
      (x) =>
        x.replace(
          'DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"',
          'DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"',
        ),
    ],
  ])('%s outside the supported profile is GPU_RIM_ALGORITHM_UNSUPPORTED', (_name, edit) => {
    const edited = edit(rim);
    expect(edited).not.toBe(rim);
    expect(alg(edited)).toBe('GPU_RIM_ALGORITHM_UNSUPPORTED');
  });

  it.each<[string, (x: string) => string]>([
    ['no signer certificate', (x) => x.replace(/<ds:X509Certificate>[^<]*<\/ds:X509Certificate>/g, '')],
    ['no colloquialVersion', (x) => x.replace('colloquialVersion="550.90.07"', '')],
    ['active not True/False', (x) => x.replace('index="0" active="False"', 'index="0" active="no"')],
    ['index out of range', (x) => x.replace('index="0" active', 'index="999" active')],
    ['two Payload elements', (x) => x.replace('<ns0:Payload>', '<ns0:Payload/><ns0:Payload>')],
  ])('%s is GPU_RIM_MALFORMED', (_name, edit) => {
    const edited = edit(rim);
    expect(edited).not.toBe(rim);
    expect(alg(edited)).toBe('GPU_RIM_MALFORMED');
  });
});

describe('reports, chains and options', () => {
  it('parseGpuReport rejects a non-Uint8Array with TypeError', () => {
    expect(() => parseGpuReport('11e001ff' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('verifyGpuEvidence rejects an invalid `now` with TypeError', () => {
    expect(() => verifyGpuEvidence(ev, { now: new Date('nope'), nonce, trust: pki.trust })).toThrow(TypeError);
    expect(() => verifyGpuEvidence(ev, { now: '2026' as unknown as Date, nonce, trust: pki.trust })).toThrow(TypeError);
  });

  it('PEM chains round-trip; bad base64 and text without certificates are GPU_CERT_CHAIN_MALFORMED', () => {
    const pem = gpuCertChainToPem(ev.certChain);
    expect(gpuCertChainFromPem(pem).map((d) => Buffer.from(d).toString('hex'))).toEqual(
      ev.certChain.map((d) => Buffer.from(d).toString('hex')),
    );
    expect(codeOf(() => gpuCertChainFromPem('no certificates here'))).toBe('GPU_CERT_CHAIN_MALFORMED');
    expect(codeOf(() => gpuCertChainFromPem('-----BEGIN CERTIFICATE-----\nMII*C\n-----END CERTIFICATE-----\n'))).toBe(
      'GPU_CERT_CHAIN_MALFORMED',
    );
  });

  it('an empty device chain is rejected (length check, then the chain walk when no length is required)', () => {
    expect(codeOf(() => verifyGpuEvidence({ ...ev, certChain: [] }, { now: NOW, nonce, trust: pki.trust }))).toBe(
      'GPU_CERT_CHAIN_LENGTH',
    );
    expect(
      codeOf(() => verifyGpuEvidence({ ...ev, certChain: [] }, { now: NOW, nonce, trust: pki.trust, chainLength: 0 })),
    ).toBe('GPU_CERT_CHAIN_BROKEN');
  });
});

describe('NVAT evidence JSON', () => {
  const pem = gpuCertChainToPem(ev.certChain);
  const entry = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    nonce: Buffer.from(nonce).toString('hex'),
    evidence: Buffer.from(ev.report).toString('base64'),
    certificate: Buffer.from(pem).toString('base64'),
    ...extra,
  });

  it('accepts raw and hex-text reports, objects and text; arch defaults to HOPPER', () => {
    const hexText = Buffer.from(Buffer.from(ev.report).toString('hex'), 'latin1').toString('base64');
    const [a, b] = parseNvatEvidenceJson([
      entry(),
      entry({ evidence: hexText, arch: 'BLACKWELL', nonce: `0x${Buffer.from(nonce).toString('hex')}` }),
    ]);
    expect(a!.arch).toBe('HOPPER');
    expect(b!.arch).toBe('BLACKWELL');
    expect(Buffer.from(b!.evidence.report).equals(Buffer.from(ev.report))).toBe(true);
    expect(Buffer.from(b!.nonce).equals(Buffer.from(nonce))).toBe(true);
    expect(parseNvatEvidenceJson(JSON.stringify([entry()]))[0]!.evidence.certChain).toHaveLength(ev.certChain.length);
  });

  it.each<[string, unknown]>([
    ['not JSON', '[{'],
    ['not an array', '{}'],
    ['an entry that is not an object', [null]],
    ['an entry without evidence', [{ nonce: 'aa', certificate: 'aa' }]],
    ['a short nonce', [{ nonce: 'abcd', evidence: 'AA==', certificate: 'AA==' }]],
  ])('%s is GPU_REPORT_HEX_INVALID', (_name, input) => {
    expect(codeOf(() => parseNvatEvidenceJson(input))).toBe('GPU_REPORT_HEX_INVALID');
  });
});
