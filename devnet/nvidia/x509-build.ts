/**
 * X.509 v3 certificates (ecdsa-with-SHA384) of the SIMULATED devnet NVIDIA-like PKI, with NVIDIA's device extensions:
 * the TCG DICE FWID extension (2.23.133.5.4.1) and the SAN device-id otherName. Every subject carries
 * O="Chrysalis Devnet (SIMULATED)".
 */
import { createHash, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  OtherName,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  ExtendedKeyUsage,
} from '@peculiar/asn1-x509';
import type { DevnetKey } from './keys';

const OID_ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_SERIAL = '2.5.4.5';
const SIMULATED_ORG = 'Chrysalis Devnet (SIMULATED)';
const OID_SHA384 = '2.16.840.1.101.3.4.2.2';

/** FWID: SEQUENCE { hashAlg OID, digest OCTET STRING }. */
@AsnType({ type: AsnTypeTypes.Sequence })
class Fwid {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  hashAlg = OID_SHA384;
  @AsnProp({ type: AsnPropTypes.OctetString })
  digest: ArrayBuffer = new ArrayBuffer(0);
}

/** The FWID extension value as NVIDIA uses it: SEQUENCE { INTEGER 1, SubjectPublicKeyInfo, Fwid }. */
@AsnType({ type: AsnTypeTypes.Sequence })
class DiceFwidValue {
  @AsnProp({ type: AsnPropTypes.Integer })
  version = 1;
  @AsnProp({ type: SubjectPublicKeyInfo })
  subjectPublicKeyInfo = new SubjectPublicKeyInfo();
  @AsnProp({ type: Fwid })
  fwid = new Fwid();
}

/** TCG DICE FWID extension value as NVIDIA uses it: SEQUENCE { INTEGER 1, SubjectPublicKeyInfo, SEQUENCE { sha384, OCTET STRING fwid } }. */
export function diceFwidExtension(spkiDer: Uint8Array, fwid: Uint8Array): Uint8Array {
  const v = new DiceFwidValue();
  v.subjectPublicKeyInfo = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  v.fwid.digest = Uint8Array.from(fwid).buffer;
  return new Uint8Array(AsnConvert.serialize(v));
}

function name(cn: string, serial?: string): Name {
  const rdn = (type: string, value: AttributeValue) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);
  return new Name([
    ...(serial ? [rdn(OID_SERIAL, new AttributeValue({ printableString: serial }))] : []),
    rdn(OID_O, new AttributeValue({ utf8String: SIMULATED_ORG })),
    rdn(OID_CN, new AttributeValue({ utf8String: cn })),
  ]);
}

export interface CertSpec {
  readonly subjectCn: string;
  readonly subjectSerial?: string;
  readonly serial: Uint8Array;
  readonly key: DevnetKey;
  readonly issuer?: { readonly cn: string; readonly serial?: string; readonly key: DevnetKey };
  readonly ca: boolean;
  readonly pathLen?: number;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extraExtensions?: readonly Extension[];
  readonly ocspSigning?: boolean;
  /**
   * SIMULATED non-conforming profile, for negative tests of the verifier's X.509 constraint checks only: replaces the
   * BasicConstraints (`null` omits it) and KeyUsage (KeyUsageFlags mask; `null` omits it) that `ca` implies.
   */
  readonly profile?: {
    readonly basicConstraints?: { readonly cA: boolean; readonly pathLen?: number } | null;
    readonly keyUsage?: number | null;
  };
}

function keyId(k: KeyObject): ArrayBuffer {
  const spki = k.export({ type: 'spki', format: 'der' });
  return new Uint8Array(createHash('sha1').update(spki).digest()).buffer;
}

function extension(extnID: string, critical: boolean, value: ArrayBuffer): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(value) });
}

/** BasicConstraints and KeyUsage extensions: the profile `ca` implies, unless `profile` replaces them. */
function constraintExtensions(spec: CertSpec): Extension[] {
  const bc =
    spec.profile?.basicConstraints !== undefined
      ? spec.profile.basicConstraints
      : { cA: spec.ca, ...(spec.pathLen !== undefined ? { pathLen: spec.pathLen } : {}) };
  const ku =
    spec.profile?.keyUsage !== undefined
      ? spec.profile.keyUsage
      : spec.ca
        ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign
        : KeyUsageFlags.digitalSignature;
  return [
    ...(bc
      ? [
          extension(
            '2.5.29.19',
            true,
            AsnConvert.serialize(
              new BasicConstraints({
                cA: bc.cA,
                ...(bc.pathLen !== undefined ? { pathLenConstraint: bc.pathLen } : {}),
              }),
            ),
          ),
        ]
      : []),
    ...(ku !== null ? [extension('2.5.29.15', true, AsnConvert.serialize(new KeyUsage(ku)))] : []),
  ];
}

/** Every extension of the certificate, in the order NVIDIA's certificates carry them. */
function certExtensions(spec: CertSpec, issuerKey: DevnetKey): Extension[] {
  return [
    ...constraintExtensions(spec),
    extension('2.5.29.14', false, AsnConvert.serialize(new SubjectKeyIdentifier(keyId(spec.key.publicKey)))),
    extension(
      '2.5.29.35',
      false,
      AsnConvert.serialize(new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(keyId(issuerKey.publicKey)) })),
    ),
    ...(spec.ocspSigning
      ? [extension('2.5.29.37', false, AsnConvert.serialize(new ExtendedKeyUsage(['1.3.6.1.5.5.7.3.9'])))]
      : []),
    ...(spec.extraExtensions ?? []),
  ];
}

/** Build and sign an X.509 v3 certificate (ecdsa-with-SHA384). */
export function issueCertificate(spec: CertSpec): Uint8Array {
  const issuer = spec.issuer ?? {
    cn: spec.subjectCn,
    ...(spec.subjectSerial ? { serial: spec.subjectSerial } : {}),
    key: spec.key,
  };
  const spkiDer = spec.key.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(spec.serial).buffer,
    signature: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA384 }),
    issuer: name(issuer.cn, issuer.serial),
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: name(spec.subjectCn, spec.subjectSerial),
    subjectPublicKeyInfo: AsnConvert.parse(spkiDer, SubjectPublicKeyInfo),
    extensions: new Extensions(certExtensions(spec, issuer.key)),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const sig = cryptoSign('sha384', tbsDer, issuer.key.privateKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA384 }),
    signatureValue: new Uint8Array(sig).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(cert));
}

/** A SAN with NVIDIA's device-id otherName (1.3.6.1.4.1.412.274.1). */
export function deviceIdSan(deviceId: string): Extension {
  const utf8 = AsnConvert.serialize(new AttributeValue({ utf8String: deviceId }));
  const san = new SubjectAlternativeName([
    new GeneralName({
      otherName: new OtherName({ typeId: '1.3.6.1.4.1.412.274.1', value: utf8 }),
    }),
  ]);
  return new Extension({ extnID: '2.5.29.17', critical: false, extnValue: new OctetString(AsnConvert.serialize(san)) });
}
