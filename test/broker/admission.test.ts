import WebSocket from 'ws';
import {
  NOW,
  BAD_IMAGE_ID,
  FakeWorker,
  MODEL_ID,
  PLATFORM_ID,
  hex,
  metricsText,
  startHarness,
  v1,
  waitFor,
  type Harness,
} from './helpers';

describe('broker admission', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  test('an attested worker is admitted, listed with its bundle, and counted', async () => {
    h = await startHarness();
    const w = new FakeWorker({ prices: { promptNano: 7n, completionNano: 9n } });
    const link = h.connect(w);
    const info = await link.admitted();
    expect(info.workerId).toBe(w.workerId);
    const res = await fetch(`${h.broker.url}/v1/workers?model=${hex(MODEL_ID)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      workers: {
        workerId: string;
        bundle: string;
        hpkePublicKey: string;
        promptPriceNano: number;
        completionPriceNano: number;
      }[];
    };
    expect(body.workers).toHaveLength(1);
    expect(body.workers[0]!.workerId).toBe(w.workerId);
    expect(Buffer.from(body.workers[0]!.hpkePublicKey, 'base64')).toEqual(Buffer.from(w.hpkePublicKey));
    // listed at the prices committed in its verified claims
    expect(body.workers[0]!.promptPriceNano).toBe(7);
    expect(body.workers[0]!.completionPriceNano).toBe(9);
    // protobuf form
    const pb = await fetch(`${h.broker.url}/v1/workers`, { headers: { accept: 'application/x-protobuf' } });
    const list = v1.WorkerList.decode(new Uint8Array(await pb.arrayBuffer()));
    expect(list.workers[0]!.workerId).toBe(w.workerId);
    expect(Number(list.workers[0]!.promptPriceNano)).toBe(7);
    expect(Number(list.workers[0]!.completionPriceNano)).toBe(9);
    expect(await metricsText(h.broker.url)).toMatch(
      /chrysalis_broker_admissions_total\{result="admitted",code="OK"\} 1/,
    );
    const adm = await h.ledger.listAdmissions(10);
    expect(adm[0]).toMatchObject({ ok: true, workerId: w.workerId, modelId: hex(MODEL_ID) });
    expect((await fetch(`${h.broker.url}/readyz`)).status).toBe(200);
  });

  test.each([
    ['tampered bundle', { tamper: true }, 'BUNDLE_REPORT_DATA_MISMATCH'],
    ['image not allowed', { imageId: BAD_IMAGE_ID }, 'ADMISSION_IMAGE_NOT_ALLOWED'],
    [
      'committed price above the registry',
      { prices: { promptNano: 100n, completionNano: 101n } },
      'ADMISSION_PRICE_NOT_ALLOWED',
    ],
  ])('%s is refused with its code in the log, metrics and ledger', async (_name, opts, code) => {
    h = await startHarness();
    const link = h.connect(new FakeWorker(opts));
    await expect(link.admitted()).rejects.toMatchObject({ code });
    expect(h.broker.broker.pool.routable(NOW.getTime()).length).toBe(0);
    const m = await metricsText(h.broker.url);
    expect(m).toContain(`chrysalis_broker_admissions_total{result="rejected",code="${code}"} 1`);
    expect(m).toContain(`chrysalis_broker_rejections_total{code="${code}"} 1`);
    expect(h.log.records().some((r) => r.event === 'admission' && r.ok === false && r.code === code)).toBe(true);
    expect((await h.ledger.listAdmissions(1))[0]).toMatchObject({ ok: false, code });
    // the broker keeps serving: a good worker is admitted afterwards
    await h.connect(new FakeWorker()).admitted();
  });

  test('unknown protocol version is refused with WIRE_UNSUPPORTED_VERSION and close 4001', async () => {
    h = await startHarness();
    const link = h.connect(new FakeWorker(), { protocolVersion: 99 });
    const err = new Promise<{ code: string }>((r) => link.once('error', r));
    const closed = new Promise<{ code: number }>((r) => link.once('disconnected', r));
    expect((await err).code).toBe('WIRE_UNSUPPORTED_VERSION');
    expect((await closed).code).toBe(4001);
    await h.connect(new FakeWorker()).admitted();
  });

  test('malformed and text frames close the connection with WIRE_MALFORMED_FRAME; the broker keeps serving', async () => {
    h = await startHarness();
    for (const payload of [Buffer.from([0xff, 0xff, 0xff, 0xff]), 'hello as text']) {
      const ws = new WebSocket(h.broker.workerUrl);
      await new Promise((r) => ws.once('open', r));
      const frames: Buffer[] = [];
      ws.on('message', (d: Buffer) => frames.push(d));
      const closed = new Promise<number>((r) => ws.once('close', (c) => r(c)));
      ws.send(payload, { binary: typeof payload !== 'string' });
      expect(await closed).toBe(4002);
      const f = v1.BrokerFrame.decode(frames[0]!);
      expect(f.error?.code).toBe('WIRE_MALFORMED_FRAME');
    }
    // bundle before hello: unexpected
    const ws = new WebSocket(h.broker.workerUrl);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    ws.send(v1.WorkerFrame.encode({ bundle: { challenge: new Uint8Array(32), bundle: new Uint8Array(3) } }).finish());
    expect(await closed).toBe(4003);
    expect((await fetch(`${h.broker.url}/healthz`)).status).toBe(200);
    await h.connect(new FakeWorker()).admitted();
  });

  test('an oversized frame is refused (close 1009) and counted', async () => {
    h = await startHarness({ config: { maxFrameBytes: 64 * 1024 } });
    const ws = new WebSocket(h.broker.workerUrl);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    ws.send(Buffer.alloc(100 * 1024, 1));
    expect(await closed).toBe(1009);
    await waitFor(
      async () =>
        (await metricsText(h.broker.url)).includes('chrysalis_broker_rejections_total{code="WIRE_FRAME_TOO_LARGE"} 1'),
      'metric',
    );
    await h.connect(new FakeWorker()).admitted();
  });

  test('admissions are published to the AdmissionLogger (on-chain log); its failure never blocks admission', async () => {
    const events: { workerId: string; bundleDigest: Uint8Array; platformId: Uint8Array }[] = [];
    let fail = false;
    h = await startHarness({
      admissionLogger: {
        async logAdmission(e) {
          if (fail) throw new Error('chain down');
          events.push(e);
        },
      },
    });
    const w = new FakeWorker();
    const info = await h.connect(w).admitted();
    await waitFor(() => events.length === 1, 'logged');
    expect(events[0]!.workerId).toBe(w.workerId);
    expect(Buffer.from(events[0]!.bundleDigest)).toEqual(Buffer.from(info.bundleDigest));
    expect(hex(events[0]!.platformId)).toBe(hex(PLATFORM_ID)); // from the verified identity
    fail = true;
    await h.connect(new FakeWorker()).admitted();
  });

  test('an attestation that lapses (re-attestation never answered) leaves the pool at once', async () => {
    h = await startHarness({ config: { reattestIntervalMs: 1000, reattestGraceMs: 300 } });
    const w = new FakeWorker();
    const orig = w.bundle.bind(w);
    w.bundle = async (c) => (w.bundleCalls >= 1 ? new Promise<Uint8Array>(() => undefined) : orig(c)); // hangs on re-attestation
    const link = h.connect(w);
    await link.admitted();
    expect(h.broker.broker.pool.routable(NOW.getTime())).toHaveLength(1);
    const refused = await new Promise<{ code: string }>((r) => link.once('refused', r));
    expect(refused.code).toBe('ADMISSION_LAPSED');
    expect(h.broker.broker.pool.all()).toHaveLength(0);
    expect(await metricsText(h.broker.url)).toContain(
      'chrysalis_broker_admissions_total{result="rejected",code="ADMISSION_LAPSED"} 1',
    );
  });

  test('periodic re-attestation keeps a worker; a failed re-attestation removes it at once', async () => {
    h = await startHarness({ config: { reattestIntervalMs: 1000, reattestGraceMs: 900 } });
    const good = new FakeWorker();
    const bad = new FakeWorker({ tamperFromCall: 2 });
    const lg = h.connect(good);
    const lb = h.connect(bad);
    await Promise.all([lg.admitted(), lb.admitted()]);
    expect(h.broker.broker.pool.routable(NOW.getTime())).toHaveLength(2);
    // second challenge comes ~100 ms later (interval - grace)
    const refused = new Promise<{ code: string }>((r) => lb.once('refused', r));
    const readmitted = lg.admitted();
    expect((await refused).code).toBe('BUNDLE_REPORT_DATA_MISMATCH');
    await readmitted;
    expect(good.bundleCalls).toBeGreaterThanOrEqual(2);
    const ids = h.broker.broker.pool.routable(NOW.getTime()).map((s) => s.workerId);
    expect(ids).toEqual([good.workerId]);
  });
});
