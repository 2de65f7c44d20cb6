import { MeasureError } from './errors';
import { sha384, view, guidToBytes, bytesEqual } from '../eventlog/bytes';
import { createHash } from 'node:crypto';

/*
 * TDVF (OVMF for TDX) metadata and MRTD (reference tdx-measurement.md §3; edk2 OvmfPkg/ResetVector/X64/
 * IntelTdxMetadata.asm; dstack-mr src/tdvf.rs; td-shim tee_info_hash.rs).
 *
 * OVMF GUIDed footer table, read from the end: the last 32 bytes are reserved; before them u16 table length +
 * footer GUID 96b582de-1fb2-45f7-baea-a366c55a082d. Entries before it: data | u16 entry length (incl. the 18-byte
 * length+GUID trailer) | GUID. Entry e47a6535-984a-4798-865e-4685a7bf8ec2 holds u32 = distance of the TDVF
 * descriptor from the end of the image.
 * Descriptor: "TDVF" | u32 length | u32 version (1) | u32 section count | sections of 32 bytes:
 *   0 u32 DataOffset | 4 u32 RawDataSize | 8 u64 MemoryAddress | 16 u64 MemoryDataSize | 24 u32 Type | 28 u32 Attributes
 */
const FOOTER_RESERVED = 32;
const GUID_TRAILER = 18;
const FOOTER_GUID = guidToBytes('96b582de-1fb2-45f7-baea-a366c55a082d');
const TDX_METADATA_GUID = guidToBytes('e47a6535-984a-4798-865e-4685a7bf8ec2');
const DESCRIPTOR_HEADER = 16;
const SECTION_SIZE = 32;
const PAGE = 4096;
const CHUNK = 256;
export const ATTR_MR_EXTEND = 0x1;
export const ATTR_PAGE_AUG = 0x2;

export type TdvfSectionType =
  'BFV' | 'CFV' | 'TD_HOB' | 'TEMP_MEM' | 'PERM_MEM' | 'PAYLOAD' | 'PAYLOAD_PARAM' | 'TD_INFO';
const TYPE_NAMES: readonly TdvfSectionType[] = [
  'BFV',
  'CFV',
  'TD_HOB',
  'TEMP_MEM',
  'PERM_MEM',
  'PAYLOAD',
  'PAYLOAD_PARAM',
  'TD_INFO',
];

export interface TdvfSection {
  readonly dataOffset: number;
  readonly rawDataSize: number;
  readonly memoryAddress: bigint;
  readonly memoryDataSize: bigint;
  readonly type: TdvfSectionType;
  readonly attributes: number;
}

export interface TdvfMetadata {
  readonly descriptorOffset: number;
  readonly version: number;
  readonly sections: readonly TdvfSection[];
}

const invalid = (m: string) => new MeasureError('MEASURE_TDVF_INVALID', m);

function findMetadataOffset(fw: Uint8Array): number {
  const notFound = (m: string) => new MeasureError('MEASURE_TDVF_NOT_FOUND', m);
  if (fw.length < FOOTER_RESERVED + GUID_TRAILER) throw notFound('image too small for an OVMF footer table');
  const dv = view(fw);
  const end = fw.length - FOOTER_RESERVED;
  if (!bytesEqual(fw.subarray(end - 16, end), FOOTER_GUID)) throw notFound('no OVMF GUIDed footer table');
  const tableLen = dv.getUint16(end - GUID_TRAILER, true);
  if (tableLen < GUID_TRAILER || tableLen > end) throw invalid(`footer table length ${tableLen}`);
  const start = end - tableLen;
  let cur = end - GUID_TRAILER;
  while (cur - GUID_TRAILER >= start) {
    const guid = fw.subarray(cur - 16, cur);
    const len = dv.getUint16(cur - GUID_TRAILER, true);
    if (len < GUID_TRAILER || cur - len < start) throw invalid(`footer entry length ${len}`);
    if (bytesEqual(guid, TDX_METADATA_GUID)) {
      if (len < GUID_TRAILER + 4) throw invalid('TDX metadata entry too short');
      const dist = dv.getUint32(cur - GUID_TRAILER - 4, true);
      if (dist < DESCRIPTOR_HEADER || dist > fw.length) throw invalid(`TDX metadata offset ${dist}`);
      return fw.length - dist;
    }
    cur -= len;
  }
  throw notFound('no TDX metadata entry in the OVMF footer table');
}

/** @throws MeasureError MEASURE_TDVF_NOT_FOUND | MEASURE_TDVF_INVALID */
export function parseTdvfMetadata(fw: Uint8Array): TdvfMetadata {
  let off = findMetadataOffset(fw);
  const sig = (o: number) => Buffer.from(fw.subarray(o, o + 4)).toString('latin1');
  if (sig(off) !== 'TDVF' && off + 16 + 4 <= fw.length && sig(off + 16) === 'TDVF') off += 16; // GUID-prefixed variant
  if (off + DESCRIPTOR_HEADER > fw.length || sig(off) !== 'TDVF')
    throw new MeasureError('MEASURE_TDVF_NOT_FOUND', 'no "TDVF" descriptor');
  const dv = view(fw);
  const length = dv.getUint32(off + 4, true);
  const version = dv.getUint32(off + 8, true);
  const count = dv.getUint32(off + 12, true);
  if (version !== 1) throw invalid(`TDVF descriptor version ${version}`);
  if (count === 0 || count > 64 || DESCRIPTOR_HEADER + count * SECTION_SIZE > length || off + length > fw.length) {
    throw invalid(`TDVF descriptor with ${count} sections in ${length} bytes`);
  }
  const sections: TdvfSection[] = [];
  for (let i = 0; i < count; i++) {
    const o = off + DESCRIPTOR_HEADER + i * SECTION_SIZE;
    const t = dv.getUint32(o + 24, true);
    const type = TYPE_NAMES[t];
    if (type === undefined) throw invalid(`section ${i}: type ${t}`);
    const s: TdvfSection = {
      dataOffset: dv.getUint32(o, true),
      rawDataSize: dv.getUint32(o + 4, true),
      memoryAddress: dv.getBigUint64(o + 8, true),
      memoryDataSize: dv.getBigUint64(o + 16, true),
      type,
      attributes: dv.getUint32(o + 28, true),
    };
    if (s.memoryAddress % BigInt(PAGE) !== 0n || s.memoryDataSize % BigInt(PAGE) !== 0n)
      throw invalid(`section ${i}: not 4 KiB aligned`);
    if (BigInt(s.rawDataSize) > s.memoryDataSize) throw invalid(`section ${i}: raw data larger than memory`);
    if (s.dataOffset + s.rawDataSize > fw.length) throw invalid(`section ${i}: raw data past the image`);
    if ((s.attributes & ATTR_MR_EXTEND) !== 0 && BigInt(s.rawDataSize) !== s.memoryDataSize) {
      throw invalid(`section ${i}: measured section only partly backed by file bytes`);
    }
    if ((s.attributes & ~(ATTR_MR_EXTEND | ATTR_PAGE_AUG)) !== 0) throw invalid(`section ${i}: unknown attributes`);
    if (s.memoryDataSize > 1n << 34n) throw invalid(`section ${i}: implausible size`);
    sections.push(s);
  }
  return { descriptorOffset: off, version, sections };
}

export type PageOrder = 'single-pass' | 'two-pass';

function opBlock(op: string, gpa: bigint): Uint8Array {
  const b = new Uint8Array(128);
  b.set(Buffer.from(op, 'latin1'), 0);
  view(b).setBigUint64(16, gpa, true);
  return b;
}

/**
 * MRTD as the TDX module computes it while QEMU adds the TDVF pages (TDH.MEM.PAGE.ADD: 128-byte block
 * "MEM.PAGE.ADD" + GPA; TDH.MR.EXTEND: 128-byte block "MR.EXTEND" + chunk GPA, then the 256 content bytes).
 * QEMU 8.x adds all pages of a section before extending them ('two-pass'); QEMU >= 9 interleaves ('single-pass').
 * @throws MeasureError MEASURE_TDVF_NOT_FOUND | MEASURE_TDVF_INVALID
 */
export function computeMrtd(fw: Uint8Array, order: PageOrder, meta: TdvfMetadata = parseTdvfMetadata(fw)): Uint8Array {
  const h = createHash('sha384');
  for (const s of meta.sections) {
    if ((s.attributes & ATTR_PAGE_AUG) !== 0) continue;
    const pages = Number(s.memoryDataSize / BigInt(PAGE));
    const measured = (s.attributes & ATTR_MR_EXTEND) !== 0;
    const add = (p: number) => h.update(opBlock('MEM.PAGE.ADD', s.memoryAddress + BigInt(p * PAGE)));
    const extend = (p: number) => {
      for (let c = 0; c < PAGE / CHUNK; c++) {
        h.update(opBlock('MR.EXTEND', s.memoryAddress + BigInt(p * PAGE + c * CHUNK)));
        const from = s.dataOffset + p * PAGE + c * CHUNK;
        h.update(fw.subarray(from, from + CHUNK));
      }
    };
    if (order === 'single-pass') {
      for (let p = 0; p < pages; p++) {
        add(p);
        if (measured) extend(p);
      }
    } else {
      for (let p = 0; p < pages; p++) add(p);
      if (measured) for (let p = 0; p < pages; p++) extend(p);
    }
  }
  return new Uint8Array(h.digest());
}

/** Both MRTD candidates (dstack-mr `TdxMrtdCandidates`). */
export function mrtdCandidates(fw: Uint8Array): { singlePass: Uint8Array; twoPass: Uint8Array } {
  const meta = parseTdvfMetadata(fw);
  return { singlePass: computeMrtd(fw, 'single-pass', meta), twoPass: computeMrtd(fw, 'two-pass', meta) };
}

/** Digest OVMF's SEC logs for the configuration firmware volume (the CFV section's raw bytes) as RTMR0's 2nd event. */
export function cfvDigest(fw: Uint8Array, meta: TdvfMetadata = parseTdvfMetadata(fw)): Uint8Array {
  const cfv = meta.sections.find((s) => s.type === 'CFV');
  if (!cfv) throw new MeasureError('MEASURE_TDVF_INVALID', 'no CFV section in the TDVF metadata');
  return sha384(fw.subarray(cfv.dataOffset, cfv.dataOffset + cfv.rawDataSize));
}

/** TDVF ranges QEMU reports as accepted memory in the TD HOB: TD_HOB and TEMP_MEM sections, and the TD HOB base. */
export function tdvfHobRanges(meta: TdvfMetadata): {
  tdHobBase: bigint;
  accepted: Array<{ start: bigint; length: bigint }>;
} {
  const hob = meta.sections.find((s) => s.type === 'TD_HOB');
  if (!hob) throw new MeasureError('MEASURE_TDVF_INVALID', 'no TD_HOB section');
  const accepted = meta.sections
    .filter((s) => s.type === 'TD_HOB' || s.type === 'TEMP_MEM')
    .map((s) => ({ start: s.memoryAddress, length: s.memoryDataSize }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { tdHobBase: hob.memoryAddress, accepted };
}
