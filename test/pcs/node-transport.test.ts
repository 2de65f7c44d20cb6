/**
 * The node:http transport and on-disk cache of the PCS client against a loopback server (no vectors, no network):
 * redirects, multi-valued headers, body-size and timeout limits, unsupported protocols, and cache entries that are
 * corrupt or belong to another URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePcsClient, FilePcsCache, nodeHttpTransport } from '../../attestation/collateral/pcs-client-node';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/hop/')) {
      const n = Number(path.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/ok' });
      res.end();
    } else if (path === '/ok') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Thing', 'yes');
      res.end('hello');
    } else if (path === '/big') {
      res.write(Buffer.alloc(600));
      res.write(Buffer.alloc(600));
      res.end(Buffer.alloc(600));
    } else if (path === '/slow') {
      setTimeout(() => res.end('late'), 2000).unref();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('nodeHttpTransport', () => {
  it('follows redirects up to the limit and joins multi-valued headers', async () => {
    const r = await nodeHttpTransport({ maxRedirects: 3 })(`${base}/hop/2`, { accept: '*/*' });
    expect(r.status).toBe(200);
    expect(Buffer.from(r.body).toString()).toBe('hello');
    expect(r.headers['set-cookie']).toBe('a=1, b=2');
    expect(r.headers['x-thing']).toBe('yes');
  });

  it('past the redirect limit the redirect itself is the answer', async () => {
    const r = await nodeHttpTransport({ maxRedirects: 1 })(`${base}/hop/3`, {});
    expect(r.status).toBe(302);
    expect(r.headers['location']).toBe('/hop/1');
  });

  it('rejects oversize bodies, timeouts and unsupported protocols', async () => {
    await expect(nodeHttpTransport({ maxBodyBytes: 1000 })(`${base}/big`, {})).rejects.toThrow(/larger than 1000/);
    await expect(nodeHttpTransport({ timeoutMs: 50 })(`${base}/slow`, {})).rejects.toThrow(/timeout/);
    await expect(nodeHttpTransport()('ftp://127.0.0.1/x', {})).rejects.toThrow(/unsupported protocol/);
  });
});

describe('FilePcsCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-pcs-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (url: string) => ({
    url,
    status: 200,
    headers: { a: 'b' },
    body: new Uint8Array([1, 2, 3]),
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  });

  it('round-trips an entry and misses for corrupt or foreign files', async () => {
    const cache = new FilePcsCache(join(dir, 'sub'));
    await cache.set(entry('https://pcs.example/x'));
    expect(await cache.get('https://pcs.example/x')).toEqual(entry('https://pcs.example/x'));
    expect(await cache.get('https://pcs.example/missing')).toBeUndefined();
    const [file] = readdirSync(join(dir, 'sub'));
    const path = join(dir, 'sub', file!);
    writeFileSync(path, JSON.stringify({ ...JSON.parse('{}'), url: 'https://other', body: 'AA==', expiresAt: 'x' }));
    expect(await cache.get('https://pcs.example/x')).toBeUndefined();
    writeFileSync(path, '{not json');
    expect(await cache.get('https://pcs.example/x')).toBeUndefined();
  });
});

describe('createNodePcsClient', () => {
  it('defaults to Intel PCS; transport options pass through', () => {
    expect(createNodePcsClient().baseUrl).toMatch(/^https:\/\/api\.trustedservices\.intel\.com/);
    const c = createNodePcsClient({ baseUrl: base, timeoutMs: 100, maxBodyBytes: 10, maxRedirects: 0 });
    expect(c.baseUrl).toBe(base);
  });

  it('answers other than 200 and transport failures surface as typed PCS errors', async () => {
    const c = createNodePcsClient({ baseUrl: base, maxRedirects: 0 });
    await expect(c.getRootCaCrl()).rejects.toMatchObject({ code: 'PCS_HTTP_STATUS', details: { status: 404 } });
    const slow = createNodePcsClient({ baseUrl: base, rootCaCrlUrl: `${base}/slow`, timeoutMs: 50 });
    await expect(slow.getRootCaCrl()).rejects.toMatchObject({ code: 'PCS_NETWORK_ERROR' });
  });
});
