/**
 * GPU parse layer (structure only): the SPDM 1.1 GET_MEASUREMENTS request || MEASUREMENTS response, as returned by NVML
 * `nvmlDeviceGetConfComputeGpuAttestationReport` (DMTF DSP0274 1.1.x §10.11; NVIDIA NVAT `spdm_req.cpp`/`spdm_resp.cpp`).
 * All integers little-endian. Every length is parsed, never assumed; any byte after the signature is an error.
 */
import { GpuParseError } from './errors';
import { parseOpaqueData, type GpuOpaqueData } from './opaque';

/** GPU evidence as it travels in a worker bundle. */
export type GpuEvidence = {
  report: Uint8Array /* SPDM GET_MEASUREMENTS request||response */;
  certChain: Uint8Array[] /* DER, leaf first */;
  rims?: { driver?: string; vbios?: string } /* SWID XML */;
  ocsp?: Uint8Array[];
};

export const SPDM_VERSION_11 = 0x11;
export const SPDM_GET_MEASUREMENTS = 0xe0;
export const SPDM_MEASUREMENTS = 0x60;
/** Request: version, code, param1, param2, nonce[32], slotId. */
export const SPDM_REQUEST_LENGTH = 37;
export const SPDM_NONCE_LENGTH = 32;
/** Request Param1 bit 0: signature requested. */
const PARAM1_SIGNATURE_REQUESTED = 0x01;
/** Request Param2 0xFF: all measurement blocks. */
const PARAM2_ALL_MEASUREMENTS = 0xff;
/** Response fixed header: version, code, param1, param2, numberOfBlocks, recordLength u24. */
const RESPONSE_HEADER_LENGTH = 8;
const BLOCK_HEADER_LENGTH = 4; // index, spec, size u16
const DMTF_HEADER_LENGTH = 3; // type, valueSize u16
/** MeasurementSpecification bit 0 = DMTF. */
const MEAS_SPEC_DMTF = 0x01;
/** ECDSA P-384 raw r||s. */
export const SPDM_SIGNATURE_LENGTH = 96;

/** DMTF measurement value types (DSP0274 Table "DMTF measurement specification"), bits 0..6. */
export const DMTF_MEASUREMENT_TYPES: Readonly<Record<number, string>> = {
  0: 'immutable-rom',
  1: 'mutable-firmware',
  2: 'hardware-config',
  3: 'firmware-config',
  4: 'freeform-manifest',
  5: 'structured-debug',
  6: 'mutable-firmware-version',
  7: 'mutable-firmware-svn',
};

export interface SpdmMeasurementBlock {
  /** SPDM index, 1-based. RIM index = index - 1. */
  readonly index: number;
  readonly specification: number;
  /** DMTF value type (low 7 bits). */
  readonly valueType: number;
  readonly valueTypeName: string;
  /** Bit 7 of the type byte: raw bit stream rather than digest. */
  readonly raw: boolean;
  readonly value: Uint8Array;
}

export interface SpdmRequest {
  readonly version: number;
  readonly param1: number;
  readonly param2: number;
  readonly nonce: Uint8Array;
  readonly slotId: number;
}

export interface SpdmResponse {
  readonly version: number;
  readonly param1: number;
  readonly param2: number;
  readonly blocks: readonly SpdmMeasurementBlock[];
  /** Responder (GPU) nonce; not the verifier's challenge. */
  readonly responderNonce: Uint8Array;
  readonly opaqueRaw: Uint8Array;
  readonly opaque: GpuOpaqueData;
  readonly signature: Uint8Array;
}

export interface GpuReport {
  readonly bytes: Uint8Array;
  readonly request: SpdmRequest;
  readonly response: SpdmResponse;
  /** Byte offset of the signature; signed bytes are `bytes[0, signatureOffset)`. */
  readonly signatureOffset: number;
  readonly signedBytes: Uint8Array;
  /** Block by SPDM index (1-based). */
  readonly blockByIndex: ReadonlyMap<number, SpdmMeasurementBlock>;
}

function need(buf: Uint8Array, off: number, n: number, what: string): void {
  if (off + n > buf.length) {
    throw new GpuParseError(
      'GPU_REPORT_TRUNCATED',
      `report truncated in ${what} (need ${off + n} bytes, have ${buf.length})`,
    );
  }
}

/**
 * Parse an SPDM GET_MEASUREMENTS request||response. Throws `GpuParseError`: GPU_REPORT_TRUNCATED,
 * GPU_REPORT_TRAILING_BYTES, GPU_SPDM_VERSION_UNSUPPORTED, GPU_SPDM_REQUEST_CODE_INVALID,
 * GPU_SPDM_RESPONSE_CODE_INVALID, GPU_SPDM_PARAM_UNSUPPORTED, GPU_MEASUREMENT_COUNT_INVALID,
 * GPU_MEASUREMENT_BLOCK_INVALID, GPU_MEASUREMENT_SPEC_UNSUPPORTED, GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH,
 * and the opaque-data codes of `parseOpaqueData`.
 */
export function parseGpuReport(bytes: Uint8Array): GpuReport {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('report must be a Uint8Array');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // --- request (37 bytes) ---
  need(bytes, 0, SPDM_REQUEST_LENGTH, 'request');
  if (bytes[0] !== SPDM_VERSION_11)
    throw new GpuParseError('GPU_SPDM_VERSION_UNSUPPORTED', `request SPDM version 0x${bytes[0]!.toString(16)}`);
  if (bytes[1] !== SPDM_GET_MEASUREMENTS)
    throw new GpuParseError('GPU_SPDM_REQUEST_CODE_INVALID', `request code 0x${bytes[1]!.toString(16)}`);
  const reqParam1 = bytes[2]!;
  const reqParam2 = bytes[3]!;
  if ((reqParam1 & PARAM1_SIGNATURE_REQUESTED) === 0 || reqParam2 !== PARAM2_ALL_MEASUREMENTS) {
    throw new GpuParseError('GPU_SPDM_PARAM_UNSUPPORTED', 'request must ask for all measurements with a signature');
  }
  const request: SpdmRequest = Object.freeze({
    version: bytes[0]!,
    param1: reqParam1,
    param2: reqParam2,
    nonce: bytes.subarray(4, 4 + SPDM_NONCE_LENGTH),
    slotId: bytes[36]!,
  });
  // --- response header ---
  let off = SPDM_REQUEST_LENGTH;
  need(bytes, off, RESPONSE_HEADER_LENGTH, 'response header');
  if (bytes[off] !== SPDM_VERSION_11)
    throw new GpuParseError('GPU_SPDM_VERSION_UNSUPPORTED', `response SPDM version 0x${bytes[off]!.toString(16)}`);
  if (bytes[off + 1] !== SPDM_MEASUREMENTS)
    throw new GpuParseError('GPU_SPDM_RESPONSE_CODE_INVALID', `response code 0x${bytes[off + 1]!.toString(16)}`);
  const respParam1 = bytes[off + 2]!;
  const respParam2 = bytes[off + 3]!;
  const nBlocks = bytes[off + 4]!;
  const recordLength = bytes[off + 5]! | (bytes[off + 6]! << 8) | (bytes[off + 7]! << 16);
  off += RESPONSE_HEADER_LENGTH;
  if (nBlocks === 0) throw new GpuParseError('GPU_MEASUREMENT_COUNT_INVALID', 'response carries no measurement blocks');
  need(bytes, off, recordLength, 'measurement record');
  // --- measurement record ---
  const recordEnd = off + recordLength;
  const blocks: SpdmMeasurementBlock[] = [];
  const byIndex = new Map<number, SpdmMeasurementBlock>();
  while (off < recordEnd) {
    if (recordEnd - off < BLOCK_HEADER_LENGTH) {
      throw new GpuParseError(
        'GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH',
        'measurement record ends inside a block header',
      );
    }
    const index = bytes[off]!;
    const spec = bytes[off + 1]!;
    const size = dv.getUint16(off + 2, true);
    off += BLOCK_HEADER_LENGTH;
    if (recordEnd - off < size)
      throw new GpuParseError('GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH', `block ${index} overruns the record`);
    if (spec !== MEAS_SPEC_DMTF)
      throw new GpuParseError(
        'GPU_MEASUREMENT_SPEC_UNSUPPORTED',
        `block ${index} specification 0x${spec.toString(16)}`,
      );
    if (size < DMTF_HEADER_LENGTH) throw new GpuParseError('GPU_MEASUREMENT_BLOCK_INVALID', `block ${index} too small`);
    const typeByte = bytes[off]!;
    const valueSize = dv.getUint16(off + 1, true);
    if (valueSize + DMTF_HEADER_LENGTH !== size) {
      throw new GpuParseError(
        'GPU_MEASUREMENT_BLOCK_INVALID',
        `block ${index} value size ${valueSize} disagrees with block size ${size}`,
      );
    }
    if (index === 0 || index === 0xff || byIndex.has(index)) {
      throw new GpuParseError('GPU_MEASUREMENT_BLOCK_INVALID', `block index ${index} invalid or repeated`);
    }
    const valueType = typeByte & 0x7f;
    const block: SpdmMeasurementBlock = Object.freeze({
      index,
      specification: spec,
      valueType,
      valueTypeName: DMTF_MEASUREMENT_TYPES[valueType] ?? `reserved-${valueType}`,
      raw: (typeByte & 0x80) !== 0,
      value: bytes.subarray(off + DMTF_HEADER_LENGTH, off + size),
    });
    blocks.push(block);
    byIndex.set(index, block);
    off += size;
  }
  if (blocks.length !== nBlocks) {
    throw new GpuParseError(
      'GPU_MEASUREMENT_COUNT_INVALID',
      `header says ${nBlocks} blocks, record holds ${blocks.length}`,
    );
  }
  // --- responder nonce, opaque data, signature ---
  need(bytes, off, SPDM_NONCE_LENGTH + 2, 'responder nonce / opaque length');
  const responderNonce = bytes.subarray(off, off + SPDM_NONCE_LENGTH);
  off += SPDM_NONCE_LENGTH;
  const opaqueLength = dv.getUint16(off, true);
  off += 2;
  need(bytes, off, opaqueLength, 'opaque data');
  const opaqueRaw = bytes.subarray(off, off + opaqueLength);
  off += opaqueLength;
  const signatureOffset = off;
  need(bytes, off, SPDM_SIGNATURE_LENGTH, 'signature');
  const signature = bytes.subarray(off, off + SPDM_SIGNATURE_LENGTH);
  off += SPDM_SIGNATURE_LENGTH;
  if (off !== bytes.length) {
    throw new GpuParseError('GPU_REPORT_TRAILING_BYTES', `${bytes.length - off} byte(s) after the signature`, {
      details: { parsedLength: off, length: bytes.length },
    });
  }
  const opaque = parseOpaqueData(opaqueRaw);
  const response: SpdmResponse = Object.freeze({
    version: SPDM_VERSION_11,
    param1: respParam1,
    param2: respParam2,
    blocks: Object.freeze(blocks),
    responderNonce,
    opaqueRaw,
    opaque,
    signature,
  });
  return Object.freeze({
    bytes,
    request,
    response,
    signatureOffset,
    signedBytes: bytes.subarray(0, signatureOffset),
    blockByIndex: byIndex,
  });
}

/** Hex text (as NVML tools and the vectors store reports) to bytes. Throws GpuParseError GPU_REPORT_HEX_INVALID. */
export function gpuReportFromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '').replace(/^0x/i, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new GpuParseError('GPU_REPORT_HEX_INVALID', 'report is not hex text');
  }
  return new Uint8Array(Buffer.from(clean, 'hex'));
}
