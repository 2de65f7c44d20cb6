/** @jest-environment ./test/worker/ort-environment.js */
/**
 * The worker on the openai-upstream engine (loopback fake), and frame coalescing under consumers that keep up, lag,
 * fail or stop early (scripted engine).
 */
import { verifyReceipt } from '../../attestation/receipt';
import { sealRequest } from '../../proto/sealing';
import {
  createOpenAiUpstreamEngine,
  type HandleOutput,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { CHANNEL, code, drain, enc, makeWorker, openAll, PRICED, sha256 } from './worker-helpers';

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
