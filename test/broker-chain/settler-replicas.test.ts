/**
 * Two broker replicas settling from one PostgreSQL ledger and one highload wallet on the devnet chain: only the
 * replica holding the settler lock claims (vouchers recorded by either replica), a standby sends nothing, the standby
 * takes over when the leader's connection dies, no claim is sent twice and no query id is used twice.
 */
import { type Address, toNano } from '@ton/core';
import { Client } from 'pg';
import { TonChainClient } from '../../contracts';
import { HighloadWallet, HIGHLOAD_DEFAULT_SUBWALLET, highloadWalletCode } from '../../contracts/wrappers';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { PostgresLedger } from '../../broker/ledger';
import { openBrokerWallet, type Settler } from '../../broker/chain';
import { coordinateReplicas, type ReplicaCoordination } from '../../broker/chain/settler-replicas';
import type { Clock } from '../../core/clock';
import { testPgUrl } from '../ledger/pg-probe';
import { fakeClock, keyFromSeed, openChannelFromWallet, startTestSettler, T0, voucherRow } from './helpers';

const PG = testPgUrl('settler replicas');
const describePg = PG ? describe : describe.skip;
const started = Date.now();
const ticking: Clock = { now: () => new Date(T0 * 1000 + Date.now() - started) };

describePg('settler replicas on one PostgreSQL ledger (devnet)', () => {
  const broker = keyFromSeed('rep-broker');
  const client = keyFromSeed('rep-client');
  const clientKey = Buffer.from(client.publicKey).toString('hex');
  const schema = `chrysalis_srep_${process.pid}_${Date.now().toString(36)}`;
  const address = HighloadWallet.createFromConfig(
    { publicKey: broker.publicKey, subwalletId: HIGHLOAD_DEFAULT_SUBWALLET, timeout: 1800 },
    highloadWalletCode(),
  ).address;
  const clock = fakeClock();
  const queryIds: number[] = [];
  let dev: DevnetChain;
  let chain: TonChainClient;
  let channel: Address;
  let seq = 0n;
  const ledgers: PostgresLedger[] = [];

  const voucher = (amount: bigint) => voucherRow(client, channel, amount, ++seq, clock.nowMs());
  /** One replica: its own ledger connection, election, wallet instance (query ids from the database) and settler. */
  const replica = async (id: string, retryMs: number): Promise<{ s: Settler; rc: ReplicaCoordination }> => {
    const ledger = new PostgresLedger(`${PG}?application_name=${schema}_${id}`, { schema, replicaId: id, max: 4 });
    ledgers.push(ledger);
    await ledger.init();
    const rc = await coordinateReplicas(ledger, { walletVersion: 'highload-v3', retryMs });
    const wallet = openBrokerWallet(chain, broker, {
      version: 'highload-v3',
      pollMs: 10,
      confirmTimeoutMs: 5000,
      highload: {
        clock: ticking,
        createdAtSlackS: 600,
        resendMs: 50,
        queryIds: async () => {
          const q = await rc.chainOptions.highload!.queryIds();
          queryIds.push(q);
          return q;
        },
      },
    });
    const s = await startTestSettler({
      chain,
      ledger,
      brokerKey: broker,
      wallet,
      clock,
      ...rc.chainOptions.settlement,
    });
    return { s, rc };
  };
  const claimedOnChain = async (): Promise<bigint> => (await chain.getChannel(channel))!.claimed;
  const claimRows = async () => {
    const c = new Client({ connectionString: PG });
    await c.connect();
    try {
      return (await c.query(`SELECT cumulative_nano FROM ${schema}.claims ORDER BY cumulative_nano`)).rows.map((r) =>
        Number(r.cumulative_nano),
      );
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000', wallet: address }],
      fundWallets: [client.publicKey],
    });
    await dev.deployer.send({ to: address, value: toNano('100'), bounce: false });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    channel = await openChannelFromWallet(chain, client, {
      payee: address,
      deposit: toNano('5'),
      closeDelay: 86_400,
      code: dev.codes.paymentChannel,
    });
  });
  afterAll(async () => {
    for (const l of ledgers) await l.close().catch(() => undefined);
    const c = new Client({ connectionString: PG });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    await dev?.close();
  });

  it('only the leader claims; the standby takes over when the leader dies; nothing claimed or query id used twice', async () => {
    // Replica a retries once a minute: once cut off it stays down, like a dead process.
    const a = await replica('a', 60_000);
    const b = await replica('b', 50);
    expect([a.rc.election!.isLeader(), b.rc.election!.isLeader()]).toEqual([true, false]);
    await a.s.ledger.upsertAccount({ clientKey, channel: channel.toString(), depositNano: Number(toNano('5')) });

    // A voucher recorded by the standby is claimed by the leader (it re-reads the shared ledger each pass).
    expect((await b.s.ledger.recordVoucher(voucher(toNano('0.3')))).ok).toBe(true);
    await b.s.flush();
    expect(queryIds).toEqual([]); // the standby sent nothing
    await a.s.flush();
    expect(await claimedOnChain()).toBe(toNano('0.3'));
    expect(a.s.claims).toHaveLength(1);

    // The leader records another voucher and dies before claiming it.
    expect((await a.s.ledger.recordVoucher(voucher(toNano('0.5')))).ok).toBe(true);
    const c = new Client({ connectionString: PG });
    await c.connect();
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      `${schema}_a`,
    ]);
    await c.end();
    for (let i = 0; i < 500 && !b.rc.election!.isLeader(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(b.rc.election!.isLeader()).toBe(true);
    expect(a.rc.election!.isLeader()).toBe(false);
    const sent = queryIds.length;
    await a.s.flush(); // without the lock: no claim
    expect(queryIds.length).toBe(sent);
    await b.s.flush();
    expect(await claimedOnChain()).toBe(toNano('0.5'));
    expect(b.s.claims).toMatchObject([{ amountNano: toNano('0.5'), deltaNano: toNano('0.2') }]);

    // Nothing twice: a second flush sends nothing; the ledger holds each claim once; every query id distinct.
    const n = queryIds.length;
    await b.s.flush();
    expect(queryIds.length).toBe(n);
    expect(await claimRows()).toEqual([Number(toNano('0.3')), Number(toNano('0.5'))]);
    expect(new Set(queryIds).size).toBe(queryIds.length);
    await a.s.stop();
    await b.s.stop();
    await a.rc.stop();
    await b.rc.stop();
  });
});
