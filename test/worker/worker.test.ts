/** @jest-environment ./test/worker/ort-environment.js */
import { createHash } from 'node:crypto';
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { decodeBundle, decodeClaims, bindingReportData, verifyBundle } from '../../attestation/bundle';
import { verifyReceipt } from '../../attestation/receipt';
import { sealRequest, type ResponseOpener } from '../../proto/sealing';
import {
  createNoGpuProvider,
  createOnnxEngine,
  createOpenAiUpstreamEngine,
  createWorker,
  decodeResponseChunk,
  type HandleOutput,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { createDevnetGpuPki, createSimulatedGpuProvider, createSimulatedTdx } from '../../devnet/providers';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { tinyModel } from './tiny-model';
import { fixedClock } from '../../core/clock';

const NOW = new Date('2025-06-10T00:00:00Z');
const PRICES = { promptNano: 1000n, completionNano: 2000n };
/** A dispatch at the committed prices with a reservation far above any of these requests' cost. */
const PRICED = { promptPriceNano: 1000n, completionPriceNano: 2000n, maxCostNano: 10n ** 15n };
const CHANNEL = `0:${'cd'.repeat(32)}`;
const enc = (o: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(o));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

async function drain(it: AsyncIterable<HandleOutput>): Promise<HandleOutput[]> {
  const out: HandleOutput[] = [];
  for await (const o of it) out.push(o);
  return out;
}

function openAll(opener: ResponseOpener, outs: HandleOutput[]): { text: string; final: unknown } {
  let text = '';
  let final: unknown;
  for (const o of outs) {
    if (!('frame' in o)) continue;
    const { data, final: isFinal } = opener.open(o.frame);
    const c = decodeResponseChunk(data) as { text?: string };
    if (isFinal) final = c;
    else text += c.text ?? '';
  }
  opener.finish();
  return { text, final };
}

let pki: DevnetIntelPki;
beforeAll(() => {
  pki = createDevnetIntelPki({ seed: 'worker-test' });
});

async function makeWorker(engine: InferenceEngine): Promise<Worker> {
  return createWorker({
    engine,
    prices: PRICES,
    tdx: createSimulatedTdx({ pki }),
    gpu: createNoGpuProvider(),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
  });
}

describe('worker on the onnx engine (tiny model, simulated TDX)', () => {
  let engine: InferenceEngine;
  let worker: Worker;
  beforeAll(async () => {
    engine = await createOnnxEngine({ modelDir: (await tinyModel()).dir });
    worker = await makeWorker(engine);
  });
  afterAll(async () => {
    await worker.close();
    await engine.close();
  });

  test('sealed request round-trips; receipt verifies over the exact wire bytes', async () => {
    const body = {
      model: 'tiny',
      messages: [{ role: 'user', content: 'Where did Alice go?' }],
      max_tokens: 24,
      temperature: 0.7,
      seed: 3,
    };
    const { sealed, opener } = await sealRequest(worker.keys.hpkePublicKey, enc(body));
    const outs = await drain(worker.handle(sealed, { requestId: 'r1', channel: CHANNEL, ...PRICED, seq: 5n }));
    const frames = outs.filter((o): o is { frame: Uint8Array } => 'frame' in o).map((o) => o.frame);
    const last = outs[outs.length - 1]!;
    expect('receipt' in last).toBe(true);
    const { text, final } = openAll(opener, outs);
    expect(text.length).toBeGreaterThan(0);
    const f = final as { usage: { prompt_tokens: number; completion_tokens: number } };
    if (!('receipt' in last)) throw new Error('no receipt');
    const r = verifyReceipt(last.receipt, last.signature, worker.keys.signingPublicKey);
    expect(r.promptTokens).toBe(f.usage.prompt_tokens);
    expect(r.completionTokens).toBe(f.usage.completion_tokens);
    expect(r.completionTokens).toBeLessThanOrEqual(24);
    expect(r.promptPriceNano).toBe(1000n);
    expect(r.completionPriceNano).toBe(2000n);
    expect(r.amountNano).toBe(1000n * BigInt(r.promptTokens) + 2000n * BigInt(r.completionTokens));
    expect(Buffer.from(r.requestDigest).toString('hex')).toBe(sha256(sealed));
    expect(Buffer.from(r.responseDigest).toString('hex')).toBe(sha256(Buffer.concat(frames)));
    expect(Buffer.from(r.modelId).equals(Buffer.from(worker.modelId))).toBe(true);
    expect(r.channel).toBe(CHANNEL);
    expect(r.seq).toBe(5n);
  });

  test('a request sealed to another worker key is refused with SEAL_WRONG_KEY', async () => {
    const other = await makeWorker(engine);
    const { sealed } = await sealRequest(other.keys.hpkePublicKey, enc({ messages: [{ role: 'user', content: 'x' }] }));
    expect(await code(drain(worker.handle(sealed, { requestId: 'r2', channel: CHANNEL, ...PRICED, seq: 1n })))).toBe(
      'SEAL_WRONG_KEY',
    );
    await other.close();
  });

  test.each<[string, bigint | number]>([
    ['negative', -1000n],
    ['above u64', (1n << 64n) + 1000n],
    ['not an integer', 1000.5],
  ])('a dispatch prompt price that is %s: WORKER_PRICE_MISMATCH', async (_what, promptPriceNano) => {
    const { sealed } = await sealRequest(
      worker.keys.hpkePublicKey,
      enc({ messages: [{ role: 'user', content: 'x' }] }),
    );
    const meta = { requestId: 'p1', channel: CHANNEL, ...PRICED, promptPriceNano, seq: 1n };
    expect(await code(drain(worker.handle(sealed, meta)))).toBe('WORKER_PRICE_MISMATCH');
  });

  test('an invalid body inside a valid seal: sealed error frame, typed error, no receipt', async () => {
    const { sealed, opener } = await sealRequest(worker.keys.hpkePublicKey, enc({ messages: 'nope' }));
    const outs: HandleOutput[] = [];
    const err = await code(
      (async () => {
        for await (const o of worker.handle(sealed, { requestId: 'r3', channel: CHANNEL, ...PRICED, seq: 1n }))
          outs.push(o);
      })(),
    );
    expect(err).toBe('ENGINE_REQUEST_INVALID');
    expect(outs).toHaveLength(1);
    expect(openAll(opener, outs).final).toEqual({ error: { code: 'ENGINE_REQUEST_INVALID' } });
  });

  test('bundle binds keys, model id and RTMR3 and verifies with the devnet roots', async () => {
    const challenge = new Uint8Array(32).fill(9);
    const b = await worker.bundle(challenge);
    const bundle = decodeBundle(b.encoded);
    const claims = decodeClaims(bundle.claims);
    expect(Buffer.from(claims.hpkePublicKey).equals(Buffer.from(worker.keys.hpkePublicKey))).toBe(true);
    expect(Buffer.from(claims.signingPublicKey).equals(Buffer.from(worker.keys.signingPublicKey))).toBe(true);
    expect(Buffer.from(claims.modelId).equals(Buffer.from(worker.modelId))).toBe(true);
    expect(claims.issuedAt).toBe(NOW.getTime() / 1000);
    expect(bindingReportData(bundle.claims).length).toBe(64);
    const v = verifyBundle(b.encoded, {
      now: NOW,
      trust: { intel: { intelRootCaDer: [pki.rootCaDer] } },
      collateral: pki.collateral,
      registry: {
        imageIds: [Buffer.from(worker.imageId).toString('hex')],
        platformIds: [Buffer.from(worker.platformId).toString('hex')],
        modelIds: [Buffer.from(worker.modelId).toString('hex')],
      },
      policy: { minGpus: 0, quote: { allowedRoots: [sha256(pki.rootCaDer)] } },
      expectedChallenge: challenge,
    });
    expect(v.modelId).toBe(Buffer.from(worker.modelId).toString('hex'));
  });

  test('concurrent requests each get their own stream and a valid receipt', async () => {
    const bodies = [0, 1, 2, 3].map((i) => ({
      messages: [{ role: 'user', content: `question ${i}` }],
      max_tokens: 8 + i,
      temperature: 0.9,
      seed: i,
    }));
    const results = await Promise.all(
      bodies.map(async (b, i) => {
        const { sealed, opener } = await sealRequest(worker.keys.hpkePublicKey, enc(b));
        const outs = await drain(
          worker.handle(sealed, { requestId: `c${i}`, channel: CHANNEL, ...PRICED, seq: BigInt(i) }),
        );
        openAll(opener, outs);
        const last = outs[outs.length - 1]!;
        if (!('receipt' in last)) throw new Error('no receipt');
        return verifyReceipt(last.receipt, last.signature, worker.keys.signingPublicKey);
      }),
    );
    expect(results.map((r) => r.seq)).toEqual([0n, 1n, 2n, 3n]);
    expect(worker.inFlight).toBe(0);
  });

  test('frames from one request do not open under another request (broker cannot splice)', async () => {
    const mk = async (q: string) => {
      const { sealed, opener } = await sealRequest(
        worker.keys.hpkePublicKey,
        enc({ messages: [{ role: 'user', content: q }], max_tokens: 4, seed: 1 }),
      );
      const outs = await drain(worker.handle(sealed, { requestId: q, channel: CHANNEL, ...PRICED, seq: 1n }));
      return { opener, frames: outs.filter((o): o is { frame: Uint8Array } => 'frame' in o).map((o) => o.frame) };
    };
    const a = await mk('a');
    const b = await mk('b');
    expect(() => a.opener.open(b.frames[0]!)).toThrow(expect.objectContaining({ code: 'SEAL_FRAME_AUTH_FAILED' }));
  });

  test('re-attestation timer fires onReattest', async () => {
    const w = await createWorker({
      engine,
      prices: PRICES,
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: fixedClock(NOW),
      reattestIntervalMs: 5,
    });
    const reason = await new Promise<string>((resolve) => w.onReattest(resolve));
    expect(reason).toBe('timer');
    await w.close();
  });

  test('key rotation: old-key requests refused, re-attestation requested', async () => {
    const w = await makeWorker(engine);
    const reasons: string[] = [];
    w.onReattest((r) => reasons.push(r));
    const old = w.keys.hpkePublicKey;
    const { sealed } = await sealRequest(old, enc({ messages: [{ role: 'user', content: 'x' }], max_tokens: 2 }));
    await w.rotateKeys();
    expect(Buffer.from(w.keys.hpkePublicKey).equals(Buffer.from(old))).toBe(false);
    expect(reasons).toEqual(['key-rotation']);
    expect(await code(drain(w.handle(sealed, { requestId: 'r4', channel: CHANNEL, ...PRICED, seq: 1n })))).toBe(
      'SEAL_WRONG_KEY',
    );
    await w.close();
  });
});

describe('worker with SIMULATED GPU evidence', () => {
  test('bundle with 2 GPUs verifies end to end (TDX + GPU + binding) under devnet roots', async () => {
    const gpuPki = createDevnetGpuPki('worker-test-gpu');
    const engine = createOpenAiUpstreamEngine({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      modelId: new Uint8Array(32).fill(3),
    });
    const w = await createWorker({
      engine,
      prices: PRICES,
      tdx: createSimulatedTdx({ pki }),
      gpu: createSimulatedGpuProvider({ pki: gpuPki, count: 2 }),
      clock: fixedClock(NOW),
      reattestIntervalMs: 0,
    });
    const challenge = new Uint8Array(24).fill(5);
    const b = await w.bundle(challenge);
    expect(b.bundle.gpus).toHaveLength(2);
    const v = verifyBundle(b.encoded, {
      now: NOW,
      trust: { intel: { intelRootCaDer: [pki.rootCaDer] }, nvidia: gpuPki.trust },
      collateral: pki.collateral,
      registry: {
        imageIds: [Buffer.from(w.imageId).toString('hex')],
        platformIds: [Buffer.from(w.platformId).toString('hex')],
        modelIds: [Buffer.from(w.modelId).toString('hex')],
      },
      policy: { quote: { allowedRoots: [sha256(pki.rootCaDer)] } },
      expectedChallenge: challenge,
    });
    expect(v.gpus).toHaveLength(2);
    await w.close();
  });
});

describe('worker on openai-upstream (loopback fake)', () => {
  let fake: FakeOpenAi;
  let worker: Worker;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ words: ['It', ' was', ' all', ' dark', ' overhead', '.'] });
    const engine = createOpenAiUpstreamEngine({
      baseUrl: fake.url,
      model: 'upstream',
      modelId: new Uint8Array(32).fill(1),
    });
    worker = await makeWorker(engine);
  });
  afterAll(async () => {
    await worker.close();
    await fake.close();
  });

  test('sealed request round-trips with counts from usage', async () => {
    const { sealed, opener } = await sealRequest(
      worker.keys.hpkePublicKey,
      enc({ messages: [{ role: 'user', content: 'hi' }] }),
    );
    const outs = await drain(
      worker.handle(sealed, {
        requestId: 'u1',
        channel: new Uint8Array(32).fill(2),
        promptPriceNano: 1000,
        completionPriceNano: 2000,
        maxCostNano: 10 ** 9,
        seq: 1,
      }),
    );
    const { text, final } = openAll(opener, outs);
    expect(text).toBe('It was all dark overhead.');
    expect(final).toEqual({ finish_reason: 'stop', usage: { prompt_tokens: 11, completion_tokens: 6 } });
    const last = outs[outs.length - 1]!;
    if (!('receipt' in last)) throw new Error('no receipt');
    expect(verifyReceipt(last.receipt, last.signature, worker.keys.signingPublicKey).amountNano).toBe(
      1000n * 11n + 2000n * 6n,
    );
    expect((fake.requests[0] as { messages: unknown }).messages).toEqual([{ role: 'user', content: 'hi' }]);
  });
});

describe('frame coalescing (scripted engine)', () => {
  // Emits `tokens` deltas, `perTurn` of them per macrotask; optionally fails after `failAt` deltas.
  function scripted(
    tokens: number,
    perTurn: number,
    failAt?: number,
  ): InferenceEngine & { aborted: boolean; finished: boolean } {
    const e = {
      kind: 'scripted',
      modelId: new Uint8Array(32).fill(7),
      modelName: 'scripted',
      aborted: false,
      finished: false,
      async *generate(_req: unknown, signal: AbortSignal) {
        try {
          for (let i = 0; i < tokens; i++) {
            if (i % perTurn === 0) await new Promise((r) => setImmediate(r));
            if (signal.aborted) {
              e.aborted = true;
              throw Object.assign(new Error('aborted'), { code: 'ENGINE_ABORTED' });
            }
            if (i === failAt) throw Object.assign(new Error('boom'), { code: 'ENGINE_BACKEND_FAILED' });
            yield { text: `t${i} ` };
          }
          yield { usage: { promptTokens: 3, completionTokens: tokens }, finishReason: 'length' as const };
        } finally {
          e.finished = true;
        }
      },
      async close() {},
    };
    return e;
  }
  const want = (n: number): string => Array.from({ length: n }, (_, i) => `t${i} `).join('');
  const body = { messages: [{ role: 'user', content: 'x' }] };

  test('a consumer that keeps up gets one frame per delta', async () => {
    const w = await makeWorker(scripted(5, 1));
    const { sealed, opener } = await sealRequest(w.keys.hpkePublicKey, enc(body));
    const outs = await drain(w.handle(sealed, { requestId: 'c1', channel: CHANNEL, ...PRICED, seq: 1n }));
    expect(outs.filter((o) => 'frame' in o)).toHaveLength(6);
    expect(openAll(opener, outs).text).toBe(want(5));
    await w.close();
  });

  test('a lagging consumer gets deltas coalesced into fewer frames; text, order and receipt digest intact', async () => {
    const w = await makeWorker(scripted(40, 4));
    const { sealed, opener } = await sealRequest(w.keys.hpkePublicKey, enc(body));
    const outs: HandleOutput[] = [];
    for await (const o of w.handle(sealed, { requestId: 'c2', channel: CHANNEL, ...PRICED, seq: 1n })) {
      outs.push(o);
      await new Promise((r) => setImmediate(r)); // slow link: the engine runs ahead meanwhile
      await new Promise((r) => setImmediate(r));
    }
    const frames = outs.filter((o): o is { frame: Uint8Array } => 'frame' in o).map((o) => o.frame);
    expect(frames.length).toBeLessThan(41);
    const { text, final } = openAll(opener, outs);
    expect(text).toBe(want(40));
    expect(final).toEqual({ finish_reason: 'length', usage: { prompt_tokens: 3, completion_tokens: 40 } });
    const last = outs[outs.length - 1]!;
    if (!('receipt' in last)) throw new Error('no receipt');
    const r = verifyReceipt(last.receipt, last.signature, w.keys.signingPublicKey);
    expect(Buffer.from(r.responseDigest).toString('hex')).toBe(sha256(Buffer.concat(frames)));
    expect(r.completionTokens).toBe(40);
    await w.close();
  });

  test('deltas produced before a failure are delivered, then the sealed error frame; no receipt', async () => {
    const w = await makeWorker(scripted(10, 2, 6));
    const { sealed, opener } = await sealRequest(w.keys.hpkePublicKey, enc(body));
    const outs: HandleOutput[] = [];
    const err = await code(
      (async () => {
        for await (const o of w.handle(sealed, { requestId: 'c3', channel: CHANNEL, ...PRICED, seq: 1n })) outs.push(o);
      })(),
    );
    expect(err).toBe('ENGINE_BACKEND_FAILED');
    expect(outs.every((o) => 'frame' in o)).toBe(true);
    const { text, final } = openAll(opener, outs);
    expect(text).toBe(want(6));
    expect(final).toEqual({ error: { code: 'ENGINE_BACKEND_FAILED' } });
    await w.close();
  });

  test('a consumer that stops early stops the engine', async () => {
    const e = scripted(1000, 1);
    const w = await makeWorker(e);
    const { sealed } = await sealRequest(w.keys.hpkePublicKey, enc(body));
    for await (const o of w.handle(sealed, { requestId: 'c4', channel: CHANNEL, ...PRICED, seq: 1n })) {
      expect('frame' in o).toBe(true);
      break;
    }
    expect(e.finished).toBe(true);
    expect(e.aborted).toBe(true);
    expect(w.inFlight).toBe(0);
    await w.close();
  });
});
