/**
 * What is inside each sealed response frame (v2 frames) — the plaintext the SDK sees after `ResponseOpener.open` —
 * shared by the worker and the SDK (sdk/response-format.ts decodes the same bytes without importing this file).
 * A compact binary encoding (no JSON per token):
 *   text  (non-final frames): 0x01 || UTF-8 text           one or more coalesced deltas, never empty text
 *   final (last frame)      : 0x02 || finish(1) || prompt_tokens(4, BE) || completion_tokens(4, BE)
 *                             finish: 0x00 "stop", 0x01 "length"
 *   error (last frame)      : 0x03 || ASCII code ([A-Z0-9_]{1,64}) if inference failed after the request was opened
 * The receipt follows the final frame in the clear (it reveals counts and digests, never content).
 */
import { SealError } from './errors';

export interface ResponseTextChunk {
  readonly text: string;
}
export interface ResponseFinalChunk {
  readonly finish_reason: 'stop' | 'length';
  readonly usage: { readonly prompt_tokens: number; readonly completion_tokens: number };
}
export interface ResponseErrorChunk {
  readonly error: { readonly code: string };
}
export type ResponseChunk = ResponseTextChunk | ResponseFinalChunk | ResponseErrorChunk;

export const CHUNK_TEXT = 0x01;
export const CHUNK_FINAL = 0x02;
export const CHUNK_ERROR = 0x03;
const FINISH = { stop: 0, length: 1 } as const;
const CODE_RE = /^[A-Z0-9_]{1,64}$/;

const utf8Encoder = new TextEncoder();
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** Encode one chunk. Throws TypeError on a count outside u32 or an error code outside [A-Z0-9_]{1,64}. */
export function encodeResponseChunk(c: ResponseChunk): Uint8Array {
  if ('text' in c) {
    // straight into an unpooled array: no intermediate copy, no plaintext left behind in Buffer's shared pool
    const out = new Uint8Array(1 + Buffer.byteLength(c.text, 'utf8'));
    out[0] = CHUNK_TEXT;
    utf8Encoder.encodeInto(c.text, out.subarray(1));
    return out;
  }
  if ('usage' in c) {
    const { prompt_tokens: p, completion_tokens: m } = c.usage;
    if (!isCount(p) || !isCount(m)) throw new TypeError('token counts must be u32');
    const out = new Uint8Array(10);
    const dv = new DataView(out.buffer);
    out[0] = CHUNK_FINAL;
    out[1] = c.finish_reason === 'length' ? FINISH.length : FINISH.stop;
    dv.setUint32(2, p);
    dv.setUint32(6, m);
    return out;
  }
  if (!CODE_RE.test(c.error.code)) throw new TypeError('error code must match [A-Z0-9_]{1,64}');
  const out = new Uint8Array(1 + c.error.code.length);
  out[0] = CHUNK_ERROR;
  for (let i = 0; i < c.error.code.length; i++) out[i + 1] = c.error.code.charCodeAt(i);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parse a frame's plaintext. Throws SealError SEAL_CHUNK_MALFORMED on an unknown type, a bad length, invalid
 * UTF-8, an unknown finish reason or a bad error code (the frame authenticated, so this is a worker bug).
 */
export function decodeResponseChunk(b: Uint8Array): ResponseChunk {
  const bad = (why: string): never => {
    throw new SealError('SEAL_CHUNK_MALFORMED', `response chunk: ${why}`);
  };
  switch (b[0]) {
    case CHUNK_TEXT: {
      if (b.length < 2) return bad('empty text');
      let text: string;
      try {
        text = utf8.decode(b.subarray(1));
      } catch {
        return bad('text is not UTF-8');
      }
      return { text };
    }
    case CHUNK_FINAL: {
      if (b.length !== 10) return bad('final chunk length');
      const f = b[1];
      if (f !== FINISH.stop && f !== FINISH.length) return bad('finish reason');
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return {
        finish_reason: f === FINISH.length ? 'length' : 'stop',
        usage: { prompt_tokens: dv.getUint32(2), completion_tokens: dv.getUint32(6) },
      };
    }
    case CHUNK_ERROR: {
      const code = String.fromCharCode(...b.subarray(1));
      if (!CODE_RE.test(code)) return bad('error code');
      return { error: { code } };
    }
    default:
      return bad('unknown chunk type');
  }
}
