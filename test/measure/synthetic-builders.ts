/**
 * Builders for synthetic measurement inputs (no vectors needed): a TDVF image with an OVMF GUIDed footer table and
 * minimal PE images for Authenticode.
 */
import { ATTR_MR_EXTEND, ATTR_PAGE_AUG } from '../../attestation/measure';

export { thrownCode as codeOf } from '../helpers/codes';

/** EFI GUID byte order: the first three fields little-endian. */
export function guid(s: string): Uint8Array {
  const h = s.replace(/-/g, '');
  const b = Buffer.from(h, 'hex');
  return Uint8Array.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}
export const FOOTER_GUID = guid('96b582de-1fb2-45f7-baea-a366c55a082d');
export const TDX_METADATA_GUID = guid('e47a6535-984a-4798-865e-4685a7bf8ec2');
export const OTHER_GUID = guid('00112233-4455-6677-8899-aabbccddeeff');
export const TYPES = { BFV: 0, CFV: 1, TD_HOB: 2, TEMP_MEM: 3 } as const;

export interface Sec {
  dataOffset: number;
  rawDataSize: number;
  memoryAddress: bigint;
  memoryDataSize: bigint;
  type: number;
  attributes: number;
}

export const DATA = 0x3000; // three pages of file data: BFV (2 pages) + CFV (1 page)
export const DEFAULT_SECTIONS: Sec[] = [
  {
    dataOffset: 0,
    rawDataSize: 0x2000,
    memoryAddress: 0xffc00000n,
    memoryDataSize: 0x2000n,
    type: TYPES.BFV,
    attributes: ATTR_MR_EXTEND,
  },
  {
    dataOffset: 0x2000,
    rawDataSize: 0x1000,
    memoryAddress: 0xffc02000n,
    memoryDataSize: 0x1000n,
    type: TYPES.CFV,
    attributes: 0,
  },
  {
    dataOffset: 0,
    rawDataSize: 0,
    memoryAddress: 0x809000n,
    memoryDataSize: 0x2000n,
    type: TYPES.TD_HOB,
    attributes: 0,
  },
  {
    dataOffset: 0,
    rawDataSize: 0,
    memoryAddress: 0x800000n,
    memoryDataSize: 0x9000n,
    type: TYPES.TEMP_MEM,
    attributes: ATTR_PAGE_AUG,
  },
];

export interface TdvfOpts {
  sections?: Sec[];
  version?: number;
  /** Descriptor length override. */
  length?: number;
  guidPrefix?: boolean;
  /** Footer entries before the metadata entry (closer to the end of the table). */
  extraEntry?: boolean;
  tableLen?: (real: number) => number;
  entryLen?: number;
  metaData?: Uint8Array;
  dist?: (real: number) => number;
  footerGuid?: Uint8Array;
  omitMetadata?: boolean;
}

export function u16(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff];
}
export function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
export function u64(n: bigint): number[] {
  return [...u32(Number(n & 0xffffffffn)), ...u32(Number(n >> 32n))];
}

export function tdvfImage(o: TdvfOpts = {}): Uint8Array {
  const sections = o.sections ?? DEFAULT_SECTIONS;
  const data = Array.from({ length: DATA }, (_, i) => (i * 7) & 0xff);
  const desc = [
    ...Buffer.from('TDVF'),
    ...u32(o.length ?? 16 + 32 * sections.length),
    ...u32(o.version ?? 1),
    ...u32(sections.length),
    ...sections.flatMap((s) => [
      ...u32(s.dataOffset),
      ...u32(s.rawDataSize),
      ...u64(s.memoryAddress),
      ...u64(s.memoryDataSize),
      ...u32(s.type),
      ...u32(s.attributes),
    ]),
  ];
  const prefix = o.guidPrefix ? [...OTHER_GUID] : [];
  const head = [...data, ...prefix, ...desc];
  const descOff = DATA + prefix.length;
  // Entries are read from the end; the metadata entry is written first (furthest from the end).
  const entries: number[] = [];
  const metaLen = o.entryLen ?? 22;
  const footerBytes = 22 + (o.extraEntry ? 20 : 0) + 18 + 32;
  const total = head.length + footerBytes;
  const realDist = total - (o.guidPrefix ? descOff - 0 : descOff);
  if (!o.omitMetadata) {
    entries.push(...(o.metaData ?? u32(o.dist ? o.dist(realDist) : realDist)), ...u16(metaLen), ...TDX_METADATA_GUID);
  } else {
    entries.push(0, 0, 0, 0, ...u16(22), ...OTHER_GUID);
  }
  if (o.extraEntry) entries.push(0xaa, 0xbb, ...u16(20), ...OTHER_GUID);
  const tableLen = 18 + entries.length;
  const footer = [
    ...entries,
    ...u16(o.tableLen ? o.tableLen(tableLen) : tableLen),
    ...(o.footerGuid ?? FOOTER_GUID),
    ...new Array(32).fill(0),
  ];
  return Uint8Array.from([...head, ...footer]);
}

/** A minimal PE image: headers (0x200), sections, trailing bytes and a certificate table at the end. */
export interface PeOpts {
  magic?: number;
  optSize?: number;
  numRva?: number;
  sizeOfHeaders?: number;
  sections?: Array<{ ptr: number; size: number }>;
  certSize?: number;
  length?: number;
  lfanew?: number;
  mz?: boolean;
}
export function peImage(o: PeOpts = {}): Uint8Array {
  const magic = o.magic ?? 0x20b;
  const optSize = o.optSize ?? (magic === 0x20b ? 240 : 224);
  const sections = o.sections ?? [
    { ptr: 0x300, size: 0x100 },
    { ptr: 0x200, size: 0x100 },
    { ptr: 0, size: 0 },
  ];
  const len = o.length ?? 0x480;
  const pe = new Uint8Array(len);
  for (let i = 0; i < len; i++) pe[i] = (i * 31 + 7) & 0xff;
  const dv = new DataView(pe.buffer);
  if (o.mz !== false) {
    pe[0] = 0x4d;
    pe[1] = 0x5a;
  }
  const peOff = o.lfanew ?? 0x40;
  dv.setUint32(0x3c, peOff, true);
  if (peOff + 24 <= len) {
    dv.setUint32(peOff, 0x50450000, false);
    dv.setUint16(peOff + 4 + 2, sections.length, true);
    dv.setUint16(peOff + 4 + 16, optSize, true);
  }
  const opt = peOff + 24;
  if (opt + 112 <= len) {
    dv.setUint16(opt, magic, true);
    dv.setUint32(opt + 60, o.sizeOfHeaders ?? 0x200, true);
    dv.setUint32(opt + (magic === 0x20b ? 108 : 92), o.numRva ?? 16, true);
    if (opt + (magic === 0x20b ? 148 : 132) <= len)
      dv.setUint32(opt + (magic === 0x20b ? 148 : 132), o.certSize ?? 0x40, true);
  }
  const shdr = opt + optSize;
  sections.forEach((s, i) => {
    if (shdr + i * 40 + 24 > len) return;
    dv.setUint32(shdr + i * 40 + 16, s.size, true);
    dv.setUint32(shdr + i * 40 + 20, s.ptr, true);
  });
  return pe;
}
