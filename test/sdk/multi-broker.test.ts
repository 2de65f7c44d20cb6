/**
 * MultiBrokerClient over TWO brokers on the real wire (FakeBroker HTTP servers with in-process workers doing real
 * sealing and receipts), each paid through its own channel: failover only before `accepted`, paid once; a broker that
 * is unreachable, answers garbage, stalls, lists a forged bundle or refuses this client is down with a typed reason
 * and an exponential back-off (an injected clock, no sleeps); all down -> SDK_NO_BROKER.
 */
import { Address } from '@ton/core';
import {
  MemoryVoucherStore,
  MultiBrokerClient,
  SdkError,
  voucherKey,
  type MultiBrokerClientOptions,
  type SdkErrorCode,
} from '../../sdk';
import { BrokerHealth, classify, reasonOf } from '../../sdk/broker-health';
import { CHANNEL, CLIENT_SEED, GLOBAL_ID, MODEL_HEX, makeTestWorker, tamperBundle, type FakeBroker } from './fixtures';
import { CHANNEL2, failure, payingOptions, startTwoBrokers, testMultiClient } from './test-client';

const CH1 = CHANNEL;
const CH2 = CHANNEL2;
const RAW1 = Address.parse(CH1).toRawString();
const RAW2 = Address.parse(CH2).toRawString();
const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'the quick brown fox' }] };

let b1: FakeBroker;
let b2: FakeBroker;
let store: MemoryVoucherStore;
let t: number;
beforeEach(async () => {
  [b1, b2] = await startTwoBrokers();
  store = new MemoryVoucherStore();
  t = 1_000_000;
});
afterEach(async () => {
  await b1.stop();
  await b2.stop();
});

function multi(extra: Partial<MultiBrokerClientOptions> = {}): MultiBrokerClient {
  return testMultiClient(b1, b2, { ...payingOptions(store), clock: () => t, random: () => 0, ...extra });
}

const state = (channel: string) => store.read(voucherKey(channel, GLOBAL_ID));
const byUrl = (c: MultiBrokerClient, url: string) => c.brokers().find((b) => b.url === url)!;

describe('choosing a broker', () => {
  it('sends to the broker with the lowest advertised load, on that broker its own channel', async () => {
    b1.workers[0]!.queueDepth = 3;
    const c = multi();
    const r = await c.chat(req);
    expect(r.receipt.channel).toBe(RAW2);
    expect(b2.log.requests).toHaveLength(1);
    expect(b1.log.requests).toHaveLength(0);
    expect(c.brokers().map((b) => b.state)).toEqual(['up', 'up']);
    expect(byUrl(c, b1.url).load).toBeGreaterThan(byUrl(c, b2.url).load!);
    const models = await c.models();
    expect(models).toEqual([expect.objectContaining({ id: 'tiny', modelId: MODEL_HEX, workers: 2 })]);
  });

  it('a model no broker serves: SDK_NO_WORKER (the brokers stay up)', async () => {
    const e = await failure(multi().chat({ ...req, model: 'f'.repeat(64) }));
    expect(e.code).toBe('SDK_NO_WORKER');
  });
});

describe('(a) failover before acceptance, paid once', () => {
  it('broker 1 refuses connections: served via broker 2, channel 1 untouched, channel 2 charged the receipt', async () => {
    await b1.stop();
    const c = multi();
    const r = await c.chat(req);
    expect(r.receipt.channel).toBe(RAW2);
    expect(await state(CH1)).toMatchObject({ vouchedNano: 0n, owedNano: 0n, reservedNano: 0n, seq: 0n });
    const s2 = await state(CH2);
    expect(s2.owedNano).toBe(r.receipt.amountNano);
    expect(b2.charged).toBe(r.receipt.amountNano);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'down', reason: { code: 'SDK_BROKER_UNREACHABLE' } });
  });

  it('a broker refusing this client (BROKER_UNKNOWN_CLIENT) is skipped with that reason', async () => {
    b2.workers[0]!.queueDepth = 5; // broker 1 is preferred
    b1.hostile = 'refuse:BROKER_UNKNOWN_CLIENT';
    const c = multi();
    const r = await c.chat(req);
    expect(r.receipt.channel).toBe(RAW2);
    expect(byUrl(c, b1.url)).toMatchObject({
      state: 'down',
      reason: { code: 'SDK_BROKER_ERROR', brokerCode: 'BROKER_UNKNOWN_CLIENT' },
    });
    expect(await state(CH1)).toMatchObject({ owedNano: 0n, reservedNano: 0n });
    expect(await store.pending(voucherKey(CH1, GLOBAL_ID))).toHaveLength(0);
  });
});

describe('(b) no failover after acceptance', () => {
  it('broker 1 dies after accepted: SDK_STREAM_TRUNCATED naming it, not resent, reservation kept', async () => {
    b2.workers[0]!.queueDepth = 5;
    b1.dieAfterAccepted = true;
    const c = multi();
    const e = await failure(c.chat(req));
    expect(e.code).toBe('SDK_STREAM_TRUNCATED');
    expect(e.details).toMatchObject({ broker: b1.url, requestId: 'r1', accepted: true });
    expect(e.retryable).toBe(false);
    expect(b2.log.requests).toHaveLength(0);
    const pending = await store.pending(voucherKey(CH1, GLOBAL_ID));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ requestId: 'r1' });
    expect((await state(CH2)).owedNano).toBe(0n);
  });
});

describe('(c) hostile brokers: typed reason, back-off respected, then tried again', () => {
  it.each([
    ['garbage', 'SDK_BROKER_RESPONSE_INVALID'],
    ['stall', 'SDK_TIMEOUT'],
  ] as const)('%s -> down with %s; not asked until the back-off expires', async (mode, code) => {
    b2.workers[0]!.queueDepth = 5;
    b1.hostile = mode;
    const c = multi({ brokerTimeoutMs: 300 });
    expect((await c.chat(req)).receipt.channel).toBe(RAW2);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'down', reason: { code }, downUntil: t + 2000, failures: 1 });
    const asked = b1.hits['GET /v1/workers'];

    t += 1999; // still backing off: broker 1 is not asked
    expect((await c.chat(req)).receipt.channel).toBe(RAW2);
    expect(b1.hits['GET /v1/workers']).toBe(asked);

    t += 1; // expired: asked again; still hostile, so the back-off doubles
    expect((await c.chat(req)).receipt.channel).toBe(RAW2);
    expect(b1.hits['GET /v1/workers']).toBe(asked! + 1);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'down', downUntil: t + 4000, failures: 2 });

    b1.hostile = undefined; // recovered: once the back-off expires it serves again and its state resets
    t += 4000;
    b2.workers[0]!.queueDepth = 9;
    expect((await c.chat(req)).receipt.channel).toBe(RAW1);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'up', failures: 0 });
  });

  it.each([
    ['garbage-submit', 'SDK_STREAM_CORRUPT'],
    ['stall-submit', 'SDK_TIMEOUT'],
  ] as const)('%s after a good listing -> down with %s, failed over, paid once', async (mode, code) => {
    b2.workers[0]!.queueDepth = 5;
    b1.hostile = mode;
    const c = multi({ brokerTimeoutMs: 300 });
    const r = await c.chat(req);
    expect(r.receipt.channel).toBe(RAW2);
    expect(b1.hits['POST /v1/requests']).toBeGreaterThanOrEqual(1);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'down', reason: { code } });
    expect(await state(CH1)).toMatchObject({ owedNano: 0n, reservedNano: 0n });
    expect(await store.pending(voucherKey(CH1, GLOBAL_ID))).toHaveLength(0);
    expect((await state(CH2)).owedNano).toBe(r.receipt.amountNano);
  });

  it('a broker listing a worker with a forged bundle is down (SDK_BUNDLE_INVALID); the worker is never used', async () => {
    const forged = await makeTestWorker();
    forged.bundle = tamperBundle(forged.bundle);
    b1.workers = [forged, ...b1.workers];
    const c = multi();
    expect((await c.chat(req)).receipt.channel).toBe(RAW2);
    expect(byUrl(c, b1.url)).toMatchObject({ state: 'down', reason: { code: 'SDK_BUNDLE_INVALID' } });
    expect(b1.log.requests).toHaveLength(0);
  });
});

describe('(d) every broker down', () => {
  it('SDK_NO_BROKER (retryable) with each broker reason; nothing contacted while backing off', async () => {
    await b1.stop();
    b2.hostile = 'garbage';
    const c = multi();
    const e = await failure(c.chat(req));
    expect(e.code).toBe('SDK_NO_BROKER');
    expect(e.retryable).toBe(true);
    expect(e.details?.brokers).toEqual([
      expect.objectContaining({
        url: b1.url,
        state: 'down',
        reason: expect.objectContaining({ code: 'SDK_BROKER_UNREACHABLE' }),
      }),
      expect.objectContaining({
        url: b2.url,
        state: 'down',
        reason: expect.objectContaining({ code: 'SDK_BROKER_RESPONSE_INVALID' }),
      }),
    ]);
    const hits = { ...b2.hits };
    expect((await failure(c.models())).code).toBe('SDK_NO_BROKER');
    expect(b2.hits).toEqual(hits);
  });
});

describe('broker list and accounts', () => {
  it('setBrokers: a removed broker gets no new request, an added one is used; syncAccounts reports per broker', async () => {
    const c = multi();
    const { removed } = c.setBrokers([{ url: b2.url, channel: CH2 }]);
    expect(removed).toEqual([b1.url]);
    expect(c.brokers().map((b) => b.url)).toEqual([b2.url]);
    await c.chat(req);
    expect(b1.hits['GET /v1/workers']).toBeUndefined();
    expect(
      c.setBrokers([
        { url: b2.url, channel: CH2 },
        { url: b1.url, channel: CH1 },
      ]).added,
    ).toEqual([b1.url]);
    await b1.stop();
    const res = await c.syncAccounts();
    expect(res.find((r) => r.url === b2.url)).toMatchObject({ ok: true });
    expect(res.find((r) => r.url === b1.url)).toMatchObject({ ok: false, error: { code: 'SDK_BROKER_UNREACHABLE' } });
  });

  it('refuses a malformed broker list and bad options (SDK_CONFIG_INVALID)', () => {
    expect(() => multi({ brokers: [{ url: '', channel: CH1 }] })).toThrow(SdkError);
    expect(() => multi({ brokerTimeoutMs: 0 })).toThrow(SdkError);
    expect(() => new MultiBrokerClient({ brokers: [], channelKey: CLIENT_SEED } as never)).toThrow(SdkError);
  });
});

describe('refusals that are not the broker being down', () => {
  it('a refusal of this request on every broker is thrown as it is; the brokers stay up', async () => {
    b1.hostile = 'refuse:BROKER_SOMETHING_ELSE';
    b2.hostile = 'refuse:BROKER_SOMETHING_ELSE';
    const c = multi();
    const e = await failure(c.chat(req));
    expect(e).toMatchObject({ code: 'SDK_BROKER_ERROR', details: { brokerCode: 'BROKER_SOMETHING_ELSE' } });
    expect(b1.hits['POST /v1/requests']).toBe(1);
    expect(b2.hits['POST /v1/requests']).toBe(1);
    expect(c.brokers().map((b) => b.state)).toEqual(['up', 'up']);
  });

  it('an invalid request is refused before any broker is asked', async () => {
    const e = await failure(multi().chat({ ...req, messages: [] }));
    expect(e.code).toBe('SDK_REQUEST_INVALID');
    expect(b1.hits).toEqual({});
  });
});

describe('broker health rules', () => {
  it('classifies errors: the broker fault and "not here" -> down, a refusal of the request -> next, usage -> fatal', () => {
    const err = (code: SdkErrorCode, details?: Record<string, unknown>) =>
      new SdkError(code, 'x', details ? { details } : {});
    expect(classify(new Error('boom'))).toBe('down');
    expect(classify(err('SDK_BROKER_UNREACHABLE'))).toBe('down');
    expect(classify(err('SDK_BROKER_ERROR', { status: 502, brokerCode: '' }))).toBe('down');
    expect(classify(err('SDK_BROKER_ERROR', { status: 402, brokerCode: 'BROKER_UNFUNDED' }))).toBe('down');
    expect(classify(err('SDK_BROKER_ERROR', { status: 409, brokerCode: 'VOUCHER_STALE_SEQ' }))).toBe('next');
    expect(classify(err('SDK_RATE_LIMITED'))).toBe('next');
    expect(classify(err('SDK_REQUEST_INVALID'))).toBe('fatal');
    expect(reasonOf(new Error('boom'))).toEqual({ code: 'SDK_BROKER_ERROR', message: 'boom' });
  });

  it('backs off 2 s doubling to at most 60 s; a success resets it', () => {
    const h = new BrokerHealth();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      h.markDown(new Error('x'), 0);
      waits.push(h.downUntil);
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(h.usable(59_999)).toBe(false);
    expect(h.usable(60_000)).toBe(true);
    h.markUp();
    expect(h.status('u', 'c', 0)).toEqual({ url: 'u', channel: 'c', state: 'up', failures: 0 });
  });

  it('setRegistry follows a newer snapshot on every broker (verify only); recoverReceipts runs per broker', async () => {
    const registry = { version: 1, imageIds: [], platformIds: [], modelIds: [] };
    const c = multi({ bundleVerifier: undefined, verify: { registry } } as never);
    expect(c.registryVersion).toBe(1);
    expect(c.setRegistry({ ...registry })).toBe(false);
    expect(c.setRegistry({ ...registry, version: 2 })).toBe(true);
    expect(c.clients().map((x) => x.client.registryVersion)).toEqual([2, 2]);
    c.setBrokers([{ url: 'http://127.0.0.1:9', channel: CH1 }]);
    expect(c.clients()[0]!.client.registryVersion).toBe(2);
    expect(() => multi().setRegistry({ ...registry, version: 3 })).toThrow(SdkError);
    expect(await multi().recoverReceipts()).toHaveLength(2);
  });
});
