/**
 * SIMULATED devnet NVIDIA-like PKI: deterministic P-384 keys derived from a seed, a device chain mirroring NVIDIA's
 * (root -> `GH100 Identity` -> `Provisioner ICA 1` -> per-device `GH100 A01 GSP BROM` -> `GH100 A01 GSP FMC LF` leaf with
 * the TCG DICE FWID extension 2.23.133.5.4.1 and the NVIDIA SAN device id), and a RIM signer chain mirroring NVIDIA's
 * CoRIM chain. Every subject carries O="Chrysalis Devnet (SIMULATED)". Keys are deterministic; ECDSA signatures (and so
 * certificate bytes) are not, which is why anchors are matched by SPKI.
 * One PKI issues `devices` distinct SIMULATED GPUs (default 8, like an HGX board): each has its own BROM CA, leaf key,
 * FWID, device id and chain under the one shared root/Identity/Provisioner; device 0 is also exposed through the
 * single-device fields (`deviceChainDer`, `deviceLeafKey`, `fwid`, `deviceId`, `cas.deviceBrom`).
 * Never trusted by default: pass `pki.trust` as `trust` to verifyGpuEvidence.
 */
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  type KeyObject,
} from 'node:crypto';
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
import type { GpuTrustRoots } from '../../attestation/gpu/roots';

const P384_ORDER = BigInt(
  '0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
);
const OID_ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_SERIAL = '2.5.4.5';
const SIMULATED_ORG = 'Chrysalis Devnet (SIMULATED)';

export interface DevnetKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Deterministic P-384 key: d = 1 + (SHA-384(seed || 0 || label) mod (n - 1)). */
export function deriveP384Key(seed: string, label: string): DevnetKey {
  const h = createHash('sha384').update(seed).update('\0').update(label).digest();
  const d = (BigInt('0x' + h.toString('hex')) % (P384_ORDER - 1n)) + 1n;
  const dBytes = Buffer.from(d.toString(16).padStart(96, '0'), 'hex');
  const ecdh = createECDH('secp384r1');
  ecdh.setPrivateKey(dBytes);
  const pub = ecdh.getPublicKey();
  const b64u = (b: Buffer) => b.toString('base64url');
  const jwk = { kty: 'EC', crv: 'P-384', d: b64u(dBytes), x: b64u(pub.subarray(1, 49)), y: b64u(pub.subarray(49, 97)) };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

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

/** Build and sign an X.509 v3 certificate (ecdsa-with-SHA384). */
export function issueCertificate(spec: CertSpec): Uint8Array {
  const issuer = spec.issuer ?? {
    cn: spec.subjectCn,
    ...(spec.subjectSerial ? { serial: spec.subjectSerial } : {}),
    key: spec.key,
  };
  const spkiDer = spec.key.publicKey.export({ type: 'spki', format: 'der' });
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
  const exts: Extension[] = [
    ...(bc
      ? [
          new Extension({
            extnID: '2.5.29.19',
            critical: true,
            extnValue: new OctetString(
              AsnConvert.serialize(
                new BasicConstraints({
                  cA: bc.cA,
                  ...(bc.pathLen !== undefined ? { pathLenConstraint: bc.pathLen } : {}),
                }),
              ),
            ),
          }),
        ]
      : []),
    ...(ku !== null
      ? [
          new Extension({
            extnID: '2.5.29.15',
            critical: true,
            extnValue: new OctetString(AsnConvert.serialize(new KeyUsage(ku))),
          }),
        ]
      : []),
    new Extension({
      extnID: '2.5.29.14',
      critical: false,
      extnValue: new OctetString(AsnConvert.serialize(new SubjectKeyIdentifier(keyId(spec.key.publicKey)))),
    }),
    new Extension({
      extnID: '2.5.29.35',
      critical: false,
      extnValue: new OctetString(
        AsnConvert.serialize(
          new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(keyId(issuer.key.publicKey)) }),
        ),
      ),
    }),
    ...(spec.ocspSigning
      ? [
          new Extension({
            extnID: '2.5.29.37',
            critical: false,
            extnValue: new OctetString(AsnConvert.serialize(new ExtendedKeyUsage(['1.3.6.1.5.5.7.3.9']))),
          }),
        ]
      : []),
    ...(spec.extraExtensions ?? []),
  ];
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(spec.serial).buffer,
    signature: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA384 }),
    issuer: name(issuer.cn, issuer.serial),
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: name(spec.subjectCn, spec.subjectSerial),
    subjectPublicKeyInfo: AsnConvert.parse(spkiDer, SubjectPublicKeyInfo),
    extensions: new Extensions(exts),
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

export interface DevnetCa {
  readonly cn: string;
  readonly serial?: string;
  readonly key: DevnetKey;
  readonly der: Uint8Array;
}

/** One SIMULATED GPU of a devnet PKI: its own BROM CA, leaf key, FWID, device id and chain. */
export interface DevnetGpuDevice {
  readonly index: number;
  /** Device chain, leaf first, 5 certificates ending with the (self-signed) devnet device root. */
  readonly chainDer: readonly Uint8Array[];
  readonly leafKey: DevnetKey;
  /** 48-byte FWID carried in the leaf extension and in the report's opaque data. */
  readonly fwid: Uint8Array;
  readonly deviceId: string;
  /** This device's `GH100 A01 GSP BROM` CA (issuer of the leaf). */
  readonly brom: DevnetCa;
}

/** Default number of SIMULATED devices per devnet PKI (an 8-GPU HGX board). */
export const DEVNET_DEFAULT_GPU_DEVICES = 8;
/** Upper bound on `devices` (keeps PKI creation bounded). */
export const DEVNET_MAX_GPU_DEVICES = 256;

/** SIMULATED NVIDIA-like PKI. */
export interface DevnetNvidiaPki {
  readonly seed: string;
  /** Distinct SIMULATED GPUs, `devices[0]` being the device of the single-device fields below. */
  readonly devices: readonly DevnetGpuDevice[];
  /** Device 0's chain, leaf first, 5 certificates ending with the (self-signed) devnet device root. */
  readonly deviceChainDer: readonly Uint8Array[];
  readonly deviceLeafKey: DevnetKey;
  /** 48-byte FWID carried in the leaf extension and in the report's opaque data. */
  readonly fwid: Uint8Array;
  readonly deviceId: string;
  /** RIM signer chain, leaf first, 4 certificates ending with the devnet RIM root (embedded in every RIM). */
  readonly rimChainDer: readonly Uint8Array[];
  readonly rimSignerKey: DevnetKey;
  /** CAs by role, for OCSP responses (`deviceBrom` is device 0's; see `devices[i].brom`). */
  readonly cas: Readonly<
    Record<
      'deviceRoot' | 'deviceIdentity' | 'deviceProvisioner' | 'deviceBrom' | 'rimRoot' | 'rimCa' | 'rimL3',
      DevnetCa
    >
  >;
  readonly deviceRootDer: Uint8Array;
  readonly rimRootDer: Uint8Array;
  /** Pass as `trust` to verifyGpuEvidence. */
  readonly trust: GpuTrustRoots;
}

const DEVICE_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const DEVICE_NOT_AFTER = new Date('9999-12-31T23:59:59Z');
const RIM_NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
const RIM_NOT_AFTER = new Date('2099-12-31T23:59:59Z');

function serialFrom(seed: string, label: string, n = 16): Uint8Array {
  const s = createHash('sha256').update(seed).update('\0serial\0').update(label).digest().subarray(0, n);
  s[0] = (s[0]! & 0x7f) | 0x40; // positive, no leading zero
  return new Uint8Array(s);
}

/**
 * Create the SIMULATED devnet NVIDIA-like PKI from a seed (deterministic keys, ids and FWIDs) with `devices` distinct
 * GPUs (default 8, at most 256). Device 0's keys, ids and FWID do not depend on `devices`.
 */
export function createDevnetNvidiaPki(opts: { readonly seed: string; readonly devices?: number }): DevnetNvidiaPki {
  const seed = opts.seed;
  if (typeof seed !== 'string' || seed.length === 0) throw new TypeError('seed must be a non-empty string');
  const count = opts.devices ?? DEVNET_DEFAULT_GPU_DEVICES;
  if (!Number.isInteger(count) || count < 1 || count > DEVNET_MAX_GPU_DEVICES) {
    throw new RangeError(`devices must be an integer in 1..${DEVNET_MAX_GPU_DEVICES}`);
  }
  const k = (label: string) => deriveP384Key(seed, `chrysalis.devnet.nvidia.${label}`);
  const ca = (
    cn: string,
    key: DevnetKey,
    issuer: DevnetCa | undefined,
    label: string,
    pathLen: number | undefined,
    nb: Date,
    na: Date,
    serial?: string,
  ): DevnetCa => {
    const der = issueCertificate({
      subjectCn: cn,
      ...(serial ? { subjectSerial: serial } : {}),
      serial: serialFrom(seed, label),
      key,
      ...(issuer
        ? { issuer: { cn: issuer.cn, ...(issuer.serial ? { serial: issuer.serial } : {}), key: issuer.key } }
        : {}),
      ca: true,
      ...(pathLen !== undefined ? { pathLen } : {}),
      notBefore: nb,
      notAfter: na,
    });
    return { cn, ...(serial ? { serial } : {}), key, der };
  };
  const deviceRoot = ca(
    'Chrysalis Devnet Device Identity CA',
    k('device.root'),
    undefined,
    'device.root',
    undefined,
    DEVICE_NOT_BEFORE,
    DEVICE_NOT_AFTER,
  );
  const deviceIdentity = ca(
    'Devnet GH100 Identity',
    k('device.identity'),
    deviceRoot,
    'device.identity',
    2,
    DEVICE_NOT_BEFORE,
    DEVICE_NOT_AFTER,
  );
  const deviceProvisioner = ca(
    'Devnet GH100 Provisioner ICA 1',
    k('device.provisioner'),
    deviceIdentity,
    'device.provisioner',
    1,
    DEVICE_NOT_BEFORE,
    DEVICE_NOT_AFTER,
  );
  // Device 0 keeps the original labels (so its keys and ids are what a single-device PKI had); device i > 0 adds `.i`.
  const makeDevice = (index: number): DevnetGpuDevice => {
    const l = (label: string) => (index === 0 ? `device.${label}` : `device.${index}.${label}`);
    const bromSerial = Buffer.from(serialFrom(seed, l('brom'), 10))
      .toString('hex')
      .toUpperCase();
    const brom = ca(
      'GH100 A01 GSP BROM',
      k(l('brom')),
      deviceProvisioner,
      l('brom'),
      0,
      DEVICE_NOT_BEFORE,
      DEVICE_NOT_AFTER,
      bromSerial,
    );
    const leafKey = k(l('leaf'));
    const fwid = new Uint8Array(
      createHash('sha384')
        .update(seed)
        .update(index === 0 ? '\0chrysalis.devnet.nvidia.fwid' : `\0chrysalis.devnet.nvidia.fwid\0${index}`)
        .digest(),
    );
    const leafSerial = serialFrom(seed, l('leaf'), 20);
    const deviceId = `NVIDIA:GH100:${Buffer.from(serialFrom(seed, l('id'), 8))
      .toString('hex')
      .toUpperCase()}`;
    const leafSpki = new Uint8Array(leafKey.publicKey.export({ type: 'spki', format: 'der' }));
    const leafDer = issueCertificate({
      subjectCn: 'GH100 A01 GSP FMC LF',
      subjectSerial: Buffer.from(leafSerial).toString('hex').toUpperCase(),
      serial: leafSerial,
      key: leafKey,
      issuer: { cn: brom.cn, serial: bromSerial, key: brom.key },
      ca: false,
      notBefore: DEVICE_NOT_BEFORE,
      notAfter: DEVICE_NOT_AFTER,
      extraExtensions: [
        deviceIdSan(deviceId),
        new Extension({
          extnID: '2.23.133.5.4.1',
          critical: false,
          extnValue: new OctetString(diceFwidExtension(leafSpki, fwid)),
        }),
      ],
    });
    return Object.freeze({
      index,
      chainDer: Object.freeze([leafDer, brom.der, deviceProvisioner.der, deviceIdentity.der, deviceRoot.der]),
      leafKey,
      fwid,
      deviceId,
      brom,
    });
  };
  const devices = Object.freeze(Array.from({ length: count }, (_, i) => makeDevice(i)));
  const device0 = devices[0]!;
  const rimRoot = ca(
    'Chrysalis Devnet CoRIM signing Root CA',
    k('rim.root'),
    undefined,
    'rim.root',
    undefined,
    RIM_NOT_BEFORE,
    RIM_NOT_AFTER,
  );
  const rimCa = ca('Devnet Reference Value GH100 CA', k('rim.ca'), rimRoot, 'rim.ca', 1, RIM_NOT_BEFORE, RIM_NOT_AFTER);
  const rimL3 = ca(
    'Devnet Reference Value L3 GH100 001',
    k('rim.l3'),
    rimCa,
    'rim.l3',
    0,
    RIM_NOT_BEFORE,
    RIM_NOT_AFTER,
  );
  const rimSignerKey = k('rim.signer');
  const rimLeaf = issueCertificate({
    subjectCn: 'HCC RIM L4 Signer',
    serial: serialFrom(seed, 'rim.signer'),
    key: rimSignerKey,
    issuer: { cn: rimL3.cn, key: rimL3.key },
    ca: false,
    notBefore: RIM_NOT_BEFORE,
    notAfter: RIM_NOT_AFTER,
  });
  return Object.freeze({
    seed,
    devices,
    deviceChainDer: device0.chainDer,
    deviceLeafKey: device0.leafKey,
    fwid: device0.fwid,
    deviceId: device0.deviceId,
    rimChainDer: Object.freeze([rimLeaf, rimL3.der, rimCa.der, rimRoot.der]),
    rimSignerKey,
    cas: Object.freeze({
      deviceRoot,
      deviceIdentity,
      deviceProvisioner,
      deviceBrom: device0.brom,
      rimRoot,
      rimCa,
      rimL3,
    }),
    deviceRootDer: deviceRoot.der,
    rimRootDer: rimRoot.der,
    trust: Object.freeze({ deviceRootDer: Object.freeze([deviceRoot.der]), rimRootDer: Object.freeze([rimRoot.der]) }),
  });
}
