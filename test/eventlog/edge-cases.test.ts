/**
 * Event-log edge cases on hand-built inputs (no vectors): CCEL table checks, dstack JSON entry checks, replay of
 * hand-built logs, register comparison misuse, runtime record codecs and boot-log appraisal violations.
 */
import { createHash } from 'node:crypto';
import {
  appraiseEventLog,
  chrysalisRuntimePolicy,
  compareWithQuote,
  decodeRuntimeEvent,
  encodeRuntimeEvent,
  EventLogAppraisalError,
  eventLogViolations,
  modelRuntimeEvent,
  parseCcelTable,
  parseDstackEventLog,
  replayEventLog,
  runtimeEventFromJson,
  runtimeEventToJson,
  type EventLog,
  type LogEvent,
  type RuntimeEvent,
} from '../../attestation/eventlog';
import { codeOf } from '../helpers/codes';

const sha384 = (...parts: Uint8Array[]) => {
  const h = createHash('sha384');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

describe('CCEL ACPI table', () => {
  function ccel(edit: (b: Uint8Array) => void = () => undefined, fix = true): Uint8Array {
    const b = new Uint8Array(56);
    b.set(Buffer.from('CCEL'), 0);
    new DataView(b.buffer).setUint32(4, 56, true);
    b[8] = 1; // revision
    b.set(Buffer.from('CHRYSA'), 10);
    b[36] = 2; // CC type TDX
    new DataView(b.buffer).setBigUint64(40, 0x10000n, true);
    new DataView(b.buffer).setBigUint64(48, 0x7f000000n, true);
    edit(b);
    if (fix) {
      b[9] = 0;
      const sum = b.reduce((s, x) => (s + x) & 0xff, 0);
      b[9] = (0x100 - sum) & 0xff;
    }
    return b;
  }

  it('reads a well-formed table', () => {
    const t = parseCcelTable(ccel());
    expect(t).toMatchObject({ revision: 1, oemId: 'CHRYSA' });
  });

  it('rejects a bad signature, length, checksum and a non-TDX CC type (unless allowed)', () => {
    expect(codeOf(() => parseCcelTable(ccel((b) => b.set(Buffer.from('XXXX'), 0))))).toBe('EVENTLOG_BAD_CCEL_TABLE');
    expect(codeOf(() => parseCcelTable(ccel((b) => new DataView(b.buffer).setUint32(4, 60, true))))).toBe(
      'EVENTLOG_BAD_CCEL_TABLE',
    );
    const padded = new Uint8Array(64);
    padded.set(ccel());
    expect(codeOf(() => parseCcelTable(padded))).toBe('EVENTLOG_BAD_CCEL_TABLE');
    expect(codeOf(() => parseCcelTable(ccel((b) => (b[20] = 1), false)))).toBe('EVENTLOG_BAD_CCEL_TABLE');
    const sev = ccel((b) => (b[36] = 1));
    expect(codeOf(() => parseCcelTable(sev))).toBe('EVENTLOG_BAD_CCEL_TABLE');
    expect(codeOf(() => parseCcelTable(sev, { requireTdx: false }))).toBe('accepted');
    expect(codeOf(() => parseCcelTable(new Uint8Array(40)))).toBe('EVENTLOG_TRUNCATED');
  });
});

describe('dstack JSON event log entries', () => {
  const digest = 'ab'.repeat(48);
  const entry = (over: Record<string, unknown> = {}) => ({
    imr: 0,
    event_type: 1,
    digest,
    event: '',
    event_payload: '',
    ...over,
  });

  it('accepts a list or an {event_log} wrapper; EV_NO_ACTION needs no digest or RTMR', () => {
    const log = parseDstackEventLog({ event_log: [entry(), entry({ imr: 9, event_type: 3, digest: '' })] });
    expect(log.events).toHaveLength(2);
    expect(log.events[1]!.digests).toEqual([]);
    expect(replayEventLog(log).rtmr[0]).toEqual(sha384(new Uint8Array(48), Buffer.from(digest, 'hex')));
  });

  it.each<[string, unknown, string]>([
    ['a null entry', [null], 'EVENTLOG_BAD_JSON'],
    ['a fractional imr', [entry({ imr: 0.5 })], 'EVENTLOG_BAD_JSON'],
    ['a numeric event name', [entry({ event: 5 })], 'EVENTLOG_BAD_JSON'],
    ['a numeric digest', [entry({ digest: 5 })], 'EVENTLOG_BAD_JSON'],
    ['an imr past RTMR3', [entry({ imr: 4 })], 'EVENTLOG_BAD_MR_INDEX'],
    ['a measured entry without a digest', [entry({ digest: undefined })], 'EVENTLOG_MISSING_SHA384_DIGEST'],
    ['more entries than allowed', Array.from({ length: 100001 }, () => 0), 'EVENTLOG_TOO_LARGE'],
  ])('%s is %s', (_name, input, code) => {
    expect(codeOf(() => parseDstackEventLog(input))).toBe(code);
  });
});

describe('replay and comparison of hand-built logs', () => {
  const ev = (over: Partial<LogEvent>): LogEvent =>
    ({
      seq: 0,
      mrIndex: 1,
      type: 1,
      digests: [],
      sha384: new Uint8Array(48),
      data: new Uint8Array(0),
      offset: 0,
      ...over,
    }) as LogEvent;
  const log = (events: LogEvent[]): EventLog =>
    ({ format: 'dstack-json', header: undefined, events, logEndOffset: 0, padding: 'none' }) as EventLog;

  it('an MR index outside RTMR0..3 or a missing SHA-384 digest is typed', () => {
    expect(codeOf(() => replayEventLog(log([ev({ mrIndex: 0 })])))).toBe('EVENTLOG_BAD_MR_INDEX');
    expect(codeOf(() => replayEventLog(log([ev({ mrIndex: 5 })])))).toBe('EVENTLOG_BAD_MR_INDEX');
    expect(codeOf(() => replayEventLog(log([ev({ sha384: undefined })])))).toBe('EVENTLOG_MISSING_SHA384_DIGEST');
    expect(codeOf(() => replayEventLog(log([ev({ sha384: new Uint8Array(32) })])))).toBe(
      'EVENTLOG_MISSING_SHA384_DIGEST',
    );
  });

  it('compareWithQuote rejects registers that are not 48 bytes', () => {
    const z = new Uint8Array(48);
    expect(compareWithQuote([z, z, z, z], [z, z, z, z]).matches).toBe(true);
    expect(
      compareWithQuote([z, z, z, z], { rtmr0: z, rtmr1: z, rtmr2: z, rtmr3: new Uint8Array(48).fill(1) }, [3]),
    ).toMatchObject({ matches: false });
    expect(() => compareWithQuote([z, z, z], [z, z, z, z])).toThrow(RangeError);
    expect(() => compareWithQuote([z, z, z, z], [z, z, z, new Uint8Array(47)])).toThrow(RangeError);
  });

  it('appraisal: RTMR3 entries are violations when forbidden; appraiseEventLog throws with every violation', () => {
    const sep = (mrIndex: number, seq: number) =>
      ev({ seq, mrIndex, type: 4, sha384: sha384(new Uint8Array(4)), data: new Uint8Array(4) });
    const l = log([sep(1, 0), sep(2, 1), ev({ seq: 2, mrIndex: 4, type: 0x80000001 })]);
    expect(eventLogViolations(l, { checkEventData: false })).toEqual([]);
    const vs = eventLogViolations(l, { checkEventData: false, rtmr3: 'forbid' });
    expect(vs.map((v) => v.code)).toEqual(['EVENTLOG_UNEXPECTED_RTMR3_EVENT']);
    expect(() => appraiseEventLog(l, { checkEventData: false })).not.toThrow();
    try {
      appraiseEventLog(log([sep(1, 0), sep(1, 1)]), { checkEventData: false });
      throw new Error('expected an appraisal error');
    } catch (e) {
      expect(e).toBeInstanceOf(EventLogAppraisalError);
      expect((e as EventLogAppraisalError).code).toBe('EVENTLOG_APPRAISAL_FAILED');
      expect((e as EventLogAppraisalError).violations.map((v) => v.code)).toEqual(['EVENTLOG_DUPLICATE_SEPARATOR']);
    }
  });
});

describe('runtime records', () => {
  const rec: RuntimeEvent = {
    version: 1,
    name: 'chrysalis.model.v1',
    kind: 'deterministic',
    payload: new Uint8Array(32),
  };

  it('encode / decode / JSON round-trip; model ids as hex', () => {
    const bytes = encodeRuntimeEvent(rec);
    expect(decodeRuntimeEvent(bytes)).toEqual(rec);
    expect(runtimeEventFromJson(runtimeEventToJson(rec))).toEqual(rec);
    expect(modelRuntimeEvent('00'.repeat(32)).payload).toEqual(new Uint8Array(32));
    expect(codeOf(() => modelRuntimeEvent('not hex'))).toBe('RUNTIME_EVENT_MALFORMED');
    expect(() => chrysalisRuntimePolicy({ configDigest: new Uint8Array(32), modelId: 'zz' })).toThrow(TypeError);
  });

  it('malformed records carry their codes', () => {
    expect(codeOf(() => encodeRuntimeEvent({ ...rec, payload: [1] as unknown as Uint8Array }))).toBe(
      'RUNTIME_EVENT_MALFORMED',
    );
    const bytes = encodeRuntimeEvent(rec);
    // domain | u16 version | u8 kind | u16 name length | name | u32 payload length | payload
    const domainLen = bytes.length - 5 - rec.name.length - 4 - rec.payload.length;
    const badVersion = bytes.slice();
    badVersion[domainLen + 1] = 2;
    expect(codeOf(() => decodeRuntimeEvent(badVersion))).toBe('RUNTIME_EVENT_BAD_VERSION');
    const badKind = bytes.slice();
    badKind[domainLen + 2] = 9;
    expect(codeOf(() => decodeRuntimeEvent(badKind))).toBe('RUNTIME_EVENT_BAD_KIND');
    const instance = bytes.slice();
    instance[domainLen + 2] = 2;
    expect(decodeRuntimeEvent(instance).kind).toBe('instance');
    expect(codeOf(() => runtimeEventFromJson(null))).toBe('RUNTIME_EVENT_MALFORMED');
    expect(codeOf(() => runtimeEventFromJson({ version: 1, name: 'x', kind: 'deterministic', payload: 5 }))).toBe(
      'RUNTIME_EVENT_MALFORMED',
    );
    expect(
      codeOf(() => runtimeEventFromJson({ version: 1, name: 'chrysalis.x', kind: 'deterministic', payload: 'zz' })),
    ).toBe('RUNTIME_EVENT_MALFORMED');
  });
});
