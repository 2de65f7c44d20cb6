/**
 * OpenAI wire shapes: request validation and response / chunk builders for /v1/chat/completions,
 * /v1/completions and /v1/models, matching api.openai.com field for field (the official `openai` client
 * parses them unchanged), plus the `chrysalis` extension field that carries the verified receipt.
 */
import type { ChatMessage, ChatRequest, ChatResult } from '../types';
import { toBase64 } from '../bytes';

export class OpenAiRequestError extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string = 'invalid_request',
  ) {
    super(message);
  }
}

export interface ParsedChatBody {
  readonly request: ChatRequest;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

// The roles the workers' engines accept (tool calls are not supported).
const ROLES = new Set(['system', 'user', 'assistant', 'developer']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function messageContent(v: unknown, i: number): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    // Content parts: only text parts are supported by the confidential workers.
    let s = '';
    for (const part of v) {
      if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') {
        throw new OpenAiRequestError('only text content parts are supported', `messages[${i}].content`);
      }
      s += part.text;
    }
    return s;
  }
  if (v === null || v === undefined) return '';
  throw new OpenAiRequestError('content must be a string or an array of text parts', `messages[${i}].content`);
}

function optNumber(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new OpenAiRequestError(`${key} is out of range`, key);
  }
  return v;
}

function common(body: Record<string, unknown>): {
  model: string;
  rest: Omit<ChatRequest, 'model' | 'messages'>;
  stream: boolean;
  includeUsage: boolean;
} {
  if (typeof body.model !== 'string' || body.model.length === 0 || body.model.length > 256) {
    throw new OpenAiRequestError('model is required', 'model');
  }
  const n = optNumber(body, 'n', 1, 1, true);
  void n;
  const maxTokens =
    optNumber(body, 'max_completion_tokens', 1, 1_000_000, true) ?? optNumber(body, 'max_tokens', 1, 1_000_000, true);
  const temperature = optNumber(body, 'temperature', 0, 2);
  const topP = optNumber(body, 'top_p', 0, 1);
  const seed = optNumber(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  let stop: string | string[] | undefined;
  if (typeof body.stop === 'string') stop = body.stop;
  else if (Array.isArray(body.stop)) {
    if (body.stop.length > 4 || !body.stop.every((s) => typeof s === 'string'))
      throw new OpenAiRequestError('stop must be up to 4 strings', 'stop');
    stop = body.stop as string[];
  } else if (body.stop !== undefined && body.stop !== null)
    throw new OpenAiRequestError('stop must be a string or an array', 'stop');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw new OpenAiRequestError('stream must be a boolean', 'stream');
  }
  const so = body.stream_options;
  const includeUsage = isObject(so) && so.include_usage === true;
  const rest: { -readonly [K in keyof Omit<ChatRequest, 'model' | 'messages'>]: ChatRequest[K] } = {};
  if (maxTokens !== undefined) rest.max_tokens = maxTokens;
  if (temperature !== undefined) rest.temperature = temperature;
  if (topP !== undefined) rest.top_p = topP;
  if (seed !== undefined) rest.seed = seed;
  if (stop !== undefined) rest.stop = stop;
  return { model: body.model, rest, stream: body.stream === true, includeUsage };
}

/** Validates a /v1/chat/completions body; throws OpenAiRequestError (HTTP 400). */
export function parseChatBody(body: unknown): ParsedChatBody {
  if (!isObject(body)) throw new OpenAiRequestError('request body must be a JSON object', null);
  const { model, rest, stream, includeUsage } = common(body);
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new OpenAiRequestError('messages must be a non-empty array', 'messages');
  }
  const messages: ChatMessage[] = body.messages.map((m, i) => {
    if (!isObject(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) {
      throw new OpenAiRequestError('each message needs a valid role', `messages[${i}].role`);
    }
    const msg: { role: ChatMessage['role']; content: string; name?: string } = {
      role: m.role as ChatMessage['role'],
      content: messageContent(m.content, i),
    };
    if (typeof m.name === 'string') msg.name = m.name;
    return msg;
  });
  return { request: { model, messages, ...rest }, stream, includeUsage };
}

/**
 * Validates a legacy /v1/completions body. The prompt becomes one user message (the workers serve chat models);
 * this is documented in sdk/README.md.
 */
export function parseCompletionBody(body: unknown): ParsedChatBody {
  if (!isObject(body)) throw new OpenAiRequestError('request body must be a JSON object', null);
  const { model, rest, stream, includeUsage } = common(body);
  let prompt: string;
  if (typeof body.prompt === 'string') prompt = body.prompt;
  else if (Array.isArray(body.prompt) && body.prompt.length === 1 && typeof body.prompt[0] === 'string')
    prompt = body.prompt[0];
  else throw new OpenAiRequestError('prompt must be a string (batched prompts are not supported)', 'prompt');
  return { request: { model, messages: [{ role: 'user', content: prompt }], ...rest }, stream, includeUsage };
}

/** The extension field carried by every chrysalis answer. */
export interface ChrysalisExtension {
  /** Base64 canonical receipt bytes. */
  readonly receipt: string;
  /** Base64 Ed25519 signature over the receipt bytes. */
  readonly signature: string;
  readonly imageId: string;
  readonly modelId: string;
  readonly platformId: string;
  /** Hex Ed25519 key of the worker (bound in its attested claims). */
  readonly workerKey: string;
  readonly bundleDigest: string;
  readonly channel: string;
  readonly seq: string;
  readonly promptPriceNano: string;
  readonly completionPriceNano: string;
  readonly costNano: string;
  /** The reservation the request was sent with. */
  readonly maxCostNano: string;
  readonly cumulativeNano?: string;
  /** Present (true) when the worker verified only under SIMULATED / non-production roots a trust file opted in to. */
  readonly simulatedRoots?: true;
}

export function chrysalisExtension(r: ChatResult): ChrysalisExtension {
  const ext: ChrysalisExtension = {
    receipt: toBase64(r.receipt.bytes),
    signature: toBase64(r.receipt.signature),
    imageId: r.worker.imageId,
    modelId: r.worker.modelId,
    platformId: r.worker.platformId,
    workerKey: r.worker.workerKey,
    bundleDigest: r.worker.bundleDigest,
    channel: r.receipt.channel,
    seq: r.receipt.seq.toString(),
    promptPriceNano: r.receipt.promptPriceNano.toString(),
    completionPriceNano: r.receipt.completionPriceNano.toString(),
    costNano: r.costNano.toString(),
    maxCostNano: r.maxCostNano.toString(),
    ...(r.cumulativeNano !== undefined ? { cumulativeNano: r.cumulativeNano.toString() } : {}),
    ...(r.worker.simulatedRoots ? { simulatedRoots: true as const } : {}),
  };
  return ext;
}

export function usageJson(r: ChatResult): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return {
    prompt_tokens: r.usage.promptTokens,
    completion_tokens: r.usage.completionTokens,
    total_tokens: r.usage.promptTokens + r.usage.completionTokens,
  };
}

export interface ChunkContext {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export function chatCompletionJson(ctx: ChunkContext, r: ChatResult): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: r.finishReason,
      },
    ],
    usage: usageJson(r),
    system_fingerprint: `chrysalis-${r.worker.imageId.slice(0, 16)}`,
    chrysalis: chrysalisExtension(r),
  };
}

export function chatChunkJson(
  ctx: ChunkContext,
  delta: Record<string, unknown>,
  finishReason: string | null,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  };
}

/** The usage-only chunk sent when `stream_options.include_usage` is set (empty `choices`, as OpenAI does). */
export function chatUsageChunkJson(
  ctx: ChunkContext,
  r: ChatResult,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: null,
    choices: [],
    usage: usageJson(r),
    ...extra,
  };
}

export function completionJson(ctx: ChunkContext, r: ChatResult): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ text: r.content, index: 0, logprobs: null, finish_reason: r.finishReason }],
    usage: usageJson(r),
    chrysalis: chrysalisExtension(r),
  };
}

export function completionChunkJson(
  ctx: ChunkContext,
  text: string,
  finishReason: string | null,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
    ...extra,
  };
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function errorJson(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): Record<string, unknown> {
  return { error: { message, type, param, code } };
}
