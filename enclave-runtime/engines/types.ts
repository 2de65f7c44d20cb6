/** The interface every inference engine implements (brief: "Engines (E)"). */

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A validated chat-completions request (OpenAI shape, the fields chrysalis honours). */
export interface GenerateRequest {
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  /** Maximum completion tokens (`max_tokens` or `max_completion_tokens`). */
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** vLLM's `ignore_eos`: keep generating past end-of-turn tokens (benchmarks). */
  readonly ignoreEos?: boolean;
  /** The client's cost cap from the sealed body (`max_cost_nano`, decimal string), nanoton. */
  readonly maxCostNano?: bigint;
  /** Set by the worker: the effective cost cap at the committed prices; the engine bounds completion tokens by it. */
  readonly costCap?: CostCap;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type FinishReason = 'stop' | 'length';

export type EngineEvent = { readonly text: string } | { readonly usage: Usage; readonly finishReason: FinishReason };

export interface InferenceEngine {
  /** 'onnx' | 'openai-upstream'. */
  readonly kind: string;
  /** 32-byte model id (SHA-256, see model/model-id.ts) that goes into claims and receipts. */
  readonly modelId: Uint8Array;
  /** Human-readable model name, e.g. `chrysalis-tiny-test@gen1+seed.x`. */
  readonly modelName: string;
  /**
   * Stream the completion: zero or more `{ text }` then exactly one `{ usage, finishReason }` last.
   * With `req.costCap`, completion tokens stop where the cap ends (finish `length`).
   * Throws WorkerError: ENGINE_REQUEST_INVALID, ENGINE_CONTEXT_EXCEEDED, ENGINE_BACKEND_FAILED, ENGINE_USAGE_MISSING,
   * ENGINE_ABORTED, WORKER_BUDGET_EXCEEDED (the prompt alone exceeds the cap).
   */
  generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent>;
  close(): Promise<void>;
}

/** A request's cost cap: the most it may cost and the prices it is charged at (engines/cost-cap.ts). */
export interface CostCap {
  /** The most the request may cost, nanoton. */
  readonly capNano: bigint;
  readonly promptPriceNano: bigint;
  readonly completionPriceNano: bigint;
}
