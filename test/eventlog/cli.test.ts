import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeVectors, vectorPath, readVectorJson } from '../helpers/vectors';
import { run } from '../../attestation/cli/eventlog-command';

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await run(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const V = (p: string) => vectorPath('eventlog', p);
const COS = V('google-go-tdx-guest/testing/testdata/ccel/ccel_data.dat');
const COS_TABLE = V('google-go-tdx-guest/testing/testdata/ccel/ccel_table.dat');
const COS_QUOTE = V('google-go-tdx-guest/testing/testdata/ccel/cos-113-tdx-quote.dat');

describe('chrysalis attest eventlog: usage', () => {
  it('bad usage exits 2', async () => {
    expect((await capture([])).code).toBe(2);
    expect((await capture(['a', 'b'])).code).toBe(2);
    expect((await capture(['x', '--bogus'])).code).toBe(2);
    expect((await capture(['x', '--policy', 'loose'])).code).toBe(2);
    expect((await capture(['/nonexistent/file'])).code).toBe(2);
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
    const lite = readVectorJson<{ quote: string }>('eventlog', 'dstack/dstack/verifier/fixtures/tdx-lite-getquote.json');
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
    const r = await capture([V('near-mpc/crates/test-utils/assets/tcb_info.json'), '--quote', V('near-mpc/crates/test-utils/assets/quote.json'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)['matchesQuote']).toBe(true);
  });

  it('the duplicate-separator log is rejected by appraisal (exit 1)', async () => {
    const r = await capture([V('google-go-eventlog/testdata/eventlogs/ccel/cos-113-intel-tdx-dupe-separator.bin'), '--json']);
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.out)['violations'] as Array<{ code: string }>).map((v) => v.code);
    expect(codes).toContain('EVENTLOG_DUPLICATE_SEPARATOR');
  });

  it('the SM3-only log is refused with its code (exit 1)', async () => {
    const r = await capture([V('coco-trustee/deps/eventlog/test_data/CCEL_data_csv'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)['code']).toBe('EVENTLOG_NO_SHA384_BANK');
  });

  it('an unparseable quote or table exits 2', async () => {
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, Buffer.alloc(10, 7));
    expect((await capture([COS, '--quote', bad])).code).toBe(2);
    expect((await capture([COS, '--table', bad])).code).toBe(2);
  });
});
