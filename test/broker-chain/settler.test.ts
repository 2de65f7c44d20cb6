import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Address, toNano } from '@ton/core';
import { claimVoucher, NETWORK_GLOBAL_ID, PaymentChannel, TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { ChainChannelDirectory, openBrokerWallet, startSettler, type Settler } from '../../broker/chain';
import { fakeClock, keyFromSeed, openChannelFromWallet, T0, voucherRow } from './helpers';

/** A toncenter proxy in front of the devnet that answers `sendBoc` with an error `failSends` times. */
async function flakyProxy(target: string): Promise<{ url: string; failSends: number; close(): Promise<void> }> {
  const state = { failSends: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let method = '';
      try {
        method = (JSON.parse(body) as { method?: string }).method ?? '';
      } catch {
        // forwarded as is
      }
      if (method === 'sendBoc' && state.failSends > 0) {
        state.failSends--;
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: 'unavailable', code: 503 }));
        return;
      }
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/jsonRPC`,
    get failSends() {
      return state.failSends;
    },
    set failSends(n: number) {
      state.failSends = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('startSettler against the devnet', () => {
  const broker = keyFromSeed('st-broker');
  const client = keyFromSeed('st-client');
  const worker = keyFromSeed('st-worker');
  const clientKey = Buffer.from(client.publicKey).toString('hex');
  let dev: DevnetChain;
  let chain: TonChainClient;
  let channel: Address;
  let ledger: MemoryLedger;
  let settler: Settler;
  const clock = fakeClock();
  let seq = 0n;

  const voucher = (amount: bigint, s = ++seq, globalId: number = NETWORK_GLOBAL_ID.devnet) =>
    voucherRow(client, channel, amount, s, clock.nowMs(), globalId);
  const claimedOnChain = async (a: Address = channel): Promise<bigint> => (await chain.getChannel(a))!.claimed;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [client.publicKey, worker.publicKey],
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    channel = await openChannelFromWallet(chain, client, {
      payee: dev.walletAddress(broker.publicKey),
      deposit: toNano('5'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
    ledger = new MemoryLedger();
    settler = startSettler({
      chain,
      ledger,
      brokerKey: broker,
      intervalMs: 0,
      clock,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      policy: { thresholdNano: toNano('1'), minClaimNano: toNano('0.05'), idleMs: 60_000 },
    });
    await settler.ledger.init();
    await settler.ledger.upsertAccount({ clientKey, channel: channel.toString(), depositNano: Number(toNano('5')) });
  });
  afterAll(async () => {
    await settler?.stop();
    await dev?.close();
  });

  it('flush() claims the latest voucher recorded in the ledger: on-chain claimed = its cumulative amount', async () => {
    expect((await settler.ledger.recordVoucher(voucher(toNano('0.3')))).ok).toBe(true);
    expect(settler.channels()).toMatchObject([
      { channel: channel.toString(), latestNano: toNano('0.3'), claimedOnChainNano: 0n },
    ]);
    await settler.flush();
    expect(await claimedOnChain()).toBe(toNano('0.3'));
    expect(settler.claimedTotal()).toBe(toNano('0.3'));
    expect(settler.claims).toMatchObject([{ amountNano: toNano('0.3'), deltaNano: toNano('0.3'), reason: 'close' }]);

    await settler.ledger.recordVoucher(voucher(toNano('0.4')));
    await settler.ledger.recordVoucher(voucher(toNano('0.5'))); // supersedes 0.4: one claim for both
    await settler.flush();
    expect(await claimedOnChain()).toBe(toNano('0.5'));
    expect(settler.claims.map((c) => c.deltaNano)).toEqual([toNano('0.3'), toNano('0.2')]);
  });

  it('tick() is lazy: claims at the threshold or after idleMs, not before', async () => {
    await settler.ledger.recordVoucher(voucher(toNano('0.9')));
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('0.5')); // 0.4 unclaimed < 1 TON threshold
    await settler.ledger.recordVoucher(voucher(toNano('1.6')));
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('1.6')); // 1.1 unclaimed >= threshold
    expect(settler.claims.at(-1)?.reason).toBe('threshold');

    await settler.ledger.recordVoucher(voucher(toNano('1.7')));
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('1.6'));
    clock.advance(60_000);
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('1.7'));
    expect(settler.claims.at(-1)?.reason).toBe('idle');
  });

  it('never re-sends a stale voucher (same, lower, or already claimed on-chain by an earlier process)', async () => {
    const w = openBrokerWallet(chain, broker);
    const seqno0 = await (await chain.walletSender(broker)).getSeqno();
    const same = voucher(toNano('1.7'), seq); // the voucher already claimed
    expect(settler.offerVoucher(same)).toBe(false);
    expect(settler.offerVoucher(voucher(toNano('1.2')))).toBe(false); // lower amount, higher seq
    await settler.flush();
    // A fresh settler (restart: nothing in memory) is handed the claimed voucher: it reads the channel and sends nothing.
    const fresh = startSettler({
      chain,
      brokerKey: broker,
      wallet: w,
      intervalMs: 0,
      pollMs: 10,
      confirmTimeoutMs: 2000,
    });
    expect(fresh.offerVoucher(same)).toBe(true);
    await fresh.flush();
    expect(fresh.channels()).toMatchObject([{ claimedOnChainNano: toNano('1.7'), lastError: null }]);
    expect(fresh.claims).toEqual([]);
    await fresh.stop();
    expect(await (await chain.walletSender(broker)).getSeqno()).toBe(seqno0); // no transaction at all
    expect(await claimedOnChain()).toBe(toNano('1.7'));
  });

  it('refuses vouchers it cannot claim (bad signature, other channel, other network, amount mismatch) without sending', () => {
    expect(settler.offerVoucher(voucher(toNano('4'), seq + 1n, NETWORK_GLOBAL_ID.mainnet))).toBe(false);
    expect(settler.offerVoucher(voucher(toNano('4'), seq + 1n, NETWORK_GLOBAL_ID.testnet))).toBe(false);
    const good = voucher(toNano('4'));
    expect(settler.offerVoucher({ ...good, signature: new Uint8Array(64) })).toBe(false);
    expect(settler.offerVoucher({ ...good, cumulativeNano: Number(toNano('3')) })).toBe(false);
    expect(settler.offerVoucher({ ...good, channel: dev.registry.toString() })).toBe(false);
    expect(settler.offerVoucher({ ...good, voucher: new Uint8Array([1, 2, 3]) })).toBe(false);
  });

  it('a failed send leaves the state intact; the next pass claims', async () => {
    const proxy = await flakyProxy(dev.url);
    try {
      const flakyChain = new TonChainClient({ network: 'devnet', endpoint: proxy.url });
      const s = startSettler({
        chain: flakyChain,
        brokerKey: broker,
        intervalMs: 0,
        pollMs: 10,
        confirmTimeoutMs: 2000,
      });
      expect(s.offerVoucher(voucher(toNano('2')))).toBe(true);
      proxy.failSends = 1;
      await s.flush();
      expect(proxy.failSends).toBe(0);
      expect(s.channels()).toMatchObject([
        { latestNano: toNano('2'), claimedOnChainNano: toNano('1.7'), lastError: 'BROKER_CHAIN_SEND_FAILED' },
      ]);
      expect(s.claims).toEqual([]);
      expect(await claimedOnChain()).toBe(toNano('1.7'));
      await s.flush();
      expect(s.channels()).toMatchObject([{ claimedOnChainNano: toNano('2'), lastError: null }]);
      expect(await claimedOnChain()).toBe(toNano('2'));
      await s.stop();
    } finally {
      await proxy.close();
    }
  });

  it('pays workers with broker vouchers covering their receipts (minus the broker fee), capped at the deposit', async () => {
    const workerWallet = dev.walletAddress(worker.publicKey);
    const wch = await openChannelFromWallet(chain, broker, {
      payee: workerWallet,
      deposit: toNano('2'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
    const delivered: bigint[] = [];
    const workerId = 'w-1';
    const s = startSettler({
      chain,
      ledger,
      brokerKey: broker,
      intervalMs: 0,
      pollMs: 10,
      confirmTimeoutMs: 2000,
      workers: {
        channelOf: (id) => (id === workerId ? wch : null),
        brokerFeeBps: 1000,
        onVoucher: (_id, v) => void delivered.push(v.amount),
      },
    });
    const rec = (requestId: string, charge: bigint) => ({
      requestId,
      clientKey,
      workerId,
      receipt: new Uint8Array(8),
      signature: new Uint8Array(64),
      chargeNano: Number(charge),
      atMs: clock.nowMs(),
    });
    await s.ledger.recordReceipt(rec('r1', toNano('1')));
    await s.ledger.recordReceipt(rec('r2', toNano('1')));
    await s.ledger.recordReceipt(rec('r2', toNano('1'))); // replay: not charged, not counted
    s.noteReceipt({ workerId: 'unknown-worker', chargeNano: 5 });
    await s.flush();
    expect(delivered).toEqual([toNano('1.8')]);
    expect(s.workerVoucher(workerId)?.globalId).toBe(NETWORK_GLOBAL_ID.devnet); // claimable on this chain only
    expect(s.workers()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workerId, owedNano: toNano('1.8'), signedNano: toNano('1.8'), lastError: null }),
        expect.objectContaining({ workerId: 'unknown-worker', lastError: 'BROKER_CHAIN_CHANNEL_UNAVAILABLE' }),
      ]),
    );

    // The worker claims the broker's voucher from its own wallet: paid exactly what its receipts cover.
    const ww = await chain.walletSender(worker);
    const n = await ww.getSeqno().catch(() => 0);
    await claimVoucher(chain, wch, s.workerVoucher(workerId)!, ww.sender);
    await ww.waitForSeqno(n, { intervalMs: 10, timeoutMs: 5000 });
    expect(await claimedOnChain(wch)).toBe(toNano('1.8'));

    // More receipts than the deposit covers: signed up to the deposit, the shortfall reported.
    await s.ledger.recordReceipt(rec('r3', toNano('1')));
    await s.flush();
    expect(delivered).toEqual([toNano('1.8'), toNano('2')]);
    expect(s.workers().find((w) => w.workerId === workerId)).toMatchObject({
      owedNano: toNano('2.7'),
      signedNano: toNano('2'),
      lastError: 'BROKER_CHAIN_CHANNEL_UNAVAILABLE',
    });
    expect(s.workerVoucher(workerId)?.seq).toBe(2n);
    await s.stop();
  });

  it('claims before the deadline when the payer starts a unilateral close (and the directory stops extending credit)', async () => {
    await settler.ledger.recordVoucher(voucher(toNano('2.1')));
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('2')); // 0.1 unclaimed: below threshold, not idle
    const cw = await chain.walletSender(client);
    const n = await cw.getSeqno();
    await chain.open(PaymentChannel.createFromAddress(channel)).sendStartClose(cw.sender);
    await cw.waitForSeqno(n, { intervalMs: 10, timeoutMs: 5000 });
    const dir = new ChainChannelDirectory({ chain, brokerWallet: dev.walletAddress(broker.publicKey) });
    dir.register(client.publicKey, channel);
    expect(await dir.lookup(client.publicKey)).toMatchObject({
      channel: channel.toString(),
      depositNano: Number(toNano('2')),
      view: { status: 'closing', deposit: toNano('5'), claimed: toNano('2') },
    });

    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('2')); // deadline far away (chain time T0 + 1 day)
    clock.advance((T0 + 86_400) * 1000 - 600_000 - clock.nowMs());
    await settler.tick();
    expect(await claimedOnChain()).toBe(toNano('2.1'));
    expect(settler.claims.at(-1)?.reason).toBe('close');
  });
});
