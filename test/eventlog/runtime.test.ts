import {
  encodeRuntimeEvent,
  decodeRuntimeEvent,
  runtimeEventDigest,
  replayRuntimeLog,
  extendRtmr,
  runtimeEventToJson,
  runtimeEventFromJson,
  configRuntimeEvent,
  modelRuntimeEvent,
  readyRuntimeEvent,
  instanceRuntimeEvent,
  chrysalisRuntimePolicy,
  appraiseRuntimeLog,
  runtimeLogViolations,
  RuntimeEventError,
  RuntimeLogPolicyError,
  type RuntimeEvent,
  type RuntimeLogPolicy,
} from '../../attestation/eventlog';
import { createHash } from 'node:crypto';

const sha384 = (...p: Uint8Array[]) => {
  const h = createHash('sha384');
  for (const x of p) h.update(x);
  return new Uint8Array(h.digest());
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const configDigest = new Uint8Array(32).fill(0xc1);
const modelId = 'ab'.repeat(32);
const goodLog = (): RuntimeEvent[] => [
  configRuntimeEvent(configDigest),
  modelRuntimeEvent(modelId),
  readyRuntimeEvent(),
];
const codes = (f: () => void): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    if (e instanceof RuntimeLogPolicyError) return e.violations.map((v) => v.code);
    if (e instanceof RuntimeEventError) return [e.code];
    throw e;
  }
};

describe('runtime RTMR3 records', () => {
  it('encodes canonically (domain tag, version, kind, length-prefixed name and payload)', () => {
    const e: RuntimeEvent = {
      version: 1,
      name: 'chrysalis.model.v1',
      kind: 'deterministic',
      payload: new Uint8Array([1, 2, 3]),
    };
    const enc = encodeRuntimeEvent(e);
    const want = Buffer.concat([
      Buffer.from('chrysalis-rtmr3-event\0', 'latin1'),
      Buffer.from([0, 1, 1, 0, 18]),
      Buffer.from('chrysalis.model.v1'),
      Buffer.from([0, 0, 0, 3, 1, 2, 3]),
    ]);
    expect(hex(enc)).toBe(want.toString('hex'));
    expect(hex(runtimeEventDigest(e))).toBe(hex(sha384(want)));
    expect(decodeRuntimeEvent(enc)).toEqual(e);
  });

  it('kind is part of the digest; name/payload boundaries are unambiguous', () => {
    const a: RuntimeEvent = { version: 1, name: 'a', kind: 'instance', payload: new Uint8Array(Buffer.from(':b')) };
    const b: RuntimeEvent = { version: 1, name: 'a.', kind: 'instance', payload: new Uint8Array(Buffer.from('b')) };
    expect(hex(runtimeEventDigest(a))).not.toBe(hex(runtimeEventDigest(b)));
    expect(hex(runtimeEventDigest({ ...a, kind: 'deterministic' }))).not.toBe(hex(runtimeEventDigest(a)));
  });

  it('replays from 48 zero bytes with extendRtmr', () => {
    const log = goodLog();
    let mr: Uint8Array = new Uint8Array(48);
    for (const e of log) mr = extendRtmr(mr, runtimeEventDigest(e));
    expect(hex(replayRuntimeLog(log))).toBe(hex(mr));
    expect(hex(replayRuntimeLog([]))).toBe('00'.repeat(48));
    expect(hex(extendRtmr(new Uint8Array(48), new Uint8Array(48)))).toBe(hex(sha384(new Uint8Array(96))));
    expect(() => extendRtmr(new Uint8Array(47), new Uint8Array(48))).toThrow(RangeError);
  });

  it('round-trips through JSON', () => {
    for (const e of [...goodLog(), instanceRuntimeEvent('chrysalis.instance.v1', new Uint8Array([9, 9]))]) {
      expect(runtimeEventFromJson(JSON.parse(JSON.stringify(runtimeEventToJson(e))))).toEqual(e);
    }
  });

  it.each([
    [{ version: 2, name: 'x', kind: 'instance', payload: new Uint8Array() }, 'RUNTIME_EVENT_BAD_VERSION'],
    [{ version: 1, name: '', kind: 'instance', payload: new Uint8Array() }, 'RUNTIME_EVENT_BAD_NAME'],
    [{ version: 1, name: 'A:b', kind: 'instance', payload: new Uint8Array() }, 'RUNTIME_EVENT_BAD_NAME'],
    [{ version: 1, name: 'x'.repeat(129), kind: 'instance', payload: new Uint8Array() }, 'RUNTIME_EVENT_BAD_NAME'],
    [{ version: 1, name: 'x', kind: 'maybe', payload: new Uint8Array() }, 'RUNTIME_EVENT_BAD_KIND'],
    [{ version: 1, name: 'x', kind: 'instance', payload: new Uint8Array(65537) }, 'RUNTIME_EVENT_PAYLOAD_TOO_LARGE'],
  ])('refuses malformed records (%#)', (e, code) => {
    expect(codes(() => encodeRuntimeEvent(e as unknown as RuntimeEvent))).toEqual([code]);
  });

  it('decoding is strict: truncation, trailing bytes, bad tag and kind are typed', () => {
    const enc = encodeRuntimeEvent(configRuntimeEvent(configDigest));
    for (let cut = 0; cut < enc.length; cut++) {
      expect(codes(() => decodeRuntimeEvent(enc.subarray(0, cut)))[0]).toMatch(/^RUNTIME_EVENT_(TRUNCATED|MALFORMED)$/);
    }
    expect(codes(() => decodeRuntimeEvent(new Uint8Array([...enc, 0])))).toEqual(['RUNTIME_EVENT_MALFORMED']);
    const badTag = enc.slice();
    badTag[0] = 0x43;
    expect(codes(() => decodeRuntimeEvent(badTag))).toEqual(['RUNTIME_EVENT_MALFORMED']);
    const badKind = enc.slice();
    badKind[24] = 3;
    expect(codes(() => decodeRuntimeEvent(badKind))).toEqual(['RUNTIME_EVENT_BAD_KIND']);
    expect(codes(() => runtimeEventFromJson({ version: 1, name: 'x', kind: 'instance', payload: 'zz' }))).toEqual([
      'RUNTIME_EVENT_MALFORMED',
    ]);
    expect(codes(() => runtimeEventFromJson(null))).toEqual(['RUNTIME_EVENT_MALFORMED']);
  });
});

describe('runtime log policy', () => {
  const policy = chrysalisRuntimePolicy({ configDigest, modelId });

  it('accepts the worker log and its RTMR3', () => {
    const log = goodLog();
    expect(() => appraiseRuntimeLog(log, replayRuntimeLog(log), policy)).not.toThrow();
  });

  it('collects every violation', () => {
    const log = goodLog();
    expect(codes(() => appraiseRuntimeLog(log, new Uint8Array(48), policy))).toEqual(['RUNTIME_LOG_RTMR3_MISMATCH']);
    expect(
      codes(() => appraiseRuntimeLog([log[0]!, modelRuntimeEvent('cd'.repeat(32)), log[2]!], undefined, policy)),
    ).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
    expect(codes(() => appraiseRuntimeLog([log[1]!, log[0]!, log[2]!], undefined, policy))).toEqual([
      'RUNTIME_EVENT_ORDER',
    ]);
    expect(codes(() => appraiseRuntimeLog([log[0]!, log[2]!], undefined, policy))).toEqual(['RUNTIME_EVENT_MISSING']);
    expect(codes(() => appraiseRuntimeLog([...log, log[0]!], undefined, policy))).toEqual([
      'RUNTIME_EVENT_AFTER_FINAL',
      'RUNTIME_EVENT_DUPLICATE',
    ]);
    expect(
      codes(() =>
        appraiseRuntimeLog(
          [log[0]!, instanceRuntimeEvent('evil', new Uint8Array(1)), log[1]!, log[2]!],
          undefined,
          policy,
        ),
      ),
    ).toEqual(['RUNTIME_EVENT_UNKNOWN']);
    const asInstance = { ...log[1]!, kind: 'instance' as const };
    expect(codes(() => appraiseRuntimeLog([log[0]!, asInstance, log[2]!], undefined, policy))).toEqual([
      'RUNTIME_EVENT_KIND_MISMATCH',
    ]);
  });

  it('instance-specific events are checked for presence and kind, never value', () => {
    const p: RuntimeLogPolicy = {
      rules: [
        { name: 'chrysalis.config.v1', kind: 'deterministic', expected: configDigest },
        { name: 'chrysalis.instance.v1', kind: 'instance' },
        { name: 'chrysalis.ready.v1', kind: 'deterministic', expected: new Uint8Array() },
      ],
    };
    const log = [
      configRuntimeEvent(configDigest),
      instanceRuntimeEvent('chrysalis.instance.v1', new Uint8Array([7])),
      readyRuntimeEvent(),
    ];
    expect(runtimeLogViolations(log, replayRuntimeLog(log), p)).toEqual([]);
    const det = { ...log[1]!, kind: 'deterministic' as const };
    expect(runtimeLogViolations([log[0]!, det, log[2]!], undefined, p).map((v) => v.code)).toEqual([
      'RUNTIME_EVENT_KIND_MISMATCH',
    ]);
  });

  it('a deterministic rule without an expected value is a programming error', () => {
    const p = { rules: [{ name: 'x', kind: 'deterministic' }] } as unknown as RuntimeLogPolicy;
    expect(() => runtimeLogViolations([], undefined, p)).toThrow(TypeError);
  });
});
