/**
 * X.509 certificates and CRLs (RFC 5280) for DCAP: node:crypto does the certificate signature checks and key
 * import; der.ts supplies the raw fields node does not expose (issuer/subject DER, serial, validity, extensions,
 * CRL contents). Errors are DerError / plain Error; the verifier maps them to typed codes.
 */
import { X509Certificate, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { DerError, TAG, children, expectTag, oidToString, parseDer, serialHex, timeToMs, type Tlv } from './der';

export const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';

export interface Cert {
  readonly der: Uint8Array;
  readonly x509: X509Certificate;
  readonly publicKey: KeyObject;
  readonly issuerRaw: Uint8Array;
  readonly subjectRaw: Uint8Array;
  readonly serial: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly isCa: boolean;
  readonly selfIssued: boolean;
  /** Extension OID -> extnValue content (the DER inside the OCTET STRING). */
  readonly extensions: ReadonlyMap<string, Uint8Array>;
}

export function parseCert(der: Uint8Array): Cert {
  const x509 = new X509Certificate(der);
  const top = parseDer(der);
  const [tbs] = children(expectTag(top, TAG.SEQUENCE, 'Certificate'));
  const f = children(expectTag(tbs, TAG.SEQUENCE, 'TBSCertificate'));
  let i = 0;
  if (f[0]?.tag === 0xa0) i++; // [0] version
  const serial = serialHex(expectTag(f[i++], TAG.INTEGER, 'serial').content);
  i++; // signature AlgorithmIdentifier
  const issuer = expectTag(f[i++], TAG.SEQUENCE, 'issuer');
  const validity = children(expectTag(f[i++], TAG.SEQUENCE, 'validity'));
  const subject = expectTag(f[i++], TAG.SEQUENCE, 'subject');
  const extensions = new Map<string, Uint8Array>();
  for (const t of f.slice(i)) {
    if (t.tag !== 0xa3) continue;
    for (const ext of children(expectTag(children(t)[0], TAG.SEQUENCE, 'Extensions'))) {
      const e = children(ext);
      const oid = oidToString(expectTag(e[0], TAG.OID, 'extnID').content);
      const val = expectTag(e[e.length - 1], TAG.OCTET_STRING, 'extnValue').content;
      if (extensions.has(oid)) throw new DerError(`duplicate extension ${oid}`);
      extensions.set(oid, val);
    }
  }
  const nb = validity[0];
  const na = validity[1];
  if (!nb || !na) throw new DerError('bad validity');
  return {
    der,
    x509,
    publicKey: x509.publicKey,
    issuerRaw: issuer.raw,
    subjectRaw: subject.raw,
    serial,
    notBefore: timeToMs(nb),
    notAfter: timeToMs(na),
    isCa: x509.ca,
    selfIssued: Buffer.compare(Buffer.from(issuer.raw), Buffer.from(subject.raw)) === 0,
    extensions,
  };
}

export interface Crl {
  readonly der: Uint8Array;
  readonly issuerRaw: Uint8Array;
  readonly thisUpdate: number;
  readonly nextUpdate: number;
  readonly revoked: ReadonlySet<string>;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
}

/** Parse a DER CRL (v2). Requires nextUpdate (Intel CRLs always carry it) and ecdsa-with-SHA256. */
export function parseCrl(der: Uint8Array): Crl {
  const top = children(expectTag(parseDer(der), TAG.SEQUENCE, 'CertificateList'));
  const tbs = expectTag(top[0], TAG.SEQUENCE, 'TBSCertList');
  const alg = children(expectTag(top[1], TAG.SEQUENCE, 'signatureAlgorithm'));
  if (oidToString(expectTag(alg[0], TAG.OID, 'alg').content) !== OID_ECDSA_SHA256) throw new DerError('CRL not ecdsa-with-SHA256');
  const sigBits = expectTag(top[2], TAG.BIT_STRING, 'signatureValue').content;
  if (sigBits[0] !== 0) throw new DerError('bad signature bit string');
  const f = children(tbs);
  let i = 0;
  if (f[0]?.tag === TAG.INTEGER) i++;
  i++; // signature alg
  const issuer = expectTag(f[i++], TAG.SEQUENCE, 'issuer');
  const thisUpdate = timeToMs(f[i++] as Tlv);
  const nu = f[i];
  if (!nu || (nu.tag !== TAG.UTC_TIME && nu.tag !== TAG.GENERALIZED_TIME)) throw new DerError('CRL without nextUpdate');
  const nextUpdate = timeToMs(nu);
  i++;
  const revoked = new Set<string>();
  const rl = f[i];
  if (rl && rl.tag === TAG.SEQUENCE) {
    for (const entry of children(rl)) {
      revoked.add(serialHex(expectTag(children(entry)[0], TAG.INTEGER, 'userCertificate').content));
    }
  }
  return { der, issuerRaw: issuer.raw, thisUpdate, nextUpdate, revoked, tbs: tbs.raw, signature: sigBits.subarray(1) };
}

export function verifyCrlSignature(crl: Crl, issuerKey: KeyObject): boolean {
  try {
    return cryptoVerify('sha256', crl.tbs, issuerKey, crl.signature);
  } catch {
    return false;
  }
}

/** `child` names `parent` as issuer and carries its signature. */
export function isSignedBy(child: Cert, parent: Cert): boolean {
  if (!bytesEqual(child.issuerRaw, parent.subjectRaw)) return false;
  try {
    return child.x509.verify(parent.publicKey);
  } catch {
    return false;
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}
