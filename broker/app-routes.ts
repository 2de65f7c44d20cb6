/**
 * The broker's route table, one builder per group: probes (health, readiness, metrics), the worker listing, and the
 * client routes (requests, vouchers, accounts). Routes validate, call a service and shape the reply; errors are
 * thrown as BrokerError and become replies in the app's error handler.
 */
import express, { type Express, type RequestHandler } from 'express';
import { BrokerError, codeOf } from './errors';
import { toHex } from '../core/bytes';
import { decodeSubmit, decodeVoucher } from './http-codec';
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

/** GET /v1/workers: the routable workers (optionally by model and maximum price), JSON or protobuf. */
export function mountWorkerListRoute(app: Express, { ctx, pool }: RouteDeps): void {
  app.get('/v1/workers', (req, res) => {
    const model = typeof req.query.model === 'string' ? parseId(req.query.model) : undefined;
    const maxPrice = typeof req.query.maxPrice === 'string' ? Number(req.query.maxPrice) : undefined;
    const workers = pool
      .routable(ctx.clock.now().getTime())
      .filter(
        (s) =>
          (model === undefined || toHex(s.admitted!.identity.modelId) === model) &&
          (maxPrice === undefined || !(s.priceNanoPerToken > maxPrice)),
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

function toWorkerEntry(s: WorkerSession): ReturnType<typeof v1.WorkerEntry.create> {
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
}

/** POST /v1/requests (the express route; the fast path is in app-fast-path.ts), POST /v1/vouchers, GET /v1/accounts/:clientKey. */
export function mountClientRoutes(app: Express, deps: RouteDeps): void {
  const { ctx, accounts, relay } = deps;
  const raw: RequestHandler = express.raw({ type: () => true, limit: ctx.config.maxBodyBytes });

  app.post('/v1/requests', raw, async (req, res) => {
    const sub = decodeSubmit(req);
    await relay.submit(sub, res, res.locals.requestId as string);
  });

  app.post('/v1/vouchers', raw, async (req, res) => {
    res.json(await acceptVoucher(deps, decodeVoucher(req)));
  });

  app.get('/v1/accounts/:clientKey', async (req, res) => {
    const key = String(req.params.clientKey).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(key)) throw new BrokerError('BROKER_BAD_REQUEST', 'clientKey must be 32 bytes hex');
    const a = await accounts.find(Buffer.from(key, 'hex'));
    if (!a) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
    res.json({
      channel: a.channel,
      depositNano: a.depositNano,
      chargedNano: a.chargedNano,
      vouchedNano: a.vouchedNano,
      availableNano: a.depositNano - a.chargedNano,
    });
  });
}

type DecodedVoucher = ReturnType<typeof decodeVoucher>;

/** Checks a client voucher (known client, its channel, signature) and records it; returns the account's totals. */
async function acceptVoucher(
  { ctx, accounts }: RouteDeps,
  v: DecodedVoucher,
): Promise<{ channel: string; cumulativeNano: number; chargedNano: number; owedNano: number }> {
  const acct = await accounts.find(v.clientKey);
  if (!acct) throw new BrokerError('BROKER_UNKNOWN_CLIENT', 'no payment channel with this payer key');
  if (acct.channel !== v.channel) throw new BrokerError('VOUCHER_CHANNEL_MISMATCH', 'voucher names another channel');
  verifyVoucherSignature(ctx, v);
  const out = await ctx.ledger.recordVoucher({ ...v, clientKey: toHex(v.clientKey), atMs: ctx.clock.now().getTime() });
  if (!out.ok)
    throw new BrokerError(
      out.code,
      out.code === 'VOUCHER_NOT_MONOTONIC' ? 'voucher amount must grow' : 'unknown client',
    );
  const a = out.account;
  return {
    channel: a.channel,
    cumulativeNano: a.vouchedNano,
    chargedNano: a.chargedNano,
    owedNano: Math.max(0, a.chargedNano - a.vouchedNano),
  };
}

/** The voucher verifier's verdict; anything it throws that is not a BrokerError becomes a VOUCHER_* code. */
function verifyVoucherSignature(ctx: BrokerContext, v: DecodedVoucher): void {
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
}

/** Model id query parameter: 64 hex chars or base64 of 32 bytes; returned as hex ('' if invalid, matching nothing). */
function parseId(s: string): string {
  if (/^[0-9a-fA-F]{64}$/.test(s)) return s.toLowerCase();
  const b = Buffer.from(s, 'base64');
  return b.length === 32 ? b.toString('hex') : '';
}
