/**
 * The worker's broker link against a fake broker on a real loopback WebSocket: the fake plays the broker's side of
 * chrysalis.v1 frame by frame (including frames a real broker never sends), so each branch of the link is driven and
 * its reply observed on the wire.
 */
import {
  connectBroker,
  type BrokerLink,
  type BrokerLinkOptions,
  type LinkWorker,
} from '../../enclave-runtime/broker-link';
import { startFakeBroker, type FakeBroker } from './fake-broker';
import { admit, CHALLENGE, recordingLogger, scriptedWorker, until } from './broker-link-harness';

let broker: FakeBroker;
const links: BrokerLink[] = [];
function link(opts: Partial<BrokerLinkOptions> & { worker: LinkWorker }): BrokerLink {
  const l = connectBroker({ url: broker.url, reconnect: { enabled: false }, ...opts });
  links.push(l);
  return l;
}

beforeEach(async () => {
  broker = await startFakeBroker();
});
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
  await broker.close();
});

describe('broker link: admission', () => {
  test('hello carries the options; a bundle object is sent as its encoded bytes; admission resolves admitted()', async () => {
    const w = scriptedWorker({ bundle: async (c) => ({ encoded: Uint8Array.from([0xee, ...c]) }) });
    const l = link({
      worker: w,
      maxConcurrency: 3,
      workerVersion: 'v-test',
      workerName: 'box-1',
      protocolVersion: 2,
    });
    expect(l.state).toBe('connecting');
    const peer = await broker.nextPeer();
    const hello = (await peer.next('hello')).hello!;
    expect(hello.protocolVersion).toBe(2);
    expect(hello.supportedVersions).toEqual([2]);
    expect(hello.maxConcurrency).toBe(3);
    expect(hello.workerVersion).toBe('v-test');
    expect(hello.workerName).toBe('box-1');
    // no price: a worker's price is the one committed in its attested claims
    expect((hello as unknown as Record<string, unknown>).priceNanoPerToken).toBeUndefined();
    expect(l.state).toBe('hello');
    const admitted = l.admitted();
    peer.send({ challenge: { protocolVersion: 2, challenge: CHALLENGE } });
    const b = (await peer.next('bundle')).bundle!;
    expect(Buffer.from(b.challenge!).equals(Buffer.from(CHALLENGE))).toBe(true);
    expect(Buffer.from(b.bundle!).equals(Buffer.from([0xee, ...CHALLENGE]))).toBe(true);
    peer.send({ admission: { ok: true, workerId: 'w-9', validUntilMs: 5000, bundleDigest: new Uint8Array([1, 2]) } });
    const info = await admitted;
    expect(info.workerId).toBe('w-9');
    expect(info.validUntilMs).toBe(5000);
    expect([...info.bundleDigest]).toEqual([1, 2]);
    expect(l.state).toBe('admitted');
    expect(l.workerId).toBe('w-9');
    expect(l.inFlight).toBe(0);
  });

  test('hello defaults: protocol 1, no concurrency limit, empty version and name', async () => {
    link({ worker: scriptedWorker() });
    const peer = await broker.nextPeer();
    const hello = (await peer.next('hello')).hello!;
    expect(hello.protocolVersion).toBe(1);
    expect(hello.maxConcurrency).toBe(0);
    expect(hello.workerVersion).toBe('');
    expect(hello.workerName).toBe('');
  });

  test('a refusal rejects admitted() with the refusal code and leaves the link refused', async () => {
    const { logger, events } = recordingLogger();
    const l = link({ worker: scriptedWorker(), logger });
    const peer = await broker.nextPeer();
    await peer.next('hello');
    const admitted = l.admitted();
    peer.send({ challenge: { challenge: CHALLENGE } });
    await peer.next('bundle');
    peer.send({ admission: { ok: false, code: 'ADMISSION_TEST_REFUSED', message: 'no' } });
    await expect(admitted).rejects.toMatchObject({ code: 'ADMISSION_TEST_REFUSED' });
    expect(l.state).toBe('refused');
    expect(events).toContainEqual({ level: 'warn', event: 'link_refused' });
  });

  test('a refusal without a code rejects with an empty code', async () => {
    const l = link({ worker: scriptedWorker() });
    const peer = await broker.nextPeer();
    await peer.next('hello');
    const admitted = l.admitted();
    peer.send({ admission: { ok: false } });
    await expect(admitted).rejects.toMatchObject({ code: '' });
  });

  test('a bundle failure sends a fatal WORKER_BUNDLE_FAILED and closes; without reconnect the link ends closed', async () => {
    const { logger, events } = recordingLogger();
    const failing = scriptedWorker({
      bundle: () => Promise.reject(Object.assign(new Error('no quote'), { code: 'TSM_UNAVAILABLE' })),
    });
    const l = link({ worker: failing, logger });
    const closed = new Promise<void>((r) => l.once('closed', () => r()));
    const disconnected = new Promise<{ code: number }>((r) => l.once('disconnected', r));
    const admitted = l.admitted();
    const peer = await broker.nextPeer();
    await peer.next('hello');
    peer.send({ challenge: { challenge: CHALLENGE } });
    const err = (await peer.next('error')).error!;
    expect(err.code).toBe('WORKER_BUNDLE_FAILED');
    expect(err.fatal).toBe(true);
    expect((await disconnected).code).toBe(1000);
    await closed;
    await expect(admitted).rejects.toMatchObject({ code: 'LINK_CLOSED' });
    expect(l.state).toBe('closed');
    expect(events).toContainEqual({ level: 'warn', event: 'link_bundle_failed' });
  });

  test('a bundle finished after the connection changed is not sent on the new connection', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const w = scriptedWorker({
      bundle: async (c) => {
        calls++;
        if (calls === 1) await gate;
        return Uint8Array.from(c);
      },
    });
    link({ worker: w, reconnect: { initialMs: 5, maxMs: 10 } });
    const first = await broker.nextPeer();
    await first.next('hello');
    first.send({ challenge: { challenge: CHALLENGE } });
    await until(() => calls === 1, 'bundle started');
    first.ws.close(1012, 'restart');
    const second = await broker.nextPeer();
    await second.next('hello');
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(second.frames.filter((f) => f.msg === 'bundle')).toHaveLength(0);
    // the new connection still gets admitted on its own challenge
    second.send({ challenge: { challenge: CHALLENGE } });
    await second.next('bundle');
  });
});

describe('broker link: re-attestation', () => {
  function reattestWorker(over: Partial<LinkWorker> = {}): LinkWorker & { fire(r: string): void; listeners: number } {
    const ls = new Set<(r: string) => void>();
    const w = scriptedWorker(over);
    return Object.assign(w, {
      onReattest(l: (r: string) => void) {
        ls.add(l);
        return () => ls.delete(l);
      },
      fire: (r: string) => {
        for (const l of ls) l(r);
      },
      get listeners() {
        return ls.size;
      },
    });
  }

  test('an event while admitted asks for a challenge with the reason (truncated to 32 chars)', async () => {
    const w = reattestWorker();
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    w.fire('key-rotation');
    expect((await peer.next('challengeRequest')).challengeRequest!.reason).toBe('key-rotation');
    w.fire('x'.repeat(40));
    expect((await peer.next('challengeRequest')).challengeRequest!.reason).toBe('x'.repeat(32));
    w.fire('');
    expect((await peer.next('challengeRequest')).challengeRequest!.reason).toBe('reattest');
    await l.close();
    expect(w.listeners).toBe(0);
  });

  test('an event while a bundle is being built asks again once that bundle is admitted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { logger, events } = recordingLogger();
    const w = reattestWorker({
      bundle: async (c) => {
        calls++;
        if (calls === 1) await gate;
        return Uint8Array.from(c);
      },
    });
    const l = link({ worker: w, logger });
    const peer = await broker.nextPeer();
    await peer.next('hello');
    peer.send({ challenge: { challenge: CHALLENGE } });
    await until(() => calls === 1, 'bundle started');
    w.fire('timer'); // building: no request now
    release();
    await peer.next('bundle');
    expect(peer.frames.filter((f) => f.msg === 'challengeRequest')).toHaveLength(0);
    const admitted = l.admitted();
    peer.send({ admission: { ok: true, workerId: 'w' } });
    await admitted;
    expect((await peer.next('challengeRequest')).challengeRequest!.reason).toBe('timer');
    expect(events).toContainEqual({ level: 'info', event: 'link_reattest_stale' });
    // the fresh bundle is current: its admission asks for nothing more
    peer.send({ challenge: { challenge: CHALLENGE } });
    await peer.next('bundle');
    peer.send({ admission: { ok: true, workerId: 'w' } });
    peer.send({ heartbeat: { seq: 3, reply: true } });
    await peer.next('heartbeat');
    expect(peer.frames.filter((f) => f.msg === 'challengeRequest')).toHaveLength(0);
  });

  test('an event before the connection opens needs no request: the first bundle is fresh', async () => {
    const w = reattestWorker();
    const l = link({ worker: w });
    w.fire('early');
    const peer = await admit(broker, l);
    peer.send({ heartbeat: { seq: 1, reply: true } });
    await peer.next('heartbeat');
    expect(peer.frames.filter((f) => f.msg === 'challengeRequest')).toHaveLength(0);
  });
});

describe('broker link: drain and close', () => {
  test('drain() tells the broker, waits for the in-flight request, then closes', async () => {
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const w = scriptedWorker({
      handle: async function* () {
        yield { frame: Uint8Array.from([1]) };
        await gate;
        yield { receipt: Uint8Array.from([1]), signature: Uint8Array.from([2]) };
      },
    });
    const l = link({ worker: w, reconnect: { initialMs: 5, maxMs: 10 } });
    const peer = await admit(broker, l);
    peer.send({ request: { requestId: 'r6', sealed: new Uint8Array(4) } });
    await peer.next('chunk');
    let drained = false;
    const d = l.drain(10_000).then(() => (drained = true));
    const df = (await peer.next('drain')).drain!;
    expect(df.reason).toBe('worker shutting down');
    expect(Number(df.deadlineMs)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(drained).toBe(false);
    finish();
    await peer.next('receipt');
    await d;
    await peer.untilClosed();
    expect(l.state).toBe('closed');
  });

  test('drain() gives up on a request that outlives the timeout', async () => {
    const w = scriptedWorker({
      handle: async function* () {
        yield { frame: Uint8Array.from([1]) };
        await new Promise(() => undefined);
      },
    });
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    peer.send({ request: { requestId: 'r7', sealed: new Uint8Array(4) } });
    await peer.next('chunk');
    await l.drain(30);
    await peer.untilClosed();
    expect(l.state).toBe('closed');
  });

  test('drain() with nothing in flight closes at once', async () => {
    const l = link({ worker: scriptedWorker() });
    const peer = await admit(broker, l);
    await l.drain();
    await peer.next('drain');
    await peer.untilClosed();
    expect(l.state).toBe('closed');
  });
});
