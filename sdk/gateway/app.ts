/**
 * The OpenAI-compatible gateway app (express 5, not listening). Routes validate, call the SDK, shape the reply.
 *
 *   POST /v1/chat/completions   streaming (SSE, OpenAI chunk format, `[DONE]`) and not
 *   POST /v1/completions        legacy completions (the prompt becomes one user message)
 *   GET  /v1/models, /v1/models/:id
 *   GET  /healthz
 *
 * Every answer carries the verified receipt: headers `x-chrysalis-receipt` (base64), `x-chrysalis-signature`,
 * `x-chrysalis-image-id`, `x-chrysalis-model-id`, `x-chrysalis-worker-key` (non-streaming) and the extension field
 * `chrysalis: { receipt, signature, imageId, modelId, workerKey, ... }` in the JSON body / final stream chunk.
 * Errors are OpenAI-shaped `{ error: { message, type, param, code } }`, `code` being the stable SDK code.
 * Logs carry request ids, status and timings only: never prompts, answers or keys.
 */
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import { randomBytes, toHex } from '../bytes';
import { bearerAuth } from './auth';
import { completionHandler } from './completions';
import { errorOf, modelJson, sendError } from './reply';
import type { GatewayClient, GatewayLogger } from './types';

export type { GatewayClient, GatewayLogger } from './types';

export interface GatewayAppOptions {
  readonly client: GatewayClient;
  readonly logger?: GatewayLogger;
  /** Largest accepted JSON body (default '1mb'). */
  readonly bodyLimit?: string;
  /** Clock for `created` (default Date.now). */
  readonly nowMs?: () => number;
  /** When set, every route but `/healthz` requires `Authorization: Bearer <apiKey>` (401 GATEWAY_API_KEY_INVALID). */
  readonly apiKey?: string;
}

export function createGatewayApp(opts: GatewayAppOptions): Express {
  const { client, logger } = opts;
  const nowMs = opts.nowMs ?? Date.now;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestLog(logger));
  // Checked before the body is read: an unauthenticated caller costs no parsing.
  if (opts.apiKey !== undefined) app.use(bearerAuth(opts.apiKey));
  app.use(express.json({ limit: opts.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  addModelRoutes(app, client);
  const deps = { client, logger, nowMs };
  app.post('/v1/chat/completions', wrap(completionHandler('chat', deps)));
  app.post('/v1/completions', wrap(completionHandler('completion', deps)));

  app.use((_req: Request, res: Response) => {
    sendError(res, 404, 'Unknown route', 'invalid_request_error', 'not_found');
  });
  app.use(errorHandler(logger));
  return app;
}

/** Gives each request an id (`x-request-id`) and logs method, path, status and duration when it finishes. */
function requestLog(logger: GatewayLogger | undefined): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const id = toHex(randomBytes(8));
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    const t0 = Date.now();
    res.on('finish', () =>
      logger?.info(
        { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - t0 },
        'request',
      ),
    );
    next();
  };
}

/** GET /v1/models and GET /v1/models/:id. */
function addModelRoutes(app: Express, client: GatewayClient): void {
  app.get('/v1/models', async (_req, res) => {
    try {
      const models = await client.models();
      res.json({ object: 'list', data: models.map(modelJson) });
    } catch (err) {
      const e = errorOf(err);
      sendError(res, e.status, e.message, e.type, e.code);
    }
  });

  app.get('/v1/models/:id', async (req, res) => {
    try {
      const id = String(req.params.id);
      const m = (await client.models()).find((x) => x.id === id || x.modelId === id.toLowerCase());
      if (!m)
        return sendError(
          res,
          404,
          `The model '${id}' does not exist`,
          'invalid_request_error',
          'model_not_found',
          'model',
        );
      res.json(modelJson(m));
    } catch (err) {
      const e = errorOf(err);
      sendError(res, e.status, e.message, e.type, e.code);
    }
  });
}

function wrap(fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };
}

/** Body-parser failures become OpenAI-shaped 4xx; anything else a generic 500. */
function errorHandler(
  logger: GatewayLogger | undefined,
): (err: unknown, req: Request, res: Response, next: NextFunction) => void {
  return (err, _req, res, _next) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large')
      return sendError(res, 413, 'request body too large', 'invalid_request_error', 'body_too_large');
    if (e?.type === 'entity.parse.failed')
      return sendError(res, 400, 'request body is not valid JSON', 'invalid_request_error', 'invalid_json');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, e.status, 'bad request', 'invalid_request_error', 'bad_request');
    }
    logger?.error({ reqId: res.locals.requestId, code: 'GATEWAY_INTERNAL' }, 'unhandled error');
    sendError(res, 500, 'internal error', 'api_error', 'GATEWAY_INTERNAL');
  };
}
