/**
 * Bounded least-recently-used caches, on the maintained `lru-cache` package: a get refreshes the entry, a set past
 * `max` evicts the least recently used one.
 */
import { LRUCache } from 'lru-cache';

export type BoundedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> = LRUCache<K, V>;

/** A cache holding at most `max` entries. */
export function boundedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  max: number,
): BoundedCache<K, V> {
  return new LRUCache<K, V>({ max });
}
