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
import { AttestationCache, defaultBundleVerifier, type BundleVerifyConfig } from './attested';
import { HttpBrokerApi, type BrokerApi, type StreamEvent } from './broker-api';
import { accountAuthHeader, checkAccountVoucher } from './account-sync';
import { ed25519SignerFromSeed, randomBytes, toHex, type Ed25519Signer } from './bytes';
import { finalResult, toChatStream } from './chat-stream';
import type {
  ChatStream,
  ChrysalisClientOptions,
  InternalChatOptions,
  ModelInfo,
  RefusedListing,
  VerifiedListing,
} from './client-types';
import { SdkError } from './errors';
import { consumeStream } from './exchange';
import { recoverPending, type RecoveryReport } from './receipt-recovery';
import { validateRequest } from './request-validation';
import { DEFAULT_MAX_TOKENS, reservationNano } from './reservation';
import { Prepayment } from './settlement';
import { WorkerPool } from './client-workers';
import type { Candidate } from './select';
import { submitSealed } from './submit';
import type { ChatOptions, ChatRequest, ChatResult, ChatStreamEvent, ModelPrice } from './types';
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
  private readonly defaultMaxTokens: number;
  private readonly prepay: Prepayment | undefined;
  private readonly globalId: number | undefined;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly pool: WorkerPool;
  /** The `verify` options this client was built with (undefined with a custom `bundleVerifier`). */
  private verifyConfig: BundleVerifyConfig | undefined;

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
    this.attestation = opts.sharedAttestation ?? new AttestationCache(verifier, opts.cache ?? {});
    this.verifyConfig = opts.bundleVerifier ? undefined : opts.verify;
    const key = opts.channelKey;
    if (key instanceof Uint8Array) {
      if (key.length !== 32) throw new SdkError('SDK_CONFIG_INVALID', 'channelKey seed must be 32 bytes');
      this.signerP = ed25519SignerFromSeed(key);
    } else if (key && key.publicKey instanceof Uint8Array && typeof key.sign === 'function') {
      this.signerP = Promise.resolve(key);
    } else throw new SdkError('SDK_CONFIG_INVALID', 'channelKey must be a 32-byte seed or an Ed25519 signer');
    this.signerP.catch(() => undefined);
    checkPriceLimit(opts.maxPrice, 'SDK_CONFIG_INVALID');
    this.defaultMaxTokens = opts.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    if (!Number.isInteger(this.defaultMaxTokens) || this.defaultMaxTokens < 1)
      throw new SdkError('SDK_CONFIG_INVALID', 'defaultMaxTokens must be a positive integer');
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
    this.pool = new WorkerPool({
      broker: this.broker,
      attestation: this.attestation,
      aliases: opts.models ?? {},
      maxPrice: opts.maxPrice,
      modelPrices: opts.verify ? opts.verify.registry.modelPrices : opts.modelPrices,
      listingTtlMs: opts.listingTtlMs ?? 2000,
      now: this.now,
      random: opts.random ?? Math.random,
    });
  }

  /**
   * Every worker the broker lists whose bundle THIS client verified (refused ones are left out).
   * Throws SDK_BROKER_* on transport problems.
   */
  /**
   * Follows a newer registry snapshot (e.g. read again from the chain): from now on every bundle is verified again
   * under it and its prices are the default caps. A snapshot whose version is not above the current one is ignored.
   * Only for clients built with `verify`. Returns whether it was adopted. Throws SDK_CONFIG_INVALID otherwise.
   */
  setRegistry(registry: BundleVerifyConfig['registry']): boolean {
    const cfg = this.verifyConfig;
    if (!cfg)
      throw new SdkError('SDK_CONFIG_INVALID', 'setRegistry needs a client built with verify (not bundleVerifier)');
    if (!registry || !((registry.version ?? -1) > (cfg.registry.version ?? -1))) return false;
    this.verifyConfig = { ...cfg, registry };
    this.attestation.replaceVerifier(defaultBundleVerifier(this.verifyConfig));
    this.pool.setModelPrices(registry.modelPrices ?? {});
    return true;
  }

  /** The version of the registry snapshot this client verifies against (undefined with a custom verifier). */
  get registryVersion(): number | undefined {
    return this.verifyConfig?.registry.version;
  }

  listWorkers(opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {}): Promise<VerifiedListing[]> {
    return this.pool.listWorkers(opts);
  }

  /** The broker's listing split into the workers this client verified and those it refused (with the error). */
  inspectWorkers(
    opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {},
  ): Promise<{ verified: VerifiedListing[]; refused: RefusedListing[] }> {
    return this.pool.inspectWorkers(opts);
  }

  /**
   * Models served by at least one verified worker: `id` is the alias from the `models` option, the name the broker
   * lists, or the hex model id, in that order of preference.
   */
  models(opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    return this.pool.models(opts);
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

  /** One request, not streamed: resolves with the verified result. */
  chat(req: ChatRequest, opts: ChatOptions = {}): Promise<ChatResult> {
    return finalResult(this.stream(req, opts));
  }

  /** One request, streamed: deltas as they are opened, then `done` once the receipt is verified. */
  stream(req: ChatRequest, opts: ChatOptions = {}): ChatStream {
    return toChatStream(() => this.run(req, opts));
  }

  private async *run(req: ChatRequest, opts: InternalChatOptions): AsyncGenerator<ChatStreamEvent> {
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
          const cand = await this.pool.pick(req.model, opts.maxPrice, attempt > 0, ctl.signal);
          for await (const ev of this.attempt(req, cand, resendVoucher, ctl.signal, opts)) {
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
    opts: InternalChatOptions,
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
    const onAccepted = opts.onAccepted;
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
          }
          if (ev.kind === 'accepted' && ev.requestId !== '') onAccepted?.(ev.requestId);
          else if (ev.kind === 'receipt') sawReceipt = true;
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
