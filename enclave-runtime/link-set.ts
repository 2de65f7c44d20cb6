/**
 * The worker's broker links, one per broker URL, sharing one concurrency budget. `set(urls)` opens a link for each
 * new URL and drains, then closes, the link of each URL no longer listed; the other links are not touched, so
 * changing (or losing) one broker never disturbs the work of the others.
 */
import { connectBroker } from './broker-link';
import type { BrokerLink, BrokerLinkOptions, LinkLogger, LinkWorker } from './broker-link-types';
import { createLinkBudget, type LinkBudget } from './link-budget';
import type { BrokerPayouts } from './payouts/payouts';

/** What every link gets besides its URL, worker, budget and payouts. */
export type SharedLinkOptions = Omit<BrokerLinkOptions, 'url' | 'worker' | 'budget' | 'payouts' | 'logger'>;

export interface BrokerLinksOptions {
  readonly worker: LinkWorker;
  /** The most requests the worker serves at once, over all its brokers. */
  readonly maxConcurrency: number;
  readonly logger?: LinkLogger;
  /** Each broker's payouts (e.g. `payouts.forBroker(url)`). */
  readonly payoutsFor?: (url: string) => BrokerPayouts | undefined;
  readonly link?: SharedLinkOptions;
  /** How long a removed broker's in-flight requests may take before its link closes (default 30 s). */
  readonly drainMs?: number;
}

export class BrokerLinks {
  readonly budget: LinkBudget;
  private readonly links = new Map<string, BrokerLink>();
  private readonly log: LinkLogger | undefined;
  private closed = false;

  constructor(private readonly opts: BrokerLinksOptions) {
    this.budget = createLinkBudget(opts.maxConcurrency);
    this.log = opts.logger;
  }

  /** The URLs linked now, in the order they were opened. */
  get urls(): string[] {
    return [...this.links.keys()];
  }

  get(url: string): BrokerLink | undefined {
    return this.links.get(url);
  }

  /**
   * Opens links for URLs not linked yet; drains and closes links whose URL is not in `urls` (resolves then). After
   * `drain()` it does nothing.
   */
  async set(urls: readonly string[]): Promise<void> {
    if (this.closed) return;
    const want = new Set(urls);
    const removed: [string, BrokerLink][] = [];
    for (const [url, link] of this.links)
      if (!want.has(url)) {
        this.links.delete(url);
        removed.push([url, link]);
      }
    for (const url of want) if (!this.links.has(url)) this.links.set(url, this.open(url));
    await Promise.all(
      removed.map(([url, link]) => {
        this.log?.info({ event: 'link_removed', broker: url }, 'broker no longer listed: draining its link');
        return link.drain(this.opts.drainMs ?? 30_000);
      }),
    );
  }

  /** Drains every link (up to `timeoutMs` for in-flight requests), then closes them; no link opens after it. */
  async drain(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    const all = [...this.links.values()];
    this.links.clear();
    await Promise.all(all.map((l) => l.drain(timeoutMs)));
  }

  private open(url: string): BrokerLink {
    const payouts = this.opts.payoutsFor?.(url);
    this.log?.info({ event: 'link_added', broker: url }, 'opening a broker link');
    return connectBroker({
      ...this.opts.link,
      url,
      worker: this.opts.worker,
      budget: this.budget,
      ...(this.opts.logger ? { logger: this.opts.logger } : {}),
      ...(payouts ? { payouts } : {}),
    });
  }
}
