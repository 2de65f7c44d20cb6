/**
 * What is inside each sealed response frame — the plaintext the SDK sees after `ResponseOpener.open` — shared by the
 * worker and the SDK: UTF-8 JSON.
 *   non-final frames : {"text": "<delta>"}
 *   final frame      : {"finish_reason": "stop"|"length", "usage": {"prompt_tokens": n, "completion_tokens": m}}
 *                      or, if inference failed after the request was opened: {"error": {"code": "<WorkerErrorCode>"}}
 * The receipt follows the final frame in the clear (it reveals counts and digests, never content).
 */
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

const enc = new TextEncoder();
export function encodeResponseChunk(c: ResponseChunk): Uint8Array {
  return enc.encode(JSON.stringify(c));
}
/** Parse a frame's plaintext; throws SyntaxError on garbage (the frame authenticated, so this is a worker bug). */
export function decodeResponseChunk(b: Uint8Array): ResponseChunk {
  return JSON.parse(new TextDecoder().decode(b)) as ResponseChunk;
}
