import { type Address, toNano } from '@ton/core';
import { encodeVoucherBoc, NETWORK_GLOBAL_ID, signVoucher, TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { startSettler, type Settler } from '../../broker/chain';
import type { ClaimPolicy } from '../../broker/chain/settler-policy';
import { fakeClock, keyFromSeed, openChannelFromWallet, T0 } from './helpers';

describe('settler claim policy on the devnet: no dust at stop, exposure cap', () => {
  const broker = keyFromSeed('sp-broker');
  const clients = [keyFromSeed('sp-client-a'), keyFromSeed('sp-client-b')];
  let dev: DevnetChain;
  let chain: TonChainClient;
  const channels: Address[] = [];
  const clock = fakeClock();
  const seqs = [0n, 0n];

  const voucher = (i: number, amount: bigint) => {
    const k = clients[i]!;
    const v = signVoucher(
      { channel: channels[i]!, globalId: NETWORK_GLOBAL_ID.devnet, amount, seq: ++seqs[i]! },
      k.secretKey,
    );
    return {
      clientKey: Buffer.from(k.publicKey).toString('hex'),
      channel: channels[i]!.toString(),
      cumulativeNano: Number(amount),
      seq: Number(v.seq),
      voucher: encodeVoucherBoc(v),
      signature: v.signature,
      atMs: clock.nowMs(),
    };
  };
  const claimed = async (i: number): Promise<bigint> => (await chain.getChannel(channels[i]!))!.claimed;
  const settler = async (ledger: MemoryLedger, policy: Partial<ClaimPolicy>): Promise<Settler> => {
    const s = startSettler({
      chain,
      ledger,
      brokerKey: broker,
      intervalMs: 0,
      clock,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      policy,
    });
    await s.ledger.init();
    for (const [i, c] of clients.entries())
      await s.ledger.upsertAccount({
        clientKey: Buffer.from(c.publicKey).toString('hex'),
        channel: channels[i]!.toString(),
        depositNano: Number(toNano('5')),
      });
    return s;
  };

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: clients.map((c) => c.publicKey),
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    for (const c of clients)
      channels.push(
        await openChannelFromWallet(chain, c, {
          payee: dev.walletAddress(broker.publicKey),
          deposit: toNano('5'),
          closeDelay: 86_400,
          code: dev.codes.paymentChannel,
        }),
      );
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('stop() claims nothing below the policy (the voucher stays in the ledger); flush() claims it', async () => {
    const ledger = new MemoryLedger();
    const s1 = await settler(ledger, {});
    expect((await s1.ledger.recordVoucher(voucher(0, toNano('0.2')))).ok).toBe(true);
    await s1.stop();
    expect(await claimed(0)).toBe(0n);
    expect(s1.claims).toEqual([]);
    expect((await ledger.unclaimedVouchers()).map((v) => v.cumulativeNano)).toEqual([Number(toNano('0.2'))]);

    const s2 = await settler(ledger, {});
    await s2.flush();
    expect(await claimed(0)).toBe(toNano('0.2'));
    expect(s2.claims).toMatchObject([{ deltaNano: toNano('0.2'), reason: 'close' }]);
    await s2.stop();
  });

  it('the exposure cap claims the largest channel first, once the total passes it', async () => {
    const ledger = new MemoryLedger();
    const s = await settler(ledger, { thresholdNano: toNano('10'), exposureCapNano: toNano('1') });
    await s.ledger.recordVoucher(voucher(0, toNano('0.7'))); // 0.5 unclaimed
    await s.ledger.recordVoucher(voucher(1, toNano('0.4')));
    await s.tick();
    expect([await claimed(0), await claimed(1)]).toEqual([toNano('0.2'), 0n]); // 0.9 <= 1 TON cap
    await s.ledger.recordVoucher(voucher(1, toNano('0.6'))); // 0.5 + 0.6 > 1 TON
    await s.tick();
    expect([await claimed(0), await claimed(1)]).toEqual([toNano('0.2'), toNano('0.6')]);
    expect(s.claims).toMatchObject([{ deltaNano: toNano('0.6'), reason: 'exposure' }]);
    await s.stop();
    expect(await claimed(0)).toBe(toNano('0.2')); // 0.5 below the policy: not claimed at stop
  });
});
