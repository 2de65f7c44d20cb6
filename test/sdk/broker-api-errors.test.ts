/**
 * The SDK's HTTP broker client against scripted responses (an injected fetch): transport failures, error bodies in
 * both shapes, rate limiting, malformed accounts and worker lists, and out-of-range amounts; then ChrysalisClient's
 * configuration and request checks, and syncAccount.
 */
import { chrysalis } from '../../proto/generated/chrysalis';
import { ChrysalisClient, HttpBrokerApi, SdkError, type BrokerApi, type FetchLike } from '../../sdk';

const KEY = 'ab'.repeat(32);

async function failure(p: Promise<unknown> | (() => unknown)): Promise<SdkError> {
  try {
    if (typeof p === 'function') p();
    else await p;
  } catch (e) {
    if (e instanceof SdkError) return e;
    throw e;
  }
  throw new Error('expected an SdkError');
}

function api(respond: (url: string, init?: RequestInit) => Response | Promise<Response>): {
  api: HttpBrokerApi;
  urls: string[];
} {
  const urls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    urls.push(url);
    return respond(url, init);
  };
  return { api: new HttpBrokerApi('http://broker.test:8080/', { fetch }), urls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('HttpBrokerApi', () => {
  test('configuration: a URL that does not parse, a non-http scheme, no fetch at all', async () => {
    expect((await failure(() => new HttpBrokerApi('not a url'))).code).toBe('SDK_CONFIG_INVALID');
    expect((await failure(() => new HttpBrokerApi('ws://broker.test'))).code).toBe('SDK_CONFIG_INVALID');
    const saved = globalThis.fetch;
    (globalThis as { fetch?: unknown }).fetch = undefined;
    try {
      expect((await failure(() => new HttpBrokerApi('https://broker.test'))).code).toBe('SDK_CONFIG_INVALID');
    } finally {
      globalThis.fetch = saved;
    }
  });

  test('transport failure: SDK_BROKER_UNREACHABLE (retryable); after an abort: SDK_ABORTED', async () => {
    const { api: a } = api(() => Promise.reject(new TypeError('fetch failed')));
    const e = await failure(a.getAccount(KEY, 'auth'));
    expect([e.code, e.retryable]).toEqual(['SDK_BROKER_UNREACHABLE', true]);
    const ctl = new AbortController();
    ctl.abort();
    expect((await failure(a.getAccount(KEY, 'auth', ctl.signal))).code).toBe('SDK_ABORTED');
  });

  test.each<[string, Response, { status: number; brokerCode: string }, boolean]>([
    [
      'a flat {code, message} 404',
      json(404, { code: 'BROKER_UNKNOWN_CLIENT', message: 'no' }),
      { status: 404, brokerCode: 'BROKER_UNKNOWN_CLIENT' },
      false,
    ],
    [
      'a nested {error: {code}} 503',
      json(503, { error: { code: 'BROKER_DRAINING', message: 'later' } }),
      { status: 503, brokerCode: 'BROKER_DRAINING' },
      true,
    ],
    [
      'a non-JSON 502',
      new Response('<html>bad gateway</html>', { status: 502 }),
      { status: 502, brokerCode: '' },
      true,
    ],
    ['a JSON body with a numeric code', json(400, { code: 400, message: 7 }), { status: 400, brokerCode: '' }, false],
  ])('%s: SDK_BROKER_ERROR with the status and broker code', async (_name, res, details, retryable) => {
    const e = await failure(api(() => res).api.getAccount(KEY, 'auth'));
    expect(e.code).toBe('SDK_BROKER_ERROR');
    expect(e.details).toEqual(details);
    expect(e.retryable).toBe(retryable);
  });

  test('429: SDK_RATE_LIMITED with Retry-After when it is a number', async () => {
    const e = await failure(
      api(() =>
        json(429, { code: 'BROKER_RATE_LIMITED', message: 'slow down' }, { 'retry-after': '7' }),
      ).api.getAccount(KEY, 'auth'),
    );
    expect([e.code, e.message, e.retryable]).toEqual(['SDK_RATE_LIMITED', 'slow down', true]);
    expect(e.details).toMatchObject({ status: 429, brokerCode: 'BROKER_RATE_LIMITED', retryAfterS: 7 });
    const e2 = await failure(api(() => json(429, '', { 'retry-after': 'soon' })).api.getAccount(KEY, 'auth'));
    expect(e2.code).toBe('SDK_RATE_LIMITED');
    expect((e2.details as { retryAfterS?: number }).retryAfterS).toBeUndefined();
  });

  test('getAccount: amounts as numbers or decimal strings; a missing channel reads as empty', async () => {
    const { api: a, urls } = api(() =>
      json(200, { depositNano: 100, chargedNano: '40', vouchedNano: 0, availableNano: '60' }),
    );
    expect(await a.getAccount(KEY, 'auth')).toEqual({
      channel: '',
      depositNano: 100n,
      chargedNano: 40n,
      vouchedNano: 0n,
      availableNano: 60n,
      voucher: null,
    });
    expect(urls).toEqual([`http://broker.test:8080/v1/accounts/${KEY}`]);
  });

  test.each<[string, unknown]>([
    ['not JSON', 'deposit: 5'],
    ['a negative amount', { channel: 'c', depositNano: -1, chargedNano: 0, vouchedNano: 0, availableNano: 0 }],
    ['a fractional amount', { channel: 'c', depositNano: 1.5, chargedNano: 0, vouchedNano: 0, availableNano: 0 }],
    ['a non-decimal string', { channel: 'c', depositNano: '0x10', chargedNano: 0, vouchedNano: 0, availableNano: 0 }],
    ['a missing amount', { channel: 'c', depositNano: 1, chargedNano: 0, vouchedNano: 0 }],
  ])('getAccount with %s: SDK_BROKER_RESPONSE_INVALID', async (_name, body) => {
    expect((await failure(api(() => json(200, body)).api.getAccount(KEY, 'auth'))).code).toBe(
      'SDK_BROKER_RESPONSE_INVALID',
    );
  });

  test('getAccount refuses a key that is not 64 lower-case hex digits before any request', async () => {
    const { api: a, urls } = api(() => json(200, {}));
    expect((await failure(a.getAccount(KEY.toUpperCase(), 'auth'))).code).toBe('SDK_REQUEST_INVALID');
    expect(urls).toEqual([]);
  });

  test('listWorkers: the model filter in the query, load from queue depth, keys only when present', async () => {
    const list = chrysalis.v1.WorkerList.encode(
      chrysalis.v1.WorkerList.create({
        workers: [
          {
            workerId: 'w1',
            modelId: new Uint8Array(32).fill(1),
            promptPriceNano: 12,
            completionPriceNano: 13,
            bundle: new Uint8Array([1]),
            queueDepth: 3,
            maxConcurrency: 4,
            hpkePublicKey: new Uint8Array(32).fill(2),
            signingPublicKey: new Uint8Array(32).fill(3),
          },
          { workerId: 'w2', queueDepth: 2 },
        ],
      }),
    ).finish();
    const { api: a, urls } = api(() => new Response(list, { status: 200 }));
    const ws = await a.listWorkers({ modelId: 'tiny model' });
    expect(urls).toEqual(['http://broker.test:8080/v1/workers?model=tiny%20model']);
    expect(ws[0]).toMatchObject({
      workerId: 'w1',
      model: '01'.repeat(32),
      prices: { promptNano: 12n, completionNano: 13n },
      load: 0.75,
    });
    expect(ws[0]!.hpkePublicKey).toHaveLength(32);
    expect(ws[1]).toMatchObject({
      workerId: 'w2',
      model: '',
      modelId: '',
      prices: { promptNano: 0n, completionNano: 0n },
      load: 2,
    });
    expect('hpkePublicKey' in ws[1]!).toBe(false);
    expect('signingPublicKey' in ws[1]!).toBe(false);
    await a.listWorkers();
    expect(urls[1]).toBe('http://broker.test:8080/v1/workers');
  });

  test('listWorkers with a body that is not a WorkerList: SDK_BROKER_RESPONSE_INVALID', async () => {
    const { api: a } = api(() => new Response(new Uint8Array([0x0a, 0xff, 0xff, 0xff]), { status: 200 }));
    expect((await failure(a.listWorkers())).code).toBe('SDK_BROKER_RESPONSE_INVALID');
  });

  test('submit and postVoucher refuse amounts beyond 2^53 - 1 before any request; a stream without a body is invalid', async () => {
    const { api: a, urls } = api(() => new Response(null, { status: 200 }));
    const p = {
      workerId: 'w',
      modelId: new Uint8Array(32),
      sealed: new Uint8Array(4),
      clientKey: new Uint8Array(32),
      nonce: new Uint8Array(16),
      signature: new Uint8Array(64),
      channel: 'c',
      maxPromptPriceNano: 1n,
      maxCompletionPriceNano: 1n,
      maxCostNano: 1n,
    };
    expect((await failure(a.submit({ ...p, maxPromptPriceNano: 2n ** 53n }))).code).toBe('SDK_REQUEST_INVALID');
    expect((await failure(a.submit({ ...p, maxCompletionPriceNano: -1n }))).code).toBe('SDK_REQUEST_INVALID');
    expect((await failure(a.submit({ ...p, maxCostNano: 2n ** 60n }))).code).toBe('SDK_REQUEST_INVALID');
    const v = {
      channel: 'c',
      voucher: new Uint8Array(1),
      signature: new Uint8Array(64),
      clientKey: new Uint8Array(32),
    };
    expect((await failure(a.postVoucher({ ...v, cumulativeNano: 2n ** 60n }))).code).toBe('SDK_REQUEST_INVALID');
    expect(urls).toEqual([]);
    expect((await failure(a.submit({ ...p, maxCostNano: 5n }))).code).toBe('SDK_BROKER_RESPONSE_INVALID');
    await a.postVoucher({ ...v, cumulativeNano: 5n });
    expect(urls).toEqual(['http://broker.test:8080/v1/requests', 'http://broker.test:8080/v1/vouchers']);
  });
});

describe('ChrysalisClient configuration and request checks', () => {
  const refuse = (): never => {
    throw new Error('not used');
  };
  const broker: BrokerApi = {
    listWorkers: async () => [],
    getAccount: async () => ({
      channel: 'c',
      depositNano: 10n,
      chargedNano: 0n,
      vouchedNano: 7n,
      availableNano: 10n,
      voucher: null,
    }),
    submit: refuse,
    postVoucher: refuse,
  };
  const base = { channel: 'EQchan', broker, bundleVerifier: refuse, channelKey: new Uint8Array(32).fill(1) };

  test.each<[string, unknown]>([
    ['no options', undefined],
    ['an empty channel', { ...base, channel: '' }],
    ['no verifier', { ...base, bundleVerifier: undefined }],
    ['a 31-byte channel key seed', { ...base, channelKey: new Uint8Array(31) }],
    ['a channel key that is neither seed nor signer', { ...base, channelKey: { publicKey: 'x', sign: () => 0 } }],
    ['a negative maximum price', { ...base, maxPrice: { promptNano: -1n } }],
    ['a fractional globalId', { ...base, globalId: 1.5 }],
    ['a broker URL that does not parse', { ...base, broker: 'nope' }],
  ])('%s: SDK_CONFIG_INVALID', async (_name, opts) => {
    expect((await failure(() => new ChrysalisClient(opts as never))).code).toBe('SDK_CONFIG_INVALID');
  });

  test('a signer object is accepted as the channel key; syncAccount refuses a vouched amount nothing signed', async () => {
    const signer = { publicKey: new Uint8Array(32).fill(9), sign: async () => new Uint8Array(64) };
    const c = new ChrysalisClient({ ...base, channelKey: signer, globalId: -3 });
    expect(await c.clientKey()).toBe(signer.publicKey);
    expect(await c.voucherState()).toBeUndefined();
    expect((await failure(c.syncAccount())).code).toBe('SDK_ACCOUNT_UNSIGNED');
  });

  test.each<[string, unknown]>([
    ['a request that is not an object', null],
    ['no model', { messages: [{ role: 'user', content: 'x' }] }],
    ['no messages', { model: 'm', messages: [] }],
    ['a message with a tool role', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }],
    ['a message without string content', { model: 'm', messages: [{ role: 'user', content: 5 }] }],
    ['a null message', { model: 'm', messages: [null] }],
    ['max_tokens 0', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 0 }],
    ['max_tokens fractional', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 2.5 }],
  ])('chat with %s: SDK_REQUEST_INVALID', async (_name, req) => {
    const c = new ChrysalisClient(base);
    expect((await failure(c.chat(req as never))).code).toBe('SDK_REQUEST_INVALID');
  });

  test('a model no listed worker serves: SDK_NO_WORKER', async () => {
    const c = new ChrysalisClient(base);
    expect((await failure(c.chat({ model: 'tiny', messages: [{ role: 'user', content: 'x' }] }))).code).toBe(
      'SDK_NO_WORKER',
    );
    expect(await c.models()).toEqual([]);
  });
});
