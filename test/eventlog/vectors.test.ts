import { describeVectors, readVector } from '../helpers/vectors';
import {
  parseEventLog,
  parseCcelTable,
  replayEventLog,
  compareWithQuote,
  assertLogMatchesQuote,
  eventLogViolations,
  EventLogParseError,
} from '../../attestation/eventlog';
import { manifest, loadLog, loadQuote, quoteRegisters, hex } from './helpers';
import { parseQuote } from '../../attestation/tdx';
import { readVectorJson } from '../helpers/vectors';

describeVectors('eventlog')('event-log vectors (MANIFEST.json)', () => {
  const m = manifest();

  it('lists the cases the reference documents', () => {
    expect(m.cases.length).toBeGreaterThanOrEqual(16);
  });

  for (const c of m.cases) {
    if (c.negative) {
      it(`${c.id}: refused (no SHA-384 bank)`, () => {
        expect(() => parseEventLog(loadLog(c.event_log.path))).toThrow(
          expect.objectContaining({ code: 'EVENTLOG_NO_SHA384_BANK' }),
        );
      });
      continue;
    }
    it(`${c.id}: parses and replays to the expected registers`, () => {
      const log = parseEventLog(loadLog(c.event_log.path));
      expect(log.events.length).toBe(c.event_log.events);
      if (c.event_log.log_end_offset !== undefined) expect(log.logEndOffset).toBe(c.event_log.log_end_offset);
      if (c.event_log.padding_after_log !== undefined) {
        expect(log.padding).toBe(c.event_log.padding_after_log);
      }
      const byIndex = c.event_log.events_by_mr_index;
      if (byIndex) {
        for (const [k, n] of Object.entries(byIndex))
          expect(log.events.filter((e) => e.mrIndex === Number(k)).length).toBe(n);
      }
      const byRtmr = c.event_log.events_by_rtmr;
      if (byRtmr) {
        for (const [k, n] of Object.entries(byRtmr))
          expect(log.events.filter((e) => e.mrIndex - 1 === Number(k)).length).toBe(n);
      }
      const r = replayEventLog(log);
      for (let i = 0; i < 4; i++) {
        if (c.replayed) expect(hex(r.rtmr[i]!)).toBe(c.replayed[`rtmr${i}`]);
        const want = c.expected?.[`rtmr${i}`];
        if (want !== undefined) expect(hex(r.rtmr[i]!)).toBe(want);
      }
      // the per-event report names every entry
      expect(r.events.every((e) => e.typeName.length > 0 && typeof e.description === 'string')).toBe(true);
      expect(r.byRegister.reduce((n, l) => n + l.length, 0)).toBe(log.events.filter((e) => e.type !== 3).length);
    });
    if (c.quote) {
      it(`${c.id}: the real quote matches its log`, () => {
        const q = loadQuote(c.quote!.path);
        expect(q.length).toBe(c.quote!.size);
        const regs = quoteRegisters(q);
        const log = parseEventLog(loadLog(c.event_log.path));
        expect(compareWithQuote(replayEventLog(log).rtmr, regs).matches).toBe(true);
        expect(() => assertLogMatchesQuote(log, regs)).not.toThrow();
        for (let i = 0; i < 4; i++) expect(hex(regs[i]!)).toBe(c.expected![`rtmr${i}`]);
        // the same through the project's quote parser (attestation/tdx)
        const parsed = parseQuote(q);
        if (parsed.teeType !== 'TDX') throw new Error('not a TDX quote');
        expect(() => assertLogMatchesQuote(log, parsed.body)).not.toThrow();
        expect(hex(parsed.body.mrtd)).toBe(c.expected!['mrtd']);
      });
    }
    if (c.acpi_table) {
      it(`${c.id}: CCEL ACPI table`, () => {
        const t = parseCcelTable(new Uint8Array(readVector('eventlog', c.acpi_table!.path)));
        expect(t.ccType).toBe(c.acpi_table!.cc_type);
        expect(t.logAreaMinimumLength).toBe(BigInt(c.acpi_table!.log_area_minimum_length));
        expect(t.logAreaStartAddress).toBe(BigInt(c.acpi_table!.log_area_start_address));
      });
    }
  }

  // Appraisal verdicts per case. The old-TDVF separator bug (second EV_SEPARATOR logged in RTMR0) is present in the
  // two documented dupe-separator cases and also, by inspection, in trustee CCEL_data_ovmf and CCEL_data_grub, go-eventlog
  // CCEL_unpadded and the legacy TDVF log (7 extra separators); td-shim and shim/GRUB logs are other boot chains.
  const appraisal: Record<string, { any: string[]; direct?: boolean }> = {
    'gotdx-cos113-ccel-with-quote': { any: [] },
    'goel-cos-113-intel-tdx-dupe-separator': { any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_MISSING_SEPARATOR'] },
    'goel-cos-113-intel-tdx-dupe-separator-unpadded': {
      any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_MISSING_SEPARATOR'],
    },
    'goel-intel-ccel-unpadded': { any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_MISSING_SEPARATOR'] },
    'goel-legacy-tdvf-event-log': { any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_EVENT_AFTER_SEPARATOR'] },
    'trustee-CCEL_data': { any: [] },
    'trustee-CCEL_data_ovmf': { any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_MISSING_SEPARATOR'] },
    'trustee-CCEL_data_grub': { any: ['EVENTLOG_DUPLICATE_SEPARATOR', 'EVENTLOG_MISSING_SEPARATOR'] },
    'dstack-verifier-quote-report': { any: [], direct: true },
    'dstack-verifier-tdx-lite': { any: [], direct: true },
    'dstack-guest-agent-attestation-bin': { any: [], direct: true },
    'dstack-ccel-sample': { any: [] },
    'near-mpc-release-tcb-info': { any: [], direct: true },
    'near-mpc-dev-tcb-info': { any: [], direct: true },
  };
  for (const [id, want] of Object.entries(appraisal)) {
    it(`${id}: appraisal verdict`, () => {
      const c = m.cases.find((x) => x.id === id);
      if (!c) return;
      const log = parseEventLog(loadLog(c.event_log.path));
      const codes = [...new Set(eventLogViolations(log).map((v) => v.code))].sort();
      expect(codes).toEqual([...want.any].sort());
      if (want.direct) expect(eventLogViolations(log, { bootChain: 'direct-boot' })).toEqual([]);
    });
  }

  it('dupe-separator cases carry a documented policy rejection', () => {
    const dupes = m.cases.filter((c) => c.policy_expectation);
    expect(dupes.length).toBe(2);
    for (const c of dupes) {
      const codes = eventLogViolations(parseEventLog(loadLog(c.event_log.path))).map((v) => v.code);
      expect(codes).toContain('EVENTLOG_DUPLICATE_SEPARATOR');
    }
  });

  it('COS shim/GRUB log is not a direct boot', () => {
    const log = parseEventLog(loadLog('google-go-tdx-guest/testing/testdata/ccel/ccel_data.dat'));
    const codes = eventLogViolations(log, { bootChain: 'direct-boot' }).map((v) => v.code);
    expect(codes).toContain('EVENTLOG_UNEXPECTED_BOOT_CHAIN');
  });

  it('Alibaba LEAA runtime records: digests equal SHA-384 of their data', () => {
    const log = parseEventLog(loadLog('coco-trustee/deps/eventlog/test_data/CCEL_AAEL_alibabacloud'));
    const r = replayEventLog(log);
    const leaa = r.byRegister[3]!;
    expect(leaa.length).toBe(2);
    expect(leaa.every((e) => e.dataCheck === 'match')).toBe(true);
    expect(hex(r.rtmr[3]!).startsWith('5e4ecd49')).toBe(true);
  });

  it('trustee parser renderings agree on event types and digests', () => {
    for (const [log, out] of [
      [
        'coco-trustee/deps/eventlog/test_data/CCEL_data_ovmf',
        'coco-trustee/deps/eventlog/test_data/CCEL_data_ovmf_out.json',
      ],
      [
        'coco-trustee/deps/eventlog/test_data/CCEL_data_grub',
        'coco-trustee/deps/eventlog/test_data/CCEL_data_grub_out.json',
      ],
    ] as const) {
      const ref = JSON.parse(readVector('eventlog', out).toString('utf8')) as unknown;
      const text = JSON.stringify(ref);
      const r = replayEventLog(parseEventLog(loadLog(log)));
      for (const e of r.events) expect(text.toLowerCase()).toContain(e.digest);
    }
  });

  it('near-mpc test-utils: quote.json (byte array) matches tcb_info.json event log and register fields', () => {
    const q = parseQuote(
      new Uint8Array(readVectorJson<number[]>('eventlog', 'near-mpc/crates/test-utils/assets/quote.json')),
    );
    if (q.teeType !== 'TDX') throw new Error('not TDX');
    const info = readVectorJson<Record<string, unknown>>('eventlog', 'near-mpc/crates/test-utils/assets/tcb_info.json');
    const log = parseEventLog(JSON.stringify(info['event_log']));
    const r = assertLogMatchesQuote(log, q.body);
    for (let i = 0; i < 4; i++) expect(hex(r.rtmr[i]!)).toBe(info[`rtmr${i}`]);
    expect(hex(q.body.mrtd)).toBe(info['mrtd']);
  });

  it('parse errors are typed EventLogParseError', () => {
    try {
      parseEventLog(loadLog('coco-trustee/deps/eventlog/test_data/CCEL_data_csv'));
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(EventLogParseError);
    }
  });
});
