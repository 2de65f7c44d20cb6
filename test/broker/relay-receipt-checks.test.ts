/**
 * A worker that lies in its receipt (another request, model, seq or channel) is refused field by field and charges
 * nothing; a receipt the ledger cannot record ends the stream with BROKER_INTERNAL; a client that reads too slowly is
 * cut off; a drain that times out ends the streams still open with BROKER_DRAINING.
 */
import { Address } from '@ton/core';
import { MemoryLedger } from '../../broker/ledger';
import {
  Client,
  FakeWorker,
  OTHER_MODEL_ID,
  deferred,
  hex,
  post,
  startHarness,
  type FakeWorkerOptions,
  type Harness,
} from './helpers';

type Meta = Parameters<FakeWorker['handle']>[1];

/** A fake worker whose receipt is signed over altered inputs. */
function lyingWorker(
  alter: (sealed: Uint8Array, meta: Meta) => [Uint8Array, Meta],
  opts: FakeWorkerOptions = {},
): FakeWorker {
  const w = new FakeWorker(opts);
  const orig = w.handle.bind(w);
  w.handle = (sealed, meta) => orig(...alter(sealed, meta));
  return w;
}

describe('receipt checks on the relay', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  const OTHER_CHANNEL = new Address(0, Buffer.alloc(32, 9)).toString();
  test.each<[string, (s: Uint8Array, m: Meta) => [Uint8Array, Meta]]>([
    ['another request (sealed digest)', (_s, m) => [new Uint8Array([1, 2, 3]), m]],
    ['another seq', (s, m) => [s, { ...m, seq: m.seq + 1n }]],
    ['another channel', (s, m) => [s, { ...m, channel: OTHER_CHANNEL }]],
  ])('a receipt for %s: BROKER_BAD_RECEIPT, fatal after chunks, not charged', async (_name, alter) => {
    h = await startHarness();
    await h.connect(lyingWorker(alter)).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_BAD_RECEIPT', fatal: true });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
  });

  test('a receipt naming another model than the request: BROKER_BAD_RECEIPT', async () => {
    h = await startHarness();
    const w = new FakeWorker();
    await h.connect(w).admitted();
    (w.opts as FakeWorkerOptions).modelId = OTHER_MODEL_ID; // signs receipts for a model it was not admitted with
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error?.code).toBe('BROKER_BAD_RECEIPT');
  });

  test('a bad receipt before any chunk is not fatal (retryable)', async () => {
    h = await startHarness();
    await h.connect(lyingWorker((s, m) => [s, { ...m, seq: m.seq + 5n }], { frames: 0 })).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.map((f) => f.msg)).toEqual(['accepted', 'error']);
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_BAD_RECEIPT', fatal: false });
  });

  test('a worker failure code that is not WORKER_* reaches the client with a generic message', async () => {
    h = await startHarness();
    await h.connect(new FakeWorker({ failWith: 'ENGINE_CONTEXT_EXCEEDED' })).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({
      code: 'ENGINE_CONTEXT_EXCEEDED',
      message: 'request failed',
      fatal: false,
    });
  });

  test('a receipt the ledger cannot record: BROKER_INTERNAL, nothing charged', async () => {
    const ledger = new MemoryLedger();
    ledger.recordReceipt = () => Promise.reject(new Error('disk full'));
    h = await startHarness({ ledger });
    await h.connect(new FakeWorker()).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_INTERNAL', fatal: true });
    expect(h.log.records().some((x) => x.msg === 'ledger: receipt not recorded')).toBe(true);
  });

  test('a client that does not keep up with the stream is cut off: BROKER_CLIENT_TOO_SLOW, not charged', async () => {
    h = await startHarness({ config: { maxClientBufferBytes: 16 } });
    const w = new FakeWorker({ frames: 3 });
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_CLIENT_TOO_SLOW', fatal: true });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
  });

  test('a drain that times out ends open streams with BROKER_DRAINING: fatal only after a chunk', async () => {
    h = await startHarness({ config: { drainTimeoutMs: 100 } });
    const never = deferred();
    // request A stalls before its first chunk, request B after its first chunk
    let n = 0;
    const stall = new Map<string, number>();
    const w = new FakeWorker({
      frames: 2,
      beforeFrame: async (i, requestId) => {
        if (!stall.has(requestId)) stall.set(requestId, n++ === 0 ? 0 : 1);
        if (i === stall.get(requestId)) await never.promise;
      },
    });
    await h.connect(w, { maxConcurrency: 4 }).admitted();
    const c = new Client();
    h.fund(c);
    const first = post(h.broker.url, c.submit());
    await new Promise((r) => setTimeout(r, 50));
    const second = post(h.broker.url, c.submit());
    await new Promise((r) => setTimeout(r, 100));
    const closing = h.broker.close();
    const [a, b] = await Promise.all([first, second]);
    await closing;
    never.resolve();
    expect(a.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_DRAINING', fatal: false });
    expect(b.frames.map((f) => f.msg)).toContain('chunk');
    expect(b.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_DRAINING', fatal: true });
  });
});
