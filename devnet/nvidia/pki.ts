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
import { createHash } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import { Extension } from '@peculiar/asn1-x509';
import { deriveP384Key, type DevnetKey } from './keys';
import { deviceIdSan, diceFwidExtension, issueCertificate } from './x509-build';
import type { GpuTrustRoots } from '../../attestation/gpu/roots';

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

/** One CA certificate to issue: subject, key label (also the serial label), path length and validity. */
interface CaSpec {
  readonly cn: string;
  readonly label: string;
  readonly issuer?: DevnetCa;
  readonly pathLen?: number;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serial?: string;
}

/** The devnet key for `label` (namespaced under `chrysalis.devnet.nvidia.`). */
function devnetKey(seed: string, label: string): DevnetKey {
  return deriveP384Key(seed, `chrysalis.devnet.nvidia.${label}`);
}

function issueCa(seed: string, spec: CaSpec): DevnetCa {
  const { cn, issuer, pathLen, serial } = spec;
  const key = devnetKey(seed, spec.label);
  const der = issueCertificate({
    subjectCn: cn,
    ...(serial ? { subjectSerial: serial } : {}),
    serial: serialFrom(seed, spec.label),
    key,
    ...(issuer
      ? { issuer: { cn: issuer.cn, ...(issuer.serial ? { serial: issuer.serial } : {}), key: issuer.key } }
      : {}),
    ca: true,
    ...(pathLen !== undefined ? { pathLen } : {}),
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
  });
  return { cn, ...(serial ? { serial } : {}), key, der };
}

/** The CAs shared by every device: root -> `GH100 Identity` -> `Provisioner ICA 1`. */
interface DeviceCas {
  readonly deviceRoot: DevnetCa;
  readonly deviceIdentity: DevnetCa;
  readonly deviceProvisioner: DevnetCa;
}

function issueDeviceCas(seed: string): DeviceCas {
  const validity = { notBefore: DEVICE_NOT_BEFORE, notAfter: DEVICE_NOT_AFTER };
  const deviceRoot = issueCa(seed, { cn: 'Chrysalis Devnet Device Identity CA', label: 'device.root', ...validity });
  const deviceIdentity = issueCa(seed, {
    cn: 'Devnet GH100 Identity',
    label: 'device.identity',
    issuer: deviceRoot,
    pathLen: 2,
    ...validity,
  });
  const deviceProvisioner = issueCa(seed, {
    cn: 'Devnet GH100 Provisioner ICA 1',
    label: 'device.provisioner',
    issuer: deviceIdentity,
    pathLen: 1,
    ...validity,
  });
  return { deviceRoot, deviceIdentity, deviceProvisioner };
}

/** SIMULATED GPU `index`: its BROM CA under the shared Provisioner, its FMC leaf (SAN device id, FWID) and chain. */
function issueDevice(seed: string, cas: DeviceCas, index: number): DevnetGpuDevice {
  // Device 0 keeps the original labels (so its keys and ids are what a single-device PKI had); device i > 0 adds `.i`.
  const l = (label: string) => (index === 0 ? `device.${label}` : `device.${index}.${label}`);
  const bromSerial = Buffer.from(serialFrom(seed, l('brom'), 10))
    .toString('hex')
    .toUpperCase();
  const brom = issueCa(seed, {
    cn: 'GH100 A01 GSP BROM',
    label: l('brom'),
    issuer: cas.deviceProvisioner,
    pathLen: 0,
    notBefore: DEVICE_NOT_BEFORE,
    notAfter: DEVICE_NOT_AFTER,
    serial: bromSerial,
  });
  const leafKey = devnetKey(seed, l('leaf'));
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
  const { deviceRoot, deviceIdentity, deviceProvisioner } = cas;
  return Object.freeze({
    index,
    chainDer: Object.freeze([leafDer, brom.der, deviceProvisioner.der, deviceIdentity.der, deviceRoot.der]),
    leafKey,
    fwid,
    deviceId,
    brom,
  });
}

/** The RIM signer chain: root -> `Reference Value GH100 CA` -> `L3 GH100 001` -> `HCC RIM L4 Signer` leaf. */
interface RimChain {
  readonly rimRoot: DevnetCa;
  readonly rimCa: DevnetCa;
  readonly rimL3: DevnetCa;
  readonly rimSignerKey: DevnetKey;
  readonly rimLeaf: Uint8Array;
}

function issueRimChain(seed: string): RimChain {
  const validity = { notBefore: RIM_NOT_BEFORE, notAfter: RIM_NOT_AFTER };
  const rimRoot = issueCa(seed, { cn: 'Chrysalis Devnet CoRIM signing Root CA', label: 'rim.root', ...validity });
  const rimCa = issueCa(seed, {
    cn: 'Devnet Reference Value GH100 CA',
    label: 'rim.ca',
    issuer: rimRoot,
    pathLen: 1,
    ...validity,
  });
  const rimL3 = issueCa(seed, {
    cn: 'Devnet Reference Value L3 GH100 001',
    label: 'rim.l3',
    issuer: rimCa,
    pathLen: 0,
    ...validity,
  });
  const rimSignerKey = devnetKey(seed, 'rim.signer');
  const rimLeaf = issueCertificate({
    subjectCn: 'HCC RIM L4 Signer',
    serial: serialFrom(seed, 'rim.signer'),
    key: rimSignerKey,
    issuer: { cn: rimL3.cn, key: rimL3.key },
    ca: false,
    notBefore: RIM_NOT_BEFORE,
    notAfter: RIM_NOT_AFTER,
  });
  return { rimRoot, rimCa, rimL3, rimSignerKey, rimLeaf };
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
  const deviceCas = issueDeviceCas(seed);
  const { deviceRoot, deviceIdentity, deviceProvisioner } = deviceCas;
  const devices = Object.freeze(Array.from({ length: count }, (_, i) => issueDevice(seed, deviceCas, i)));
  const device0 = devices[0]!;
  const { rimRoot, rimCa, rimL3, rimSignerKey, rimLeaf } = issueRimChain(seed);
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
