import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { BrokerError, codeOf, httpStatusOf } from './errors';
import { hex, ed25519Verify } from './crypto';
import { decodeSubmit, decodeVoucher } from './http-codec';
import { createMetrics, type BrokerMetrics } from './metrics';
import { v1, PROTOCOL_VERSION } from './wire';
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
} from './ports';
import { AdmissionService } from './services/admission';
import { AccountService } from './services/accounts';
import { WorkerPool } from './services/pool';
import { RelayService, newRequestId } from './services/relay';
import { WorkerSession } from './services/worker-session';
import type { BrokerContext } from './services/types';

export const WORKER_WS_PATH = '/v1/worker';

export interface BrokerDeps {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly ledger: LedgerRepository;
  readonly bundleVerifier: BundleVerifier;
  readonly registry: RegistryView;
  readonly receipts: ReceiptVerifier;
  readonly admissionLogger?: AdmissionLogger;
  readonly channels?: ChannelDirectory;
  /** Default: Ed25519 by clientKey over the voucher bytes. */
  readonly vouchers?: VoucherVerifier;
  readonly clock?: Clock;
  readonly metrics?: BrokerMetrics;
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

/** Default voucher check: Ed25519 signature by the channel's payer key over the exact voucher bytes. */
export const ed25519VoucherVerifier: VoucherVerifier = {
  verify(v) {
    if (!ed25519Verify(v.clientKey, v.voucher, v.signature))
      throw new BrokerError('VOUCHER_BAD_SIGNATURE', 'voucher signature does not verify');
  },
};

/** Builds the broker's express app and WebSocket endpoint without listening. */
export function createBroker(deps: BrokerDeps): Broker {
  const metrics = deps.metrics ?? createMetrics();
  const ctx: BrokerContext = {
    config: deps.config,
    logger: deps.logger,
    ledger: deps.ledger,
    metrics,
    clock: deps.clock ?? systemClock,
    bundleVerifier: deps.bundleVerifier,
    registry: deps.registry,
    admissionLogger: deps.admissionLogger,
    channels: deps.channels,
    receipts: deps.receipts,
    vouchers: deps.vouchers ?? ed25519VoucherVerifier,
  };
  const pool = new WorkerPool(ctx);
  const admission = new AdmissionService(ctx);
  const accounts = new AccountService(ctx);
  const relay = new RelayService(ctx, accounts, pool);
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxFrameBytes, perMessageDeflate: false });
  const sessions = new Set<WorkerSession>();
  let draining = false;

  wss.on('connection', (ws) => {
    const s = new WorkerSession(ws, ctx, admission, pool);
    sessions.add(s);
    ws.on('close', () => sessions.delete(s));
    ctx.logger.info({ event: 'worker_connected', connId: s.connId }, 'worker connected');
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  /** Per-request access line: debug level (at info it would be a log line per relayed request under load). */
  const accessLog = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    if (!ctx.logger.isLevelEnabled('debug')) return;
    const t0 = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/metrics' || path === '/healthz' || path === '/readyz') return;
      ctx.logger.debug(
        {
          requestId: id,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - t0) / 1e6,
        },
        'http',
      );
    });
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = (res.locals.requestId as string | undefined) ?? newRequestId();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    accessLog(req, res, id);
    next();
  });

  const raw = express.raw({ type: () => true, limit: deps.config.maxBodyBytes });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await ctx.ledger.ping();
    } catch {
      res.status(503).json({ ready: false, code: 'BROKER_LEDGER_UNAVAILABLE' });
      return;
    }
    if (draining) {
      res.status(503).json({ ready: false, code: 'BROKER_DRAINING' });
      return;
    }
    res.json({ ready: true, workers: pool.routable(ctx.clock.now().getTime()).length });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  app.get('/v1/workers', (req, res) => {
    const nowMs = ctx.clock.now().getTime();
    const model = typeof req.query.model === 'string' ? parseId(req.query.model) : undefined;
    const maxPrice = typeof req.query.maxPrice === 'string' ? Number(req.query.maxPrice) : undefined;
    const workers = pool
      .routable(nowMs)
      .filter(
        (s) =>
          (model === undefined || hex(s.admitted!.identity.modelId) === model) &&
          (maxPrice === undefined || !(s.priceNanoPerToken > maxPrice)),
      )
      .map((s) => {
        const a = s.admitted!;
        return v1.WorkerEntry.create({
          workerId: a.workerId,
          modelId: a.identity.modelId,
          priceNanoPerToken: s.priceNanoPerToken,
          bundle: a.bundle,
          bundleDigest: a.bundleDigest,
          signingPublicKey: a.identity.signingPublicKey,
          hpkePublicKey: a.identity.hpkePublicKey,
          imageId: a.identity.imageId,
          platformId: a.identity.platformId,
          admittedAtMs: a.admittedAtMs,
          validUntilMs: a.validUntilMs,
          queueDepth: s.load,
          maxConcurrency: s.maxConcurrency,
        });
      });
    const list = v1.WorkerList.create({ workers, brokerId: ctx.config.brokerId, protocolVersion: PROTOCOL_VERSION });
    if (String(req.headers.accept ?? '').includes('application/x-protobuf')) {
      res.setHeader('Content-Type', 'application/x-protobuf');
      res.send(Buffer.from(v1.WorkerList.encode(list).finish()));
      return;
    }
    res.json(v1.WorkerList.toObject(list, { bytes: String, longs: Number, defaults: true, arrays: true }));
  });

  app.post('/v1/requests', raw, async (req, res) => {
    const sub = decodeSubmit(req);
    await relay.submit(sub, res, res.locals.requestId as string);
  });

  app.post('/v1/vouchers', raw, async (req, res) => {
    const v = decodeVoucher(req);
    const key = hex(v.clientKey);
    const acct = await ctx.ledger.getAccount(key);
    if (!acct) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    if (acct.channel !== v.channel) throw new BrokerError('VOUCHER_CHANNEL_MISMATCH', 'voucher names another channel');
    try {
      ctx.vouchers!.verify(v);
    } catch (err) {
      const code = codeOf(err, 'VOUCHER_BAD_SIGNATURE');
      throw err instanceof BrokerError
        ? err
        : new BrokerError(
            code.startsWith('VOUCHER_') ? (code as 'VOUCHER_BAD_SIGNATURE') : 'VOUCHER_BAD_SIGNATURE',
            'voucher rejected',
            { cause: err },
          );
    }
    const out = await ctx.ledger.recordVoucher({ ...v, clientKey: key, atMs: ctx.clock.now().getTime() });
    if (!out.ok)
      throw new BrokerError(
        out.code,
        out.code === 'VOUCHER_NOT_MONOTONIC' ? 'voucher amount must grow' : 'unknown client',
      );
    const a = out.account;
    res.json({
      channel: a.channel,
      cumulativeNano: a.vouchedNano,
      chargedNano: a.chargedNano,
      owedNano: Math.max(0, a.chargedNano - a.vouchedNano),
    });
  });

  app.get('/v1/accounts/:clientKey', async (req, res) => {
    const key = String(req.params.clientKey).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(key)) throw new BrokerError('BROKER_BAD_REQUEST', 'clientKey must be 32 bytes hex');
    const a = await ctx.ledger.getAccount(key);
    if (!a) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no such client');
    res.json({
      channel: a.channel,
      depositNano: a.depositNano,
      chargedNano: a.chargedNano,
      vouchedNano: a.vouchedNano,
      availableNano: a.depositNano - a.chargedNano,
    });
  });

  app.use((_req: Request, _res: Response, next: NextFunction) =>
    next(new BrokerError('BROKER_NOT_FOUND', 'no such route')),
  );

  // The one place codes become HTTP statuses (express routes and the fast path alike).
  const sendError = (err: unknown, req: IncomingMessage, res: ServerResponse, requestId: unknown): void => {
    let e = err;
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.too.large')
      e = new BrokerError('BROKER_BODY_TOO_LARGE', `body larger than ${deps.config.maxBodyBytes} bytes`);
    else if (typeof type === 'string' && !(err instanceof BrokerError))
      e = new BrokerError('BROKER_BAD_REQUEST', 'unreadable body');
    const code = e instanceof BrokerError ? e.code : 'BROKER_INTERNAL';
    const status = httpStatusOf(code);
    ctx.metrics.rejections.inc({ code });
    if (status >= 500 && code !== 'BROKER_DRAINING') ctx.logger.error({ err: e, requestId }, 'internal error');
    else ctx.logger.info({ requestId, code }, 'request refused');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof BrokerError && e.retryAfterS !== undefined) res.setHeader('Retry-After', String(e.retryAfterS));
    const internal = status >= 500 && code !== 'BROKER_DRAINING';
    const body = JSON.stringify(
      internal ? { code: 'BROKER_INTERNAL', message: 'internal error' } : { code, message: (e as Error).message },
    );
    res.statusCode = internal ? 500 : status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(err, req, res, res.locals.requestId),
  );

  /**
   * POST /v1/requests without express: same order of checks as the express route (size -> shape -> relay.submit),
   * same error bodies (sendError). Only bodies with a declared Content-Length within the limit and no
   * Content-Encoding come here; chunked, compressed or oversized bodies take the express route (express.raw).
   */
  const submitFast = (req: IncomingMessage, res: ServerResponse, declared: number): void => {
    const id = newRequestId();
    res.setHeader('X-Request-Id', id);
    accessLog(req, res, id);
    const body = Buffer.allocUnsafe(declared);
    let got = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      if (got + c.length > declared) {
        failed = true; // cannot happen with a Content-Length framed body; refuse rather than overflow
        sendError(new BrokerError('BROKER_BAD_REQUEST', 'body longer than its Content-Length'), req, res, id);
        return;
      }
      c.copy(body, got);
      got += c.length;
    });
    req.on('error', () => {
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      if (got !== declared) {
        sendError(new BrokerError('BROKER_BAD_REQUEST', 'unreadable body'), req, res, id);
        return;
      }
      let sub;
      try {
        sub = decodeSubmit({ headers: req.headers, body });
      } catch (err) {
        sendError(err, req, res, id);
        return;
      }
      relay.submit(sub, res, id).catch((err: unknown) => sendError(err, req, res, id));
    });
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (
      req.method === 'POST' &&
      req.url === '/v1/requests' &&
      req.headers['content-encoding'] === undefined &&
      req.headers['transfer-encoding'] === undefined
    ) {
      const declared = Number(req.headers['content-length']);
      if (Number.isSafeInteger(declared) && declared >= 0 && declared <= deps.config.maxBodyBytes) {
        submitFast(req, res, declared);
        return;
      }
    }
    app(req, res);
  };

  const attach = (server: Server): void => {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== WORKER_WS_PATH || draining) {
        socket.end(
          `HTTP/1.1 ${draining ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        );
        return;
      }
      socket.on('error', () => undefined);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    });
  };

  const drain = async (timeoutMs = deps.config.drainTimeoutMs): Promise<void> => {
    if (!draining) {
      draining = true;
      const deadline = ctx.clock.now().getTime() + timeoutMs;
      for (const s of sessions) s.drain('broker shutting down', deadline);
    }
    await relay.drain(timeoutMs);
  };

  return {
    app,
    handler,
    pool,
    metrics,
    ledger: ctx.ledger,
    attach,
    drain,
    async close(timeoutMs?: number): Promise<void> {
      await drain(timeoutMs);
      for (const s of [...sessions]) s.close('BROKER_DRAINING', 'broker closed');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Model id query parameter: 64 hex chars or base64 of 32 bytes; returned as hex ('' if invalid, matching nothing). */
function parseId(s: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(s)) return s.toLowerCase();
  const b = Buffer.from(s, 'base64');
  return b.length === 32 ? b.toString('hex') : '';
}
