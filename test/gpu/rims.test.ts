import { describeVectors, readVectorJson } from '../helpers/vectors';
import {
  createGpuVerifyCache,
  parseGpuRim,
  verifyGpuEvidence,
  NVIDIA_TRUST_ROOTS,
  appraiseGpu,
  GpuPolicyError,
} from '../../attestation/gpu';
import { verifyRim } from '../../attestation/gpu/rim';
import { anchorsFromDer } from '../../attestation/gpu/chain';
import { chain, codeOf, E1, e1Evidence, hex, readText, report } from './helpers';

interface RimFact {
  f: string;
  version: string;
  active: string;
  digestOk: boolean;
  sigOk: boolean;
  links: boolean;
  anchored: boolean;
  minNotAfter: string;
}

const rimFacts = (): RimFact[] => readVectorJson<{ rims: RimFact[] }>('gpu', 'INDEX.json').rims;
const anchors = anchorsFromDer(NVIDIA_TRUST_ROOTS.rimRootDer);
const DAY = 86_400_000;

describeVectors('gpu')('RIM vectors', () => {
  it('verifies every RIM inside its signer window with the verdict INDEX.json gives', () => {
    for (const r of rimFacts()) {
      const xml = readText(r.f);
      const now = new Date(Date.parse(r.minNotAfter) - DAY);
      const code = codeOf(() => verifyRim(xml, anchors, 'nvidia', now));
      const expected = !r.links
        ? 'GPU_RIM_CHAIN_BROKEN'
        : !r.anchored
          ? 'GPU_RIM_CHAIN_UNTRUSTED'
          : !r.sigOk
            ? 'GPU_RIM_SIGNATURE_INVALID'
            : !r.digestOk
              ? 'GPU_RIM_DIGEST_MISMATCH'
              : undefined;
      expect([r.f, code]).toEqual([r.f, expected]);
      const p = parseGpuRim(xml);
      expect(p.version).toBe(r.version);
      expect(
        p.measurements
          .filter((m) => m.active)
          .map((m) => m.index)
          .join(','),
      ).toBe(r.active);
    }
  });

  it('rejects a RIM after its signer certificate expired', () => {
    for (const r of rimFacts().filter((x) => x.links && x.anchored && x.sigOk && x.digestOk)) {
      const now = new Date(Date.parse(r.minNotAfter) + DAY);
      expect(codeOf(() => verifyRim(readText(r.f), anchors, 'nvidia', now))).toBe('GPU_RIM_CERT_EXPIRED');
    }
    expect(
      codeOf(() =>
        verifyRim(
          readText('nvidia-attestation-sdk/sample_rims/NV_GPU_DRIVER_GH100_570.124.03_expired.xml'),
          anchors,
          'nvidia',
          E1.now,
        ),
      ),
    ).toBe('GPU_RIM_CERT_EXPIRED');
  });

  it('rejects a genuine RIM under the wrong RIM root (incorrect_rim_root.crt)', () => {
    const wrong = anchorsFromDer(chain('nvidia-attestation-sdk/unit-tests/incorrect_rim_root.crt'));
    expect(codeOf(() => verifyRim(readText(E1.driverRim), wrong, 'wrong', E1.now))).toBe('GPU_RIM_CHAIN_UNTRUSTED');
  });

  it('a one-character change anywhere in the signed content of a RIM is rejected', () => {
    const xml = readText(E1.vbiosRim);
    const sigStart = xml.indexOf('<ds:Signature');
    const hashAt = xml.indexOf('ns2:Hash0="', xml.indexOf('index="1"')) + 'ns2:Hash0="'.length;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);
    // golden value, version, an attribute name, the signed DigestValue and SignatureValue
    const cases: [number, string[]][] = [
      [hashAt, ['GPU_RIM_DIGEST_MISMATCH']],
      [xml.indexOf('colloquialVersion="') + 'colloquialVersion="'.length + 1, ['GPU_RIM_DIGEST_MISMATCH']],
      [xml.indexOf('<ds:DigestValue>') + 20, ['GPU_RIM_SIGNATURE_INVALID']],
      [xml.indexOf('<ds:SignatureValue>') + 25, ['GPU_RIM_SIGNATURE_INVALID']],
    ];
    for (const [i, codes] of cases) {
      expect(i).toBeLessThan(xml.length);
      expect(codes).toContain(codeOf(() => verifyRim(flip(xml, i), anchors, 'nvidia', E1.now)));
    }
    expect(sigStart).toBeGreaterThan(0);
    // Sampled positions across the whole document (denser inside KeyInfo's certificates): never accepted.
    const cache = createGpuVerifyCache();
    const keyInfo = xml.indexOf('<ds:KeyInfo>');
    const positions: number[] = [];
    for (let i = 0; i < xml.length; i += i >= keyInfo ? 41 : 397) positions.push(i);
    for (const i of positions) {
      const mutated = flip(xml, i);
      if (mutated === xml) continue;
      const code = codeOf(() => verifyRim(mutated, anchors, 'nvidia', E1.now, cache));
      if (code === undefined) {
        // Only whitespace-insignificant places could survive: none exist inside this flip (letters only).
        throw new Error(`mutation at ${i} accepted: ${JSON.stringify(xml.slice(i - 10, i + 10))}`);
      }
      expect(code).toMatch(/^GPU_RIM_/);
    }
  });

  it('driver RIM and VBIOS RIM swapped or mismatched versions are rejected', () => {
    const ev = e1Evidence();
    const opts = { now: E1.now, nonce: hex(E1.nonce), ocspPolicy: 'allow-missing' as const };
    expect(
      codeOf(() => verifyGpuEvidence({ ...ev, rims: { driver: ev.rims!.vbios!, vbios: ev.rims!.driver! } }, opts)),
    ).toBe('GPU_RIM_VERSION_MISMATCH');
    const other = readText('nvidia-attestation-sdk/unit-tests/NV_GPU_DRIVER_GH100_550.144.03.xml');
    expect(codeOf(() => verifyGpuEvidence({ ...ev, rims: { driver: other } }, opts))).toBe('GPU_RIM_VERSION_MISMATCH');
  });

  it('VBIOS measurement mismatch (535.86.09 report vs tampered sample RIM) is reported and fails appraisal', () => {
    const r = report('nvidia-attestation-sdk/sample_attestation_data/gpu/hopperAttestationReport.txt');
    const c = chain('nvidia-attestation-sdk/sample_attestation_data/gpu/hopperCertChain.txt');
    const nonce = hex('27a328247bf7935c993341cf587be6f05986ccce4fe7ba2c54100bd616a58f66');
    const good = readText('nvidia-nvtrust/rims/1010_0200_882_96005E0001_PROD.swidtag');
    const mism = readText(
      'nvidia-attestation-sdk/sample_rims/NV_GPU_VBIOS_1010_0200_882_96005E0001_measurement_mismatch.xml',
    );
    const now = new Date('2025-06-01T00:00:00Z');
    const ok = verifyGpuEvidence(
      { report: r, certChain: c, rims: { vbios: good } },
      { now, nonce, ocspPolicy: 'allow-missing' },
    );
    expect(ok.measurements?.matched).toBe(true);
    expect(ok.measurements?.compared).toBe(12);
    const bad = verifyGpuEvidence(
      { report: r, certChain: c, rims: { vbios: mism } },
      { now, nonce, ocspPolicy: 'allow-missing' },
    );
    expect(bad.measurements?.matched).toBe(false);
    expect(bad.measurements!.mismatches.length).toBeGreaterThan(0);
    let err: unknown;
    try {
      appraiseGpu(bad, { requireDevtoolsOff: false, requireMeasurementsMatch: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GpuPolicyError);
    const codes = (err as GpuPolicyError).violations.map((v) => v.code);
    expect(codes).toContain('GPU_POLICY_MEASUREMENT_MISMATCH');
    expect(codes).toContain('GPU_POLICY_RIM_MISSING');
  });

  it('malformed XML is a typed parse error', () => {
    for (const bad of [
      '',
      '<a',
      '<!DOCTYPE x [<!ENTITY a "b">]><x/>',
      '<SoftwareIdentity/>',
      readText(E1.driverRim).replace('index="7"', 'index="8"'),
    ]) {
      expect(['GPU_RIM_MALFORMED']).toContain(codeOf(() => verifyRim(bad, anchors, 'nvidia', E1.now)));
    }
  });

  it('truncated RIMs are typed errors', () => {
    const xml = readText(E1.vbiosRim);
    for (let n = 0; n < xml.length; n += 211) {
      const code = codeOf(() => verifyRim(xml.slice(0, n), anchors, 'nvidia', E1.now));
      expect(code).toMatch(/^GPU_RIM_/);
    }
  });
});
