/**
 * `openai-upstream` engine: a vLLM / sglang server on loopback inside the CVM (how production workers serve large
 * models). Streams `POST {baseUrl}/chat/completions` with `stream: true, stream_options: {include_usage: true}`,
 * parses the SSE stream, and takes the token counts from the final `usage` chunk. A stream that ends without
 * `usage` fails with ENGINE_USAGE_MISSING (counts unknown: bill nothing, fail closed). With a cost cap, `max_tokens`
 * is lowered to what the cap leaves after an upper bound of the prompt's tokens.
 *
 * SECURITY: the request leaves the process in plaintext, so the base URL must be loopback (127.0.0.0/8, ::1,
 * localhost) — never a network address outside the CVM — and a redirect is never followed (ENGINE_UPSTREAM_REDIRECT):
 * it could point the prompt at any host. The model id is not computed here (the engine does not
 * see the weights): it is configured from the measured model volume (dm-verity root hash) and bound in RTMR3.
 */
import { createParser } from 'eventsource-parser';
import { WorkerError } from '../errors';
import { completionTokenLimit, promptTokenBound } from './cost-cap';
import type { EngineEvent, FinishReason, GenerateRequest, InferenceEngine, Usage } from './types';

export interface OpenAiUpstreamOptions {
  /** e.g. `http://127.0.0.1:8000/v1`. */
  readonly baseUrl: string;
  /** The upstream's served model name. */
  readonly model: string;
  /** 32-byte model id of the weights the upstream serves: `modelIdOfDir` of its model directory (upstream-model.ts). */
  readonly modelId: Uint8Array;
  readonly apiKey?: string;
  readonly defaultMaxTokens?: number;
  readonly fetch?: typeof fetch;
}

export function isLoopbackUrl(u: string): boolean {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h))
  );
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
}

/**
 * The `data` payloads of an SSE byte stream (WHATWG HTML §9.2.6 event stream: CRLF, LF or lone CR line ends), parsed
 * by `eventsource-parser`. A final event that the upstream did not close with a blank line is still delivered.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const dec = new TextDecoder();
  const ready: string[] = [];
  const parser = createParser({ onEvent: (e) => ready.push(e.data) });
  for await (const chunk of body) {
    parser.feed(dec.decode(chunk, { stream: true }));
    while (ready.length > 0) yield ready.shift() as string;
  }
  parser.feed(`${dec.decode()}\n\n`);
  while (ready.length > 0) yield ready.shift() as string;
}

/**
 * `max_tokens` sent upstream: the request's (or the default), lowered to what the cost cap leaves after a prompt of
 * at most `promptTokenBound` tokens (the exact count is known only from the upstream's usage, which the worker checks
 * against the cap afterwards). At least 1: an upstream refuses 0.
 */
function upstreamMaxTokens(req: GenerateRequest, fallback: number): number {
  const asked = req.maxTokens ?? fallback;
  if (!req.costCap) return asked;
  const bound = promptTokenBound(req.messages);
  const promptCost = req.costCap.promptPriceNano * BigInt(bound);
  if (promptCost > req.costCap.capNano) return 1;
  return Math.max(1, Math.min(asked, completionTokenLimit(req.costCap, bound) ?? asked));
}

class OpenAiUpstreamEngine implements InferenceEngine {
  readonly kind = 'openai-upstream';
  readonly modelName: string;
  constructor(private readonly o: OpenAiUpstreamOptions) {
    this.modelName = o.model;
  }
  get modelId(): Uint8Array {
    return this.o.modelId;
  }

  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const body: Record<string, unknown> = {
      model: this.o.model,
      messages: req.messages,
      max_tokens: upstreamMaxTokens(req, this.o.defaultMaxTokens ?? 256),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.topP !== undefined) body.top_p = req.topP;
    if (req.stop) body.stop = req.stop;
    if (req.seed !== undefined) body.seed = req.seed;
    if (req.ignoreEos) body.ignore_eos = true;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.o.apiKey) headers.authorization = `Bearer ${this.o.apiKey}`;
    const f = this.o.fetch ?? fetch;
    let res: Response;
    try {
      res = await f(`${this.o.baseUrl.replace(/\/$/, '')}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        redirect: 'manual',
        signal,
      });
    } catch (cause) {
      if (signal.aborted) throw new WorkerError('ENGINE_ABORTED', 'request aborted', { cause });
      throw new WorkerError('ENGINE_BACKEND_FAILED', 'upstream unreachable', { cause });
    }
    if ((res.status >= 300 && res.status < 400) || res.type === 'opaqueredirect') {
      await res.body?.cancel().catch(() => undefined);
      throw new WorkerError(
        'ENGINE_UPSTREAM_REDIRECT',
        `upstream answered HTTP ${res.status}: redirects are not followed`,
        {
          details: { status: res.status },
        },
      );
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new WorkerError('ENGINE_BACKEND_FAILED', `upstream HTTP ${res.status}`, {
        details: { status: res.status },
      });
    }
    let usage: Usage | undefined;
    let finish: FinishReason = 'stop';
    let done = false;
    try {
      for await (const data of sseData(res.body as unknown as AsyncIterable<Uint8Array>)) {
        if (data === '[DONE]') {
          done = true;
          break;
        }
        let chunk: StreamChunk;
        try {
          chunk = JSON.parse(data) as StreamChunk;
        } catch (cause) {
          throw new WorkerError('ENGINE_BACKEND_FAILED', 'upstream sent a non-JSON event', { cause });
        }
        if (chunk.error) throw new WorkerError('ENGINE_BACKEND_FAILED', 'upstream reported an error mid-stream');
        const choice = chunk.choices?.[0];
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text.length > 0) yield { text };
        if (choice?.finish_reason === 'length') finish = 'length';
        const u = chunk.usage;
        if (u && Number.isInteger(u.prompt_tokens) && Number.isInteger(u.completion_tokens)) {
          usage = { promptTokens: u.prompt_tokens!, completionTokens: u.completion_tokens! };
        }
      }
    } catch (err) {
      if (err instanceof WorkerError) throw err;
      if (signal.aborted) throw new WorkerError('ENGINE_ABORTED', 'request aborted', { cause: err });
      throw new WorkerError('ENGINE_BACKEND_FAILED', 'upstream stream broke', { cause: err });
    }
    if (!done && !usage) throw new WorkerError('ENGINE_BACKEND_FAILED', 'upstream stream ended early');
    if (!usage) throw new WorkerError('ENGINE_USAGE_MISSING', 'upstream stream carried no usage');
    yield { usage, finishReason: finish };
  }

  async close(): Promise<void> {}
}

/** Throws WORKER_CONFIG_INVALID for a non-loopback base URL or a model id that is not 32 bytes. */
export function createOpenAiUpstreamEngine(o: OpenAiUpstreamOptions): InferenceEngine {
  if (!isLoopbackUrl(o.baseUrl))
    throw new WorkerError('WORKER_CONFIG_INVALID', 'openai-upstream base URL must be loopback');
  if (!(o.modelId instanceof Uint8Array) || o.modelId.length !== 32)
    throw new WorkerError('WORKER_CONFIG_INVALID', 'modelId must be 32 bytes');
  return new OpenAiUpstreamEngine(o);
}
