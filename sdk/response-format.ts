/**
 * The plaintext inside the sealed envelope, both ways (enclave-runtime/response-format.ts is the worker's side):
 *   request:  UTF-8 JSON, an OpenAI chat-completions body (model, messages, max_tokens, temperature, top_p, stop, seed)
 *   response: each sealed frame's plaintext is UTF-8 JSON:
 *               non-final frames: {"text": "<delta>"}
 *               final frame:      {"finish_reason": "stop"|"length", "usage": {"prompt_tokens": n, "completion_tokens": m}}
 *                                 or {"error": {"code": "WORKER_..."}} when inference failed after the request opened.
 *             Usage inside the sealed stream is authenticated by the worker's HPKE context, so the client holds the
 *             receipt's token counts to it. (camelCase `finishReason` / `promptTokens` are accepted too.)
 * Kept free of imports from enclave-runtime so the SDK core stays runtime-agnostic.
 */
import { fromUtf8, utf8 } from './bytes';
import { SdkError } from './errors';
import type { ChatRequest, Usage } from './types';

export function encodeChatRequest(req: ChatRequest): Uint8Array {
  const body: Record<string, unknown> = { model: req.model, messages: req.messages.map((m) => ({ ...m })) };
  if (req.max_tokens !== undefined) body.max_tokens = req.max_tokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.top_p !== undefined) body.top_p = req.top_p;
  if (req.stop !== undefined) body.stop = req.stop;
  if (req.seed !== undefined) body.seed = req.seed;
  return utf8(JSON.stringify(body));
}

export interface ResponsePiece {
  readonly text?: string;
  /** Worker error code from an `{"error": {"code"}}` final frame. */
  readonly error?: string;
  readonly usage?: Usage;
  readonly finishReason?: 'stop' | 'length';
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/** Decodes one opened frame. Throws SdkError SDK_STREAM_CORRUPT on anything else. */
export function decodeResponseChunk(data: Uint8Array): ResponsePiece {
  if (data.length === 0) return {};
  let j: unknown;
  try {
    j = JSON.parse(fromUtf8(data));
  } catch (cause) {
    throw new SdkError('SDK_STREAM_CORRUPT', 'response chunk is not UTF-8 JSON', { cause });
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new SdkError('SDK_STREAM_CORRUPT', 'response chunk is not an object');
  const o = j as Record<string, unknown>;
  const out: { text?: string; usage?: Usage; finishReason?: 'stop' | 'length'; error?: string } = {};
  if (o.error !== undefined) {
    const code = (o.error as { code?: unknown } | null)?.code;
    out.error = typeof code === 'string' && code.length > 0 ? code : 'WORKER_UNKNOWN';
  }
  if (o.text !== undefined) {
    if (typeof o.text !== 'string') throw new SdkError('SDK_STREAM_CORRUPT', 'response chunk text is not a string');
    out.text = o.text;
  }
  if (o.usage !== undefined) {
    const u = o.usage as Record<string, unknown> | null;
    const p = u?.promptTokens ?? u?.prompt_tokens;
    const c = u?.completionTokens ?? u?.completion_tokens;
    if (!isCount(p) || !isCount(c)) throw new SdkError('SDK_STREAM_CORRUPT', 'response usage is invalid');
    out.usage = { promptTokens: p, completionTokens: c };
  }
  const fr = o.finishReason ?? o.finish_reason;
  if (fr === 'stop' || fr === 'length') out.finishReason = fr;
  return out;
}
