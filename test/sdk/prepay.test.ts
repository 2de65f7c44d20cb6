/**
 * The client's money rules against a broker that applies the spec'd credit rule and voucher checks: the price cap
 * from the registry, the reservation, prepay vouchers from the client's own store, syncAccount's proofs.
 */
import { Address } from '@ton/core';
import { encodeVoucherBoc, signVoucher } from '../../contracts/voucher';
import { HttpBrokerApi, MemoryVoucherStore, tonVoucherSigner, voucherKey, type VoucherStore } from '../../sdk';
import { SqliteVoucherStore } from '../../sdk/voucher-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL, CLIENT_SEED, FakeBroker, GLOBAL_ID, MODEL_HEX, makeTestWorker, type TestWorker } from './fixtures';
import { failure, payingOptions, testClient } from './test-client';

const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'the quick brown fox' }] };

let broker: FakeBroker;
let w1: TestWorker;
beforeEach(async () => {
  broker = await new FakeBroker().start();
  w1 = await makeTestWorker();
  broker.workers = [w1];
});
afterEach(async () => {
  await broker.stop();
});

const paying = (store: VoucherStore = new MemoryVoucherStore(), extra = {}) =>
  testClient(broker, { ...payingOptions(store), ...extra });

describe('price cap from the registry', () => {
  it('refuses a model the registry has no price for (SDK_PRICE_UNKNOWN) before anything is sent', async () => {
    const e = await failure(testClient(broker, { modelPrices: {} }).chat(req));
    expect(e.code).toBe('SDK_PRICE_UNKNOWN');
    expect(broker.log.requests).toHaveLength(0);
  });

  it('refuses workers quoting above the registry price (SDK_PRICE_ABOVE_REGISTRY); maxPrice never raises the cap', async () => {
    broker.workers = [await makeTestWorker({ prices: { promptNano: 151n, completionNano: 1n } })];
    expect((await failure(testClient(broker).chat(req))).code).toBe('SDK_PRICE_ABOVE_REGISTRY');
    const generous = testClient(broker, { maxPrice: { promptNano: 10_000n, completionNano: 10_000n } });
    expect((await failure(generous.chat(req, { maxPrice: { promptNano: 10_000n } }))).code).toBe(
      'SDK_PRICE_ABOVE_REGISTRY',
    );
    expect(broker.log.requests).toHaveLength(0);
  });

  it('refuses a listing whose prices differ from the attested claims (SDK_BUNDLE_KEY_MISMATCH)', async () => {
    w1.listedPrices = { promptNano: 90n, completionNano: 100n };
    expect((await failure(testClient(broker).chat(req))).code).toBe('SDK_BUNDLE_KEY_MISMATCH');
    expect(broker.log.requests).toHaveLength(0);
  });

  it('refuses an acceptance at other prices or another reservation (SDK_BROKER_RESPONSE_INVALID)', async () => {
    broker.modes = ['accept-other-prices'];
    expect((await failure(testClient(broker).chat(req))).code).toBe('SDK_BROKER_RESPONSE_INVALID');
    broker.modes = ['accept-other-cost'];
    expect((await failure(testClient(broker).chat(req))).code).toBe('SDK_BROKER_RESPONSE_INVALID');
  });

  it('refuses a receipt at prices other than the accepted ones (SDK_RECEIPT_MISMATCH promptPriceNano)', async () => {
    broker.modes = ['other-prices'];
    const e = await failure(testClient(broker).chat(req));
    expect(e.code).toBe('SDK_RECEIPT_MISMATCH');
    expect(e.details).toMatchObject({ field: 'promptPriceNano' });
  });

  it('validates maxPrice and defaultMaxTokens', async () => {
    expect(() => testClient(broker, { maxPrice: { promptNano: -1n } })).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
    expect(() => testClient(broker, { defaultMaxTokens: 0 })).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
    expect((await failure(testClient(broker).chat(req, { maxPrice: { completionNano: -2n } }))).code).toBe(
      'SDK_REQUEST_INVALID',
    );
  });

  it('reserves with defaultMaxTokens when the request has no max_tokens', async () => {
    const r = await testClient(broker, { defaultMaxTokens: 8 }).chat(req);
    expect(r.maxCostNano).toBe(100n * (19n + 32n) + 100n * 8n);
    expect(r.costNano <= r.maxCostNano).toBe(true);
  });
});

describe('prepayment from the client-owned voucher store', () => {
  it('sends a voucher for exactly owed + reservation inside the request; owed grows by each receipt', async () => {
    broker.credit = 0n;
    const store = new MemoryVoucherStore();
    const c = paying(store);
    const a = await c.chat(req);
    expect(broker.log.vouchers).toHaveLength(1);
    expect(broker.log.vouchers[0]).toMatchObject({ via: 'request', amount: a.maxCostNano, seq: 1n });
    expect(a).toMatchObject({ cumulativeNano: a.maxCostNano, owedNano: a.costNano });
    const b = await c.chat({ ...req, max_tokens: 3 });
    // owed (a) + b's reservation is below what is signed already: no new voucher.
    expect(broker.log.vouchers).toHaveLength(1);
    expect(b.owedNano).toBe(a.costNano + b.costNano);
    const d = await c.chat(req);
    expect(broker.log.vouchers[1]).toMatchObject({ amount: a.costNano + b.costNano + d.maxCostNano, seq: 2n });
    expect(await c.voucherState()).toMatchObject({
      vouchedNano: a.costNano + b.costNano + d.maxCostNano,
      seq: 2n,
      owedNano: a.costNano + b.costNano + d.costNano,
      reservedNano: 0n,
    });
    expect(broker.log.refusedVouchers).toEqual([]);
  });

  it('releases the reservation and adds nothing owed when the receipt fails', async () => {
    broker.credit = 0n;
    const c = paying();
    broker.modes = ['wrong-key-receipt'];
    await failure(c.chat(req));
    expect(await c.voucherState()).toMatchObject({ owedNano: 0n, reservedNano: 0n, seq: 1n });
  });

  it('resends its latest voucher once when the broker lost it (402 BROKER_VOUCHER_REQUIRED)', async () => {
    broker.credit = 0n;
    const c = paying();
    broker.loseVouchers = 1;
    // The lost voucher: the broker dispatches nothing without it, the client retries with it.
    const r = await c.chat(req);
    expect(r.content.length).toBeGreaterThan(0);
    expect(broker.log.vouchers.map((v) => v.seq)).toEqual([1n]);
  });

  it('two clients on one store: seqs never repeat, amounts only grow and cover owed + reservations', async () => {
    broker.credit = 0n;
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-prepay-'));
    try {
      const path = join(dir, 'vouchers.sqlite');
      const s1 = new SqliteVoucherStore(path);
      const s2 = new SqliteVoucherStore(path);
      const c1 = paying(s1);
      const c2 = paying(s2);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? c1 : c2).chat({ ...req, max_tokens: 2 + i })),
      );
      const seqs = broker.log.vouchers.map((v) => v.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      for (let i = 1; i < broker.log.vouchers.length; i++) {
        expect(broker.log.vouchers[i]!.seq > broker.log.vouchers[i - 1]!.seq).toBe(true);
        expect(broker.log.vouchers[i]!.amount > broker.log.vouchers[i - 1]!.amount).toBe(true);
      }
      const owed = results.reduce((n, r) => n + r.costNano, 0n);
      const st = await s1.read(voucherKey(CHANNEL, GLOBAL_ID));
      expect(st).toMatchObject({ owedNano: owed, reservedNano: 0n });
      // Never more than owed + the reservations that were in flight: at most every reservation.
      const reservations = results.reduce((n, r) => n + r.maxCostNano, 0n);
      expect(st.vouchedNano <= reservations).toBe(true);
      expect(st.vouchedNano >= owed).toBe(true);
      s1.close();
      s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a signer failure is SDK_VOUCHER_FAILED: nothing is sent, nothing reserved', async () => {
    broker.credit = 0n;
    const store = new MemoryVoucherStore();
    const c = testClient(broker, {
      globalId: GLOBAL_ID,
      voucherSigner: {
        sign: async () => {
          throw new Error('hardware key unplugged');
        },
      },
      voucherStore: store,
    });
    expect((await failure(c.chat(req))).code).toBe('SDK_VOUCHER_FAILED');
    expect(broker.log.requests).toHaveLength(0);
    expect(await c.voucherState()).toMatchObject({ vouchedNano: 0n, seq: 0n, reservedNano: 0n });
  });

  it('requires globalId with a voucher signer, and the same network as the signer', () => {
    const signer = tonVoucherSigner(CLIENT_SEED, { globalId: GLOBAL_ID });
    expect(() => testClient(broker, { voucherSigner: signer })).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
    expect(() => testClient(broker, { voucherSigner: signer, globalId: -239 })).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
    expect(() => tonVoucherSigner(CLIENT_SEED, {} as never)).toThrow(
      expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }),
    );
  });
});

describe('syncAccount', () => {
  const otherSeed = new Uint8Array(32).fill(5);
  const brokerVoucher = (o: { seed?: Uint8Array; channel?: Address; globalId?: number; amount?: bigint } = {}) => {
    const v = {
      channel: o.channel ?? Address.parse(CHANNEL),
      globalId: o.globalId ?? GLOBAL_ID,
      amount: o.amount ?? 500n,
      seq: 4n,
    };
    return { voucher: encodeVoucherBoc(v), signature: signVoucher(v, o.seed ?? CLIENT_SEED).signature };
  };

  it("adopts the broker's voucher once proven the client's own; the next voucher continues its seq", async () => {
    broker.credit = 0n;
    broker.lastVoucher = brokerVoucher();
    broker.vouched = 500n;
    broker.lastSeq = 4n;
    const c = paying();
    expect(await c.syncAccount()).toBe(500n);
    expect(await c.voucherState()).toMatchObject({ vouchedNano: 500n, seq: 4n, owedNano: 500n });
    const r = await c.chat(req);
    expect(broker.log.vouchers[0]).toMatchObject({ seq: 5n, amount: 500n + r.maxCostNano });
  });

  it('with nothing vouched and no voucher, reports 0; without a store, the proven amount', async () => {
    expect(await paying().syncAccount()).toBe(0n);
    broker.lastVoucher = brokerVoucher();
    broker.vouched = 500n;
    expect(await testClient(broker, { globalId: GLOBAL_ID }).syncAccount()).toBe(500n);
    expect((await failure(testClient(broker).syncAccount())).code).toBe('SDK_CONFIG_INVALID');
  });

  it('refuses a vouched amount without a signed voucher behind it (SDK_ACCOUNT_UNSIGNED)', async () => {
    broker.vouched = 5n;
    expect((await failure(paying().syncAccount())).code).toBe('SDK_ACCOUNT_UNSIGNED');
    broker.lastVoucher = brokerVoucher();
    broker.vouched = 501n;
    expect((await failure(paying().syncAccount())).code).toBe('SDK_ACCOUNT_UNSIGNED');
  });

  it.each([
    ['signed by another key', () => brokerVoucher({ seed: otherSeed })],
    ['for another channel', () => brokerVoucher({ channel: new Address(0, Buffer.alloc(32, 1)) })],
    ['for another network', () => brokerVoucher({ globalId: -239 })],
    ['not a voucher cell', () => ({ voucher: Uint8Array.of(1, 2, 3), signature: new Uint8Array(64) })],
  ])('refuses a voucher %s (SDK_ACCOUNT_INVALID) and leaves the store as it was', async (_n, make) => {
    broker.lastVoucher = make();
    broker.vouched = 500n;
    const c = paying();
    expect((await failure(c.syncAccount())).code).toBe('SDK_ACCOUNT_INVALID');
    expect(await c.voucherState()).toMatchObject({ vouchedNano: 0n, seq: 0n, owedNano: 0n });
  });

  it('refuses a broker on another network, or reporting less than its voucher signs (SDK_ACCOUNT_INVALID)', async () => {
    broker.globalId = -3;
    expect((await failure(paying().syncAccount())).code).toBe('SDK_ACCOUNT_INVALID');
    broker.globalId = GLOBAL_ID;
    broker.lastVoucher = brokerVoucher();
    broker.vouched = 499n;
    expect((await failure(paying().syncAccount())).code).toBe('SDK_ACCOUNT_INVALID');
  });

  it('authenticates the read: without the header the broker refuses (401)', async () => {
    const api = new HttpBrokerApi(broker.url);
    const e = await failure(api.getAccount(MODEL_HEX, ''));
    expect(e.details).toMatchObject({ status: 401, brokerCode: 'BROKER_AUTH_REQUIRED' });
  });
});
