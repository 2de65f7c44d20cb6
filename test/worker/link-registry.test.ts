/**
 * A worker following the Registry's brokers: endpoint -> worker URL, refused endpoints logged with a typed code, a
 * re-read that adds a broker dials it and one that removes a broker drains and closes its link (the others are not
 * touched), an unreadable registry keeps the links; and the config fields and flags that turn it on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromSeed } from '@ton/crypto';
import { resolveWorkerSettings } from '../../cli/worker-config';
import { startWorkerLinks } from '../../cli/worker-links';
import { walletV4Address } from '../../contracts/chain';
import type { ChainClient } from '../../contracts/chain/types';
import { followRegistryBrokers, workerUrlFromEndpoint } from '../../enclave-runtime/link-registry';
import { BrokerLinks } from '../../enclave-runtime/link-set';
import type { Payouts } from '../../enclave-runtime/payouts';
import { recordingLogger, scriptedWorker, until } from './broker-link-harness';
import { startFakeBroker, type FakeBroker } from './fake-broker';

const PAYOUT = walletV4Address(keyPairFromSeed(Buffer.alloc(32, 7)).publicKey).toString();
const REGISTRY = walletV4Address(keyPairFromSeed(Buffer.alloc(32, 9)).publicKey).toString();
const httpOf = (wsUrl: string): string => wsUrl.replace(/^ws:/, 'http:').replace(/\/v1\/worker$/, '');

describe('registry broker endpoint -> worker URL', () => {
  test.each([
    ['http://127.0.0.1:8080', 'ws://127.0.0.1:8080/v1/worker'],
    ['http://127.0.0.1:8080/', 'ws://127.0.0.1:8080/v1/worker'],
    ['https://broker.example', 'wss://broker.example/v1/worker'],
    ['https://broker.example/chrysalis/?x=1#f', 'wss://broker.example/chrysalis/v1/worker'],
  ])('%s -> %s', (endpoint, url) => {
    expect(workerUrlFromEndpoint(endpoint)).toEqual({ url });
  });
  test.each(['ws://b.example', 'ftp://b.example', 'not a url', '', 'https://u:p@b.example'])(
    '%j is refused with WORKER_BROKER_ENDPOINT_INVALID',
    (endpoint) => {
      expect(workerUrlFromEndpoint(endpoint)).toMatchObject({ code: 'WORKER_BROKER_ENDPOINT_INVALID' });
    },
  );
});

describe('following the registry', () => {
  test('explicit + valid registry brokers are applied; a bad endpoint is logged once; an unreadable registry keeps the links', async () => {
    const { logger, events } = recordingLogger();
    const applied: (readonly string[])[] = [];
    let list: { endpoint: string }[] | Error = [{ endpoint: 'http://b1:1' }, { endpoint: 'tcp://bad' }];
    const f = followRegistryBrokers({
      read: async () => {
        if (list instanceof Error) throw list;
        return { brokers: list };
      },
      explicit: ['ws://explicit/v1/worker', 'ws://b1:1/v1/worker'],
      apply: async (urls) => {
        applied.push(urls);
      },
      refreshMs: 0,
      logger,
    });
    expect(await f.refresh()).toEqual(['ws://explicit/v1/worker', 'ws://b1:1/v1/worker']);
    await f.refresh();
    expect(events.filter((e) => e.event === 'worker_registry_endpoint_refused')).toHaveLength(1);
    list = Object.assign(new Error('down'), { code: 'CHAIN_UNAVAILABLE' });
    expect(await f.refresh()).toBeUndefined();
    expect(applied).toHaveLength(2); // the failed read applied nothing
    expect(events.some((e) => e.event === 'worker_registry_unreadable' && e.level === 'warn')).toBe(true);
    list = [{ endpoint: 'https://b2' }];
    expect(await f.refresh()).toEqual(['ws://explicit/v1/worker', 'ws://b1:1/v1/worker', 'wss://b2/v1/worker']);
    f.stop();
  });

  test('concurrent refreshes share one read; the timer re-reads', async () => {
    let reads = 0;
    const f = followRegistryBrokers({
      read: async () => {
        reads++;
        return { brokers: [] };
      },
      explicit: [],
      apply: async () => undefined,
      refreshMs: 10,
    });
    await Promise.all([f.refresh(), f.refresh()]);
    expect(reads).toBe(1);
    await until(() => reads >= 2, 'a timed re-read');
    f.stop();
  });
});

describe('broker links follow the list', () => {
  let a: FakeBroker;
  let b: FakeBroker;
  beforeEach(async () => {
    [a, b] = await Promise.all([startFakeBroker(), startFakeBroker()]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  test('startWorkerLinks dials explicit and registry brokers; a broker removed from the registry is drained and closed, the other kept', async () => {
    let brokers = [{ endpoint: httpOf(a.url) }];
    const chain = { readRegistry: async () => ({ brokers }) } as unknown as ChainClient;
    const w = resolveWorkerSettings(
      {
        broker: [b.url],
        'brokers-from-registry': true,
        'registry-address': REGISTRY,
        network: 'devnet',
        'chain-api': ['http://127.0.0.1:1'],
        'data-dir': '/tmp',
        'broker-fee-bps': '0',
        'max-concurrency': '3',
        tiny: '/tmp/tiny',
        'prompt-price-nano': '1',
        'completion-price-nano': '1',
        'payout-address': PAYOUT,
      },
      {},
    );
    const forBroker: string[] = [];
    const payouts = {
      forBroker: (url: string) => {
        forBroker.push(url);
        return { refusal: () => undefined, onReceipt: () => undefined, onVoucher: () => Promise.reject(new Error()) };
      },
    } as unknown as Payouts;
    const wl = await startWorkerLinks(w, scriptedWorker(), {
      payouts,
      logger: recordingLogger().logger,
      chain,
      refreshMs: 0,
      link: { reconnect: { enabled: false } },
    });
    try {
      expect(wl.links.urls.sort()).toEqual([a.url, b.url].sort());
      expect(wl.links.budget.limit).toBe(3);
      expect(forBroker.sort()).toEqual([a.url, b.url].sort()); // each broker its own payouts
      const [pa, pb] = await Promise.all([a.nextPeer(), b.nextPeer()]);
      expect((await pa.next('hello')).hello!.maxConcurrency).toBe(3);
      expect((await pb.next('hello')).hello!.payoutAddress).toBe(PAYOUT);
      brokers = [];
      await wl.registry!.refresh();
      expect((await pa.next('drain')).drain!.reason).toContain('shutting down');
      await pa.untilClosed();
      expect(wl.links.urls).toEqual([b.url]);
      expect(pb.closed).toBe(false);
      brokers = [{ endpoint: httpOf(a.url) }];
      await wl.registry!.refresh();
      const again = await a.nextPeer();
      await again.next('hello');
      expect(wl.links.urls.sort()).toEqual([a.url, b.url].sort());
    } finally {
      await wl.drain(50);
    }
    // After drain no link opens again, even from a late registry read.
    const links = new BrokerLinks({ worker: scriptedWorker(), maxConcurrency: 1 });
    await links.drain();
    await links.set([a.url]);
    expect(links.urls).toEqual([]);
  });
});

test('startWorkerLinks without brokersFromRegistry: only the explicit brokers, no registry follower', async () => {
  const w = resolveWorkerSettings(
    {
      broker: ['ws://127.0.0.1:9/v1/worker'],
      tiny: '/tmp/tiny',
      'prompt-price-nano': '1',
      'completion-price-nano': '1',
      'payout-address': PAYOUT,
    },
    {},
  );
  const wl = await startWorkerLinks(w, scriptedWorker(), { link: { reconnect: { enabled: false } } });
  expect(wl.registry).toBeUndefined();
  expect(wl.links.urls).toEqual(['ws://127.0.0.1:9/v1/worker']);
  expect(wl.links.budget.limit).toBe(8);
  await wl.drain(10);
  expect(wl.links.urls).toEqual([]);
});

describe('worker config: brokersFromRegistry and maxConcurrency', () => {
  const base = {
    tiny: '/tmp/tiny',
    'prompt-price-nano': '1',
    'completion-price-nano': '1',
    'payout-address': PAYOUT,
  };
  const usage = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  test('defaults: no registry brokers, maxConcurrency 8', () => {
    const w = resolveWorkerSettings(base, {});
    expect(w.brokersFromRegistry).toBeUndefined();
    expect(w.maxConcurrency).toBe(8);
  });
  test('--brokers-from-registry needs --registry-address; --max-concurrency 0 is refused', () => {
    expect(usage(() => resolveWorkerSettings({ ...base, 'brokers-from-registry': true }, {}))).toContain(
      '--registry-address (payments.registry) is required with --brokers-from-registry',
    );
    expect(usage(() => resolveWorkerSettings({ ...base, 'max-concurrency': '0' }, {}))).toContain('--max-concurrency');
    expect(usage(() => resolveWorkerSettings({ ...base, 'max-concurrency': '257' }, {}))).toContain('0..256');
  });
  test('the file takes a boolean (or "true"/"false"); anything else names the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-wl-'));
    let n = 0;
    const file = (doc: object): string => {
      const f = join(dir, `w-${++n}.json`);
      writeFileSync(f, JSON.stringify(doc));
      return f;
    };
    const pay = { network: 'devnet', chain: { endpoints: ['http://127.0.0.1:1'] }, registry: REGISTRY };
    const w = resolveWorkerSettings(
      { ...base, config: file({ brokersFromRegistry: true, maxConcurrency: 16, dataDir: dir, payments: pay }) },
      {},
    );
    expect(w.brokersFromRegistry).toBe(true);
    expect(w.maxConcurrency).toBe(16);
    expect(
      resolveWorkerSettings({ ...base, config: file({ brokersFromRegistry: 'false' }) }, {}).brokersFromRegistry,
    ).toBe(false);
    expect(usage(() => resolveWorkerSettings({ ...base, config: file({ brokersFromRegistry: 1 }) }, {}))).toContain(
      'config: brokersFromRegistry: expected true or false',
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
