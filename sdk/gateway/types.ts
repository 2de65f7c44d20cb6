import type { ChatOptions, ChatRequest, ChatStreamEvent } from '../types';
import type { ModelInfo } from '../client';

/** What the gateway needs from the SDK (a `ChrysalisClient` is one). */
export interface GatewayClient {
  stream(req: ChatRequest, opts?: ChatOptions): AsyncIterable<ChatStreamEvent>;
  models(opts?: { readonly refresh?: boolean }): Promise<ModelInfo[]>;
}

/** Minimal structured logger (pino's shape). */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
