/**
 * POST /v1/requests without express: same order of checks as the express route (size -> shape -> relay.submit),
 * same error bodies (sendError). Only bodies with a declared Content-Length within the limit and no
 * Content-Encoding come here; chunked, compressed or oversized bodies take the express route (express.raw).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BrokerError } from './errors';
import { decodeSubmit } from './http-codec';
import { newRequestId, type RelayService } from './services/relay';
import type { BrokerContext } from './services/types';
import type { AccessLog, SendError } from './app-http';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface FastPathDeps {
  readonly ctx: BrokerContext;
  readonly relay: RelayService;
  readonly accessLog: AccessLog;
  readonly sendError: SendError;
  /** Every request the fast path does not take. */
  readonly fallback: RequestListener;
}

/** The request listener: the fast path for plain-length POST /v1/requests, `fallback` (express) for the rest. */
export function createRequestHandler(deps: FastPathDeps): RequestListener {
  const maxBodyBytes = deps.ctx.config.maxBodyBytes;
  return (req, res) => {
    if (
      req.method === 'POST' &&
      req.url === '/v1/requests' &&
      req.headers['content-encoding'] === undefined &&
      req.headers['transfer-encoding'] === undefined
    ) {
      const declared = Number(req.headers['content-length']);
      if (Number.isSafeInteger(declared) && declared >= 0 && declared <= maxBodyBytes) {
        submitFast(deps, req, res, declared);
        return;
      }
    }
    deps.fallback(req, res);
  };
}

function submitFast(deps: FastPathDeps, req: IncomingMessage, res: ServerResponse, declared: number): void {
  const { relay, sendError } = deps;
  const id = newRequestId(deps.ctx.clock);
  res.setHeader('X-Request-Id', id);
  deps.accessLog(req, res, id);
  readDeclaredBody(req, declared, (err, body) => {
    if (err) {
      sendError(err, req, res, id);
      return;
    }
    let sub;
    try {
      sub = decodeSubmit({ headers: req.headers, body: body! });
    } catch (e) {
      sendError(e, req, res, id);
      return;
    }
    relay.submit(sub, res, id).catch((e: unknown) => sendError(e, req, res, id));
  });
}

/**
 * Reads exactly `declared` bytes into one buffer. Calls back at most once: (undefined, body) when complete, (BrokerError)
 * when the body is longer or shorter than declared; not at all when the request stream fails (nobody to answer).
 */
function readDeclaredBody(
  req: IncomingMessage,
  declared: number,
  done: (err: BrokerError | undefined, body?: Buffer) => void,
): void {
  const body = Buffer.allocUnsafe(declared);
  let got = 0;
  let failed = false;
  req.on('data', (c: Buffer) => {
    if (failed) return;
    if (got + c.length > declared) {
      failed = true; // cannot happen with a Content-Length framed body; refuse rather than overflow
      done(new BrokerError('BROKER_BAD_REQUEST', 'body longer than its Content-Length'));
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
      done(new BrokerError('BROKER_BAD_REQUEST', 'unreadable body'));
      return;
    }
    done(undefined, body);
  });
}
