import {
  Client,
  DEFAULT_MAX_COST_NANO,
  FakeWorker,
  MODEL_ID,
  OTHER_MODEL_ID,
  deferred,
  hex,
  metricsText,
  post,
  startHarness,
  v1,
  waitFor,
  type Harness,
} from './helpers';

describe('broker relay', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  test('sealed bytes in, sealed chunks streamed out, verified receipt charged once', async () => {
    h = await startHarness();
    const w = new FakeWorker({ frames: 4, promptTokens: 3, completionTokens: 9 });
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const sub = c.submit();
    const r = await post(h.broker.url, sub);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-chrysalis-stream');
    const kinds = r.frames.map((f) => f.msg);
    expect(kinds).toEqual(['accepted', 'chunk', 'chunk', 'chunk', 'chunk', 'receipt']);
    const acc = r.frames[0]!.accepted!;
    expect(acc.workerId).toBe(w.workerId);
    // the worker's committed prices (from its claims) and the client's reservation
    expect(Number(acc.promptPriceNano)).toBe(10);
    expect(Number(acc.completionPriceNano)).toBe(10);
    expect(Number(acc.maxCostNano)).toBe(DEFAULT_MAX_COST_NANO);
    expect(Buffer.from(r.frames[1]!.chunk!.frame!).toString()).toMatch(/^SEALED-FRAME-0/);
    const reqId = acc.requestId!;
    expect(r.headers.get('x-request-id')).toBe(reqId);
    const stored = await h.ledger.getRequest(reqId);
    // charged at the receipt's own amount: 3 prompt x 10 + 9 completion x 10
    expect(stored).toMatchObject({ status: 'completed', chargedNano: 10 * 12, seq: 1 });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(120);
    // the broker never logs the sealed request bytes
    const sealedHex = hex(sub.sealed);
    const sealedB64 = Buffer.from(sub.sealed).toString('base64');
    expect(h.log.lines.join('')).not.toContain(sealedHex.slice(0, 32));
    expect(h.log.lines.join('')).not.toContain(sealedB64.slice(0, 32));
    // second request gets the next seq
    const r2 = await post(h.broker.url, c.submit());
    expect(Number(r2.frames[0]!.accepted!.seq)).toBe(2);
    expect(await metricsText(h.broker.url)).toMatch(/chrysalis_broker_requests_total\{outcome="completed"\} 2/);
  });

  test('JSON body form works too', async () => {
    h = await startHarness();
    await h.connect(new FakeWorker()).admitted();
    const c = new Client();
    h.fund(c);
    const json = v1.SubmitRequest.toObject(c.submit(), { bytes: String, longs: Number });
    const res = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  test('chunks reach the client before the worker has finished (no buffering)', async () => {
    h = await startHarness();
    const gate = deferred();
    await h
      .connect(new FakeWorker({ frames: 2, beforeFrame: (i) => (i === 1 ? gate.promise : Promise.resolve()) }))
      .admitted();
    const c = new Client();
    h.fund(c);
    let sawFirstChunk = false;
    const done = post(h.broker.url, c.submit(), {
      onFrame: (f) => {
        if (f.msg === 'chunk' && !sawFirstChunk) {
          sawFirstChunk = true;
          gate.resolve(); // the worker may only continue once the client holds the first chunk
        }
      },
    });
    const r = await done;
    expect(sawFirstChunk).toBe(true);
    expect(r.frames.at(-1)!.msg).toBe('receipt');
  });

  test('worker killed before its first chunk: retryable error, not charged, same sealed bytes may be retried', async () => {
    h = await startHarness();
    const hold = deferred();
    const w = new FakeWorker({ beforeFrame: () => hold.promise });
    const link = h.connect(w);
    await link.admitted();
    const c = new Client();
    h.fund(c);
    const sub = c.submit();
    const pending = post(h.broker.url, sub);
    await waitFor(() => w.handled.length === 1, 'dispatch');
    await link.close(); // the worker dies
    const r = await pending;
    const last = r.frames.at(-1)!;
    expect(last.error).toMatchObject({ code: 'BROKER_WORKER_LOST', fatal: false });
    const id = r.frames[0]!.accepted!.requestId!;
    expect(await h.ledger.getRequest(id)).toMatchObject({ status: 'lost', chargedNano: 0 });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
    // retry the same sealed bytes (fresh nonce) on a new worker
    await h.connect(new FakeWorker()).admitted();
    const again = await post(h.broker.url, c.submit({ sealed: sub.sealed }));
    expect(again.frames.at(-1)!.msg).toBe('receipt');
  });

  test('worker killed mid-stream: typed fatal error, charged nothing without a receipt; broker keeps serving', async () => {
    h = await startHarness();
    const hold = deferred();
    const w = new FakeWorker({ frames: 3, beforeFrame: (i) => (i === 1 ? hold.promise : Promise.resolve()) });
    const link = h.connect(w);
    await link.admitted();
    const c = new Client();
    h.fund(c);
    let killed = false;
    const r = await post(h.broker.url, c.submit(), {
      onFrame: (f) => {
        if (f.msg === 'chunk' && !killed) {
          killed = true;
          void link.close();
        }
      },
    });
    expect(r.frames.map((f) => f.msg)).toEqual(['accepted', 'chunk', 'error']);
    expect(r.frames[2]!.error).toMatchObject({ code: 'BROKER_WORKER_LOST_MIDSTREAM', fatal: true });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
    await h.connect(new FakeWorker()).admitted();
    expect((await post(h.broker.url, c.submit())).frames.at(-1)!.msg).toBe('receipt');
  });

  test('a worker refusing a request passes its code through, not charged', async () => {
    h = await startHarness();
    await h.connect(new FakeWorker({ failWith: 'WORKER_OPEN_FAILED' })).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'WORKER_OPEN_FAILED', fatal: false });
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
  });

  test('a receipt for another request is refused: BROKER_BAD_RECEIPT, not charged', async () => {
    h = await startHarness();
    const w = new FakeWorker();
    // the worker signs a receipt for other sealed bytes
    const orig = w.handle.bind(w);
    w.handle = (_sealed, meta) => orig(Buffer.from('another request'), meta);
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error?.code).toBe('BROKER_BAD_RECEIPT');
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
  });

  test('request timeout: BROKER_TIMEOUT, the worker is told to cancel', async () => {
    h = await startHarness({ config: { requestTimeoutMs: 200 } });
    const never = deferred();
    const w = new FakeWorker({ beforeFrame: () => never.promise });
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit());
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_TIMEOUT', fatal: false });
    never.resolve();
  });

  test('client gone mid-stream: the worker is cancelled, nothing charged, the broker keeps serving', async () => {
    h = await startHarness();
    const never = deferred();
    let aborted = false;
    const w = new FakeWorker({ frames: 2, beforeFrame: (i) => (i === 1 ? never.promise : Promise.resolve()) });
    const orig = w.handle.bind(w);
    w.handle = (sealed, meta) => {
      meta.signal?.addEventListener('abort', () => (aborted = true));
      return orig(sealed, meta);
    };
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const ctl = new AbortController();
    const res = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from(v1.SubmitRequest.encode(c.submit()).finish()),
      signal: ctl.signal,
    });
    const id = res.headers.get('x-request-id')!;
    const reader = res.body!.getReader();
    await reader.read(); // accepted (+ maybe the first chunk)
    ctl.abort();
    await waitFor(() => aborted, 'worker cancelled');
    await waitFor(async () => (await h.ledger.getRequest(id))?.status === 'abandoned', 'ledger');
    expect((await h.ledger.getRequest(id))!.chargedNano).toBe(0);
    never.resolve();
    expect((await post(h.broker.url, c.submit())).status).toBe(200);
  });

  test('a worker that never says hello is closed with WIRE_HELLO_TIMEOUT', async () => {
    h = await startHarness({ config: { helloTimeoutMs: 50 } });
    const WebSocket = (await import('ws')).default;
    const ws = new WebSocket(h.broker.workerUrl);
    const frames: Buffer[] = [];
    ws.on('message', (d: Buffer) => frames.push(d));
    const code = await new Promise<number>((r) => ws.once('close', (c: number) => r(c)));
    expect(code).toBe(4005);
    expect(v1.BrokerFrame.decode(frames[0]!).error?.code).toBe('WIRE_HELLO_TIMEOUT');
  });

  test('graceful shutdown drains an in-flight stream to its receipt', async () => {
    h = await startHarness();
    const gate = deferred();
    const w = new FakeWorker({ frames: 2, beforeFrame: (i) => (i === 1 ? gate.promise : Promise.resolve()) });
    await h.connect(w).admitted();
    const c = new Client();
    h.fund(c);
    const pending = post(h.broker.url, c.submit());
    await waitFor(() => w.handled.length === 1, 'dispatch');
    const closing = h.broker.close();
    // new work is refused while draining
    await waitFor(async () => (await fetch(`${h.broker.url}/readyz`)).status === 503, 'draining');
    const refused = await post(h.broker.url, c.submit());
    expect(refused.status).toBe(503);
    expect(refused.body!.code).toBe('BROKER_DRAINING');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    gate.resolve();
    const r = await pending;
    expect(r.frames.at(-1)!.msg).toBe('receipt');
    await closing;
  });

  test('model routing and price: cheapest fitting worker, 404 when none fits', async () => {
    h = await startHarness();
    const prices = { promptNano: 5n, completionNano: 6n };
    const cheap = new FakeWorker({ prices });
    const other = new FakeWorker({ modelId: OTHER_MODEL_ID, prices });
    await h.connect(cheap).admitted();
    await h.connect(other).admitted();
    const c = new Client();
    h.fund(c);
    const r = await post(h.broker.url, c.submit({ modelId: OTHER_MODEL_ID }));
    expect(r.frames[0]!.accepted!.workerId).toBe(other.workerId);
    // either price above the client's maximum rules the worker out; 0 means 0, not unlimited
    for (const max of [
      { maxPromptPriceNano: 4, maxCompletionPriceNano: 1000 },
      { maxPromptPriceNano: 1000, maxCompletionPriceNano: 5 },
      { maxPromptPriceNano: 0, maxCompletionPriceNano: 0 },
    ]) {
      const tooCheap = await post(h.broker.url, c.submit({ modelId: MODEL_ID, ...max }));
      expect(tooCheap.status).toBe(404);
      expect(tooCheap.body!.code).toBe('BROKER_NO_WORKER');
    }
    const exact = await post(h.broker.url, c.submit({ maxPromptPriceNano: 5, maxCompletionPriceNano: 6 }));
    expect(exact.frames[0]!.accepted!.workerId).toBe(cheap.workerId);
    expect(exact.frames.at(-1)!.msg).toBe('receipt');
    const unknownWorker = await post(h.broker.url, c.submit({ workerId: 'ab'.repeat(32) }));
    expect(unknownWorker.body!.code).toBe('BROKER_NO_WORKER');
  });

  test('bounded queue: 429 with Retry-After when every slot and queue place is taken', async () => {
    h = await startHarness({ config: { maxQueuePerWorker: 1 } });
    const gate = deferred();
    const w = new FakeWorker({ beforeFrame: () => gate.promise });
    await h.connect(w, { maxConcurrency: 1 }).admitted();
    const c = new Client();
    h.fund(c);
    const a = post(h.broker.url, c.submit());
    await waitFor(() => w.handled.length === 1, 'dispatch');
    const b = post(h.broker.url, c.submit()); // queued
    await waitFor(async () => (await metricsText(h.broker.url)).includes('chrysalis_broker_queue_depth 1'), 'queued');
    const r = await post(h.broker.url, c.submit());
    expect(r.status).toBe(429);
    expect(r.body!.code).toBe('BROKER_OVERLOADED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    gate.resolve();
    expect((await a).frames.at(-1)!.msg).toBe('receipt');
    expect((await b).frames.at(-1)!.msg).toBe('receipt');
  });
});
