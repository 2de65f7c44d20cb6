/**
 * X.509 chain verification for NVIDIA device chains (leaf = `GH100 A01 GSP FMC LF`, 5 certificates, RFC 5280 links)
 * and RIM signer chains. Synchronous (node:crypto X509Certificate). The anchor is matched by SPKI; the chain's own copy of
 * the root is only accepted when its key equals a pinned root and the pinned key verifies it. BasicConstraints, KeyUsage
 * and pathLenConstraint are read with the bounded TLV reader and checked once per chain (`checkChainConstraints`).
 */
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { DerError, TAG, children, expectTag, parseDer } from '../../core/der';
import { derToPem, pemToDerList } from '../../core/pem';
import {
  KEY_USAGE,
  issuerConstraintViolation,
  parseBasicConstraints,
  parseKeyUsage,
  signerConstraintViolation,
  type CertConstraintFields,
} from '../../core/x509-constraints';
import { GpuParseError, GpuVerifyError, type GpuVerifyCode } from './errors';
import { spkiSha256 } from './roots';

export interface ChainCodes {
  readonly broken: GpuVerifyCode;
  readonly untrusted: GpuVerifyCode;
  readonly expired: GpuVerifyCode;
  readonly constraints: GpuVerifyCode;
}

export const DEVICE_CHAIN_CODES: ChainCodes = {
  broken: 'GPU_CERT_CHAIN_BROKEN',
  untrusted: 'GPU_CERT_CHAIN_UNTRUSTED',
  expired: 'GPU_CERT_EXPIRED',
  constraints: 'GPU_CERT_CONSTRAINTS_INVALID',
};
export const RIM_CHAIN_CODES: ChainCodes = {
  broken: 'GPU_RIM_CHAIN_BROKEN',
  untrusted: 'GPU_RIM_CHAIN_UNTRUSTED',
  expired: 'GPU_RIM_CERT_EXPIRED',
  constraints: 'GPU_RIM_CERT_CONSTRAINTS_INVALID',
};

export { KEY_USAGE };

/** The X.509 constraint fields of a certificate, read from its DER with the bounded TLV reader. */
export type CertConstraints = CertConstraintFields;

const OID_BASIC_CONSTRAINTS_HEX = '551d13'; // 2.5.29.19
const OID_KEY_USAGE_HEX = '551d0f'; // 2.5.29.15

/** Throws GpuParseError GPU_CERT_CHAIN_MALFORMED when the TBS, BasicConstraints or KeyUsage cannot be decoded. */
export function certConstraints(der: Uint8Array): CertConstraints {
  try {
    const tbs = children(
      expectTag(children(expectTag(parseDer(der), TAG.SEQUENCE, 'Certificate'))[0], TAG.SEQUENCE, 'TBSCertificate'),
    );
    const o = tbs[0]?.tag === 0xa0 ? 1 : 0;
    const issuer = expectTag(tbs[o + 2], TAG.SEQUENCE, 'issuer');
    const subject = expectTag(tbs[o + 4], TAG.SEQUENCE, 'subject');
    let basicConstraints: CertConstraints['basicConstraints'];
    let keyUsage: number | undefined;
    const wrap = tbs.find((t) => t.tag === 0xa3);
    for (const ext of wrap ? children(expectTag(parseDer(wrap.content), TAG.SEQUENCE, 'Extensions')) : []) {
      const parts = children(expectTag(ext, TAG.SEQUENCE, 'Extension'));
      const id = Buffer.from(expectTag(parts[0], TAG.OID, 'extnID').content).toString('hex');
      const value = expectTag(parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue').content;
      if (id === OID_BASIC_CONSTRAINTS_HEX) {
        if (basicConstraints) throw new DerError('duplicate BasicConstraints');
        basicConstraints = parseBasicConstraints(value);
      } else if (id === OID_KEY_USAGE_HEX) {
        if (keyUsage !== undefined) throw new DerError('duplicate KeyUsage');
        keyUsage = parseKeyUsage(value);
      }
    }
    return { basicConstraints, keyUsage, selfIssued: Buffer.compare(issuer.raw, subject.raw) === 0 };
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate extensions cannot be decoded', { cause });
  }
}

/**
 * RFC 5280 constraints of a verified chain (leaf first, anchor last), once per chain (callers cache the chain):
 * every issuer has BasicConstraints cA=TRUE, respects pathLenConstraint (non-self-issued intermediates below it)
 * and, where KeyUsage is present, allows keyCertSign; the leaf (the report / RIM signer) is not a CA and, where
 * KeyUsage is present, allows digitalSignature. Throws GpuVerifyError `codes.constraints`.
 */
export function checkChainConstraints(chain: readonly X509Certificate[], codes: ChainCodes): void {
  const info = chain.map((c) => certConstraints(c.raw));
  const leaf = signerConstraintViolation(info[0]!);
  if (leaf !== undefined) throw new GpuVerifyError(codes.constraints, `leaf certificate: ${leaf}`);
  const issuer = issuerConstraintViolation(info);
  if (issuer !== undefined) throw new GpuVerifyError(codes.constraints, issuer);
}

/** A verified chain: leaf first, ending with the pinned anchor certificate (appended when the chain lacks it). */
export interface VerifiedChain {
  readonly certs: readonly X509Certificate[];
  readonly leafKey: KeyObject;
  readonly anchorSpkiSha256: string;
  /** Intersection of the validity windows (ms since epoch). */
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface TrustAnchor {
  readonly cert: X509Certificate;
  readonly key: KeyObject;
  readonly spki: string;
}

export function anchorsFromDer(ders: readonly Uint8Array[]): TrustAnchor[] {
  return ders.map((d) => {
    const cert = parseCertDer(d);
    return { cert, key: publicKeyOf(cert), spki: spkiSha256(cert) };
  });
}

export function parseCertDer(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate is not valid DER X.509', { cause });
  }
}

/** The certificate's public key; an undecodable key is GPU_CERT_CHAIN_MALFORMED, never an untyped crash. */
export function publicKeyOf(cert: X509Certificate): KeyObject {
  try {
    return cert.publicKey;
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate public key cannot be decoded', { cause });
  }
}

/** PEM text (concatenated certificates, leaf first) to DER list. Throws GpuParseError GPU_CERT_CHAIN_MALFORMED. */
export function certChainFromPem(text: string): Uint8Array[] {
  let out: Uint8Array[];
  try {
    out = pemToDerList(text);
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'bad base64 in PEM', { cause });
  }
  if (out.length === 0) throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'no PEM certificate found');
  return out;
}

/** DER list to concatenated PEM text. */
export function certChainToPem(ders: readonly Uint8Array[]): string {
  return ders.map((d) => derToPem(d)).join('');
}

/** Memo of verified links (child fingerprint + issuer fingerprint), shared by chains within a cache. */
export type LinkMemo = Set<string>;

function issued(child: X509Certificate, issuer: X509Certificate, issuerKey: KeyObject, memo?: LinkMemo): boolean {
  const key = memo ? `${child.fingerprint256}/${issuer.fingerprint256}` : '';
  if (memo?.has(key)) return true;
  let ok = false;
  try {
    ok = child.checkIssued(issuer) && child.verify(issuerKey);
  } catch {
    ok = false;
  }
  if (ok && memo) {
    if (memo.size >= 4096) memo.clear();
    memo.add(key);
  }
  return ok;
}

/**
 * Verify links leaf -> ... -> anchor and validity at `now`. Does not cache whole chains (callers do), but reuses
 * `memo`'d links. Throws GpuVerifyError with the kind's codes; GpuParseError GPU_CERT_CHAIN_MALFORMED on bad DER.
 */
export function verifyChain(
  ders: readonly Uint8Array[],
  anchors: readonly TrustAnchor[],
  now: Date,
  codes: ChainCodes,
  memo?: LinkMemo,
): VerifiedChain {
  if (ders.length === 0) throw new GpuVerifyError(codes.broken, 'empty certificate chain');
  const certs = ders.map(parseCertDer);
  const keys = certs.map(publicKeyOf);
  // Constraints before the links (OpenSSL's checkIssued already refuses an issuer without keyCertSign; this gives the
  // stable constraints code instead of "broken"); the anchor appended below is checked with the whole chain.
  checkChainConstraints(certs, codes);
  for (let i = 0; i + 1 < certs.length; i++) {
    const child = certs[i]!;
    const parent = certs[i + 1]!;
    if (!issued(child, parent, keys[i + 1]!, memo))
      throw new GpuVerifyError(codes.broken, `certificate ${i} is not issued by certificate ${i + 1}`);
  }
  const last = certs[certs.length - 1]!;
  let anchor: TrustAnchor | undefined = anchors.find((a) => a.cert.raw.equals(last.raw));
  let chain = certs;
  if (!anchor) {
    const lastSpki = spkiSha256(last);
    const same = anchors.find((a) => a.spki === lastSpki);
    if (same && issued(last, same.cert, same.key, memo)) {
      // The chain carries a re-issued copy of the root: accepted only because the pinned key signed it.
      anchor = same;
    } else {
      anchor = anchors.find((a) => a.cert.ca === true && issued(last, a.cert, a.key, memo));
      if (anchor) chain = [...certs, anchor.cert];
    }
  }
  if (!anchor) throw new GpuVerifyError(codes.untrusted, 'certificate chain does not end at a pinned root');
  if (chain !== certs) checkChainConstraints(chain, codes);
  let notBefore = -Infinity;
  let notAfter = Infinity;
  for (const c of chain) {
    notBefore = Math.max(notBefore, Date.parse(c.validFrom));
    notAfter = Math.min(notAfter, Date.parse(c.validTo));
  }
  const result: VerifiedChain = Object.freeze({
    certs: Object.freeze(chain),
    leafKey: keys[0]!,
    anchorSpkiSha256: anchor.spki,
    notBefore,
    notAfter,
  });
  checkChainTime(result, now, codes);
  return result;
}

export function checkChainTime(c: VerifiedChain, now: Date, codes: ChainCodes): void {
  const t = now.getTime();
  if (!(t >= c.notBefore && t <= c.notAfter)) {
    throw new GpuVerifyError(codes.expired, 'a certificate of the chain is not valid at the verification time', {
      details: { notBefore: new Date(c.notBefore).toISOString(), notAfter: new Date(c.notAfter).toISOString() },
    });
  }
}

/** Digest of a DER list plus the anchor set: the cache key of a verified chain. */
export function chainKey(ders: readonly Uint8Array[], anchorKey: string): string {
  const h = createHash('sha256').update(anchorKey);
  for (const d of ders) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(d.length);
    h.update(len).update(d);
  }
  return h.digest('base64');
}

/** The Common Name of a subject (`CN=...` line of node's X509Certificate.subject). */
export function subjectCn(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return undefined;
}
