/**
 * X.509 certificates and CRLs (RFC 5280) for DCAP, read with the bounded DER reader (der.ts): raw issuer/subject,
 * serial, validity, extensions, SubjectPublicKeyInfo and TBS bytes. Signatures (ecdsa-with-SHA256 only, as every
 * Intel DCAP certificate and CRL) are checked with node:crypto over the TBS bytes. node's X509Certificate is not
 * used: its parse costs ~10x this reader and it hides the raw fields. Errors are DerError / Error; the verifier maps
 * them to typed codes.
 */
import { X509Certificate, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { KEY_USAGE, parseBasicConstraints, parseKeyUsage, type BasicConstraints } from '../../core/x509-constraints';
import { spkiPublicKey } from './keys';
import {
  DerError,
  TAG,
  children,
  expectTag,
  oidToString,
  parseDer,
  serialHex,
  timeToMs,
  type Tlv,
} from '../../core/der';
import { bytesEqual } from '../../core/bytes';

export const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_COMMON_NAME = '2.5.4.3';

/** RFC 5280 §4.2.1.3 KeyUsage bit numbers, as a mask (bit n = 1 << n). */
export const KU = KEY_USAGE;
export type { BasicConstraints };

export interface Cert {
  readonly der: Uint8Array;
  readonly publicKey: KeyObject;
  readonly issuerRaw: Uint8Array;
  readonly subjectRaw: Uint8Array;
  readonly serial: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly isCa: boolean;
  /** BasicConstraints extension, undefined when absent. */
  readonly basicConstraints: BasicConstraints | undefined;
  /** KeyUsage bits as a mask (see KU), undefined when the extension is absent. */
  readonly keyUsage: number | undefined;
  /** The subject's commonName (first CN attribute), undefined when absent. */
  readonly subjectCn: string | undefined;
  readonly selfIssued: boolean;
  /** Extension OID -> extnValue content (the DER inside the OCTET STRING). */
  readonly extensions: ReadonlyMap<string, Uint8Array>;
  readonly tbs: Uint8Array;
  readonly sigAlg: string;
  /** DER ECDSA-Sig-Value. */
  readonly signature: Uint8Array;
  /** node's view of the certificate (text names etc.), parsed lazily on first access; not used by the verifier. */
  readonly x509: X509Certificate;
}

function algOid(t: Tlv | undefined, what: string): string {
  return oidToString(expectTag(children(expectTag(t, TAG.SEQUENCE, what))[0], TAG.OID, `${what} OID`).content);
}

/** First commonName of a Name (RDNSequence); string types read as UTF-8 / Latin-1 (Printable, IA5, UTF8). */
function commonName(name: Tlv): string | undefined {
  for (const rdn of children(name)) {
    for (const atv of children(expectTag(rdn, TAG.SET, 'RDN'))) {
      const [type, value] = children(expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      if (oidToString(expectTag(type, TAG.OID, 'attribute type').content) !== OID_COMMON_NAME || !value) continue;
      return Buffer.from(value.content).toString(value.tag === 0x0c ? 'utf8' : 'latin1');
    }
  }
  return undefined;
}

export function parseCert(der: Uint8Array): Cert {
  const top = children(expectTag(parseDer(der), TAG.SEQUENCE, 'Certificate'));
  if (top.length !== 3) throw new DerError('Certificate must have 3 elements');
  const tbs = expectTag(top[0], TAG.SEQUENCE, 'TBSCertificate');
  const sigAlg = algOid(top[1], 'signatureAlgorithm');
  const sigBits = expectTag(top[2], TAG.BIT_STRING, 'signatureValue').content;
  if (sigBits.length < 2 || sigBits[0] !== 0) throw new DerError('bad signature bit string');
  const f = children(tbs);
  let i = 0;
  if (f[0]?.tag === 0xa0) i++; // [0] version
  const serial = serialHex(expectTag(f[i++], TAG.INTEGER, 'serial').content);
  if (algOid(f[i++], 'signature') !== sigAlg) throw new DerError('inner and outer signature algorithms differ');
  const issuer = expectTag(f[i++], TAG.SEQUENCE, 'issuer');
  const validity = children(expectTag(f[i++], TAG.SEQUENCE, 'validity'));
  const subject = expectTag(f[i++], TAG.SEQUENCE, 'subject');
  const spki = expectTag(f[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
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
  let publicKey: KeyObject;
  try {
    publicKey = spkiPublicKey(spki.raw);
  } catch (cause) {
    throw new DerError(`bad public key: ${String(cause)}`);
  }
  const bcValue = extensions.get(OID_BASIC_CONSTRAINTS);
  const basicConstraints = bcValue ? parseBasicConstraints(bcValue) : undefined;
  const kuValue = extensions.get(OID_KEY_USAGE);
  let lazy: X509Certificate | undefined;
  return {
    get x509(): X509Certificate {
      return (lazy ??= new X509Certificate(der));
    },
    der,
    publicKey,
    issuerRaw: issuer.raw,
    subjectRaw: subject.raw,
    serial,
    notBefore: timeToMs(nb),
    notAfter: timeToMs(na),
    isCa: basicConstraints?.cA === true,
    basicConstraints,
    keyUsage: kuValue ? parseKeyUsage(kuValue) : undefined,
    subjectCn: commonName(subject),
    selfIssued: bytesEqual(issuer.raw, subject.raw),
    extensions,
    tbs: tbs.raw,
    sigAlg,
    signature: sigBits.subarray(1),
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
  if (oidToString(expectTag(alg[0], TAG.OID, 'alg').content) !== OID_ECDSA_SHA256)
    throw new DerError('CRL not ecdsa-with-SHA256');
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
  if (child.sigAlg !== OID_ECDSA_SHA256) return false;
  try {
    return cryptoVerify('sha256', child.tbs, parent.publicKey, child.signature);
  } catch {
    return false;
  }
}
