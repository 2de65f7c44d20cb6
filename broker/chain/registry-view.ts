/**
 * `RegistryView` (broker/ports.ts) over the on-chain Registry, read through `ChainClient` (TonClient against
 * toncenter v2: the same path for the devnet and testnet).
 *
 * Caching: within `versionCheckMs` of the last check the cached snapshot is returned without any request; after
 * that one `get_version` call is made (inside `chain.readRegistry`) and the lists are re-read only when the version
 * changed. Concurrent callers share one in-flight read. SECURITY (fail closed): when the chain cannot be read, the
 * last snapshot is served only while it is younger than `maxStaleMs`; after that `snapshot()` throws
 * BROKER_CHAIN_REGISTRY_UNAVAILABLE and the broker refuses admissions.
 */
import type { Address } from '@ton/core';
import type { ChainClient } from '../../contracts/chain/types';
import { modelDiskRootHashes, type RegistryParams, type BrokerEntry } from '../../contracts/wrappers/registry';
import { registryModelPrices, type ModelPrice } from '../../contracts/pricing';
import type { RegistrySnapshot, RegistryView } from '../ports';
import { BrokerChainError, codeOf, silentLogger, type ChainLogger } from './errors';
import { systemClock, type Clock } from '../../core/clock';

/** The registry snapshot plus what else the registry holds (multipliers, params, brokers). */
export interface ChainRegistrySnapshot extends RegistrySnapshot {
  /** Model id (hex) -> its prompt and completion price per token (`modelPrice`: base price x multiplier). */
  readonly modelPrices: Readonly<Record<string, ModelPrice>>;
  /** Model id (hex) -> price multiplier (10000 = 1x). */
  readonly modelMultipliers: Readonly<Record<string, number>>;
  readonly params: RegistryParams;
  readonly brokers: readonly BrokerEntry[];
  readonly attestationLog: Address | null;
}

export interface ChainRegistryViewOptions {
  readonly chain: ChainClient;
  readonly registry: Address;
  /** Serve the cached snapshot without asking the chain for this long (default 5000 ms). */
  readonly versionCheckMs?: number;
  /** When the chain is unreachable, keep serving a snapshot at most this old (default 60000 ms; 0 = never). */
  readonly maxStaleMs?: number;
  /** Time of cache checks (default systemClock). */
  readonly clock?: Clock;
  readonly logger?: ChainLogger;
}

/**
 * Maps the registry to the broker's snapshot. `modelPrices` holds each allowed model's price ceiling
 * (`modelPrice(params, multiplier)`): admission passes it to `verifyBundle`, which refuses a worker whose committed
 * prompt or completion price is above its model's.
 */
export function toBrokerSnapshot(s: {
  version: number;
  images: readonly string[];
  platforms: readonly string[];
  models: readonly { id: string; multiplier: number; diskRootHash?: string }[];
  params: RegistryParams;
  brokers: readonly BrokerEntry[];
  attestationLog: Address | null;
}): ChainRegistrySnapshot {
  const modelMultipliers: Record<string, number> = {};
  for (const m of s.models) modelMultipliers[m.id.toLowerCase()] = m.multiplier;
  return Object.freeze({
    version: s.version,
    imageIds: s.images.map((x) => x.toLowerCase()),
    platformIds: s.platforms.map((x) => x.toLowerCase()),
    modelIds: s.models.map((m) => m.id.toLowerCase()),
    modelPrices: Object.freeze(registryModelPrices(s.params, s.models)),
    modelDiskRootHashes: Object.freeze(modelDiskRootHashes(s.models)),
    modelMultipliers: Object.freeze(modelMultipliers),
    params: s.params,
    brokers: s.brokers,
    attestationLog: s.attestationLog,
  });
}

export class ChainRegistryView implements RegistryView {
  private cached: ChainRegistrySnapshot | null = null;
  private checkedAtMs = -Infinity;
  private readAtMs = -Infinity;
  private inflight: Promise<ChainRegistrySnapshot> | null = null;
  private readonly versionCheckMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;
  private readonly logger: ChainLogger;
  /** Number of chain round-trips started (for tests and metrics). */
  reads = 0;

  constructor(private readonly opts: ChainRegistryViewOptions) {
    this.versionCheckMs = opts.versionCheckMs ?? 5000;
    this.maxStaleMs = opts.maxStaleMs ?? 60_000;
    const clock = opts.clock ?? systemClock;
    this.now = () => clock.now().getTime();
    this.logger = opts.logger ?? silentLogger;
  }

  async snapshot(): Promise<ChainRegistrySnapshot> {
    const now = this.now();
    if (this.cached && now - this.checkedAtMs < this.versionCheckMs) return this.cached;
    if (!this.inflight) {
      this.inflight = this.refresh(now).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** The last snapshot read (null before the first read), without any request. */
  get current(): ChainRegistrySnapshot | null {
    return this.cached;
  }

  /** Forces the next `snapshot()` to ask the chain. */
  invalidate(): void {
    this.checkedAtMs = -Infinity;
  }

  private async refresh(now: number): Promise<ChainRegistrySnapshot> {
    this.reads++;
    try {
      const s = await this.opts.chain.readRegistry(this.opts.registry);
      if (!this.cached || this.cached.version !== s.version) {
        this.cached = toBrokerSnapshot(s);
        this.logger.info({ event: 'registry_read', version: s.version }, 'registry snapshot updated');
      }
      this.checkedAtMs = now;
      this.readAtMs = now;
      return this.cached;
    } catch (err) {
      const code = codeOf(err, 'CHAIN_REQUEST_FAILED');
      if (this.cached && now - this.readAtMs <= this.maxStaleMs) {
        this.logger.warn(
          { event: 'registry_read', ok: false, code, staleMs: now - this.readAtMs },
          'registry unreachable: serving the last snapshot',
        );
        return this.cached;
      }
      this.logger.error({ event: 'registry_read', ok: false, code }, 'registry unreachable');
      throw new BrokerChainError('BROKER_CHAIN_REGISTRY_UNAVAILABLE', 'registry could not be read', {
        cause: err,
        details: { cause: code },
      });
    }
  }
}
