import { Address } from '@ton/core';
import type { ChainClient, RegistrySnapshot } from '../../contracts';
import { DEFAULT_PARAMS } from '../../contracts';
import { MemoryLedger } from '../../broker/ledger/memory';
import { ChainChannelDirectory, ChainRegistryView, toBrokerSnapshot, wrapLedger } from '../../broker/chain';
import { BrokerError } from '../../broker';
import { MIN_CLOSE_DELAY, NETWORK_GLOBAL_ID, paymentChannelCodeHash, type ChannelData } from '../../contracts';
import { fakeClock, hexId, keyFromSeed } from './helpers';

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
        params: { ...DEFAULT_PARAMS, promptPricePerToken: 1001n, completionPricePerToken: 2001n },
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

  it('maps multipliers and the prompt and completion price of each model (base x multiplier / 10000, rounded up)', () => {
    const s = toBrokerSnapshot({
      version: 3,
      images: [hexId('A').toUpperCase()],
      platforms: [],
      models: [
        { id: hexId('m'), multiplier: 15000 },
        { id: hexId('n'), multiplier: 5000 },
      ],
      params: { ...DEFAULT_PARAMS, promptPricePerToken: 1001n, completionPricePerToken: 3n },
      brokers: [],
      attestationLog: null,
    });
    expect(s).toMatchObject({ version: 3, imageIds: [hexId('A')], modelIds: [hexId('m'), hexId('n')] });
    expect(s.modelPrices).toEqual({
      [hexId('m')]: { promptNano: 1502n, completionNano: 5n },
      [hexId('n')]: { promptNano: 501n, completionNano: 2n },
    });
    expect(s).not.toHaveProperty('maxPriceNanoPerToken');
    expect(s.modelMultipliers).toEqual({ [hexId('m')]: 15000, [hexId('n')]: 5000 });
  });
});

describe('ChainChannelDirectory checks (fake chain)', () => {
  const client = keyFromSeed('dir-client').publicKey;
  const brokerWallet = Address.parse('0:' + '22'.repeat(32));
  const real = Address.parse('0:' + '33'.repeat(32));
  const fake = Address.parse('0:' + '44'.repeat(32));
  const data = (o: Partial<ChannelData> = {}): ChannelData => ({
    payer: ADDR,
    payee: brokerWallet,
    payerKey: BigInt('0x' + Buffer.from(client).toString('hex')),
    nonce: 0n,
    closeDelay: MIN_CLOSE_DELAY,
    deposit: 5000n,
    claimed: 1000n,
    lastSeq: 7n,
    status: 'open',
    closeRequestedAt: 0,
    ...o,
  });

  /** A chain with accounts: address -> [code hash, channel data]; counts reads; `down` makes every read fail. */
  function fakeChain(accounts: Map<string, [Uint8Array, ChannelData]>): {
    chain: ChainClient;
    reads: () => number;
    down: (on: boolean) => void;
  } {
    let reads = 0;
    let down = false;
    const read = <T>(v: T): T => {
      reads++;
      if (down) throw Object.assign(new Error('down'), { code: 'CHAIN_REQUEST_FAILED' });
      return v;
    };
    const chain = {
      network: 'devnet',
      getCodeHash: async (a: Address) => read(accounts.get(a.toRawString())?.[0] ?? null),
      getChannel: async (a: Address) => read(accounts.get(a.toRawString())?.[1] ?? null),
    } as unknown as ChainClient;
    return { chain, reads: () => reads, down: (on) => void (down = on) };
  }

  function directory(accounts: Map<string, [Uint8Array, ChannelData]>) {
    const f = fakeChain(accounts);
    const clock = fakeClock();
    const dir = new ChainChannelDirectory({ chain: f.chain, brokerWallet, clock, cacheMs: 1000 });
    return { dir, clock, ...f };
  }
  const code = async (p: Promise<unknown>): Promise<string> =>
    p.then(
      () => 'resolved',
      (e: unknown) => (e instanceof BrokerError ? e.code : `other: ${String(e)}`),
    );

  it("serves the channel's on-chain view (the chain's global id, the real deposit while closing)", async () => {
    const { dir } = directory(new Map([[real.toRawString(), [paymentChannelCodeHash(), data()]]]));
    dir.register(client, real);
    const c = await dir.lookup(client);
    expect(c).toMatchObject({ channel: real.toString(), depositNano: 5000 });
    expect(c!.view).toEqual({
      channel: real,
      globalId: NETWORK_GLOBAL_ID.devnet,
      payerKey: Uint8Array.from(client),
      deposit: 5000n,
      claimed: 1000n,
      lastSeq: 7n,
      status: 'open',
    });

    const closing = directory(new Map([[real.toRawString(), [paymentChannelCodeHash(), data({ status: 'closing' })]]]));
    closing.dir.register(client, real);
    const cc = await closing.dir.lookup(client);
    expect(cc).toMatchObject({ depositNano: 1000, view: { deposit: 5000n, claimed: 1000n, status: 'closing' } });
  });

  it('refuses a lookalike contract (other code) with BROKER_CHANNEL_CODE_MISMATCH, cached like any answer', async () => {
    const { dir, clock, reads } = directory(new Map([[fake.toRawString(), [new Uint8Array(32).fill(9), data()]]]));
    dir.register(client, fake);
    expect(await code(dir.lookup(client))).toBe('BROKER_CHANNEL_CODE_MISMATCH');
    const n = reads();
    expect(await code(dir.lookup(client))).toBe('BROKER_CHANNEL_CODE_MISMATCH');
    expect(reads()).toBe(n); // served from the cache
    clock.advance(1000);
    expect(await code(dir.lookup(client))).toBe('BROKER_CHANNEL_CODE_MISMATCH');
    expect(reads()).toBe(n + 1); // only the code hash was read: the lookalike's data is never trusted
  });

  it('refuses a channel whose close delay is below MIN_CLOSE_DELAY', async () => {
    const short = data({ closeDelay: MIN_CLOSE_DELAY - 1 });
    const { dir } = directory(new Map([[real.toRawString(), [paymentChannelCodeHash(), short]]]));
    dir.register(client, real);
    expect(await code(dir.lookup(client))).toBe('BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT');
  });

  it('a refused candidate does not hide an acceptable one; unknown and foreign channels stay null', async () => {
    const other = Address.parse('0:' + '55'.repeat(32));
    const accounts = new Map<string, [Uint8Array, ChannelData]>([
      [fake.toRawString(), [new Uint8Array(32).fill(9), data()]],
      [real.toRawString(), [paymentChannelCodeHash(), data()]],
      [other.toRawString(), [paymentChannelCodeHash(), data({ payee: ADDR })]],
    ]);
    const { dir } = directory(accounts);
    const derived = jest.spyOn(dir, 'candidates').mockReturnValue([fake, real]);
    expect(await dir.lookup(client)).toMatchObject({ channel: real.toString() });
    derived.mockReturnValue([other]);
    dir.invalidate();
    expect(await dir.lookup(client)).toBeNull(); // payee is not this broker
    derived.mockReturnValue([Address.parse('0:' + '66'.repeat(32))]);
    dir.invalidate(client);
    expect(await dir.lookup(client)).toBeNull(); // not deployed
  });

  it('a chain error is thrown and not cached', async () => {
    const { dir, down } = directory(new Map([[real.toRawString(), [paymentChannelCodeHash(), data()]]]));
    dir.register(client, real);
    down(true);
    await expect(dir.lookup(client)).rejects.toMatchObject({ code: 'CHAIN_REQUEST_FAILED' });
    down(false);
    expect(await dir.lookup(client)).toMatchObject({ channel: real.toString() });
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
    expect((await ledger.recordVoucher({ ...v, cumulativeNano: 10, seq: 1 })).ok).toBe(true);
    expect((await ledger.recordVoucher({ ...v, cumulativeNano: 5, seq: 2 })).ok).toBe(false);
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
