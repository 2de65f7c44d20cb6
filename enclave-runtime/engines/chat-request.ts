/** Validation of the OpenAI chat-completions JSON body the client sealed. */
import { WorkerError } from '../errors';
import type { ChatMessage, GenerateRequest } from './types';

const ROLES = new Set(['system', 'user', 'assistant', 'developer']);
export const MAX_STOP_SEQUENCES = 4;

function bad(msg: string): never {
  throw new WorkerError('ENGINE_REQUEST_INVALID', msg);
}

function contentText(c: unknown): string {
  if (typeof c === 'string') return c;
  // OpenAI content parts: [{type: 'text', text}]
  if (Array.isArray(c)) {
    return c
      .map((p) => {
        if (
          p &&
          typeof p === 'object' &&
          (p as { type?: unknown }).type === 'text' &&
          typeof (p as { text?: unknown }).text === 'string'
        ) {
          return (p as { text: string }).text;
        }
        return bad('only text content parts are supported');
      })
      .join('');
  }
  return bad('message content must be a string or text parts');
}

const U64_MAX = (1n << 64n) - 1n;

/** `max_cost_nano`: absent, or a decimal string of a u64. */
function costCapOf(v: unknown): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,19})$/.test(v) || BigInt(v) > U64_MAX)
    bad('max_cost_nano must be a decimal string of an unsigned 64-bit integer');
  return BigInt(v);
}

/** Parse and validate request bytes (UTF-8 JSON). Throws ENGINE_REQUEST_INVALID. */
export function parseChatRequest(body: Uint8Array | unknown): GenerateRequest {
  let j: unknown = body;
  if (body instanceof Uint8Array) {
    try {
      j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      bad('request body is not UTF-8 JSON');
    }
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) bad('request body must be a JSON object');
  const o = j as Record<string, unknown>;
  if (!Array.isArray(o.messages) || o.messages.length === 0) bad('messages must be a non-empty array');
  const messages: ChatMessage[] = (o.messages as unknown[]).map((m) => {
    if (!m || typeof m !== 'object') bad('each message must be an object');
    const r = (m as { role?: unknown }).role;
    if (typeof r !== 'string' || !ROLES.has(r)) bad('message role must be system, developer, user or assistant');
    return {
      role: r === 'developer' ? 'system' : (r as ChatMessage['role']),
      content: contentText((m as { content?: unknown }).content),
    };
  });
  const num = (k: string, min: number, max: number, int: boolean): number | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v)))
      bad(`${k} out of range`);
    return v;
  };
  const maxTokens = num('max_completion_tokens', 1, 1 << 20, true) ?? num('max_tokens', 1, 1 << 20, true);
  const temperature = num('temperature', 0, 2, false);
  const topP = num('top_p', 0, 1, false);
  const seed = num('seed', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  let stop: string[] | undefined;
  if (typeof o.stop === 'string') stop = [o.stop];
  else if (Array.isArray(o.stop))
    stop = o.stop.map((s) => (typeof s === 'string' && s.length > 0 ? s : bad('stop must be strings')));
  else if (o.stop !== undefined && o.stop !== null) bad('stop must be a string or an array of strings');
  if (stop && stop.length > MAX_STOP_SEQUENCES) bad(`at most ${MAX_STOP_SEQUENCES} stop sequences`);
  if (o.n !== undefined && o.n !== 1) bad('only n = 1 is supported');
  const maxCostNano = costCapOf(o.max_cost_nano);
  const req: { -readonly [K in keyof GenerateRequest]: GenerateRequest[K] } = { messages };
  if (typeof o.model === 'string') req.model = o.model;
  if (maxTokens !== undefined) req.maxTokens = maxTokens;
  if (temperature !== undefined) req.temperature = temperature;
  if (topP !== undefined) req.topP = topP;
  if (stop) req.stop = stop;
  if (seed !== undefined) req.seed = seed;
  if (o.ignore_eos === true) req.ignoreEos = true;
  if (maxCostNano !== undefined) req.maxCostNano = maxCostNano;
  return req;
}
