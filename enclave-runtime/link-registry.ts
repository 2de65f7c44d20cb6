/**
 * Following the brokers a Registry lists: each broker's endpoint (its HTTP API) becomes the worker URL it is dialled
 * at (http -> ws, https -> wss, path + `/v1/worker`); an endpoint that is not http(s) gets no link and is logged with
 * WORKER_BROKER_ENDPOINT_INVALID. Every `refreshMs` the registry is read again and the worker's links become the
 * explicit brokers plus the registry's: new brokers are dialled, removed ones drained and closed. A failed read keeps
 * the links as they are.
 */
import type { LinkLogger } from './broker-link-types';

export type EndpointResult =
  { readonly url: string } | { readonly code: 'WORKER_BROKER_ENDPOINT_INVALID'; readonly reason: string };

/** The worker URL for a Registry broker endpoint, or why there is none. */
export function workerUrlFromEndpoint(endpoint: string): EndpointResult {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return { code: 'WORKER_BROKER_ENDPOINT_INVALID', reason: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { code: 'WORKER_BROKER_ENDPOINT_INVALID', reason: `scheme ${u.protocol} is not http(s)` };
  if (u.username || u.password) return { code: 'WORKER_BROKER_ENDPOINT_INVALID', reason: 'credentials in the URL' };
  const base = u.pathname.replace(/\/+$/, '');
  return { url: `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}${base}/v1/worker` };
}

export interface RegistryBrokersOptions {
  /** Reads the registry's broker list (e.g. `chain.readRegistry(address)`: one get_version call when unchanged). */
  readonly read: () => Promise<{ readonly brokers: readonly { readonly endpoint: string }[] }>;
  /** Brokers from the config, always linked. */
  readonly explicit: readonly string[];
  /** Applies the URL list (`BrokerLinks.set`). */
  readonly apply: (urls: readonly string[]) => Promise<void>;
  /** How often the registry is read again (default 60 s; 0: only by `refresh()`). */
  readonly refreshMs?: number;
  readonly logger?: LinkLogger;
}

export interface RegistryBrokers {
  /** Reads the registry and applies explicit + registry URLs; on a failed read logs and returns undefined. */
  refresh(): Promise<readonly string[] | undefined>;
  stop(): void;
}

export function followRegistryBrokers(o: RegistryBrokersOptions): RegistryBrokers {
  const reported = new Set<string>();
  let running: Promise<readonly string[] | undefined> | undefined;
  const once = async (): Promise<readonly string[] | undefined> => {
    let list;
    try {
      list = (await o.read()).brokers;
    } catch (err) {
      o.logger?.warn(
        { event: 'worker_registry_unreadable', code: (err as { code?: string }).code },
        'could not read the registry brokers: keeping the current links',
      );
      return undefined;
    }
    const urls = new Set(o.explicit);
    for (const b of list) {
      const r = workerUrlFromEndpoint(b.endpoint);
      if ('url' in r) urls.add(r.url);
      else if (!reported.has(b.endpoint)) {
        reported.add(b.endpoint);
        o.logger?.warn(
          { event: 'worker_registry_endpoint_refused', code: r.code, reason: r.reason },
          'a registry broker endpoint is not http(s): not dialled',
        );
      }
    }
    const out = [...urls];
    // Removed links drain in the background: the next refresh is not held up by a slow request.
    void o.apply(out);
    return out;
  };
  const refresh = (): Promise<readonly string[] | undefined> => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };
  const ms = o.refreshMs ?? 60_000;
  const timer = ms > 0 ? setInterval(() => void refresh(), ms) : undefined;
  timer?.unref();
  return {
    refresh,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
