/**
 * X.509 v3 certificates and v2 CRLs (RFC 5280) for the SIMULATED devnet Intel PKI, built with the `@peculiar/asn1-x509`
 * schema classes, serialized with `AsnConvert.serialize` and signed with the deterministic ECDSA of `./ecdsa`
 * (RFC 6979), so equal inputs give equal bytes. The layout copies Intel's SGX PKI certificates in structure:
 * ecdsa-with-SHA256, DNs `CN, O, L, ST, C` (UTF8String, C as PrintableString), extensions in Intel's order (AKI,
 * CRL DP, SKI, Key Usage [critical], Basic Constraints [critical], SGX). Synchronous, as `createDevnetIntelPki` is.
 */
import { createHash } from 'node:crypto';
import { AsnConvert, BitString, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  CRLNumber,
  CRLReason,
  CRLReasons,
  Certificate,
  CertificateList,
  DistributionPoint,
  DistributionPointName,
  Extension,
  Extensions,
  GeneralName,
  Name,
  RelativeDistinguishedName,
  RevokedCertificate,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertList,
  TBSCertificate,
  Time,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { derToPem } from '../../core/pem';
import { signP256Der, type P256KeyPair } from './ecdsa';

const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_L = '2.5.4.7';
const OID_ST = '2.5.4.8';
const OID_C = '2.5.4.6';
const OID_SKI = '2.5.29.14';
const OID_KEY_USAGE = '2.5.29.15';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_CRL_NUMBER = '2.5.29.20';
const OID_CRL_REASON = '2.5.29.21';
const OID_CRL_DP = '2.5.29.31';
const OID_AKI = '2.5.29.35';

/** Intel-style distinguished name: CN, O, L, ST, C. */
export interface DistinguishedName {
  readonly cn: string;
  readonly o: string;
  readonly l: string;
  readonly st: string;
  readonly c: string;
}

const rdn = (type: string, value: AttributeValue): RelativeDistinguishedName =>
  new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);
export function encodeName(n: DistinguishedName): Name {
  return new Name([
    rdn(OID_CN, new AttributeValue({ utf8String: n.cn })),
    rdn(OID_O, new AttributeValue({ utf8String: n.o })),
    rdn(OID_L, new AttributeValue({ utf8String: n.l })),
    rdn(OID_ST, new AttributeValue({ utf8String: n.st })),
    rdn(OID_C, new AttributeValue({ printableString: n.c })),
  ]);
}
const algId = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA256 });
const ab = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;
const extension = (type: string, critical: boolean, value: ArrayBuffer): Extension =>
  new Extension({ extnID: type, critical, extnValue: new OctetString(value) });
const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);
const time = (d: Date): Time => new Time(wholeSeconds(d));

/** Minimal two's-complement INTEGER content of a non-negative integer given as big-endian bytes. */
function unsignedInteger(bytes: Uint8Array): ArrayBuffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const v = bytes.subarray(i);
  if (v.length === 0) return new Uint8Array(1).buffer;
  return (v[0] as number) & 0x80 ? Uint8Array.from([0, ...v]).buffer : ab(v);
}

/** SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 §4.2.1.2 method 1). */
export function keyIdentifier(key: P256KeyPair): Uint8Array {
  return new Uint8Array(
    createHash('sha1')
      .update(Buffer.from([0x04]))
      .update(key.publicXY)
      .digest(),
  );
}
const aki = (key: P256KeyPair): ArrayBuffer =>
  AsnConvert.serialize(new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(ab(keyIdentifier(key))) }));
/** DistributionPoint { distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] } } } */
const crlDp = (uri: string): ArrayBuffer =>
  AsnConvert.serialize(
    new CRLDistributionPoints([
      new DistributionPoint({
        distributionPoint: new DistributionPointName({
          fullName: [new GeneralName({ uniformResourceIdentifier: uri })],
        }),
      }),
    ]),
  );

/**
 * SIMULATED non-conforming profiles, for negative tests of the verifiers' X.509 constraint checks only. Each field
 * replaces what `ca` would produce: `basicConstraints` null omits the extension; `keyUsage` lists RFC 5280 bit
 * numbers (0 digitalSignature, 1 nonRepudiation, 5 keyCertSign, 6 cRLSign), null omits the extension.
 */
export interface CertProfileOverride {
  readonly basicConstraints?: { readonly cA: boolean; readonly pathLen?: number } | null;
  readonly keyUsage?: readonly number[] | null;
}

/** KeyUsage BIT STRING (DER: trailing zero bits dropped) for RFC 5280 bit numbers. */
function keyUsageBits(bits: readonly number[]): ArrayBuffer {
  const max = Math.max(-1, ...bits);
  if (max < 0) return AsnConvert.serialize(new BitString(new ArrayBuffer(0), 0));
  const bytes = new Uint8Array((max >> 3) + 1);
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] as number) | (0x80 >> (b & 7));
  return AsnConvert.serialize(new BitString(bytes.buffer, 7 - (max & 7)));
}

const basicConstraints = (cA: boolean, pathLen?: number): ArrayBuffer =>
  AsnConvert.serialize(new BasicConstraints({ cA, ...(pathLen !== undefined ? { pathLenConstraint: pathLen } : {}) }));

export interface CertificateSpec {
  readonly serial: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKey: P256KeyPair;
  readonly issuerKey: P256KeyPair;
  /** CA certificate with this path length, or an end-entity certificate when absent. */
  readonly ca?: { readonly pathLen: number };
  readonly crlDistributionPoint: string;
  /** Extra non-critical extensions appended last (e.g. the SGX extension), as [oid, DER value]. */
  readonly extraExtensions?: readonly (readonly [string, Uint8Array])[];
  /** SIMULATED: override BasicConstraints / KeyUsage (negative tests only). */
  readonly profile?: CertProfileOverride;
}

/** Builds and signs a certificate; returns its DER. */
export function buildCertificate(spec: CertificateSpec): Uint8Array {
  const p = spec.profile;
  let keyUsage: ArrayBuffer | null = spec.ca ? keyUsageBits([5, 6]) : keyUsageBits([0, 1]);
  if (p?.keyUsage !== undefined) keyUsage = p.keyUsage === null ? null : keyUsageBits(p.keyUsage);
  let bc: ArrayBuffer | null = spec.ca ? basicConstraints(true, spec.ca.pathLen) : basicConstraints(false);
  if (p?.basicConstraints !== undefined)
    bc = p.basicConstraints === null ? null : basicConstraints(p.basicConstraints.cA, p.basicConstraints.pathLen);
  const exts = [
    extension(OID_AKI, false, aki(spec.issuerKey)),
    extension(OID_CRL_DP, false, crlDp(spec.crlDistributionPoint)),
    extension(OID_SKI, false, AsnConvert.serialize(new SubjectKeyIdentifier(ab(keyIdentifier(spec.subjectKey))))),
    ...(keyUsage ? [extension(OID_KEY_USAGE, true, keyUsage)] : []),
    ...(bc ? [extension(OID_BASIC_CONSTRAINTS, true, bc)] : []),
    ...(spec.extraExtensions ?? []).map(([type, v]) => extension(type, false, ab(v))),
  ];
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: unsignedInteger(spec.serial),
    signature: algId(),
    issuer: encodeName(spec.issuer),
    validity: new Validity({ notBefore: wholeSeconds(spec.notBefore), notAfter: wholeSeconds(spec.notAfter) }),
    subject: encodeName(spec.subject),
    subjectPublicKeyInfo: AsnConvert.parse(spec.subjectKey.spkiDer, SubjectPublicKeyInfo),
    extensions: new Extensions(exts),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signatureValue = ab(signP256Der(spec.issuerKey, tbsDer));
  return new Uint8Array(
    AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algId(), signatureValue })),
  );
}

export interface CrlSpec {
  readonly issuer: DistinguishedName;
  readonly issuerKey: P256KeyPair;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly crlNumber: number;
  /** Revoked serials (big-endian bytes), each with reason keyCompromise like Intel's PCK CRLs. */
  readonly revoked: readonly Uint8Array[];
}

/** Builds and signs a v2 CRL like Intel's (CRL Number + AKI extensions; no revokedCertificates when empty). */
export function buildCrl(spec: CrlSpec): Uint8Array {
  const thisUpdate = time(spec.thisUpdate);
  const reason = AsnConvert.serialize(new CRLReason(CRLReasons.keyCompromise));
  const tbs = new TBSCertList({
    version: Version.v2,
    signature: algId(),
    issuer: encodeName(spec.issuer),
    thisUpdate,
    nextUpdate: time(spec.nextUpdate),
    crlExtensions: [
      extension(OID_CRL_NUMBER, false, AsnConvert.serialize(new CRLNumber(spec.crlNumber))),
      extension(OID_AKI, false, aki(spec.issuerKey)),
    ],
  });
  if (spec.revoked.length > 0) {
    tbs.revokedCertificates = spec.revoked.map(
      (serial) =>
        new RevokedCertificate({
          userCertificate: unsignedInteger(serial),
          revocationDate: thisUpdate,
          crlEntryExtensions: [extension(OID_CRL_REASON, false, reason)],
        }),
    );
  }
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = ab(signP256Der(spec.issuerKey, tbsDer));
  return new Uint8Array(
    AsnConvert.serialize(new CertificateList({ tbsCertList: tbs, signatureAlgorithm: algId(), signature })),
  );
}

/** PEM armour for a DER certificate, 64 columns, trailing newline (as Intel PCS serves it). */
export const toPem = derToPem;
