/**
 * The cost cap of one request: the most it may charge (nanoton), at the worker's committed prices. Engines use it to
 * bound completion tokens; the worker checks the final usage against it before it signs a receipt.
 */
import { WorkerError } from '../errors';
import type { ChatMessage, CostCap, Usage } from './types';

export type { CostCap };

/** What `usage` costs at the cap's prices. */
export function costOf(cap: CostCap, usage: Usage): bigint {
  return cap.promptPriceNano * BigInt(usage.promptTokens) + cap.completionPriceNano * BigInt(usage.completionTokens);
}

/**
 * The completion tokens the cap leaves after a prompt of `promptTokens`: floor((cap - promptCost) / completionPrice),
 * or undefined when completion tokens are free. Throws WORKER_BUDGET_EXCEEDED when the prompt alone costs more.
 */
export function completionTokenLimit(cap: CostCap, promptTokens: number): number | undefined {
  const promptCost = cap.promptPriceNano * BigInt(promptTokens);
  if (promptCost > cap.capNano)
    throw new WorkerError('WORKER_BUDGET_EXCEEDED', 'the prompt alone costs more than the request may', {
      details: { promptTokens },
    });
  if (cap.completionPriceNano === 0n) return undefined;
  const n = (cap.capNano - promptCost) / cap.completionPriceNano;
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/** Throws WORKER_BUDGET_EXCEEDED when `usage` costs more than the cap (no receipt may be signed above it). */
export function assertWithinCap(cap: CostCap, usage: Usage): void {
  if (costOf(cap, usage) > cap.capNano)
    throw new WorkerError('WORKER_BUDGET_EXCEEDED', 'the usage costs more than the request may', {
      details: { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens },
    });
}

/**
 * An upper bound on the prompt tokens of `messages` for a byte-level BPE tokenizer with a chat template: UTF-8 bytes
 * of every content + 16 per message + 16 (the SDK reserves with the same bound).
 */
export function promptTokenBound(messages: readonly ChatMessage[]): number {
  let n = 16;
  for (const m of messages) n += Buffer.byteLength(m.content, 'utf8') + 16;
  return n;
}
