import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { createBroker, type Broker, type BrokerDeps } from './app';
import { makeConfig, type BrokerConfig } from './config';
import { attestationBundleVerifier, attestationReceiptVerifier, StaticRegistry } from './adapters';
import { SqliteLedger } from './ledger/sqlite';
import { PostgresLedger } from './ledger/postgres';
import type { LedgerRepository } from './ledger/types';
import { systemClock } from './ports';

export interface StartBrokerOptions extends Partial<Omit<BrokerDeps, 'config'>> {
  readonly config?: Partial<BrokerConfig> | BrokerConfig;
}

export interface RunningBroker {
  /** http://host:port */
  readonly url: string;
  /** ws://host:port/v1/worker — where workers dial. */
  readonly workerUrl: string;
  readonly port: number;
  readonly broker: Broker;
  readonly server: Server;
  /** Graceful: drain in-flight streams, close workers, stop listening, close the ledger it opened. */
  close(): Promise<void>;
}

/** Opens the ledger the config names (PostgreSQL when `pgUrl` is set, else SQLite at `dbPath`) as `replicaId`. */
export function openLedger(config: BrokerConfig): LedgerRepository {
  const opts = { replicaId: config.replicaId };
  if (config.pgUrl) return new PostgresLedger(config.pgUrl, opts);
  if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
  return new SqliteLedger(config.dbPath, opts);
}

/**
 * Starts a broker listening on config.host:config.port (port 0: any free port). Defaults, all fail-closed: an empty
 * registry (admits nobody) unless `registry` is given, the real `verifyBundle` with production roots unless
 * `bundleVerifier` is given, receipt verification, the ledger from the config.
 */
export async function startBroker(opts: StartBrokerOptions = {}): Promise<RunningBroker> {
  const config = makeConfig(opts.config ?? {});
  const logger: Logger = opts.logger ?? pino({ name: 'broker', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'info' });
  const ownLedger = opts.ledger === undefined;
  const ledger = opts.ledger ?? openLedger(config);
  const { abandoned } = await ledger.init();
  if (abandoned > 0)
    logger.warn(
      { event: 'ledger_recovered', abandoned },
      'requests left in flight by a previous run marked abandoned (not charged)',
    );
  const registry = opts.registry ?? new StaticRegistry({ version: 0, imageIds: [], platformIds: [], modelIds: [] });
  const broker = createBroker({
    config,
    logger,
    ledger,
    registry,
    bundleVerifier: opts.bundleVerifier ?? attestationBundleVerifier({ registry }),
    receipts: opts.receipts ?? attestationReceiptVerifier(),
    ...(opts.admissionLogger ? { admissionLogger: opts.admissionLogger } : {}),
    ...(opts.channels ? { channels: opts.channels } : {}),
    ...(opts.vouchers ? { vouchers: opts.vouchers } : {}),
    clock: opts.clock ?? systemClock,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.onWorkerSessionEnded ? { onWorkerSessionEnded: opts.onWorkerSessionEnded } : {}),
    ...(opts.workerPayouts ? { workerPayouts: opts.workerPayouts } : {}),
  });
  const server = createServer(
    { requestTimeout: 60_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
    broker.handler,
  );
  broker.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ event: 'listening', port }, 'broker listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    workerUrl: `ws://${host}:${port}/v1/worker`,
    port,
    broker,
    server,
    close(): Promise<void> {
      closing ??= (async () => {
        await broker.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (ownLedger) await ledger.close();
        logger.info({ event: 'closed' }, 'broker closed');
      })();
      return closing;
    },
  };
}
