/**
 * The worker WebSocket protocol played by hand (raw frames, no BrokerLink): frames out of order, unknown frames, a
 * bundle answering another challenge, heartbeats, worker error frames and unknown request ids. Each violation closes
 * with its documented code; the broker keeps serving.
 */
import { FakeWorker, startHarness, type Harness } from './helpers';
import { raw } from './raw-worker';

const hello = {
  hello: { protocolVersion: 1, workerName: 'raw\u0001worker', maxConcurrency: 0 },
};

describe('worker protocol violations (raw frames)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('hello twice is WIRE_UNEXPECTED_FRAME (4003)', async () => {
    const w = await raw(h);
    w.send(hello);
    await w.next('challenge');
    w.send(hello);
    expect(await w.closed).toBe(4003);
    expect(w.frames.find((f) => f.msg === 'error')?.error?.code).toBe('WIRE_UNEXPECTED_FRAME');
  });

  it('a version offered only in supportedVersions is accepted; a challenge request before admission is refused', async () => {
    const w = await raw(h);
    w.send({ hello: { protocolVersion: 7, supportedVersions: [1] } });
    const c = await w.next('challenge');
    expect(c.challenge?.protocolVersion).toBe(1);
    w.send({ challengeRequest: { reason: 'early' } });
    expect(await w.closed).toBe(4003);
  });

  it('a frame with no message is WIRE_MALFORMED_FRAME (4002)', async () => {
    const w = await raw(h);
    w.send({});
    expect(await w.closed).toBe(4002);
    expect(w.frames.find((f) => f.msg === 'error')?.error?.code).toBe('WIRE_MALFORMED_FRAME');
  });

  it('a bundle answering another challenge is refused with ADMISSION_CHALLENGE_MISMATCH (4010)', async () => {
    const w = await raw(h);
    w.send(hello);
    await w.next('challenge');
    w.send({ bundle: { challenge: new Uint8Array(32).fill(1), bundle: Uint8Array.of(1) } });
    const a = await w.next('admission');
    expect(a.admission).toMatchObject({ ok: false, code: 'ADMISSION_CHALLENGE_MISMATCH' });
    expect(await w.closed).toBe(4010);
  });

  it('heartbeats are answered; drain, unknown request ids and non-fatal worker errors keep the connection', async () => {
    const w = await raw(h);
    w.send(hello);
    await w.next('challenge');
    w.send({ heartbeat: { seq: 5, sentAtMs: 1, reply: true } });
    const hb = await w.next('heartbeat');
    expect([Number(hb.heartbeat?.seq), hb.heartbeat?.reply]).toEqual([5, false]);
    w.send({ heartbeat: { seq: 6, reply: false } });
    w.send({ chunk: { requestId: 'nope', frame: Uint8Array.of(1) } });
    w.send({ receipt: { requestId: 'nope' } });
    w.send({ failed: { requestId: 'nope', code: 'lower' } });
    w.send({ drain: {} });
    w.send({ error: { code: 'WORKER_WARN', message: 'just saying', fatal: false } });
    w.send({ heartbeat: { seq: 7, reply: true } });
    expect(Number((await w.next('heartbeat')).heartbeat?.seq)).toBe(7);
    w.send({ error: { code: 'WORKER_DYING', fatal: true } });
    expect(await w.closed).toBe(1000);
  });

  it('the broker still admits a well-behaved worker afterwards', async () => {
    await h.connect(new FakeWorker()).admitted();
  });
});
