/** The HTTP plumbing shared by the express app and the fast path: request ids, the access line, error replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BrokerError, httpStatusOf } from './errors';
import { newRequestId } from './services/relay';
import type { BrokerContext } from './services/types';

export type AccessLog = (req: IncomingMessage, res: ServerResponse, id: string) => void;
export type SendError = (err: unknown, req: IncomingMessage, res: ServerResponse, requestId: unknown) => void;

const QUIET_PATHS = new Set(['/metrics', '/healthz', '/readyz']);

/** Per-request access line: debug level (at info it would be a log line per relayed request under load). */
export function createAccessLog(ctx: BrokerContext): AccessLog {
  return (req, res, id) => {
    if (!ctx.logger.isLevelEnabled('debug')) return;
    const t0 = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== undefined && QUIET_PATHS.has(path)) return;
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
}

/** Gives every request an id (`X-Request-Id`, `res.locals.requestId`) and its access line. */
export function requestIdMiddleware(ctx: BrokerContext, accessLog: AccessLog): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = (res.locals.requestId as string | undefined) ?? newRequestId(ctx.clock);
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    accessLog(req, res, id);
    next();
  };
}

/** Body-parser failures become BrokerErrors; anything that is not a BrokerError is internal. */
function toBrokerError(err: unknown, maxBodyBytes: number): unknown {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large')
    return new BrokerError('BROKER_BODY_TOO_LARGE', `body larger than ${maxBodyBytes} bytes`);
  if (typeof type === 'string' && !(err instanceof BrokerError))
    return new BrokerError('BROKER_BAD_REQUEST', 'unreadable body');
  return err;
}

/** The one place codes become HTTP statuses (express routes and the fast path alike). 5xx bodies are generic. */
export function createErrorSender(ctx: BrokerContext): SendError {
  return (err, req, res, requestId) => {
    const e = toBrokerError(err, ctx.config.maxBodyBytes);
    const code = e instanceof BrokerError ? e.code : 'BROKER_INTERNAL';
    const status = httpStatusOf(code);
    ctx.metrics.rejections.inc({ code });
    const internal = status >= 500 && code !== 'BROKER_DRAINING' && code !== 'BROKER_LEDGER_UNAVAILABLE';
    if (internal) ctx.logger.error({ err: e, requestId }, 'internal error');
    else ctx.logger.info({ requestId, code }, 'request refused');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof BrokerError && e.retryAfterS !== undefined) res.setHeader('Retry-After', String(e.retryAfterS));
    const body = JSON.stringify(
      internal
        ? { code: 'BROKER_INTERNAL', message: 'internal error' }
        : {
            code,
            message: (e as Error).message,
            ...(e instanceof BrokerError && e.details ? { details: e.details } : {}),
          },
    );
    res.statusCode = internal ? 500 : status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
