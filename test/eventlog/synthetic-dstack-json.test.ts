/**
 * dstack JSON event logs built in the test: every accepted input shape (list, JSON text, `{event_log}` wrappers, bytes
 * through `parseEventLog`), runtime-event digests (recomputed, checked), defaults for absent fields, and a table of
 * malformed logs with their codes.
 */
import {
  dstackRuntimeEventDigest,
  type EventLogParseError,
  parseDstackEventLog,
  parseEventLog,
  replayEventLog,
} from '../../attestation/eventlog';
import { ascii, cat, hex, parseCodeOf as codeOf, sha384, u32 } from './synthetic-log';

const RUNTIME = 0x08000001;
const sepDigest = hex(sha384(new Uint8Array(4)));
const entries = () => [
  { imr: 0, event_type: 4, digest: sepDigest, event: '', event_payload: '00000000' },
  { imr: 1, event_type: 4, digest: sepDigest, event: '', event_payload: '00000000' },
  { imr: 3, event_type: RUNTIME, digest: '', event: 'system-preparing', event_payload: '' },
  {
    imr: 3,
    event_type: RUNTIME,
    digest: hex(dstackRuntimeEventDigest('app-id', ascii('abc'))),
    event: 'app-id',
    event_payload: hex(ascii('abc')),
  },
  { imr: 3, event_type: RUNTIME, event: 'compose-hash', event_payload: 'ab'.repeat(32) },
];

/** Independent fold: RTMR := SHA-384(RTMR || digest). */
function fold(digests: Uint8Array[]): string {
  let r: Uint8Array = new Uint8Array(48);
  for (const d of digests) r = sha384(r, d);
  return hex(r);
}

describe('dstack JSON: accepted shapes', () => {
  const want = [
    fold([sha384(new Uint8Array(4))]),
    fold([sha384(new Uint8Array(4))]),
    '00'.repeat(48),
    fold([
      dstackRuntimeEventDigest('system-preparing', new Uint8Array(0)),
      dstackRuntimeEventDigest('app-id', ascii('abc')),
      dstackRuntimeEventDigest('compose-hash', new Uint8Array(32).fill(0xab)),
    ]),
  ];

  it('the runtime digest v1 is SHA-384(u32le(0x08000001) ":" name ":" payload)', () => {
    expect(hex(dstackRuntimeEventDigest('app-id', ascii('abc')))).toBe(
      hex(sha384(cat(u32(RUNTIME), ascii(':app-id:abc')))),
    );
  });

  it.each<[string, () => unknown]>([
    ['a list', () => entries()],
    ['JSON text of a list', () => JSON.stringify(entries())],
    ['an {event_log: list} object', () => ({ event_log: entries(), quote: 'ignored' })],
    ['an {event_log: text} object', () => ({ event_log: JSON.stringify(entries()) })],
    ['JSON text of an {event_log: text} object', () => JSON.stringify({ event_log: JSON.stringify(entries()) })],
  ])('%s parses and replays', (_name, input) => {
    const log = parseDstackEventLog(input());
    expect(log).toMatchObject({ format: 'dstack-json', header: undefined, logEndOffset: 0, padding: 'none' });
    expect(log.events.map((e) => [e.seq, e.mrIndex, e.offset, e.name, e.digestRecomputed])).toEqual([
      [0, 1, -1, '', false],
      [1, 2, -1, '', false],
      [2, 4, -1, 'system-preparing', true],
      [3, 4, -1, 'app-id', false],
      [4, 4, -1, 'compose-hash', true],
    ]);
    expect(replayEventLog(log).rtmr.map(hex)).toEqual(want);
  });

  it.each<[string, () => string | Uint8Array | readonly unknown[]]>([
    ['a list', () => entries()],
    ['text', () => JSON.stringify(entries())],
    ['bytes of a list', () => ascii(JSON.stringify(entries()))],
    ['bytes of an object after whitespace', () => ascii(` \t\r\n${JSON.stringify({ event_log: entries() })}`)],
  ])('parseEventLog takes %s as dstack JSON', (_name, input) => {
    const log = parseEventLog(input());
    expect(log.format).toBe('dstack-json');
    expect(replayEventLog(log).rtmr.map(hex)).toEqual(want);
  });

  it('absent digest, name and payload default to empty; EV_NO_ACTION needs no digest and no RTMR', () => {
    const log = parseDstackEventLog([
      { imr: 7, event_type: 3 },
      { imr: 0, event_type: 1, digest: sepDigest },
    ]);
    expect(log.events.map((e) => [e.name, e.data.length, e.sha384 === undefined, e.digests.length])).toEqual([
      ['', 0, true, 0],
      ['', 0, false, 1],
    ]);
    expect(replayEventLog(log).events.map((e) => e.rtmr)).toEqual([null, 0]);
    expect(parseDstackEventLog([]).events).toEqual([]);
  });

  it('uppercase hex digests and payloads are read', () => {
    const log = parseDstackEventLog([{ imr: 0, event_type: 4, digest: sepDigest.toUpperCase(), event_payload: 'AB' }]);
    expect(hex(log.events[0]!.sha384!)).toBe(sepDigest);
    expect(hex(log.events[0]!.data)).toBe('ab');
  });
});

describe('dstack JSON: malformed logs', () => {
  const one = (over: Record<string, unknown>) => [{ ...entries()[0], ...over }];
  it.each<[string, unknown, string]>([
    ['text that is not JSON', '[{"imr":0,', 'EVENTLOG_BAD_JSON'],
    ['a JSON number', '5', 'EVENTLOG_BAD_JSON'],
    ['null', null, 'EVENTLOG_BAD_JSON'],
    ['an object without event_log', { events: [] }, 'EVENTLOG_BAD_JSON'],
    ['an event_log that is a number', { event_log: 5 }, 'EVENTLOG_BAD_JSON'],
    ['an event_log that is invalid text', { event_log: '{' }, 'EVENTLOG_BAD_JSON'],
    ['an entry that is a string', ['entry'], 'EVENTLOG_BAD_JSON'],
    ['a missing imr', one({ imr: undefined }), 'EVENTLOG_BAD_JSON'],
    ['a string imr', one({ imr: '0' }), 'EVENTLOG_BAD_JSON'],
    ['a missing event_type', one({ event_type: undefined }), 'EVENTLOG_BAD_JSON'],
    ['a fractional event_type', one({ event_type: 4.5 }), 'EVENTLOG_BAD_JSON'],
    ['a negative event_type', one({ event_type: -1 }), 'EVENTLOG_BAD_JSON'],
    ['an event_type above u32', one({ event_type: 0x100000000 }), 'EVENTLOG_BAD_JSON'],
    ['a numeric payload', one({ event_payload: 0 }), 'EVENTLOG_BAD_JSON'],
    ['an odd-length payload', one({ event_payload: 'abc' }), 'EVENTLOG_BAD_JSON'],
    ['a non-hex digest', one({ digest: 'zz'.repeat(48) }), 'EVENTLOG_BAD_JSON'],
    ['a 47-byte digest', one({ digest: '00'.repeat(47) }), 'EVENTLOG_BAD_JSON'],
    ['a 49-byte digest', one({ digest: '00'.repeat(49) }), 'EVENTLOG_BAD_JSON'],
    ['a negative imr', one({ imr: -1 }), 'EVENTLOG_BAD_MR_INDEX'],
    ['imr 4', one({ imr: 4 }), 'EVENTLOG_BAD_MR_INDEX'],
    ['an empty digest on a measured entry', one({ digest: '' }), 'EVENTLOG_MISSING_SHA384_DIGEST'],
    [
      'a runtime event whose digest is not its name and payload',
      [{ imr: 3, event_type: RUNTIME, digest: sepDigest, event: 'app-id', event_payload: '' }],
      'EVENTLOG_RUNTIME_DIGEST_MISMATCH',
    ],
    [
      'a runtime event renamed after digesting',
      [
        {
          imr: 3,
          event_type: RUNTIME,
          digest: hex(dstackRuntimeEventDigest('app-id', ascii('abc'))),
          event: 'app-id2',
          event_payload: hex(ascii('abc')),
        },
      ],
      'EVENTLOG_RUNTIME_DIGEST_MISMATCH',
    ],
  ])('%s is %s', (_name, input, code) => {
    expect(codeOf(() => parseDstackEventLog(input))).toBe(code);
  });

  it('the failing entry is named in details.seq', () => {
    const list = [...entries(), { imr: 2, event_type: 'x' }];
    try {
      parseDstackEventLog(list);
      throw new Error('accepted');
    } catch (e) {
      expect((e as EventLogParseError).code).toBe('EVENTLOG_BAD_JSON');
      expect((e as EventLogParseError).details).toMatchObject({ seq: 5 });
    }
  });

  it('bytes that look like JSON but are not are EVENTLOG_BAD_JSON through parseEventLog', () => {
    expect(codeOf(() => parseEventLog(ascii('\n[1, 2')))).toBe('EVENTLOG_BAD_JSON');
    expect(codeOf(() => parseEventLog(ascii('{"event_log": 7}')))).toBe('EVENTLOG_BAD_JSON');
  });
});
