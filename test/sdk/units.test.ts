import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BundleCache,
  HttpBrokerApi,
  type SdkError,
  decodeResponseChunk,
  filterListings,
  lengthPrefix,
  readLengthPrefixed,
  resolveModelId,
} from '../../sdk';
import { encodeResponseChunk } from '../../proto/sealing';
import type { WorkerListing } from '../../sdk';

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}
async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: SdkError) => e.code,
  );

describe('length-prefixed stream reader', () => {
  it('reassembles frames split anywhere across reads', async () => {
    const a = lengthPrefix(new Uint8Array([1, 2, 3]));
    const b = lengthPrefix(new Uint8Array([4]));
    const all = new Uint8Array([...a, ...b]);
    const got = await collect(readLengthPrefixed(chunks(all.subarray(0, 2), all.subarray(2, 6), all.subarray(6))));
    expect(got.map((g) => [...g])).toEqual([[1, 2, 3], [4]]);
  });
  it('refuses an oversized length (SDK_STREAM_CORRUPT) and a body ending inside a frame (SDK_STREAM_TRUNCATED)', async () => {
    expect(await codeOf(collect(readLengthPrefixed(chunks(new Uint8Array([0xff, 0xff, 0xff, 0xff])))))).toBe(
      'SDK_STREAM_CORRUPT',
    );
    expect(await codeOf(collect(readLengthPrefixed(chunks(lengthPrefix(new Uint8Array(10)).subarray(0, 8)))))).toBe(
      'SDK_STREAM_TRUNCATED',
    );
  });
});

describe('bundle cache', () => {
  const t = (ms: number): Date => new Date(1_700_000_000_000 + ms);
  it('evicts the least recently used entry and expires entries after the TTL', () => {
    const c = new BundleCache<number>({ maxEntries: 2, ttlMs: 1000 });
    c.set('a', 1, t(0));
    c.set('b', 2, t(0));
    expect(c.get('a', t(1))).toBe(1); // a is now most recent
    c.set('c', 3, t(2));
    expect(c.get('b', t(3))).toBeUndefined();
    expect(c.get('a', t(999))).toBe(1);
    expect(c.get('a', t(1000))).toBeUndefined();
    expect(() => new BundleCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});

describe('worker selection', () => {
  const l = (workerId: string, modelId: string, priceNano: bigint, load: number): WorkerListing => ({
    workerId,
    model: modelId,
    modelId,
    prices: { promptNano: priceNano, completionNano: priceNano * 2n },
    load,
    bundle: new Uint8Array([1]),
  });
  const M = 'ab'.repeat(32);
  it('filters by model and both prices, orders by load then prompt price then completion price', () => {
    const ls = [
      l('w1', M, 50n, 2),
      l('w2', M, 10n, 2),
      l('w3', M, 500n, 0),
      l('w4', 'cd'.repeat(32), 1n, 0),
      l('w5', M, 30n, 1),
      { ...l('w6', M, 10n, 2), prices: { promptNano: 10n, completionNano: 5n } },
      { ...l('w7', M, 10n, 0), prices: { promptNano: 10n, completionNano: 201n } },
    ];
    const cap = { promptNano: 100n, completionNano: 200n };
    expect(filterListings(ls, M, cap).map((x) => x.workerId)).toEqual(['w5', 'w6', 'w2', 'w1']);
  });
  it('resolves aliases, hex ids and listed names', () => {
    expect(resolveModelId('tiny', [], { tiny: M.toUpperCase() })).toBe(M);
    expect(resolveModelId(`0x${M}`, [])).toBe(M);
    expect(resolveModelId('named', [{ ...l('w', M, 1n, 0), model: 'named' }])).toBe(M);
    expect(resolveModelId('nope', [])).toBeUndefined();
  });
});

describe('response chunk format (proto/sealing/response-chunk.ts)', () => {
  const enc = encodeResponseChunk;
  it('reads text, final usage and worker errors; refuses garbage', () => {
    expect(decodeResponseChunk(enc({ text: 'hi' }))).toEqual({ text: 'hi' });
    expect(decodeResponseChunk(enc({ text: 'héllo 🐇' }))).toEqual({ text: 'héllo 🐇' });
    expect(
      decodeResponseChunk(enc({ finish_reason: 'length', usage: { prompt_tokens: 2, completion_tokens: 3 } })),
    ).toEqual({
      finishReason: 'length',
      usage: { promptTokens: 2, completionTokens: 3 },
    });
    expect(decodeResponseChunk(enc({ error: { code: 'ENGINE_ABORTED' } }))).toEqual({ error: 'ENGINE_ABORTED' });
    for (const bad of [
      [0xff],
      [],
      [0x01],
      [0x01, 0xc3],
      [0x02, 0, 0, 0, 0, 1],
      [0x02, 2, 0, 0, 0, 1, 0, 0, 0, 1],
      [0x7b, 0x7d],
    ]) {
      expect(() => decodeResponseChunk(new Uint8Array(bad))).toThrow(
        expect.objectContaining({ code: 'SDK_STREAM_CORRUPT' }),
      );
    }
    expect(decodeResponseChunk(new Uint8Array([0x03, 0x61]))).toEqual({ error: 'WORKER_UNKNOWN' });
  });
});

describe('HttpBrokerApi error mapping', () => {
  let server: Server;
  let url: string;
  let reply: { status: number; body: string; headers?: Record<string, string> };
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(reply.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('maps 429 to SDK_RATE_LIMITED (retryable, retry-after), 4xx to SDK_BROKER_ERROR with the broker code, bad bodies to SDK_BROKER_RESPONSE_INVALID', async () => {
    const api = new HttpBrokerApi(url);
    reply = {
      status: 429,
      body: JSON.stringify({ code: 'BROKER_RATE_LIMITED', message: 'slow down' }),
      headers: { 'retry-after': '3' },
    };
    const e1 = (await api.listWorkers().catch((e: unknown) => e)) as SdkError;
    expect([e1.code, e1.retryable, e1.details?.retryAfterS]).toEqual(['SDK_RATE_LIMITED', true, 3]);
    reply = { status: 402, body: JSON.stringify({ code: 'BROKER_UNFUNDED', message: 'x' }) };
    const e2 = (await api.listWorkers().catch((e: unknown) => e)) as SdkError;
    expect([e2.code, e2.retryable, e2.details?.brokerCode]).toEqual(['SDK_BROKER_ERROR', false, 'BROKER_UNFUNDED']);
    reply = { status: 200, body: 'not protobuf \u0000\u00ff' };
    expect(await codeOf(api.listWorkers())).toBe('SDK_BROKER_RESPONSE_INVALID');
    reply = { status: 200, body: '{"channel":"c","depositNano":1}' };
    expect(await codeOf(api.getAccount('00'.repeat(32), 'auth'))).toBe('SDK_BROKER_RESPONSE_INVALID');
  });
});
