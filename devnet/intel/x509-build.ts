/**
 * Minimal X.509 v3 certificate and v2 CRL builder (RFC 5280) for the SIMULATED devnet Intel PKI, encoded with
 * `./der-writer` and signed with the deterministic ECDSA of `./ecdsa`. The layout copies Intel's SGX PKI certificates
 * byte for byte in structure: ecdsa-with-SHA256, DNs `CN, O, L, ST, C` (UTF8String, C as PrintableString),
 * extensions in Intel's order (AKI, CRL DP, SKI, Key Usage [critical], Basic Constraints [critical], SGX).
 * Synchronous on purpose: the agreed `createDevnetIntelPki` API is synchronous.
 */
import { createHash } from 'node:crypto';
import { signP256Der, type P256KeyPair } from './ecdsa';
import {
  bitString,
  bool,
  ctx,
  enumerated,
  integer,
  octets,
  oid,
  printable,
  seq,
  set,
  time,
  utf8,
  type Der,
} from './der-writer';

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

const rdn = (type: string, value: Der): Der => set(seq(oid(type), value));
export function encodeName(n: DistinguishedName): Der {
  return seq(
    rdn(OID_CN, utf8(n.cn)),
    rdn(OID_O, utf8(n.o)),
    rdn(OID_L, utf8(n.l)),
    rdn(OID_ST, utf8(n.st)),
    rdn(OID_C, printable(n.c)),
  );
}
const algId = (): Der => seq(oid(OID_ECDSA_SHA256));
const extension = (type: string, critical: boolean, value: Uint8Array): Der =>
  critical ? seq(oid(type), bool(true), octets(value)) : seq(oid(type), octets(value));
const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 §4.2.1.2 method 1). */
export function keyIdentifier(key: P256KeyPair): Uint8Array {
  return new Uint8Array(
    createHash('sha1')
      .update(Buffer.from([0x04]))
      .update(key.publicXY)
      .digest(),
  );
}
const akiValue = (keyId: Uint8Array): Der => seq(ctx(0, false, keyId));
/** DistributionPoint { distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] } } } */
const crlDpValue = (uri: string): Der =>
  seq(seq(ctx(0, true, ctx(0, true, ctx(6, false, new Uint8Array(Buffer.from(uri, 'ascii')))))));

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
function keyUsageBits(bits: readonly number[]): Der {
  const max = Math.max(-1, ...bits);
  if (max < 0) return bitString(new Uint8Array(0), 0);
  const bytes = new Uint8Array((max >> 3) + 1);
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] as number) | (0x80 >> (b & 7));
  return bitString(bytes, 7 - (max & 7));
}

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
  let keyUsage: Der | null = spec.ca
    ? bitString(Uint8Array.of(0x06), 1) /* keyCertSign, cRLSign */
    : bitString(Uint8Array.of(0xc0), 6); /* digitalSignature, nonRepudiation */
  if (p?.keyUsage !== undefined) keyUsage = p.keyUsage === null ? null : keyUsageBits(p.keyUsage);
  let basicConstraints: Der | null = spec.ca ? seq(bool(true), integer(spec.ca.pathLen)) : seq();
  if (p?.basicConstraints !== undefined) {
    const bc = p.basicConstraints;
    basicConstraints =
      bc === null
        ? null
        : seq(...(bc.cA ? [bool(true)] : []), ...(bc.pathLen !== undefined ? [integer(bc.pathLen)] : []));
  }
  const exts = [
    extension(OID_AKI, false, akiValue(keyIdentifier(spec.issuerKey))),
    extension(OID_CRL_DP, false, crlDpValue(spec.crlDistributionPoint)),
    extension(OID_SKI, false, octets(keyIdentifier(spec.subjectKey))),
    ...(keyUsage ? [extension(OID_KEY_USAGE, true, keyUsage)] : []),
    ...(basicConstraints ? [extension(OID_BASIC_CONSTRAINTS, true, basicConstraints)] : []),
    ...(spec.extraExtensions ?? []).map(([type, v]) => extension(type, false, v)),
  ];
  const tbs = seq(
    ctx(0, true, integer(2)), // version v3
    integer(spec.serial),
    algId(),
    encodeName(spec.issuer),
    seq(time(wholeSeconds(spec.notBefore)), time(wholeSeconds(spec.notAfter))),
    encodeName(spec.subject),
    spec.subjectKey.spkiDer,
    ctx(3, true, seq(...exts)),
  );
  return signed(tbs, spec.issuerKey);
}

const signed = (tbs: Der, key: P256KeyPair): Der => seq(tbs, algId(), bitString(signP256Der(key, tbs)));

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
  const thisUpdate = time(wholeSeconds(spec.thisUpdate));
  const fields: Der[] = [
    integer(1) /* v2 */,
    algId(),
    encodeName(spec.issuer),
    thisUpdate,
    time(wholeSeconds(spec.nextUpdate)),
  ];
  if (spec.revoked.length > 0) {
    fields.push(
      seq(
        ...spec.revoked.map((serial) =>
          seq(integer(serial), thisUpdate, seq(extension(OID_CRL_REASON, false, enumerated(1)))),
        ),
      ),
    );
  }
  fields.push(
    ctx(
      0,
      true,
      seq(
        extension(OID_CRL_NUMBER, false, integer(spec.crlNumber)),
        extension(OID_AKI, false, akiValue(keyIdentifier(spec.issuerKey))),
      ),
    ),
  );
  return signed(seq(...fields), spec.issuerKey);
}

/** PEM armour for a DER certificate, 64 columns, trailing newline (as Intel PCS serves it). */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
