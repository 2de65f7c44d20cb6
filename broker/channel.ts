import { Address } from '@ton/core';

/** Canonical form of a channel id for comparisons: TON raw `wc:hex` when it parses as an address, else as given. */
export function normalizeChannel(channel: string): string {
  try {
    return Address.parse(channel).toRawString();
  } catch {
    return channel;
  }
}
