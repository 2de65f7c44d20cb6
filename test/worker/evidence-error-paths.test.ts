/**
 * Evidence providers without hardware: configfs-tsm against an in-memory fake kernel (every error path), and the
 * NVIDIA evidence parser / collector provider against synthetic evidence JSON and stand-in collector scripts.
 */
import { derToPem } from '../../core/pem';
import {
  createConfigfsTsmProvider,
  createNoGpuProvider,
  createNvidiaGpuProvider,
  parseNvidiaEvidenceJson,
  type TsmFs,
} from '../../enclave-runtime/evidence';

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
const syncCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

// ---------------------------------------------------------------- configfs-tsm

interface FakeTsmOptions {
  readonly generation?: (n: number) => string;
  readonly outblob?: (inblob: Uint8Array) => Uint8Array;
  readonly outblobError?: string;
  readonly provider?: string;
  readonly mkdirFails?: boolean;
  readonly noRoot?: boolean;
}

/** An in-memory configfs-tsm: `generation` counts inblob writes; `outblob` is a 48-byte header + the inblob. */
function fakeTsm(o: FakeTsmOptions = {}): TsmFs & { entries: Set<string>; removed: string[]; root: string } {
  const root = '/fake/tsm/report';
  const entries = new Set<string>();
  const removed: string[] = [];
  const gens = new Map<string, number>();
  const inblobs = new Map<string, Uint8Array>();
  const entryOf = (p: string): string => p.slice(0, p.lastIndexOf('/'));
  const leafOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  return {
    root,
    entries,
    removed,
    async access(p) {
      if (o.noRoot || p !== root) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    async mkdir(p) {
      if (o.mkdirFails) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      entries.add(p);
      gens.set(p, 0);
    },
    async rmdir(p) {
      removed.push(p);
      entries.delete(p);
    },
    async writeFile(p, d) {
      const e = entryOf(p);
      if (leafOf(p) === 'inblob') {
        inblobs.set(e, d);
        gens.set(e, (gens.get(e) ?? 0) + 1);
      }
    },
    async readFile(p) {
      const e = entryOf(p);
      switch (leafOf(p)) {
        case 'generation':
          return Buffer.from(`${(o.generation ?? String)(gens.get(e) ?? 0)}\n`);
        case 'provider':
          return Buffer.from(`${o.provider ?? 'tdx_guest'}\n`);
        case 'outblob': {
          if (o.outblobError) throw Object.assign(new Error(o.outblobError), { code: o.outblobError });
          const inblob = inblobs.get(e) ?? new Uint8Array(0);
          return (o.outblob ?? ((i) => Buffer.concat([Buffer.alloc(48, 0x51), i])))(inblob);
        }
        default:
          throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      }
    },
  };
}

const REPORT_DATA = new Uint8Array(64).map((_, i) => 255 - i);

describe('configfs-tsm provider: error paths on a fake kernel', () => {
  test('success returns the outblob, and the entry is removed', async () => {
    const fs = fakeTsm();
    const q = await createConfigfsTsmProvider({ root: fs.root, fs }).getQuote(REPORT_DATA);
    expect(q.length).toBe(48 + 64);
    expect([...q.subarray(48)]).toEqual([...REPORT_DATA]);
    expect(fs.entries.size).toBe(0);
    expect(fs.removed).toHaveLength(1);
    expect(fs.removed[0]!.startsWith(`${fs.root}/chrysalis-${process.pid}-`)).toBe(true);
  });

  test('defaults: the real configfs root, which this machine does not have: TSM_UNAVAILABLE', async () => {
    const p = createConfigfsTsmProvider();
    expect(p.kind).toBe('configfs-tsm');
    expect(await codeOf(p.getQuote(REPORT_DATA))).toBe('TSM_UNAVAILABLE');
  });

  test.each<[string, FakeTsmOptions, string]>([
    ['root missing', { noRoot: true }, 'TSM_UNAVAILABLE'],
    ['entry cannot be created', { mkdirFails: true }, 'TSM_UNAVAILABLE'],
    ['generation is not a number', { generation: () => 'abc' }, 'TSM_REPORT_INVALID'],
    ['generation is negative', { generation: (n) => String(-n - 1) }, 'TSM_REPORT_INVALID'],
    ['generation beyond a safe integer', { generation: () => '9007199254740993' }, 'TSM_REPORT_INVALID'],
    ['outblob shorter than a quote header', { outblob: () => new Uint8Array(47) }, 'TSM_REPORT_INVALID'],
    ['another TSM provider', { provider: 'sev_guest' }, 'TSM_REPORT_INVALID'],
    ['outblob read fails with EIO', { outblobError: 'EIO' }, 'TSM_REPORT_INVALID'],
    ['outblob busy on every attempt (EBUSY)', { outblobError: 'EBUSY' }, 'TSM_BUSY'],
    ['outblob busy on every attempt (EAGAIN)', { outblobError: 'EAGAIN' }, 'TSM_BUSY'],
    ['generation jumps by two on every attempt', { generation: (n) => String(n * 2) }, 'TSM_BUSY'],
  ])('%s: %s', async (_name, o, want) => {
    const fs = fakeTsm(o);
    expect(await codeOf(createConfigfsTsmProvider({ root: fs.root, fs }).getQuote(REPORT_DATA))).toBe(want);
    expect(fs.entries.size).toBe(0);
  });

  test('expectProvider null skips the provider check; a custom provider name is honoured', async () => {
    const fs = fakeTsm({ provider: 'sev_guest' });
    expect(
      (await createConfigfsTsmProvider({ root: fs.root, fs, expectProvider: null }).getQuote(REPORT_DATA)).length,
    ).toBe(112);
    expect(
      (await createConfigfsTsmProvider({ root: fs.root, fs, expectProvider: 'sev_guest' }).getQuote(REPORT_DATA))
        .length,
    ).toBe(112);
  });

  test('retries bounds the attempts on a race', async () => {
    let reads = 0;
    const fs = fakeTsm({ outblobError: 'EBUSY' });
    const read = fs.readFile.bind(fs);
    fs.readFile = (p) => {
      if (p.endsWith('/outblob')) reads++;
      return read(p);
    };
    expect(await codeOf(createConfigfsTsmProvider({ root: fs.root, fs, retries: 5 }).getQuote(REPORT_DATA))).toBe(
      'TSM_BUSY',
    );
    expect(reads).toBe(5);
  });

  test.each([new Uint8Array(63), new Uint8Array(65), Array.from({ length: 64 }, () => 0) as unknown as Uint8Array])(
    'report data that is not 64 bytes is a RangeError',
    async (rd) => {
      const fs = fakeTsm();
      await expect(createConfigfsTsmProvider({ root: fs.root, fs }).getQuote(rd)).rejects.toBeInstanceOf(RangeError);
    },
  );
});

// ---------------------------------------------------------------- NVIDIA evidence JSON

const NONCE = new Uint8Array(32).map((_, i) => 0x40 + i);
const NONCE_HEX = Buffer.from(NONCE).toString('hex');

/** SPDM GET_MEASUREMENTS request (version 0x11, code 0xE0, params, nonce, slot) followed by a stand-in response. */
function spdmReport(nonce: Uint8Array = NONCE, code = 0xe0): Buffer {
  return Buffer.concat([
    Buffer.from([0x11, code, 0x01, 0xff]),
    Buffer.from(nonce),
    Buffer.from([0x00]),
    Buffer.alloc(40, 0x61),
  ]);
}
const CERT_B64 = Buffer.from(
  derToPem(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01])) + derToPem(Uint8Array.from([0x30, 0x00])),
).toString('base64');

function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    arch: 'HOPPER',
    nonce: NONCE_HEX,
    evidence: spdmReport().toString('base64'),
    certificate: CERT_B64,
    ...over,
  };
}

describe('parseNvidiaEvidenceJson', () => {
  test('an array of entries: picks the entry by index, returns the report and the DER chain', () => {
    const other = entry({
      evidence: spdmReport(NONCE).toString('base64'),
      certificate: Buffer.from(derToPem(Uint8Array.from([0x05, 0x00]))).toString('base64'),
    });
    const r = parseNvidiaEvidenceJson(JSON.stringify([entry(), other]), NONCE, 1);
    expect(r.certChain.map((c) => [...c])).toEqual([[0x05, 0x00]]);
    const r0 = parseNvidiaEvidenceJson(JSON.stringify([entry(), other]), NONCE, 0);
    expect(r0.certChain.map((c) => [...c])).toEqual([
      [0x30, 0x03, 0x02, 0x01, 0x01],
      [0x30, 0x00],
    ]);
    expect(Buffer.from(r0.report).equals(spdmReport())).toBe(true);
  });

  test('an {evidence_list} object, a single entry for any index, an upper-case nonce, and no nonce field', () => {
    expect(parseNvidiaEvidenceJson(JSON.stringify({ evidence_list: [entry()] }), NONCE, 3).report.length).toBe(
      spdmReport().length,
    );
    expect(
      parseNvidiaEvidenceJson(JSON.stringify([entry({ nonce: NONCE_HEX.toUpperCase() })]), NONCE, 0).certChain,
    ).toHaveLength(2);
    const { nonce: _omit, ...noNonce } = entry();
    expect(parseNvidiaEvidenceJson(JSON.stringify([noNonce]), NONCE, 0).certChain).toHaveLength(2);
  });

  test.each<[string, string, number?]>([
    ['non-JSON output', 'nvattest: error'],
    ['JSON that is not a list', '{"evidence": "x"}'],
    ['JSON null', 'null'],
    ['an empty list', '[]'],
    ['index beyond the list', JSON.stringify([entry(), entry()]), 2],
    ['an entry that is not an object', JSON.stringify([7])],
    ['evidence missing', JSON.stringify([entry({ evidence: undefined })])],
    ['certificate not a string', JSON.stringify([entry({ certificate: 5 })])],
    ['a different nonce', JSON.stringify([entry({ nonce: '00'.repeat(32) })])],
    [
      'evidence too short for an SPDM request',
      JSON.stringify([entry({ evidence: Buffer.from([0x11, 0xe0, 0, 0]).toString('base64') })]),
    ],
    [
      'evidence that is not GET_MEASUREMENTS',
      JSON.stringify([entry({ evidence: spdmReport(NONCE, 0x60).toString('base64') })]),
    ],
    [
      'a different nonce inside the SPDM request',
      JSON.stringify([entry({ evidence: spdmReport(new Uint8Array(32)).toString('base64') })]),
    ],
    [
      'a certificate block with bad base64',
      JSON.stringify([
        entry({
          certificate: Buffer.from('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n').toString('base64'),
        }),
      ]),
    ],
    [
      'no certificate blocks at all',
      JSON.stringify([entry({ certificate: Buffer.from('no pem here').toString('base64') })]),
    ],
  ])('%s: GPU_EVIDENCE_UNAVAILABLE', (_name, text, index = 0) => {
    expect(syncCode(() => parseNvidiaEvidenceJson(text, NONCE, index))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });
});

// ---------------------------------------------------------------- NVIDIA collector provider

const node = process.execPath;

describe('nvidia GPU provider with stand-in collectors', () => {
  test('placeholders are substituted in custom args; stdout is parsed', async () => {
    const script = `const [n,i]=process.argv.slice(1);process.stdout.write(JSON.stringify([${JSON.stringify(entry())}].map(e=>({...e,nonce:n,idx:i}))))`;
    const p = createNvidiaGpuProvider({ command: node, args: ['-e', script, '{nonce}', 'gpu-{index}'], count: 2 });
    expect(p.kind).toBe('nvidia');
    expect(p.count).toBe(2);
    const ev = await p.getEvidence(NONCE, 1);
    expect(Buffer.from(ev.report).equals(spdmReport())).toBe(true);
  });

  test('a nonce the collector did not echo back is refused', async () => {
    const script = `process.stdout.write(JSON.stringify([${JSON.stringify(entry({ nonce: 'ff'.repeat(32) }))}]))`;
    const p = createNvidiaGpuProvider({ command: node, args: ['-e', script], count: 1 });
    expect(await codeOf(p.getEvidence(NONCE, 0))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });

  test('a collector killed by its timeout: GPU_EVIDENCE_UNAVAILABLE', async () => {
    const p = createNvidiaGpuProvider({
      command: node,
      args: ['-e', 'setTimeout(()=>{},60000)'],
      count: 1,
      timeoutMs: 100,
    });
    expect(await codeOf(p.getEvidence(NONCE, 0))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });

  test('a collector that floods stdout past 16 MiB is killed: GPU_EVIDENCE_UNAVAILABLE', async () => {
    const script =
      'const b=Buffer.alloc(1<<20,32);let n=0;(function w(){while(n<40){n++;if(!process.stdout.write(b))return process.stdout.once("drain",w)}})()';
    const p = createNvidiaGpuProvider({ command: node, args: ['-e', script], count: 1 });
    expect(await codeOf(p.getEvidence(NONCE, 0))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });

  test('a missing executable and the default args: GPU_EVIDENCE_UNAVAILABLE', async () => {
    const p = createNvidiaGpuProvider({ command: '/nonexistent/nvattest', count: 1 });
    expect(await codeOf(p.getEvidence(NONCE, 0))).toBe('GPU_EVIDENCE_UNAVAILABLE');
  });

  test('a nonce that is not 32 bytes is a RangeError', () => {
    const p = createNvidiaGpuProvider({ command: node, count: 1 });
    expect(() => p.getEvidence(new Uint8Array(31), 0)).toThrow(RangeError);
  });

  test('the no-GPU provider has no GPUs and refuses to collect', async () => {
    const p = createNoGpuProvider();
    expect([p.kind, p.count]).toEqual(['none', 0]);
    await expect(p.getEvidence(NONCE, 0)).rejects.toBeInstanceOf(RangeError);
  });
});
