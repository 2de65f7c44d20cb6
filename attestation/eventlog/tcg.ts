import { EventLogParseError } from './errors';
import type { AlgorithmSize, EventLog, LogDigest, LogEvent, SpecIdHeader } from './types';
import { isAll, view } from './bytes';
import { EV_NO_ACTION, MAX_MR_INDEX, TPM_ALG_SHA384 } from './constants';

/*
 * TCG PC Client Platform Firmware Profile, crypto-agile log (TCG PFP 1.05 §10.2):
 *
 * First entry, TCG_PCR_EVENT (SHA-1 format), never extended:
 *   0 u32 PCR/MR index | 4 u32 type = EV_NO_ACTION | 8 digest[20] | 28 u32 event size E | 32 TCG_EfiSpecIDEvent[E]
 * TCG_EfiSpecIDEvent:
 *   0 signature "Spec ID Event03\0"[16] | 16 u32 platform class | 20 u8 minor | 21 u8 major | 22 u8 errata
 *   23 u8 uintn size | 24 u32 n | 28 {u16 alg, u16 size} x n | 28+4n u8 vendor size v | 29+4n vendor[v]
 * Following entries, TCG_PCR_EVENT2:
 *   0 u32 MR index | 4 u32 type | 8 u32 digest count c | 12 {u16 alg, digest[size(alg)]} x c | u32 event size | data
 *
 * End of log (reference tdx-measurement.md §2.4): an entry whose MR index or type is 0xFFFFFFFF (0xFF fill), an
 * all-zero entry header (zero fill), the end of the buffer, or a tail shorter than an entry header that is all 0xFF or
 * all 0x00. An entry whose declared sizes run past the buffer is a truncation error.
 */
const PCR_EVENT_HEADER_SIZE = 32;
const SPEC_ID_SIGNATURE = 'Spec ID Event03\0';
const SPEC_ID_MIN_SIZE = 29;
const EVENT2_FIXED_HEADER = 12;
const END_MARKER = 0xffffffff;
const SHA384_SIZE = 48;
/** Far above any real log (vectors hold 5–87 entries); a guard against hostile inputs. */
const MAX_EVENTS = 100_000;

export interface ParseTcgOptions {
  /** Require a SHA-384 bank (TDX). Default true; false only for diagnostics of foreign logs. */
  readonly requireSha384?: boolean;
}

function truncated(msg: string, offset: number): EventLogParseError {
  return new EventLogParseError('EVENTLOG_TRUNCATED', msg, { details: { offset } });
}

/** @throws EventLogParseError EVENTLOG_TRUNCATED | EVENTLOG_BAD_HEADER | EVENTLOG_NO_SHA384_BANK */
export function parseSpecIdHeader(bytes: Uint8Array): { header: SpecIdHeader; size: number } {
  if (bytes.length < PCR_EVENT_HEADER_SIZE) throw truncated('event log shorter than its TCG_PCR_EVENT header', 0);
  const dv = view(bytes);
  const mrIndex = dv.getUint32(0, true);
  const type = dv.getUint32(4, true);
  if (type !== EV_NO_ACTION) {
    throw new EventLogParseError(
      'EVENTLOG_BAD_HEADER',
      `first entry has type 0x${type.toString(16)}, expected EV_NO_ACTION`,
    );
  }
  const size = dv.getUint32(28, true);
  if (size < SPEC_ID_MIN_SIZE)
    throw new EventLogParseError('EVENTLOG_BAD_HEADER', `Spec ID event size ${size} too small`);
  if (PCR_EVENT_HEADER_SIZE + size > bytes.length) throw truncated('Spec ID event runs past the buffer', 28);
  const ev = bytes.subarray(PCR_EVENT_HEADER_SIZE, PCR_EVENT_HEADER_SIZE + size);
  const edv = view(ev);
  if (Buffer.from(ev.subarray(0, 16)).toString('latin1') !== SPEC_ID_SIGNATURE) {
    throw new EventLogParseError('EVENTLOG_BAD_HEADER', 'missing "Spec ID Event03" signature');
  }
  const n = edv.getUint32(24, true);
  if (n === 0 || 28 + 4 * n + 1 > size) {
    throw new EventLogParseError('EVENTLOG_BAD_HEADER', `algorithm count ${n} does not fit the Spec ID event`);
  }
  const algorithms: AlgorithmSize[] = [];
  for (let i = 0; i < n; i++) {
    algorithms.push({ algorithmId: edv.getUint16(28 + 4 * i, true), digestSize: edv.getUint16(30 + 4 * i, true) });
  }
  const vOff = 28 + 4 * n;
  const v = ev[vOff] as number;
  if (vOff + 1 + v > size)
    throw new EventLogParseError('EVENTLOG_BAD_HEADER', 'vendor info runs past the Spec ID event');
  return {
    header: {
      mrIndex,
      platformClass: edv.getUint32(16, true),
      specVersionMinor: ev[20] as number,
      specVersionMajor: ev[21] as number,
      specErrata: ev[22] as number,
      uintnSize: ev[23] as number,
      algorithms,
      vendorInfo: ev.slice(vOff + 1, vOff + 1 + v),
    },
    size: PCR_EVENT_HEADER_SIZE + size,
  };
}

function paddingKind(tail: Uint8Array): EventLog['padding'] {
  if (tail.length === 0) return 'none';
  if (isAll(tail, 0xff)) return '0xff';
  if (isAll(tail, 0x00)) return '0x00';
  return 'other';
}

/**
 * Parse a binary TCG crypto-agile event log (the CCEL data area, `/sys/firmware/acpi/tables/data/CCEL`). The
 * buffer may be the whole log area; fill after the log is tolerated.
 * @throws EventLogParseError EVENTLOG_TRUNCATED | EVENTLOG_BAD_HEADER | EVENTLOG_NO_SHA384_BANK |
 *   EVENTLOG_UNKNOWN_ALGORITHM | EVENTLOG_MISSING_SHA384_DIGEST | EVENTLOG_BAD_MR_INDEX | EVENTLOG_TOO_LARGE
 */
export function parseTcgEventLog(bytes: Uint8Array, opts: ParseTcgOptions = {}): EventLog {
  const { header, size: headerSize } = parseSpecIdHeader(bytes);
  const sizes = new Map<number, number>();
  for (const a of header.algorithms) sizes.set(a.algorithmId, a.digestSize);
  if ((opts.requireSha384 ?? true) && sizes.get(TPM_ALG_SHA384) !== SHA384_SIZE) {
    throw new EventLogParseError(
      'EVENTLOG_NO_SHA384_BANK',
      `no SHA-384 (0x000c, 48 bytes) bank; header lists ${header.algorithms.map((a) => `0x${a.algorithmId.toString(16)}/${a.digestSize}`).join(', ')}`,
    );
  }
  const dv = view(bytes);
  const events: LogEvent[] = [];
  let off = headerSize;
  for (;;) {
    const remaining = bytes.length - off;
    if (remaining === 0) break;
    if (remaining < EVENT2_FIXED_HEADER) {
      const tail = bytes.subarray(off);
      if (isAll(tail, 0xff) || isAll(tail, 0x00)) break;
      throw truncated(`${remaining} trailing bytes are not an entry header`, off);
    }
    const mrIndex = dv.getUint32(off, true);
    const type = dv.getUint32(off + 4, true);
    if (mrIndex === END_MARKER || type === END_MARKER) break;
    if (isAll(bytes.subarray(off, off + EVENT2_FIXED_HEADER), 0)) break;
    if (events.length >= MAX_EVENTS)
      throw new EventLogParseError('EVENTLOG_TOO_LARGE', `more than ${MAX_EVENTS} entries`);
    const start = off;
    const count = dv.getUint32(off + 8, true);
    off += EVENT2_FIXED_HEADER;
    const digests: LogDigest[] = [];
    let sha: Uint8Array | undefined;
    for (let i = 0; i < count; i++) {
      if (off + 2 > bytes.length) throw truncated(`entry ${events.length}: digest list runs past the buffer`, start);
      const alg = dv.getUint16(off, true);
      const dsize = sizes.get(alg);
      if (dsize === undefined) {
        throw new EventLogParseError(
          'EVENTLOG_UNKNOWN_ALGORITHM',
          `entry ${events.length}: algorithm 0x${alg.toString(16)} not in the header`,
          {
            details: { offset: off, seq: events.length },
          },
        );
      }
      off += 2;
      if (off + dsize > bytes.length) throw truncated(`entry ${events.length}: digest runs past the buffer`, start);
      const d = bytes.slice(off, off + dsize);
      off += dsize;
      digests.push({ algorithmId: alg, digest: d });
      if (alg === TPM_ALG_SHA384 && sha === undefined) sha = d;
    }
    if (off + 4 > bytes.length) throw truncated(`entry ${events.length}: event size runs past the buffer`, start);
    const dataSize = dv.getUint32(off, true);
    off += 4;
    if (dataSize > bytes.length - off)
      throw truncated(`entry ${events.length}: event data runs past the buffer`, start);
    const data = bytes.slice(off, off + dataSize);
    off += dataSize;
    if (type !== EV_NO_ACTION) {
      if (mrIndex === 0 || mrIndex > MAX_MR_INDEX) {
        throw new EventLogParseError(
          'EVENTLOG_BAD_MR_INDEX',
          `entry ${events.length}: measured entry with MR index ${mrIndex}`,
          {
            details: { offset: start, seq: events.length },
          },
        );
      }
      if ((opts.requireSha384 ?? true) && sha === undefined) {
        throw new EventLogParseError('EVENTLOG_MISSING_SHA384_DIGEST', `entry ${events.length}: no SHA-384 digest`, {
          details: { offset: start, seq: events.length },
        });
      }
    }
    events.push({
      seq: events.length,
      mrIndex,
      type,
      digests,
      sha384: sha,
      data,
      name: '',
      offset: start,
      digestRecomputed: false,
    });
  }
  return { format: 'tcg', header, events, logEndOffset: off, padding: paddingKind(bytes.subarray(off)) };
}
