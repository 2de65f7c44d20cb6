/**
 * `startGateway`: listen with explicit timeouts and close gracefully (in-flight streams finish, idle sockets close).
 * Used by `main.ts` and by the devnet (`scripts/devnet.ts`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayApp, type GatewayClient, type GatewayLogger } from './app';
import { apiKeyProblem } from './auth';
import { SdkError } from '../errors';

export interface StartGatewayOptions {
  readonly client: GatewayClient;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the gateway is the client's own endpoint, not a public service. */
  readonly host?: string;
  /**
   * Required when `host` is not a loopback address (SDK_CONFIG_INVALID otherwise): callers then send
   * `Authorization: Bearer <apiKey>`. On loopback it is optional.
   */
  readonly apiKey?: string;
  readonly logger?: GatewayLogger;
  readonly bodyLimit?: string;
  /** Grace period for in-flight requests on close, in ms (default 10 000). */
  readonly drainMs?: number;
}

export interface RunningGateway {
  /** The OpenAI base URL, e.g. `http://127.0.0.1:8787/v1`. */
  readonly url: string;
  /** `http://host:port` without the `/v1` suffix. */
  readonly origin: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** @throws SdkError SDK_CONFIG_INVALID (off loopback without an API key, or an empty key) */
export async function startGateway(opts: StartGatewayOptions): Promise<RunningGateway> {
  const host = opts.host ?? '127.0.0.1';
  const problem = apiKeyProblem(host, opts.apiKey);
  if (problem) throw new SdkError('SDK_CONFIG_INVALID', problem);
  const app = createGatewayApp({
    client: opts.client,
    ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.bodyLimit ? { bodyLimit: opts.bodyLimit } : {}),
  });
  // In-flight requests, so close() can drain them and then drop idle keep-alive sockets at once.
  let active = 0;
  let onIdle: (() => void) | undefined;
  const server = createServer((req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) onIdle?.();
    });
    app(req, res);
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // streams may be long; the SDK enforces its own per-request deadline
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const origin = `http://${hostForUrl}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    server,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), opts.drainMs ?? 10_000);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Every in-flight answer finishes (up to drainMs); then no socket is kept open for keep-alive.
        onIdle = () => server.closeAllConnections();
        if (active === 0) server.closeAllConnections();
        else server.closeIdleConnections();
      });
      return closing;
    },
  };
}
