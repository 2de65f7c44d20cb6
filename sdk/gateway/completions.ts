/**
 * POST /v1/chat/completions and POST /v1/completions: parse the OpenAI body, run the SDK stream, and answer either
 * with one JSON body or with an SSE stream (OpenAI chunk format, `[DONE]`).
 */
import type { Request, Response } from 'express';
import type { ChatResult, ChatStreamEvent } from '../types';
import { SdkError } from '../errors';
import { randomBytes, toHex } from '../bytes';
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
import { errorOf, failBeforeStream, receiptHeaders, sendError, usageOf } from './reply';
import type { GatewayClient, GatewayLogger } from './types';

export type CompletionKind = 'chat' | 'completion';

interface CompletionDeps {
  readonly client: GatewayClient;
  readonly logger: GatewayLogger | undefined;
  readonly nowMs: () => number;
}

/** The route handler for one kind of completion. */
export function completionHandler(
  kind: CompletionKind,
  deps: CompletionDeps,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
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
      created: Math.floor(deps.nowMs() / 1000),
      model: parsed.request.model,
    };
    const iter = deps.client.stream(parsed.request, { signal: abort.signal })[Symbol.asyncIterator]();
    try {
      if (!parsed.stream) await serveJson(kind, ctx, iter, res, deps.logger);
      else await serveSse(kind, parsed, ctx, iter, res, deps.logger);
    } finally {
      // Release the SDK generator (timers, sockets) whatever happened.
      await iter.return?.(undefined)?.catch(() => undefined);
    }
  };
}

function truncated(): SdkError {
  return new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
}

/** Non-streaming: wait for the result, then one JSON body with the receipt headers. */
async function serveJson(
  kind: CompletionKind,
  ctx: ChunkContext,
  iter: AsyncIterator<ChatStreamEvent>,
  res: Response,
  logger: GatewayLogger | undefined,
): Promise<void> {
  try {
    for (;;) {
      const n = await iter.next();
      if (n.done) throw truncated();
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

/** Streaming: the first event decides between an HTTP error (nothing sent yet) and an SSE stream. */
async function serveSse(
  kind: CompletionKind,
  parsed: ParsedChatBody,
  ctx: ChunkContext,
  iter: AsyncIterator<ChatStreamEvent>,
  res: Response,
  logger: GatewayLogger | undefined,
): Promise<void> {
  let first: IteratorResult<ChatStreamEvent>;
  try {
    first = await iter.next();
    if (first.done) throw truncated();
  } catch (err) {
    return failBeforeStream(res, err, logger);
  }
  openSse(res);
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
        sendFinal(kind, parsed, ctx, ev.result, send, nullUsage);
        res.write('data: [DONE]\n\n');
        res.end();
        return;
      }
      const n = await iter.next();
      if (n.done) throw truncated();
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
}

function openSse(res: Response): void {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('connection', 'keep-alive');
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
}

/** The final chunk(s): finish reason, the chrysalis extension and, with include_usage, the usage. */
function sendFinal(
  kind: CompletionKind,
  parsed: ParsedChatBody,
  ctx: ChunkContext,
  r: ChatResult,
  send: (obj: unknown) => void,
  nullUsage: { usage: null } | undefined,
): void {
  const ext = { chrysalis: chrysalisExtension(r) };
  if (kind === 'chat') {
    send(chatChunkJson(ctx, {}, r.finishReason, parsed.includeUsage ? nullUsage : ext));
    if (parsed.includeUsage) send(chatUsageChunkJson(ctx, r, ext));
  } else {
    send(completionChunkJson(ctx, '', r.finishReason, parsed.includeUsage ? { usage: usageOf(r), ...ext } : ext));
  }
}
