/**
 * NVIDIA opaque data carried in the SPDM MEASUREMENTS response (DMTF DSP0274 1.1 "OpaqueData").
 * Layout: a list of TLVs `type u16le, size u16le, value[size]`; type ids from NVIDIA's
 * `gpu_opaque_data_parser.hpp` / nvtrust `spdm_msrt_resp_msg.py` (see docs/reference/gpu-attestation.md §2.2).
 */
import { GpuParseError } from './errors';

export const OPAQUE = {
  CERT_ISSUER_NAME: 1,
  CERT_AUTHORITY_KEY_IDENTIFIER: 2,
  DRIVER_VERSION: 3,
  GPU_INFO: 4,
  SKU: 5,
  VBIOS_VERSION: 6,
  MANUFACTURER_ID: 7,
  TAMPER_DETECTION: 8,
  SMC: 9,
  VPR: 10,
  NVDEC0_STATUS: 11,
  MSRSCNT: 12,
  CPRINFO: 13,
  BOARD_ID: 14,
  CHIP_SKU: 15,
  CHIP_SKU_MOD: 16,
  PROJECT: 17,
  PROJECT_SKU: 18,
  PROJECT_SKU_MOD: 19,
  FWID: 20,
  PROTECTED_PCIE_STATUS: 21,
  SWITCH_PDI: 22,
  FLOORSWEPT_PORTS: 23,
  POSITION_ID: 24,
  LOCK_SWITCH_STATUS: 25,
  GPU_LINK_CONN: 32,
  SYS_ENABLE_STATUS: 33,
  OPAQUE_DATA_VERSION: 34,
  CHIP_INFO: 35,
  FEATURE_FLAG: 36,
} as const;

const OPAQUE_TYPE_MIN = 1;
const OPAQUE_TYPE_MAX = 36;
const TLV_HEADER = 4;
/** Status bytes of NVDEC0_STATUS / PROTECTED_PCIE_STATUS (nvtrust `config.py`). */
export const STATUS_ENABLED = 0xaa;
export const STATUS_DISABLED = 0x55;

export type FeatureMode = 'SPT' | 'MPT' | 'PPCIE';

export interface OpaqueField {
  readonly type: number;
  readonly value: Uint8Array;
}

/** Decoded opaque data. Raw TLVs are kept in `fields` (in report order). */
export interface GpuOpaqueData {
  readonly fields: readonly OpaqueField[];
  readonly driverVersion?: string;
  /** `b3.b2.b1.b0.b4` upper-case hex, e.g. `96.00.9F.00.01`. */
  readonly vbiosVersion?: string;
  readonly project?: string;
  readonly projectSku?: string;
  readonly projectSkuMod?: string;
  readonly chipSku?: string;
  readonly chipSkuMod?: string;
  readonly chipInfo?: string;
  readonly fwid?: Uint8Array;
  readonly nvdec0Status?: number;
  readonly protectedPcieStatus?: number;
  /** Per-index measurement counters (MSRSCNT). */
  readonly measurementCounts?: readonly number[];
  readonly switchPdis?: readonly Uint8Array[];
  readonly opaqueDataVersion?: number;
  readonly featureFlag?: number;
  /** FEATURE_FLAG decoded with the python mapping (0 SPT, 1 MPT, 2 PPCIE). */
  readonly featureMode?: FeatureMode;
}

function str(v: Uint8Array): string {
  let end = v.length;
  while (end > 0 && v[end - 1] === 0) end--;
  return Buffer.from(v.buffer, v.byteOffset, end).toString('latin1');
}

function hex2(b: number | undefined): string {
  return (b ?? 0).toString(16).padStart(2, '0').toUpperCase();
}

/** VBIOS version bytes b0..b7 -> `b3.b2.b1.b0.b4` (NVAT `evidence.cpp`, python `format_vbios_version`). */
export function formatVbiosVersion(v: Uint8Array): string {
  return [v[3], v[2], v[1], v[0], v[4]].map(hex2).join('.');
}

function bad(msg: string): never {
  throw new GpuParseError('GPU_OPAQUE_DATA_INVALID', msg);
}

function fixed(v: Uint8Array, n: number, name: string): void {
  if (v.length !== n) bad(`${name} must be ${n} bytes, got ${v.length}`);
}

/**
 * Parse the opaque-data TLV list. Throws `GpuParseError`: GPU_OPAQUE_DATA_EMPTY, GPU_OPAQUE_DATA_INVALID,
 * GPU_OPAQUE_TYPE_UNKNOWN, GPU_OPAQUE_FIELD_DUPLICATE, GPU_OPAQUE_VERSION_UNSUPPORTED.
 */
export function parseOpaqueData(data: Uint8Array): GpuOpaqueData {
  if (data.length === 0) throw new GpuParseError('GPU_OPAQUE_DATA_EMPTY', 'opaque data is empty');
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const fields: OpaqueField[] = [];
  const seen = new Set<number>();
  const out: { -readonly [K in keyof GpuOpaqueData]?: GpuOpaqueData[K] } = {};
  let off = 0;
  while (off < data.length) {
    if (data.length - off < TLV_HEADER) bad(`truncated TLV header at opaque offset ${off}`);
    const type = dv.getUint16(off, true);
    const size = dv.getUint16(off + 2, true);
    off += TLV_HEADER;
    if (data.length - off < size) bad(`TLV type ${type} size ${size} overruns opaque data`);
    const value = data.subarray(off, off + size);
    off += size;
    if (type < OPAQUE_TYPE_MIN || type > OPAQUE_TYPE_MAX) {
      throw new GpuParseError('GPU_OPAQUE_TYPE_UNKNOWN', `unknown opaque data type ${type}`);
    }
    if (seen.has(type)) throw new GpuParseError('GPU_OPAQUE_FIELD_DUPLICATE', `opaque data type ${type} repeated`);
    seen.add(type);
    fields.push({ type, value });
    switch (type) {
      case OPAQUE.DRIVER_VERSION:
        out.driverVersion = str(value);
        break;
      case OPAQUE.VBIOS_VERSION:
        fixed(value, 8, 'VBIOS_VERSION');
        out.vbiosVersion = formatVbiosVersion(value);
        break;
      case OPAQUE.PROJECT:
        out.project = str(value);
        break;
      case OPAQUE.PROJECT_SKU:
        out.projectSku = str(value);
        break;
      case OPAQUE.PROJECT_SKU_MOD:
        out.projectSkuMod = str(value);
        break;
      case OPAQUE.CHIP_SKU:
        out.chipSku = str(value);
        break;
      case OPAQUE.CHIP_SKU_MOD:
        out.chipSkuMod = str(value);
        break;
      case OPAQUE.CHIP_INFO:
        out.chipInfo = str(value);
        break;
      case OPAQUE.FWID:
        if (size === 0) bad('FWID is empty');
        out.fwid = value;
        break;
      case OPAQUE.NVDEC0_STATUS:
        fixed(value, 1, 'NVDEC0_STATUS');
        out.nvdec0Status = value[0]!;
        break;
      case OPAQUE.PROTECTED_PCIE_STATUS:
        fixed(value, 1, 'PROTECTED_PCIE_STATUS');
        out.protectedPcieStatus = value[0]!;
        break;
      case OPAQUE.MSRSCNT: {
        if (size % 4 !== 0) bad('MSRSCNT size must be a multiple of 4');
        const counts: number[] = [];
        for (let i = 0; i < size; i += 4) counts.push(new DataView(value.buffer, value.byteOffset).getUint32(i, true));
        out.measurementCounts = counts;
        break;
      }
      case OPAQUE.SWITCH_PDI: {
        if (size % 8 !== 0) bad('SWITCH_PDI size must be a multiple of 8');
        const pdis: Uint8Array[] = [];
        for (let i = 0; i < size; i += 8) pdis.push(value.subarray(i, i + 8));
        out.switchPdis = pdis;
        break;
      }
      case OPAQUE.OPAQUE_DATA_VERSION: {
        fixed(value, 2, 'OPAQUE_DATA_VERSION');
        const ver = value[0]! | (value[1]! << 8);
        if (ver > 1)
          throw new GpuParseError('GPU_OPAQUE_VERSION_UNSUPPORTED', `opaque data version ${ver} not supported`);
        out.opaqueDataVersion = ver;
        break;
      }
      case OPAQUE.FEATURE_FLAG: {
        fixed(value, 2, 'FEATURE_FLAG');
        const f = value[0]! | (value[1]! << 8);
        out.featureFlag = f;
        // Python mapping (spdm_msrt_resp_msg.py); NVAT's enum swaps 0/1, real data supports python's.
        if (f === 0) out.featureMode = 'SPT';
        else if (f === 1) out.featureMode = 'MPT';
        else if (f === 2) out.featureMode = 'PPCIE';
        break;
      }
      default:
        break;
    }
  }
  return Object.freeze({ ...out, fields: Object.freeze(fields) }) as GpuOpaqueData;
}
