/**
 * `chrysalis attest eventlog` driven in-process on synthetic CCEL event logs (test/eventlog/synthetic-log.ts), a
 * synthetic CCEL ACPI table, SIMULATED devnet quotes carrying the replayed registers (binary, hex and JSON quote
 * files), predictions (`--expect`), both appraisal policies, human and `--json` output, every exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet';
import { parseEventLog, replayEventLog } from '../../attestation/eventlog';
import { run, readQuoteFile } from '../../cli/attest/eventlog';
import { ascii, buildTcgLog, directBootEvents, expectedRtmrs, hex, type SynthEvent } from '../eventlog/synthetic-log';
import { capture } from './helpers';

/** CCEL ACPI table (ACPI 6.5 §5.2.34): 56 bytes, checksum byte chosen so that all bytes sum to zero. */
function ccelTable(laml: bigint, ccType = 2): Uint8Array {
  const t = new Uint8Array(56);
  const dv = new DataView(t.buffer);
  t.set(Buffer.from('CCEL'), 0);
  dv.setUint32(4, 56, true);
  t[8] = 1;
  t.set(Buffer.from('CHRYSL'), 10);
  t[36] = ccType;
  dv.setBigUint64(40, laml, true);
  dv.setBigUint64(48, 0x7fbd0000n, true);
  const sum = t.reduce((a, b) => (a + b) & 0xff, 0);
  t[9] = (0x100 - sum) & 0xff;
  return t;
}

interface LogJson {
  ok: boolean;
  code?: string;
  format?: string;
  logEndOffset?: number;
  padding?: string;
  tableNote?: string;
  table?: Record<string, unknown>;
  events?: { seq: number; rtmr: number | null; digest: string; dataCheck?: string }[];
  violations?: { code: string }[];
  matchesQuote?: boolean;
  matchesPrediction?: boolean;
  prediction?: { register: number; matches: boolean; firstDifference: number }[];
  [k: string]: unknown;
}

describe('chrysalis attest eventlog on synthetic logs', () => {
  let dir: string;
  const f = (n: string): string => join(dir, n);
  const events = directBootEvents();
  const rtmrs = expectedRtmrs(events);
  const log = buildTcgLog(events, { tail: new Uint8Array(32) });
  const pki = createDevnetIntelPki({ seed: 'cli-eventlog', issuedAt: new Date('2025-06-01T00:00:00Z') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-eventlog-'));
    writeFileSync(f('ccel.bin'), log);
    writeFileSync(f('table.bin'), ccelTable(0x10000n));
    writeFileSync(f('small-table.bin'), ccelTable(64n));
    writeFileSync(f('sev-table.bin'), ccelTable(0x10000n, 1));
    const quote = simulateTdxQuote(pki, {
      reportData: new Uint8Array(64),
      rtmr0: rtmrs[0]!,
      rtmr1: rtmrs[1]!,
      rtmr2: rtmrs[2]!,
      rtmr3: rtmrs[3]!,
    });
    writeFileSync(f('quote.bin'), quote);
    writeFileSync(f('quote.hex'), `${hex(quote)}\n`);
    writeFileSync(f('quote.json'), JSON.stringify({ quote: `0x${hex(quote)}` }));
    writeFileSync(f('quote-bytes.json'), JSON.stringify({ quote: [...quote] }));
    writeFileSync(f('quote-array.json'), JSON.stringify([...quote]));
    writeFileSync(f('quote-none.json'), JSON.stringify({ other: 1 }));
    writeFileSync(f('quote-broken.json'), '{"quote": ');
    writeFileSync(f('other-quote.bin'), simulateTdxQuote(pki, { reportData: new Uint8Array(64) }));
    // Without the kernel image load: the direct-boot appraisal refuses it; one action whose digest is not its data.
    const noKernel = events.filter((e) => e.type !== 0x80000003);
    writeFileSync(f('no-kernel.bin'), buildTcgLog(noKernel));
    const tampered: SynthEvent[] = [
      ...events.slice(0, -1),
      { mr: 2, type: 0x80000007, data: ascii('Exit Boot Services Returned with Success'), measured: ascii('x') },
    ];
    writeFileSync(f('tampered.bin'), buildTcgLog(tampered));
    writeFileSync(f('garbage.bin'), Buffer.from('this is not an event log'));
    // A prediction in the shape `chrysalis image measure --json` prints, from the replayed events.
    const replayed = replayEventLog(parseEventLog(log));
    const predicted = (i: number) => ({
      value: hex(replayed.rtmr[i]!),
      events: replayed.byRegister[i]!.map((e) => ({
        type: 0,
        typeName: e.typeName,
        name: e.typeName,
        digest: e.digest,
        covers: 'test',
      })),
    });
    writeFileSync(f('expect.json'), JSON.stringify({ rtmr0: predicted(0), rtmr1: predicted(1), rtmr2: predicted(2) }));
    const differing = predicted(1);
    differing.events[0] = { ...differing.events[0]!, digest: '00'.repeat(48) };
    const longer = predicted(2);
    longer.events.push({ ...longer.events[0]!, name: 'extra' });
    writeFileSync(f('expect-diff.json'), JSON.stringify({ rtmr0: predicted(0), rtmr1: differing, rtmr2: longer }));
    writeFileSync(f('expect-partial.json'), JSON.stringify({ rtmr0: predicted(0) }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const el = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string; j: LogJson }> => {
    const r = await capture(() => run(args));
    const j = (args.includes('--json') && r.stdout.trim() ? JSON.parse(r.stdout) : {}) as LogJson;
    return { ...r, j };
  };

  it('--json: the replayed registers, the events, the table and a match with the quote', async () => {
    const r = await el([f('ccel.bin'), '--table', f('table.bin'), '--quote', f('quote.bin'), '--json']);
    expect(r.code).toBe(0);
    expect(r.j.ok).toBe(true);
    expect(r.j.format).toBe('tcg');
    for (let i = 0; i < 4; i++) expect(r.j[`rtmr${i}`]).toBe(hex(rtmrs[i]!));
    expect(r.j.events).toHaveLength(events.length);
    expect(r.j.matchesQuote).toBe(true);
    expect(r.j.table).toMatchObject({ ccType: 2, logAreaMinimumLength: '65536', logAreaStartAddress: '0x7fbd0000' });
    expect(r.j.tableNote).toBeUndefined();
    expect(r.j.logEndOffset).toBe(log.length - 32);
    expect(r.j.violations).toEqual([]);
  });

  it('human output lists the table, every event, each register against the quote and the appraisal', async () => {
    const r = await el([f('ccel.bin'), '--table', f('table.bin'), '--quote', f('quote.hex')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CCEL table: CC type 2, LAML 65536, LASA 0x7fbd0000');
    expect(r.stdout).toMatch(/^format tcg, log ends at \d+ \(.*\)$/m);
    expect(r.stdout).toContain('Exit Boot Services Returned with Success [data ok]');
    for (let i = 0; i < 4; i++) expect(r.stdout).toContain(`RTMR${i} ${hex(rtmrs[i]!)}  = quote`);
    expect(r.stdout).toContain('matches quote: yes');
    expect(r.stdout).toContain('appraisal (any): ok');
  });

  it('the direct-boot policy accepts the QEMU chain and refuses one without the kernel (exit 1)', async () => {
    const ok = await el([f('ccel.bin'), '--policy', 'direct-boot', '--json']);
    expect(ok.code).toBe(0);
    const bad = await el([f('no-kernel.bin'), '--policy', 'direct-boot', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.j.ok).toBe(false);
    expect(bad.j.violations!.length).toBeGreaterThan(0);
    const human = await el([f('no-kernel.bin'), '--policy', 'direct-boot']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('appraisal violations:');
    expect(human.stdout).toContain(bad.j.violations![0]!.code);
  });

  it('an event whose digest is not its data is flagged; a log longer than the table LAML gets a note', async () => {
    const r = await el([f('tampered.bin')]);
    expect(r.stdout).toContain('[DATA MISMATCH]');
    const j = await el([f('ccel.bin'), '--table', f('small-table.bin'), '--json']);
    expect(j.j.tableNote).toBe('log is longer than the table LAML');
  });

  it('a quote with other registers: exit 1, each differing register printed', async () => {
    const j = await el([f('ccel.bin'), '--quote', f('other-quote.bin'), '--json']);
    expect(j.code).toBe(1);
    expect(j.j.matchesQuote).toBe(false);
    const r = await el([f('ccel.bin'), '--quote', f('other-quote.bin')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('matches quote: NO');
    expect(r.stdout).toMatch(/RTMR1 [0-9a-f]{96} {2}!= quote [0-9a-f]{96}/);
  });

  it('reads quote files as binary, hex, {"quote": hex}, {"quote": bytes} and a bare byte array', async () => {
    const want = readQuoteFile(f('quote.bin'));
    for (const n of ['quote.hex', 'quote.json', 'quote-bytes.json', 'quote-array.json'])
      expect(Buffer.from(readQuoteFile(f(n))).equals(Buffer.from(want))).toBe(true);
    expect(() => readQuoteFile(f('quote-none.json'))).toThrow(/no "quote"/);
    for (const n of ['quote.json', 'quote-bytes.json'])
      expect((await el([f('ccel.bin'), '--quote', f(n), '--json'])).j.matchesQuote).toBe(true);
  });

  it('--expect: a matching prediction, then the first differing event per register', async () => {
    const ok = await el([f('ccel.bin'), '--expect', f('expect.json')]);
    expect(ok.code).toBe(0);
    for (const i of [0, 1, 2]) expect(ok.stdout).toContain(`RTMR${i} events = prediction`);
    const diff = await el([f('ccel.bin'), '--expect', f('expect-diff.json'), '--json']);
    expect(diff.code).toBe(1);
    expect(diff.j.matchesPrediction).toBe(false);
    expect(diff.j.prediction!.map((d) => d.matches)).toEqual([true, false, false]);
    expect(diff.j.prediction![1]!.firstDifference).toBe(0);
    const human = await el([f('ccel.bin'), '--expect', f('expect-diff.json')]);
    expect(human.stdout).toContain('RTMR1 differs from the prediction at event 0:');
    expect(human.stdout).toMatch(/ {2}actual {4}\(no event\)/);
    expect(human.stdout).toMatch(/ {2}predicted extra [0-9a-f]{16} \(test\)/);
  });

  it('a log that does not parse is a rejection with its code (exit 1)', async () => {
    const j = await el([f('garbage.bin'), '--json']);
    expect(j.code).toBe(1);
    expect(j.j.code).toMatch(/^EVENTLOG_/);
    const r = await el([f('garbage.bin')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^REJECTED EVENTLOG_[A-Z0-9_]+: /);
  });

  it('unreadable or unparseable inputs exit 3: table, quote, prediction, the log itself', async () => {
    for (const extra of [
      ['--table', f('sev-table.bin')],
      ['--table', f('ccel.bin')],
      ['--quote', f('quote-none.json')],
      ['--quote', f('quote-broken.json')],
      ['--quote', f('garbage.bin')],
      ['--expect', f('expect-partial.json')],
      ['--expect', f('missing.json')],
    ]) {
      const r = await el([f('ccel.bin'), ...extra, '--json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('CLI_INPUT_UNREADABLE');
    }
    expect((await el([f('missing.bin'), '--json'])).code).toBe(3);
  });
});
