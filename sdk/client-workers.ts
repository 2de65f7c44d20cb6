/**
 * The workers a client may use: the broker's listings (cached `listingTtlMs`), each verified by THIS client before
 * use, and the choice of one for a request (sdk/select.ts: least loaded, cheapest, ties spread at random).
 */
import type { AttestationCache } from './attested';
import type { BrokerApi } from './broker-api';
import { bytesEqual } from './bytes';
import type { ModelInfo, RefusedListing, VerifiedListing } from './client-types';
import { SdkError } from './errors';
import { lowerCap, withinPrice } from './reservation';
import { filterListings, resolveModelId, type Candidate } from './select';
import type { AttestedWorker, ModelPrice, WorkerListing } from './types';

export interface WorkerPoolOptions {
  readonly broker: BrokerApi;
  readonly attestation: AttestationCache;
  readonly aliases: Readonly<Record<string, string>>;
  readonly maxPrice: Partial<ModelPrice> | undefined;
  readonly modelPrices: Readonly<Record<string, ModelPrice>> | undefined;
  readonly listingTtlMs: number;
  readonly now: () => Date;
  /** Uniform in [0, 1): orders equally good workers (default Math.random). */
  readonly random: () => number;
}

export class WorkerPool {
  private listingCache: { at: number; listings: WorkerListing[] } | undefined;

  private modelPrices: Readonly<Record<string, ModelPrice>> | undefined;

  constructor(private readonly o: WorkerPoolOptions) {
    this.modelPrices = o.modelPrices;
  }

  /** A new registry's prices (the default caps) from now on. */
  setModelPrices(prices: Readonly<Record<string, ModelPrice>>): void {
    this.modelPrices = prices;
  }

  /** The registry price of a model: the default cap. Throws SDK_PRICE_UNKNOWN. */
  registryPrice(modelId: string): ModelPrice {
    const p = this.modelPrices?.[modelId];
    if (!p)
      throw new SdkError('SDK_PRICE_UNKNOWN', 'the registry snapshot has no price for this model', {
        details: { modelId },
      });
    return p;
  }

  async listings(refresh: boolean, signal?: AbortSignal): Promise<WorkerListing[]> {
    const t = Date.now();
    const c = this.listingCache;
    if (!refresh && c && this.o.listingTtlMs > 0 && t - c.at >= 0 && t - c.at < this.o.listingTtlMs) return c.listings;
    const listings = await this.o.broker.listWorkers({}, signal);
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
    return (await this.inspectWorkers(opts)).verified;
  }

  /** The listing split into verified workers and refused ones (fail closed: a refused worker is never used). */
  async inspectWorkers(
    opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {},
  ): Promise<{ verified: VerifiedListing[]; refused: RefusedListing[] }> {
    const listings = await this.listings(opts.refresh ?? false, opts.signal);
    const now = this.o.now();
    const verified: VerifiedListing[] = [];
    const refused: RefusedListing[] = [];
    for (const l of listings) {
      try {
        const worker = await this.verifyListing(l, now);
        verified.push({ worker, model: l.model, prices: worker.prices, load: l.load });
      } catch (e) {
        refused.push({
          workerId: l.workerId,
          error: e instanceof SdkError ? e : new SdkError('SDK_BUNDLE_INVALID', 'worker bundle refused', { cause: e }),
        });
      }
    }
    return { verified, refused };
  }

  /**
   * Models served by at least one verified worker: `id` is the alias from the `models` option, the name the broker
   * lists, or the hex model id, in that order of preference.
   */
  async models(opts: { readonly refresh?: boolean; readonly signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
    return summarizeModels(await this.listWorkers(opts), this.o.aliases);
  }

  /** Verify one listing: the bundle itself, then that the advertised ids, keys and prices equal the attested ones. */
  async verifyListing(l: WorkerListing, now: Date): Promise<AttestedWorker> {
    const w = await this.o.attestation.verify(l.workerId, l.bundle, now);
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
  async pick(
    model: string,
    limit: Partial<ModelPrice> | undefined,
    refresh: boolean,
    signal?: AbortSignal,
  ): Promise<Candidate & { cap: ModelPrice }> {
    const listings = await this.listings(refresh, signal);
    const modelId = resolveModelId(model, listings, this.o.aliases);
    if (!modelId) throw new SdkError('SDK_NO_WORKER', 'no worker serves this model', { details: { model } });
    const registry = this.registryPrice(modelId);
    const cap = lowerCap(lowerCap(registry, this.o.maxPrice), limit);
    const fit = filterListings(listings, modelId, cap, this.o.random);
    if (fit.length === 0) {
      const served = listings.filter((l) => l.modelId.toLowerCase() === modelId);
      if (served.length > 0 && served.every((l) => !withinPrice(l.prices, registry)))
        throw new SdkError('SDK_PRICE_ABOVE_REGISTRY', "every worker quotes above the registry's price", {
          details: { model },
        });
      throw new SdkError('SDK_NO_WORKER', 'no worker serves this model within the price', { details: { model } });
    }
    const now = this.o.now();
    let firstRefusal: unknown;
    // `fit` is already in preference order (load, then price; equally good workers in random order, so traffic
    // spreads over them): verify in that order and take the first that passes, so a large pool costs one
    // verification per request on a cache miss, not one per worker.
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
}

/**
 * Verified workers grouped by model: `id` is the alias from `aliases`, the name the broker lists, or the hex model id,
 * in that order of preference; the worker count and the lowest price of each kind.
 */
export function summarizeModels(
  workers: readonly VerifiedListing[],
  aliases: Readonly<Record<string, string>>,
): ModelInfo[] {
  const byId = new Map<string, { id: string; modelId: string; workers: number; prices: ModelPrice }>();
  for (const w of workers) {
    const modelId = w.worker.modelId;
    const alias = Object.keys(aliases).find((k) => aliases[k]?.toLowerCase() === modelId);
    const e = byId.get(modelId);
    if (e) {
      e.workers += 1;
      e.prices = {
        promptNano: w.prices.promptNano < e.prices.promptNano ? w.prices.promptNano : e.prices.promptNano,
        completionNano:
          w.prices.completionNano < e.prices.completionNano ? w.prices.completionNano : e.prices.completionNano,
      };
    } else byId.set(modelId, { id: alias ?? w.model, modelId, workers: 1, prices: w.prices });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
