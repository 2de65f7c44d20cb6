/**
 * The OpenAI-compatible gateway app (express 5, not listening). Routes validate, call the SDK, shape the reply.
 *
 *   POST /v1/chat/completions   streaming (SSE, OpenAI chunk format, `[DONE]`) and not
 *   POST /v1/completions        legacy completions (the prompt becomes one user message)
 *   GET  /v1/models, /v1/models/:id
 *   GET  /healthz
 *
 * Every answer carries the verified receipt: headers `x-chrysalis-receipt` (base64), `x-chrysalis-signature`,
 * `x-chrysalis-image-id`, `x-chrysalis-model-id`, `x-chrysalis-worker-key` (non-streaming) and the extension field
 * `chrysalis: { receipt, signature, imageId, modelId, workerKey, ... }` in the JSON body / final stream chunk.
 * Errors are OpenAI-shaped `{ error: { message, type, param, code } }`, `code` being the stable SDK code.
 * Logs carry request ids, status and timings only: never prompts, answers or keys.
 */
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import type { ChatRequest, ChatResult, ChatStreamEvent, ChatOptions } from '../types';
import type { ModelInfo } from '../client';
import { SdkError } from '../errors';
import { randomBytes, toBase64, toHex } from '../bytes';
import { SDK_HTTP } from './errors';
import { bearerAuth } from './auth';
import {
  OpenAiRequestError,
  chatChunkJson,
  chatCompletionJson,
  chatUsageChunkJson,
  chrysalisExtension,
  completionChunkJson,
  completionJson,
  errorJson,
  parseChatBody,
  parseCompletionBody,
  type ChunkContext,
  type ParsedChatBody,
} from './openai-shape';

/** What the gateway needs from the SDK (a `ChrysalisClient` is one). */
export interface GatewayClient {
  stream(req: ChatRequest, opts?: ChatOptions): AsyncIterable<ChatStreamEvent>;
  models(opts?: { readonly refresh?: boolean }): Promise<ModelInfo[]>;
}

/** Minimal structured logger (pino's shape). */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GatewayAppOptions {
  readonly client: GatewayClient;
  readonly logger?: GatewayLogger;
  /** Largest accepted JSON body (default '1mb'). */
  readonly bodyLimit?: string;
  /** Clock for `created` (default Date.now). */
  readonly nowMs?: () => number;
  /** When set, every route but `/healthz` requires `Authorization: Bearer <apiKey>` (401 GATEWAY_API_KEY_INVALID). */
  readonly apiKey?: string;
}

type Kind = 'chat' | 'completion';

function sendError(
  res: Response,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): void {
  if (res.headersSent) return;
  res.status(status).json(errorJson(message, type, code, param));
}

function errorOf(err: unknown): { status: number; type: string; code: string; message: string; retryAfter?: number } {
  if (err instanceof SdkError) {
    const shape = SDK_HTTP[err.code] ?? { status: 500, type: 'api_error' };
    const ra = err.details?.retryAfterS;
    return {
      status: shape.status,
      type: shape.type,
      code: err.code,
      message: err.message,
      ...(typeof ra === 'number' && Number.isFinite(ra) ? { retryAfter: ra } : {}),
    };
  }
  return { status: 500, type: 'api_error', code: 'GATEWAY_INTERNAL', message: 'internal error' };
}

function receiptHeaders(res: Response, r: ChatResult): void {
  res.setHeader('x-chrysalis-receipt', toBase64(r.receipt.bytes));
  res.setHeader('x-chrysalis-signature', toBase64(r.receipt.signature));
  res.setHeader('x-chrysalis-image-id', r.worker.imageId);
  res.setHeader('x-chrysalis-model-id', r.worker.modelId);
  res.setHeader('x-chrysalis-worker-key', r.worker.workerKey);
}

export function createGatewayApp(opts: GatewayAppOptions): Express {
  const { client, logger } = opts;
  const nowMs = opts.nowMs ?? Date.now;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = toHex(randomBytes(8));
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    const t0 = Date.now();
    res.on('finish', () =>
      logger?.info(
        { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - t0 },
        'request',
      ),
    );
    next();
  });
  // Checked before the body is read: an unauthenticated caller costs no parsing.
  if (opts.apiKey !== undefined) app.use(bearerAuth(opts.apiKey));
  app.use(express.json({ limit: opts.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/v1/models', async (_req, res) => {
    try {
      const models = await client.models();
      res.json({ object: 'list', data: models.map(modelJson) });
    } catch (err) {
      const e = errorOf(err);
      sendError(res, e.status, e.message, e.type, e.code);
    }
  });

  app.get('/v1/models/:id', async (req, res) => {
    try {
      const id = String(req.params.id);
      const m = (await client.models()).find((x) => x.id === id || x.modelId === id.toLowerCase());
      if (!m)
        return sendError(
          res,
          404,
          `The model '${id}' does not exist`,
          'invalid_request_error',
          'model_not_found',
          'model',
        );
      res.json(modelJson(m));
    } catch (err) {
      const e = errorOf(err);
      sendError(res, e.status, e.message, e.type, e.code);
    }
  });

  const handle =
    (kind: Kind) =>
    async (req: Request, res: Response): Promise<void> => {
      let parsed: ParsedChatBody;
      try {
        parsed = kind === 'chat' ? parseChatBody(req.body) : parseCompletionBody(req.body);
      } catch (err) {
        if (err instanceof OpenAiRequestError)
          return sendError(res, 400, err.message, 'invalid_request_error', err.code, err.param);
        throw err;
      }
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const ctx: ChunkContext = {
        id: `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${toHex(randomBytes(12))}`,
        created: Math.floor(nowMs() / 1000),
        model: parsed.request.model,
      };
      const iter = client.stream(parsed.request, { signal: abort.signal })[Symbol.asyncIterator]();
      try {
        await serve(kind, parsed, ctx, iter, res);
      } finally {
        // Release the SDK generator (timers, sockets) whatever happened.
        await iter.return?.(undefined)?.catch(() => undefined);
      }
    };

  const serve = async (
    kind: Kind,
    parsed: ParsedChatBody,
    ctx: ChunkContext,
    iter: AsyncIterator<ChatStreamEvent>,
    res: Response,
  ): Promise<void> => {
    if (!parsed.stream) {
      try {
        for (;;) {
          const n = await iter.next();
          if (n.done) throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
          if (n.value.type === 'done') {
            receiptHeaders(res, n.value.result);
            res.json(kind === 'chat' ? chatCompletionJson(ctx, n.value.result) : completionJson(ctx, n.value.result));
            return;
          }
        }
      } catch (err) {
        return failBeforeStream(res, err, logger);
      }
    }
    // Streaming: the first event decides between an HTTP error (nothing sent yet) and an SSE stream.
    let first: IteratorResult<ChatStreamEvent>;
    try {
      first = await iter.next();
      if (first.done) throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
    } catch (err) {
      return failBeforeStream(res, err, logger);
    }
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('connection', 'keep-alive');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    const send = (obj: unknown): void => {
      if (!res.destroyed) res.write(`data: ${JSON.stringify(obj)}\n\n`);
    };
    // With include_usage OpenAI sends `"usage": null` on every chunk but the last.
    const nullUsage = parsed.includeUsage ? { usage: null } : undefined;
    if (kind === 'chat') send(chatChunkJson(ctx, { role: 'assistant', content: '', refusal: null }, null, nullUsage));
    let ev: ChatStreamEvent = first.value;
    try {
      for (;;) {
        if (ev.type === 'delta') {
          send(
            kind === 'chat'
              ? chatChunkJson(ctx, { content: ev.text }, null, nullUsage)
              : completionChunkJson(ctx, ev.text, null),
          );
        } else {
          const r = ev.result;
          const ext = { chrysalis: chrysalisExtension(r) };
          if (kind === 'chat') {
            send(chatChunkJson(ctx, {}, r.finishReason, parsed.includeUsage ? nullUsage : ext));
            if (parsed.includeUsage) send(chatUsageChunkJson(ctx, r, ext));
          } else {
            send(
              completionChunkJson(ctx, '', r.finishReason, parsed.includeUsage ? { usage: usageOf(r), ...ext } : ext),
            );
          }
          res.write('data: [DONE]\n\n');
          res.end();
          return;
        }
        const n = await iter.next();
        if (n.done) throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
        ev = n.value;
      }
    } catch (err) {
      // Mid-stream failure: an OpenAI error event (the `openai` client throws APIError with our code), no [DONE].
      const e = errorOf(err);
      logger?.warn({ reqId: res.locals.requestId, code: e.code }, 'stream failed');
      if (!res.writableEnded) {
        send(errorJson(e.message, e.type, e.code));
        res.end();
      }
    }
  };

  const wrap =
    (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
      fn(req, res).catch(next);
    };
  app.post('/v1/chat/completions', wrap(handle('chat')));
  app.post('/v1/completions', wrap(handle('completion')));

  app.use((_req: Request, res: Response) => {
    sendError(res, 404, 'Unknown route', 'invalid_request_error', 'not_found');
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large')
      return sendError(res, 413, 'request body too large', 'invalid_request_error', 'body_too_large');
    if (e?.type === 'entity.parse.failed')
      return sendError(res, 400, 'request body is not valid JSON', 'invalid_request_error', 'invalid_json');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, e.status, 'bad request', 'invalid_request_error', 'bad_request');
    }
    logger?.error({ reqId: res.locals.requestId, code: 'GATEWAY_INTERNAL' }, 'unhandled error');
    sendError(res, 500, 'internal error', 'api_error', 'GATEWAY_INTERNAL');
  });
  return app;
}

function usageOf(r: ChatResult): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return {
    prompt_tokens: r.usage.promptTokens,
    completion_tokens: r.usage.completionTokens,
    total_tokens: r.usage.promptTokens + r.usage.completionTokens,
  };
}

function modelJson(m: ModelInfo): Record<string, unknown> {
  return {
    id: m.id,
    object: 'model',
    created: 0,
    owned_by: 'chrysalis',
    chrysalis: { modelId: m.modelId, workers: m.workers, minPriceNano: m.minPriceNano.toString() },
  };
}

function failBeforeStream(res: Response, err: unknown, logger: GatewayLogger | undefined): void {
  const e = errorOf(err);
  if (e.status >= 500) logger?.warn({ reqId: res.locals.requestId, code: e.code }, 'request failed');
  if (e.retryAfter !== undefined) res.setHeader('retry-after', String(Math.ceil(e.retryAfter)));
  sendError(res, e.status, e.message, e.type, e.code);
}
