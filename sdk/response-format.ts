/**
 * The plaintext inside the sealed envelope, both ways (proto/sealing/response-chunk.ts is the worker's side):
 *   request:  UTF-8 JSON, an OpenAI chat-completions body (model, messages, max_tokens, temperature, top_p, stop, seed)
 *             plus `max_cost_nano` (decimal string): the reservation, which the broker cannot change
 *   response: each sealed (v2) frame's plaintext is a binary chunk:
 *               text  (non-final frames): 0x01 || UTF-8 text (one or more coalesced deltas)
 *               final (last frame):       0x02 || finish (0 stop, 1 length) || prompt_tokens u32 BE || completion_tokens u32 BE
 *               error (last frame):       0x03 || ASCII code, when inference failed after the request opened.
 *             Usage inside the sealed stream is authenticated by the worker's HPKE context, so the client holds the
 *             receipt's token counts to it. Order, integrity and the final frame are the opener's job (proto/sealing).
 * Kept free of imports from enclave-runtime so the SDK core stays runtime-agnostic.
 */
import { utf8 } from './bytes';
import { SdkError } from './errors';
import type { ChatRequest, Usage } from './types';

export function encodeChatRequest(req: ChatRequest, opts: { readonly maxCostNano?: bigint } = {}): Uint8Array {
  const body: Record<string, unknown> = { model: req.model, messages: req.messages.map((m) => ({ ...m })) };
  if (req.max_tokens !== undefined) body.max_tokens = req.max_tokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.top_p !== undefined) body.top_p = req.top_p;
  if (req.stop !== undefined) body.stop = req.stop;
  if (req.seed !== undefined) body.seed = req.seed;
  if (opts.maxCostNano !== undefined) body.max_cost_nano = opts.maxCostNano.toString();
  return utf8(JSON.stringify(body));
}

export interface ResponsePiece {
  readonly text?: string;
  /** Worker error code from an `{"error": {"code"}}` final frame. */
  readonly error?: string;
  readonly usage?: Usage;
  readonly finishReason?: 'stop' | 'length';
}

const CHUNK_TEXT = 0x01;
const CHUNK_FINAL = 0x02;
const CHUNK_ERROR = 0x03;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one opened frame's binary chunk. Throws SdkError SDK_STREAM_CORRUPT on anything else. */
export function decodeResponseChunk(data: Uint8Array): ResponsePiece {
  const corrupt = (why: string, cause?: unknown): never => {
    throw new SdkError('SDK_STREAM_CORRUPT', `response chunk: ${why}`, cause === undefined ? undefined : { cause });
  };
  switch (data[0]) {
    case CHUNK_TEXT: {
      if (data.length < 2) return corrupt('empty text');
      try {
        return { text: strictUtf8.decode(data.subarray(1)) };
      } catch (cause) {
        return corrupt('text is not UTF-8', cause);
      }
    }
    case CHUNK_FINAL: {
      if (data.length !== 10) return corrupt('final chunk length');
      const f = data[1];
      if (f !== 0 && f !== 1) return corrupt('unknown finish reason');
      const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      return {
        finishReason: f === 1 ? 'length' : 'stop',
        usage: { promptTokens: dv.getUint32(2), completionTokens: dv.getUint32(6) },
      };
    }
    case CHUNK_ERROR: {
      const code = String.fromCharCode(...data.subarray(1));
      return { error: /^[A-Z0-9_]{1,64}$/.test(code) ? code : 'WORKER_UNKNOWN' };
    }
    default:
      return corrupt('unknown chunk type');
  }
}
