import type { ModelPrice } from '../attestation/bundle/verify-types';

export type { ModelPrice } from '../attestation/bundle/verify-types';

/**
 * Public data types of the SDK. Requests are OpenAI chat-completions shaped (that is what the worker opens inside
 * the sealed envelope); results carry the verified receipt and the attested identity of the worker that served them.
 */

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'developer';
  readonly content: string;
  readonly name?: string;
}

/** The sealed plaintext: an OpenAI chat-completions request body (only these fields are forwarded). */
export interface ChatRequest {
  /** Model name (as the broker lists it) or hex model id. */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
}

export interface ChatOptions {
  /**
   * Lowers the price cap for this request (nanotons per prompt / completion token). The cap starts at the registry's
   * price of the model and can only go down: a value above it changes nothing.
   */
  readonly maxPrice?: Partial<ModelPrice>;
  /** Aborts discovery, the request and the stream. */
  readonly signal?: AbortSignal;
}

/** A worker that this SDK itself verified (never taken from the broker's word). */
export interface AttestedWorker {
  /** Broker-assigned worker id (routing only, not trusted). */
  readonly workerId: string;
  /** Hex Ed25519 signing key bound in the attested claims: receipts must verify against it. */
  readonly workerKey: string;
  readonly hpkePublicKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  /** Hex image id / platform id / model id from the verified quote and claims. */
  readonly imageId: string;
  readonly platformId: string;
  readonly modelId: string;
  /** Prices committed in the attested claims (nanotons per prompt / completion token). */
  readonly prices: ModelPrice;
  /** Hex SHA-256 of the exact bundle bytes that were verified. */
  readonly bundleDigest: string;
  readonly tcbStatus?: string;
  /** True when the worker verified only under roots other than Intel's production root (e.g. SIMULATED devnet roots). */
  readonly simulatedRoots?: boolean;
}

/** A worker as the broker advertises it, before verification. */
export interface WorkerListing {
  readonly workerId: string;
  /** Model name as advertised (informational; the attested model id decides). */
  readonly model: string;
  /** Hex model id as advertised (must equal the attested one). */
  readonly modelId: string;
  /** Advertised prices (must equal the attested claims' prices). */
  readonly prices: ModelPrice;
  /** Queue length x recent latency, or any monotone load figure: lower is better. */
  readonly load: number;
  readonly bundle: Uint8Array;
  /** Advertised keys (must equal the attested ones, or the listing is treated as a key rotation). */
  readonly hpkePublicKey?: Uint8Array;
  readonly signingPublicKey?: Uint8Array;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface VerifiedReceipt {
  /** Canonical receipt bytes as signed by the worker. */
  readonly bytes: Uint8Array;
  readonly signature: Uint8Array;
  readonly requestDigest: Uint8Array;
  readonly responseDigest: Uint8Array;
  readonly modelId: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly promptPriceNano: bigint;
  readonly completionPriceNano: bigint;
  /** promptPriceNano x promptTokens + completionPriceNano x completionTokens. */
  readonly amountNano: bigint;
  readonly channel: string;
  readonly seq: bigint;
  readonly workerKey: string;
}

export interface ChatResult {
  readonly content: string;
  readonly finishReason: 'stop' | 'length';
  readonly usage: Usage;
  readonly receipt: VerifiedReceipt;
  readonly worker: AttestedWorker;
  /** Amount this request added to the channel (the receipt's amount), in nanotons. */
  readonly costNano: bigint;
  /** The reservation the request was sent with (`max_cost_nano`); `costNano` never exceeds it. */
  readonly maxCostNano: bigint;
  /** Cumulative amount signed in vouchers on the channel after this request, when settlement is enabled. */
  readonly cumulativeNano?: bigint;
  /** Sum of every verified receipt on the channel after this request, when settlement is enabled. */
  readonly owedNano?: bigint;
}

export type ChatStreamEvent =
  { readonly type: 'delta'; readonly text: string } | { readonly type: 'done'; readonly result: ChatResult };
