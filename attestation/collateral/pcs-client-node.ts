/**
 * Node shell for the PCS/PCCS client (NOT part of the pure core): an HTTP(S) transport on node:http/node:https
 * with a timeout and a body-size cap, an on-disk response cache keyed by URL (entries expire at the resource's
 * own nextUpdate), and the wall clock.
 *
 *   createNodePcsClient({ baseUrl, cacheDir }) ─▶ createPcsClient(transport = nodeHttpTransport, cache = FilePcsCache, clock = systemClock)
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import {
  createPcsClient,
  type PcsCache,
  type PcsCacheEntry,
  type PcsClient,
  type PcsClientOptions,
  type PcsHttpResponse,
  type PcsTransport,
} from './pcs-client';
import { systemClock, type Clock } from '../../core/clock';

export interface NodeTransportOptions {
  /** Whole-request timeout in ms. Default 15 000. */
  readonly timeoutMs?: number;
  /** Largest accepted body. Default 8 MiB (PCK CRLs are ~3 KB, TCB Info ~10 KB). */
  readonly maxBodyBytes?: number;
  /** Redirects followed (GET only). Default 3. */
  readonly maxRedirects?: number;
}

/** node:http(s) GET transport. Rejects on network errors, timeouts and oversize bodies. */
export function nodeHttpTransport(o: NodeTransportOptions = {}): PcsTransport {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxBody = o.maxBodyBytes ?? 8 * 1024 * 1024;
  const maxRedirects = o.maxRedirects ?? 3;
  const once = (
    url: string,
    headers: Readonly<Record<string, string>>,
  ): Promise<{ res: IncomingMessage; body: Uint8Array }> =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const req = (u.protocol === 'https:' ? httpsRequest : u.protocol === 'http:' ? httpRequest : undefined)?.(u, {
        method: 'GET',
        headers: { ...headers },
      });
      if (!req) return reject(new Error(`unsupported protocol ${u.protocol}`));
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let failed = false;
        res.on('data', (c: Buffer) => {
          if (failed) return;
          size += c.length;
          if (size > maxBody) {
            failed = true;
            reject(new Error(`body larger than ${maxBody} bytes`));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          if (!failed) resolve({ res, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      req.end();
    });
  return async (url, headers) => {
    let current = url;
    for (let hop = 0; ; hop++) {
      const { res, body } = await once(current, headers);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location && hop < maxRedirects) {
        current = new URL(location, current).toString();
        continue;
      }
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const out: PcsHttpResponse = { status, headers: h, body };
      return out;
    }
  };
}

interface StoredEntry {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string; // base64
  readonly expiresAt: string; // ISO 8601
}

/**
 * On-disk cache: one JSON file per URL, named by SHA-256(url). Written atomically (temp file + rename);
 * unreadable or corrupt entries count as misses. Expired entries are simply overwritten on the next fetch.
 */
export class FilePcsCache implements PcsCache {
  constructor(private readonly dir: string) {}
  private file(url: string): string {
    return join(this.dir, `${createHash('sha256').update(url).digest('hex')}.json`);
  }
  async get(url: string): Promise<PcsCacheEntry | undefined> {
    try {
      const s = JSON.parse(await readFile(this.file(url), 'utf8')) as StoredEntry;
      const expiresAt = new Date(s.expiresAt);
      if (s.url !== url || typeof s.body !== 'string' || Number.isNaN(expiresAt.getTime())) return undefined;
      return {
        url: s.url,
        status: s.status,
        headers: s.headers,
        body: new Uint8Array(Buffer.from(s.body, 'base64')),
        expiresAt,
      };
    } catch {
      return undefined;
    }
  }
  async set(e: PcsCacheEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const stored: StoredEntry = {
      url: e.url,
      status: e.status,
      headers: { ...e.headers },
      body: Buffer.from(e.body).toString('base64'),
      expiresAt: e.expiresAt.toISOString(),
    };
    const target = this.file(e.url);
    const tmp = `${target}.${process.pid}.${createHash('sha256').update(`${Math.random()}`).digest('hex').slice(0, 8)}.tmp`;
    await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
    await rename(tmp, target);
  }
}

export interface NodePcsClientOptions
  extends Omit<PcsClientOptions, 'transport' | 'cache' | 'clock'>, NodeTransportOptions {
  /** Directory of the on-disk cache; no caching when absent. */
  readonly cacheDir?: string;
  /** Override the clock (tests). Default `systemClock`. */
  readonly clock?: Clock;
  /** Override the transport (tests). Default node:http(s). */
  readonly transport?: PcsTransport;
}

/** A PCS/PCCS client with the node:http(s) transport, the wall clock and (with `cacheDir`) the on-disk cache. */
export function createNodePcsClient(o: NodePcsClientOptions = {}): PcsClient {
  const { cacheDir, clock, transport, timeoutMs, maxBodyBytes, maxRedirects, ...rest } = o;
  const t: NodeTransportOptions = {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(maxRedirects !== undefined ? { maxRedirects } : {}),
  };
  return createPcsClient({
    ...rest,
    transport: transport ?? nodeHttpTransport(t),
    clock: clock ?? systemClock,
    ...(cacheDir !== undefined ? { cache: new FilePcsCache(cacheDir) } : {}),
  });
}
