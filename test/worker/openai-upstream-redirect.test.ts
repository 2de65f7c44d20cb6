/**
 * The openai-upstream engine never follows a redirect: a loopback upstream that answers 3xx (pointing at a path that
 * would answer a valid stream) fails the request with ENGINE_UPSTREAM_REDIRECT, and the target is never requested.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAiUpstreamEngine, type InferenceEngine } from '../../enclave-runtime/engines';

const OK_STREAM =
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'leaked' }, finish_reason: 'stop' }] })}\n\n` +
  `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 } })}\n\n` +
  'data: [DONE]\n\n';

let server: Server;
let base: string;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      paths.push(url);
      const m = /^\/(\d{3})\//.exec(url);
      if (m) {
        res.writeHead(Number(m[1]), { location: `${base}/target/v1/chat/completions` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(OK_STREAM);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const engine = (prefix: string): InferenceEngine =>
  createOpenAiUpstreamEngine({ baseUrl: `${base}/${prefix}/v1`, model: 'm', modelId: new Uint8Array(32).fill(7) });

async function outcome(e: InferenceEngine): Promise<{ code?: string; status?: unknown; texts: string[] }> {
  const texts: string[] = [];
  try {
    for await (const ev of e.generate({ messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal))
      if ('text' in ev) texts.push(ev.text);
    return { texts };
  } catch (err) {
    const x = err as { code?: string; details?: { status?: unknown } };
    return { ...(x.code ? { code: x.code } : {}), status: x.details?.status, texts };
  }
}

describe('openai-upstream redirects', () => {
  test.each([301, 302, 303, 307, 308])('a %i answer is ENGINE_UPSTREAM_REDIRECT and is not followed', async (s) => {
    paths.length = 0;
    const r = await outcome(engine(String(s)));
    expect(r).toEqual({ code: 'ENGINE_UPSTREAM_REDIRECT', status: s, texts: [] });
    expect(paths).toEqual([`/${s}/v1/chat/completions`]);
  });

  test('the same upstream without a redirect streams (the target path works)', async () => {
    paths.length = 0;
    expect(await outcome(engine('target'))).toEqual({ texts: ['leaked'] });
    expect(paths).toEqual(['/target/v1/chat/completions']);
  });
});
