/**
 * ChrysalisClient: attested, end-to-end encrypted, receipted inference through a broker.
 *
 *   discover (broker) -> verify bundles itself (cached by digest) -> choose (model, price <= max, load)
 *   -> seal (HPKE to the attested key) -> sign (channel key) -> stream + open (sealed frames)
 *   -> verify receipt (attested signing key, digests, tokens, price, channel, seq) -> voucher (cumulative) -> result
 *
 * The core uses only fetch, WebCrypto and Uint8Array (no Node-only API of its own); file-reading helpers live in
 * `node.ts`. Every failure is an `SdkError` with a stable `SDK_*` code.
 */
import { AttestationCache, defaultBundleVerifier } from './attested';
import { HttpBrokerApi, type BrokerApi } from './broker-api';
import { bytesEqual, ed25519SignerFromSeed, toHex, type Ed25519Signer } from './bytes';
import { toChatStream } from './chat-stream';
import type { ChatStream, ChrysalisClientOptions, ModelInfo, VerifiedListing } from './client-types';
import { SdkError } from './errors';
import { consumeStream } from './exchange';
import { validateRequest } from './request-validation';
import { Settlement } from './settlement';
import { filterListings, resolveModelId, type Candidate } from './select';
import { submitSealed } from './submit';
import type { AttestedWorker, ChatOptions, ChatRequest, ChatResult, ChatStreamEvent, WorkerListing } from './types';

export type { ChatStream, ChrysalisClientOptions, ModelInfo, VerifiedListing } from './client-types';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class ChrysalisClient {
  readonly channel: string;
  private readonly broker: BrokerApi;
  private readonly attestation: AttestationCache;
  private readonly signerP: Promise<Ed25519Signer>;
  private readonly maxPriceNano: bigint;
  private readonly aliases: Readonly<Record<string, string>>;
  private readonly settlement: Settlement | undefined;
  private readonly listingTtlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private listingCache: { at: number; listings: WorkerListing[] } | undefined;
  private cumulativeStart: bigint;

  constructor(opts: ChrysalisClientOptions) {
    if (!opts || typeof opts !== 'object') throw new SdkError('SDK_CONFIG_INVALID', 'options are required');
    if (typeof opts.channel !== 'string' || opts.channel.length === 0)
      throw new SdkError('SDK_CONFIG_INVALID', 'channel is required');
    this.channel = opts.channel;
    this.broker =
      typeof opts.broker === 'string'
        ? new HttpBrokerApi(opts.broker, opts.fetch ? { fetch: opts.fetch } : {})
        : opts.broker;
    const verifier = opts.bundleVerifier ?? (opts.verify ? defaultBundleVerifier(opts.verify) : undefined);
    if (!verifier)
      throw new SdkError('SDK_CONFIG_INVALID', 'verify (with a registry snapshot) or bundleVerifier is required');
    this.attestation = new AttestationCache(verifier, opts.cache ?? {});
    const key = opts.channelKey;
    if (key instanceof Uint8Array) {
      if (key.length !== 32) throw new SdkError('SDK_CONFIG_INVALID', 'channelKey seed must be 32 bytes');
      this.signerP = ed25519SignerFromSeed(key);
    } else if (key && key.publicKey instanceof Uint8Array && typeof key.sign === 'function') {
      this.signerP = Promise.resolve(key);
    } else throw new SdkError('SDK_CONFIG_INVALID', 'channelKey must be a 32-byte seed or an Ed25519 signer');
    this.signerP.catch(() => undefined);
    this.maxPriceNano = opts.maxPriceNano ?? MAX_SAFE;
    if (this.maxPriceNano < 0n) throw new SdkError('SDK_CONFIG_INVALID', 'maxPriceNano must not be negative');
    this.aliases = opts.models ?? {};
    this.cumulativeStart = opts.initialCumulativeNano ?? 0n;
    this.settlement = opts.voucherSigner
      ? new Settlement(opts.voucherSigner, this.broker, this.channel, this.cumulativeStart)
      : undefined;
    this.listingTtlMs = opts.listingTtlMs ?? 2000;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.now = opts.now ?? (() => new Date());
  }

  /** The channel key's 32-byte Ed25519 public key. */
  async clientKey(): Promise<Uint8Array> {
    return (await this.signerP).publicKey;
  }

  /** Cumulative amount signed in vouchers so far, in nanotons. */
  get cumulativeNano(): bigint {
    return this.settlement?.cumulative ?? this.cumulativeStart;
  }

  /** Bundle-cache counters (hits, misses, failures). */
  get cacheStats(): Readonly<{ hits: number; misses: number; failures: number }> {
    return { ...this.attestation.stats };
  }

  /** Sets the cumulative voucher amount from the broker's ledger (`vouchedNano`), e.g. after a restart. */
  async syncAccount(signal?: AbortSignal): Promise<bigint> {
    const acct = await this.broker.getAccount(toHex(await this.clientKey()), signal);
    if (acct.vouchedNano > this.cumulativeNano) {
      if (this.settlement) this.settlement.cumulative = acct.vouchedNano;
      else this.cumulativeStart = acct.vouchedNano;
    }
    return this.cumulativeNano;
  }

  private async listings(refresh: boolean, signal?: AbortSignal): Promise<WorkerListing[]> {
    const t = Date.now();
    const c = this.listingCache;
    if (!refresh && c && this.listingTtlMs > 0 && t - c.at >= 0 && t - c.at < this.listingTtlMs) return c.listings;
    const listings = await this.broker.listWorkers({}, signal);
    this.listingCache = { at: t, listings };
    return listings;
  }

  /**
   * Every worker the broker lists whose bundle THIS client verified (refused ones are left out).
   * Throws SDK_BROKER_* on transport problems.
   */
  async listWorkers(
    opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {},
  ): Promise<VerifiedListing[]> {
    const listings = await this.listings(opts.refresh ?? false, opts.signal);
    const now = this.now();
    const out: VerifiedListing[] = [];
    for (const l of listings) {
      try {
        const worker = await this.verifyListing(l, now);
        out.push({ worker, model: l.model, priceNano: l.priceNano, load: l.load });
      } catch {
        /* refused: fail closed, never listed */
      }
    }
    return out;
  }

  /**
   * Models served by at least one verified worker: `id` is the alias from the `models` option, the name the broker
   * lists, or the hex model id, in that order of preference.
   */
  async models(opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const workers = await this.listWorkers(opts);
    const byId = new Map<string, { id: string; modelId: string; workers: number; minPriceNano: bigint }>();
    for (const w of workers) {
      const modelId = w.worker.modelId;
      const alias = Object.keys(this.aliases).find((k) => this.aliases[k]?.toLowerCase() === modelId);
      const e = byId.get(modelId);
      if (e) {
        e.workers++;
        if (w.priceNano < e.minPriceNano) e.minPriceNano = w.priceNano;
      } else byId.set(modelId, { id: alias ?? w.model, modelId, workers: 1, minPriceNano: w.priceNano });
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Verify one listing: the bundle itself, then that the advertised ids and keys equal the attested ones. */
  private async verifyListing(l: WorkerListing, now: Date): Promise<AttestedWorker> {
    const w = await this.attestation.verify(l.workerId, l.bundle, now);
    const mismatch =
      w.modelId !== l.modelId.toLowerCase() ||
      (l.signingPublicKey !== undefined && !bytesEqual(l.signingPublicKey, w.signingPublicKey)) ||
      (l.hpkePublicKey !== undefined && !bytesEqual(l.hpkePublicKey, w.hpkePublicKey));
    if (mismatch) {
      throw new SdkError(
        'SDK_BUNDLE_KEY_MISMATCH',
        'broker advertises ids or keys that differ from the attested ones',
        {
          details: { workerId: l.workerId, bundleDigest: w.bundleDigest },
        },
      );
    }
    return w;
  }

  /** Pick a verified worker for `model` within `maxPrice`. Throws SDK_NO_WORKER or SDK_BUNDLE_INVALID. */
  private async pick(model: string, maxPrice: bigint, refresh: boolean, signal?: AbortSignal): Promise<Candidate> {
    const listings = await this.listings(refresh, signal);
    const modelId = resolveModelId(model, listings, this.aliases);
    if (!modelId) throw new SdkError('SDK_NO_WORKER', 'no worker serves this model', { details: { model } });
    const fit = filterListings(listings, modelId, maxPrice);
    if (fit.length === 0)
      throw new SdkError('SDK_NO_WORKER', 'no worker serves this model within the price', { details: { model } });
    const now = this.now();
    let firstRefusal: unknown;
    // `fit` is already in preference order (load, then price): verify in that order and take the first that passes,
    // so a large pool costs one verification per request on a cache miss, not one per worker.
    for (const listing of fit) {
      try {
        return { listing, worker: await this.verifyListing(listing, now) };
      } catch (e) {
        firstRefusal ??= e;
      }
    }
    throw firstRefusal instanceof SdkError
      ? firstRefusal
      : new SdkError('SDK_BUNDLE_INVALID', 'no worker bundle verified', { cause: firstRefusal });
  }

  /** One request, not streamed: resolves with the verified result. */
  async chat(req: ChatRequest, opts: ChatOptions = {}): Promise<ChatResult> {
    for await (const ev of this.stream(req, opts)) {
      if (ev.type === 'done') return ev.result;
    }
    /* istanbul ignore next: stream always ends with done or throws */
    throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
  }

  /** One request, streamed: deltas as they are opened, then `done` once the receipt is verified. */
  stream(req: ChatRequest, opts: ChatOptions = {}): ChatStream {
    return toChatStream(() => this.run(req, opts));
  }

  private async *run(req: ChatRequest, opts: ChatOptions): AsyncGenerator<ChatStreamEvent> {
    validateRequest(req);
    const maxPrice = opts.maxPriceNano ?? this.maxPriceNano;
    const ctl = new AbortController();
    const onAbort = (): void => ctl.abort();
    if (opts.signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    (timer as { unref?: () => void }).unref?.();
    try {
      let yielded = false;
      for (let attempt = 0; ; attempt++) {
        try {
          const cand = await this.pick(req.model, maxPrice, attempt > 0, ctl.signal);
          for await (const ev of this.attempt(req, cand, maxPrice, ctl.signal)) {
            if (ev.type === 'delta') yielded = true;
            yield ev;
          }
          return;
        } catch (e) {
          if (ctl.signal.aborted) {
            throw opts.signal?.aborted
              ? new SdkError('SDK_ABORTED', 'request aborted', { cause: e })
              : new SdkError('SDK_TIMEOUT', 'request timed out', { cause: e });
          }
          // Key rotation, a worker lost before its first chunk, a stale listing: refresh, re-verify, retry once.
          if (attempt === 0 && !yielded && e instanceof SdkError && e.retryable) continue;
          // The broker lost our last voucher (it answers 402 BROKER_VOUCHER_REQUIRED): post it again, retry once.
          if (
            attempt === 0 &&
            !yielded &&
            e instanceof SdkError &&
            e.details?.brokerCode === 'BROKER_VOUCHER_REQUIRED' &&
            this.settlement?.lastVoucher
          ) {
            try {
              await this.broker.postVoucher(this.settlement.lastVoucher, ctl.signal);
            } catch {
              throw e;
            }
            continue;
          }
          throw e;
        }
      }
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async *attempt(
    req: ChatRequest,
    cand: Candidate,
    maxPrice: bigint,
    signal: AbortSignal,
  ): AsyncGenerator<ChatStreamEvent> {
    const { worker } = cand;
    const signer = await this.signerP;
    const { events, context } = await submitSealed(this.broker, signer, {
      req,
      cand,
      maxPrice,
      channel: this.channel,
      signal,
    });
    for await (const ev of consumeStream(events, context)) {
      if (ev.type === 'delta') {
        yield ev;
        continue;
      }
      const receipt = ev.receipt;
      const costNano = BigInt(receipt.promptTokens + receipt.completionTokens) * receipt.priceNano;
      const settled = await this.settle(costNano);
      const result: ChatResult = {
        content: ev.content,
        finishReason: ev.finishReason,
        usage: { promptTokens: receipt.promptTokens, completionTokens: receipt.completionTokens },
        receipt,
        worker,
        costNano,
        ...(settled ? { cumulativeNano: settled.cumulativeNano, voucherPosted: settled.posted } : {}),
      };
      yield { type: 'done', result };
    }
  }

  /** Settlement after a verified receipt (no-op without a voucher signer). */
  private async settle(costNano: bigint): Promise<{ cumulativeNano: bigint; posted: boolean } | undefined> {
    return this.settlement?.settle(costNano, await this.clientKey());
  }
}
