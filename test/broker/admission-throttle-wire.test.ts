/**
 * A hostile worker that makes its broker pay for admissions: hammering challenge requests on one connection, and
 * reconnecting in a loop under one key. Played with raw frames against the harness broker (SIMULATED bundle check):
 * beyond the limits it gets ADMISSION_RATE_LIMITED and causes no admission and no on-chain log entry. An honest worker
 * re-attesting on the broker's schedule is never throttled, and its unchanged identity is published on chain once per
 * validity.
 */
import { FakeWorker, metricsText, startHarness, type v1, waitFor, type Harness } from './helpers';
import { raw, type Raw } from './raw-worker';

type Frame = InstanceType<typeof v1.BrokerFrame>;

/** Hello, challenge, bundle; returns the admission frame. */
async function admit(w: Raw, fw: FakeWorker): Promise<Frame> {
  w.send({ hello: { protocolVersion: 1 } });
  const c = await w.next('challenge');
  w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await fw.bundle(c.challenge!.challenge!) } });
  return w.next('admission');
}

/** Asks for a challenge and answers it; returns the admission frame. */
async function reattest(w: Raw, fw: FakeWorker): Promise<Frame> {
  w.send({ challengeRequest: { reason: 'again' } });
  const c = await w.next('challenge');
  w.send({ bundle: { challenge: c.challenge!.challenge!, bundle: await fw.bundle(c.challenge!.challenge!) } });
  return w.next('admission');
}

async function admittedCount(h: Harness): Promise<number> {
  const m = /chrysalis_broker_admissions_total\{result="admitted",code="OK"\} (\d+)/.exec(
    await metricsText(h.broker.url),
  );
  return Number(m?.[1] ?? 0);
}

function onChainLog(): { logged: string[]; admissionLogger: { logAdmission(e: { workerId: string }): Promise<void> } } {
  const logged: string[] = [];
  return {
    logged,
    admissionLogger: {
      async logAdmission(e) {
        logged.push(e.workerId);
      },
    },
  };
}

describe('admission throttling (hostile worker, raw frames)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('challenge requests beyond the per-connection limit are refused; the connection keeps its admission', async () => {
    const log = onChainLog();
    h = await startHarness({
      admissionLogger: log.admissionLogger,
      config: { challengeRequestBurst: 2, admissionBurstPerKey: 100 },
    });
    const fw = new FakeWorker();
    const w = await raw(h);
    expect((await admit(w, fw)).admission!.ok).toBe(true);
    expect((await reattest(w, fw)).admission!.ok).toBe(true);
    expect((await reattest(w, fw)).admission!.ok).toBe(true);
    const before = await admittedCount(h);
    for (let i = 0; i < 20; i++) w.send({ challengeRequest: { reason: 'hammer' } });
    w.send({ heartbeat: { seq: 77, reply: true } });
    expect(Number((await w.next('heartbeat')).heartbeat!.seq)).toBe(77);
    const errors = w.frames.filter((f) => f.msg === 'error');
    expect(errors).toHaveLength(20);
    expect(errors.every((f) => f.error!.code === 'ADMISSION_RATE_LIMITED' && !f.error!.fatal)).toBe(true);
    expect(w.frames.filter((f) => f.msg === 'challenge')).toHaveLength(0);
    expect(await admittedCount(h)).toBe(before);
    expect(await metricsText(h.broker.url)).toContain(
      'chrysalis_broker_rejections_total{code="ADMISSION_RATE_LIMITED"} 20',
    );
    // still admitted and routable
    expect(h.broker.broker.pool.all().map((s) => s.workerId)).toContain(fw.workerId);
    // one identity, published once while valid
    expect(log.logged).toEqual([fw.workerId]);
    w.ws.close();
    await w.closed;
  });

  test('a worker reconnecting in a loop under one key is refused beyond the per-key limit, across connections', async () => {
    const log = onChainLog();
    h = await startHarness({ admissionLogger: log.admissionLogger, config: { admissionBurstPerKey: 2 } });
    const fw = new FakeWorker();
    const first = await raw(h);
    expect((await admit(first, fw)).admission!.ok).toBe(true);
    const second = await raw(h);
    expect((await admit(second, fw)).admission!.ok).toBe(true);
    await first.closed; // the key admitted elsewhere (ADMISSION_KEY_REUSED)
    const before = await admittedCount(h);
    for (let i = 0; i < 3; i++) {
      const w = await raw(h);
      expect((await admit(w, fw)).admission).toMatchObject({ ok: false, code: 'ADMISSION_RATE_LIMITED' });
      expect(await w.closed).toBe(4010);
    }
    // a re-attestation it asks for on its live connection counts against the same key
    const a = await reattest(second, fw);
    expect(a.admission).toMatchObject({ ok: false, code: 'ADMISSION_RATE_LIMITED' });
    expect(await second.closed).toBe(4010);
    expect(await admittedCount(h)).toBe(before);
    expect(log.logged).toEqual([fw.workerId]);
    // another key is not affected
    const other = new FakeWorker();
    const o = await raw(h);
    expect((await admit(o, other)).admission!.ok).toBe(true);
    await waitFor(() => log.logged.length === 2, 'other logged');
    expect(log.logged).toEqual([fw.workerId, other.workerId]);
    o.ws.close();
    await o.closed;
  });

  test('an honest worker re-attesting on schedule is never throttled and is published once per validity', async () => {
    const log = onChainLog();
    h = await startHarness({
      admissionLogger: log.admissionLogger,
      config: {
        admissionBurstPerKey: 1,
        challengeRequestBurst: 1,
        reattestIntervalMs: 50,
        reattestGraceMs: 5_000,
      },
    });
    const fw = new FakeWorker();
    const link = h.connect(fw);
    let refused: string | undefined;
    link.on('refused', (r: { code: string }) => (refused = r.code));
    await link.admitted();
    for (let i = 0; i < 4; i++) await link.admitted();
    expect(fw.bundleCalls).toBeGreaterThanOrEqual(5);
    expect(refused).toBeUndefined();
    expect(await admittedCount(h)).toBeGreaterThanOrEqual(5);
    expect(log.logged).toEqual([fw.workerId]);
    expect(await metricsText(h.broker.url)).not.toContain('ADMISSION_RATE_LIMITED"}');
  });
});
