/**
 * Worker sessions at their edges, played with raw frames against a real broker: oversized and text frames, bundles out
 * of turn, challenges that expire (timer and clock), heartbeat silence, fatal worker errors, re-attestation requests
 * while a challenge is open, a key change on re-admission, an admission that lapses, and the worker list filters.
 */
import { manualClock } from '../../core/clock';
import { MemoryLedger } from '../../broker/ledger';
import { FakeWorker, MODEL_ID, NOW, OTHER_MODEL_ID, startHarness, v1, type Harness } from './helpers';
import { raw, type Raw } from './raw-worker';

const hello = (o: Record<string, unknown> = {}): Parameters<typeof v1.WorkerFrame.create>[0] => ({
  hello: { protocolVersion: 1, ...o },
});

/** Hello, challenge, bundle, admission; returns the admission frame. */
async function admit(
  w: Raw,
  fw: FakeWorker,
  o: Record<string, unknown> = {},
): Promise<InstanceType<typeof v1.BrokerFrame>> {
  w.send(hello(o));
  const c = await w.next('challenge');
  w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await fw.bundle(c.challenge!.challenge!) } });
  return w.next('admission');
}

const errorCode = (w: Raw): string | undefined => w.frames.find((f) => f.msg === 'error')?.error?.code ?? undefined;
const refusal = (w: Raw): string | undefined =>
  w.frames.find((f) => f.msg === 'admission')?.admission?.code ?? undefined;

async function workersJson(h: Harness, query = ''): Promise<{ workers: Record<string, unknown>[] }> {
  return (await (await fetch(`${h.broker.url}/v1/workers${query}`)).json()) as { workers: Record<string, unknown>[] };
}

describe('worker session edges (default timers)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { maxFrameBytes: 4096, maxWorkerConcurrency: 5, heartbeatIntervalMs: 60_000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  test('a frame over the size limit is closed with 1009 and recorded as WIRE_FRAME_TOO_LARGE', async () => {
    const w = await raw(h);
    w.ws.send(Buffer.alloc(8192, 1));
    expect(await w.closed).toBe(1009);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.log.records().some((r) => r.event === 'worker_conn_error' && r.code === 'WIRE_FRAME_TOO_LARGE')).toBe(
      true,
    );
  });

  test('a text frame is WIRE_MALFORMED_FRAME (4002)', async () => {
    const w = await raw(h);
    w.ws.send('hello?');
    expect(await w.closed).toBe(4002);
    expect(errorCode(w)).toBe('WIRE_MALFORMED_FRAME');
  });

  test('a hello offering no supported version is WIRE_UNSUPPORTED_VERSION (4001)', async () => {
    const w = await raw(h);
    w.send({ hello: {} });
    expect(await w.closed).toBe(4001);
    expect(errorCode(w)).toBe('WIRE_UNSUPPORTED_VERSION');
  });

  test('a bundle before hello is WIRE_UNEXPECTED_FRAME (4003)', async () => {
    const w = await raw(h);
    w.send({ bundle: { challenge: new Uint8Array(32), bundle: new Uint8Array(8) } });
    expect(await w.closed).toBe(4003);
    expect(errorCode(w)).toBe('WIRE_UNEXPECTED_FRAME');
  });

  test('a second bundle for an already answered challenge is WIRE_UNEXPECTED_FRAME (4003)', async () => {
    const fw = new FakeWorker();
    const w = await raw(h);
    w.send(hello());
    const c = await w.next('challenge');
    const b = await fw.bundle(c.challenge!.challenge!);
    w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: b } });
    w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: b } });
    expect(await w.closed).toBe(4003);
    expect(errorCode(w)).toBe('WIRE_UNEXPECTED_FRAME');
  });

  test('hello fields: concurrency capped by the broker, name sanitised, listed with the worker', async () => {
    const fw = new FakeWorker();
    const w = await raw(h);
    const a = await admit(w, fw, { maxConcurrency: 99, workerName: 'gpu\u0007box' });
    expect(a.admission!.ok).toBe(true);
    const entry = (await workersJson(h)).workers.find((x) => x.workerId === fw.workerId)!;
    expect(entry.maxConcurrency).toBe(5);
    expect(entry).toMatchObject({ promptPriceNano: 10, completionPriceNano: 10 });
    expect(entry).not.toHaveProperty('priceNanoPerToken');
    w.ws.close();
    await w.closed;
  });

  test('a worker is listed at the prices of its verified claims, whatever its Hello says', async () => {
    const fw = new FakeWorker({ prices: { promptNano: 30n, completionNano: 40n } });
    const w = await raw(h);
    // A Hello that still carries the retired price field (5 = 1 nanoton): unknown to the broker, ignored.
    const helloBytes = Buffer.concat([
      Buffer.from(v1.Hello.encode(v1.Hello.create({ protocolVersion: 1 })).finish()),
      Buffer.from([0x28, 0x01]),
    ]);
    w.ws.send(Buffer.concat([Buffer.from([0x0a, helloBytes.length]), helloBytes]));
    const c = await w.next('challenge');
    w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await fw.bundle(c.challenge!.challenge!) } });
    expect((await w.next('admission')).admission!.ok).toBe(true);
    const entry = (await workersJson(h)).workers.find((x) => x.workerId === fw.workerId)!;
    expect(entry).toMatchObject({ promptPriceNano: 30, completionPriceNano: 40 });
    const pb = await fetch(`${h.broker.url}/v1/workers`, { headers: { accept: 'application/x-protobuf' } });
    const listed = v1.WorkerList.decode(new Uint8Array(await pb.arrayBuffer())).workers.find(
      (x) => x.workerId === fw.workerId,
    )!;
    expect([Number(listed.promptPriceNano), Number(listed.completionPriceNano)]).toEqual([30, 40]);
    w.ws.close();
    await w.closed;
  });

  test('the worker list filters by model (hex or base64) and by maximum prices; protobuf on request', async () => {
    const cheap = new FakeWorker({ prices: { promptNano: 5n, completionNano: 60n } });
    const dear = new FakeWorker({ modelId: OTHER_MODEL_ID, prices: { promptNano: 50n, completionNano: 50n } });
    const w1 = await raw(h);
    const w2 = await raw(h);
    expect((await admit(w1, cheap)).admission!.ok).toBe(true);
    expect((await admit(w2, dear)).admission!.ok).toBe(true);
    const ids = async (q: string): Promise<string[]> =>
      (await workersJson(h, q)).workers
        .map((x) => x.workerId as string)
        .filter((x) => x === cheap.workerId || x === dear.workerId);
    expect((await ids('')).sort()).toEqual([cheap.workerId, dear.workerId].sort());
    expect(await ids(`?model=${Buffer.from(MODEL_ID).toString('hex').toUpperCase()}`)).toEqual([cheap.workerId]);
    expect(await ids(`?model=${encodeURIComponent(Buffer.from(OTHER_MODEL_ID).toString('base64'))}`)).toEqual([
      dear.workerId,
    ]);
    expect(await ids('?model=not-an-id')).toEqual([]);
    expect(await ids('?maxPromptPrice=20')).toEqual([cheap.workerId]);
    expect(await ids('?maxCompletionPrice=55')).toEqual([dear.workerId]);
    expect(await ids('?maxPromptPrice=20&maxCompletionPrice=55')).toEqual([]);
    expect(await ids('?maxPromptPrice=abc')).toEqual([]);
    const res = await fetch(`${h.broker.url}/v1/workers?maxPromptPrice=100&maxCompletionPrice=100`, {
      headers: { accept: 'application/x-protobuf' },
    });
    expect(res.headers.get('content-type')).toContain('application/x-protobuf');
    const list = v1.WorkerList.decode(new Uint8Array(await res.arrayBuffer()));
    expect(list.workers.map((x) => x.workerId)).toEqual(expect.arrayContaining([cheap.workerId, dear.workerId]));
    w1.ws.close();
    w2.ws.close();
    await Promise.all([w1.closed, w2.closed]);
  });

  test('a challenge request while one is open is ignored; a fatal worker error closes the connection', async () => {
    const fw = new FakeWorker();
    const w = await raw(h);
    expect((await admit(w, fw)).admission!.ok).toBe(true);
    w.send({ challengeRequest: { reason: 'key-rotation' } });
    await w.next('challenge');
    w.send({ challengeRequest: { reason: 'again' } });
    w.send({ heartbeat: { seq: 9, reply: true } });
    expect(Number((await w.next('heartbeat')).heartbeat!.seq)).toBe(9);
    expect(w.frames.filter((f) => f.msg === 'challenge')).toHaveLength(0);
    expect(h.log.records().some((r) => r.event === 'reattest_requested' && r.reason === 'key-rotation')).toBe(true);
    w.send({ error: { code: 'WORKER_BUNDLE_FAILED', message: 'no quote', fatal: true } });
    expect(await w.closed).toBe(1000);
  });

  test('re-admission under a new key replaces the old worker id in the list', async () => {
    const first = new FakeWorker();
    const second = new FakeWorker();
    const w = await raw(h);
    expect((await admit(w, first)).admission!.workerId).toBe(first.workerId);
    w.send({ challengeRequest: {} });
    const c = await w.next('challenge');
    w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await second.bundle(c.challenge!.challenge!) } });
    expect((await w.next('admission')).admission!.workerId).toBe(second.workerId);
    const listed = (await workersJson(h)).workers.map((x) => x.workerId);
    expect(listed).toContain(second.workerId);
    expect(listed).not.toContain(first.workerId);
    w.ws.close();
    await w.closed;
  });

  test('a failed re-attestation removes the worker from the list and closes with 4010', async () => {
    const good = new FakeWorker();
    const w = await raw(h);
    expect((await admit(w, good)).admission!.ok).toBe(true);
    w.send({ challengeRequest: {} });
    const c = await w.next('challenge');
    const tampered = new FakeWorker({ tamper: true });
    w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await tampered.bundle(c.challenge!.challenge!) } });
    expect(await w.closed).toBe(4010);
    expect(refusal(w)).toBe('BUNDLE_REPORT_DATA_MISMATCH');
    expect((await workersJson(h)).workers.map((x) => x.workerId)).not.toContain(good.workerId);
  });
});

describe('worker session timers', () => {
  test('a challenge left unanswered past its TTL: ADMISSION_CHALLENGE_EXPIRED (4010)', async () => {
    const h = await startHarness({ config: { challengeTtlMs: 40 } });
    try {
      const w = await raw(h);
      w.send(hello());
      await w.next('challenge');
      expect(await w.closed).toBe(4010);
      expect(refusal(w)).toBe('ADMISSION_CHALLENGE_EXPIRED');
      const rejected = await (await fetch(`${h.broker.url}/metrics`)).text();
      expect(rejected).toMatch(/code="ADMISSION_CHALLENGE_EXPIRED"/);
    } finally {
      await h.close();
    }
  });

  test('a bundle that arrives after the challenge expired by the broker clock: ADMISSION_CHALLENGE_EXPIRED', async () => {
    const clock = manualClock(NOW);
    const h = await startHarness({ clock, config: { challengeTtlMs: 60_000 } });
    try {
      const fw = new FakeWorker();
      const w = await raw(h);
      w.send(hello());
      const c = await w.next('challenge');
      clock.advance(60_001);
      w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await fw.bundle(c.challenge!.challenge!) } });
      expect(await w.closed).toBe(4010);
      expect(refusal(w)).toBe('ADMISSION_CHALLENGE_EXPIRED');
    } finally {
      await h.close();
    }
  });

  test('a worker silent past the heartbeat timeout is closed with WIRE_HEARTBEAT_TIMEOUT (4004)', async () => {
    const clock = manualClock(NOW);
    const h = await startHarness({ clock, config: { heartbeatIntervalMs: 20, heartbeatTimeoutMs: 1_000 } });
    try {
      const fw = new FakeWorker();
      const w = await raw(h);
      expect((await admit(w, fw)).admission!.ok).toBe(true);
      const hb = (await w.next('heartbeat')).heartbeat!;
      expect(hb.reply).toBe(true);
      clock.advance(1_001);
      expect(await w.closed).toBe(4004);
      expect(errorCode(w)).toBe('WIRE_HEARTBEAT_TIMEOUT');
    } finally {
      await h.close();
    }
  });

  test('an admission not renewed by its validity end lapses: re-attest challenge first, then ADMISSION_LAPSED', async () => {
    // The challenge TTL is far above the validity window: the admission itself never races it on a loaded machine,
    // and the unanswered re-attestation challenge is still open when the admission lapses.
    const h = await startHarness({ config: { reattestIntervalMs: 40, reattestGraceMs: 40, challengeTtlMs: 60_000 } });
    try {
      const fw = new FakeWorker();
      const w = await raw(h);
      const a = await admit(w, fw);
      expect(Number(a.admission!.validUntilMs)).toBe(NOW.getTime() + 80);
      await w.next('challenge'); // re-attestation due at validUntil - grace; left unanswered
      expect(await w.closed).toBe(4010);
      expect(refusal(w)).toBe('ADMISSION_LAPSED');
    } finally {
      await h.close();
    }
  });

  test('readyz: 503 BROKER_LEDGER_UNAVAILABLE when the ledger does not answer', async () => {
    const ledger = new MemoryLedger();
    const h = await startHarness({ ledger });
    try {
      expect((await fetch(`${h.broker.url}/readyz`)).status).toBe(200);
      ledger.ping = () => Promise.reject(new Error('down'));
      const res = await fetch(`${h.broker.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ready: false, code: 'BROKER_LEDGER_UNAVAILABLE' });
    } finally {
      await h.close();
    }
  });
});
