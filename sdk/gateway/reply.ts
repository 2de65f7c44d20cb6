/** Reply shaping shared by the gateway routes: OpenAI-shaped errors, receipt headers, model entries. */
import type { Response } from 'express';
import type { ChatResult } from '../types';
import type { ModelInfo } from '../client';
import { SdkError } from '../errors';
import { toBase64 } from '../bytes';
import { SDK_HTTP } from './errors';
import { errorJson } from './openai-shape';
import type { GatewayLogger } from './types';

export function sendError(
  res: Response,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): void {
  if (res.headersSent) return;
  res.status(status).json(errorJson(message, type, code, param));
}

export function errorOf(err: unknown): {
  status: number;
  type: string;
  code: string;
  message: string;
  retryAfter?: number;
} {
  if (err instanceof SdkError) {
    const shape = SDK_HTTP[err.code] ?? { status: 500, type: 'api_error' };
    const ra = err.details?.retryAfterS;
    return {
      status: shape.status,
      type: shape.type,
      code: err.code,
      message: err.message,
      ...(typeof ra === 'number' && Number.isFinite(ra) ? { retryAfter: ra } : {}),
    };
  }
  return { status: 500, type: 'api_error', code: 'GATEWAY_INTERNAL', message: 'internal error' };
}

export function receiptHeaders(res: Response, r: ChatResult): void {
  res.setHeader('x-chrysalis-receipt', toBase64(r.receipt.bytes));
  res.setHeader('x-chrysalis-signature', toBase64(r.receipt.signature));
  res.setHeader('x-chrysalis-image-id', r.worker.imageId);
  res.setHeader('x-chrysalis-model-id', r.worker.modelId);
  res.setHeader('x-chrysalis-worker-key', r.worker.workerKey);
}

export function usageOf(r: ChatResult): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return {
    prompt_tokens: r.usage.promptTokens,
    completion_tokens: r.usage.completionTokens,
    total_tokens: r.usage.promptTokens + r.usage.completionTokens,
  };
}

export function modelJson(m: ModelInfo): Record<string, unknown> {
  return {
    id: m.id,
    object: 'model',
    created: 0,
    owned_by: 'chrysalis',
    pricing: {
      prompt_nano_per_token: m.prices.promptNano.toString(),
      completion_nano_per_token: m.prices.completionNano.toString(),
    },
    chrysalis: { modelId: m.modelId, workers: m.workers },
  };
}

export function failBeforeStream(res: Response, err: unknown, logger: GatewayLogger | undefined): void {
  const e = errorOf(err);
  if (e.status >= 500) logger?.warn({ reqId: res.locals.requestId, code: e.code }, 'request failed');
  if (e.retryAfter !== undefined) res.setHeader('retry-after', String(Math.ceil(e.retryAfter)));
  sendError(res, e.status, e.message, e.type, e.code);
}
