/**
 * ChrysalisClient: attested, end-to-end encrypted, receipted inference through a broker.
 *
 *   discover (broker) -> price cap (registry price of the model, lowered by options) -> verify bundles itself
 *   (cached by digest) -> choose (model, prices <= cap, load) -> reserve max_cost_nano (voucher store; a prepay
 *   voucher when owed + reservations outgrow what is signed) -> seal (HPKE to the attested key, max_cost_nano inside)
 *   -> sign (channel key) -> stream + open (sealed frames) -> verify receipt (attested signing key, digests, tokens,
 *   prices, amount <= max_cost_nano, channel, seq) -> owed += amount -> result
 *   (accepted but no receipt: the reservation row is kept and `recoverReceipts` settles it later)
 *
 * The core uses only fetch, WebCrypto and Uint8Array (no Node-only API of its own); file-reading helpers live in
 * `node.ts`. Every failure is an `SdkError` with a stable `SDK_*` code.
 */
import { AttestationCache, defaultBundleVerifier } from './attested';
import { HttpBrokerApi, type BrokerApi, type StreamEvent } from './broker-api';
import { accountAuthHeader, checkAccountVoucher } from './account-sync';
import { bytesEqual, ed25519SignerFromSeed, randomBytes, toHex, type Ed25519Signer } from './bytes';
import { toChatStream } from './chat-stream';
import type { ChatStream, ChrysalisClientOptions, ModelInfo, VerifiedListing } from './client-types';
import { SdkError } from './errors';
import { consumeStream } from './exchange';
import { recoverPending, type RecoveryReport } from './receipt-recovery';
import { validateRequest } from './request-validation';
import { DEFAULT_MAX_TOKENS, lowerCap, reservationNano, withinPrice } from './reservation';
import { Prepayment } from './settlement';
import { filterListings, resolveModelId, type Candidate } from './select';
import { submitSealed } from './submit';
import type {
  AttestedWorker,
  ChatOptions,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  ModelPrice,
  WorkerListing,
} from './types';
import { MemoryVoucherStore, voucherKey, type VoucherAccountState } from './voucher-state';

export type { ChatStream, ChrysalisClientOptions, ModelInfo, VerifiedListing } from './client-types';

/** Broker codes after which the same request is tried once more with the voucher state re-read. */
const VOUCHER_RETRY_CODES: ReadonlySet<string> = new Set([
  'BROKER_VOUCHER_REQUIRED',
  'VOUCHER_STALE_SEQ',
  'VOUCHER_NOT_MONOTONIC',
]);

function checkPriceLimit(p: Partial<ModelPrice> | undefined, code: 'SDK_CONFIG_INVALID' | 'SDK_REQUEST_INVALID'): void {
  if (p === undefined) return;
  for (const v of [p.promptNano, p.completionNano]) {
    if (v !== undefined && (typeof v !== 'bigint' || v < 0n))
      throw new SdkError(code, 'maxPrice prices must be non-negative bigints');
  }
}

export class ChrysalisClient {
  readonly channel: string;
  private readonly broker: BrokerApi;
  private readonly attestation: AttestationCache;
  private readonly signerP: Promise<Ed25519Signer>;
  private readonly maxPrice: Partial<ModelPrice> | undefined;
  private readonly modelPrices: Readonly<Record<string, ModelPrice>> | undefined;
  private readonly defaultMaxTokens: number;
  private readonly aliases: Readonly<Record<string, string>>;
  private readonly prepay: Prepayment | undefined;
  private readonly globalId: number | undefined;
  private readonly listingTtlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private listingCache: { at: number; listings: WorkerListing[] } | undefined;

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
    checkPriceLimit(opts.maxPrice, 'SDK_CONFIG_INVALID');
    this.maxPrice = opts.maxPrice;
    this.modelPrices = opts.verify ? opts.verify.registry.modelPrices : opts.modelPrices;
    this.defaultMaxTokens = opts.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    if (!Number.isInteger(this.defaultMaxTokens) || this.defaultMaxTokens < 1)
      throw new SdkError('SDK_CONFIG_INVALID', 'defaultMaxTokens must be a positive integer');
    this.aliases = opts.models ?? {};
    this.listingTtlMs = opts.listingTtlMs ?? 2000;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    if (opts.globalId !== undefined && !Number.isInteger(opts.globalId))
      throw new SdkError('SDK_CONFIG_INVALID', 'globalId must be an integer');
    this.globalId = opts.globalId;
    if (opts.voucherSigner) {
      if (opts.globalId === undefined)
        throw new SdkError('SDK_CONFIG_INVALID', 'globalId (the network id) is required with a voucher signer');
      if (opts.voucherSigner.globalId !== undefined && opts.voucherSigner.globalId !== opts.globalId)
        throw new SdkError('SDK_CONFIG_INVALID', 'the voucher signer signs for another network (globalId)');
      this.prepay = new Prepayment(
        opts.voucherSigner,
        opts.voucherStore ?? new MemoryVoucherStore(),
        voucherKey(this.channel, opts.globalId),
        this.channel,
        () => this.clientKey(),
        // A reservation outlives its request only when its process died: sweep after twice the request deadline.
        2 * this.timeoutMs,
      );
    }
    this.now = opts.now ?? (() => new Date());
  }

  /** The channel key's 32-byte Ed25519 public key. */
  async clientKey(): Promise<Uint8Array> {
    return (await this.signerP).publicKey;
  }

  /** The voucher state of this channel (vouched, seq, owed, reservations); undefined without a voucher signer. */
  async voucherState(): Promise<VoucherAccountState | undefined> {
    return this.prepay?.store.read(this.prepay.key);
  }

  /** Bundle-cache counters (hits, misses, failures). */
  get cacheStats(): Readonly<{ hits: number; misses: number; failures: number }> {
    return { ...this.attestation.stats };
  }

  /**
   * Reads the broker's account (authenticated GET /v1/accounts) and moves the voucher store forward to the latest
   * voucher the broker holds, once it is proven to be this client's own (its key, this channel, this network).
   * Returns the cumulative amount signed. Throws SDK_ACCOUNT_UNSIGNED, SDK_ACCOUNT_INVALID, SDK_BROKER_*.
   */
  async syncAccount(signal?: AbortSignal): Promise<bigint> {
    if (this.globalId === undefined)
      throw new SdkError('SDK_CONFIG_INVALID', 'globalId (the network id) is required to check the account');
    const signer = await this.signerP;
    const auth = await accountAuthHeader(signer, Math.floor(this.now().getTime() / 1000));
    const acct = await this.broker.getAccount(toHex(signer.publicKey), auth, signal);
    const v = checkAccountVoucher(acct, {
      channel: this.channel,
      globalId: this.globalId,
      clientKey: signer.publicKey,
    });
    if (!this.prepay) return v?.amountNano ?? 0n;
    await this.recoverReceipts({ ...(signal ? { signal } : {}) });
    const state = v ? await this.prepay.store.adopt(this.prepay.key, v) : await this.prepay.store.read(this.prepay.key);
    return state.vouchedNano;
  }

  /**
   * Settles the reservation rows of accepted requests whose receipt was never counted (a broken stream, or a process
   * that died after the broker charged): fetches each receipt (authenticated GET /v1/receipts/:requestId), verifies it
   * against what the request committed to, and adds it to `owedNano` at most once per request id; 404 drops the row
   * (nothing charged); a receipt that does not verify or match is refused (row dropped, reported). Rows of requests
   * still running in this process, and other processes' rows younger than the request timeout, are left alone.
   * `syncAccount` calls it. Without a voucher signer (no store), or a broker API without `getReceipt`, nothing to do.
   */
  async recoverReceipts(
    opts: { readonly signal?: AbortSignal; readonly nowMs?: number } = {},
  ): Promise<RecoveryReport> {
    const prepay = this.prepay;
    const getReceipt = this.broker.getReceipt?.bind(this.broker);
    if (!prepay || !getReceipt) return { recovered: [], uncharged: [], refused: [], deferred: [] };
    const signer = await this.signerP;
    const keyHex = toHex(signer.publicKey);
    let auth: string | undefined;
    return recoverPending({
      channel: this.channel,
      candidates: () => prepay.recoverable(opts.nowMs ?? Date.now(), this.timeoutMs),
      fetch: async (requestId) => {
        auth ??= await accountAuthHeader(signer, Math.floor(this.now().getTime() / 1000));
        return getReceipt(requestId, keyHex, auth, opts.signal);
      },
      resolve: (p, amountNano) => prepay.resolve(p, amountNano),
    });
  }

  /** The registry price of a model: the default cap. Throws SDK_PRICE_UNKNOWN. */
  private registryPrice(modelId: string): ModelPrice {
    const p = this.modelPrices?.[modelId];
    if (!p)
      throw new SdkError('SDK_PRICE_UNKNOWN', 'the registry snapshot has no price for this model', {
        details: { modelId },
      });
    return p;
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
        out.push({ worker, model: l.model, prices: worker.prices, load: l.load });
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
    const byId = new Map<string, { id: string; modelId: string; workers: number; prices: ModelPrice }>();
    for (const w of workers) {
      const modelId = w.worker.modelId;
      const alias = Object.keys(this.aliases).find((k) => this.aliases[k]?.toLowerCase() === modelId);
      const e = byId.get(modelId);
      if (e) {
        e.workers++;
        e.prices = {
          promptNano: w.prices.promptNano < e.prices.promptNano ? w.prices.promptNano : e.prices.promptNano,
          completionNano:
            w.prices.completionNano < e.prices.completionNano ? w.prices.completionNano : e.prices.completionNano,
        };
      } else byId.set(modelId, { id: alias ?? w.model, modelId, workers: 1, prices: w.prices });
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Verify one listing: the bundle itself, then that the advertised ids, keys and prices equal the attested ones. */
  private async verifyListing(l: WorkerListing, now: Date): Promise<AttestedWorker> {
    const w = await this.attestation.verify(l.workerId, l.bundle, now);
    const mismatch =
      w.modelId !== l.modelId.toLowerCase() ||
      w.prices.promptNano !== l.prices.promptNano ||
      w.prices.completionNano !== l.prices.completionNano ||
      (l.signingPublicKey !== undefined && !bytesEqual(l.signingPublicKey, w.signingPublicKey)) ||
      (l.hpkePublicKey !== undefined && !bytesEqual(l.hpkePublicKey, w.hpkePublicKey));
    if (mismatch) {
      throw new SdkError(
        'SDK_BUNDLE_KEY_MISMATCH',
        'broker advertises ids, keys or prices that differ from the attested ones',
        {
          details: { workerId: l.workerId, bundleDigest: w.bundleDigest },
        },
      );
    }
    return w;
  }

  /**
   * Pick a verified worker for `model` with both prices within the cap (the registry price lowered by the options).
   * Throws SDK_NO_WORKER, SDK_PRICE_UNKNOWN, SDK_PRICE_ABOVE_REGISTRY or SDK_BUNDLE_INVALID.
   */
  private async pick(
    model: string,
    limit: Partial<ModelPrice> | undefined,
    refresh: boolean,
    signal?: AbortSignal,
  ): Promise<Candidate & { cap: ModelPrice }> {
    const listings = await this.listings(refresh, signal);
    const modelId = resolveModelId(model, listings, this.aliases);
    if (!modelId) throw new SdkError('SDK_NO_WORKER', 'no worker serves this model', { details: { model } });
    const registry = this.registryPrice(modelId);
    const cap = lowerCap(lowerCap(registry, this.maxPrice), limit);
    const fit = filterListings(listings, modelId, cap);
    if (fit.length === 0) {
      const served = listings.filter((l) => l.modelId.toLowerCase() === modelId);
      if (served.length > 0 && served.every((l) => !withinPrice(l.prices, registry)))
        throw new SdkError('SDK_PRICE_ABOVE_REGISTRY', "every worker quotes above the registry's price", {
          details: { model },
        });
      throw new SdkError('SDK_NO_WORKER', 'no worker serves this model within the price', { details: { model } });
    }
    const now = this.now();
    let firstRefusal: unknown;
    // `fit` is already in preference order (load, then price): verify in that order and take the first that passes,
    // so a large pool costs one verification per request on a cache miss, not one per worker.
    for (const listing of fit) {
      try {
        const worker = await this.verifyListing(listing, now);
        // Equal to the listing's (checked above), so within the cap; kept as the rule it is.
        if (!withinPrice(worker.prices, registry))
          throw new SdkError('SDK_PRICE_ABOVE_REGISTRY', "the attested prices exceed the registry's price");
        return { listing, worker, cap };
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
    checkPriceLimit(opts.maxPrice, 'SDK_REQUEST_INVALID');
    const ctl = new AbortController();
    const onAbort = (): void => ctl.abort();
    if (opts.signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    (timer as { unref?: () => void }).unref?.();
    try {
      let yielded = false;
      let resendVoucher = false;
      for (let attempt = 0; ; attempt++) {
        try {
          const cand = await this.pick(req.model, opts.maxPrice, attempt > 0, ctl.signal);
          for await (const ev of this.attempt(req, cand, resendVoucher, ctl.signal)) {
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
          // The broker lost our last voucher (402 BROKER_VOUCHER_REQUIRED), or another process's newer voucher reached it
          // first (VOUCHER_STALE_SEQ / VOUCHER_NOT_MONOTONIC): retry once from the store's state, resending the
          // latest voucher when no new one is due.
          if (
            attempt === 0 &&
            !yielded &&
            this.prepay &&
            e instanceof SdkError &&
            VOUCHER_RETRY_CODES.has(String(e.details?.brokerCode))
          ) {
            resendVoucher = e.details?.brokerCode === 'BROKER_VOUCHER_REQUIRED';
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
    cand: Candidate & { cap: ModelPrice },
    resendVoucher: boolean,
    signal: AbortSignal,
  ): AsyncGenerator<ChatStreamEvent> {
    const { worker } = cand;
    const signer = await this.signerP;
    const maxCostNano = reservationNano(worker.prices, req, this.defaultMaxTokens);
    const reservationId = toHex(randomBytes(16));
    const voucher = await this.prepay?.reserve(reservationId, maxCostNano, { resendLast: resendVoucher });
    let settled: VoucherAccountState | undefined;
    let ended = false;
    let acceptedId: string | undefined;
    let sawReceipt = false;
    const prepay = this.prepay;
    try {
      const { events, context } = await submitSealed(this.broker, signer, {
        req,
        cand,
        cap: cand.cap,
        maxCostNano,
        channel: this.channel,
        ...(voucher ? { voucher } : {}),
        signal,
      });
      // Once accepted, the broker may charge: the row records what the request committed to, so that a receipt
      // lost with the stream (or with this process) can be recovered and checked later (receipt-recovery.ts).
      async function* watched(): AsyncGenerator<StreamEvent> {
        for await (const ev of events) {
          if (ev.kind === 'accepted' && prepay && acceptedId === undefined && ev.requestId !== '') {
            acceptedId = ev.requestId;
            await prepay.accept(reservationId, {
              requestId: ev.requestId,
              workerKey: toHex(worker.signingPublicKey),
              requestDigest: toHex(context.requestDigest),
              modelId: worker.modelId,
              promptPriceNano: worker.prices.promptNano,
              completionPriceNano: worker.prices.completionNano,
              maxCostNano,
              seq: ev.seq,
            });
          } else if (ev.kind === 'receipt') sawReceipt = true;
          yield ev;
        }
      }
      for await (const ev of consumeStream(watched(), context)) {
        if (ev.type === 'delta') {
          yield ev;
          continue;
        }
        const receipt = ev.receipt;
        settled = await this.prepay?.settle(reservationId, receipt.amountNano, acceptedId);
        ended = true;
        const result: ChatResult = {
          content: ev.content,
          finishReason: ev.finishReason,
          usage: { promptTokens: receipt.promptTokens, completionTokens: receipt.completionTokens },
          receipt,
          worker,
          costNano: receipt.amountNano,
          maxCostNano,
          ...(settled ? { cumulativeNano: settled.vouchedNano, owedNano: settled.owedNano } : {}),
        };
        yield { type: 'done', result };
      }
    } finally {
      // Accepted and ended without a receipt (broken stream, abort): the row stays for `recoverReceipts`. A receipt
      // that was delivered but refused is not recovered later: its row goes.
      if (!ended && prepay) {
        if (acceptedId !== undefined && !sawReceipt) prepay.end(reservationId);
        else await prepay.release(reservationId).catch(() => undefined);
      }
    }
  }
}
