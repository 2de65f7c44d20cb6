/**
 * The broker's route table, one builder per group: probes (health, readiness, metrics), the worker listing, and the
 * client routes (requests, vouchers, accounts). Routes validate, call a service and shape the reply; errors are
 * thrown as BrokerError and become replies in the app's error handler.
 */
import express, { type Express, type RequestHandler } from 'express';
import { BrokerError } from './errors';
import { toHex } from '../core/bytes';
import { decodeSubmit, decodeVoucher } from './http-codec';
import { ACCOUNT_AUTH_HEADER } from '../proto/account-auth';
import { v1, PROTOCOL_VERSION } from './wire';
import type { AccountService } from './services/accounts';
import type { WorkerPool } from './services/pool';
import type { RelayService } from './services/relay';
import type { WorkerSession } from './services/worker-session';
import type { BrokerContext } from './services/types';

export interface RouteDeps {
  readonly ctx: BrokerContext;
  readonly pool: WorkerPool;
  readonly accounts: AccountService;
  readonly relay: RelayService;
  /** True once the broker drains (readiness answers 503). */
  readonly isDraining: () => boolean;
}

/** GET /healthz, /readyz, /metrics. */
export function mountProbeRoutes(app: Express, { ctx, pool, isDraining }: RouteDeps): void {
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
    if (isDraining()) {
      res.status(503).json({ ready: false, code: 'BROKER_DRAINING' });
      return;
    }
    res.json({ ready: true, workers: pool.routable(ctx.clock.now().getTime()).length });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', ctx.metrics.registry.contentType);
    res.send(await ctx.metrics.registry.metrics());
  });
}

/**
 * GET /v1/workers: the routable workers with their committed prices (optionally by model and maximum prompt /
 * completion price: `?maxPromptPrice=N&maxCompletionPrice=N`), JSON or protobuf.
 */
export function mountWorkerListRoute(app: Express, { ctx, pool }: RouteDeps): void {
  app.get('/v1/workers', (req, res) => {
    const model = typeof req.query.model === 'string' ? parseId(req.query.model) : undefined;
    const maxPrompt = priceQuery(req.query.maxPromptPrice);
    const maxCompletion = priceQuery(req.query.maxCompletionPrice);
    const workers = pool
      .routable(ctx.clock.now().getTime())
      .filter(
        (s) =>
          (model === undefined || toHex(s.admitted!.identity.modelId) === model) &&
          (maxPrompt === undefined || s.prices.promptNano <= maxPrompt) &&
          (maxCompletion === undefined || s.prices.completionNano <= maxCompletion),
      )
      .map((s) => toWorkerEntry(s));
    const list = v1.WorkerList.create({ workers, brokerId: ctx.config.brokerId, protocolVersion: PROTOCOL_VERSION });
    if (String(req.headers.accept ?? '').includes('application/x-protobuf')) {
      res.setHeader('Content-Type', 'application/x-protobuf');
      res.send(Buffer.from(v1.WorkerList.encode(list).finish()));
      return;
    }
    res.json(v1.WorkerList.toObject(list, { bytes: String, longs: Number, defaults: true, arrays: true }));
  });
}

/** A decimal price filter from the query string (absent: no filter; malformed: no worker passes). */
function priceQuery(v: unknown): bigint | undefined {
  if (typeof v !== 'string') return undefined;
  return /^[0-9]{1,20}$/.test(v) ? BigInt(v) : -1n;
}

function toWorkerEntry(s: WorkerSession): ReturnType<typeof v1.WorkerEntry.create> {
  const a = s.admitted!;
  return v1.WorkerEntry.create({
    workerId: a.workerId,
    modelId: a.identity.modelId,
    promptPriceNano: Number(s.prices.promptNano),
    completionPriceNano: Number(s.prices.completionNano),
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
}

/** POST /v1/requests (the express route; the fast path is in app-fast-path.ts), POST /v1/vouchers, GET /v1/accounts/:clientKey,
 * GET /v1/receipts/:requestId. */
export function mountClientRoutes(app: Express, deps: RouteDeps): void {
  const { ctx, accounts, relay } = deps;
  const raw: RequestHandler = express.raw({ type: () => true, limit: ctx.config.maxBodyBytes });

  app.post('/v1/requests', raw, async (req, res) => {
    const sub = decodeSubmit(req);
    await relay.submit(sub, res, res.locals.requestId as string);
  });

  app.post('/v1/vouchers', raw, async (req, res) => {
    const a = await accounts.acceptVoucher(decodeVoucher(req));
    res.json({
      channel: a.channel,
      cumulativeNano: a.vouchedNano,
      chargedNano: a.chargedNano,
      owedNano: Math.max(0, a.chargedNano - a.vouchedNano),
    });
  });

  // Only the client itself reads its account: `Chrysalis-Auth` signed by the key in the path (proto/account-auth.ts).
  app.get('/v1/accounts/:clientKey', async (req, res) => {
    const key = String(req.params.clientKey).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(key)) throw new BrokerError('BROKER_BAD_REQUEST', 'clientKey must be 32 bytes hex');
    const clientKey = Buffer.from(key, 'hex');
    await accounts.authenticateRead(clientKey, req.headers[ACCOUNT_AUTH_HEADER]);
    const a = await accounts.find(clientKey);
    if (!a) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    const v = await ctx.ledger.latestVoucher(a.channel);
    res.json({
      channel: a.channel,
      globalId: ctx.config.globalId,
      depositNano: a.depositNano,
      chargedNano: a.chargedNano,
      vouchedNano: a.vouchedNano,
      reservedNano: Number(accounts.reservedOf(key)),
      availableNano: a.depositNano - a.chargedNano,
      voucher: v ? { voucher: toHex(v.voucher), signature: toHex(v.signature) } : null,
    });
  });

  // A charged request's receipt, for the client that sent it (recovery after a crash or a broken stream):
  // `?clientKey=<hex>` names the key, `Chrysalis-Auth` is signed by it exactly as for the account read. "Not yours",
  // "unknown" and "not charged" are one answer, so a key learns nothing about other clients' requests.
  app.get('/v1/receipts/:requestId', async (req, res) => {
    const key = typeof req.query.clientKey === 'string' ? req.query.clientKey.toLowerCase() : '';
    if (!/^[0-9a-f]{64}$/.test(key)) throw new BrokerError('BROKER_BAD_REQUEST', 'clientKey must be 32 bytes hex');
    await accounts.authenticateRead(Buffer.from(key, 'hex'), req.headers[ACCOUNT_AUTH_HEADER]);
    const requestId = String(req.params.requestId);
    const stored = await ctx.ledger.getRequest(requestId);
    const r = stored && stored.clientKey.toLowerCase() === key ? await ctx.ledger.getReceipt(requestId) : null;
    if (!r || r.clientKey.toLowerCase() !== key)
      throw new BrokerError('BROKER_RECEIPT_UNKNOWN', 'no charged request with this id for this client');
    res.json({ requestId, receipt: toHex(r.receipt), signature: toHex(r.signature) });
  });
}

/** Model id query parameter: 64 hex chars or base64 of 32 bytes; returned as hex ('' if invalid, matching nothing). */
function parseId(s: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(s)) return s.toLowerCase();
  const b = Buffer.from(s, 'base64');
  return b.length === 32 ? b.toString('hex') : '';
}
