/**
 * TCG crypto-agile (CCEL) parser on synthetic logs: header fields, every malformed header, truncation, unknown
 * algorithm, MR index and SHA-384 error code, the end-of-log rules and padding kinds, multi-bank logs.
 */
import {
  EventLogParseError,
  parseEventLog,
  parseSpecIdHeader,
  parseTcgEventLog,
  replayEventLog,
} from '../../attestation/eventlog';
import {
  ALG_SHA1,
  ALG_SHA256,
  ALG_SHA384,
  ALG_SM3,
  ascii,
  buildTcgLog,
  cat,
  directBootEvents,
  eventEntry,
  expectedRtmrs,
  headerEntry,
  hex,
  parseCodeOf as codeOf,
  sha256,
  sha384,
  specIdEvent,
  u32,
  type SynthEvent,
} from './synthetic-log';

const SEP: SynthEvent = { mr: 1, type: 4, data: new Uint8Array(4) };
const ACTION: SynthEvent = { mr: 2, type: 0x80000007, data: ascii('Calling EFI Application from Boot Option') };

describe('Spec ID header', () => {
  it('reads every header field; vendor info is returned; the size covers the 32-byte entry header', () => {
    const spec = specIdEvent({
      algorithms: [
        [ALG_SHA256, 32],
        [ALG_SHA384, 48],
      ],
      vendor: ascii('td-shim'),
      errata: 0x69,
    });
    const { header, size } = parseSpecIdHeader(headerEntry(spec, { mrIndex: 0 }));
    expect(size).toBe(32 + spec.length);
    expect(header).toMatchObject({
      mrIndex: 0,
      platformClass: 0,
      specVersionMinor: 0,
      specVersionMajor: 2,
      specErrata: 0x69,
      uintnSize: 2,
      algorithms: [
        { algorithmId: ALG_SHA256, digestSize: 32 },
        { algorithmId: ALG_SHA384, digestSize: 48 },
      ],
    });
    expect(Buffer.from(header.vendorInfo).toString()).toBe('td-shim');
  });

  const spec = specIdEvent();
  const withSize = (n: number) => {
    const h = headerEntry(spec);
    h.set(u32(n), 28);
    return h;
  };
  it.each<[string, string, Uint8Array]>([
    ['an empty buffer', 'EVENTLOG_TRUNCATED', new Uint8Array(0)],
    ['31 bytes', 'EVENTLOG_TRUNCATED', new Uint8Array(31)],
    ['a first entry that is not EV_NO_ACTION', 'EVENTLOG_BAD_HEADER', headerEntry(spec, { type: 4 })],
    ['a Spec ID event of 28 bytes', 'EVENTLOG_BAD_HEADER', withSize(28)],
    ['a Spec ID event running past the buffer', 'EVENTLOG_TRUNCATED', withSize(spec.length + 1)],
    ['a header cut inside the Spec ID event', 'EVENTLOG_TRUNCATED', headerEntry(spec).subarray(0, 40)],
    ['a wrong signature', 'EVENTLOG_BAD_HEADER', headerEntry(specIdEvent({ signature: 'Spec ID Event02\0' }))],
    ['an algorithm count of 0', 'EVENTLOG_BAD_HEADER', headerEntry(specIdEvent({ algorithms: [] }))],
    ['an algorithm count past the event', 'EVENTLOG_BAD_HEADER', headerEntry(specIdEvent({ count: 2 }))],
    ['vendor info past the event', 'EVENTLOG_BAD_HEADER', headerEntry(specIdEvent({ vendorSize: 1 }))],
  ])('%s is %s', (_name, code, bytes) => {
    expect(codeOf(() => parseSpecIdHeader(bytes))).toBe(code);
    expect(codeOf(() => parseTcgEventLog(bytes))).toBe(code);
  });

  it.each<[string, ReadonlyArray<readonly [number, number]>]>([
    ['SHA-256 only', [[ALG_SHA256, 32]]],
    ['SM3 only', [[ALG_SM3, 32]]],
    ['SHA-384 with a wrong size', [[ALG_SHA384, 32]]],
  ])('a %s bank is EVENTLOG_NO_SHA384_BANK unless requireSha384 is false', (_n, algorithms) => {
    const log = buildTcgLog([], { spec: specIdEvent({ algorithms }) });
    expect(codeOf(() => parseTcgEventLog(log))).toBe('EVENTLOG_NO_SHA384_BANK');
    expect(codeOf(() => parseTcgEventLog(log, { requireSha384: true }))).toBe('EVENTLOG_NO_SHA384_BANK');
    expect(parseTcgEventLog(log, { requireSha384: false }).events).toEqual([]);
  });
});

describe('TCG_PCR_EVENT2 entries', () => {
  it('a direct-boot log parses entry by entry and replays to the independently folded registers', () => {
    const events = directBootEvents();
    const bytes = buildTcgLog(events);
    const log = parseTcgEventLog(bytes);
    expect(log.format).toBe('tcg');
    expect(log.events).toHaveLength(events.length);
    expect(log.logEndOffset).toBe(bytes.length);
    expect(log.padding).toBe('none');
    let off = headerEntry().length;
    log.events.forEach((e, i) => {
      const want = events[i]!;
      expect([e.seq, e.mrIndex, e.type, e.offset, e.name, e.digestRecomputed]).toEqual([
        i,
        want.mr,
        want.type,
        off,
        '',
        false,
      ]);
      expect(hex(e.data)).toBe(hex(want.data!));
      off += eventEntry(want).length;
    });
    expect(replayEventLog(log).rtmr.map(hex)).toEqual(expectedRtmrs(events).map(hex));
  });

  it('several banks: every digest is kept, the first SHA-384 one is extended', () => {
    const spec = specIdEvent({
      algorithms: [
        [ALG_SHA1, 20],
        [ALG_SHA256, 32],
        [ALG_SHA384, 48],
      ],
    });
    const data = new Uint8Array(4);
    const second = new Uint8Array(48).fill(9);
    const ev: SynthEvent = {
      ...SEP,
      digests: [
        [ALG_SHA1, new Uint8Array(20).fill(1)],
        [ALG_SHA256, sha256(data)],
        [ALG_SHA384, sha384(data)],
        [ALG_SHA384, second],
      ],
    };
    const log = parseTcgEventLog(buildTcgLog([ev], { spec }));
    const e = log.events[0]!;
    expect(e.digests.map((d) => [d.algorithmId, d.digest.length])).toEqual([
      [ALG_SHA1, 20],
      [ALG_SHA256, 32],
      [ALG_SHA384, 48],
      [ALG_SHA384, 48],
    ]);
    expect(hex(e.sha384!)).toBe(hex(sha384(data)));
    expect(hex(replayEventLog(log).rtmr[0]!)).toBe(hex(sha384(new Uint8Array(48), sha384(data))));
  });

  it('EV_NO_ACTION entries may carry no digest and any MR index, and are never extended', () => {
    const noAction: SynthEvent = { mr: 0, type: 3, data: ascii('SP800-155 Event3\0'), digests: [] };
    const log = parseTcgEventLog(buildTcgLog([noAction, SEP, { ...noAction, mr: 9 }]));
    expect(log.events.map((e) => e.sha384 === undefined)).toEqual([true, false, true]);
    const r = replayEventLog(log);
    expect(r.events.map((e) => e.rtmr)).toEqual([null, 0, null]);
    expect(r.byRegister.map((l) => l.length)).toEqual([1, 0, 0, 0]);
    expect(hex(r.rtmr[0]!)).toBe(hex(expectedRtmrs([SEP])[0]!));
  });

  it.each([0, 5, 0xfffffff0])('a measured entry with MR index %i is EVENTLOG_BAD_MR_INDEX', (mr) => {
    const bytes = buildTcgLog([SEP, { ...ACTION, mr }]);
    try {
      parseTcgEventLog(bytes);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EventLogParseError);
      expect((e as EventLogParseError).code).toBe('EVENTLOG_BAD_MR_INDEX');
      expect((e as EventLogParseError).details).toMatchObject({ seq: 1, offset: headerEntry().length + 70 });
    }
  });

  it('a measured entry without a SHA-384 digest is refused, unless requireSha384 is false', () => {
    const spec = specIdEvent({
      algorithms: [
        [ALG_SHA256, 32],
        [ALG_SHA384, 48],
      ],
    });
    const bytes = buildTcgLog([{ ...SEP, digests: [[ALG_SHA256, sha256(new Uint8Array(4))]] }], { spec });
    expect(codeOf(() => parseTcgEventLog(bytes))).toBe('EVENTLOG_MISSING_SHA384_DIGEST');
    const lax = parseTcgEventLog(bytes, { requireSha384: false });
    expect(lax.events[0]!.sha384).toBeUndefined();
    expect(codeOf(() => replayEventLog(lax))).toBe('EVENTLOG_MISSING_SHA384_DIGEST');
    const none = buildTcgLog([{ ...SEP, digests: [] }]);
    expect(codeOf(() => parseTcgEventLog(none))).toBe('EVENTLOG_MISSING_SHA384_DIGEST');
  });

  it('a digest whose algorithm the header does not list is EVENTLOG_UNKNOWN_ALGORITHM', () => {
    const bytes = buildTcgLog([SEP, { ...ACTION, digests: [[ALG_SHA256, new Uint8Array(32)]] }]);
    try {
      parseTcgEventLog(bytes);
      throw new Error('accepted');
    } catch (e) {
      expect((e as EventLogParseError).code).toBe('EVENTLOG_UNKNOWN_ALGORITHM');
      expect((e as EventLogParseError).details).toMatchObject({ seq: 1 });
    }
  });

  it('more than 100000 entries is EVENTLOG_TOO_LARGE', () => {
    const one = eventEntry({ mr: 0, type: 3, digests: [] });
    const many = new Uint8Array(one.length * 100_001);
    for (let i = 0; i < 100_001; i++) many.set(one, i * one.length);
    expect(codeOf(() => parseTcgEventLog(cat(headerEntry(), many)))).toBe('EVENTLOG_TOO_LARGE');
    expect(parseTcgEventLog(cat(headerEntry(), many.subarray(0, one.length * 100_000))).events).toHaveLength(100_000);
  });
});

describe('truncation', () => {
  const events: SynthEvent[] = [SEP, ACTION, { mr: 4, type: 0x80000007, data: ascii('x') }];
  const bytes = buildTcgLog(events);
  const head = headerEntry().length;
  const starts = [
    head,
    head + eventEntry(events[0]!).length,
    head + eventEntry(events[0]!).length + eventEntry(ACTION).length,
  ];
  const boundaries = [...starts, bytes.length];

  it('every cut inside the header or an entry is EVENTLOG_TRUNCATED; a cut on a boundary keeps the entries before it', () => {
    let cuts = 0;
    for (let cut = 0; cut < bytes.length; cut++) {
      const slice = bytes.subarray(0, cut);
      const k = boundaries.indexOf(cut);
      if (k >= 0) {
        const log = parseTcgEventLog(slice);
        expect(log.events).toHaveLength(k);
        expect(replayEventLog(log).rtmr.map(hex)).toEqual(expectedRtmrs(events.slice(0, k)).map(hex));
      } else {
        expect(codeOf(() => parseTcgEventLog(slice))).toBe('EVENTLOG_TRUNCATED');
        cuts++;
      }
    }
    expect(cuts).toBe(bytes.length - starts.length);
  });

  it.each<[string, number]>([
    ['inside the digest list (before an algorithm id)', 12 + 1],
    ['inside a digest', 12 + 2 + 20],
    ['inside the event size', 12 + 50 + 2],
    ['inside the event data', 12 + 50 + 4 + 2],
  ])('a cut %s is EVENTLOG_TRUNCATED with the entry offset', (_n, rel) => {
    const at = starts[1]!;
    try {
      parseTcgEventLog(bytes.subarray(0, at + rel));
      throw new Error('accepted');
    } catch (e) {
      expect((e as EventLogParseError).code).toBe('EVENTLOG_TRUNCATED');
      expect((e as EventLogParseError).details).toMatchObject({ offset: at });
    }
  });

  it('an event size larger than the rest of the buffer is a truncation, not an end', () => {
    const b = bytes.slice();
    b.set(u32(0xfffffff0), starts[2]! + 12 + 50);
    expect(codeOf(() => parseTcgEventLog(b))).toBe('EVENTLOG_TRUNCATED');
  });

  it('a digest count larger than the entry reads the event size as an algorithm id', () => {
    const b = bytes.slice();
    b.set(u32(1000), starts[2]! + 8);
    expect(codeOf(() => parseTcgEventLog(b))).toBe('EVENTLOG_UNKNOWN_ALGORITHM');
  });
});

describe('end of log and padding', () => {
  const events: SynthEvent[] = [SEP, ACTION];
  const bare = buildTcgLog(events);
  const want = expectedRtmrs(events).map(hex);
  const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

  it.each<[string, string, Uint8Array]>([
    ['nothing', 'none', new Uint8Array(0)],
    ['8 bytes of 0xFF', '0xff', fill(8, 0xff)],
    ['8 bytes of 0x00', '0x00', fill(8, 0x00)],
    ['64 bytes of 0xFF', '0xff', fill(64, 0xff)],
    ['1 MiB of 0xFF', '0xff', fill(1 << 20, 0xff)],
    ['1 MiB of 0x00', '0x00', fill(1 << 20, 0x00)],
    ['an MR index of 0xFFFFFFFF then other bytes', 'other', cat(u32(0xffffffff), fill(100, 7))],
    ['a type of 0xFFFFFFFF then short garbage', 'other', cat(u32(1), u32(0xffffffff), u32(5), ascii('xyz'))],
    ['an all-zero entry header then 0xFF', 'other', cat(fill(12, 0), fill(80, 0xff))],
  ])('a log followed by %s ends there (padding %s)', (_n, padding, tail) => {
    const log = parseTcgEventLog(cat(bare, tail));
    expect(log.events).toHaveLength(2);
    expect(log.logEndOffset).toBe(bare.length);
    expect(log.padding).toBe(padding);
    expect(replayEventLog(log).rtmr.map(hex)).toEqual(want);
  });

  it.each<[string, Uint8Array]>([
    ['11 bytes of 0xFF with one 0x00', cat(fill(10, 0xff), fill(1, 0))],
    ['8 ASCII bytes', ascii('trailing')],
  ])('a short tail of %s is a truncation', (_n, tail) => {
    expect(codeOf(() => parseTcgEventLog(cat(bare, tail)))).toBe('EVENTLOG_TRUNCATED');
  });

  it('parseEventLog sends bytes to the TCG parser with its options', () => {
    const spec = specIdEvent({ algorithms: [[ALG_SHA256, 32]] });
    const log = buildTcgLog([{ ...SEP, digests: [[ALG_SHA256, sha256(new Uint8Array(4))]] }], { spec });
    expect(codeOf(() => parseEventLog(log))).toBe('EVENTLOG_NO_SHA384_BANK');
    expect(parseEventLog(log, { requireSha384: false }).events).toHaveLength(1);
    expect(parseEventLog(bare).format).toBe('tcg');
    expect(codeOf(() => parseEventLog(new Uint8Array(0)))).toBe('EVENTLOG_TRUNCATED');
    // leading whitespace before something that is not JSON: still the binary parser
    expect(codeOf(() => parseEventLog(cat(ascii(' \t\r\n'), bare)))).toBe('EVENTLOG_BAD_HEADER');
  });
});
