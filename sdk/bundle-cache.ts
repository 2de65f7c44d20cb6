/**
 * A bounded LRU cache of verified workers, keyed by the SHA-256 of the exact bundle bytes.
 *
 * Only successful verifications are cached (fail-closed: a refused bundle is re-verified every time it shows up,
 * so a transient collateral problem never turns into a cached "valid"). An entry expires after `ttlMs`
 * (default 10 minutes) so revocations and TCB changes fed through the verifier options are picked up, and never
 * later than the validity of the evidence it was verified from (the `validUntil` given to `set`).
 */
import { boundedCache, type BoundedCache } from '../core/cache';

export interface BundleCacheOptions {
  /** Maximum number of entries (default 256). */
  readonly maxEntries?: number;
  /** Entry lifetime in milliseconds, measured against the `now` passed in (default 600 000). */
  readonly ttlMs?: number;
}

interface Entry<V> {
  readonly value: V;
  readonly storedAt: number;
  /** Expiry (ms since epoch): storedAt + ttl, or the evidence's validity when earlier. */
  readonly expiresAt: number;
}

export class BundleCache<V> {
  private readonly map: BoundedCache<string, Entry<V>>;
  private readonly ttl: number;

  constructor(opts: BundleCacheOptions = {}) {
    const max = opts.maxEntries ?? 256;
    const ttl = opts.ttlMs ?? 600_000;
    if (!Number.isInteger(max) || max < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!(ttl > 0)) throw new RangeError('ttlMs must be positive');
    this.map = boundedCache(max);
    this.ttl = ttl;
  }

  get size(): number {
    return this.map.size;
  }

  /** The cached value for `digestHex` if present and fresh at `now`; refreshes its LRU position. */
  get(digestHex: string, now: Date): V | undefined {
    const e = this.map.get(digestHex);
    if (!e) return undefined;
    const t = now.getTime();
    if (t < e.storedAt || t >= e.expiresAt) {
      this.map.delete(digestHex);
      return undefined;
    }
    return e.value;
  }

  /** Stores `value` at `now` until the earlier of `now + ttlMs` and `validUntil`; nothing when already past it. */
  set(digestHex: string, value: V, now: Date, validUntil?: Date): void {
    const storedAt = now.getTime();
    const until = validUntil?.getTime();
    const expiresAt = Math.min(storedAt + this.ttl, until === undefined || Number.isNaN(until) ? Infinity : until);
    if (expiresAt <= storedAt) {
      this.map.delete(digestHex);
      return;
    }
    this.map.set(digestHex, { value, storedAt, expiresAt });
  }

  delete(digestHex: string): void {
    this.map.delete(digestHex);
  }

  clear(): void {
    this.map.clear();
  }
}
