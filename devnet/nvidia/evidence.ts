/**
 * SIMULATED GPU evidence for the devnet: byte-exact SPDM 1.1 GET_MEASUREMENTS request||response signed by the devnet
 * device leaf key, driver and VBIOS RIMs (SWID XML signed with xml-crypto, ECDSA P-384, C14N 1.1 declared), and OCSP
 * responses signed by the devnet CAs. Verified by the same verifyGpuEvidence with `trust: pki.trust`; rejected under the
 * default (NVIDIA) roots.
 */
import {
  createHash,
  sign as cryptoSign,
  verify as cryptoVerify,
  type BinaryLike,
  type KeyLike,
  type KeyObject,
} from 'node:crypto';
import { SignedXml, C14nCanonicalization } from 'xml-crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, CRLReason, CRLReasons } from '@peculiar/asn1-x509';
import {
  BasicOCSPResponse,
  CertID,
  CertStatus,
  KeyHash,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from '@peculiar/asn1-ocsp';
import type { DevnetCa, DevnetKey, DevnetNvidiaPki } from './pki';
import type { GpuEvidence } from '../../attestation/gpu/parse';
import { ALG_C14N11, ALG_ECDSA_SHA384, ALG_ENVELOPED, ALG_SHA384, SHA384_NS, SWID_NS } from '../../attestation/gpu/rim';
import { OPAQUE } from '../../attestation/gpu/opaque';
import { SPDM_NONCE_LENGTH } from '../../attestation/gpu/parse';

/** RIM indices (0-based) NVIDIA's driver RIMs activate; VBIOS RIMs activate 0-6 and 8-12. */
export const DRIVER_RIM_INDICES: readonly number[] = [7, ...Array.from({ length: 20 }, (_, i) => 21 + i)];
export const VBIOS_RIM_INDICES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
const N_BLOCKS = 64;
const DIGEST = 48;

export interface SimulateGpuOptions {
  readonly nonce: Uint8Array;
  /** Which of the PKI's SIMULATED devices answers (`pki.devices[device]`); default 0. */
  readonly device?: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  /** Include OCSP responses (good, valid for a day from `ocspAt`). Default: none. */
  readonly ocspAt?: Date;
}

export const DEVNET_DEFAULT_DRIVER_VERSION = '550.90.07';
export const DEVNET_DEFAULT_VBIOS_VERSION = '96.00.9F.00.01';

/** Golden value of a devnet measurement (what the simulated GPU reports and the simulated RIM lists). */
export function devnetMeasurement(
  seed: string,
  kind: 'driver' | 'vbios',
  version: string,
  rimIndex: number,
): Uint8Array {
  return new Uint8Array(
    createHash('sha384').update(`chrysalis.devnet.gpu.measurement\0${seed}\0${kind}\0${version}\0${rimIndex}`).digest(),
  );
}

function u16(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff];
}

function tlv(type: number, value: Uint8Array | number[]): number[] {
  const v = [...value];
  return [...u16(type), ...u16(v.length), ...v];
}

function ascii(s: string, width: number): number[] {
  const b = [...Buffer.from(s, 'latin1')];
  while (b.length < width) b.push(0);
  return b;
}

/** `96.00.9F.00.01` -> opaque bytes b0..b7 with version = b3.b2.b1.b0.b4. */
export function vbiosVersionBytes(version: string): number[] {
  const p = version.split('.').map((x) => parseInt(x, 16));
  if (p.length !== 5 || p.some((x) => !(x >= 0 && x <= 255)))
    throw new RangeError('VBIOS version must be 5 dotted hex bytes');
  return [p[3]!, p[2]!, p[1]!, p[0]!, p[4]!, 0, 0, 0];
}

/** The signing material of SIMULATED device `index` (device 0: the PKI's single-device fields). */
interface DeviceMaterial {
  readonly chainDer: readonly Uint8Array[];
  readonly leafKey: DevnetKey;
  readonly fwid: Uint8Array;
  readonly brom: DevnetCa;
}

function deviceMaterial(pki: DevnetNvidiaPki, index = 0): DeviceMaterial {
  if (index === 0)
    return { chainDer: pki.deviceChainDer, leafKey: pki.deviceLeafKey, fwid: pki.fwid, brom: pki.cas.deviceBrom };
  const d = Number.isInteger(index) && index > 0 ? pki.devices[index] : undefined;
  if (!d) throw new RangeError(`the devnet PKI has no device ${index} (it has ${pki.devices.length})`);
  return d;
}

function opaqueData(fwid: Uint8Array, driver: string, vbios: string): Uint8Array {
  const counts: number[] = [];
  for (let i = 0; i < N_BLOCKS; i++) counts.push(...[i < 41 ? 1 : 0, 0, 0, 0]);
  return Uint8Array.from([
    ...tlv(OPAQUE.VBIOS_VERSION, vbiosVersionBytes(vbios)),
    ...tlv(OPAQUE.BOARD_ID, [0xb1, 0x03, 0, 0]),
    ...tlv(OPAQUE.CHIP_SKU, ascii('882', 9)),
    ...tlv(OPAQUE.CHIP_SKU_MOD, ascii('0', 5)),
    ...tlv(OPAQUE.PROJECT, ascii('1010', 5)),
    ...tlv(OPAQUE.PROJECT_SKU, ascii('0200', 5)),
    ...tlv(OPAQUE.PROJECT_SKU_MOD, [0, 0]),
    ...tlv(OPAQUE.DRIVER_VERSION, ascii(driver, driver.length + 1)),
    ...tlv(OPAQUE.GPU_INFO, [0x80, 0x01, 0, 0, 0, 0, 0, 0]),
    ...tlv(OPAQUE.MSRSCNT, counts),
    ...tlv(OPAQUE.CPRINFO, [0x00, 0xc0, 0x01, 0x00]),
    ...tlv(OPAQUE.NVDEC0_STATUS, [0x55]),
    ...tlv(OPAQUE.FWID, fwid),
    ...tlv(OPAQUE.PROTECTED_PCIE_STATUS, [0x55]),
    ...tlv(OPAQUE.OPAQUE_DATA_VERSION, [1, 0]),
    ...tlv(OPAQUE.FEATURE_FLAG, [0, 0]),
  ]);
}

/** Byte-exact SIMULATED SPDM 1.1 GET_MEASUREMENTS request||response, signed by device `device`'s (default 0) leaf key. */
export function simulateGpuReport(
  pki: DevnetNvidiaPki,
  opts: { nonce: Uint8Array; driverVersion: string; vbiosVersion: string; device?: number },
): Uint8Array {
  if (!(opts.nonce instanceof Uint8Array) || opts.nonce.length !== SPDM_NONCE_LENGTH)
    throw new RangeError('nonce must be 32 bytes');
  const dev = deviceMaterial(pki, opts.device);
  const request = [0x11, 0xe0, 0x01, 0xff, ...opts.nonce, 0x00];
  const record: number[] = [];
  const driver = new Set(DRIVER_RIM_INDICES);
  const vbios = new Set(VBIOS_RIM_INDICES);
  for (let spdmIndex = 1; spdmIndex <= N_BLOCKS; spdmIndex++) {
    const r = spdmIndex - 1;
    const value = driver.has(r)
      ? devnetMeasurement(pki.seed, 'driver', opts.driverVersion, r)
      : vbios.has(r)
        ? devnetMeasurement(pki.seed, 'vbios', opts.vbiosVersion, r)
        : new Uint8Array(DIGEST);
    // Index, MeasurementSpecification (DMTF), MeasurementSize = 3 + 48, DMTF type 1 (mutable firmware), ValueSize 48.
    record.push(spdmIndex, 0x01, ...u16(3 + DIGEST), 0x01, ...u16(DIGEST), ...value);
  }
  const responderNonce = createHash('sha256')
    .update(`chrysalis.devnet.gpu.responder-nonce\0${pki.seed}\0${opts.device ? `${opts.device}\0` : ''}`)
    .update(opts.nonce)
    .digest();
  const opaque = opaqueData(dev.fwid, opts.driverVersion, opts.vbiosVersion);
  const response = [
    0x11,
    0x60,
    0x00,
    0x00,
    N_BLOCKS,
    record.length & 0xff,
    (record.length >> 8) & 0xff,
    (record.length >> 16) & 0xff,
    ...record,
    ...responderNonce,
    ...u16(opaque.length),
    ...opaque,
  ];
  const signed = Uint8Array.from([...request, ...response]);
  const sig = cryptoSign('sha384', signed, { key: dev.leafKey.privateKey, dsaEncoding: 'ieee-p1363' });
  const out = new Uint8Array(signed.length + sig.length);
  out.set(signed);
  out.set(sig, signed.length);
  return out;
}

/** xml-crypto signature algorithm for ECDSA P-384 (xml-crypto 6 ships RSA/HMAC only). SignatureValue = raw r||s. */
class EcdsaSha384 {
  getSignature(
    signedInfo: BinaryLike,
    privateKey: KeyLike,
    callback?: (err: Error | null, sig?: string) => void,
  ): string {
    const sig = cryptoSign('sha384', Buffer.from(signedInfo as string), {
      key: privateKey as KeyObject,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64');
    if (callback) callback(null, sig);
    return sig;
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return cryptoVerify(
      'sha384',
      Buffer.from(material),
      { key: key as KeyObject, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signatureValue, 'base64'),
    );
  }
  getAlgorithmName(): string {
    return ALG_ECDSA_SHA384;
  }
}

class Sha384 {
  getHash(xml: string): string {
    return createHash('sha384').update(xml, 'utf8').digest('base64');
  }
  getAlgorithmName(): string {
    return ALG_SHA384;
  }
}

/** C14N 1.1 is produced by xml-crypto's inclusive C14N (identical output without xml:id / xml:base). */
class C14n11 extends C14nCanonicalization {
  override getAlgorithmName(): string {
    return ALG_C14N11;
  }
}

/** Unsigned SWID body of a devnet RIM. */
export function devnetRimBody(pki: DevnetNvidiaPki, kind: 'driver' | 'vbios', version: string): string {
  const active = new Set(kind === 'driver' ? DRIVER_RIM_INDICES : VBIOS_RIM_INDICES);
  const tagId = createHash('sha384').update(`chrysalis.devnet.rim\0${pki.seed}\0${kind}\0${version}`).digest('hex');
  const resources: string[] = [];
  for (let i = 0; i < N_BLOCKS; i++) {
    const on = active.has(i);
    const h = on ? Buffer.from(devnetMeasurement(pki.seed, kind, version, i)).toString('hex') : '0'.repeat(DIGEST * 2);
    resources.push(
      `        <ns0:Resource type="Measurement" index="${i}" active="${on ? 'True' : 'False'}" alternatives="1" ns2:Hash0="${h}" name="Measurement_${i}" size="${DIGEST}"/>`,
    );
  }
  return [
    `<SoftwareIdentity xmlns="${SWID_NS}" xmlns:ns0="${SWID_NS}" xmlns:ns2="${SHA384_NS}" corpus="false" name="GH100" patch="false" supplemental="false" tagId="${tagId}" version="1.0" tagVersion="0">`,
    `    <ns0:Entity name="Chrysalis Devnet (SIMULATED)" role="softwareCreator tagCreator"/>`,
    `    <ns0:Meta xmlns:ns1="https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/" colloquialVersion="${version}" edition="GPU" product="GH100" revision="r1" PayloadType="direct" ns1:BindingSpec="RIMIM" ns1:BindingSpecVersion="1.01" ns1:PlatformManufacturerId="5703" ns1:PlatformManufacturerStr="Chrysalis Devnet (SIMULATED)" ns1:PlatformModel="GH100" ns1:FirmwareManufacturer="Chrysalis Devnet (SIMULATED)" ns1:FirmwareManufacturerId="5703"/>`,
    `    <ns0:Payload>`,
    ...resources,
    `    </ns0:Payload>`,
    `</SoftwareIdentity>`,
  ].join('\n');
}

/** Sign a SWID document like NVIDIA's RIMs (enveloped, URI="", C14N 1.1, sha384, ecdsa-sha384, X509Data chain). */
export function signDevnetRim(xml: string, signerKey: DevnetKey, chainDer: readonly Uint8Array[]): string {
  const certs = chainDer.map((d) => Buffer.from(d).toString('base64'));
  const sig = new SignedXml({
    privateKey: signerKey.privateKey,
    signatureAlgorithm: ALG_ECDSA_SHA384,
    canonicalizationAlgorithm: ALG_C14N11,
    getKeyInfoContent: (args) => {
      const p = args?.prefix ? `${args.prefix}:` : '';
      return `<${p}X509Data>${certs.map((c) => `<${p}X509Certificate>${c}</${p}X509Certificate>`).join('')}</${p}X509Data>`;
    },
  });
  (sig.SignatureAlgorithms as Record<string, unknown>)[ALG_ECDSA_SHA384] = EcdsaSha384;
  (sig.HashAlgorithms as Record<string, unknown>)[ALG_SHA384] = Sha384;
  (sig.CanonicalizationAlgorithms as Record<string, unknown>)[ALG_C14N11] = C14n11;
  sig.addReference({
    xpath: '/*',
    transforms: [ALG_ENVELOPED, ALG_C14N11],
    digestAlgorithm: ALG_SHA384,
    uri: '',
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

/** A signed SIMULATED RIM for `kind` at `version`. */
export function simulateDevnetRim(pki: DevnetNvidiaPki, kind: 'driver' | 'vbios', version: string): string {
  return signDevnetRim(devnetRimBody(pki, kind, version), pki.rimSignerKey, pki.rimChainDer);
}

export type DevnetOcspStatus = 'good' | 'revoked' | 'hold' | 'unknown';

const OID_SHA1 = '1.3.14.3.2.26';
const OID_ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** One SIMULATED OCSP response for `certDer` issued by `issuer`, signed by the issuer (or `signWith`). */
export function simulateOcspResponse(
  certDer: Uint8Array,
  issuer: DevnetCa,
  opts: {
    readonly now: Date;
    readonly status?: DevnetOcspStatus;
    readonly validForMs?: number;
    readonly signWith?: DevnetKey;
    /** Delegated responder: its certificate is embedded and its key signs. */
    readonly responder?: { readonly der: Uint8Array; readonly key: DevnetKey };
  },
): Uint8Array {
  const cert = AsnConvert.parse(certDer, Certificate);
  const issuerCert = AsnConvert.parse(issuer.der, Certificate);
  const sha1 = (b: ArrayBuffer | Uint8Array) =>
    new Uint8Array(createHash('sha1').update(new Uint8Array(b)).digest()).buffer;
  const keyBits = issuerCert.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey;
  const status = opts.status ?? 'good';
  const certStatus =
    status === 'good'
      ? new CertStatus({ good: null })
      : status === 'unknown'
        ? new CertStatus({ unknown: null })
        : new CertStatus({
            revoked: new RevokedInfo({
              revocationTime: new Date(opts.now.getTime() - 3_600_000),
              revocationReason: new CRLReason(
                status === 'hold' ? CRLReasons.certificateHold : CRLReasons.keyCompromise,
              ),
            }),
          });
  const single = new SingleResponse({
    certID: new CertID({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SHA1, parameters: null }),
      issuerNameHash: new OctetString(sha1(AsnConvert.serialize(issuerCert.tbsCertificate.subject))),
      issuerKeyHash: new OctetString(sha1(keyBits)),
      serialNumber: cert.tbsCertificate.serialNumber,
    }),
    certStatus,
    thisUpdate: new Date(opts.now.getTime() - 60_000),
    nextUpdate: new Date(opts.now.getTime() + (opts.validForMs ?? 86_400_000)),
  });
  const tbs = new ResponseData({
    responderID: new ResponderID({ byKey: new KeyHash(sha1(keyBits)) }),
    producedAt: opts.now,
    responses: [single],
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = cryptoSign('sha384', tbsDer, (opts.responder?.key ?? opts.signWith ?? issuer.key).privateKey);
  const basic = new BasicOCSPResponse({
    tbsResponseData: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA384 }),
    signature: new Uint8Array(signature).buffer,
    ...(opts.responder ? { certs: [AsnConvert.parse(opts.responder.der, Certificate)] } : {}),
  });
  const resp = new OCSPResponse({
    responseStatus: OCSPResponseStatus.successful,
    responseBytes: new ResponseBytes({
      responseType: OID_OCSP_BASIC,
      response: new OctetString(AsnConvert.serialize(basic)),
    }),
  });
  return new Uint8Array(AsnConvert.serialize(resp));
}

/**
 * OCSP responses for every certificate NVIDIA's verifiers check: device BROM/Provisioner/Identity (of device `device`,
 * default 0) and the RIM chain.
 */
export function simulateOcspResponses(
  pki: DevnetNvidiaPki,
  opts: {
    readonly now: Date;
    readonly status?: DevnetOcspStatus;
    readonly validForMs?: number;
    readonly device?: number;
  },
): Uint8Array[] {
  const d = deviceMaterial(pki, opts.device).chainDer;
  const r = pki.rimChainDer;
  const c = pki.cas;
  return [
    simulateOcspResponse(d[1]!, c.deviceProvisioner, opts),
    simulateOcspResponse(d[2]!, c.deviceIdentity, opts),
    simulateOcspResponse(d[3]!, c.deviceRoot, opts),
    simulateOcspResponse(r[0]!, c.rimL3, opts),
    simulateOcspResponse(r[1]!, c.rimCa, opts),
    simulateOcspResponse(r[2]!, c.rimRoot, opts),
  ];
}

/**
 * SIMULATED evidence for one GPU (`pki.devices[device]`, default 0): report for `nonce`, that device's chain (DER, leaf
 * first), both signed RIMs, and OCSP responses when `ocspAt` is given. RangeError for a device the PKI does not have.
 */
export function simulateGpuEvidence(pki: DevnetNvidiaPki, opts: Readonly<SimulateGpuOptions>): GpuEvidence {
  const driverVersion = opts.driverVersion ?? DEVNET_DEFAULT_DRIVER_VERSION;
  const vbiosVersion = opts.vbiosVersion ?? DEVNET_DEFAULT_VBIOS_VERSION;
  const device = opts.device ?? 0;
  const ev: GpuEvidence = {
    report: simulateGpuReport(pki, { nonce: opts.nonce, driverVersion, vbiosVersion, device }),
    certChain: deviceMaterial(pki, device).chainDer.map((d) => d.slice()),
    rims: {
      driver: simulateDevnetRim(pki, 'driver', driverVersion),
      vbios: simulateDevnetRim(pki, 'vbios', vbiosVersion),
    },
  };
  if (opts.ocspAt) ev.ocsp = simulateOcspResponses(pki, { now: opts.ocspAt, device });
  return ev;
}

/**
 * Hardware boundary: the worker asks GPU `index` (default 0) for evidence over a nonce (real: NVML inside the CVM;
 * here SIMULATED).
 */
export interface GpuEvidenceProvider {
  getEvidence(nonce: Uint8Array, index?: number): Promise<GpuEvidence>;
}

/** SIMULATED provider backed by the devnet PKI: GPU `index` is `pki.devices[index]`. */
export function createSimulatedGpuEvidenceProvider(
  pki: DevnetNvidiaPki,
  opts: { readonly driverVersion?: string; readonly vbiosVersion?: string } = {},
): GpuEvidenceProvider {
  return {
    getEvidence: async (nonce, index) =>
      simulateGpuEvidence(pki, {
        nonce,
        ...(index !== undefined ? { device: index } : {}),
        ...(opts.driverVersion !== undefined ? { driverVersion: opts.driverVersion } : {}),
        ...(opts.vbiosVersion !== undefined ? { vbiosVersion: opts.vbiosVersion } : {}),
      }),
  };
}
