import { createHash } from 'node:crypto';
import {
  appraiseGpu,
  createGpuVerifyCache,
  parseGpuReport,
  verifyGpuEvidence,
  parseGpuRim,
} from '../../attestation/gpu';
import {
  createDevnetNvidiaPki,
  simulateGpuEvidence,
  simulateGpuOcspResponse,
  simulateGpuOcspResponses,
  createSimulatedGpuEvidenceProvider,
  deriveDevnetGpuKey,
  issueDevnetGpuCertificate,
} from '../../devnet';
import { codeOf } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('devnet nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-test-seed' });

describe('devnet NVIDIA PKI + SIMULATED evidence', () => {
  it('round trip: simulated evidence verifies with the devnet roots and passes the default policy', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    const v = verifyGpuEvidence(ev, { now: NOW, nonce, trust: pki.trust, cache: createGpuVerifyCache() });
    expect(v.driverVersion).toBe('550.90.07');
    expect(v.vbiosVersion).toBe('96.00.9F.00.01');
    expect(v.device.model).toBe('GH100');
    expect(v.device.fwidChecked).toBe(true);
    expect(v.device.deviceId).toBe(pki.deviceId);
    expect(v.production).toBe(false);
    expect(v.measurements?.matched).toBe(true);
    expect(v.measurements?.compared).toBe(32);
    expect(v.warnings).toContain('GPU_OCSP_MISSING');
    expect(() => appraiseGpu(v, { minDriverVersion: '550.90.07' })).not.toThrow();
  });

  it('is rejected under the default NVIDIA roots', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce, ocspPolicy: 'allow-missing' }))).toBe(
      'GPU_CERT_CHAIN_UNTRUSTED',
    );
    expect(codeOf(() => verifyGpuEvidence({ ...ev, rims: {} }, { now: NOW, nonce }))).toBe('GPU_CERT_CHAIN_UNTRUSTED');
  });

  it('keys, ids and FWID are deterministic per seed; other seeds give other roots', () => {
    const again = createDevnetNvidiaPki({ seed: 'chrysalis-test-seed' });
    expect(Buffer.from(again.fwid).equals(Buffer.from(pki.fwid))).toBe(true);
    expect(again.deviceId).toBe(pki.deviceId);
    const spki = (k: typeof pki) =>
      k.cas.deviceRoot.key.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    expect(spki(again)).toBe(spki(pki));
    const other = createDevnetNvidiaPki({ seed: 'other' });
    expect(spki(other)).not.toBe(spki(pki));
    const ev = simulateGpuEvidence(pki, { nonce });
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce, trust: other.trust }))).toBe(
      'GPU_CERT_CHAIN_UNTRUSTED',
    );
  });

  it('report layout matches the real Hopper layout (64 blocks x 55 B, opaque after the responder nonce)', () => {
    const ev = simulateGpuEvidence(pki, { nonce, driverVersion: '570.124.03', vbiosVersion: '96.00.5E.00.04' });
    const p = parseGpuReport(ev.report);
    expect(p.response.blocks).toHaveLength(64);
    expect(p.signatureOffset).toBe(ev.report.length - 96);
    expect(p.response.opaque.driverVersion).toBe('570.124.03');
    expect(p.response.opaque.vbiosVersion).toBe('96.00.5E.00.04');
    expect(p.response.opaque.featureMode).toBe('SPT');
    expect(Buffer.from(ev.report.subarray(0, 4)).toString('hex')).toBe('11e001ff');
    expect(parseGpuRim(ev.rims!.driver!).version).toBe('570.124.03');
  });

  it('wrong nonce, tampered report, tampered RIM and mismatched RIM versions are rejected', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    const other = new Uint8Array(32).fill(7);
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce: other, trust: pki.trust }))).toBe(
      'GPU_NONCE_MISMATCH',
    );
    const r = ev.report.slice();
    r[200] = r[200]! ^ 1;
    expect(codeOf(() => verifyGpuEvidence({ ...ev, report: r }, { now: NOW, nonce, trust: pki.trust }))).toBe(
      'GPU_REPORT_SIGNATURE_INVALID',
    );
    const tampered = ev.rims!.driver!.replace(
      /ns2:Hash0="([0-9a-f])/,
      (_m, c: string) => `ns2:Hash0="${c === 'a' ? 'b' : 'a'}`,
    );
    expect(
      codeOf(() =>
        verifyGpuEvidence({ ...ev, rims: { ...ev.rims, driver: tampered } }, { now: NOW, nonce, trust: pki.trust }),
      ),
    ).toBe('GPU_RIM_DIGEST_MISMATCH');
    const newer = simulateGpuEvidence(pki, { nonce, driverVersion: '570.124.03' });
    expect(
      codeOf(() =>
        verifyGpuEvidence(
          { ...ev, rims: { ...ev.rims, driver: newer.rims!.driver! } },
          { now: NOW, nonce, trust: pki.trust },
        ),
      ),
    ).toBe('GPU_RIM_VERSION_MISMATCH');
  });

  it('a driver RIM for another build with the same version string yields measurement mismatches', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    const otherPki = createDevnetNvidiaPki({ seed: 'another-build' });
    // Same RIM signer chain is needed: re-sign other golden values with this PKI's signer.
    const foreign = simulateGpuEvidence(
      { ...otherPki, rimSignerKey: pki.rimSignerKey, rimChainDer: pki.rimChainDer },
      { nonce },
    );
    const v = verifyGpuEvidence(
      { ...ev, rims: { ...ev.rims, driver: foreign.rims!.driver! } },
      { now: NOW, nonce, trust: pki.trust },
    );
    expect(v.measurements?.matched).toBe(false);
    expect(v.measurements!.mismatches.every((m) => m.source === 'driver')).toBe(true);
  });

  describe('OCSP (synthetic responses from devnet CAs)', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    const opts = { now: NOW, nonce, trust: pki.trust, ocspPolicy: 'require' as const };
    it('good responses for all 6 certificates verify; status good with nextUpdate', () => {
      const v = verifyGpuEvidence({ ...ev, ocsp: simulateGpuOcspResponses(pki, { now: NOW }) }, opts);
      expect(v.ocsp.status).toBe('good');
      expect(v.ocsp.nextUpdate?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
      expect(v.warnings).not.toContain('GPU_OCSP_MISSING');
    });
    it('missing responses are GPU_OCSP_MISSING under require', () => {
      expect(codeOf(() => verifyGpuEvidence(ev, opts))).toBe('GPU_OCSP_MISSING');
      expect(
        codeOf(() => verifyGpuEvidence({ ...ev, ocsp: simulateGpuOcspResponses(pki, { now: NOW }).slice(1) }, opts)),
      ).toBe('GPU_OCSP_MISSING');
    });
    it('revoked, unknown, stale, hold and wrongly signed responses are rejected', () => {
      expect(
        codeOf(() =>
          verifyGpuEvidence({ ...ev, ocsp: simulateGpuOcspResponses(pki, { now: NOW, status: 'revoked' }) }, opts),
        ),
      ).toBe('GPU_OCSP_REVOKED');
      expect(
        codeOf(() =>
          verifyGpuEvidence({ ...ev, ocsp: simulateGpuOcspResponses(pki, { now: NOW, status: 'unknown' }) }, opts),
        ),
      ).toBe('GPU_OCSP_UNKNOWN');
      expect(
        codeOf(() =>
          verifyGpuEvidence(
            { ...ev, ocsp: simulateGpuOcspResponses(pki, { now: new Date('2026-02-01T00:00:00Z') }) },
            opts,
          ),
        ),
      ).toBe('GPU_OCSP_STALE');
      const hold = simulateGpuOcspResponses(pki, { now: NOW, status: 'hold' });
      expect(codeOf(() => verifyGpuEvidence({ ...ev, ocsp: hold }, opts))).toBe('GPU_OCSP_REVOKED');
      const held = verifyGpuEvidence({ ...ev, ocsp: hold }, { ...opts, allowHoldCert: true });
      expect(held.warnings).toContain('GPU_OCSP_CERTIFICATE_HOLD');
      const good = simulateGpuOcspResponses(pki, { now: NOW });
      good[0] = simulateGpuOcspResponse(pki.deviceChainDer[1]!, pki.cas.deviceProvisioner, {
        now: NOW,
        signWith: pki.deviceLeafKey,
      });
      expect(codeOf(() => verifyGpuEvidence({ ...ev, ocsp: good }, opts))).toBe('GPU_OCSP_RESPONDER_UNTRUSTED');
      expect(
        codeOf(() => verifyGpuEvidence({ ...ev, ocsp: [new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00])] }, opts)),
      ).toBe('GPU_OCSP_MALFORMED');
    });
  });

  it('OCSP by a delegated responder: accepted with EKU OCSPSigning, rejected without', () => {
    const ev = simulateGpuEvidence(pki, { nonce });
    const opts = { now: NOW, nonce, trust: pki.trust, ocspPolicy: 'require' as const };
    const prov = pki.cas.deviceProvisioner;
    const respKey = deriveDevnetGpuKey('t', 'responder');
    const mk = (ocspSigning: boolean) =>
      issueDevnetGpuCertificate({
        subjectCn: 'Devnet OCSP responder',
        serial: new Uint8Array([0x41, 1, 2, 3]),
        key: respKey,
        issuer: { cn: prov.cn, key: prov.key },
        ca: false,
        notBefore: new Date('2020-01-01Z'),
        notAfter: new Date('2030-01-01Z'),
        ...(ocspSigning ? { ocspSigning: true } : {}),
      });
    for (const [der, ok] of [
      [mk(true), true],
      [mk(false), false],
    ] as const) {
      const rs = simulateGpuOcspResponses(pki, { now: NOW });
      rs[0] = simulateGpuOcspResponse(pki.deviceChainDer[1]!, prov, { now: NOW, responder: { der, key: respKey } });
      const code = codeOf(() => verifyGpuEvidence({ ...ev, ocsp: rs }, opts));
      expect(code).toBe(ok ? undefined : 'GPU_OCSP_RESPONDER_UNTRUSTED');
    }
  });

  it('one PKI issues distinct SIMULATED devices under the same roots (device 0 = the single-device fields)', () => {
    expect(pki.devices).toHaveLength(8);
    const one = createDevnetNvidiaPki({ seed: 'chrysalis-test-seed', devices: 1 });
    expect(one.devices).toHaveLength(1);
    expect(one.deviceId).toBe(pki.deviceId);
    expect(Buffer.from(pki.devices[0]!.fwid).equals(Buffer.from(pki.fwid))).toBe(true);
    expect(pki.devices[0]!.chainDer).toBe(pki.deviceChainDer);
    const vs = pki.devices.slice(0, 3).map((d) =>
      verifyGpuEvidence(simulateGpuEvidence(pki, { nonce, device: d.index, ocspAt: NOW }), {
        now: NOW,
        nonce,
        trust: pki.trust,
        ocspPolicy: 'require',
      }),
    );
    for (const key of ['leafSpkiSha256', 'ueid', 'deviceId'] as const)
      expect(new Set(vs.map((v) => v.device[key])).size).toBe(3);
    expect(new Set(vs.map((v) => Buffer.from(v.device.fwid!).toString('hex'))).size).toBe(3);
    expect(vs[2]!.device.deviceId).toBe(pki.devices[2]!.deviceId);
    expect(vs.every((v) => v.measurements?.matched === true)).toBe(true);
    // Device i's report is signed by device i's key: another device's chain does not verify it.
    const ev1 = simulateGpuEvidence(pki, { nonce, device: 1 });
    expect(
      codeOf(() =>
        verifyGpuEvidence({ ...ev1, certChain: [...pki.deviceChainDer] }, { now: NOW, nonce, trust: pki.trust }),
      ),
    ).toBe('GPU_REPORT_SIGNATURE_INVALID');
    expect(() => simulateGpuEvidence(pki, { nonce, device: 8 })).toThrow(RangeError);
    expect(() => createDevnetNvidiaPki({ seed: 'x', devices: 0 })).toThrow(RangeError);
  });

  it('the SIMULATED evidence provider answers a nonce', async () => {
    const provider = createSimulatedGpuEvidenceProvider(pki, { driverVersion: '570.124.03' });
    const ev = await provider.getEvidence(nonce);
    expect(verifyGpuEvidence(ev, { now: NOW, nonce, trust: pki.trust }).driverVersion).toBe('570.124.03');
    const ev3 = await provider.getEvidence(nonce, 3);
    expect(verifyGpuEvidence(ev3, { now: NOW, nonce, trust: pki.trust }).device.deviceId).toBe(
      pki.devices[3]!.deviceId,
    );
  });
});
