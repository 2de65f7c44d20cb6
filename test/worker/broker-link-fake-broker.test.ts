/**
 * The worker's broker link against a fake broker on a real loopback WebSocket: the fake plays the broker's side of
 * chrysalis.v1 frame by frame (including frames a real broker never sends), so each branch of the link is driven and
 * its reply observed on the wire.
 */
import {
  connectBroker,
  type BrokerLink,
  type BrokerLinkOptions,
  type LinkLogger,
  type LinkWorker,
} from '../../enclave-runtime/broker-link';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';

interface Logged {
  readonly level: 'info' | 'warn';
  readonly event: unknown;
}

function recordingLogger(): { logger: LinkLogger; events: Logged[] } {
  const events: Logged[] = [];
  return {
    events,
    logger: {
      info: (o) => events.push({ level: 'info', event: (o as { event?: unknown }).event }),
      warn: (o) => events.push({ level: 'warn', event: (o as { event?: unknown }).event }),
    },
  };
}

/** A scriptable worker: bundle bytes echo the challenge; `handle` is replaced per test. */
function scriptedWorker(over: Partial<LinkWorker> = {}): LinkWorker & { challenges: Uint8Array[] } {
  const challenges: Uint8Array[] = [];
  return {
    challenges,
    bundle: async (c) => {
      challenges.push(c);
      return Uint8Array.from([0xb0, ...c]);
    },

    handle: async function* () {
      throw Object.assign(new Error('not scripted'), { code: 'TEST_NOT_SCRIPTED' });
    },
    ...over,
  };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const CHALLENGE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** Connect, answer hello with a challenge and admit; returns the peer and the admission. */
async function admit(broker: FakeBroker, link: BrokerLink): Promise<Peer> {
  const peer = await broker.nextPeer();
  await peer.next('hello');
  const admitted = link.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: CHALLENGE } });
  await peer.next('bundle');
  peer.send({ admission: { ok: true, workerId: 'w-1', validUntilMs: 1234, bundleDigest: new Uint8Array([9]) } });
  await admitted;
  return peer;
}

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

describe('broker link: frames after admission', () => {
  test('heartbeats with reply are echoed with the in-flight count; heartbeats without reply are not', async () => {
    const l = link({ worker: scriptedWorker() });
    const peer = await admit(broker, l);
    peer.send({ heartbeat: { seq: 5, sentAtMs: 77, reply: false } });
    peer.send({ heartbeat: { seq: 6, sentAtMs: 88, reply: true } });
    const h = (await peer.next('heartbeat')).heartbeat!;
    expect(Number(h.seq)).toBe(6);
    expect(Number(h.sentAtMs)).toBe(88);
    expect(h.inFlight).toBe(0);
    expect(h.reply).toBe(false);
    peer.send({ heartbeat: { reply: true } });
    const h2 = (await peer.next('heartbeat')).heartbeat!;
    expect(Number(h2.seq)).toBe(0);
    expect(peer.frames.filter((f) => f.msg === 'heartbeat')).toHaveLength(0);
  });

  test('drain and error frames become events; text, undecodable and empty frames are ignored', async () => {
    const { logger, events } = recordingLogger();
    const l = link({ worker: scriptedWorker(), logger });
    const peer = await admit(broker, l);
    const drain = new Promise<{ reason: string }>((r) => l.once('drain', r));
    const errors: { code: string; message: string }[] = [];
    l.on('error', (e: { code: string; message: string }) => errors.push(e));
    peer.ws.send('not a frame'); // text: ignored
    peer.ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])); // undecodable
    peer.ws.send(new Uint8Array(0)); // decodes to a frame with no message
    peer.send({ error: { code: 'BROKER_TEST', message: 'something' } });
    peer.send({ error: {} });
    peer.send({ drain: { reason: 'broker restart' } });
    expect((await drain).reason).toBe('broker restart');
    expect(errors).toEqual([
      { code: 'BROKER_TEST', message: 'something' },
      { code: '', message: '' },
    ]);
    expect(events.filter((e) => e.event === 'link_bad_frame')).toHaveLength(1);
    expect(events).toContainEqual({ level: 'warn', event: 'link_broker_error' });
    peer.send({ drain: {} });
    expect((await new Promise<{ reason: string }>((r) => l.once('drain', r))).reason).toBe('');
    // still admitted and answering
    peer.send({ heartbeat: { seq: 1, reply: true } });
    await peer.next('heartbeat');
    expect(l.state).toBe('admitted');
  });

  test('a request streams chunks then the receipt, with the request fields passed to the worker', async () => {
    const seen: unknown[] = [];
    const w = scriptedWorker({
      handle: async function* (sealed, meta) {
        seen.push({ sealed: [...sealed], ...meta, signal: undefined });
        yield { frame: Uint8Array.from([1]) };
        yield { frame: Uint8Array.from([2]) };
        yield { receipt: Uint8Array.from([3]), signature: Uint8Array.from([4]) };
      },
    });
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    peer.send({
      request: {
        requestId: 'r1',
        sealed: Uint8Array.from([5, 6]),
        channel: 'EQchan',
        promptPriceNano: 9,
        completionPriceNano: 10,
        maxCostNano: 11,
        seq: 4,
      },
    });
    const c1 = (await peer.next('chunk')).chunk!;
    const c2 = (await peer.next('chunk')).chunk!;
    const rc = (await peer.next('receipt')).receipt!;
    expect([c1.requestId, [...c1.frame!]]).toEqual(['r1', [1]]);
    expect([c2.requestId, [...c2.frame!]]).toEqual(['r1', [2]]);
    expect([rc.requestId, [...rc.receipt!], [...rc.signature!]]).toEqual(['r1', [3], [4]]);
    expect(seen).toEqual([
      {
        sealed: [5, 6],
        requestId: 'r1',
        channel: 'EQchan',
        promptPriceNano: 9n,
        completionPriceNano: 10n,
        maxCostNano: 11n,
        seq: 4n,
        signal: undefined,
      },
    ]);
    await until(() => l.inFlight === 0, 'request done');
    expect(peer.frames.filter((f) => f.msg === 'failed')).toHaveLength(0);
  });

  test('a request with empty fields reaches the worker with defaults', async () => {
    const seen: {
      requestId: string;
      channel: string;
      promptPriceNano: bigint;
      completionPriceNano: bigint;
      maxCostNano: bigint;
      seq: bigint;
      len: number;
    }[] = [];
    const w = scriptedWorker({
      handle: async function* (sealed, meta) {
        seen.push({
          requestId: meta.requestId,
          channel: meta.channel,
          promptPriceNano: meta.promptPriceNano,
          completionPriceNano: meta.completionPriceNano,
          maxCostNano: meta.maxCostNano,
          seq: meta.seq,
          len: sealed.length,
        });
        yield { receipt: new Uint8Array(1), signature: new Uint8Array(1) };
      },
    });
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    peer.send({ request: {} });
    await peer.next('receipt');
    expect(seen).toEqual([
      { requestId: '', channel: '', promptPriceNano: 0n, completionPriceNano: 0n, maxCostNano: 0n, seq: 0n, len: 0 },
    ]);
  });

  test('a stream without a receipt fails with WORKER_NO_RECEIPT', async () => {
    const w = scriptedWorker({
      handle: async function* () {
        yield { frame: Uint8Array.from([1]) };
      },
    });
    const peer = await admit(broker, link({ worker: w }));
    peer.send({ request: { requestId: 'r2', sealed: new Uint8Array(4) } });
    await peer.next('chunk');
    const f = (await peer.next('failed')).failed!;
    expect([f.requestId, f.code]).toEqual(['r2', 'WORKER_NO_RECEIPT']);
  });

  test.each([
    ['a well-formed code is passed on', { code: 'ENGINE_CONTEXT_EXCEEDED' }, 'ENGINE_CONTEXT_EXCEEDED'],
    ['a malformed code becomes WORKER_FAILED', { code: 'not-a-code' }, 'WORKER_FAILED'],
    ['a non-string code becomes WORKER_FAILED', { code: 42 }, 'WORKER_FAILED'],
    ['no code becomes WORKER_FAILED', {}, 'WORKER_FAILED'],
  ])('a failing request: %s', async (_name, extra, want) => {
    const w = scriptedWorker({
      handle: async function* () {
        throw Object.assign(new Error('engine broke'), extra);
      },
    });
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    peer.send({ request: { requestId: 'r3', sealed: new Uint8Array(4) } });
    const f = (await peer.next('failed')).failed!;
    expect([f.requestId, f.code]).toEqual(['r3', want]);
    await until(() => l.inFlight === 0, 'request done');
  });

  test('a cancel aborts the request: the worker sees the abort and nothing more is sent for it', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let sawAbort = false;
    const w = scriptedWorker({
      handle: async function* (_s, meta) {
        yield { frame: Uint8Array.from([1]) };
        started();
        await new Promise<void>((r) => meta.signal!.addEventListener('abort', () => r(), { once: true }));
        sawAbort = meta.signal!.aborted;
        yield { frame: Uint8Array.from([2]) };
        throw Object.assign(new Error('aborted'), { code: 'ENGINE_ABORTED' });
      },
    });
    const l = link({ worker: w });
    const peer = await admit(broker, l);
    peer.send({ request: { requestId: 'r4', sealed: new Uint8Array(4) } });
    await running;
    expect(l.inFlight).toBe(1);
    peer.send({ cancel: { requestId: 'r4', code: 'CLIENT_GONE' } });
    await until(() => sawAbort && l.inFlight === 0, 'abort seen');
    peer.send({ cancel: {} }); // unknown request: nothing to do
    peer.send({ heartbeat: { seq: 2, reply: true } });
    await peer.next('heartbeat');
    expect(peer.frames.map((f) => f.msg)).toEqual(['chunk']);
  });

  test('a chunk larger than the high-water mark waits for the socket to drain, then the stream continues', async () => {
    const big = new Uint8Array(600 * 1024).fill(7);
    const w = scriptedWorker({
      handle: async function* () {
        yield { frame: big };
        yield { frame: big };
        yield { receipt: Uint8Array.from([1]), signature: Uint8Array.from([2]) };
      },
    });
    const peer = await admit(broker, link({ worker: w, maxFrameBytes: 2 * 1024 * 1024 }));
    peer.send({ request: { requestId: 'big', sealed: new Uint8Array(4) } });
    expect((await peer.next('chunk')).chunk!.frame!.length).toBe(big.length);
    expect((await peer.next('chunk')).chunk!.frame!.length).toBe(big.length);
    expect((await peer.next('receipt')).receipt!.requestId).toBe('big');
  });

  test('a disconnect aborts in-flight requests; with reconnect the link dials again and is admitted anew', async () => {
    let aborted = false;
    const w = scriptedWorker({
      handle: async function* (_s, meta) {
        yield { frame: Uint8Array.from([1]) };
        await new Promise<void>((r) => meta.signal!.addEventListener('abort', () => r(), { once: true }));
        aborted = true;
      },
    });
    const l = link({ worker: w, reconnect: { initialMs: 5, maxMs: 10 } });
    const first = await admit(broker, l);
    first.send({ request: { requestId: 'r5', sealed: new Uint8Array(4) } });
    await first.next('chunk');
    const disconnected = new Promise<{ code: number; reason: string }>((r) => l.once('disconnected', r));
    first.ws.close(4001, 'bye');
    expect(await disconnected).toEqual({ code: 4001, reason: 'bye' });
    await until(() => aborted, 'request aborted');
    expect(l.inFlight).toBe(0);
    const second = await broker.nextPeer();
    await second.next('hello');
    const again = l.admitted();
    second.send({ challenge: { challenge: CHALLENGE } });
    await second.next('bundle');
    second.send({ admission: { ok: true } });
    const info = await again;
    expect(info).toEqual({ workerId: '', validUntilMs: 0, bundleDigest: new Uint8Array(0) });
  });

  test('a broker that says nothing for the silence timeout is dropped and dialled again', async () => {
    const { logger, events } = recordingLogger();
    link({ worker: scriptedWorker(), logger, silenceTimeoutMs: 60, reconnect: { initialMs: 5, maxMs: 10 } });
    // The silence window also covers the WebSocket handshake: on a loaded machine a dial can be dropped before it
    // opens (the fake broker then sees a connection with no hello). Take the next connection that says hello.
    const helloPeer = async (): Promise<Peer> => {
      for (let i = 0; i < 50; i++) {
        const p = await broker.nextPeer();
        if (
          await p.next('hello').then(
            () => true,
            () => false,
          )
        )
          return p;
      }
      throw new Error('no connection sent a hello');
    };
    const first = await helloPeer();
    await first.untilClosed();
    await helloPeer();
    expect(events).toContainEqual({ level: 'warn', event: 'link_silent' });
  });

  test('an unreachable broker is retried with backoff until close()', async () => {
    const { logger, events } = recordingLogger();
    const url = broker.url;
    await broker.close();
    const l = connectBroker({
      url,
      worker: scriptedWorker(),
      logger,
      silenceTimeoutMs: 0,
      reconnect: { initialMs: 5, maxMs: 10 },
    });
    let disconnects = 0;
    l.on('disconnected', () => disconnects++);
    await until(() => disconnects >= 3, 'three failed dials');
    expect(events.filter((e) => e.event === 'link_error').length).toBeGreaterThanOrEqual(3);
    const closed = new Promise<void>((r) => l.once('closed', () => r()));
    await l.close();
    await closed;
    expect(l.state).toBe('closed');
    await l.close(); // idempotent: no second 'closed'
    broker = await startFakeBroker();
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
