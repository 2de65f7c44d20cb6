import { describeVectors } from '../helpers/vectors';
import {
  parseEventLog,
  parseTcgEventLog,
  replayEventLog,
  compareWithQuote,
  assertLogMatchesQuote,
  eventLogViolations,
  checkEventData,
  EventLogParseError,
  type EventLog,
} from '../../attestation/eventlog';
import { loadLog, loadQuote, quoteRegisters, hex } from './helpers';

const COS = 'google-go-tdx-guest/testing/testdata/ccel/ccel_data.dat';
const COS_QUOTE = 'google-go-tdx-guest/testing/testdata/ccel/cos-113-tdx-quote.dat';
const UNPADDED = 'google-go-eventlog/testdata/eventlogs/ccel/CCEL_unpadded.data.bin';
const DUPE_UNPADDED = 'google-go-eventlog/testdata/eventlogs/ccel/cos-113-intel-tdx-dupe-separator-unpadded.bin';
const LITE = 'dstack/dstack/verifier/fixtures/tdx-lite-getquote.json#event_log';
const REPORT = 'dstack/dstack/verifier/fixtures/quote-report.json#event_log';

const bin = (p: string) => loadLog(p) as Uint8Array;
const regs = (log: EventLog) => replayEventLog(log).rtmr.map(hex);
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (!(e instanceof EventLogParseError)) throw e;
    return e.code;
  }
};
const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};

describeVectors('eventlog')('event-log mutations (reference §7.6)', () => {
  it('an inserted EV_NO_ACTION entry with MR index 0 does not change the registers', () => {
    const orig = bin(COS);
    const log = parseTcgEventLog(orig);
    const at = log.events[0]!.offset;
    const data = new Uint8Array(Buffer.from('SP800-155 Event3\0'));
    const entry = new Uint8Array([...u32(0), ...u32(3), ...u32(0), ...u32(data.length), ...data]);
    const mutated = new Uint8Array([...orig.subarray(0, at), ...entry, ...orig.subarray(at, log.logEndOffset)]);
    const m = parseTcgEventLog(mutated);
    expect(m.events.length).toBe(log.events.length + 1);
    expect(regs(m)).toEqual(regs(log));
    expect(replayEventLog(m).events[0]!.rtmr).toBeNull();
  });

  it.each([0, 5, 0x100])('a measured entry with MR index %i is refused', (idx) => {
    const b = bin(COS).slice();
    const log = parseTcgEventLog(b);
    b.set(u32(idx), log.events[3]!.offset);
    expect(codeOf(() => parseTcgEventLog(b))).toBe('EVENTLOG_BAD_MR_INDEX');
  });

  it('a SHA-256-only header ({0x000B, 32}) is refused at the header', () => {
    const b = bin(COS).slice();
    // algorithm table at 32 + 28
    b.set([0x0b, 0x00, 0x20, 0x00], 60);
    expect(codeOf(() => parseTcgEventLog(b))).toBe('EVENTLOG_NO_SHA384_BANK');
  });

  it('an entry with an algorithm missing from the header is refused', () => {
    const b = bin(COS).slice();
    const log = parseTcgEventLog(b);
    b.set([0x0b, 0x00], log.events[2]!.offset + 12);
    expect(codeOf(() => parseTcgEventLog(b))).toBe('EVENTLOG_UNKNOWN_ALGORITHM');
  });

  it('a measured entry without a SHA-384 digest is refused', () => {
    const b = bin(UNPADDED).slice();
    const log = parseTcgEventLog(b);
    // digest count 0 for a separator entry: the 48 digest bytes + 2-byte alg become its event size/data, so build it
    const e = log.events[7]!; // separator
    const entry = new Uint8Array([...u32(1), ...u32(4), ...u32(0), ...u32(4), 0, 0, 0, 0]);
    const next = log.events[8]!.offset;
    const m = new Uint8Array([...b.subarray(0, e.offset), ...entry, ...b.subarray(next)]);
    expect(codeOf(() => parseTcgEventLog(m))).toBe('EVENTLOG_MISSING_SHA384_DIGEST');
  });

  it('every cut inside the log is a typed truncation, every cut on an entry boundary changes the registers', () => {
    for (const p of [UNPADDED, DUPE_UNPADDED]) {
      const b = bin(p);
      const full = parseTcgEventLog(b);
      const boundaries = new Set(full.events.map((e) => e.offset));
      const fullRegs = regs(full).join();
      // every position of the small log; near every entry boundary (±24 bytes) and every 11th byte of the large one
      const near = (c: number) => full.events.some((e) => Math.abs(e.offset - c) <= 24);
      for (let cut = 0; cut < b.length; cut++) {
        if (b.length > 4096 && !near(cut) && cut % 11 !== 0) continue;
        const slice = b.subarray(0, cut);
        if (boundaries.has(cut)) {
          expect(regs(parseTcgEventLog(slice)).join()).not.toBe(fullRegs);
        } else {
          const code = codeOf(() => parseTcgEventLog(slice));
          expect(['EVENTLOG_TRUNCATED', 'EVENTLOG_BAD_HEADER']).toContain(code);
        }
      }
    }
  });

  it('cutting the padded COS area inside an entry is a truncation error', () => {
    const b = bin(COS);
    const log = parseTcgEventLog(b);
    for (const e of log.events.slice(1)) {
      expect(codeOf(() => parseTcgEventLog(b.subarray(0, e.offset + 20)))).toBe('EVENTLOG_TRUNCATED');
      expect(codeOf(() => parseTcgEventLog(b.subarray(0, e.offset - 1)))).toBe('EVENTLOG_TRUNCATED');
    }
  });

  it('appending 8 bytes of 0xFF or 0x00 to an unpadded log keeps the registers; other bytes are a truncation', () => {
    const b = bin(UNPADDED);
    const want = regs(parseTcgEventLog(b));
    for (const fill of [0xff, 0x00]) {
      const m = new Uint8Array([...b, ...new Uint8Array(8).fill(fill)]);
      expect(regs(parseTcgEventLog(m))).toEqual(want);
      const m2 = new Uint8Array([...b, ...new Uint8Array(100).fill(fill)]);
      expect(regs(parseTcgEventLog(m2))).toEqual(want);
    }
    expect(codeOf(() => parseTcgEventLog(new Uint8Array([...b, 1, 2, 3, 4, 5, 6, 7, 8])))).toBe('EVENTLOG_TRUNCATED');
  });

  it('flipping any digest byte of the COS log changes exactly that register and the quote no longer matches', () => {
    const b = bin(COS);
    const q = quoteRegisters(loadQuote(COS_QUOTE));
    const log = parseTcgEventLog(b);
    expect(compareWithQuote(replayEventLog(log).rtmr, q).matches).toBe(true);
    for (const e of log.events) {
      for (const k of [0, 17, 47]) {
        const m = b.slice();
        m[e.offset + 14 + k]! ^= 0x01; // index 4 + type 4 + count 4 + alg 2
        const ml = parseTcgEventLog(m);
        const c = compareWithQuote(replayEventLog(ml).rtmr, q);
        expect(c.registers.filter((r) => !r.matches).map((r) => r.index)).toEqual([e.mrIndex - 1]);
        expect(() => assertLogMatchesQuote(ml, q)).toThrow(expect.objectContaining({ code: 'EVENTLOG_RTMR_MISMATCH' }));
      }
    }
  });

  it('every one-byte mutation of a covered field is caught (typed error, replay change, or data recheck)', () => {
    const b = bin(UNPADDED);
    const log = parseTcgEventLog(b);
    const base = regs(log).join();
    // fields whose every byte must be caught: MR index, digest count, algorithm ids, digests, event size, and the data of
    // entries whose digest covers their data; the event type and uncovered data (TD HOB, CFV, ACPI, PE, tags) are
    // covered only by a prediction or by appraisal.
    const required: number[] = [];
    const dataPos = new Set<number>(); // event-data bytes: one flip each (header fields get two)
    for (const e of log.events) {
      const o = e.offset;
      for (let i = 0; i < 4; i++) required.push(o + i); // MR index
      for (let i = 8; i < 12; i++) required.push(o + i); // count
      let p = o + 12;
      for (const d of e.digests) {
        for (let i = 0; i < 2 + d.digest.length; i++) required.push(p + i);
        p += 2 + d.digest.length;
      }
      for (let i = 0; i < 4; i++) required.push(p + i); // size
      if (checkEventData(e) === 'match') {
        // EV_EFI_VARIABLE_BOOT digests cover the variable's value only (not its GUID/name header)
        const from =
          e.type === 0x80000002
            ? e.data.length - Number(new DataView(e.data.buffer, e.data.byteOffset).getBigUint64(24, true))
            : 0;
        for (let i = from; i < e.data.length; i++) {
          required.push(p + 4 + i);
          dataPos.add(p + 4 + i);
        }
      }
    }
    let uncaught = 0;
    for (const pos of required) {
      for (const x of dataPos.has(pos) ? [0x01] : [0x01, 0x80]) {
        const m = b.slice();
        m[pos]! ^= x;
        let caught = false;
        try {
          const ml = parseTcgEventLog(m);
          caught =
            regs(ml).join() !== base || eventLogViolations(ml).some((v) => v.code === 'EVENTLOG_EVENT_DATA_MISMATCH');
        } catch (err) {
          expect(err).toBeInstanceOf(EventLogParseError);
          caught = true;
        }
        if (!caught) uncaught++;
      }
    }
    expect(required.length).toBeGreaterThan(1000);
    expect(uncaught).toBe(0);
  });

  it('no byte mutation anywhere in the log crashes the parser (typed error or a parsed log)', () => {
    const b = bin(UNPADDED);
    for (let pos = 0; pos < b.length; pos++) {
      const m = b.slice();
      m[pos]! ^= 0xff;
      try {
        replayEventLog(parseTcgEventLog(m));
      } catch (err) {
        expect(err).toBeInstanceOf(EventLogParseError);
      }
    }
  });
});

describeVectors('eventlog')('dstack JSON mutations', () => {
  const listOf = (p: string) => JSON.parse(loadLog(p) as string) as Array<Record<string, unknown>>;

  it('swapping two RTMR3 records changes RTMR3', () => {
    const l = listOf(REPORT);
    const want = regs(parseEventLog(JSON.stringify(l)));
    const i = l.findIndex((e) => e['imr'] === 3);
    [l[i + 1], l[i + 2]] = [l[i + 2]!, l[i + 1]!];
    const got = regs(parseEventLog(JSON.stringify(l)));
    expect(got.slice(0, 3)).toEqual(want.slice(0, 3));
    expect(got[3]).not.toBe(want[3]);
  });

  it('a blanked runtime digest is recomputed and still matches', () => {
    const l = listOf(REPORT);
    const want = regs(parseEventLog(JSON.stringify(l)));
    for (const e of l) if (e['imr'] === 3) e['digest'] = '';
    const log = parseEventLog(JSON.stringify(l));
    expect(regs(log)).toEqual(want);
    expect(log.events.filter((e) => e.digestRecomputed).length).toBe(8);
  });

  it('a runtime payload that disagrees with its digest is refused', () => {
    const l = listOf(REPORT);
    const e = l.find((x) => x['imr'] === 3 && x['event'] === 'app-id')!;
    e['event_payload'] = '00' + String(e['event_payload']).slice(2);
    expect(codeOf(() => parseEventLog(JSON.stringify(l)))).toBe('EVENTLOG_RUNTIME_DIGEST_MISMATCH');
  });

  it('changing a recomputed runtime payload (tdx-lite) changes RTMR3', () => {
    const l = listOf(LITE);
    const want = regs(parseEventLog(JSON.stringify(l)));
    const e = l.find((x) => x['event'] === 'compose-hash')!;
    e['event_payload'] = '11' + String(e['event_payload']).slice(2);
    expect(regs(parseEventLog(JSON.stringify(l)))[3]).not.toBe(want[3]);
  });

  it.each([
    ['not JSON', '{', 'EVENTLOG_BAD_JSON'],
    ['not a list', '{"a":1}', 'EVENTLOG_BAD_JSON'],
    [
      'bad imr',
      '[{"imr":4,"event_type":4,"digest":"' + '00'.repeat(48) + '","event":"","event_payload":""}]',
      'EVENTLOG_BAD_MR_INDEX',
    ],
    ['short digest', '[{"imr":0,"event_type":4,"digest":"00","event":"","event_payload":""}]', 'EVENTLOG_BAD_JSON'],
    [
      'missing digest',
      '[{"imr":0,"event_type":4,"digest":"","event":"","event_payload":""}]',
      'EVENTLOG_MISSING_SHA384_DIGEST',
    ],
    ['bad payload hex', '[{"imr":0,"event_type":4,"digest":"","event":"","event_payload":"zz"}]', 'EVENTLOG_BAD_JSON'],
    ['string type', '[{"imr":0,"event_type":"4","digest":"","event":"","event_payload":""}]', 'EVENTLOG_BAD_JSON'],
  ])('malformed dstack JSON (%s) is a typed error', (_n, text, code) => {
    expect(codeOf(() => parseEventLog(text))).toBe(code);
  });
});

describe('event-log parser without vectors', () => {
  it.each([
    [new Uint8Array(0), 'EVENTLOG_TRUNCATED'],
    [new Uint8Array(31), 'EVENTLOG_TRUNCATED'],
    [new Uint8Array(64), 'EVENTLOG_BAD_HEADER'],
  ])('short or empty input is typed (%#)', (b, code) => {
    expect(codeOf(() => parseTcgEventLog(b))).toBe(code);
  });
});
