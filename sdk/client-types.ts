/** The shapes ChrysalisClient takes and returns: its options, verified listings, model summaries, chat streams. */
import type { BundleVerifier, BundleVerifyConfig } from './attested';
import type { BundleCacheOptions } from './bundle-cache';
import type { BrokerApi, FetchLike } from './broker-api';
import type { Ed25519Signer } from './bytes';
import type { AttestedWorker, ChatResult, ChatStreamEvent } from './types';
import type { VoucherSigner } from './voucher';

export interface ChrysalisClientOptions {
  /** Broker base URL, or a `BrokerApi` implementation. */
  readonly broker: string | BrokerApi;
  /** The client's payment channel address (named in every receipt and voucher). */
  readonly channel: string;
  /** The channel's payer key: a 32-byte Ed25519 seed or a signer. It signs each submission. */
  readonly channelKey: Uint8Array | Ed25519Signer;
  /** How to verify bundles: `verifyBundle` options (registry required) ... */
  readonly verify?: BundleVerifyConfig;
  /** ... or a fail-closed verifier of one's own (tests, embedders). One of the two is required. */
  readonly bundleVerifier?: BundleVerifier;
  readonly cache?: BundleCacheOptions;
  /** Highest price per token accepted by default, in nanotons (default: no limit beyond 2^53-1). */
  readonly maxPriceNano?: bigint;
  /** OpenAI model names -> hex model ids. */
  readonly models?: Readonly<Record<string, string>>;
  /** Settlement: signs a voucher after each verified receipt. Absent: no vouchers are posted. */
  readonly voucherSigner?: VoucherSigner;
  /** Cumulative amount already signed on the channel (default 0; see `syncAccount()`). */
  readonly initialCumulativeNano?: bigint;
  /** How long a worker listing is reused, in ms (default 2000; 0 = always ask the broker). */
  readonly listingTtlMs?: number;
  /** Per-request deadline in ms (default 120 000). */
  readonly timeoutMs?: number;
  /** Clock for bundle freshness and caches (default `() => new Date()`). */
  readonly now?: () => Date;
  readonly fetch?: FetchLike;
}

/** A verified worker together with what the broker advertises about it. */
export interface VerifiedListing {
  readonly worker: AttestedWorker;
  readonly model: string;
  readonly priceNano: bigint;
  readonly load: number;
}

export interface ModelInfo {
  readonly id: string;
  readonly modelId: string;
  readonly workers: number;
  readonly minPriceNano: bigint;
}

/** An answer being streamed: iterate for deltas; the last event is `done` with the verified result. */
export interface ChatStream extends AsyncIterable<ChatStreamEvent> {
  /** The verified result; settles when iteration finishes (or fails with the same SdkError). */
  readonly result: Promise<ChatResult>;
}
