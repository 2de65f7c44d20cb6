import { Address } from '@ton/core';
import type { ChainClient, RegistrySnapshot } from '../../contracts';
import { DEFAULT_PARAMS } from '../../contracts';
import { MemoryLedger } from '../../broker/ledger/memory';
import { ChainRegistryView, toBrokerSnapshot, wrapLedger } from '../../broker/chain';
import { fakeClock, hexId } from './helpers';

const ADDR = Address.parse('0:' + '11'.repeat(32));

function fakeRegistryChain(): {
  chain: ChainClient;
  calls: () => number;
  fail: (on: boolean) => void;
  bump: () => void;
} {
  let version = 1;
  let calls = 0;
  let failing = false;
  const chain = {
    async readRegistry(): Promise<RegistrySnapshot> {
      calls++;
      if (failing) throw Object.assign(new Error('down'), { code: 'CHAIN_REQUEST_FAILED' });
      return {
        address: ADDR,
        owner: ADDR,
        version,
        attestationLog: null,
        images: [hexId('i' + version)],
        platforms: [hexId('p')],
        models: [{ id: hexId('m'), multiplier: 20000 }],
        brokers: [],
        params: { ...DEFAULT_PARAMS, pricePerToken: 1001n },
      };
    },
  } as unknown as ChainClient;
  return { chain, calls: () => calls, fail: (on) => void (failing = on), bump: () => void version++ };
}

describe('ChainRegistryView caching (fake chain)', () => {
  it('shares one in-flight read between concurrent callers', async () => {
    const f = fakeRegistryChain();
    const view = new ChainRegistryView({ chain: f.chain, registry: ADDR, clock: fakeClock() });
    const [a, b, c] = await Promise.all([view.snapshot(), view.snapshot(), view.snapshot()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(f.calls()).toBe(1);
  });

  it('serves the last snapshot while the chain is down for at most maxStaleMs, then fails closed', async () => {
    const f = fakeRegistryChain();
    const clock = fakeClock();
    const view = new ChainRegistryView({
      chain: f.chain,
      registry: ADDR,
      clock,
      versionCheckMs: 1000,
      maxStaleMs: 10_000,
    });
    const s1 = await view.snapshot();
    f.fail(true);
    clock.advance(5000);
    expect(await view.snapshot()).toBe(s1);
    clock.advance(6000);
    await expect(view.snapshot()).rejects.toMatchObject({ code: 'BROKER_CHAIN_REGISTRY_UNAVAILABLE' });
    f.fail(false);
    f.bump();
    expect((await view.snapshot()).imageIds).toEqual([hexId('i2')]);
  });

  it('maps multipliers and the price cap (pricePerToken x largest multiplier, rounded up)', () => {
    const s = toBrokerSnapshot({
      version: 3,
      images: [hexId('A').toUpperCase()],
      platforms: [],
      models: [
        { id: hexId('m'), multiplier: 15000 },
        { id: hexId('n'), multiplier: 5000 },
      ],
      params: { ...DEFAULT_PARAMS, pricePerToken: 1001n },
      brokers: [],
      attestationLog: null,
    });
    expect(s).toMatchObject({
      version: 3,
      imageIds: [hexId('A')],
      modelIds: [hexId('m'), hexId('n')],
      maxPriceNanoPerToken: 1502,
    });
    expect(s.modelMultipliers).toEqual({ [hexId('m')]: 15000, [hexId('n')]: 5000 });
  });
});

describe('wrapLedger', () => {
  it('taps accepted vouchers and charged receipts only, and passes every call through', async () => {
    const vouchers: number[] = [];
    const receipts: string[] = [];
    const inner = new MemoryLedger();
    const ledger = wrapLedger(
      inner,
      (v) => vouchers.push(v.cumulativeNano),
      (r) => {
        receipts.push(r.requestId);
        throw new Error('a failing tap never breaks the ledger');
      },
    );
    await ledger.init();
    await ledger.upsertAccount({ clientKey: 'aa', channel: 'ch', depositNano: 100 });
    const v = { clientKey: 'aa', channel: 'ch', voucher: new Uint8Array(1), signature: new Uint8Array(64), atMs: 0 };
    expect((await ledger.recordVoucher({ ...v, cumulativeNano: 10 })).ok).toBe(true);
    expect((await ledger.recordVoucher({ ...v, cumulativeNano: 5 })).ok).toBe(false);
    const r = {
      requestId: 'r1',
      clientKey: 'aa',
      workerId: 'w',
      receipt: new Uint8Array(1),
      signature: new Uint8Array(64),
      chargeNano: 7,
      atMs: 0,
    };
    expect(await ledger.recordReceipt(r)).toEqual({ charged: true });
    expect(await ledger.recordReceipt(r)).toEqual({ charged: false });
    expect(vouchers).toEqual([10]);
    expect(receipts).toEqual(['r1']);
    expect(await ledger.getAccount('aa')).toMatchObject({ chargedNano: 7, vouchedNano: 10 });
  });
});
