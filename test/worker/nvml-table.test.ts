/**
 * The NVML collector driven by an injected function table (no native code): every path of the CC checks, the
 * report and certificate reads, and each NVML failure with its GPU_NVML_* code and NVML return code.
 */
import { createNvidiaGpuProvider, type GpuCollateralSource } from '../../enclave-runtime/evidence';
import type { NvmlApi } from '../../enclave-runtime/evidence/nvml';
import { collectNvmlEvidence, parseNvmlCertChain } from '../../enclave-runtime/evidence/nvml-collect';
import { codeOf, codeOfAsync } from '../helpers/codes';

const NONCE = new Uint8Array(32).map((_, i) => i + 1);
/** A DER certificate stand-in (a SEQUENCE); structure only is checked by the collector. */
const DER_A = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x07]);
const DER_B = Uint8Array.from([0x30, 0x81, 0x03, 0x02, 0x01, 0x08]);
const pem = (...ders: Uint8Array[]): string =>
  ders
    .map((d) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(d).toString('base64')}\n-----END CERTIFICATE-----\n`)
    .join('');

/** SPDM 1.1 GET_MEASUREMENTS request over `nonce`, then a stand-in response. */
function spdm(nonce: Uint8Array, code = 0xe0): Uint8Array {
  return Uint8Array.from([0x11, code, 0x01, 0xff, ...nonce, 0x00, 0x11, 0x60, 0x00, 0x00, 0xaa, 0xbb]);
}

interface Fake {
  api: NvmlApi;
  calls: string[];
  inits: () => number;
}

interface FakeOpts {
  ret?: Partial<Record<keyof NvmlApi, number>>;
  state?: [number, number, number];
  settings?: [number, number, number, number] | 'absent';
  count?: number;
  report?: (nonce: Uint8Array) => Uint8Array;
  reportSize?: number;
  chain?: Uint8Array;
  chainSize?: number;
}

/** NVML as a table: writes the structures at nvml.h's offsets (literal here, independent of the collector's). */
function fake(o: FakeOpts = {}): Fake {
  const calls: string[] = [];
  let inits = 0;
  const r = (name: keyof NvmlApi): number => {
    calls.push(name);
    return o.ret?.[name] ?? 0;
  };
  const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const api: NvmlApi = {
    init: () => {
      const x = r('init');
      if (x === 0) inits++;
      return x;
    },
    shutdown: () => {
      inits--;
      return r('shutdown');
    },
    deviceGetCount: (out) => {
      out[0] = o.count ?? 1;
      return r('deviceGetCount');
    },
    deviceGetHandleByIndex: (index, out) => {
      out[0] = { gpu: index };
      return r('deviceGetHandleByIndex');
    },
    systemGetConfComputeState: (b) => {
      expect(b.length).toBe(12);
      const [env, cc, dev] = o.state ?? [2, 1, 0];
      dv(b).setUint32(0, env, true);
      dv(b).setUint32(4, cc, true);
      dv(b).setUint32(8, dev, true);
      return r('systemGetConfComputeState');
    },
    deviceGetConfComputeGpuAttestationReport: (device, b) => {
      expect(device).toEqual({ gpu: 0 });
      expect(b.length).toBe(12 + 32 + 0x2000 + 0x1000);
      const nonce = b.slice(12, 44);
      const rep = (o.report ?? spdm)(nonce);
      b.set(rep, 44);
      dv(b).setUint32(4, o.reportSize ?? rep.length, true);
      return r('deviceGetConfComputeGpuAttestationReport');
    },
    deviceGetConfComputeGpuCertificate: (device, b) => {
      expect(device).toEqual({ gpu: 0 });
      expect(b.length).toBe(8 + 0x1000 + 0x1400);
      const chain = o.chain ?? new Uint8Array(Buffer.from(pem(DER_A, DER_B), 'latin1'));
      b.set(chain, 8 + 0x1000);
      dv(b).setUint32(4, o.chainSize ?? chain.length, true);
      return r('deviceGetConfComputeGpuCertificate');
    },
  };
  if (o.settings !== 'absent') {
    const [env, cc, dev, multi] = o.settings ?? [2, 1, 0, 0];
    api.systemGetConfComputeSettings = (b) => {
      expect(b.length).toBe(20);
      if (dv(b).getUint32(0, true) !== 0x1000014) return 25; // NVML_ERROR_ARGUMENT_VERSION_MISMATCH
      [env, cc, dev, multi].forEach((v, i) => dv(b).setUint32(4 + 4 * i, v, true));
      return r('systemGetConfComputeSettings');
    };
  }
  return { api, calls, inits: () => inits };
}

const details = async (f: () => Promise<unknown>): Promise<Record<string, unknown> | undefined> =>
  f().then(
    () => undefined,
    (e: { details?: Record<string, unknown> }) => e.details,
  );

describe('NVML collector over an injected function table', () => {
  test('reads the report over our nonce and the PEM chain; CC state and settings; init and shutdown balance', async () => {
    const f = fake({ settings: [2, 1, 0, 1] });
    const ev = await collectNvmlEvidence(f.api, NONCE, 0);
    expect(Buffer.from(ev.report).equals(Buffer.from(spdm(NONCE)))).toBe(true);
    expect(ev.certChain.map((c) => Buffer.from(c).toString('hex'))).toEqual([
      Buffer.from(DER_A).toString('hex'),
      Buffer.from(DER_B).toString('hex'),
    ]);
    expect(ev.cc).toEqual({ environment: 2, ccFeature: 1, devToolsMode: 0, multiGpuMode: 1 });
    expect(f.inits()).toBe(0);
    expect(f.calls[0]).toBe('init');
    expect(f.calls.at(-1)).toBe('shutdown');
  });

  test('a driver without the settings query, or one that does not support it: the state query decides', async () => {
    expect((await collectNvmlEvidence(fake({ settings: 'absent' }).api, NONCE, 0)).cc).toEqual({
      environment: 2,
      ccFeature: 1,
      devToolsMode: 0,
    });
    for (const ret of [3, 13]) {
      const f = fake({ ret: { systemGetConfComputeSettings: ret } });
      expect((await collectNvmlEvidence(f.api, NONCE, 0)).cc.multiGpuMode).toBeUndefined();
    }
  });

  test.each([
    ['init', 9, 'GPU_NVML_INIT_FAILED', 'NVML_ERROR_DRIVER_NOT_LOADED'],
    ['systemGetConfComputeState', 3, 'GPU_NVML_QUERY_FAILED', 'NVML_ERROR_NOT_SUPPORTED'],
    ['systemGetConfComputeSettings', 999, 'GPU_NVML_QUERY_FAILED', 'NVML_ERROR_UNKNOWN'],
    ['deviceGetCount', 1, 'GPU_NVML_QUERY_FAILED', 'NVML_ERROR_UNINITIALIZED'],
    ['deviceGetHandleByIndex', 28, 'GPU_NVML_DEVICE_NOT_FOUND', 'NVML_ERROR_GPU_NOT_FOUND'],
    ['deviceGetConfComputeGpuAttestationReport', 27, 'GPU_NVML_REPORT_FAILED', 'NVML_ERROR_NOT_READY'],
    ['deviceGetConfComputeGpuAttestationReport', 12345, 'GPU_NVML_REPORT_FAILED', 'NVML return 12345'],
    ['deviceGetConfComputeGpuCertificate', 4, 'GPU_NVML_CERT_FAILED', 'NVML_ERROR_NO_PERMISSION'],
  ] as const)('%s returning %i: %s, the NVML return code in details', async (call, ret, code, name) => {
    const f = fake({ ret: { [call]: ret } });
    expect(await codeOfAsync(() => collectNvmlEvidence(f.api, NONCE, 0))).toBe(code);
    expect(await details(() => collectNvmlEvidence(f.api, NONCE, 0))).toMatchObject({
      nvmlReturn: ret,
      nvmlError: name,
    });
    expect(f.inits()).toBe(0);
    if (call === 'init') expect(f.calls).not.toContain('shutdown');
  });

  test.each([
    ['CC feature off', 'GPU_NVML_CC_OFF', { state: [2, 0, 0] }],
    ['settings say CC off', 'GPU_NVML_CC_OFF', { settings: [2, 0, 0, 0] }],
    ['a simulated CC environment', 'GPU_NVML_CC_OFF', { state: [1, 1, 0] }],
    ['settings say simulated', 'GPU_NVML_CC_OFF', { settings: [1, 1, 0, 0] }],
    ['devtools on', 'GPU_NVML_DEVTOOLS_ON', { state: [2, 1, 1] }],
    ['settings say devtools on', 'GPU_NVML_DEVTOOLS_ON', { settings: [2, 1, 1, 0] }],
  ] as [string, string, FakeOpts][])('%s: %s, before any report is read', async (_n, code, o) => {
    const f = fake(o);
    expect(await codeOfAsync(() => collectNvmlEvidence(f.api, NONCE, 0))).toBe(code);
    expect(f.calls).not.toContain('deviceGetConfComputeGpuAttestationReport');
    expect(f.inits()).toBe(0);
  });

  test('an index past the GPUs NVML sees, or not an index: GPU_NVML_DEVICE_NOT_FOUND', async () => {
    expect(await codeOfAsync(() => collectNvmlEvidence(fake({ count: 1 }).api, NONCE, 1))).toBe(
      'GPU_NVML_DEVICE_NOT_FOUND',
    );
    expect(await codeOfAsync(() => collectNvmlEvidence(fake().api, NONCE, -1))).toBe('GPU_NVML_DEVICE_NOT_FOUND');
    expect(await codeOfAsync(() => collectNvmlEvidence(fake().api, NONCE, 0.5))).toBe('GPU_NVML_DEVICE_NOT_FOUND');
  });

  test('a report over another nonce (a replayed report): GPU_NVML_NONCE_MISMATCH', async () => {
    const f = fake({ report: () => spdm(new Uint8Array(32).fill(9)) });
    expect(await codeOfAsync(() => collectNvmlEvidence(f.api, NONCE, 0))).toBe('GPU_NVML_NONCE_MISMATCH');
  });

  test.each([
    ['size 0', { reportSize: 0 }],
    ['size past the buffer', { reportSize: 0x2001 }],
    ['shorter than the SPDM request', { report: () => Uint8Array.from([0x11, 0xe0, 1, 0xff]) }],
    ['not GET_MEASUREMENTS', { report: (n: Uint8Array) => spdm(n, 0x81) }],
    ['chain size 0', { chainSize: 0 }],
    ['chain size past the buffer', { chainSize: 0x1401 }],
    ['chain neither PEM nor DER', { chain: new Uint8Array(Buffer.from('hello')) }],
    ['chain with broken base64', { chain: new Uint8Array(Buffer.from(pem(DER_A).replace('MAM', 'M!M'))) }],
  ] as [string, FakeOpts][])('%s: GPU_NVML_MALFORMED', async (_n, o) => {
    const f = fake(o);
    expect(await codeOfAsync(() => collectNvmlEvidence(f.api, NONCE, 0))).toBe('GPU_NVML_MALFORMED');
    expect(f.inits()).toBe(0);
  });

  test('a DER chain (concatenated, zero-padded, long-form lengths) is read as well as PEM', () => {
    const padded = Uint8Array.from([...DER_A, ...DER_B, 0, 0, 0]);
    expect(parseNvmlCertChain(padded)).toHaveLength(2);
    const long = Uint8Array.from([0x30, 0x82, 0x00, 0x01, 0x05]);
    expect(Buffer.from(parseNvmlCertChain(long)[0]!).toString('hex')).toBe('3082000105');
    expect(codeOf(() => parseNvmlCertChain(new Uint8Array(4)))).toBe('GPU_NVML_MALFORMED'); // zeros: empty chain
    for (const bad of [[0x30, 0x05, 0x02], [0x30, 0x80], [0x30, 0x84, 1, 1, 1, 1], [0x30]])
      expect(codeOf(() => parseNvmlCertChain(Uint8Array.from(bad)))).toBe('GPU_NVML_MALFORMED');
  });

  test('a nonce that is not 32 bytes is a RangeError, before NVML is touched', async () => {
    const f = fake();
    await expect(collectNvmlEvidence(f.api, new Uint8Array(31), 0)).rejects.toThrow(RangeError);
    expect(f.calls).toEqual([]);
  });
});

describe('nvidia provider with the nvml collector', () => {
  const collateral = (fail?: Error): GpuCollateralSource & { seen: number } => {
    const src = {
      seen: 0,
      collateralFor(ev: { report: Uint8Array; certChain: readonly Uint8Array[] }) {
        src.seen++;
        expect(ev.certChain).toHaveLength(2);
        if (fail) return Promise.reject(fail);
        return Promise.resolve({ rims: { driver: '<driver/>', vbios: '<vbios/>' }, ocsp: [Uint8Array.of(1, 2)] });
      },
    };
    return src;
  };

  test('nvml is the default without a command; evidence is report + chain only without collateral', async () => {
    const p = createNvidiaGpuProvider({ nvml: fake().api, count: 1 });
    expect(p.kind).toBe('nvidia');
    const ev = await p.getEvidence(NONCE, 0);
    expect(Object.keys(ev).sort()).toEqual(['certChain', 'report']);
  });

  test('with a collateral source, the RIMs and OCSP responses go into the evidence', async () => {
    const src = collateral();
    const ev = await createNvidiaGpuProvider({ nvml: fake().api, count: 1, collateral: src }).getEvidence(NONCE, 0);
    expect(ev.rims).toEqual({ driver: '<driver/>', vbios: '<vbios/>' });
    expect(ev.ocsp).toEqual([Uint8Array.of(1, 2)]);
    expect(src.seen).toBe(1);
  });

  test('collection failures reject with their code; a failing collateral source rejects with its own', async () => {
    const cc = createNvidiaGpuProvider({ nvml: fake({ state: [2, 0, 0] }).api, count: 1, collateral: collateral() });
    expect(await codeOfAsync(cc.getEvidence(NONCE, 0))).toBe('GPU_NVML_CC_OFF');
    const err = Object.assign(new Error('rim down'), { code: 'GPU_RIM_UNREACHABLE' });
    const p = createNvidiaGpuProvider({ nvml: fake().api, count: 1, collateral: collateral(err) });
    expect(await codeOfAsync(p.getEvidence(NONCE, 0))).toBe('GPU_RIM_UNREACHABLE');
  });

  test('the python collector needs a command; a bad nonce is a RangeError', () => {
    expect(() => createNvidiaGpuProvider({ collector: 'python', count: 1 })).toThrow(RangeError);
    const p = createNvidiaGpuProvider({ nvml: fake().api, count: 1 });
    expect(() => p.getEvidence(new Uint8Array(8), 0)).toThrow(RangeError);
  });
});
