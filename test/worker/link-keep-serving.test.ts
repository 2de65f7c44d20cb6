/**
 * Keep serving on stale evidence services: a worker admitted by the broker whose re-attestation bundle cannot be built
 * (a collateral source failed and its cached collateral ran out) keeps serving on its current admission until that
 * admission ends, asks for a challenge again halfway there, and at the end stops taking work and closes, saying why
 * with the cause code. A renewal in between keeps it admitted. Played against a fake broker on a real WebSocket.
 */
import { connectBroker, type BrokerLink, type LinkWorker } from '../../enclave-runtime/broker-link';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';
import { CHALLENGE, recordingLogger, scriptedWorker } from './broker-link-harness';

let broker: FakeBroker;
const links: BrokerLink[] = [];

beforeEach(async () => {
  broker = await startFakeBroker();
});
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
  await broker.close();
});

const FAILURE = 'GPU_OCSP_UNREACHABLE';

/** A worker whose first bundle succeeds and whose later ones fail with FAILURE while `failing` says so. */
function flakyWorker(state: { failing: boolean }): LinkWorker {
  let n = 0;
  return scriptedWorker({
    bundle: async (c) => {
      if (n++ > 0 && state.failing) throw Object.assign(new Error('collateral unavailable'), { code: FAILURE });
      return Uint8Array.from([0xb0, ...c]);
    },
    handle: async function* () {
      yield { frame: Uint8Array.from([1]) };
      yield { receipt: Uint8Array.from([1]), signature: Uint8Array.from([2]) };
    },
  });
}

async function admitFor(l: BrokerLink, ms: number): Promise<{ peer: Peer; until: number }> {
  const peer = await broker.nextPeer();
  await peer.next('hello');
  const admitted = l.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: CHALLENGE } });
  await peer.next('bundle');
  const until = Date.now() + ms;
  peer.send({ admission: { ok: true, workerId: 'w-1', validUntilMs: until, bundleDigest: new Uint8Array([9]) } });
  await admitted;
  return { peer, until };
}

describe('broker link: re-attestation failure while admitted', () => {
  test('keeps serving until the admission ends, asks again halfway, then stops with the cause code', async () => {
    const { logger, events } = recordingLogger();
    const l = connectBroker({
      url: broker.url,
      reconnect: { enabled: false },
      worker: flakyWorker({ failing: true }),
      logger,
    });
    links.push(l);
    const { peer } = await admitFor(l, 2400);

    peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(2) } });
    const soft = (await peer.next('error')).error!;
    expect(soft.code).toBe('WORKER_BUNDLE_FAILED');
    expect(soft.fatal).toBe(false);
    expect(soft.message).toContain(FAILURE);
    expect(l.state).toBe('admitted');
    expect(events).toContainEqual({ level: 'warn', event: 'link_reattest_failed' });

    // still serving on the current admission
    peer.send({ request: { requestId: 'r1', sealed: new Uint8Array(4) } });
    await peer.next('chunk');
    await peer.next('receipt');

    // halfway to the end it asks for another challenge; that attempt fails too
    await peer.next('challengeRequest');
    peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(3) } });
    expect((await peer.next('error')).error!.fatal).toBe(false);

    // at the end: a fatal error naming the cause, and the connection closes
    const hard = (await peer.next('error')).error!;
    expect(hard.fatal).toBe(true);
    expect(hard.message).toBe(`evidence expired (${FAILURE})`);
    await peer.untilClosed();
    expect(events).toContainEqual({ level: 'warn', event: 'link_evidence_expired' });
    expect(peer.frames.filter((f) => f.msg === 'bundle')).toEqual([]);
  });

  test('a renewal after the services recover keeps the worker admitted past the old end', async () => {
    const state = { failing: true };
    const l = connectBroker({ url: broker.url, reconnect: { enabled: false }, worker: flakyWorker(state) });
    links.push(l);
    const { peer, until } = await admitFor(l, 2400);
    peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(2) } });
    expect((await peer.next('error')).error!.fatal).toBe(false);

    state.failing = false;
    await peer.next('challengeRequest');
    peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(4) } });
    await peer.next('bundle');
    peer.send({
      admission: { ok: true, workerId: 'w-1', validUntilMs: Date.now() + 60_000, bundleDigest: new Uint8Array([8]) },
    });
    await new Promise((r) => setTimeout(r, until - Date.now() + 200));
    expect(peer.closed).toBe(false);
    expect(l.state).toBe('admitted');
  });

  test('a failure when the admission has already ended closes at once (fatal), as before admission', async () => {
    const l = connectBroker({ url: broker.url, reconnect: { enabled: false }, worker: flakyWorker({ failing: true }) });
    links.push(l);
    const { peer } = await admitFor(l, -1);
    peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(2) } });
    const e = (await peer.next('error')).error!;
    expect([e.code, e.fatal, e.message]).toEqual([
      'WORKER_BUNDLE_FAILED',
      true,
      `could not build an evidence bundle (${FAILURE})`,
    ]);
    await peer.untilClosed();
  });
});
