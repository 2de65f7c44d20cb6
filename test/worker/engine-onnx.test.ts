/** @jest-environment ./test/worker/ort-environment.js */
import { readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOnnxEngine,
  parseChatRequest,
  type EngineEvent,
  type InferenceEngine,
} from '../../enclave-runtime/engines';
import { computeModelId } from '../../enclave-runtime/model/model-id';
import { buildTinyModel, ensureTinyModel } from '../../enclave-runtime/tiny-model';
import { tinyModel } from './tiny-model';

async function collect(
  engine: InferenceEngine,
  body: unknown,
): Promise<{ text: string; usage: { promptTokens: number; completionTokens: number }; finishReason: string }> {
  let text = '';
  let last: EngineEvent | undefined;
  for await (const ev of engine.generate(parseChatRequest(body), new AbortController().signal)) {
    if ('text' in ev) text += ev.text;
    last = ev;
  }
  if (!last || !('usage' in last)) throw new Error('no usage');
  return { text, usage: last.usage, finishReason: last.finishReason };
}

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

describe('tiny TEST model', () => {
  test('deterministic in the seed, small, and the model id covers its files', async () => {
    const a = buildTinyModel('s1');
    const b = buildTinyModel('s1');
    const c = buildTinyModel('s2');
    expect(Buffer.from(a.files['model.onnx']).equals(Buffer.from(b.files['model.onnx']))).toBe(true);
    expect(Buffer.from(a.files['model.onnx']).equals(Buffer.from(c.files['model.onnx']))).toBe(false);
    const total = Object.values(a.files).reduce((n, f) => n + f.length, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
    const info = await tinyModel();
    expect(info.modelId).toMatch(/^[0-9a-f]{64}$/);
    expect((await computeModelId(info.dir)).modelIdHex).toBe(info.modelId);
    // reuse
    expect((await ensureTinyModel(info.dir, { seed: 'test-seed' })).built).toBe(false);
  });

  test('a changed file changes the model id, and a pinned id refuses it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'chrysalis-tiny-mut-')), 'm');
    const built = await ensureTinyModel(dir, { seed: 'mut' });
    const f = join(dir, 'tokenizer_config.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('2048', '2047'));
    expect((await computeModelId(dir)).modelIdHex).not.toBe(built.modelId);
    expect(await code(createOnnxEngine({ modelDir: dir, expectedModelId: built.modelId }))).toBe(
      'ENGINE_MODEL_DIGEST_MISMATCH',
    );
    // ensureTinyModel repairs it
    expect((await ensureTinyModel(dir, { seed: 'mut' })).built).toBe(true);
    expect(statSync(f).size).toBeGreaterThan(0);
  });
});

describe('onnx engine on the tiny model', () => {
  let engine: Awaited<ReturnType<typeof createOnnxEngine>>;
  beforeAll(async () => {
    engine = await createOnnxEngine({ modelDir: (await tinyModel()).dir });
  });
  afterAll(async () => engine.close());

  const msgs = [{ role: 'user', content: 'Tell me about the White Rabbit.' }];

  test('exact prompt and completion counts; max_tokens ends with length', async () => {
    const r = await collect(engine, { messages: msgs, max_tokens: 12, temperature: 0.8, seed: 7 });
    expect(r.usage.promptTokens).toBe(engine.encodePrompt(parseChatRequest({ messages: msgs })).length);
    expect(r.usage.completionTokens).toBeLessThanOrEqual(12);
    if (r.finishReason === 'length') expect(r.usage.completionTokens).toBe(12);
    expect(r.text.length).toBeGreaterThan(0);
  });

  test('same seed gives the same text, greedy is deterministic', async () => {
    const a = await collect(engine, { messages: msgs, max_tokens: 30, temperature: 1, top_p: 0.9, seed: 42 });
    const b = await collect(engine, { messages: msgs, max_tokens: 30, temperature: 1, top_p: 0.9, seed: 42 });
    expect(a).toEqual(b);
    const g1 = await collect(engine, { messages: msgs, max_tokens: 20, temperature: 0 });
    const g2 = await collect(engine, { messages: msgs, max_tokens: 20, temperature: 0 });
    expect(g1).toEqual(g2);
  });

  test('stop sequence truncates the text and finishes with stop', async () => {
    const full = await collect(engine, { messages: msgs, max_tokens: 40, temperature: 0 });
    const words = full.text.split(' ');
    const stop = words[Math.min(3, words.length - 1)]!;
    const r = await collect(engine, { messages: msgs, max_tokens: 40, temperature: 0, stop: [stop] });
    expect(r.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
    expect(r.finishReason).toBe('stop');
  });

  test('invalid requests are typed errors', async () => {
    expect(() => parseChatRequest(new TextEncoder().encode('not json'))).toThrow(
      expect.objectContaining({ code: 'ENGINE_REQUEST_INVALID' }),
    );
    expect(() => parseChatRequest({ messages: [] })).toThrow(
      expect.objectContaining({ code: 'ENGINE_REQUEST_INVALID' }),
    );
    expect(() => parseChatRequest({ messages: msgs, temperature: 9 })).toThrow(
      expect.objectContaining({ code: 'ENGINE_REQUEST_INVALID' }),
    );
  });

  test('prompt longer than the context window: ENGINE_CONTEXT_EXCEEDED', async () => {
    const long = 'Alice '.repeat(2100);
    expect(await code(collect(engine, { messages: [{ role: 'user', content: long }] }))).toBe(
      'ENGINE_CONTEXT_EXCEEDED',
    );
  });

  test('abort stops generation with ENGINE_ABORTED', async () => {
    const ac = new AbortController();
    const it = engine.generate(
      parseChatRequest({ messages: msgs, max_tokens: 200, temperature: 1, seed: 1 }),
      ac.signal,
    );
    const run = (async () => {
      for await (const _ of it) ac.abort();
    })();
    expect(await code(run)).toBe('ENGINE_ABORTED');
  });
});
