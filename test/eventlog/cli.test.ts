import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeVectors, vectorPath, readVectorJson } from '../helpers/vectors';
import { run } from '../../cli/attest/eventlog';
import { predictMeasurements, tdHobLayoutFromWitness } from '../../attestation/measure';
import { parseEventLog } from '../../attestation/eventlog';
import { capture as captureOutput } from '../cli/helpers';

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await captureOutput(() => run(argv));
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const V = (p: string) => vectorPath('eventlog', p);
const COS = V('google-go-tdx-guest/testing/testdata/ccel/ccel_data.dat');
const COS_TABLE = V('google-go-tdx-guest/testing/testdata/ccel/ccel_table.dat');
const COS_QUOTE = V('google-go-tdx-guest/testing/testdata/ccel/cos-113-tdx-quote.dat');

describe('chrysalis attest eventlog: usage', () => {
  it('bad usage exits 2, an unreadable log 3', async () => {
    expect((await capture([])).code).toBe(2);
    expect((await capture(['a', 'b'])).code).toBe(2);
    expect((await capture(['x', '--bogus'])).code).toBe(2);
    expect((await capture(['x', '--policy', 'loose'])).code).toBe(2);
    expect((await capture(['/nonexistent/file'])).code).toBe(3);
    expect((await capture(['--help'])).code).toBe(0);
  });
});

describeVectors('eventlog')('chrysalis attest eventlog: vectors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-eventlog-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('COS log + table + quote: --json gives registers, events and matchesQuote', async () => {
    const r = await capture([COS, '--table', COS_TABLE, '--quote', COS_QUOTE, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, any>;
    expect(j['matchesQuote']).toBe(true);
    expect(j['rtmr0'].startsWith('3fa2f61f')).toBe(true);
    expect(j['rtmr3']).toBe('00'.repeat(48));
    expect(j['events']).toHaveLength(43);
    expect(j['events'][0]).toMatchObject({ seq: 0, rtmr: 0, typeName: 'EV_EFI_HANDOFF_TABLES2' });
    expect(j['table']).toMatchObject({ ccType: 2, logAreaMinimumLength: '262144' });
  });

  it('text output lists events and the match', async () => {
    const r = await capture([COS, '--quote', COS_QUOTE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('matches quote: yes');
    expect(r.out).toContain('Exit Boot Services Returned with Success');
  });

  it('a mismatching quote exits 1', async () => {
    const q = join(dir, 'quote.hex');
    const lite = readVectorJson<{ quote: string }>(
      'eventlog',
      'dstack/dstack/verifier/fixtures/tdx-lite-getquote.json',
    );
    writeFileSync(q, lite.quote);
    const r = await capture([COS, '--quote', q, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)['matchesQuote']).toBe(false);
  });

  it('dstack JSON object with event_log + quote (hex) matches', async () => {
    const f = V('dstack/dstack/verifier/fixtures/quote-report.json');
    const r = await capture([f, '--quote', f, '--policy', 'direct-boot', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, any>;
    expect(j['format']).toBe('dstack-json');
    expect(j['matchesQuote']).toBe(true);
    expect(j['rtmr3'].startsWith('0f787c38')).toBe(true);
  });

  it('near-mpc quote.json (byte array) against its tcb_info log', async () => {
    const r = await capture([
      V('near-mpc/crates/test-utils/assets/tcb_info.json'),
      '--quote',
      V('near-mpc/crates/test-utils/assets/quote.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)['matchesQuote']).toBe(true);
  });

  it('the duplicate-separator log is rejected by appraisal (exit 1)', async () => {
    const r = await capture([
      V('google-go-eventlog/testdata/eventlogs/ccel/cos-113-intel-tdx-dupe-separator.bin'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.out)['violations'] as Array<{ code: string }>).map((v) => v.code);
    expect(codes).toContain('EVENTLOG_DUPLICATE_SEPARATOR');
  });

  it('the SM3-only log is refused with its code (exit 1)', async () => {
    const r = await capture([V('coco-trustee/deps/eventlog/test_data/CCEL_data_csv'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)['code']).toBe('EVENTLOG_NO_SHA384_BANK');
  });

  it('an unparseable quote or table exits 3', async () => {
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, Buffer.alloc(10, 7));
    expect((await capture([COS, '--quote', bad])).code).toBe(3);
    expect((await capture([COS, '--table', bad])).code).toBe(3);
  });

  it('--expect: per-register diff against a prediction (dstack tdx-lite)', async () => {
    const fixture = V('dstack/dstack/verifier/fixtures/tdx-lite-getquote.json');
    const doc = readVectorJson<{
      measurement: { image: Record<string, string>; tdvf: { mrtd: Record<string, string>; td_hob: string } };
    }>('eventlog', 'dstack/derived/tdx-lite-measurement.tdx.json').measurement;
    const log = parseEventLog(
      readVectorJson<{ event_log: string }>('eventlog', 'dstack/dstack/verifier/fixtures/tdx-lite-getquote.json')
        .event_log,
    );
    const acpi = (n: string) => log.events.find((e) => e.name === n)!.sha384!;
    const u = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
    const pred = predictMeasurements({
      mrtdCandidates: { singlePass: u(doc.tdvf.mrtd['single_pass']!), twoPass: u(doc.tdvf.mrtd['two_pass']!) },
      cfvDigest: u('344bc51c980ba621aaa00da3ed7436f7d6e549197dfe699515dfa2c6583d95e6412af21c097d473155875ffd561d6790'),
      tdHobLayout: tdHobLayoutFromWitness(u(doc.tdvf.td_hob)),
      kernelAuthenticode: u(doc.image['kernel_authenticode']!),
      loadOptionsDigest: u(doc.image['cmdline_sha384']!),
      initrdDigest: u(doc.image['initrd_sha384']!),
      acpiDigests: { tableLoader: acpi('acpi-loader'), rsdp: acpi('acpi-rsdp'), tables: acpi('acpi-tables') },
      memory: 2n << 30n,
      cpus: 2,
      qemuVersion: '8.2.2',
    });
    const good = join(dir, 'measurement.json');
    writeFileSync(good, JSON.stringify({ ok: true, ...pred }));
    const r = await capture([fixture, '--quote', fixture, '--expect', good, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)['matchesPrediction']).toBe(true);
    // a different memory size changes the TD HOB: RTMR0 differs at its first event
    const other = predictMeasurements({
      ...{ tdHobLayout: tdHobLayoutFromWitness(u(doc.tdvf.td_hob)) },
      memory: 4n << 30n,
      cpus: 2,
    });
    const bad = join(dir, 'measurement-4g.json');
    writeFileSync(bad, JSON.stringify({ ok: true, ...pred, rtmr0: other.rtmr0 }));
    const r2 = await capture([fixture, '--expect', bad, '--json']);
    expect(r2.code).toBe(1);
    const d = JSON.parse(r2.out)['prediction'] as Array<{
      register: number;
      matches: boolean;
      firstDifference: number;
    }>;
    expect(d.map((x) => [x.register, x.matches, x.firstDifference])).toEqual([
      [0, false, 0],
      [1, true, -1],
      [2, true, -1],
    ]);
    const r3 = await capture([fixture, '--expect', bad]);
    expect(r3.out).toContain('RTMR0 differs from the prediction at event 0');
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"a":1}');
    expect((await capture([fixture, '--expect', junk])).code).toBe(3);
  });
});
