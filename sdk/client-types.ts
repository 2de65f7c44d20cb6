/** The shapes ChrysalisClient takes and returns: its options, verified listings, model summaries, chat streams. */
import type { AttestationCache, BundleVerifier, BundleVerifyConfig } from './attested';
import type { BundleCacheOptions } from './bundle-cache';
import type { BrokerApi, FetchLike } from './broker-api';
import type { Ed25519Signer } from './bytes';
import type { SdkError } from './errors';
import type { AttestedWorker, ChatOptions, ChatResult, ChatStreamEvent, ModelPrice } from './types';
import type { VoucherSigner } from './voucher';
import type { VoucherStore } from './voucher-state';

export interface ChrysalisClientOptions {
  /** Broker base URL, or a `BrokerApi` implementation. */
  readonly broker: string | BrokerApi;
  /** The client's payment channel address (named in every receipt and voucher). */
  readonly channel: string;
  /** The channel's payer key: a 32-byte Ed25519 seed or a signer. It signs each submission. */
  readonly channelKey: Uint8Array | Ed25519Signer;
  /** How to verify bundles: `verifyBundle` options (registry required; `collateralSource`: own Intel collateral) ... */
  readonly verify?: BundleVerifyConfig;
  /** ... or a fail-closed verifier of one's own (tests, embedders). One of the two is required. */
  readonly bundleVerifier?: BundleVerifier;
  readonly cache?: BundleCacheOptions;
  /**
   * Registry prices per hex model id, for clients that pass `bundleVerifier` (with `verify`, the registry snapshot's
   * `modelPrices` are used). The default price cap of a model is its registry price; a model without one is refused
   * (SDK_PRICE_UNKNOWN).
   */
  readonly modelPrices?: Readonly<Record<string, ModelPrice>>;
  /** Lowers the price cap of every request (it can never rise above the registry price). */
  readonly maxPrice?: Partial<ModelPrice>;
  /** Completion tokens reserved for a request without `max_tokens` (default 1024). */
  readonly defaultMaxTokens?: number;
  /** OpenAI model names -> hex model ids. */
  readonly models?: Readonly<Record<string, string>>;
  /** Settlement: signs the prepay vouchers sent with requests. Absent: no vouchers are signed. */
  readonly voucherSigner?: VoucherSigner;
  /** The network id the vouchers name (contracts NETWORK_GLOBAL_ID). Required with `voucherSigner`. */
  readonly globalId?: number;
  /**
   * Where the voucher state lives (vouched, seq, owed, reservations). Default: a `MemoryVoucherStore` of this client
   * alone. Processes sharing a channel must share one store (Node: `SqliteVoucherStore`, sdk/node.ts).
   */
  readonly voucherStore?: VoucherStore;
  /** How long a worker listing is reused, in ms (default 2000; 0 = always ask the broker). */
  readonly listingTtlMs?: number;
  /** Per-request deadline in ms (default 120 000). */
  readonly timeoutMs?: number;
  /** Clock for bundle freshness, caches and the account-read timestamp (default `() => new Date()`). */
  readonly now?: () => Date;
  /** Uniform in [0, 1): picks among equally good workers, so traffic spreads over them (default Math.random). */
  readonly random?: () => number;
  readonly fetch?: FetchLike;
  /**
   * @internal A bundle cache shared with other clients (MultiBrokerClient: one per broker, one verifier). Its
   * verifier is the one used; `verify` / `bundleVerifier` still give the registry config and prices.
   */
  readonly sharedAttestation?: AttestationCache;
}

/** @internal Per-request hooks (MultiBrokerClient): told the broker's request id when it accepts the request. */
export interface InternalChatOptions extends ChatOptions {
  readonly onAccepted?: (requestId: string) => void;
}

/** A verified worker together with what the broker advertises about it. */
export interface VerifiedListing {
  readonly worker: AttestedWorker;
  readonly model: string;
  readonly prices: ModelPrice;
  readonly load: number;
}

/** A listed worker this client refused (its bundle did not verify, or the advertised keys differ). */
export interface RefusedListing {
  readonly workerId: string;
  readonly error: SdkError;
}

export interface ModelInfo {
  readonly id: string;
  readonly modelId: string;
  readonly workers: number;
  /** The lowest price of each kind among the verified workers serving it. */
  readonly prices: ModelPrice;
}

/** An answer being streamed: iterate for deltas; the last event is `done` with the verified result. */
export interface ChatStream extends AsyncIterable<ChatStreamEvent> {
  /** The verified result; settles when iteration finishes (or fails with the same SdkError). */
  readonly result: Promise<ChatResult>;
}
