/**
 * The worker's broker link after admission, against a fake broker on a real loopback WebSocket: heartbeats, drain and
 * error frames, requests streamed to the receipt, cancels, backpressure, disconnects, silence and reconnect backoff.
 */
import {
  connectBroker,
  type BrokerLink,
  type BrokerLinkOptions,
  type LinkWorker,
} from '../../enclave-runtime/broker-link';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';
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
