/**
 * Brokers learnt from the Registry: each registered broker `{key, wallet, endpoint}` with the client's channel to it,
 * derived (contracts `clientChannelAddress`): payer = the v4 wallet of the channel key, payee = the broker's wallet,
 * closeDelay = the registry's clientCloseDelay, nonce 0 — the channel `openChannelFromWallet` deploys. A channel per
 * broker: with cumulative vouchers brokers sharing one would have to trust each other.
 */
import { Address } from '@ton/core';
import { clientChannelAddress } from '../contracts/wrappers/payment-channel';

/** A broker and this client's channel to it. */
export interface BrokerEndpoint {
  readonly url: string;
  readonly channel: string;
}

/** A registry snapshot's broker list and client close delay (cli/registry-source.ts `LoadedRegistry`). */
export interface RegistryBrokers {
  readonly brokers: readonly { readonly key: string; readonly wallet: string; readonly endpoint: string }[];
  readonly params: { readonly clientCloseDelay: number };
}

/** A broker entry left out, and why (bad wallet or endpoint). */
export interface SkippedBroker {
  readonly endpoint: string;
  readonly why: string;
}

/** `http(s)` base URL of a registry endpoint, or undefined when it is not one. */
function httpUrl(endpoint: string): string | undefined {
  try {
    const u = new URL(endpoint);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString().replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every registry broker with an http(s) endpoint and a parseable wallet, with the client's derived channel to it
 * (`channelKey` = the channel key's 32-byte public key), in registry order; the others in `skipped`.
 */
export function brokersFromRegistry(
  registry: RegistryBrokers,
  channelKey: Uint8Array,
): { brokers: BrokerEndpoint[]; skipped: SkippedBroker[] } {
  const brokers: BrokerEndpoint[] = [];
  const skipped: SkippedBroker[] = [];
  for (const b of registry.brokers) {
    const url = httpUrl(b.endpoint);
    if (!url) {
      skipped.push({ endpoint: b.endpoint, why: 'endpoint is not an http(s) URL' });
      continue;
    }
    let payee: Address;
    try {
      payee = Address.parse(b.wallet);
    } catch {
      skipped.push({ endpoint: b.endpoint, why: 'wallet is not a TON address' });
      continue;
    }
    const channel = clientChannelAddress({ payerKey: channelKey, payee, closeDelay: registry.params.clientCloseDelay });
    if (!brokers.some((x) => x.url === url)) brokers.push({ url, channel: channel.toString() });
  }
  return { brokers, skipped };
}
