/** A loopback Intel-PCS/PCCS look-alike for tests: exact routes, real header formats, request counting. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  /** Never answer (to exercise client timeouts). */
  hang?: boolean;
  status?: number;
  headers?: Record<string, string>;
  body: Uint8Array | string;
}

export interface LoopbackPcs {
  readonly baseUrl: string;
  readonly routes: Map<string, Route>;
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

/** URL-encode a PEM chain the way Intel PCS sends it in a header (percent-encoded, newlines as %0A). */
export function intelHeader(pem: string): string {
  return encodeURIComponent(pem);
}

const key = (pathAndQuery: string): string => pathAndQuery.toLowerCase();

export async function startLoopbackPcs(): Promise<LoopbackPcs> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const k = key(req.url ?? '');
    hits.set(k, (hits.get(k) ?? 0) + 1);
    const r = routes.get(k);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (r.hang) return;
    const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : Buffer.from(r.body);
    res.writeHead(r.status ?? 200, { 'content-length': String(body.length), ...(r.headers ?? {}) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    routes,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Register a route by path+query (case-insensitive). */
export function route(pcs: LoopbackPcs, pathAndQuery: string, r: Route): void {
  pcs.routes.set(key(pathAndQuery), r);
}
export function hitsOf(pcs: LoopbackPcs, pathAndQuery: string): number {
  return pcs.hits.get(key(pathAndQuery)) ?? 0;
}
