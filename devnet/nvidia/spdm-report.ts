/** SIMULATED SPDM 1.1 GET_MEASUREMENTS request||response of a devnet GPU, with NVIDIA's opaque data TLVs. */
import { createHash, sign as cryptoSign } from 'node:crypto';
import { deviceMaterial } from './device-material';
import { devnetMeasurement, DIGEST, DRIVER_RIM_INDICES, N_BLOCKS, VBIOS_RIM_INDICES } from './measurements';
import type { DevnetNvidiaPki } from './pki';
import { OPAQUE } from '../../attestation/gpu/opaque';
import { SPDM_NONCE_LENGTH } from '../../attestation/gpu/parse';

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

/** The 64 measurement blocks: driver and VBIOS golden values at their RIM indices, zeros elsewhere. */
function measurementRecord(seed: string, driverVersion: string, vbiosVersion: string): number[] {
  const record: number[] = [];
  const driver = new Set(DRIVER_RIM_INDICES);
  const vbios = new Set(VBIOS_RIM_INDICES);
  for (let spdmIndex = 1; spdmIndex <= N_BLOCKS; spdmIndex++) {
    const r = spdmIndex - 1;
    const value = driver.has(r)
      ? devnetMeasurement(seed, 'driver', driverVersion, r)
      : vbios.has(r)
        ? devnetMeasurement(seed, 'vbios', vbiosVersion, r)
        : new Uint8Array(DIGEST);
    // Index, MeasurementSpecification (DMTF), MeasurementSize = 3 + 48, DMTF type 1 (mutable firmware), ValueSize 48.
    record.push(spdmIndex, 0x01, ...u16(3 + DIGEST), 0x01, ...u16(DIGEST), ...value);
  }
  return record;
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
  const record = measurementRecord(pki.seed, opts.driverVersion, opts.vbiosVersion);
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
