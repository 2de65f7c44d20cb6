/**
 * One request's stream, from the broker's first frame to a verified receipt:
 *   accepted (worker and price as chosen) -> sealed chunks opened strictly in order (deltas) -> final frame
 *   -> receipt verified against the attested key and everything observed (receipt-check.ts).
 * Pure with respect to I/O: it consumes an iterable of broker stream events.
 */
import type { ResponseOpener } from '../proto/sealing';
import type { StreamEvent } from './broker-api';
import { SdkError, type SdkErrorCode } from './errors';
import { checkReceipt, type ReceiptExpectations } from './receipt-check';
import { decodeResponseChunk } from './response-format';
import type { AttestedWorker, ChatRequest, Usage, VerifiedReceipt } from './types';

export interface ExchangeContext {
  readonly req: ChatRequest;
  readonly worker: AttestedWorker;
  readonly opener: ResponseOpener;
  readonly sealed: Uint8Array;
  readonly requestDigest: Uint8Array;
  /** The reservation sent with the request (`max_cost_nano`). */
  readonly maxCostNano: bigint;
  readonly channel: string;
}

export type ExchangeEvent =
  | { readonly type: 'delta'; readonly text: string }
  | {
      readonly type: 'verified';
      readonly content: string;
      readonly finishReason: 'stop' | 'length';
      readonly receipt: VerifiedReceipt;
    };

/** Broker stream error codes -> SDK codes. */
const STREAM_ERROR_CODES: Readonly<Record<string, SdkErrorCode>> = {
  BROKER_TIMEOUT: 'SDK_TIMEOUT',
  BROKER_RATE_LIMITED: 'SDK_RATE_LIMITED',
  BROKER_OVERLOADED: 'SDK_RATE_LIMITED',
  BROKER_BAD_RECEIPT: 'SDK_RECEIPT_INVALID',
};

/**
 * Yields deltas, then one `verified` event. Throws SdkError: SDK_STREAM_CORRUPT, SDK_STREAM_TRUNCATED,
 * SDK_BROKER_RESPONSE_INVALID, SDK_WORKER_FAILED, SDK_TIMEOUT, SDK_RATE_LIMITED, SDK_RECEIPT_MISSING,
 * SDK_RECEIPT_INVALID, SDK_RECEIPT_MISMATCH.
 */
export async function* consumeStream(
  events: AsyncIterable<StreamEvent>,
  ctx: ExchangeContext,
): AsyncGenerator<ExchangeEvent> {
  let accepted: Extract<StreamEvent, { kind: 'accepted' }> | undefined;
  const frames: Uint8Array[] = [];
  let content = '';
  let usage: Usage | undefined;
  let finishReason: 'stop' | 'length' = 'stop';
  let finalSeen = false;
  for await (const ev of events) {
    if (ev.kind === 'accepted') {
      if (accepted) throw new SdkError('SDK_STREAM_CORRUPT', 'second accepted frame');
      if (ev.workerId !== ctx.worker.workerId) {
        throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'broker routed the request to another worker');
      }
      if (
        ev.promptPriceNano !== ctx.worker.prices.promptNano ||
        ev.completionPriceNano !== ctx.worker.prices.completionNano
      ) {
        throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'broker accepted at prices other than the attested ones');
      }
      if (ev.maxCostNano !== ctx.maxCostNano)
        throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'broker accepted with another reservation');
      accepted = ev;
      continue;
    }
    if (!accepted) throw new SdkError('SDK_STREAM_CORRUPT', 'stream did not start with an accepted frame');
    if (ev.kind === 'chunk') {
      if (finalSeen) throw new SdkError('SDK_STREAM_CORRUPT', 'chunk after the final frame');
      let opened: { data: Uint8Array; final: boolean };
      try {
        opened = ctx.opener.open(ev.frame);
      } catch (cause) {
        throw new SdkError('SDK_STREAM_CORRUPT', 'a response frame failed to open', {
          cause,
          details: { causeCode: (cause as { code?: string }).code },
        });
      }
      frames.push(ev.frame);
      const piece = decodeResponseChunk(opened.data);
      if (piece.error !== undefined) {
        throw new SdkError('SDK_WORKER_FAILED', `worker failed: ${piece.error}`, {
          details: { workerCode: piece.error, framesReceived: frames.length },
        });
      }
      if (piece.usage) usage = piece.usage;
      if (piece.finishReason) finishReason = piece.finishReason;
      if (piece.text) {
        content += piece.text;
        yield { type: 'delta', text: piece.text };
      }
      if (opened.final) finalSeen = true;
      continue;
    }
    if (ev.kind === 'error') {
      const code = STREAM_ERROR_CODES[ev.code] ?? 'SDK_WORKER_FAILED';
      const retryable = !ev.fatal && frames.length === 0;
      throw new SdkError(
        frames.length > 0 && code === 'SDK_WORKER_FAILED' && !finalSeen ? 'SDK_STREAM_TRUNCATED' : code,
        `request failed: ${ev.code}`,
        {
          details: { brokerCode: ev.code, framesReceived: frames.length },
          retryable,
        },
      );
    }
    // receipt
    if (!finalSeen) {
      try {
        ctx.opener.finish();
      } catch (cause) {
        throw new SdkError('SDK_STREAM_TRUNCATED', 'receipt arrived before the final response frame', { cause });
      }
    }
    const receipt = await checkReceipt(ev.receipt, ev.signature, {
      worker: ctx.worker,
      requestDigest: ctx.requestDigest,
      sealed: ctx.sealed,
      frames,
      channel: ctx.channel,
      seq: accepted.seq,
      prices: { promptNano: accepted.promptPriceNano, completionNano: accepted.completionPriceNano },
      maxCostNano: ctx.maxCostNano,
      ...(usage ? { usage } : {}),
      ...(ctx.req.max_tokens !== undefined ? { maxTokens: ctx.req.max_tokens } : {}),
    } satisfies ReceiptExpectations);
    yield { type: 'verified', content, finishReason, receipt };
    return;
  }
  if (!accepted) throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended before it was accepted', { retryable: true });
  if (!finalSeen)
    throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended before the final response frame', {
      details: { framesReceived: frames.length },
    });
  throw new SdkError('SDK_RECEIPT_MISSING', 'stream ended without a receipt');
}
