/**
 * The reservation a request is sent with (`max_cost_nano`): the most it may cost at the worker's committed prices.
 *
 *   max_cost_nano    = promptPrice x promptTokenBound + completionPrice x max_tokens
 *   promptTokenBound = UTF-8 bytes of every message's content + 16 per message + 16
 *                      (byte-level BPE never yields more tokens than bytes; the 16s cover a chat template)
 *   max_tokens       = the request's, else the client's `defaultMaxTokens` (default 1024)
 *
 * The worker stops generating at it; the broker holds it until the request ends; the voucher covers it in advance.
 */
import type { ModelPrice } from '../attestation/bundle/verify-types';
import type { ChatMessage, ChatRequest } from './types';

export const DEFAULT_MAX_TOKENS = 1024;
const PER_MESSAGE = 16;
const PER_REQUEST = 16;

const encoder = new TextEncoder();

export function promptTokenBound(messages: readonly ChatMessage[]): number {
  let n = PER_REQUEST;
  for (const m of messages) n += encoder.encode(m.content).length + PER_MESSAGE;
  return n;
}

export function reservationNano(price: ModelPrice, req: ChatRequest, defaultMaxTokens = DEFAULT_MAX_TOKENS): bigint {
  const maxTokens = req.max_tokens ?? defaultMaxTokens;
  return price.promptNano * BigInt(promptTokenBound(req.messages)) + price.completionNano * BigInt(maxTokens);
}

/** True when both of `p`'s prices are at most `cap`'s. */
export function withinPrice(p: ModelPrice, cap: ModelPrice): boolean {
  return p.promptNano <= cap.promptNano && p.completionNano <= cap.completionNano;
}

/** `cap` lowered by `limit` (a limit above the cap changes nothing). */
export function lowerCap(cap: ModelPrice, limit: Partial<ModelPrice> | undefined): ModelPrice {
  if (!limit) return cap;
  const p = limit.promptNano;
  const c = limit.completionNano;
  return {
    promptNano: p !== undefined && p < cap.promptNano ? p : cap.promptNano,
    completionNano: c !== undefined && c < cap.completionNano ? c : cap.completionNano,
  };
}
