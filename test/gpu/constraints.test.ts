/**
 * X.509 constraint checks of the GPU device and RIM signer chains (BasicConstraints, KeyUsage, pathLenConstraint) on
 * SIMULATED non-conforming devnet certificates, re-issued with the devnet PKI builder under the same keys and names.
 */
import { createHash } from 'node:crypto';
import { createGpuVerifyCache } from '../../attestation/gpu';
import {
  createDevnetNvidiaPki,
  issueDevnetGpuCertificate,
  simulateGpuEvidence,
  simulateGpuRim,
  DEVNET_GPU_DRIVER_VERSION,
  type DevnetGpuCa,
  type DevnetNvidiaPki,
} from '../../devnet';
import { verifyGpuEvidence } from '../../attestation/gpu';
import { certConstraints, KEY_USAGE } from '../../attestation/gpu/chain';
import { codeOf } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('constraints nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'x-gpu-constraints' });
const KU_DS = KEY_USAGE.digitalSignature;
const KU_CRL = KEY_USAGE.cRLSign;

type Profile = NonNullable<Parameters<typeof issueDevnetGpuCertificate>[0]['profile']>;

/** Re-issue CA `c` (same name, key, issuer) with another profile. */
function reissueCa(c: DevnetGpuCa, issuer: DevnetGpuCa | undefined, profile: Profile, ca = true): Uint8Array {
  return issueDevnetGpuCertificate({
    subjectCn: c.cn,
    ...(c.serial ? { subjectSerial: c.serial } : {}),
    serial: Uint8Array.of(0x42, 0x01),
    key: c.key,
    ...(issuer
      ? { issuer: { cn: issuer.cn, ...(issuer.serial ? { serial: issuer.serial } : {}), key: issuer.key } }
      : {}),
    ca,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2099-12-31T23:59:59Z'),
    profile,
  });
}

function deviceCode(replace: Record<number, Uint8Array>): string | undefined {
  const chain = pki.deviceChainDer.map((d, i) => replace[i] ?? d);
  const p: DevnetNvidiaPki = { ...pki, deviceChainDer: chain };
  const ev = simulateGpuEvidence(p, { nonce });
  return codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce, trust: pki.trust, cache: createGpuVerifyCache() }));
}

function rimCode(replace: Record<number, Uint8Array>): string | undefined {
  const chain = pki.rimChainDer.map((d, i) => replace[i] ?? d);
  const ev = simulateGpuEvidence(pki, { nonce });
  const driver = simulateGpuRim({ ...pki, rimChainDer: chain }, 'driver', DEVNET_GPU_DRIVER_VERSION);
  return codeOf(() =>
    verifyGpuEvidence(
      { ...ev, rims: { ...ev.rims, driver } },
      { now: NOW, nonce, trust: pki.trust, cache: createGpuVerifyCache() },
    ),
  );
}

const leafCa = (profile: Profile): Uint8Array =>
  issueDevnetGpuCertificate({
    subjectCn: 'GH100 A01 GSP FMC LF',
    serial: Uint8Array.of(0x42, 0x02),
    key: pki.deviceLeafKey,
    issuer: {
      cn: pki.cas.deviceBrom.cn,
      ...(pki.cas.deviceBrom.serial ? { serial: pki.cas.deviceBrom.serial } : {}),
      key: pki.cas.deviceBrom.key,
    },
    ca: false,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2099-12-31T23:59:59Z'),
    profile,
  });

describe('GPU X.509 constraints (devnet PKI)', () => {
  it('the devnet chains conform and verify; the parser reads BasicConstraints / KeyUsage', () => {
    expect(deviceCode({})).toBeUndefined();
    expect(rimCode({})).toBeUndefined();
    const brom = certConstraints(pki.cas.deviceBrom.der);
    expect(brom.basicConstraints).toEqual({ cA: true, pathLen: 0 });
    expect(brom.keyUsage).toBe(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign);
    expect(certConstraints(pki.deviceChainDer[0]!).keyUsage).toBe(KU_DS);
    expect(certConstraints(pki.deviceRootDer).selfIssued).toBe(true);
  });

  it('a device leaf with cA=TRUE is rejected (GPU_CERT_CONSTRAINTS_INVALID)', () => {
    expect(deviceCode({ 0: leafCa({ basicConstraints: { cA: true } }) })).toBe('GPU_CERT_CONSTRAINTS_INVALID');
  });

  it('a device leaf without digitalSignature is rejected', () => {
    expect(deviceCode({ 0: leafCa({ keyUsage: KEY_USAGE.keyCertSign }) })).toBe('GPU_CERT_CONSTRAINTS_INVALID');
  });

  it('an intermediate without cA is rejected', () => {
    expect(
      deviceCode({ 1: reissueCa(pki.cas.deviceBrom, pki.cas.deviceProvisioner, { basicConstraints: null }) }),
    ).toBe('GPU_CERT_CONSTRAINTS_INVALID');
    expect(
      deviceCode({
        2: reissueCa(pki.cas.deviceProvisioner, pki.cas.deviceIdentity, { basicConstraints: { cA: false } }),
      }),
    ).toBe('GPU_CERT_CONSTRAINTS_INVALID');
  });

  it('an issuer whose KeyUsage lacks keyCertSign is rejected', () => {
    expect(
      deviceCode({ 2: reissueCa(pki.cas.deviceProvisioner, pki.cas.deviceIdentity, { keyUsage: KU_DS | KU_CRL }) }),
    ).toBe('GPU_CERT_CONSTRAINTS_INVALID');
    expect(
      deviceCode({ 2: reissueCa(pki.cas.deviceProvisioner, pki.cas.deviceIdentity, { keyUsage: null }) }),
    ).toBeUndefined(); // absent: unrestricted
  });

  it('an exceeded pathLenConstraint is rejected', () => {
    expect(
      deviceCode({
        3: reissueCa(pki.cas.deviceIdentity, pki.cas.deviceRoot, { basicConstraints: { cA: true, pathLen: 1 } }),
      }),
    ).toBe('GPU_CERT_CONSTRAINTS_INVALID');
    expect(
      deviceCode({ 3: reissueCa(pki.cas.deviceIdentity, pki.cas.deviceRoot, { basicConstraints: { cA: true } }) }),
    ).toBeUndefined();
  });

  it('RIM signer chains: CA signer, issuer without cA or keyCertSign, pathLen -> GPU_RIM_CERT_CONSTRAINTS_INVALID', () => {
    const signer = (profile: Profile): Uint8Array =>
      issueDevnetGpuCertificate({
        subjectCn: 'HCC RIM L4 Signer',
        serial: Uint8Array.of(0x42, 0x03),
        key: pki.rimSignerKey,
        issuer: { cn: pki.cas.rimL3.cn, key: pki.cas.rimL3.key },
        ca: false,
        notBefore: new Date('2024-01-01T00:00:00Z'),
        notAfter: new Date('2099-12-31T23:59:59Z'),
        profile,
      });
    const code = 'GPU_RIM_CERT_CONSTRAINTS_INVALID';
    expect(rimCode({ 0: signer({ basicConstraints: { cA: true } }) })).toBe(code);
    expect(rimCode({ 0: signer({ keyUsage: KEY_USAGE.cRLSign }) })).toBe(code);
    expect(rimCode({ 1: reissueCa(pki.cas.rimL3, pki.cas.rimCa, { basicConstraints: null }) })).toBe(code);
    expect(rimCode({ 1: reissueCa(pki.cas.rimL3, pki.cas.rimCa, { keyUsage: KU_DS }) })).toBe(code);
    expect(
      rimCode({ 2: reissueCa(pki.cas.rimCa, pki.cas.rimRoot, { basicConstraints: { cA: true, pathLen: 0 } }) }),
    ).toBe(code);
  });
});
