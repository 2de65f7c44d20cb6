/**
 * MultiBrokerClient: one ChrysalisClient per broker, each paying through its OWN channel to that broker (cumulative
 * vouchers on a shared channel would let whichever broker claims first take all), sharing one bundle cache and
 * verifier and one voucher store (per-channel state: `voucherKey(channel, globalId)`).
 *
 *   survey the usable brokers (listing, verified by this client, each within `brokerTimeoutMs`)
 *   -> brokers with a verified worker for the model, lowest advertised load first (equal ones in random order)
 *   -> submit to the first; fail over to the next ONLY while the request provably was not accepted
 *
 * Failover rule: served once or refused with a typed error. Before the broker's `accepted` frame (transport failure,
 * typed refusal, garbage, stall) the request goes to the next broker. After it, a lost stream is never resent: the
 * first broker may have served it and may charge it; the caller gets the error with `details { broker, requestId,
 * accepted: true }` and the reservation stays for `recoverReceipts` on that broker's channel.
 *
 * A broker that fails in a way that is its own, lists a worker whose bundle does not verify (or whose keys differ),
 * or refuses this client ("not here") is down with a typed reason for a back-off (broker-health.ts). With none
 * usable: SDK_NO_BROKER (retryable), each broker's reason in `details.brokers`.
 */
import { AttestationCache, defaultBundleVerifier, type BundleVerifyConfig } from './attested';
import type { BrokerApi } from './broker-api';
import { BrokerHealth, classify, noBrokerError, type BrokerStatus } from './broker-health';
import type { BrokerEndpoint } from './broker-registry';
import { finalResult, toChatStream } from './chat-stream';
import { ChrysalisClient } from './client';
import type {
  ChatStream,
  ChrysalisClientOptions,
  InternalChatOptions,
  ModelInfo,
  VerifiedListing,
} from './client-types';
import { summarizeModels } from './client-workers';
import type { GatewayClient } from './gateway/types';
import { SdkError } from './errors';
import type { RecoveryReport } from './receipt-recovery';
import { validateRequest } from './request-validation';
import type { ChatOptions, ChatRequest, ChatResult, ChatStreamEvent } from './types';
import { MemoryVoucherStore, type VoucherStore } from './voucher-state';

export type { BrokerDownReason, BrokerStatus } from './broker-health';
export type { BrokerEndpoint } from './broker-registry';

export interface MultiBrokerClientOptions extends Omit<
  ChrysalisClientOptions,
  'broker' | 'channel' | 'sharedAttestation'
> {
  /** The brokers and this client's channel to each (see `brokersFromRegistry`). */
  readonly brokers: readonly BrokerEndpoint[];
  /** Deadline of a broker's listing and of a submission until it is accepted, in ms (default 10 000). */
  readonly brokerTimeoutMs?: number;
  /** Epoch ms for the back-off (default Date.now). */
  readonly clock?: () => number;
  /** The API of a broker URL (default HttpBrokerApi over `fetch`). */
  readonly brokerApi?: (url: string) => BrokerApi;
}

/** One broker's `syncAccount` outcome. */
export type BrokerSyncResult =
  | { readonly url: string; readonly channel: string; readonly ok: true; readonly vouchedNano: bigint }
  | { readonly url: string; readonly channel: string; readonly ok: false; readonly error: SdkError };

interface Entry {
  readonly url: string;
  readonly channel: string;
  readonly client: ChrysalisClient;
  readonly health: BrokerHealth;
}

type Survey = { readonly entry: Entry; readonly verified: VerifiedListing[] };

const entryKey = (b: BrokerEndpoint): string => `${b.url.replace(/\/+$/, '')} ${b.channel}`;

function checkEndpoints(list: readonly BrokerEndpoint[]): void {
  if (!Array.isArray(list)) throw new SdkError('SDK_CONFIG_INVALID', 'brokers must be a list of {url, channel}');
  for (const b of list) {
    if (!b || typeof b.url !== 'string' || b.url.length === 0 || typeof b.channel !== 'string' || b.channel === '')
      throw new SdkError('SDK_CONFIG_INVALID', 'each broker needs a url and a channel');
  }
}

/** `signal` and a deadline together: the returned signal aborts on either; `expired()` tells which. */
function withDeadline(
  signal: AbortSignal | undefined,
  ms: number,
): { signal: AbortSignal; expired: () => boolean; stopTimer: () => void; clear: () => void } {
  const ctl = new AbortController();
  let expired = false;
  const onAbort = (): void => ctl.abort();
  if (signal?.aborted) ctl.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    ctl.abort();
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: ctl.signal,
    expired: () => expired,
    stopTimer: () => clearTimeout(timer),
    clear: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The error of an accepted request: never failed over; names the broker and the request id. */
function acceptedError(e: unknown, url: string, requestId: string): SdkError {
  const base =
    e instanceof SdkError ? e : new SdkError('SDK_STREAM_TRUNCATED', 'request stream broke off', { cause: e });
  return new SdkError(base.code, base.message, {
    cause: base,
    details: { ...base.details, broker: url, requestId, accepted: true },
  });
}

export class MultiBrokerClient implements GatewayClient {
  private entries = new Map<string, Entry>();
  private readonly attestation: AttestationCache;
  private verify: BundleVerifyConfig | undefined;
  private readonly store: VoucherStore;
  private readonly clock: () => number;
  private readonly brokerTimeoutMs: number;
  private readonly random: () => number;
  private readonly aliases: Readonly<Record<string, string>>;

  constructor(private readonly opts: MultiBrokerClientOptions) {
    if (!opts || typeof opts !== 'object') throw new SdkError('SDK_CONFIG_INVALID', 'options are required');
    const verifier = opts.bundleVerifier ?? (opts.verify ? defaultBundleVerifier(opts.verify) : undefined);
    if (!verifier)
      throw new SdkError('SDK_CONFIG_INVALID', 'verify (with a registry snapshot) or bundleVerifier is required');
    this.brokerTimeoutMs = opts.brokerTimeoutMs ?? 10_000;
    if (!Number.isInteger(this.brokerTimeoutMs) || this.brokerTimeoutMs < 1)
      throw new SdkError('SDK_CONFIG_INVALID', 'brokerTimeoutMs must be a positive integer');
    this.attestation = new AttestationCache(verifier, opts.cache ?? {});
    this.verify = opts.bundleVerifier ? undefined : opts.verify;
    this.store = opts.voucherStore ?? new MemoryVoucherStore();
    this.clock = opts.clock ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.aliases = opts.models ?? {};
    this.setBrokers(opts.brokers);
  }

  /**
   * Follows a new broker list: new brokers are added (up), brokers no longer listed get no new request (requests in
   * flight on them finish), the others keep their state. Throws SDK_CONFIG_INVALID on a malformed entry.
   */
  setBrokers(list: readonly BrokerEndpoint[]): { added: string[]; removed: string[] } {
    checkEndpoints(list);
    const next = new Map<string, Entry>();
    const added: string[] = [];
    for (const b of list) {
      const k = entryKey(b);
      if (next.has(k)) continue;
      const old = this.entries.get(k);
      if (!old) added.push(b.url);
      next.set(k, old ?? this.makeEntry(b));
    }
    const removed = [...this.entries.keys()].filter((k) => !next.has(k)).map((k) => this.entries.get(k)!.url);
    this.entries = next;
    return { added, removed };
  }

  private makeEntry(b: BrokerEndpoint): Entry {
    const { brokers: _b, brokerTimeoutMs: _t, clock: _c, brokerApi, verify: _v, ...rest } = this.opts;
    const client = new ChrysalisClient({
      ...rest,
      ...(this.verify ? { verify: this.verify } : {}),
      broker: brokerApi ? brokerApi(b.url) : b.url,
      channel: b.channel,
      voucherStore: this.store,
      random: this.random,
      sharedAttestation: this.attestation,
    });
    return { url: b.url, channel: b.channel, client, health: new BrokerHealth() };
  }

  /** Each broker: url, channel, up or down (with the reason and until when), its last advertised load. */
  brokers(): BrokerStatus[] {
    const now = this.clock();
    return [...this.entries.values()].map((e) => e.health.status(e.url, e.channel, now));
  }

  /** The per-broker clients (their channels, voucher states, receipts). */
  clients(): { readonly url: string; readonly channel: string; readonly client: ChrysalisClient }[] {
    return [...this.entries.values()].map((e) => ({ url: e.url, channel: e.channel, client: e.client }));
  }

  /**
   * Follows a newer registry snapshot on every broker's client (see `ChrysalisClient.setRegistry`); brokers added
   * later verify under it too. Returns whether it was adopted. Throws SDK_CONFIG_INVALID without `verify`.
   */
  setRegistry(registry: BundleVerifyConfig['registry']): boolean {
    const cfg = this.verify;
    if (!cfg)
      throw new SdkError('SDK_CONFIG_INVALID', 'setRegistry needs a client built with verify (not bundleVerifier)');
    if (!registry || !((registry.version ?? -1) > (cfg.registry.version ?? -1))) return false;
    this.verify = { ...cfg, registry };
    for (const e of this.entries.values()) e.client.setRegistry(registry);
    if (this.entries.size === 0) this.attestation.replaceVerifier(defaultBundleVerifier(this.verify));
    return true;
  }

  get registryVersion(): number | undefined {
    return this.verify?.registry.version;
  }

  /** `syncAccount` on every broker's channel; each broker's outcome apart (one failing does not hide the others). */
  syncAccounts(signal?: AbortSignal): Promise<BrokerSyncResult[]> {
    return Promise.all(
      [...this.entries.values()].map(async (e): Promise<BrokerSyncResult> => {
        try {
          return { url: e.url, channel: e.channel, ok: true, vouchedNano: await e.client.syncAccount(signal) };
        } catch (err) {
          const error =
            err instanceof SdkError ? err : new SdkError('SDK_BROKER_ERROR', 'account read failed', { cause: err });
          return { url: e.url, channel: e.channel, ok: false, error };
        }
      }),
    );
  }

  /** `recoverReceipts` on every broker's channel, in broker order (a failing broker's report is left out). */
  async recoverReceipts(opts: { readonly signal?: AbortSignal } = {}): Promise<RecoveryReport[]> {
    const out: RecoveryReport[] = [];
    for (const e of this.entries.values()) {
      const r = await e.client.recoverReceipts(opts).catch(() => undefined);
      if (r) out.push(r);
    }
    return out;
  }

  /** Models served by a verified worker on any usable broker (a worker listed by several brokers counts once). */
  async models(opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    const surveyed = await this.survey(opts.refresh ?? false, opts.signal);
    if (surveyed.length === 0) throw noBrokerError(this.brokers());
    const seen = new Set<string>();
    const all: VerifiedListing[] = [];
    for (const s of surveyed) {
      for (const v of s.verified) {
        const k = `${v.worker.workerKey} ${v.worker.modelId}`;
        if (!seen.has(k)) {
          seen.add(k);
          all.push(v);
        }
      }
    }
    return summarizeModels(all, this.aliases);
  }

  /** One request, not streamed: resolves with the verified result. */
  chat(req: ChatRequest, opts: ChatOptions = {}): Promise<ChatResult> {
    return finalResult(this.stream(req, opts));
  }

  /** One request, streamed, through the best usable broker (failing over only before acceptance). */
  stream(req: ChatRequest, opts: ChatOptions = {}): ChatStream {
    return toChatStream(() => this.run(req, opts));
  }

  /** Lists every usable broker in parallel; marks down the ones that fail, stall or list a refused worker. */
  private async survey(refresh: boolean, signal: AbortSignal | undefined): Promise<Survey[]> {
    const now = this.clock();
    const usable = [...this.entries.values()].filter((e) => e.health.usable(now));
    const out = await Promise.all(
      usable.map(async (entry): Promise<Survey | undefined> => {
        const d = withDeadline(signal, this.brokerTimeoutMs);
        try {
          const { verified, refused } = await entry.client.inspectWorkers({ refresh, signal: d.signal });
          if (refused.length > 0) {
            entry.health.markDown(refused[0]!.error, this.clock());
            return undefined;
          }
          entry.health.load = verified.length > 0 ? Math.min(...verified.map((v) => v.load)) : undefined;
          return { entry, verified };
        } catch (e) {
          if (signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted', { cause: e });
          entry.health.markDown(this.stallOr(e, d.expired()), this.clock());
          return undefined;
        } finally {
          d.clear();
        }
      }),
    );
    return out.filter((s): s is Survey => s !== undefined);
  }

  private stallOr(e: unknown, expired: boolean): unknown {
    return expired
      ? new SdkError('SDK_TIMEOUT', `broker did not answer within ${this.brokerTimeoutMs} ms`, { cause: e })
      : e;
  }

  /** Brokers with a verified worker for `model`, lowest advertised load first; equal loads in random order. */
  private rank(model: string, surveyed: readonly Survey[]): Entry[] {
    const alias = this.aliases[model];
    const hex = /^(0x)?[0-9a-fA-F]{64}$/.test(model) ? model.replace(/^0x/, '').toLowerCase() : undefined;
    const ranked: { entry: Entry; load: number; r: number }[] = [];
    for (const s of surveyed) {
      const id = alias?.toLowerCase() ?? hex ?? s.verified.find((v) => v.model === model)?.worker.modelId.toLowerCase();
      const serving = s.verified.filter((v) => v.worker.modelId === id);
      if (serving.length > 0)
        ranked.push({ entry: s.entry, load: Math.min(...serving.map((v) => v.load)), r: this.random() });
    }
    return ranked.sort((a, b) => a.load - b.load || a.r - b.r).map((x) => x.entry);
  }

  private async *run(req: ChatRequest, opts: ChatOptions): AsyncGenerator<ChatStreamEvent> {
    validateRequest(req);
    if (opts.signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted');
    const surveyed = await this.survey(false, opts.signal);
    const ranked = this.rank(req.model, surveyed);
    if (ranked.length === 0) {
      if (surveyed.length === 0) throw noBrokerError(this.brokers());
      throw new SdkError('SDK_NO_WORKER', 'no broker lists a verified worker for this model', {
        details: { model: req.model },
      });
    }
    let notTheBrokers: unknown;
    let last: unknown;
    for (const entry of ranked) {
      const outcome = yield* this.attempt(entry, req, opts);
      if (outcome === 'served') return;
      if (outcome.kind === 'next') notTheBrokers ??= outcome.error;
      last = outcome.error;
    }
    if (notTheBrokers !== undefined) throw notTheBrokers;
    throw noBrokerError(this.brokers(), last);
  }

  /**
   * One broker: `served`, or the error with how it counts (the broker was marked down, or it was not its fault).
   * Throws when the request was accepted (never failed over), aborted by the caller, or invalid for every broker.
   */
  private async *attempt(
    entry: Entry,
    req: ChatRequest,
    opts: ChatOptions,
  ): AsyncGenerator<ChatStreamEvent, 'served' | { kind: 'down' | 'next'; error: unknown }> {
    const d = withDeadline(opts.signal, this.brokerTimeoutMs);
    let requestId: string | undefined;
    const onAccepted = (id: string): void => {
      requestId = id;
      d.stopTimer();
      entry.health.markUp();
    };
    try {
      const internal: InternalChatOptions = { ...opts, signal: d.signal, onAccepted };
      for await (const ev of entry.client.stream(req, internal)) yield ev;
      return 'served';
    } catch (e) {
      if (requestId !== undefined) throw acceptedError(e, entry.url, requestId);
      if (opts.signal?.aborted) throw e;
      const error = this.stallOr(e, d.expired());
      const kind = classify(error);
      if (kind === 'fatal') throw error;
      if (kind === 'down') entry.health.markDown(error, this.clock());
      return { kind, error };
    } finally {
      d.clear();
    }
  }
}
