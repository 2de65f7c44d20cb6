import { createHash } from 'node:crypto';
import {
  createOpenAiUpstreamEngine,
  parseChatRequest,
  sseData,
  type InferenceEngine,
} from '../../enclave-runtime/engines';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';

const modelId = new Uint8Array(createHash('sha256').update('upstream-model').digest());
const req = parseChatRequest({
  messages: [{ role: 'user', content: 'hi' }],
  max_tokens: 100,
  temperature: 0.5,
  stop: ['zzz'],
});
const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

async function run(
  engine: InferenceEngine,
  r = req,
): Promise<{ text: string; usage?: unknown; finishReason?: string }> {
  let text = '';
  const out: { text: string; usage?: unknown; finishReason?: string } = { text };
  for await (const ev of engine.generate(r, new AbortController().signal)) {
    if ('text' in ev) out.text += ev.text;
    else {
      out.usage = ev.usage;
      out.finishReason = ev.finishReason;
    }
  }
  return out;
}

describe('openai-upstream engine against a loopback fake', () => {
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  test('streams text and takes counts from usage; asks for include_usage', async () => {
    fake = await startFakeOpenAi();
    const e = createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId });
    const r = await run(e);
    expect(r).toEqual({
      text: 'Down the rabbit hole.',
      usage: { promptTokens: 11, completionTokens: 5 },
      finishReason: 'stop',
    });
    expect(fake.requests[0]).toMatchObject({
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 100,
      temperature: 0.5,
      stop: ['zzz'],
    });
  });

  test('length finish is reported', async () => {
    fake = await startFakeOpenAi();
    const e = createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId });
    const r = await run(e, parseChatRequest({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }));
    expect(r.finishReason).toBe('length');
    expect(r.usage).toEqual({ promptTokens: 11, completionTokens: 2 });
  });

  test('no usage in the stream: ENGINE_USAGE_MISSING (fail closed)', async () => {
    fake = await startFakeOpenAi({ omitUsage: true });
    expect(await code(run(createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId })))).toBe(
      'ENGINE_USAGE_MISSING',
    );
  });

  test('HTTP error and a broken stream: ENGINE_BACKEND_FAILED', async () => {
    fake = await startFakeOpenAi({ status: 500 });
    expect(await code(run(createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId })))).toBe(
      'ENGINE_BACKEND_FAILED',
    );
    await fake.close();
    fake = await startFakeOpenAi({ breakAfter: 2 });
    expect(await code(run(createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId })))).toBe(
      'ENGINE_BACKEND_FAILED',
    );
  });

  test('non-loopback base URL is refused', () => {
    expect(() => createOpenAiUpstreamEngine({ baseUrl: 'http://10.0.0.5:8000/v1', model: 'm', modelId })).toThrow(
      expect.objectContaining({ code: 'WORKER_CONFIG_INVALID' }),
    );
  });

  test('SSE parser handles CRLF, split chunks and multi-line data', async () => {
    async function* chunks(): AsyncIterable<Uint8Array> {
      const s = 'data: {"a":\r\ndata: 1}\r\n\r\n: comment\n\ndata: [DO';
      for (const c of [s, 'NE]\n\n']) yield new TextEncoder().encode(c);
    }
    const out: string[] = [];
    for await (const d of sseData(chunks())) out.push(d);
    expect(out).toEqual(['{"a":\n1}', '[DONE]']);
  });
});
