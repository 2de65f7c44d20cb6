/**
 * One worker, two brokers (fake brokers on the real wire protocol): the worker's maxConcurrency is one budget over
 * both links (the request past it is refused with WORKER_BUSY, nothing charged), heartbeats report the worker's load
 * over both, and a broker that dies mid-request leaves the other broker's requests, in flight and new, served.
 */
import type { LinkWorker } from '../../enclave-runtime/broker-link';
import { createLinkBudget } from '../../enclave-runtime/link-budget';
import { BrokerLinks } from '../../enclave-runtime/link-set';
import type { BrokerPayouts } from '../../enclave-runtime/payouts/payouts';
import { admit, scriptedWorker, until } from './broker-link-harness';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';

/** A worker whose requests run until the test releases them (or their signal aborts). */
function heldWorker(): LinkWorker & { release(id: string): void; started: string[]; aborted: string[] } {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  const aborted: string[] = [];
  const w = scriptedWorker({
    handle: async function* (_sealed, meta) {
      started.push(meta.requestId);
      await new Promise<void>((resolve, reject) => {
        gates.set(meta.requestId, resolve);
        meta.signal?.addEventListener('abort', () => {
          aborted.push(meta.requestId);
          reject(Object.assign(new Error('aborted'), { code: 'ENGINE_ABORTED' }));
        });
      });
      yield { frame: Uint8Array.from([1, 2, 3]) };
      yield { receipt: Uint8Array.from([7]), signature: Uint8Array.from([8]) };
    },
  });
  return Object.assign(w, { started, aborted, release: (id: string) => gates.get(id)?.() });
}

/** Per-broker payouts that record what was charged. */
function recordingPayouts(): { payoutsFor: (url: string) => BrokerPayouts; charged: Map<string, bigint[]> } {
  const charged = new Map<string, bigint[]>();
  return {
    charged,
    payoutsFor: (url) => ({
      refusal: () => undefined,
      onReceipt: (n) => charged.set(url, [...(charged.get(url) ?? []), n]),
      onVoucher: () => Promise.reject(new Error('unused')),
    }),
  };
}

const request = (peer: Peer, requestId: string): void =>
  peer.send({ request: { requestId, sealed: Uint8Array.from([0xaa]), channel: 'ch', seq: 1, maxCostNano: 10 } });

let a: FakeBroker;
let b: FakeBroker;
let links: BrokerLinks;
beforeEach(async () => {
  [a, b] = await Promise.all([startFakeBroker(), startFakeBroker()]);
});
afterEach(async () => {
  await links.drain(50);
  await Promise.all([a.close(), b.close()]);
});

async function start(maxConcurrency: number, worker: LinkWorker, payoutsFor?: (url: string) => BrokerPayouts) {
  links = new BrokerLinks({
    worker,
    maxConcurrency,
    ...(payoutsFor ? { payoutsFor } : {}),
    link: { reconnect: { enabled: false } },
  });
  await links.set([a.url, b.url]);
  const pa = await admit(a, links.get(a.url)!);
  const pb = await admit(b, links.get(b.url)!);
  return { pa, pb };
}

describe('worker with two brokers: one concurrency budget', () => {
  test('the (N+1)-th concurrent request over both links is refused with WORKER_BUSY and nothing is charged', async () => {
    const w = heldWorker();
    const pay = recordingPayouts();
    links = new BrokerLinks({
      worker: w,
      maxConcurrency: 2,
      payoutsFor: pay.payoutsFor,
      link: { reconnect: { enabled: false } },
    });
    await links.set([a.url, b.url]);
    const [ha, hb] = await Promise.all([a.nextPeer(), b.nextPeer()]);
    // Each broker is told the worker's whole budget in Hello.
    expect((await ha.next('hello')).hello!.maxConcurrency).toBe(2);
    expect((await hb.next('hello')).hello!.maxConcurrency).toBe(2);
    for (const [peer, url] of [
      [ha, a.url],
      [hb, b.url],
    ] as const) {
      const admitted = links.get(url)!.admitted();
      peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(1) } });
      await peer.next('bundle');
      peer.send({ admission: { ok: true, workerId: 'w', validUntilMs: 1, bundleDigest: new Uint8Array([1]) } });
      await admitted;
    }
    request(ha, 'a-1');
    request(hb, 'b-1');
    await until(() => w.started.length === 2, 'two requests running');
    expect(links.budget.inUse).toBe(2);
    request(hb, 'b-2');
    const refused = (await hb.next('failed')).failed!;
    expect(refused.requestId).toBe('b-2');
    expect(refused.code).toBe('WORKER_BUSY');
    request(ha, 'a-2');
    expect((await ha.next('failed')).failed!.code).toBe('WORKER_BUSY');
    expect([...w.started].sort()).toEqual(['a-1', 'b-1']); // the refused ones never reached the engine
    // Heartbeats report the worker's load over both links.
    hb.send({ heartbeat: { seq: 1, sentAtMs: 1, reply: true } });
    expect((await hb.next('heartbeat')).heartbeat!.inFlight).toBe(2);
    // A slot freed on one link serves the other broker's next request.
    w.release('a-1');
    expect((await ha.next('receipt')).receipt!.requestId).toBe('a-1');
    await until(() => links.budget.inUse === 1, 'a slot freed');
    request(hb, 'b-3');
    await until(() => w.started.includes('b-3'), 'b-3 running');
    w.release('b-1');
    w.release('b-3');
    expect((await hb.next('receipt')).receipt!.requestId).toBe('b-1');
    expect((await hb.next('receipt')).receipt!.requestId).toBe('b-3');
    await until(() => links.budget.inUse === 0, 'all slots free');
    // Charged: one receipt on A, two on B; nothing for the refused requests.
    expect(pay.charged.get(a.url)?.length).toBe(1);
    expect(pay.charged.get(b.url)?.length).toBe(2);
    const refusedIds = new Set(['a-2', 'b-2']);
    const servedRefused = [...ha.frames, ...hb.frames].filter(
      (f) => refusedIds.has(f.chunk?.requestId ?? '') || refusedIds.has(f.receipt?.requestId ?? ''),
    );
    expect(servedRefused).toEqual([]);
  });

  test('losing one broker mid-request: the other broker keeps its request in flight and gets new ones served', async () => {
    const w = heldWorker();
    const { pa, pb } = await start(2, w);
    request(pa, 'a-1');
    request(pb, 'b-1');
    await until(() => w.started.length === 2, 'both running');
    await a.close(); // broker A dies: its connection drops mid-request
    await until(() => w.aborted.includes('a-1'), "A's request aborted");
    await until(() => links.budget.inUse === 1, "A's slot freed");
    expect(links.get(b.url)!.state).toBe('admitted');
    // B's in-flight request finishes normally.
    w.release('b-1');
    expect((await pb.next('chunk')).chunk!.requestId).toBe('b-1');
    expect((await pb.next('receipt')).receipt!.requestId).toBe('b-1');
    // And B's new requests use the whole budget, A's slot included.
    request(pb, 'b-2');
    request(pb, 'b-3');
    await until(() => w.started.includes('b-2') && w.started.includes('b-3'), 'b-2 and b-3 running');
    w.release('b-2');
    w.release('b-3');
    const done = [(await pb.next('receipt')).receipt!.requestId, (await pb.next('receipt')).receipt!.requestId];
    expect(done.sort()).toEqual(['b-2', 'b-3']);
    expect(pb.frames.filter((f) => f.msg === 'failed')).toEqual([]);
  });
});

describe('link budget', () => {
  test('limit, acquire up to it, release never below zero; a bad limit is refused', () => {
    const bud = createLinkBudget(1);
    expect(bud.tryAcquire()).toBe(true);
    expect(bud.tryAcquire()).toBe(false);
    expect(bud.inUse).toBe(1);
    bud.release();
    bud.release();
    expect(bud.inUse).toBe(0);
    expect(() => createLinkBudget(0)).toThrow(RangeError);
    expect(() => createLinkBudget(1.5)).toThrow(RangeError);
  });
});
