/**
 * Spreading ties: workers equally good on load and prices are taken in random order (an injected `random`), so the
 * traffic and the GPU owners' pay spread over them; a better worker always comes first.
 */
import { FakeBroker, makeTestWorker } from './fixtures';
import { testClient } from './test-client';
import { fromUtf8 } from '../../sdk/bytes';
import { chooseWorker, compareListings, filterListings, resolveModelId } from '../../sdk/select';
import { encodeChatRequest } from '../../sdk/response-format';
import type { AttestedWorker, WorkerListing } from '../../sdk/types';

const MODEL = 'aa'.repeat(32);
const CAP = { promptNano: 10n, completionNano: 10n };
const listing = (workerId: string, over: Partial<WorkerListing> = {}): WorkerListing => ({
  workerId,
  model: 'tiny',
  modelId: MODEL,
  prices: { promptNano: 10n, completionNano: 10n },
  load: 0,
  bundle: Uint8Array.of(1),
  ...over,
});
/** A seeded generator (mulberry32): the same seed gives the same choices. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ids = (ls: readonly WorkerListing[]): string[] => ls.map((l) => l.workerId);

describe('worker selection spreads ties', () => {
  const equal = ['w0', 'w1', 'w2', 'w3'].map((id) => listing(id));

  it('every equally good worker comes first for some draw, each about as often', () => {
    const random = seeded(42);
    const firsts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const first = filterListings(equal, MODEL, CAP, random)[0]!.workerId;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect([...firsts.keys()].sort()).toEqual(['w0', 'w1', 'w2', 'w3']);
    for (const n of firsts.values()) expect(n).toBeGreaterThan(800); // 1000 expected each
  });

  it('is deterministic given random; the draw picks the order', () => {
    expect(ids(filterListings(equal, MODEL, CAP, seeded(7)))).toEqual(
      ids(filterListings(equal, MODEL, CAP, seeded(7))),
    );
    expect(ids(filterListings(equal, MODEL, CAP, () => 0))).toEqual(['w1', 'w2', 'w3', 'w0']);
    expect(ids(filterListings(equal, MODEL, CAP, () => 0.9999))).toEqual(['w0', 'w1', 'w2', 'w3']);
    // The input order does not matter: ties are sorted by id before they are spread.
    expect(ids(filterListings([...equal].reverse(), MODEL, CAP, () => 0.9999))).toEqual(['w0', 'w1', 'w2', 'w3']);
  });

  it('never lets a worse worker ahead of a better one: ties are spread within their rank only', () => {
    const ls = [
      listing('busy', { load: 0.5 }),
      listing('cheap-b', { prices: { promptNano: 5n, completionNano: 10n } }),
      listing('cheap-a', { prices: { promptNano: 5n, completionNano: 10n } }),
      listing('x'),
      listing('y'),
      listing('over-cap', { prices: { promptNano: 11n, completionNano: 1n } }),
    ];
    const random = seeded(3);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const order = ids(filterListings(ls, MODEL, CAP, random));
      expect(order.slice(0, 2).sort()).toEqual(['cheap-a', 'cheap-b']);
      expect(order.slice(2, 4).sort()).toEqual(['x', 'y']);
      expect(order[4]).toBe('busy');
      expect(order).toHaveLength(5);
      seen.add(order.join(','));
    }
    expect(seen.size).toBe(4); // both ties came out both ways
  });

  it('chooseWorker picks among the equally best only', () => {
    const cands = [listing('a'), listing('b'), listing('c', { load: 1 })].map((l) => ({
      listing: l,
      worker: {} as AttestedWorker,
    }));
    expect(chooseWorker(cands, () => 0)?.listing.workerId).toBe('b');
    expect(chooseWorker(cands, () => 0.9999)?.listing.workerId).toBe('a');
    const random = seeded(9);
    const picked = new Set<string>();
    for (let i = 0; i < 100; i++) picked.add(chooseWorker(cands, random)!.listing.workerId);
    expect([...picked].sort()).toEqual(['a', 'b']);
    expect(chooseWorker([])).toBeUndefined();
  });
});

describe('ChrysalisClient spreads requests over equally good workers', () => {
  let broker: FakeBroker;
  beforeEach(async () => {
    broker = await new FakeBroker().start();
  });
  afterEach(async () => {
    await broker.stop();
  });

  it('sends requests to each of two equal workers as the injected random draws (not always the lowest id)', async () => {
    const [a, b] = [await makeTestWorker(), await makeTestWorker()];
    broker.workers = [a!, b!];
    const [low, high] = [a!.workerId, b!.workerId].sort();
    const draws = [0.9999, 0, 0.9999, 0]; // keep id order, swap, keep, swap
    const c = testClient(broker, { random: () => draws.shift() ?? 0 });
    const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'hi' }] };
    const served: string[] = [];
    for (let i = 0; i < 4; i++) served.push((await c.chat(req)).worker.workerId);
    expect(served).toEqual([low, high, low, high]);
  });
});

describe('worker selection', () => {
  const listing = (workerId: string, over: Partial<WorkerListing> = {}): WorkerListing => ({
    workerId,
    model: 'tiny',
    modelId: 'aa'.repeat(32),
    prices: { promptNano: 10n, completionNano: 10n },
    load: 0,
    bundle: Uint8Array.of(1),
    ...over,
  });

  it('resolves aliases, hex ids and listed names', () => {
    const ls = [listing('w1')];
    expect(resolveModelId('fast', ls, { fast: 'BB'.repeat(32) })).toBe('bb'.repeat(32));
    expect(resolveModelId(`0x${'CC'.repeat(32)}`, ls)).toBe('cc'.repeat(32));
    expect(resolveModelId('tiny', ls)).toBe('aa'.repeat(32));
    expect(resolveModelId('unknown', ls)).toBeUndefined();
  });

  it('orders by load, then price (ties: see select.test.ts); filters price, model and empty bundles', () => {
    const keep = (): number => 0.9999; // leaves every tie in worker-id order
    const ls = [
      listing('w3', { prices: { promptNano: 5n, completionNano: 10n } }),
      listing('w2'),
      listing('w1'),
      listing('w0', { load: 0.5 }),
      listing('w9', { prices: { promptNano: 5n, completionNano: 11n } }),
      listing('w8', { bundle: new Uint8Array(0) }),
      listing('w7', { modelId: 'bb'.repeat(32) }),
    ];
    expect(
      filterListings(ls, 'aa'.repeat(32), { promptNano: 10n, completionNano: 10n }, keep).map((l) => l.workerId),
    ).toEqual(['w3', 'w1', 'w2', 'w0']);
    expect(compareListings(listing('a'), listing('a'))).toBe(0);
    const best = chooseWorker(ls.slice(0, 3).map((l) => ({ listing: l, worker: {} as AttestedWorker })));
    expect(best?.listing.workerId).toBe('w3');
    expect(chooseWorker([])).toBeUndefined();
  });

  it('encodes optional chat parameters only when set', () => {
    const msg = [{ role: 'user', content: 'hi' }] as const;
    const full = JSON.parse(
      fromUtf8(
        encodeChatRequest({
          model: 'm',
          messages: [...msg],
          max_tokens: 5,
          temperature: 0.5,
          top_p: 0.9,
          stop: ['x'],
          seed: 3,
        }),
      ),
    ) as Record<string, unknown>;
    expect(full).toEqual({
      model: 'm',
      messages: [...msg],
      max_tokens: 5,
      temperature: 0.5,
      top_p: 0.9,
      stop: ['x'],
      seed: 3,
    });
    expect(Object.keys(JSON.parse(fromUtf8(encodeChatRequest({ model: 'm', messages: [...msg] }))))).toEqual([
      'model',
      'messages',
    ]);
    // The reservation travels sealed, as a decimal string.
    expect(
      JSON.parse(fromUtf8(encodeChatRequest({ model: 'm', messages: [...msg] }, { maxCostNano: 2n ** 70n }))),
    ).toMatchObject({ max_cost_nano: (2n ** 70n).toString() });
  });
});
