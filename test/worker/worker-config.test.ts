/**
 * createWorker's configuration checks and options: model id and RTMR3 extender validation, an explicit extender,
 * collateral and firmware log carried into bundles, canonical config digests, and refusal after close().
 */
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { createSimulatedTdx } from '../../devnet/providers';
import { decodeBundle, decodeClaims } from '../../attestation/bundle';
import { replayRuntimeLog, type RuntimeEvent } from '../../attestation/eventlog';
import { fixedClock } from '../../core/clock';
import {
  configDigestOf,
  createNoGpuProvider,
  createWorker,
  WORKER_VERSION,
  type InferenceEngine,
  type Worker,
  type WorkerConfig,
} from '../../enclave-runtime';

const NOW = new Date('2025-06-10T00:00:00Z');
const PRICES = { promptNano: 1000n, completionNano: 2000n };
const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

function stubEngine(modelId: unknown = new Uint8Array(32).fill(3)): InferenceEngine {
  return {
    kind: 'stub',
    modelName: 'stub-model@1',
    modelId: modelId as Uint8Array,

    async *generate() {
      throw new Error('not used');
    },
    close: async () => undefined,
  };
}

let pki: DevnetIntelPki;
beforeAll(() => {
  pki = createDevnetIntelPki({ seed: 'worker-config-test' });
});

const workers: Worker[] = [];
async function make(over: Partial<WorkerConfig> = {}): Promise<Worker> {
  const w = await createWorker({
    engine: stubEngine(),
    prices: PRICES,
    tdx: createSimulatedTdx({ pki }),
    gpu: createNoGpuProvider(),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
    ...over,
  });
  workers.push(w);
  return w;
}
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

const CHALLENGE = new Uint8Array(32).fill(0x5a);

describe('worker configuration', () => {
  test.each<[string, unknown]>([
    ['31 bytes', new Uint8Array(31)],
    ['33 bytes', new Uint8Array(33)],
    ['a hex string', 'ab'.repeat(32)],
  ])('an engine model id of %s: WORKER_CONFIG_INVALID', async (_name, modelId) => {
    expect(await codeOf(make({ engine: stubEngine(modelId) }))).toBe('WORKER_CONFIG_INVALID');
  });

  test.each<[string, unknown]>([
    ['missing', undefined],
    ['a negative prompt price', { promptNano: -1n, completionNano: 1n }],
    ['a negative completion price', { promptNano: 1n, completionNano: -1n }],
    ['a number instead of a bigint', { promptNano: 1000, completionNano: 2000n }],
    ['a price above u64', { promptNano: 1n << 64n, completionNano: 1n }],
    ['no completion price', { promptNano: 1n }],
  ])('prices %s: WORKER_CONFIG_INVALID', async (_name, prices) => {
    expect(await codeOf(make({ prices: prices as WorkerConfig['prices'] }))).toBe('WORKER_CONFIG_INVALID');
  });

  test('the committed prices go into the claims and the config digest', async () => {
    const w = await make({ prices: { promptNano: 7n, completionNano: (1n << 64n) - 1n } });
    const claims = decodeClaims(decodeBundle((await w.bundle(CHALLENGE)).encoded).claims);
    expect(claims.promptPriceNano).toBe(7n);
    expect(claims.completionPriceNano).toBe((1n << 64n) - 1n);
    expect(w.prices).toEqual({ promptNano: 7n, completionNano: (1n << 64n) - 1n });
    const want = configDigestOf({
      workerVersion: WORKER_VERSION,
      engine: 'stub',
      model: 'stub-model@1',
      prices: { promptNano: '7', completionNano: '18446744073709551615' },
    });
    expect(Buffer.from(w.configDigest).equals(Buffer.from(want))).toBe(true);
    const other = await make({ prices: { promptNano: 8n, completionNano: (1n << 64n) - 1n } });
    expect(Buffer.from(other.configDigest).equals(Buffer.from(w.configDigest))).toBe(false);
    // a static config cannot state other prices than the committed ones
    const spoof = await make({ prices: PRICES, staticConfig: { prices: { promptNano: '1', completionNano: '1' } } });
    const base = await make();
    expect(Buffer.from(spoof.configDigest).equals(Buffer.from(base.configDigest))).toBe(true);
  });

  test('a TDX provider that cannot extend RTMR3 and no extender: WORKER_CONFIG_INVALID', async () => {
    const sim = createSimulatedTdx({ pki });
    const quoteOnly = { kind: sim.kind, getQuote: (rd: Uint8Array) => sim.getQuote(rd) };
    expect(await codeOf(make({ tdx: quoteOnly }))).toBe('WORKER_CONFIG_INVALID');
  });

  test('an explicit extender receives the boot measurements: config digest, model id, ready', async () => {
    const sim = createSimulatedTdx({ pki });
    const extended: RuntimeEvent[] = [];
    const rtmr = {
      extend: async (e: RuntimeEvent) => {
        extended.push(e);
        await sim.extend(e);
      },
    };
    const quoteOnly = { kind: sim.kind, getQuote: (rd: Uint8Array) => sim.getQuote(rd) };
    const w = await make({ tdx: quoteOnly, rtmr });
    expect(extended).toHaveLength(3);
    expect(w.runtimeEvents).toHaveLength(3);
    expect(Buffer.from(replayRuntimeLog(extended)).equals(Buffer.from(sim.rtmr3))).toBe(true);
  });

  test('collateral JSON and a firmware event log are carried into the bundle', async () => {
    const log = Uint8Array.from([1, 2, 3, 4]);
    const w = await make({ tdxCollateralJson: '{"collateral":true}', firmwareEventLog: log });
    const b = decodeBundle((await w.bundle(CHALLENGE)).encoded);
    expect(b.tdxCollateralJson).toBe('{"collateral":true}');
    expect([...b.firmwareEventLog!]).toEqual([...log]);
    const plain = decodeBundle((await (await make()).bundle(CHALLENGE)).encoded);
    expect(plain.tdxCollateralJson).toBeUndefined();
    expect(plain.firmwareEventLog).toBeUndefined();
  });

  test('the config digest covers the static config, canonical in key order, arrays kept in order', async () => {
    const a = await make({ staticConfig: { b: [2, { y: 1, x: 0 }], a: 1 } });
    const b = await make({ staticConfig: { a: 1, b: [2, { x: 0, y: 1 }] } });
    const c = await make({ staticConfig: { a: 1, b: [{ x: 0, y: 1 }, 2] } });
    const d = await make({ staticConfig: { a: 1, b: [2, { x: 0, y: 1 }] }, workerVersion: 'other/1' });
    const hex = (w: Worker): string => Buffer.from(w.configDigest).toString('hex');
    expect(hex(a)).toBe(hex(b));
    expect(hex(c)).not.toBe(hex(a));
    expect(hex(d)).not.toBe(hex(a));
    expect(Buffer.from(configDigestOf({ k: [1, 2] })).equals(Buffer.from(configDigestOf({ k: [2, 1] })))).toBe(false);
    expect(Buffer.from(configDigestOf({ k: null })).equals(Buffer.from(configDigestOf({ k: 0 })))).toBe(false);
  });

  test('defaults: the system clock and the re-attestation timer (stopped by close)', async () => {
    const w = await createWorker({
      engine: stubEngine(),
      prices: PRICES,
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
    });
    const b = await w.bundle(CHALLENGE);
    expect(b.encoded.length).toBeGreaterThan(0);
    await w.close();
  });

  test('after close(): bundle() and handle() refuse with WORKER_CLOSED; a throwing re-attest listener is contained', async () => {
    const w = await make();
    const reasons: string[] = [];
    w.onReattest(() => {
      throw new Error('listener bug');
    });
    w.onReattest((r) => reasons.push(r));
    await w.rotateKeys();
    expect(reasons).toEqual(['key-rotation']);
    await w.close();
    expect(await codeOf(w.bundle(CHALLENGE))).toBe('WORKER_CLOSED');
    const it = w.handle(new Uint8Array(10), {
      requestId: 'r',
      channel: 'c',
      promptPriceNano: 1000n,
      completionPriceNano: 2000n,
      seq: 1n,
    });
    expect(await codeOf(it[Symbol.asyncIterator]().next())).toBe('WORKER_CLOSED');
  });
});
