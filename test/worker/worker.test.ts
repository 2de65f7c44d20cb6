/** @jest-environment ./test/worker/ort-environment.js */
import { type DevnetIntelPki } from '../../devnet/intel';
import { decodeBundle, decodeClaims, bindingReportData, verifyBundle } from '../../attestation/bundle';
import { verifyReceipt } from '../../attestation/receipt';
import { sealRequest } from '../../proto/sealing';
import {
  createNoGpuProvider,
  createOnnxEngine,
  createOpenAiUpstreamEngine,
  createWorker,
  type HandleOutput,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { createDevnetGpuPki, createSimulatedGpuProvider, createSimulatedTdx } from '../../devnet/providers';
import { tinyModel } from './tiny-model';
import { fixedClock } from '../../core/clock';
import { CHANNEL, code, drain, enc, makeWorker, NOW, openAll, PRICED, PRICES, sha256, testPki } from './worker-helpers';

let pki: DevnetIntelPki;
beforeAll(() => {
  pki = testPki();
});

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
