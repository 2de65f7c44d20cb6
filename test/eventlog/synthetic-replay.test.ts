/**
 * Replay of synthetic direct-boot logs against quotes from the devnet Intel PKI (`simulateTdxQuote`), and the boot-log
 * appraisal rules (separators, firmware configuration after the separator, ExitBootServices, data rechecks, RTMR3,
 * the direct-boot chain), each violation built from the same synthetic log.
 */
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet';
import { parseQuote } from '../../attestation/tdx';
import {
  appraiseEventLog,
  appraiseRuntimeLog,
  assertLogMatchesQuote,
  chrysalisRuntimePolicy,
  compareWithQuote,
  configRuntimeEvent,
  EventLogAppraisalError,
  EventLogReplayError,
  eventLogViolations,
  foldDigests,
  modelRuntimeEvent,
  parseDstackEventLog,
  parseTcgEventLog,
  readyRuntimeEvent,
  replayEventLog,
  replayRuntimeLog,
  RuntimeLogPolicyError,
  type BootLogPolicy,
  type EventLog,
  type QuoteRtmrs,
} from '../../attestation/eventlog';
import {
  ALG_SHA256,
  ALG_SHA384,
  TAG_INITRD,
  TAG_LOAD_OPTIONS,
  ascii,
  buildTcgLog,
  digestOf,
  directBootEvents,
  expectedRtmrs,
  hex,
  sha256,
  specIdEvent,
  taggedEvent,
  type SynthEvent,
} from './synthetic-log';

const pki = createDevnetIntelPki({ seed: 'eventlog-synthetic-replay' });

function quoteRegisters(rtmrs: Uint8Array[], version: 4 | 5 = 4): QuoteRtmrs {
  const q = parseQuote(
    simulateTdxQuote(
      pki,
      { reportData: new Uint8Array(64), rtmr0: rtmrs[0]!, rtmr1: rtmrs[1]!, rtmr2: rtmrs[2]!, rtmr3: rtmrs[3]! },
      { version },
    ),
  );
  if (q.teeType !== 'TDX') throw new Error('not a TDX quote');
  return q.body;
}

const parse = (events: readonly SynthEvent[]) => parseTcgEventLog(buildTcgLog(events));

describe('replay against a simulated quote', () => {
  const events = directBootEvents();
  const log = parse(events);

  it.each([4, 5] as const)('the direct-boot log matches a v%i quote carrying its registers', (version) => {
    const body = quoteRegisters(expectedRtmrs(events), version);
    const r = assertLogMatchesQuote(log, body);
    expect(r.rtmr.map(hex)).toEqual([body.rtmr0, body.rtmr1, body.rtmr2, body.rtmr3].map(hex));
    expect(hex(body.rtmr3)).toBe('00'.repeat(48));
    expect(compareWithQuote(r.rtmr, body)).toMatchObject({ matches: true });
    // the same through the array form
    expect(() => assertLogMatchesQuote(log, [body.rtmr0, body.rtmr1, body.rtmr2, body.rtmr3])).not.toThrow();
  });

  it('per-register lists fold back to the registers', () => {
    const r = replayEventLog(log);
    expect(r.byRegister.map((l) => l.length)).toEqual([13, 5, 2, 0]);
    for (let i = 0; i < 4; i++) {
      const folded = foldDigests(r.byRegister[i]!.map((e) => new Uint8Array(Buffer.from(e.digest, 'hex'))));
      expect(hex(folded)).toBe(hex(r.rtmr[i]!));
    }
    expect(r.byRegister[1]!.map((e) => e.description)).toEqual([
      'PE image kernel (18874368 bytes in memory)',
      'Calling EFI Application from Boot Option',
      'separator',
      'Exit Boot Services Invocation',
      'Exit Boot Services Returned with Success',
    ]);
    expect(hex(foldDigests([]))).toBe('00'.repeat(48));
    expect(() => foldDigests([new Uint8Array(32)])).toThrow(RangeError);
  });

  it('a log without its initrd entry differs in RTMR2 only: EVENTLOG_RTMR_MISMATCH names that register', () => {
    const body = quoteRegisters(expectedRtmrs(events));
    const short = parse(events.filter((e) => !(e.mr === 3 && e.data![0] === (TAG_INITRD & 0xff))));
    expect(short.events).toHaveLength(events.length - 1);
    const c = compareWithQuote(replayEventLog(short).rtmr, body);
    expect(c.registers.map((r) => r.matches)).toEqual([true, true, false, true]);
    try {
      assertLogMatchesQuote(short, body);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EventLogReplayError);
      expect((e as EventLogReplayError).code).toBe('EVENTLOG_RTMR_MISMATCH');
      expect((e as EventLogReplayError).details).toMatchObject({ registers: [2] });
    }
    expect(() => assertLogMatchesQuote(short, body, [0, 1, 3])).not.toThrow();
  });

  it('one changed digest anywhere changes exactly its register', () => {
    const body = quoteRegisters(expectedRtmrs(events));
    events.forEach((e, k) => {
      const changed = events.map((x, j) =>
        j === k ? { ...x, digests: [[ALG_SHA384, new Uint8Array(48)]] as const } : x,
      );
      const c = compareWithQuote(replayEventLog(parse(changed)).rtmr, body);
      expect(c.registers.filter((r) => !r.matches).map((r) => r.index)).toEqual([e.mr - 1]);
    });
  });

  it('a chrysalis runtime log (model id as bytes) is appraised against the quote RTMR3', () => {
    const configDigest = new Uint8Array(32).fill(0xc1);
    const modelId = new Uint8Array(32).fill(0xab);
    const runtime = [configRuntimeEvent(configDigest), modelRuntimeEvent(modelId), readyRuntimeEvent()];
    expect(hex(modelRuntimeEvent(modelId).payload)).toBe('ab'.repeat(32));
    const body = quoteRegisters([...expectedRtmrs(events).slice(0, 3), replayRuntimeLog(runtime)]);
    const policy = chrysalisRuntimePolicy({ configDigest, modelId });
    expect(() => appraiseRuntimeLog(runtime, body.rtmr3, policy)).not.toThrow();
    const other = chrysalisRuntimePolicy({ configDigest, modelId: new Uint8Array(32).fill(0xcd) });
    try {
      appraiseRuntimeLog(runtime, body.rtmr3, other);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(RuntimeLogPolicyError);
      expect((e as RuntimeLogPolicyError).violations.map((v) => v.code)).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
    }
  });
});

describe('boot-log appraisal', () => {
  const base = directBootEvents();
  const codes = (events: readonly SynthEvent[] | EventLog, policy?: BootLogPolicy) =>
    eventLogViolations('format' in events ? events : parse(events), policy).map((v) => `${v.code} ${v.field}`);
  const idx = (pred: (e: SynthEvent) => boolean) => base.findIndex(pred);
  const insertAt = (k: number, ...e: SynthEvent[]) => [...base.slice(0, k), ...e, ...base.slice(k)];
  const ebsReturned = idx(
    (e) => e.data !== undefined && Buffer.from(e.data).toString() === 'Exit Boot Services Returned with Success',
  );
  const calling = idx((e) => e.data !== undefined && Buffer.from(e.data).toString().startsWith('Calling'));
  const rtmr0Sep = idx((e) => e.mr === 1 && e.type === 4);
  const sep = (mr: number): SynthEvent => ({ mr, type: 4, data: new Uint8Array(4) });

  it('the direct-boot log has no violation under any policy', () => {
    const log = parse(base);
    expect(codes(log)).toEqual([]);
    expect(codes(log, { bootChain: 'direct-boot', rtmr3: 'forbid', checkEventData: true })).toEqual([]);
    expect(() => appraiseEventLog(log, { bootChain: 'direct-boot' })).not.toThrow();
    expect(() => appraiseEventLog(log)).not.toThrow();
  });

  it('a log with no RTMR0/RTMR1 entries needs no separator', () => {
    expect(codes([{ mr: 4, type: 0x80000007, data: ascii('runtime') }])).toEqual([]);
  });

  it.each<[string, SynthEvent[], BootLogPolicy, string[]]>([
    [
      'a second RTMR0 separator (old TDVF bug)',
      insertAt(rtmr0Sep + 1, sep(1)),
      {},
      ['EVENTLOG_DUPLICATE_SEPARATOR rtmr0'],
    ],
    ['no RTMR0 separator', base.filter((_, k) => k !== rtmr0Sep), {}, ['EVENTLOG_MISSING_SEPARATOR rtmr0']],
    ['no RTMR1 separator', base.filter((e) => !(e.mr === 2 && e.type === 4)), {}, ['EVENTLOG_MISSING_SEPARATOR rtmr1']],
    [
      'an RTMR0 entry after ExitBootServices',
      [...base, { mr: 1, type: 0x0000000a, data: ascii('late') }],
      {},
      [`EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES event[${base.length}]`],
    ],
    [
      'an RTMR2 entry after ExitBootServices',
      [...base, { mr: 3, type: 0x0000000d, data: ascii('late') }],
      {},
      [`EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES event[${base.length}]`],
    ],
    ['an RTMR3 entry after ExitBootServices', [...base, { mr: 4, type: 0x0000000d, data: ascii('ok') }], {}, []],
    [
      'an RTMR3 entry when RTMR3 is forbidden',
      [...base, { mr: 4, type: 0x0000000d, data: ascii('ok') }],
      { rtmr3: 'forbid' },
      [`EVENTLOG_UNEXPECTED_RTMR3_EVENT event[${base.length}]`],
    ],
    [
      'an RTMR3 entry when RTMR3 is allowed',
      [...base, { mr: 4, type: 0x0000000d, data: ascii('ok') }],
      { rtmr3: 'allow' },
      [],
    ],
    [
      'an EV_NO_ACTION entry after ExitBootServices',
      [...base, { mr: 1, type: 3, data: ascii('SP800-155 Event3\0'), digests: [] }],
      {},
      [],
    ],
    [
      'a separator whose digest is not SHA-384 of its data',
      base.map((e, k) => (k === rtmr0Sep ? { ...e, measured: ascii('other') } : e)),
      {},
      [`EVENTLOG_EVENT_DATA_MISMATCH event[${rtmr0Sep}]`],
    ],
    [
      'the same separator without the data recheck',
      base.map((e, k) => (k === rtmr0Sep ? { ...e, measured: ascii('other') } : e)),
      { checkEventData: false },
      [],
    ],
    [
      'an RTMR0 entry that is not firmware configuration after the separator',
      insertAt(rtmr0Sep + 1, { mr: 1, type: 0x80000009, data: new Uint8Array(24) }),
      {},
      [],
    ],
  ])('%s', (_name, events, policy, want) => {
    expect(codes(events, policy)).toEqual(want);
  });

  it.each<[string, number]>([
    ['EV_EFI_VARIABLE_DRIVER_CONFIG', 0x80000001],
    ['EV_EFI_PLATFORM_FIRMWARE_BLOB', 0x80000008],
    ['EV_EFI_PLATFORM_FIRMWARE_BLOB2', 0x8000000a],
    ['EV_EFI_HANDOFF_TABLES2', 0x8000000b],
    ['EV_POST_CODE', 0x00000001],
    ['EV_S_CRTM_CONTENTS', 0x00000007],
    ['EV_S_CRTM_VERSION', 0x00000008],
    ['EV_CPU_MICROCODE', 0x00000009],
  ])('%s after the RTMR0 separator is EVENTLOG_EVENT_AFTER_SEPARATOR', (name, type) => {
    const events = insertAt(rtmr0Sep + 1, { mr: 1, type, data: ascii('configuration') });
    const v = eventLogViolations(parse(events));
    expect(v).toEqual([
      {
        code: 'EVENTLOG_EVENT_AFTER_SEPARATOR',
        field: `event[${rtmr0Sep + 1}]`,
        expected: 'no firmware configuration after the RTMR0 separator',
        actual: name,
      },
    ]);
  });

  it('appraiseEventLog throws every violation at once', () => {
    const events = [...insertAt(rtmr0Sep + 1, sep(1)), { mr: 1, type: 0x0000000a, data: ascii('late') }];
    try {
      appraiseEventLog(parse(events), { rtmr3: 'forbid' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EventLogAppraisalError);
      expect((e as EventLogAppraisalError).code).toBe('EVENTLOG_APPRAISAL_FAILED');
      expect((e as EventLogAppraisalError).violations.map((v) => v.code)).toEqual([
        'EVENTLOG_DUPLICATE_SEPARATOR',
        'EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES',
      ]);
    }
  });

  describe("direct-boot chain ('direct-boot' policy)", () => {
    const direct = (events: readonly SynthEvent[] | EventLog) =>
      codes(events, { bootChain: 'direct-boot', checkEventData: false }).filter((c) =>
        c.startsWith('EVENTLOG_UNEXPECTED_BOOT_CHAIN'),
      );
    const tagIdx = idx((e) => e.mr === 3);
    const tag = (t: number): SynthEvent => ({ mr: 3, type: 6, data: taggedEvent(t, new Uint8Array(2)) });

    it.each<[string, SynthEvent[], string[]]>([
      [
        'a second RTMR1 image (UKI / shim)',
        insertAt(calling, { ...base[calling - 3]!, measured: ascii('second image') }),
        ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr1'],
      ],
      [
        'another "Calling" text',
        base.map((e, k) => (k === calling ? { ...e, data: ascii('Calling something else') } : e)),
        ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr1'],
      ],
      [
        'the kernel logged as another type',
        base.map((e) => (e.type === 0x80000003 ? { ...e, type: 0x80000004 } : e)),
        ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr1'],
      ],
      ['a missing RTMR1 action', base.filter((_, k) => k !== ebsReturned), ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr1']],
      [
        'initrd before LoadOptions',
        [...base.slice(0, tagIdx), base[tagIdx + 1]!, base[tagIdx]!, ...base.slice(tagIdx + 2)],
        ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr2'],
      ],
      ['a third RTMR2 entry', insertAt(tagIdx + 2, tag(TAG_INITRD)), ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr2']],
      ['a single RTMR2 entry', base.filter((_, k) => k !== tagIdx + 1), ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr2']],
      [
        'a GRUB string in RTMR2',
        base.map((e, k) => (k === tagIdx ? { mr: 3, type: 0x0000000d, data: ascii('grub_cmd: linux') } : e)),
        ['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr2'],
      ],
      [
        'tags with payloads stripped (shorter than a tag header)',
        base.map((e, k) => (k === tagIdx || k === tagIdx + 1 ? { ...e, data: new Uint8Array(0) } : e)),
        [],
      ],
      [
        'tags with LoadOptions and initrd in order',
        base.map((e, k) => (k === tagIdx ? tag(TAG_LOAD_OPTIONS) : k === tagIdx + 1 ? tag(TAG_INITRD) : e)),
        [],
      ],
    ])('%s', (_name, events, want) => {
      expect(direct(events)).toEqual(want);
      // 'any' accepts every boot chain
      expect(codes(events, { checkEventData: false }).filter((c) => c.includes('BOOT_CHAIN'))).toEqual([]);
    });

    it('an RTMR1 action without a SHA-384 digest does not satisfy the chain', () => {
      const spec = specIdEvent({
        algorithms: [
          [ALG_SHA256, 32],
          [ALG_SHA384, 48],
        ],
      });
      const events = base.map((e, k) =>
        k === calling ? { ...e, digests: [[ALG_SHA256, sha256(e.data!)]] as const } : e,
      );
      const log = parseTcgEventLog(buildTcgLog(events, { spec }), { requireSha384: false });
      expect(log.events[calling]!.sha384).toBeUndefined();
      expect(direct(log)).toEqual(['EVENTLOG_UNEXPECTED_BOOT_CHAIN rtmr1']);
    });

    it('the same chain as a dstack JSON log (tag payloads stripped) is a direct boot', () => {
      const json = base.map((e) => ({
        imr: e.mr - 1,
        event_type: e.type,
        digest: hex(digestOf(e)),
        event: '',
        event_payload: e.type === 6 ? '' : hex(e.data!),
      }));
      const log = parseDstackEventLog(json);
      expect(direct(log)).toEqual([]);
      expect(eventLogViolations(log, { bootChain: 'direct-boot' })).toEqual([]);
      expect(replayEventLog(log).rtmr.map(hex)).toEqual(expectedRtmrs(base).map(hex));
    });
  });
});
