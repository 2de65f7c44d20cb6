import { MeasureError } from './errors';
import { sha384, view } from '../eventlog/bytes';

/*
 * The TD HOB QEMU writes for TDVF (reference tdx-measurement.md §4.1; dstack-mr src/tdvf.rs measure_td_hob;
 * MANIFEST td-hob-digest-by-memory-size). RTMR0's first event (EV_EFI_HANDOFF_TABLES2 "TdxTable") is SHA-384 of:
 *   PHIT HOB: u16 type 1 | u16 length 56 | u32 0 | u32 version 9 | u32 boot mode 0 | 4 x u64 0 | u64 EfiEndOfHobList
 *   then one resource descriptor HOB per range, in address order, not merged:
 *     u16 type 3 | u16 length 48 | u32 0 | owner GUID (zero) | u32 resource type | u32 attributes 7 | u64 start | u64 length
 *   TDVF TD_HOB/TEMP_MEM ranges are accepted system memory (type 0), every gap and the rest of RAM unaccepted (7).
 *   RAM < 0xB0000000: one range from 0; otherwise [0, 2 GiB) plus the remainder from 4 GiB.
 *   EfiEndOfHobList = TD HOB base + digest-covered length + 8 (the end-of-list HOB is not in the digest).
 */
const PHIT_LEN = 56;
const RES_LEN = 48;
const RES_SYSTEM_MEMORY = 0;
const RES_UNACCEPTED = 7;
const RES_ATTRIBUTES = 7;
const LOWMEM_LIMIT = 0xb0000000n;
const TWO_GIB = 0x80000000n;
const FOUR_GIB = 0x100000000n;

export interface MemRange {
  readonly start: bigint;
  readonly length: bigint;
}

export interface TdHobLayout {
  readonly tdHobBase: bigint;
  /** Ranges QEMU marks as accepted (TDVF TD_HOB and TEMP_MEM sections). */
  readonly accepted: readonly MemRange[];
}

function leb128(bytes: Uint8Array, pos: { i: number }): bigint {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    const b = bytes[pos.i++];
    if (b === undefined || shift > 63n) throw new MeasureError('MEASURE_BAD_INPUT', 'truncated TD HOB witness');
    v |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return v;
    shift += 7n;
  }
}

/**
 * Decode dstack's TD HOB witness (dstack-mr tdvf.rs td_hob_witness_v1): LEB128 base page, TD HOB page offset,
 * range count, then (page offset, page count) per range. `80100904000609020b021010` = dstack's OVMF.
 * @throws MeasureError MEASURE_BAD_INPUT
 */
export function tdHobLayoutFromWitness(witness: Uint8Array): TdHobLayout {
  const pos = { i: 0 };
  const base = leb128(witness, pos);
  const hob = leb128(witness, pos);
  const n = leb128(witness, pos);
  if (n > 64n) throw new MeasureError('MEASURE_BAD_INPUT', 'TD HOB witness with too many ranges');
  const accepted: MemRange[] = [];
  for (let i = 0n; i < n; i++) {
    const off = leb128(witness, pos);
    const cnt = leb128(witness, pos);
    accepted.push({ start: (base + off) * 4096n, length: cnt * 4096n });
  }
  if (pos.i !== witness.length) throw new MeasureError('MEASURE_BAD_INPUT', 'trailing bytes in TD HOB witness');
  return { tdHobBase: (base + hob) * 4096n, accepted };
}

/** The resource ranges, in address order. */
export function tdHobRanges(memory: bigint, layout: TdHobLayout): Array<MemRange & { type: number }> {
  if (memory <= 0n || memory % 4096n !== 0n)
    throw new MeasureError('MEASURE_BAD_INPUT', 'memory must be a positive multiple of 4 KiB');
  const ram: MemRange[] =
    memory < LOWMEM_LIMIT
      ? [{ start: 0n, length: memory }]
      : [
          { start: 0n, length: TWO_GIB },
          { start: FOUR_GIB, length: memory - TWO_GIB },
        ];
  const acc = [...layout.accepted].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Array<MemRange & { type: number }> = [];
  for (const r of ram) {
    let cur = r.start;
    const end = r.start + r.length;
    for (const a of acc) {
      if (a.start < r.start || a.start + a.length > end) continue;
      if (a.start < cur) throw new MeasureError('MEASURE_BAD_INPUT', 'overlapping TDVF ranges');
      if (a.start > cur) out.push({ start: cur, length: a.start - cur, type: RES_UNACCEPTED });
      out.push({ start: a.start, length: a.length, type: RES_SYSTEM_MEMORY });
      cur = a.start + a.length;
    }
    if (end > cur) out.push({ start: cur, length: end - cur, type: RES_UNACCEPTED });
  }
  return out;
}

/** The digest-covered TD HOB bytes (PHIT + resource HOBs, without the end-of-list HOB). */
export function buildTdHob(memory: bigint, layout: TdHobLayout): Uint8Array {
  const ranges = tdHobRanges(memory, layout);
  const len = PHIT_LEN + RES_LEN * ranges.length;
  const b = new Uint8Array(len);
  const dv = view(b);
  dv.setUint16(0, 1, true);
  dv.setUint16(2, PHIT_LEN, true);
  dv.setUint32(8, 9, true);
  dv.setBigUint64(48, layout.tdHobBase + BigInt(len) + 8n, true);
  ranges.forEach((r, i) => {
    const o = PHIT_LEN + i * RES_LEN;
    dv.setUint16(o, 3, true);
    dv.setUint16(o + 2, RES_LEN, true);
    dv.setUint32(o + 24, r.type, true);
    dv.setUint32(o + 28, RES_ATTRIBUTES, true);
    dv.setBigUint64(o + 32, r.start, true);
    dv.setBigUint64(o + 40, r.length, true);
  });
  return b;
}

export function tdHobDigest(memory: bigint, layout: TdHobLayout): Uint8Array {
  return sha384(buildTdHob(memory, layout));
}
