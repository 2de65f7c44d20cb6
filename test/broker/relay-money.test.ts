/**
 * The relay's money rules over real HTTP: receipts only at exactly the dispatched (committed) prices and within the
 * request's reservation, retired signature versions refused, and the reservation `authorize` takes released once
 * whatever way the request ends (observed through the credit check: a request that needs the whole credit goes
 * through afterwards only if nothing is still reserved).
 */
import {
  Client,
  FakeWorker,
  OTHER_MODEL_ID,
  deferred,
  hex,
  post,
  startHarness,
  v1,
  waitFor,
  type FakeWorkerOptions,
  type Harness,
} from './helpers';
import { AccountService } from '../../broker/services/accounts';

/** Every client's credit in these tests: exactly one default reservation's worth. */
const CREDIT = 10_000;

describe('relay money rules', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function setup(opts: FakeWorkerOptions = {}, config: Record<string, number> = {}): Promise<Client> {
    h = await startHarness({ config: { defaultCreditNano: CREDIT, ...config } });
    await h.connect(new FakeWorker(opts)).admitted();
    const c = new Client();
    h.fund(c);
    return c;
  }
  /** The accepted frame's terms, as numbers (64-bit fields may decode as Long). */
  const terms = (r: { frames: InstanceType<typeof v1.StreamFrame>[] }): Record<string, number> => {
    const a = r.frames[0]!.accepted!;
    return {
      promptPriceNano: Number(a.promptPriceNano),
      completionPriceNano: Number(a.completionPriceNano),
      maxCostNano: Number(a.maxCostNano),
    };
  };
  const charged = async (c: Client): Promise<number> => (await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano;

  test('a receipt above the reservation is refused: BROKER_BAD_RECEIPT, not charged', async () => {
    const c = await setup({ promptTokens: 5, completionTokens: 7 }); // 120 at 10/10
    const r = await post(h.broker.url, c.submit({ maxCostNano: 119 }));
    expect(terms(r)).toEqual({ promptPriceNano: 10, completionPriceNano: 10, maxCostNano: 119 });
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_BAD_RECEIPT' });
    expect(await charged(c)).toBe(0);
    expect((await h.ledger.getRequest(r.frames[0]!.accepted!.requestId!))!.chargedNano).toBe(0);
    // exactly at the reservation is fine, and charged the receipt's own amount
    const ok = await post(h.broker.url, c.submit({ maxCostNano: 120 }));
    expect(ok.frames.at(-1)!.msg).toBe('receipt');
    expect(await charged(c)).toBe(120);
  });

  test.each([
    ['a lower prompt price', { promptNano: 9n, completionNano: 10n }],
    ['a higher prompt price', { promptNano: 11n, completionNano: 10n }],
    ['a lower completion price', { promptNano: 10n, completionNano: 9n }],
    ['a higher completion price', { promptNano: 10n, completionNano: 11n }],
  ])('a receipt at %s than dispatched is refused: BROKER_BAD_RECEIPT, not charged', async (_n, receiptPrices) => {
    const c = await setup({ receiptPrices });
    const r = await post(h.broker.url, c.submit());
    expect(terms(r)).toMatchObject({ promptPriceNano: 10, completionPriceNano: 10 });
    expect(r.frames.at(-1)!.error).toMatchObject({ code: 'BROKER_BAD_RECEIPT' });
    expect(await charged(c)).toBe(0);
  });

  test.each([
    ['v2', { v2Signature: true }],
    ['v1', { legacySignature: true }],
  ])('a %s request signature is refused with BROKER_SIGNATURE_OUTDATED (401), nothing reserved', async (_n, o) => {
    const c = await setup();
    const r = await post(h.broker.url, c.submit(o));
    expect(r.status).toBe(401);
    expect(r.body!.code).toBe('BROKER_SIGNATURE_OUTDATED');
    expect((await post(h.broker.url, c.submit({ maxCostNano: CREDIT }))).frames.at(-1)!.msg).toBe('receipt');
  });

  test('the reservation is held while a request is in flight and released at its end', async () => {
    const gate = deferred();
    const c = await setup({ beforeFrame: () => gate.promise });
    const first = post(h.broker.url, c.submit({ maxCostNano: 6_000 }));
    await waitFor(() => h.broker.broker.pool.all()[0]!.inFlight.size === 1, 'dispatch');
    const second = await post(h.broker.url, c.submit({ maxCostNano: 6_000 }));
    expect(second.status).toBe(402);
    expect(second.body!.code).toBe('BROKER_VOUCHER_REQUIRED');
    gate.resolve();
    expect((await first).frames.at(-1)!.msg).toBe('receipt');
    // 120 charged, nothing reserved any more: the rest of the credit is available, not a nanoton more
    const over = await post(h.broker.url, c.submit({ maxCostNano: CREDIT - 120 + 1 }));
    expect(over.body!.code).toBe('BROKER_VOUCHER_REQUIRED');
    expect((await post(h.broker.url, c.submit({ maxCostNano: CREDIT - 120 }))).frames.at(-1)!.msg).toBe('receipt');
  });

  /** Ends one request of `c` in some way; returns what that ending charged. */
  type Ending = (c: Client) => Promise<number>;
  /** A worker that blocks only its first request until `release` (later requests stream at once). */
  const blockFirst = (): { opts: FakeWorkerOptions; release: () => void } => {
    const gate = deferred();
    let first: string | undefined;
    return {
      opts: {
        beforeFrame: (_i, id) => {
          first ??= id;
          return id === first ? gate.promise : Promise.resolve();
        },
      },
      release: gate.resolve,
    };
  };

  const endings: Array<[string, () => Promise<Client>, Ending]> = [
    [
      'no worker for the model (404)',
      () => setup(),
      async (c) => {
        expect((await post(h.broker.url, c.submit({ modelId: OTHER_MODEL_ID }))).body!.code).toBe('BROKER_NO_WORKER');
        return 0;
      },
    ],
    [
      'a replayed nonce (409)',
      () => setup(),
      async (c) => {
        const o = { nonce: new Uint8Array(16).fill(7), maxCostNano: 120 };
        expect((await post(h.broker.url, c.submit(o))).frames.at(-1)!.msg).toBe('receipt');
        expect((await post(h.broker.url, c.submit(o))).body!.code).toBe('BROKER_NONCE_REPLAYED');
        return 120;
      },
    ],
    [
      'a replayed sealed request',
      () => setup(),
      async (c) => {
        const o = { sealed: new Uint8Array(64).fill(3), maxCostNano: 120 };
        expect((await post(h.broker.url, c.submit(o))).frames.at(-1)!.msg).toBe('receipt');
        expect((await post(h.broker.url, c.submit(o))).body!.code).toBe('BROKER_REQUEST_REPLAYED');
        return 120;
      },
    ],
    [
      'the worker refusing the request',
      async () => {
        const c = await setup({ failWith: 'WORKER_PRICE_MISMATCH' });
        await h.connect(new FakeWorker({ modelId: OTHER_MODEL_ID })).admitted();
        return c;
      },
      async (c) => {
        const r = await post(h.broker.url, c.submit());
        expect(r.frames.at(-1)!.error?.code).toBe('WORKER_PRICE_MISMATCH');
        return 0;
      },
    ],
    [
      'a refused receipt',
      async () => {
        const c = await setup({ receiptPrices: { promptNano: 10n, completionNano: 11n } });
        await h.connect(new FakeWorker({ modelId: OTHER_MODEL_ID })).admitted();
        return c;
      },
      async (c) => {
        expect((await post(h.broker.url, c.submit())).frames.at(-1)!.error?.code).toBe('BROKER_BAD_RECEIPT');
        return 0;
      },
    ],
    [
      'the worker lost before its first chunk',
      () => setup({ beforeFrame: () => new Promise(() => undefined) }),
      async (c) => {
        const pending = post(h.broker.url, c.submit());
        await waitFor(() => h.broker.broker.pool.all()[0]?.inFlight.size === 1, 'dispatch');
        await h.links[0]!.close();
        expect((await pending).frames.at(-1)!.error?.code).toBe('BROKER_WORKER_LOST');
        await h.connect(new FakeWorker()).admitted();
        return 0;
      },
    ],
  ];

  test.each(endings)('reservation released after %s', async (_name, start, end) => {
    const c = await start();
    const cost = await end(c);
    const model = _name.includes('refus') ? { modelId: OTHER_MODEL_ID } : {};
    const over = await post(h.broker.url, c.submit({ ...model, maxCostNano: CREDIT - cost + 1 }));
    expect(over.body!.code).toBe('BROKER_VOUCHER_REQUIRED');
    const r = await post(h.broker.url, c.submit({ ...model, maxCostNano: CREDIT - cost }));
    expect(r.frames.at(-1)!.msg).toBe('receipt');
  });

  test('an in-flight request ended by the broker draining releases its reservation exactly once', async () => {
    const release = jest.spyOn(AccountService.prototype, 'release');
    try {
      const c = await setup({ beforeFrame: () => new Promise(() => undefined) }, { drainTimeoutMs: 50 });
      const pending = post(h.broker.url, c.submit({ maxCostNano: 777 }));
      await waitFor(() => h.broker.broker.pool.all()[0]?.inFlight.size === 1, 'dispatch');
      expect(release).not.toHaveBeenCalled();
      await h.broker.close();
      expect((await pending).frames.at(-1)!.error?.code).toBe('BROKER_DRAINING');
      expect(release.mock.calls).toEqual([[hex(c.publicKey), 777]]);
    } finally {
      release.mockRestore();
    }
  });

  test('reservation released after a timeout', async () => {
    const b = blockFirst();
    h = await startHarness({ config: { defaultCreditNano: CREDIT, requestTimeoutMs: 200 } });
    await h.connect(new FakeWorker(b.opts)).admitted();
    const c = new Client();
    h.fund(c);
    expect((await post(h.broker.url, c.submit())).frames.at(-1)!.error?.code).toBe('BROKER_TIMEOUT');
    expect((await post(h.broker.url, c.submit({ maxCostNano: CREDIT }))).frames.at(-1)!.msg).toBe('receipt');
    b.release();
  });

  test('reservation released after the client went away', async () => {
    const b = blockFirst();
    const c = await setup(b.opts);
    const ctl = new AbortController();
    const res = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from(v1.SubmitRequest.encode(c.submit()).finish()),
      signal: ctl.signal,
    });
    const id = res.headers.get('x-request-id')!;
    await res.body!.getReader().read();
    ctl.abort();
    await waitFor(async () => (await h.ledger.getRequest(id))?.status === 'abandoned', 'abandoned');
    expect((await post(h.broker.url, c.submit({ maxCostNano: CREDIT }))).frames.at(-1)!.msg).toBe('receipt');
    b.release();
  });
});
