/**
 * The worker's broker links from its config: one link per broker in `brokers`, plus, with `brokersFromRegistry`,
 * one per broker the Registry at `payments.registry` lists (followed every `refreshMs`: new brokers are dialled,
 * removed ones drained and closed). All links share one `maxConcurrency` budget; each broker's payouts are its own.
 */
import { Address } from '@ton/core';
import type { ChainClient } from '../contracts/chain/types';
import type { LinkLogger, LinkWorker } from '../enclave-runtime/broker-link-types';
import { followRegistryBrokers, type RegistryBrokers } from '../enclave-runtime/link-registry';
import { BrokerLinks, type SharedLinkOptions } from '../enclave-runtime/link-set';
import type { Payouts } from '../enclave-runtime/payouts';
import { DEFAULT_FEE_REFRESH_MS } from '../enclave-runtime/payouts/payouts';
import type { WorkerSettings } from './worker-config';

export interface WorkerLinks {
  readonly links: BrokerLinks;
  /** The registry follower, with `brokersFromRegistry`. */
  readonly registry: RegistryBrokers | undefined;
  /** Stops following the registry, drains every link (up to `timeoutMs`) and closes them. */
  drain(timeoutMs?: number): Promise<void>;
}

export async function startWorkerLinks(
  w: WorkerSettings,
  worker: LinkWorker,
  o: {
    logger?: LinkLogger;
    payouts?: Payouts | undefined;
    chain?: ChainClient | undefined;
    /** How often the registry's broker list is read again (default: as often as the fee, 60 s). */
    refreshMs?: number;
    link?: SharedLinkOptions;
  } = {},
): Promise<WorkerLinks> {
  const payouts = o.payouts;
  const links = new BrokerLinks({
    worker,
    maxConcurrency: w.maxConcurrency,
    ...(o.logger ? { logger: o.logger } : {}),
    ...(payouts ? { payoutsFor: (url: string) => payouts.forBroker(url) } : {}),
    link: { payoutAddress: w.payoutAddress, ...(w.name ? { workerName: w.name } : {}), ...o.link },
  });
  await links.set(w.brokers);
  let registry: RegistryBrokers | undefined;
  const address = w.payments.registry;
  if (w.brokersFromRegistry && address && o.chain) {
    const chain = o.chain;
    registry = followRegistryBrokers({
      read: () => chain.readRegistry(Address.parse(address)),
      explicit: w.brokers,
      apply: (urls) => links.set(urls),
      refreshMs: o.refreshMs ?? DEFAULT_FEE_REFRESH_MS,
      ...(o.logger ? { logger: o.logger } : {}),
    });
    await registry.refresh();
  }
  return {
    links,
    registry,
    drain: async (timeoutMs = 30_000) => {
      registry?.stop();
      await links.drain(timeoutMs);
    },
  };
}
