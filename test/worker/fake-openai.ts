/** A loopback fake of an OpenAI-compatible streaming server (vLLM / sglang shape) for tests and the bench. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenAi {
  readonly url: string;
  readonly requests: unknown[];
  close(): Promise<void>;
}

export interface FakeOptions {
  readonly words?: readonly string[];
  readonly omitUsage?: boolean;
  readonly status?: number;
  readonly breakAfter?: number;
  /** Stream every word whatever `max_tokens` says (an upstream that overruns its limit). */
  readonly ignoreMaxTokens?: boolean;
  /** The prompt token count the usage block reports (default 11). */
  readonly promptTokens?: number;
}

export async function startFakeOpenAi(opts: FakeOptions = {}): Promise<FakeOpenAi> {
  const requests: unknown[] = [];
  const words = opts.words ?? ['Down', ' the', ' rabbit', ' hole', '.'];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const j = JSON.parse(body) as { max_tokens?: number; stream_options?: { include_usage?: boolean } };
      requests.push(j);
      if (opts.status) {
        res.writeHead(opts.status, { 'content-type': 'application/json' }).end('{"error":{"message":"nope"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const n = opts.ignoreMaxTokens ? words.length : Math.min(words.length, j.max_tokens ?? words.length);
      const promptTokens = opts.promptTokens ?? 11;
      const id = 'chatcmpl-fake';
      const send = (o: unknown): void => void res.write(`data: ${JSON.stringify(o)}\n\n`);
      send({
        id,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      for (let i = 0; i < n; i++) {
        if (opts.breakAfter !== undefined && i === opts.breakAfter) {
          res.destroy();
          return;
        }
        send({
          id,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta: { content: words[i] }, finish_reason: null }],
        });
      }
      send({
        id,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: {}, finish_reason: n < words.length ? 'length' : 'stop' }],
      });
      if (!opts.omitUsage && j.stream_options?.include_usage) {
        send({
          id,
          object: 'chat.completion.chunk',
          choices: [],
          usage: { prompt_tokens: promptTokens, completion_tokens: n, total_tokens: promptTokens + n },
        });
      }
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
