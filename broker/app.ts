import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { BrokerError } from './errors';
import { createMetrics, type BrokerMetrics } from './metrics';
import type { BrokerConfig } from './config';
import type { LedgerRepository } from './ledger/types';
import {
  systemClock,
  type AdmissionLogger,
  type BundleVerifier,
  type ChannelDirectory,
  type Clock,
  type ReceiptVerifier,
  type RegistryView,
  type VoucherVerifier,
  type WorkerPayoutSink,
  type WorkerSessionEnded,
} from './ports';
import { AdmissionService } from './services/admission';
import { AccountService, contractVoucherVerifier } from './services/accounts';
import { WorkerPool } from './services/pool';
import { RelayService } from './services/relay';
import type { BrokerContext } from './services/types';
import { createAccessLog, createErrorSender, requestIdMiddleware, type AccessLog, type SendError } from './app-http';
import { mountClientRoutes, mountProbeRoutes, mountWorkerListRoute, type RouteDeps } from './app-routes';
import { createRequestHandler } from './app-fast-path';
import { createLifecycle } from './app-lifecycle';

export { WORKER_WS_PATH } from './app-lifecycle';

export interface BrokerDeps {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly ledger: LedgerRepository;
  readonly bundleVerifier: BundleVerifier;
  readonly registry: RegistryView;
  readonly receipts: ReceiptVerifier;
  readonly admissionLogger?: AdmissionLogger;
  readonly channels?: ChannelDirectory;
  /** How a client voucher is judged against its channel. Default: `contractVoucherVerifier` (the contract's rules). */
  readonly vouchers?: VoucherVerifier;
  readonly clock?: Clock;
  readonly metrics?: BrokerMetrics;
  /** Told when an admitted worker's session ends (the devnet prints it; an operator may alert on it). */
  readonly onWorkerSessionEnded?: (e: WorkerSessionEnded) => void;
  /** Pays admitted workers (`startBrokerChain({ payWorkers })` gives one); workers must then name a payout address. */
  readonly workerPayouts?: WorkerPayoutSink;
}

export interface Broker {
  readonly app: express.Express;
  /**
   * The HTTP request listener to serve: `POST /v1/requests` (the relay's hot path) is handled without express's
   * router and body parser when its body has a declared length within `maxBodyBytes` and no content-encoding; every
   * other request (and those) goes to `app`. Same checks, codes, headers and bodies either way.
   */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly pool: WorkerPool;
  readonly metrics: BrokerMetrics;
  readonly ledger: LedgerRepository;
  /** Route `/v1/worker` WebSocket upgrades of this HTTP server to the broker. */
  attach(server: Server): void;
  /** Stop taking work: 503 to new requests, Drain to workers, wait for in-flight streams (up to timeoutMs). */
  drain(timeoutMs?: number): Promise<void>;
  /** drain, then close every worker connection. Does not close the ledger (its owner does). */
  close(timeoutMs?: number): Promise<void>;
}

/** Everything the services share, with the defaults filled in. */
function buildContext(deps: BrokerDeps): BrokerContext {
  return {
    config: deps.config,
    logger: deps.logger,
    ledger: deps.ledger,
    metrics: deps.metrics ?? createMetrics(),
    clock: deps.clock ?? systemClock,
    bundleVerifier: deps.bundleVerifier,
    registry: deps.registry,
    admissionLogger: deps.admissionLogger,
    channels: deps.channels,
    receipts: deps.receipts,
    vouchers: deps.vouchers ?? contractVoucherVerifier,
    onWorkerSessionEnded: deps.onWorkerSessionEnded,
    workerPayouts: deps.workerPayouts,
  };
}

/** The express app: request ids, the route table, 404, then the one error handler. */
function buildExpressApp(routes: RouteDeps, accessLog: AccessLog, sendError: SendError): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestIdMiddleware(routes.ctx, accessLog));
  mountProbeRoutes(app, routes);
  mountWorkerListRoute(app, routes);
  mountClientRoutes(app, routes);
  app.use((_req: Request, _res: Response, next: NextFunction) =>
    next(new BrokerError('BROKER_NOT_FOUND', 'no such route')),
  );
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(err, req, res, res.locals.requestId),
  );
  return app;
}

/** Builds the broker's express app and WebSocket endpoint without listening. */
export function createBroker(deps: BrokerDeps): Broker {
  const ctx = buildContext(deps);
  const pool = new WorkerPool(ctx);
  const admission = new AdmissionService(ctx);
  const accounts = new AccountService(ctx);
  const relay = new RelayService(ctx, accounts, pool);
  const lifecycle = createLifecycle({ ctx, admission, pool, relay });
  const accessLog = createAccessLog(ctx);
  const sendError = createErrorSender(ctx);
  const routes: RouteDeps = { ctx, pool, accounts, relay, isDraining: lifecycle.isDraining };
  const app = buildExpressApp(routes, accessLog, sendError);
  return {
    app,
    handler: createRequestHandler({ ctx, relay, accessLog, sendError, fallback: app }),
    pool,
    metrics: ctx.metrics,
    ledger: ctx.ledger,
    attach: lifecycle.attach,
    drain: lifecycle.drain,
    close: lifecycle.close,
  };
}
