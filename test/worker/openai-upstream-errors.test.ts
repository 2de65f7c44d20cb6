/**
 * The openai-upstream engine against a scripted loopback upstream: request options on the wire, and every way the
 * upstream can fail (HTTP status, malformed or error events, a stream that ends early or carries no usage, aborts).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createOpenAiUpstreamEngine,
  isLoopbackUrl,
  type EngineEvent,
  type GenerateRequest,
  type InferenceEngine,
} from '../../enclave-runtime/engines';

type Script = (res: ServerResponse, body: Record<string, unknown>) => void;

interface Upstream {
  readonly url: (scenario: string) => string;
  readonly seen: { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const chunk = (o: unknown): string => `data: ${JSON.stringify(o)}\n\n`;
const delta = (content: string, finish: string | null = null): string =>
  chunk({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] });
const usage = (p: number, c: number): string =>
  chunk({ choices: [], usage: { prompt_tokens: p, completion_tokens: c } });

const SCRIPTS: Record<string, Script> = {
  ok: (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('Hi') + delta('', null) + delta(' there', 'length') + usage(3, 2) + 'data: [DONE]\n\n');
  },
  'no-done-with-usage': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('a') + usage(1, 1));
  },
  'no-done-no-usage': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('a') + delta('b', 'stop'));
  },
  'done-no-usage': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('a') + chunk({ choices: [], usage: null }) + 'data: [DONE]\n\n');
  },
  'fractional-usage': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(
      delta('a') + chunk({ choices: [], usage: { prompt_tokens: 1.5, completion_tokens: 1 } }) + 'data: [DONE]\n\n',
    );
  },
  'non-json': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('a') + 'data: {not json\n\n' + usage(1, 1) + 'data: [DONE]\n\n');
  },
  'error-event': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(delta('a') + chunk({ error: { message: 'CUDA out of memory' } }) + usage(1, 1) + 'data: [DONE]\n\n');
  },
  'http-500': (res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"boom"}}');
  },
  'http-204': (res) => {
    res.writeHead(204);
    res.end();
  },
  'broken-stream': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(delta('partial'));
    setTimeout(() => res.destroy(), 20);
  },
  hang: (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(delta('first'));
    // no more: the client aborts
  },
  'hang-headers': () => {
    // never answers: the client aborts before headers
  },
};

async function startUpstream(): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      const scenario = (req.url ?? '').split('/')[1] ?? '';
      open.add(res);
      res.on('close', () => open.delete(res));
      SCRIPTS[scenario]!(res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (scenario) => `http://127.0.0.1:${port}/${scenario}/v1/`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const res of open) res.destroy();
        server.close(() => r());
      }),
  };
}

const MODEL_ID = new Uint8Array(32).fill(0xab);
const REQ: GenerateRequest = { messages: [{ role: 'user', content: 'hello' }] };

function engine(scenario: string, extra: { apiKey?: string; defaultMaxTokens?: number } = {}): InferenceEngine {
  return createOpenAiUpstreamEngine({ baseUrl: up.url(scenario), model: 'served-model', modelId: MODEL_ID, ...extra });
}

async function run(
  e: InferenceEngine,
  req: GenerateRequest = REQ,
  signal = new AbortController().signal,
): Promise<{ texts: string[]; last: EngineEvent | undefined }> {
  const texts: string[] = [];
  let last: EngineEvent | undefined;
  for await (const ev of e.generate(req, signal)) {
    if ('text' in ev) texts.push(ev.text);
    last = ev;
  }
  return { texts, last };
}

const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(async () => {
  await up.close();
});

describe('openai-upstream engine: the request on the wire', () => {
  test('sampling options, stop, seed, ignore_eos and the API key are passed through; empty deltas are skipped', async () => {
    const e = engine('ok', { apiKey: 'sk-test' });
    expect(e.kind).toBe('openai-upstream');
    expect(e.modelName).toBe('served-model');
    expect(e.modelId).toBe(MODEL_ID);
    const { texts, last } = await run(e, {
      ...REQ,
      maxTokens: 9,
      temperature: 0.5,
      topP: 0.9,
      stop: ['\n'],
      seed: 42,
      ignoreEos: true,
    });
    expect(texts).toEqual(['Hi', ' there']);
    expect(last).toEqual({ usage: { promptTokens: 3, completionTokens: 2 }, finishReason: 'length' });
    const s = up.seen.at(-1)!;
    expect(s.path).toBe('/ok/v1/chat/completions');
    expect(s.headers.authorization).toBe('Bearer sk-test');
    expect(s.headers.accept).toBe('text/event-stream');
    expect(s.body).toEqual({
      model: 'served-model',
      messages: REQ.messages,
      max_tokens: 9,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.5,
      top_p: 0.9,
      stop: ['\n'],
      seed: 42,
      ignore_eos: true,
    });
    await e.close();
  });

  test('without options: no optional fields, no authorization, the default or configured max_tokens', async () => {
    await run(engine('ok'));
    let s = up.seen.at(-1)!;
    expect(s.headers.authorization).toBeUndefined();
    expect(Object.keys(s.body).sort()).toEqual(['max_tokens', 'messages', 'model', 'stream', 'stream_options']);
    expect(s.body.max_tokens).toBe(256);
    await run(engine('ok', { defaultMaxTokens: 17 }), { ...REQ, ignoreEos: false });
    s = up.seen.at(-1)!;
    expect(s.body.max_tokens).toBe(17);
    expect('ignore_eos' in s.body).toBe(false);
  });

  test('a stream that ends without [DONE] but carried usage completes', async () => {
    const { texts, last } = await run(engine('no-done-with-usage'));
    expect(texts).toEqual(['a']);
    expect(last).toEqual({ usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop' });
  });
});

describe('openai-upstream engine: failures', () => {
  test.each([
    ['HTTP 500', 'http-500', 'ENGINE_BACKEND_FAILED'],
    ['a 2xx without a body', 'http-204', 'ENGINE_BACKEND_FAILED'],
    ['a non-JSON event', 'non-json', 'ENGINE_BACKEND_FAILED'],
    ['an error event mid-stream', 'error-event', 'ENGINE_BACKEND_FAILED'],
    ['a stream cut before [DONE] and usage', 'no-done-no-usage', 'ENGINE_BACKEND_FAILED'],
    ['a broken connection', 'broken-stream', 'ENGINE_BACKEND_FAILED'],
    ['[DONE] with a null usage', 'done-no-usage', 'ENGINE_USAGE_MISSING'],
    ['usage counts that are not integers', 'fractional-usage', 'ENGINE_USAGE_MISSING'],
  ])('%s: %s', async (_name, scenario, want) => {
    expect(await codeOf(run(engine(scenario)))).toBe(want);
  });

  test('an unreachable upstream: ENGINE_BACKEND_FAILED', async () => {
    const closed = await startUpstream();
    const url = closed.url('ok');
    await closed.close();
    const e = createOpenAiUpstreamEngine({ baseUrl: url, model: 'm', modelId: MODEL_ID });
    expect(await codeOf(run(e))).toBe('ENGINE_BACKEND_FAILED');
  });

  test('an abort before the upstream answers: ENGINE_ABORTED', async () => {
    const ctl = new AbortController();
    const p = codeOf(run(engine('hang-headers'), REQ, ctl.signal));
    await new Promise((r) => setTimeout(r, 30));
    ctl.abort();
    expect(await p).toBe('ENGINE_ABORTED');
  });

  test('an abort mid-stream: ENGINE_ABORTED after the text already streamed', async () => {
    const ctl = new AbortController();
    const texts: string[] = [];
    const p = (async () => {
      for await (const ev of engine('hang').generate(REQ, ctl.signal)) {
        if ('text' in ev) {
          texts.push(ev.text);
          ctl.abort();
        }
      }
    })();
    expect(await codeOf(p)).toBe('ENGINE_ABORTED');
    expect(texts).toEqual(['first']);
  });

  test('an injected fetch that throws a non-abort error: ENGINE_BACKEND_FAILED', async () => {
    const e = createOpenAiUpstreamEngine({
      baseUrl: 'http://localhost:1/v1',
      model: 'm',
      modelId: MODEL_ID,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(await codeOf(run(e))).toBe('ENGINE_BACKEND_FAILED');
  });
});

describe('openai-upstream engine: configuration', () => {
  test.each([
    ['http://127.0.0.1:8000/v1', true],
    ['https://localhost/v1', true],
    ['http://[::1]:8000/v1', true],
    ['http://127.9.8.7/v1', true],
    ['ftp://127.0.0.1/v1', false],
    ['ws://localhost/v1', false],
    ['http://10.0.0.1/v1', false],
    ['http://127.0.0.1.example.com/v1', false],
    ['not a url', false],
  ])('isLoopbackUrl(%s) = %s', (url, want) => {
    expect(isLoopbackUrl(url)).toBe(want);
  });

  test.each([
    ['a non-loopback base URL', { baseUrl: 'http://192.168.1.5/v1', modelId: MODEL_ID }],
    ['a 31-byte model id', { baseUrl: 'http://127.0.0.1/v1', modelId: new Uint8Array(31) }],
    [
      'a model id that is not bytes',
      { baseUrl: 'http://127.0.0.1/v1', modelId: 'ab'.repeat(32) as unknown as Uint8Array },
    ],
  ])('%s: WORKER_CONFIG_INVALID', (_name, o) => {
    let code: string | undefined;
    try {
      createOpenAiUpstreamEngine({ model: 'm', ...o });
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('WORKER_CONFIG_INVALID');
  });
});
