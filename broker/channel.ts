import { Address } from '@ton/core';

const cache = new Map<string, string>();

/** Canonical form of a channel id for comparisons: TON raw `wc:hex` when it parses as an address, else as given. */
export function normalizeChannel(channel: string): string {
  const hit = cache.get(channel);
  if (hit !== undefined) return hit;
  let out: string;
  try {
    out = Address.parse(channel).toRawString();
  } catch {
    out = channel;
  }
  if (cache.size >= 10_000) cache.clear();
  cache.set(channel, out);
  return out;
}
