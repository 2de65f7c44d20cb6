import { parseGpuReport, parseGpuOpaqueData, GPU_OPAQUE_FIELD, formatVbiosVersion } from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuReport } from '../../devnet';
import { codeOf } from './helpers';

const pki = createDevnetNvidiaPki({ seed: 'parse-tests' });
const base = simulateGpuReport(pki, {
  nonce: new Uint8Array(32).fill(3),
  driverVersion: '550.90.07',
  vbiosVersion: '96.00.9F.00.01',
});
const parsed = parseGpuReport(base);
const opaqueLenAt = parsed.signatureOffset - parsed.response.opaqueRaw.length - 2;
const opaqueAt = opaqueLenAt + 2;

function mutate(f: (b: Uint8Array, dv: DataView) => void): Uint8Array {
  const b = base.slice();
  f(b, new DataView(b.buffer));
  return b;
}
/** Offset of opaque TLV `type` inside the report. */
function tlvAt(type: number): number {
  let off = opaqueAt;
  const dv = new DataView(base.buffer, base.byteOffset);
  while (off < parsed.signatureOffset) {
    if (dv.getUint16(off, true) === type) return off;
    off += 4 + dv.getUint16(off + 2, true);
  }
  throw new Error(`no TLV ${type}`);
}

describe('SPDM report parser: every structural error has its code', () => {
  const cases: [string, Uint8Array, string][] = [
    ['request version', mutate((b) => (b[0] = 0x10)), 'GPU_SPDM_VERSION_UNSUPPORTED'],
    ['request code', mutate((b) => (b[1] = 0xe1)), 'GPU_SPDM_REQUEST_CODE_INVALID'],
    ['no signature requested', mutate((b) => (b[2] = 0)), 'GPU_SPDM_PARAM_UNSUPPORTED'],
    ['single measurement requested', mutate((b) => (b[3] = 1)), 'GPU_SPDM_PARAM_UNSUPPORTED'],
    ['response version', mutate((b) => (b[37] = 0x12)), 'GPU_SPDM_VERSION_UNSUPPORTED'],
    ['response code', mutate((b) => (b[38] = 0x61)), 'GPU_SPDM_RESPONSE_CODE_INVALID'],
    ['zero blocks', mutate((b) => (b[41] = 0)), 'GPU_MEASUREMENT_COUNT_INVALID'],
    ['block count disagrees', mutate((b) => (b[41] = 63)), 'GPU_MEASUREMENT_COUNT_INVALID'],
    ['non-DMTF block', mutate((b) => (b[46] = 0x02)), 'GPU_MEASUREMENT_SPEC_UNSUPPORTED'],
    ['value size vs block size', mutate((_b, dv) => dv.setUint16(50, 47, true)), 'GPU_MEASUREMENT_BLOCK_INVALID'],
    ['duplicate block index', mutate((b) => (b[45 + 55] = 1)), 'GPU_MEASUREMENT_BLOCK_INVALID'],
    ['record length +1', mutate((b) => (b[42] = b[42]! + 1)), 'GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH'],
    [
      'block overruns record',
      mutate((_b, dv) => dv.setUint16(45 + 63 * 55 + 2, 60, true)),
      'GPU_MEASUREMENT_RECORD_LENGTH_MISMATCH',
    ],
    [
      'opaque length +1',
      mutate((_b, dv) => dv.setUint16(opaqueLenAt, parsed.response.opaqueRaw.length + 1, true)),
      'GPU_REPORT_TRUNCATED',
    ],
    [
      'opaque length -1',
      mutate((_b, dv) => dv.setUint16(opaqueLenAt, parsed.response.opaqueRaw.length - 1, true)),
      'GPU_REPORT_TRAILING_BYTES',
    ],
    ['unknown opaque type', mutate((_b, dv) => dv.setUint16(opaqueAt, 200, true)), 'GPU_OPAQUE_TYPE_UNKNOWN'],
    [
      'duplicate opaque field',
      mutate((_b, dv) => dv.setUint16(opaqueAt, GPU_OPAQUE_FIELD.DRIVER_VERSION, true)),
      'GPU_OPAQUE_FIELD_DUPLICATE',
    ],
    [
      'opaque data version 2',
      mutate((b) => (b[tlvAt(GPU_OPAQUE_FIELD.OPAQUE_DATA_VERSION) + 4] = 2)),
      'GPU_OPAQUE_VERSION_UNSUPPORTED',
    ],
    [
      'NVDEC0 status of 2 bytes',
      mutate((_b, dv) => dv.setUint16(tlvAt(GPU_OPAQUE_FIELD.NVDEC0_STATUS) + 2, 2, true)),
      'GPU_OPAQUE_DATA_INVALID',
    ],
    ['TLV overruns opaque', mutate((_b, dv) => dv.setUint16(opaqueAt + 2, 0xffff, true)), 'GPU_OPAQUE_DATA_INVALID'],
  ];
  it.each(cases)('%s', (_name, bytes, code) => {
    expect(codeOf(() => parseGpuReport(bytes))).toBe(code);
  });

  it('empty opaque data', () => {
    const b = new Uint8Array(opaqueAt + 96);
    b.set(base.subarray(0, opaqueLenAt));
    expect(codeOf(() => parseGpuReport(b))).toBe('GPU_OPAQUE_DATA_EMPTY');
  });

  it('opaque parser direct: truncated TLV header and VBIOS formatting', () => {
    expect(codeOf(() => parseGpuOpaqueData(new Uint8Array([3, 0, 1])))).toBe('GPU_OPAQUE_DATA_INVALID');
    expect(formatVbiosVersion(new Uint8Array([0x00, 0x9f, 0x00, 0x96, 0x01, 0, 0, 0]))).toBe('96.00.9F.00.01');
  });

  it('DMTF measurement types and raw flag are decoded', () => {
    expect(parsed.response.blocks[0]!.valueTypeName).toBe('mutable-firmware');
    expect(parsed.response.blocks[0]!.raw).toBe(false);
    expect(parsed.blockByIndex.get(64)!.value).toHaveLength(48);
  });
});
