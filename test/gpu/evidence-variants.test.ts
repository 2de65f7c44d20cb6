/**
 * GPU verification over variants of SIMULATED devnet evidence (no vectors needed): evidence with one RIM or none,
 * device leaves re-issued by the devnet BROM CA with a DICE TcbInfo FWID, without FWID or SAN, or with a P-256 key,
 * RIMs edited out of their profile, hand-built leaf DER for the certificate-fact reader, and RIM ids from partial
 * opaque data. Every rejection is asserted by its code.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { Extension } from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import {
  createGpuVerifyCache,
  gpuRimIds,
  gpuViolations,
  parseGpuRim,
  verifyGpuEvidence,
  type GpuEvidence,
  type GpuReport,
} from '../../attestation/gpu';
import { deviceCertFacts } from '../../attestation/gpu/device-cert';
import { createDevnetNvidiaPki, issueDevnetGpuCertificate, simulateGpuEvidence, type DevnetGpuKey } from '../../devnet';
import { codeOf } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('evidence variants nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-evidence-variants', devices: 1 });
const ev = simulateGpuEvidence(pki, { nonce });
const verify = (e: GpuEvidence, extra: Record<string, unknown> = {}) =>
  verifyGpuEvidence(e, { now: NOW, nonce, trust: pki.trust, cache: createGpuVerifyCache(), ...extra });
const activeCount = (xml: string): number => parseGpuRim(xml).measurements.filter((m) => m.active).length;
const codes = (vs: readonly { code: string }[]): string[] => vs.map((v) => v.code);

/** Minimal DER writer for hand-built structures. */
function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
}
const oid = (dotted: string): Uint8Array => {
  const p = dotted.split('.').map(Number);
  const out = [p[0]! * 40 + p[1]!];
  for (const n of p.slice(2)) {
    const b = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) b.unshift((v & 0x7f) | 0x80);
    out.push(...b);
  }
  return tlv(0x06, Uint8Array.from(out));
};
const SHA384_OID = '2.16.840.1.101.3.4.2.2';

/** DiceTcbInfo ::= SEQUENCE { vendor [0] UTF8String, fwids [6] IMPLICIT SEQUENCE OF FWID }. */
const tcbInfo = (fwid: Uint8Array): Uint8Array =>
  tlv(0x30, tlv(0x80, Buffer.from('NVIDIA')), tlv(0xa6, tlv(0x30, oid(SHA384_OID), tlv(0x04, fwid))));

/** A leaf like the devnet's, issued by device 0's BROM CA with the given key and extensions. */
function reissueLeaf(key: DevnetGpuKey, extraExtensions: Extension[]): Uint8Array {
  const d = pki.devices[0]!;
  return issueDevnetGpuCertificate({
    subjectCn: 'GH100 A01 GSP FMC LF',
    serial: Uint8Array.of(0x01, 0x23),
    key,
    issuer: { cn: d.brom.cn, ...(d.brom.serial ? { serial: d.brom.serial } : {}), key: d.brom.key },
    ca: false,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2099-01-01T00:00:00Z'),
    extraExtensions,
  });
}
const ext = (id: string, value: Uint8Array) =>
  new Extension({ extnID: id, critical: false, extnValue: new OctetString(value) });
const withLeaf = (leaf: Uint8Array): GpuEvidence => ({ ...ev, certChain: [leaf, ...ev.certChain.slice(1)] });

describe('evidence with one RIM or none', () => {
  it('driver RIM only: the driver blocks are compared and the policy names the missing VBIOS RIM', () => {
    const v = verify({ ...ev, rims: { driver: ev.rims!.driver! } });
    expect(v.rims.driver).toBeDefined();
    expect(v.rims.vbios).toBeUndefined();
    expect(v.measurements?.matched).toBe(true);
    // Every active driver block is compared, except NVDEC0 when the report says it is disabled.
    expect(v.measurements!.compared + v.measurements!.skipped.length).toBe(activeCount(ev.rims!.driver!));
    expect(v.measurements!.compared).toBeGreaterThan(0);
    const vs = gpuViolations(v);
    expect(codes(vs)).toEqual(['GPU_POLICY_RIM_MISSING', 'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF']);
    expect(vs[0]!.field).toBe('rims.vbios');
  });

  it('VBIOS RIM only: the VBIOS blocks are compared and the policy names the missing driver RIM', () => {
    const v = verify({ ...ev, rims: { vbios: ev.rims!.vbios! } });
    expect(v.measurements!.compared + v.measurements!.skipped.length).toBe(activeCount(ev.rims!.vbios!));
    expect(v.measurements?.matched).toBe(true);
    // Without the driver RIM the devtools-off measurement cannot be proven either.
    expect(gpuViolations(v).map((x) => x.field)).toEqual(['rims.driver', 'mode.devtools']);
  });

  it('no RIMs: nothing is compared; the default policy wants both RIMs, a relaxed one accepts', () => {
    const { rims: _rims, ...bare } = ev;
    const v = verify(bare);
    expect(v.measurements).toBeNull();
    expect(v.rims).toEqual({});
    expect(codes(gpuViolations(v))).toEqual([
      'GPU_POLICY_RIM_MISSING',
      'GPU_POLICY_RIM_MISSING',
      'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF',
    ]);
    expect(gpuViolations(v, { requireMeasurementsMatch: false, requireDevtoolsOff: false })).toEqual([]);
  });

  it("an explicit 'require' OCSP policy applies to devnet roots too", () => {
    expect(codeOf(() => verify(ev, { ocspPolicy: 'require' }))).toBe('GPU_OCSP_MISSING');
    expect(verify(ev, { ocspPolicy: 'allow-missing' }).warnings).toContain('GPU_OCSP_MISSING');
  });

  it('one cache serves many trust-root sets (its anchor table is bounded)', () => {
    const cache = createGpuVerifyCache();
    for (let i = 1; i <= 18; i++) {
      const trust = {
        deviceRootDer: Array.from({ length: i }, () => pki.deviceRootDer),
        rimRootDer: [pki.rimRootDer],
      };
      const v = verifyGpuEvidence(ev, { now: NOW, nonce, trust, cache });
      expect(v.device.fwidChecked).toBe(true);
    }
    expect(cache.anchors.size).toBeLessThanOrEqual(16);
  });
});

describe('device leaves re-issued by the devnet BROM CA', () => {
  const leafKey = pki.devices[0]!.leafKey;

  it('a Blackwell-style DICE TcbInfo FWID binds like the Hopper FWID extension', () => {
    const leaf = reissueLeaf(leafKey, [ext('2.23.133.5.4.1.1', tcbInfo(pki.fwid))]);
    const facts = deviceCertFacts(leaf);
    expect(facts.fwidSource).toBe('dice-tcbinfo');
    expect(Buffer.from(facts.fwid!).equals(Buffer.from(pki.fwid))).toBe(true);
    expect(facts.ueid).toBe(String(0x0123));
    expect(facts.deviceId).toBeUndefined();
    const v = verify(withLeaf(leaf));
    expect(v.device.fwidChecked).toBe(true);
    expect(v.device.deviceId).toBeUndefined();
    expect(v.device.ueid).toBe('291');
  });

  it('a TcbInfo FWID that differs from the report is GPU_FWID_MISMATCH', () => {
    const leaf = reissueLeaf(leafKey, [ext('2.23.133.5.4.1.1', tcbInfo(new Uint8Array(48).fill(7)))]);
    expect(codeOf(() => verify(withLeaf(leaf)))).toBe('GPU_FWID_MISMATCH');
  });

  it('a leaf without any FWID cannot bind the report FWID: GPU_FWID_MISMATCH', () => {
    const leaf = reissueLeaf(leafKey, []);
    expect(deviceCertFacts(leaf).fwid).toBeUndefined();
    expect(codeOf(() => verify(withLeaf(leaf)))).toBe('GPU_FWID_MISMATCH');
  });

  it('unusable TcbInfo and SAN values are ignored, not fatal', () => {
    const leaf = reissueLeaf(leafKey, [
      ext('2.23.133.5.4.1.1', tlv(0x31)), // not a SEQUENCE
      ext('2.5.29.17', tlv(0x30, tlv(0x82, Buffer.from('gpu.example')))), // dNSName only
    ]);
    const facts = deviceCertFacts(leaf);
    expect(facts.fwid).toBeUndefined();
    expect(facts.deviceId).toBeUndefined();
  });

  it('a leaf key that is not ECDSA P-384 is GPU_CERT_CHAIN_BROKEN', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const leaf = reissueLeaf(p256, []);
    expect(codeOf(() => verify(withLeaf(leaf)))).toBe('GPU_CERT_CHAIN_BROKEN');
  });
});

describe('deviceCertFacts on hand-built leaf DER', () => {
  const serial = tlv(0x02, Uint8Array.of(0x05));
  const exts = (...e: Uint8Array[]) => tlv(0xa3, tlv(0x30, ...e));
  const extn = (id: string, value: Uint8Array) => tlv(0x30, oid(id), tlv(0x04, value));
  const cert = (...tbs: Uint8Array[]) => tlv(0x30, tlv(0x30, ...tbs));

  it.each<[string, Uint8Array, Record<string, unknown>]>([
    ['no version, no extensions', cert(serial), { ueid: '5' }],
    ['an empty serial', cert(tlv(0x02)), { ueid: '0' }],
    [
      'a Hopper FWID extension: its last 48 bytes',
      cert(tlv(0xa0, tlv(0x02, Uint8Array.of(2))), serial, exts(extn('2.23.133.5.4.1', new Uint8Array(60).fill(9)))),
      { ueid: '5', fwidSource: 'dice-fwid' },
    ],
    [
      'a Hopper FWID extension shorter than an FWID',
      cert(serial, exts(extn('2.23.133.5.4.1', new Uint8Array(20)))),
      { ueid: '5' },
    ],
    [
      'TcbInfo without fwids, with a non-SEQUENCE FWID, with a non-OCTET digest, truncated',
      cert(
        serial,
        exts(
          extn('2.23.133.5.4.1.1', tlv(0x30, tlv(0x80, Buffer.from('x')))),
          extn('2.23.133.5.4.1.1', tlv(0x30, tlv(0xa6, tlv(0x04, new Uint8Array(48))))),
          extn('2.23.133.5.4.1.1', tlv(0x30, tlv(0xa6, tlv(0x30, oid(SHA384_OID), tlv(0x02, Uint8Array.of(1)))))),
          extn('2.23.133.5.4.1.1', Uint8Array.of(0x30, 0x10, 0x00)),
        ),
      ),
      { ueid: '5' },
    ],
    [
      'SAN otherNames of another type or with a non-[0] value, and a truncated SAN',
      cert(
        serial,
        exts(
          extn('2.5.29.17', tlv(0x30, tlv(0xa0, oid('1.2.3.4'), tlv(0xa0, tlv(0x0c, Buffer.from('a')))))),
          extn('2.5.29.17', tlv(0x30, tlv(0xa0, oid('1.3.6.1.4.1.412.274.1'), tlv(0x0c, Buffer.from('b'))))),
          extn('2.5.29.17', Uint8Array.of(0x30, 0x20, 0xa0)),
        ),
      ),
      { ueid: '5' },
    ],
    [
      'extensions that are not OID + OCTET STRING, or not decodable, are skipped',
      cert(
        serial,
        exts(
          tlv(0x30, tlv(0x04, Uint8Array.of(1)), tlv(0x04, Uint8Array.of(2))),
          tlv(0x30, oid('2.5.29.17'), tlv(0x01, Uint8Array.of(0xff))),
          tlv(0x30, Uint8Array.of(0x06, 0x05, 0x01)),
        ),
      ),
      { ueid: '5' },
    ],
    [
      'a device id otherName',
      cert(
        serial,
        exts(
          extn(
            '2.5.29.17',
            tlv(0x30, tlv(0xa0, oid('1.3.6.1.4.1.412.274.1'), tlv(0xa0, tlv(0x0c, Buffer.from('NVIDIA:GH100:AB'))))),
          ),
        ),
      ),
      { ueid: '5', deviceId: 'NVIDIA:GH100:AB' },
    ],
  ])('%s', (_name, der, expected) => {
    const facts = deviceCertFacts(der);
    const { fwid, ...rest } = facts;
    expect(rest).toEqual(expected);
    if (expected['fwidSource'] === 'dice-fwid') expect(fwid).toEqual(new Uint8Array(48).fill(9));
    else expect(fwid).toBeUndefined();
  });

  it('a leaf that is not a certificate is GPU_CERT_CHAIN_MALFORMED', () => {
    expect(codeOf(() => deviceCertFacts(Uint8Array.of(0x30, 0x03, 0x02)))).toBe('GPU_CERT_CHAIN_MALFORMED');
    expect(codeOf(() => deviceCertFacts(tlv(0x30, tlv(0x30))))).toBe('GPU_CERT_CHAIN_MALFORMED');
    expect(codeOf(() => deviceCertFacts(tlv(0x30, tlv(0x30, tlv(0xa0, tlv(0x02, Uint8Array.of(2)))))))).toBe(
      'GPU_CERT_CHAIN_MALFORMED',
    );
  });
});

describe('RIM structure (devnet VBIOS RIM, edited)', () => {
  const rim = ev.rims!.vbios!;
  const C14N11 = 'http://www.w3.org/2006/12/xml-c14n11';

  it.each<[string, (x: string) => string]>([
    ['an empty document', () => ''],
    ['a DOCTYPE', (x) => `<!DOCTYPE x [<!ENTITY a "b">]>${x}`],
    ['XML that is not well formed', (x) => x.slice(0, x.length / 2)],
    ['another document element', (x) => x.replace(/SoftwareIdentity/g, 'SoftwareIdentityX')],
    ['a duplicate measurement index', (x) => x.replace('index="1" active', 'index="0" active')],
    ['a missing Hash0', (x) => x.replace(/ns2:Hash0="[0-9a-f]+" name="Measurement_0"/, 'name="Measurement_0"')],
    ['a hash that is not hex', (x) => x.replace(/(ns2:Hash0=")[0-9a-f]{2}/, '$1zz')],
    ['a hash of the wrong size', (x) => x.replace(/(ns2:Hash0="[0-9a-f]+)(" name="Measurement_0")/, '$1ab$2')],
    ['an index that is not an integer', (x) => x.replace('index="2" active', 'index="two" active')],
    ['alternatives out of range', (x) => x.replace('alternatives="1"', 'alternatives="0"')],
  ])('%s is GPU_RIM_MALFORMED', (_name, edit) => {
    const edited = edit(rim);
    expect(edited).not.toBe(rim);
    expect(codeOf(() => parseGpuRim(edited))).toBe('GPU_RIM_MALFORMED');
  });

  it('a second transform that is not C14N is GPU_RIM_ALGORITHM_UNSUPPORTED', () => {
    const edited = rim.replace(
      `<ds:Transform Algorithm="${C14N11}"/></ds:Transforms>`,
      '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/></ds:Transforms>',
    );
    expect(edited).not.toBe(rim);
    expect(codeOf(() => parseGpuRim(edited))).toBe('GPU_RIM_ALGORITHM_UNSUPPORTED');
  });

  it('resources that are not measurements are skipped; a RIM without product parses', () => {
    const edited = rim.replace('type="Measurement" index="3"', 'type="Note" index="3"').replace(' product="GH100"', '');
    const p = parseGpuRim(edited);
    expect(p.measurements.map((m) => m.index)).not.toContain(3);
    expect(p.measurements).toHaveLength(parseGpuRim(rim).measurements.length - 1);
    expect(p.product).toBeUndefined();
  });

  it('verification: an undecodable signer certificate is GPU_RIM_MALFORMED; a short signature is invalid', () => {
    const badCert = rim.replace(/<ds:X509Certificate>[^<]*</, '<ds:X509Certificate>MIIBAAAA<');
    expect(codeOf(() => verify({ ...ev, rims: { vbios: badCert } }))).toBe('GPU_RIM_MALFORMED');
    const shortSig = rim.replace(/<ds:SignatureValue>[^<]*</, '<ds:SignatureValue>AAAA<');
    expect(codeOf(() => verify({ ...ev, rims: { vbios: shortSig } }))).toBe('GPU_RIM_SIGNATURE_INVALID');
  });
});

describe('gpuRimIds', () => {
  const report = (opaque: Record<string, unknown>) => ({ response: { opaque } }) as unknown as GpuReport;

  it('names both RIMs from complete opaque data', () => {
    expect(
      gpuRimIds(
        report({
          driverVersion: '550.90.07',
          vbiosVersion: '96.00.9f.00.01',
          project: '1010',
          projectSku: '0200',
          chipSku: '882',
        }),
      ),
    ).toEqual({ driver: 'NV_GPU_DRIVER_GH100_550.90.07', vbios: 'NV_GPU_VBIOS_1010_0200_882_96009F0001' });
  });

  it('omits what the opaque data cannot name', () => {
    expect(gpuRimIds(report({ vbiosVersion: '96.00.9f.00.01', project: '1010', projectSku: '0200' }))).toEqual({});
    expect(gpuRimIds(report({ driverVersion: '550.90.07' }))).toEqual({ driver: 'NV_GPU_DRIVER_GH100_550.90.07' });
    expect(gpuRimIds(verify(ev).report).driver).toBe('NV_GPU_DRIVER_GH100_550.90.07');
  });
});
