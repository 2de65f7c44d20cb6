import { type Address, type Cell, toNano } from '@ton/core';
import {
  AttestationLog,
  type ChainClient,
  signVoucher,
  encodeVoucherBoc,
  NETWORK_GLOBAL_ID,
  TonChainClient,
} from '../../contracts';
import { HighloadWallet, HIGHLOAD_DEFAULT_SUBWALLET, highloadWalletCode } from '../../contracts/wrappers';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { ChainAdmissionLogger, openBrokerWallet, startSettler, type BrokerWallet } from '../../broker/chain';
import { ClockQueryIds } from '../../broker/chain/wallet-highload';
import type { Clock } from '../../core/clock';
import { fakeClock, hexId, keyFromSeed, openChannelFromWallet, T0 } from './helpers';

/** A clock that runs at real speed from T0 (the devnet's chain time), so query ids advance. */
const started = Date.now();
const ticking: Clock = { now: () => new Date(T0 * 1000 + Date.now() - started) };

describe('the highload broker wallet against the devnet', () => {
  const broker = keyFromSeed('hw-broker');
  const client = keyFromSeed('hw-client');
  const sink = keyFromSeed('hw-sink');
  const ids = { imageId: hexId('hw-img'), platformId: hexId('hw-plt'), modelId: hexId('hw-mdl') };
  const address = HighloadWallet.createFromConfig(
    { publicKey: broker.publicKey, subwalletId: HIGHLOAD_DEFAULT_SUBWALLET, timeout: 1800 },
    highloadWalletCode(),
  ).address;
  let dev: DevnetChain;
  let chain: TonChainClient;
  let sinkAddr: Address;

  const open = (c: ChainClient, confirmTimeoutMs = 5000): BrokerWallet =>
    openBrokerWallet(c, broker, {
      version: 'highload-v3',
      pollMs: 10,
      confirmTimeoutMs,
      highload: { clock: ticking, createdAtSlackS: 600, resendMs: 50 },
    });
  const externals = async (): Promise<number> =>
    (await chain.getTransactions(address, { limit: 100 })).filter((t) => t.inMessage?.info.type === 'external-in')
      .length;
  const pay = (w: BrokerWallet, value = toNano('0.1')) =>
    w.send('pay', (s) => s.send({ to: sinkAddr, value, bounce: false }));

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [ids.imageId],
      platforms: [ids.platformId],
      models: [{ id: ids.modelId, multiplier: 10000 }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000', wallet: address }],
      fundWallets: [client.publicKey, sink.publicKey],
    });
    await dev.deployer.send({ to: address, value: toNano('100'), bounce: false });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    sinkAddr = dev.walletAddress(sink.publicKey);
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('deploys with its first send, then batches concurrent sends into one external', async () => {
    const wallet = open(chain);
    expect(wallet.address.equals(address)).toBe(true);
    await pay(wallet);
    expect(await chain.getAccountState(address)).toBe('active');
    const before = await externals();
    const b0 = await chain.getBalance(sinkAddr);
    await Promise.all(Array.from({ length: 6 }, () => pay(wallet)));
    expect(await externals()).toBe(before + 1);
    const got = (await chain.getBalance(sinkAddr)) - b0;
    expect(got).toBeGreaterThan(toNano('0.59'));
    expect(got).toBeLessThanOrEqual(toNano('0.6'));
  });

  it('the admission logger and the settler work unchanged over it, sending concurrently', async () => {
    const wallet = open(chain);
    const channel = await openChannelFromWallet(chain, client, {
      payee: address,
      deposit: toNano('5'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
    const clientKey = Buffer.from(client.publicKey).toString('hex');
    const settler = startSettler({
      chain,
      ledger: new MemoryLedger(),
      brokerKey: broker,
      wallet,
      intervalMs: 0,
      clock: fakeClock(),
      pollMs: 10,
      confirmTimeoutMs: 5000,
      policy: { thresholdNano: toNano('1'), minClaimNano: toNano('0.05'), idleMs: 60_000 },
    });
    await settler.ledger.init();
    await settler.ledger.upsertAccount({ clientKey, channel: channel.toString(), depositNano: Number(toNano('5')) });
    const v = signVoucher(
      { channel, globalId: NETWORK_GLOBAL_ID.devnet, amount: toNano('0.7'), seq: 1n },
      client.secretKey,
    );
    await settler.ledger.recordVoucher({
      clientKey,
      channel: channel.toString(),
      cumulativeNano: Number(toNano('0.7')),
      seq: 1,
      voucher: encodeVoucherBoc(v),
      signature: v.signature,
      atMs: T0 * 1000,
    });
    const logger = new ChainAdmissionLogger({ chain, registry: dev.registry, wallet, pollMs: 10, retryDelayMs: 10 });
    const worker = keyFromSeed('hw-worker').publicKey;
    await logger.logAdmission({
      workerId: 'w',
      signingPublicKey: worker,
      imageId: Buffer.from(ids.imageId, 'hex'),
      platformId: Buffer.from(ids.platformId, 'hex'),
      modelId: Buffer.from(ids.modelId, 'hex'),
      bundleDigest: Buffer.from(hexId('hw-bundle'), 'hex'),
      at: new Date(T0 * 1000),
    });
    await Promise.all([settler.flush(), logger.drain(), pay(wallet)]);
    expect(logger.outcomes.map((o) => o.code)).toEqual(['OK']);
    expect((await chain.getChannel(channel))!.claimed).toBe(toNano('0.7'));
    const log = chain.open(AttestationLog.createFromAddress(dev.attestationLog));
    expect(await log.getAdmission(worker)).toMatchObject({ bundleDigest: hexId('hw-bundle') });
    await logger.stop();
    await settler.stop();
  });

  it('a lost broadcast is re-sent with the same query id and applied once; a repeated one once too', async () => {
    let dropped = 0;
    const lossy = Object.assign(Object.create(chain) as TonChainClient, {
      sendExternal: async (m: Cell) => {
        if (dropped++ === 0) return; // the first broadcast never reaches the chain
        await chain.sendExternal(m);
      },
    });
    const before = await externals();
    const b0 = await chain.getBalance(sinkAddr);
    await pay(open(lossy));
    expect(dropped).toBeGreaterThan(1);
    expect(await externals()).toBe(before + 1);

    const twice = Object.assign(Object.create(chain) as TonChainClient, {
      sendExternal: async (m: Cell) => {
        await chain.sendExternal(m);
        await chain.sendExternal(m).catch(() => undefined); // refused by the wallet (query id processed)
      },
    });
    await pay(open(twice));
    expect(await externals()).toBe(before + 2);
    const got = (await chain.getBalance(sinkAddr)) - b0;
    expect(got).toBeGreaterThan(toNano('0.19'));
    expect(got).toBeLessThanOrEqual(toNano('0.2'));
  });

  it('fails with BROKER_CHAIN_SEND_FAILED naming the query id when the external never lands', async () => {
    const dead = Object.assign(Object.create(chain) as TonChainClient, { sendExternal: async () => undefined });
    const err = await pay(open(dead, 300)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BROKER_CHAIN_SEND_FAILED', details: { cause: 'BROKER_CHAIN_NOT_APPLIED' } });
    const queryId = (err as { details: { queryId: number } }).details.queryId;
    expect(await chain.open(HighloadWallet.createFromAddress(address)).getProcessed(queryId, false)).toBe(false);
    // a broadcast that fails outright fails the send with the transport's code
    const down = Object.assign(Object.create(chain) as TonChainClient, {
      sendExternal: () => Promise.reject(new RangeError('no route')),
    });
    await expect(pay(open(down))).rejects.toMatchObject({
      code: 'BROKER_CHAIN_SEND_FAILED',
      details: { cause: 'UNKNOWN' },
    });
    expect(() => openBrokerWallet(chain, broker, { version: 'highload-v3', highload: { timeout: 4000 } })).toThrow(
      RangeError,
    );
    // errors thrown before anything was sent are the caller's, unchanged
    await expect(open(chain).send('x', () => Promise.reject(new RangeError('mine')))).rejects.toThrow(RangeError);
  });

  it('clock query ids: none in the start second, distinct after, none while the clock stands behind', () => {
    const clock = fakeClock((T0 + 0.5) * 1000);
    const q = new ClockQueryIds(clock);
    expect(q.tryNext()).toBeNull();
    clock.advance(1000);
    const a = q.tryNext();
    const b = q.tryNext();
    expect(a).toBe(((T0 + 1) % 8192) << 10);
    expect(b).toBe(a! + 1);
    for (let i = 2; i < 1023; i++) q.tryNext();
    expect(q.tryNext()).toBeNull(); // 1023 used in this second
    clock.advance(1000);
    expect(q.tryNext()).toBe(((T0 + 2) % 8192) << 10);
  });
});
