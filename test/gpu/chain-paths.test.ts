/**
 * GPU certificate chains beyond the straight devnet chain (no vectors needed): a chain that stops below the root
 * (the pinned anchor is appended), a chain that carries a re-issued copy of the root, verification times outside
 * the validity window, OCSP checked without a cache, and the X.509 constraint reader on hand-built DER.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { createGpuVerifyCache, verifyGpuEvidence, type GpuEvidence } from '../../attestation/gpu';
import { certConstraints, DEVICE_CHAIN_CODES, verifyChain, anchorsFromDer } from '../../attestation/gpu/chain';
import { checkOcsp } from '../../attestation/gpu/ocsp';
import { createDevnetNvidiaPki, issueDevnetGpuCertificate, simulateGpuEvidence } from '../../devnet';
import { codeOf } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('chain paths nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-chain-paths', devices: 1 });
const ev = simulateGpuEvidence(pki, { nonce, ocspAt: NOW });
const verify = (e: GpuEvidence, extra: Record<string, unknown> = {}) =>
  verifyGpuEvidence(e, { now: NOW, nonce, trust: pki.trust, cache: createGpuVerifyCache(), ...extra });

function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : [0x81, n];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
}

describe('device chains', () => {
  it('a chain without its root ends at an intermediate the pinned root issued: the anchor is appended', () => {
    const v = verify({ ...ev, certChain: ev.certChain.slice(0, 4) }, { chainLength: 4 });
    const full = verify(ev);
    expect(v.device.anchorSpkiSha256).toBe(full.device.anchorSpkiSha256);
    expect(v.device.fwidChecked).toBe(true);
    expect(v.ocsp.status).toBe('good');
  });

  it('a re-issued copy of the root is accepted only because the pinned key signed it', () => {
    const root = pki.cas.deviceRoot;
    const copy = issueDevnetGpuCertificate({
      subjectCn: root.cn,
      serial: Uint8Array.of(0x42),
      key: root.key,
      ca: true,
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: new Date('2098-01-01T00:00:00Z'),
    });
    expect(Buffer.from(copy).equals(Buffer.from(pki.deviceRootDer))).toBe(false);
    const v = verify({ ...ev, certChain: [...ev.certChain.slice(0, 4), copy] });
    expect(v.device.anchorSpkiSha256).toBe(verify(ev).device.anchorSpkiSha256);

    const other = createDevnetNvidiaPki({ seed: 'chrysalis-chain-paths-other', devices: 1 });
    const foreign = issueDevnetGpuCertificate({
      subjectCn: root.cn,
      serial: Uint8Array.of(0x43),
      key: other.cas.deviceRoot.key,
      ca: true,
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: new Date('2098-01-01T00:00:00Z'),
    });
    expect(codeOf(() => verify({ ...ev, certChain: [...ev.certChain.slice(0, 4), foreign] }))).toBe(
      'GPU_CERT_CHAIN_BROKEN',
    );
  });

  it('a verification time before the chain is valid is GPU_CERT_EXPIRED', () => {
    expect(codeOf(() => verify(ev, { now: new Date('2019-06-01T00:00:00Z') }))).toBe('GPU_CERT_EXPIRED');
  });

  it('verifyChain without a link memo verifies the same chain', () => {
    const anchors = anchorsFromDer([pki.deviceRootDer]);
    const c = verifyChain(ev.certChain, anchors, NOW, DEVICE_CHAIN_CODES);
    expect(c.certs).toHaveLength(5);
    expect(c.notBefore).toBeLessThan(NOW.getTime());
    expect(codeOf(() => verifyChain([], anchors, NOW, DEVICE_CHAIN_CODES))).toBe('GPU_CERT_CHAIN_BROKEN');
  });

  it('OCSP responses checked without a cache', () => {
    const certs = ev.certChain.map((d) => new X509Certificate(Buffer.from(d)));
    const targets = certs.slice(1, -1).map((cert, i) => ({ cert, issuer: certs[i + 2]! }));
    const r = checkOcsp(ev.ocsp!.slice(0, targets.length), targets, NOW);
    expect(r.checked).toBe(3);
    expect(r.nextUpdate.getTime()).toBeGreaterThan(NOW.getTime());
    expect(codeOf(() => checkOcsp([new Uint8Array([0x30, 0x00])], targets, NOW))).toBe('GPU_OCSP_MALFORMED');
  });
});

describe('certConstraints on hand-built DER', () => {
  const name = (cn: string) =>
    tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, Uint8Array.of(0x55, 4, 3)), tlv(0x0c, Buffer.from(cn)))));
  const bc = (ca: boolean) =>
    tlv(
      0x30,
      tlv(0x06, Uint8Array.of(0x55, 0x1d, 0x13)),
      tlv(0x04, tlv(0x30, ...(ca ? [tlv(0x01, Uint8Array.of(0xff))] : []))),
    );
  const ku = (bits: number) =>
    tlv(0x30, tlv(0x06, Uint8Array.of(0x55, 0x1d, 0x0f)), tlv(0x04, tlv(0x03, Uint8Array.of(7, bits))));
  const other = tlv(0x30, tlv(0x06, Uint8Array.of(0x55, 0x1d, 0x0e)), tlv(0x04, tlv(0x04, Uint8Array.of(1))));
  const cert = (version: boolean, issuer: string, subject: string, exts?: Uint8Array[]) =>
    tlv(
      0x30,
      tlv(
        0x30,
        ...(version ? [tlv(0xa0, tlv(0x02, Uint8Array.of(2)))] : []),
        tlv(0x02, Uint8Array.of(1)),
        tlv(0x30, tlv(0x06, Uint8Array.of(0x2a))),
        name(issuer),
        tlv(0x30),
        name(subject),
        tlv(0x30),
        ...(exts ? [tlv(0xa3, tlv(0x30, ...exts))] : []),
      ),
      tlv(0x30),
      tlv(0x03, Uint8Array.of(0)),
    );

  it('reads BasicConstraints, KeyUsage and self-issuance with or without a version field', () => {
    expect(certConstraints(cert(false, 'a', 'a'))).toEqual({
      basicConstraints: undefined,
      keyUsage: undefined,
      selfIssued: true,
    });
    const c = certConstraints(cert(true, 'root', 'leaf', [other, bc(true), ku(0x04)]));
    expect(c.selfIssued).toBe(false);
    expect(c.basicConstraints).toMatchObject({ cA: true });
    expect(c.keyUsage).toBeDefined();
  });

  it.each<[string, Uint8Array]>([
    ['a duplicate BasicConstraints', cert(true, 'a', 'b', [bc(true), bc(false)])],
    ['a duplicate KeyUsage', cert(true, 'a', 'b', [ku(0x80), ku(0x04)])],
    ['an extension without an OID', cert(true, 'a', 'b', [tlv(0x30, tlv(0x04, Uint8Array.of(1)))])],
    ['a TBS without a subject', tlv(0x30, tlv(0x30, tlv(0x02, Uint8Array.of(1))))],
  ])('%s is GPU_CERT_CHAIN_MALFORMED', (_name, der) => {
    expect(codeOf(() => certConstraints(der))).toBe('GPU_CERT_CHAIN_MALFORMED');
  });
});
