import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, toNano } from '@ton/core';
import { TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger, SqliteLedger, type LedgerRepository } from '../../broker/ledger';
import { openBrokerWallet, type BrokerWallet, type Settler } from '../../broker/chain';
import { fakeClock, keyFromSeed, openChannelFromWallet, startTestSettler, T0, voucherRow } from './helpers';

/** The settler's state survives a broker restart through the ledger (SQLite file): nothing is lost, nothing claimed twice. */
describe('settler restart with a durable ledger (devnet)', () => {
  const broker = keyFromSeed('rs-broker');
  const client = keyFromSeed('rs-client');
  const worker = keyFromSeed('rs-worker');
  const clientKey = Buffer.from(client.publicKey).toString('hex');
  const workerId = 'w-restart';
  const clock = fakeClock();
  let dev: DevnetChain;
  let chain: TonChainClient;
  let wallet: BrokerWallet;
  let channel: Address;
  let workerChannel: Address;
  let dir: string;
  let file: string;
  let seq = 0n;
  const delivered: { amount: bigint; seq: bigint }[] = [];

  const voucher = (amount: bigint) => voucherRow(client, channel, amount, ++seq, clock.nowMs());
  const receipt = (requestId: string, charge: bigint) => ({
    requestId,
    clientKey,
    workerId,
    receipt: new Uint8Array(8),
    signature: new Uint8Array(64),
    chargeNano: Number(charge),
    atMs: clock.nowMs(),
  });
  /** A broker start: a fresh settler over a fresh SqliteLedger on the same file (nothing in memory). */
  const boot = (ledger: LedgerRepository = new SqliteLedger(file)): Promise<Settler> =>
    startTestSettler({
      chain,
      ledger,
      brokerKey: broker,
      wallet,
      clock,
      workers: {
        channelOf: (id) => (id === workerId ? workerChannel : null),
        brokerFeeBps: 1000,
        onVoucher: (_id, v) => void delivered.push({ amount: v.amount, seq: v.seq }),
      },
    });
  const claimedOnChain = async (): Promise<bigint> => (await chain.getChannel(channel))!.claimed;
  const seqno = async (): Promise<number> => (await chain.walletSender(broker)).getSeqno();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-settle-'));
    file = join(dir, 'ledger.sqlite');
    dev = await startDevnetChain({
      now: T0,
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [client.publicKey, worker.publicKey],
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    wallet = openBrokerWallet(chain, broker, { pollMs: 10, confirmTimeoutMs: 5000 });
    channel = await openChannelFromWallet(chain, client, {
      payee: dev.walletAddress(broker.publicKey),
      deposit: toNano('5'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
    workerChannel = await openChannelFromWallet(chain, broker, {
      payee: dev.walletAddress(worker.publicKey),
      deposit: toNano('10'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
  });
  afterAll(async () => {
    await dev?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a voucher recorded before a restart is claimed by flush() after it, once; worker payments continue', async () => {
    // First run: one claim and one worker voucher, then more is recorded and the broker stops without claiming.
    const s1 = await boot();
    await s1.ledger.upsertAccount({ clientKey, channel: channel.toString(), depositNano: Number(toNano('5')) });
    expect((await s1.ledger.recordVoucher(voucher(toNano('0.3')))).ok).toBe(true);
    await s1.ledger.recordReceipt(receipt('r1', toNano('1')));
    await s1.flush();
    expect(await claimedOnChain()).toBe(toNano('0.3'));
    expect(delivered).toEqual([{ amount: toNano('0.9'), seq: 1n }]);
    expect((await s1.ledger.recordVoucher(voucher(toNano('0.5')))).ok).toBe(true);
    await s1.ledger.recordReceipt(receipt('r2', toNano('1')));
    await s1.stop(); // claimOnStop: false — the 0.5 voucher stays unclaimed
    await s1.ledger.close();
    expect(await claimedOnChain()).toBe(toNano('0.3'));

    // Restart: the client sends nothing new; the settler loaded the 0.5 voucher and the worker totals.
    const s2 = await boot();
    expect(s2.channels()).toMatchObject([{ channel: channel.toString(), latestNano: toNano('0.5'), latestSeq: 2n }]);
    expect(s2.workers()).toMatchObject([{ workerId, owedNano: toNano('1.8'), signedNano: toNano('0.9') }]);
    expect(s2.workerVoucher(workerId)).toMatchObject({ amount: toNano('0.9'), seq: 1n });
    await s2.flush();
    expect(await claimedOnChain()).toBe(toNano('0.5'));
    expect(s2.claims).toMatchObject([{ amountNano: toNano('0.5'), deltaNano: toNano('0.2'), seq: 2n }]);
    expect(await s2.ledger.lastClaim(channel.toString())).toMatchObject({
      cumulativeNano: Number(toNano('0.5')),
      seq: 2,
    });
    // The worker gets one cumulative voucher for both receipts, continuing the recorded seq.
    expect(delivered).toEqual([
      { amount: toNano('0.9'), seq: 1n },
      { amount: toNano('1.8'), seq: 2n },
    ]);

    // No double claim: flushing again, or restarting again, sends nothing.
    const n = await seqno();
    await s2.flush();
    expect(s2.claims).toHaveLength(1);
    await s2.stop();
    await s2.ledger.close();
    const s3 = await boot();
    expect(s3.channels()).toEqual([]); // fully claimed: nothing loaded
    expect(s3.workers()).toMatchObject([{ workerId, owedNano: toNano('1.8'), signedNano: toNano('1.8') }]);
    await s3.flush();
    expect(s3.claims).toEqual([]);
    expect(await seqno()).toBe(n); // no transaction at all
    expect(delivered).toHaveLength(2);
    expect(await claimedOnChain()).toBe(toNano('0.5'));
    await s3.stop();
    await s3.ledger.close();
  });

  it('a claim made on-chain but never recorded (crash in between) is not re-sent, and gets recorded', async () => {
    // A ledger that holds the 0.5 voucher but no claim for it, as if the broker died right after claiming.
    const ledger = new MemoryLedger();
    await ledger.init();
    await ledger.upsertAccount({ clientKey, channel: channel.toString(), depositNano: Number(toNano('5')) });
    const sqlite = new SqliteLedger(file);
    await sqlite.init();
    await ledger.recordVoucher((await sqlite.latestVoucher(channel.toString()))!);
    await sqlite.close();
    const n = await seqno();
    const s = await boot(ledger);
    expect(s.channels()).toMatchObject([{ latestNano: toNano('0.5') }]);
    await s.flush();
    expect(s.claims).toEqual([]);
    expect(await seqno()).toBe(n);
    expect(await ledger.lastClaim(channel.toString())).toMatchObject({ cumulativeNano: Number(toNano('0.5')), seq: 2 });
    expect(await ledger.unclaimedVouchers()).toEqual([]);
    await s.stop();
  });
});
