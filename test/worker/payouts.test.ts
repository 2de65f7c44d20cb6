/**
 * Worker payouts end to end on the devnet sandbox chain (TonClient -> toncenter-v2 HTTP -> sandbox) and a fake broker
 * on the real link: broker -> worker vouchers are checked against the channel on chain, kept in payouts.sqlite,
 * claimed over the threshold (the payout address's balance grows), refused with typed codes when bad, and the unpaid
 * bound stops and resumes dispatch.
 *
 * Claims go from the worker's operating wallet; the channel pays the separate payout address, which only receives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, toNano } from '@ton/core';
import { NETWORK_GLOBAL_ID, type TonChainClient, type Voucher } from '../../contracts';
import { type DevnetChain } from '../../devnet/chain';
import { connectBroker, type BrokerLink } from '../../enclave-runtime/broker-link';
import { Payouts, PayoutStore } from '../../enclave-runtime/payouts';
import { signReceipt } from '../../attestation/receipt/receipt';
import { keyFromSeed, openChannelFromWallet } from '../broker-chain/helpers';
import { startFakeBroker, type FakeBroker } from './fake-broker';
import {
  admit,
  broker,
  chargingWorker,
  deliver,
  frame,
  operating,
  startPayoutChain,
  stranger,
} from './payouts-fixture';

let dev: DevnetChain;
let chain: TonChainClient;
let payout: Address;
let channel: Address;
let otherPayeeChannel: Address;
let nonce = 10n;

/** A new broker -> worker channel paying `payout` (tests do not share claimed amounts). */
async function freshChannel(): Promise<Address> {
  return openChannelFromWallet(chain, broker, {
    payee: payout,
    deposit: toNano('10'),
    closeDelay: 86_400,
    nonce: nonce++,
    code: dev.codes.paymentChannel,
  });
}

beforeAll(async () => {
  ({ dev, chain, payout, channel, otherPayeeChannel } = await startPayoutChain());
}, 60_000);
afterAll(async () => {
  await dev?.close();
});

const voucher = (amount: bigint, seq: bigint, over: Partial<Voucher> = {}): Voucher => ({
  channel,
  globalId: dev.globalId,
  amount,
  seq,
  ...over,
});

describe('worker payouts over the broker link', () => {
  let fb: FakeBroker;
  let dir: string;
  let payouts: Payouts;
  let link: BrokerLink;
  const logged: string[] = [];

  beforeEach(async () => {
    fb = await startFakeBroker();
    dir = mkdtempSync(join(tmpdir(), 'payouts-'));
    logged.length = 0;
  });
  afterEach(async () => {
    await link?.close();
    await payouts?.close();
    await fb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(o: { threshold: bigint; maxUnpaid?: bigint; charge?: bigint }): void {
    payouts = new Payouts({
      store: dir,
      chain,
      network: 'devnet',
      payoutAddress: payout,
      operatingWallet: { publicKey: operating.publicKey, secretKey: operating.secretKey },
      claimThresholdNano: o.threshold,
      ...(o.maxUnpaid !== undefined ? { maxUnpaidNano: o.maxUnpaid } : {}),
      brokerFeeBps: 1000,
      claim: { pollMs: 10, timeoutMs: 10_000 },
      logger: {
        info: (x) => logged.push(String((x as { event?: string }).event)),
        warn: (x) => logged.push(String((x as { event?: string }).event)),
      },
    });
    link = connectBroker({
      url: fb.url,
      worker: chargingWorker(o.charge ?? 0n),
      reconnect: { enabled: false },
      payouts: payouts.forBroker(fb.url),
    });
  }

  it('keeps a valid voucher, claims it once over the threshold, and the payout balance grows', async () => {
    start({ threshold: toNano('1') });
    const peer = await admit(fb, link);

    const small = await deliver(peer, link, frame(voucher(toNano('0.5'), 1n)));
    expect(small).toMatchObject({ amount: toNano('0.5'), seq: 1n, claimed: 0n });
    expect((await chain.getChannel(channel))!.claimed).toBe(0n);

    // The same voucher again (a broker re-send): accepted, nothing changes.
    expect(await deliver(peer, link, frame(voucher(toNano('0.5'), 1n)))).toMatchObject({ seq: 1n, claimed: 0n });

    const before = await chain.getBalance(payout);
    const big = await deliver(peer, link, frame(voucher(toNano('2'), 2n)));
    expect(big).toMatchObject({ amount: toNano('2'), seq: 2n, claimed: toNano('2') });
    expect((await chain.getChannel(channel))!.claimed).toBe(toNano('2'));
    // The payout wallet receives the delta and pays only its own receive compute; the claim's fees are the
    // operating wallet's.
    expect(await chain.getBalance(payout)).toBeGreaterThan(before + toNano('1.99'));
    expect(logged).toEqual(expect.arrayContaining(['payout_voucher', 'payout_claimed']));

    // Persisted: a fresh store over the same dir sees the kept, claimed voucher.
    const again = new PayoutStore(dir);
    expect(again.get(channel.toString())).toMatchObject({ amount: toNano('2'), claimed: toNano('2') });
    again.close();
  }, 60_000);

  it('refuses bad vouchers with typed codes and keeps what it had', async () => {
    channel = await freshChannel();
    start({ threshold: toNano('100') });
    const peer = await admit(fb, link);
    const kept = await deliver(peer, link, frame(voucher(toNano('3'), 10n)));
    expect(kept).toMatchObject({ amount: toNano('3'), seq: 10n });

    const bad: [string, ReturnType<typeof frame>][] = [
      ['PAYOUT_WRONG_PAYEE', frame(voucher(toNano('0.5'), 1n, { channel: otherPayeeChannel }))],
      ['VOUCHER_WRONG_NETWORK', frame(voucher(toNano('4'), 11n, { globalId: NETWORK_GLOBAL_ID.testnet }))],
      ['VOUCHER_BAD_SIGNATURE', frame(voucher(toNano('4'), 11n), stranger)],
      ['PAYOUT_VOUCHER_STALE', frame(voucher(toNano('2'), 11n))],
      ['PAYOUT_VOUCHER_STALE', frame(voucher(toNano('4'), 10n))],
      ['VOUCHER_ABOVE_DEPOSIT', frame(voucher(toNano('11'), 11n))],
      ['PAYOUT_NOT_A_CHANNEL', frame(voucher(toNano('1'), 1n, { channel: payout }))],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), cumulativeNano: 5 }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), voucher: new Uint8Array([1, 2, 3]) }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), signature: new Uint8Array(3) }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), channel: 'not an address' }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), channel: otherPayeeChannel.toString() }],
    ];
    for (const [code, f] of bad) {
      expect({ code, got: await deliver(peer, link, f) }).toEqual({ code, got: { code } });
    }
    expect(payouts.store.all()).toEqual([expect.objectContaining({ amount: toNano('3'), seq: 10n, claimed: 0n })]);
    expect(logged.filter((e) => e === 'payout_voucher_refused')).toHaveLength(bad.length);
  }, 60_000);

  it('stops dispatch from a broker that owes more than the bound, and resumes once a voucher catches up', async () => {
    // Each receipt charges 1 TON, of which the worker earns 0.9 (brokerFeeBps 1000); bound: 1.5 TON unpaid.
    channel = await freshChannel();
    start({ threshold: toNano('100'), maxUnpaid: toNano('1.5'), charge: toNano('1') });
    const peer = await admit(fb, link);
    const serve = async (id: string): Promise<string> => {
      peer.send({ request: { requestId: id, sealed: new Uint8Array([1]), channel: 'c', maxCostNano: 1 } });
      for (;;) {
        const f = peer.frames.find((x) => (x.receipt?.requestId ?? x.failed?.requestId) === id);
        if (f) return f.receipt ? 'receipt' : f.failed!.code!;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    expect(await serve('r1')).toBe('receipt');
    expect(await serve('r2')).toBe('receipt');
    expect(payouts.unpaid(fb.url)).toBe(toNano('1.8'));
    expect(await serve('r3')).toBe('WORKER_UNPAID');
    expect(logged).toContain('payout_unpaid');

    await deliver(peer, link, frame(voucher(toNano('1.8'), 20n)));
    expect(payouts.unpaid(fb.url)).toBe(0n);
    expect(logged).toContain('payout_resumed');
    expect(await serve('r4')).toBe('receipt');
  }, 60_000);
});

describe('payouts without a live link', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'payouts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts earned from receipt bytes when the worker gives no fields', async () => {
    channel = await freshChannel();
    const fb = await startFakeBroker();
    const store = new PayoutStore(join(dir, 'x.sqlite'));
    const payouts = new Payouts({
      store,
      chain,
      network: 'devnet',
      payoutAddress: payout.toString(),
      claimThresholdNano: 1n,
      brokerFeeBps: 0,
    });
    const workerKey = keyFromSeed('po-receipt');
    const { bytes, signature } = signReceipt(
      {
        requestDigest: new Uint8Array(32),
        responseDigest: new Uint8Array(32),
        modelId: new Uint8Array(32),
        promptTokens: 2,
        completionTokens: 3,
        promptPriceNano: 10n,
        completionPriceNano: 100n,
        channel: channel.toString(),
        seq: 1n,
        workerKey: workerKey.publicKey,
      },
      workerKey.secretKey.subarray(0, 32),
    );
    let n = 0;
    const link = connectBroker({
      url: fb.url,
      reconnect: { enabled: false },
      payouts: payouts.forBroker('b'),
      worker: {
        bundle: async (c) => c,
        handle: async function* () {
          yield n++ === 0 ? { receipt: bytes, signature } : { receipt: new Uint8Array([7]), signature };
        },
      },
    });
    const peer = await admit(fb, link);
    peer.send({ request: { requestId: 'a', sealed: new Uint8Array([1]), maxCostNano: 1 } });
    await peer.next('receipt');
    peer.send({ request: { requestId: 'b', sealed: new Uint8Array([1]), maxCostNano: 1 } });
    await peer.next('receipt');
    expect(payouts.earned('b')).toBe(320n);
    expect(payouts.forBroker('b').refusal()).toBeUndefined(); // no bound configured

    // Kept voucher without an operating wallet: never claimed.
    const kept = await payouts.forBroker('b').onVoucher(frame(voucher(toNano('0.1'), 30n)));
    expect(kept.claimed).toBe(0n);
    expect(await payouts.claimDue(1n)).toEqual([
      { channel: channel.toString(), amount: toNano('0.1'), code: 'PAYOUT_NO_OPERATING_WALLET' },
    ]);
    await link.close();
    await payouts.close();
    await fb.close();
  }, 30_000);

  it('ignores voucher frames on a link without payouts', async () => {
    const fb = await startFakeBroker();
    const events: string[] = [];
    const link = connectBroker({
      url: fb.url,
      reconnect: { enabled: false },
      worker: chargingWorker(0n),
      logger: { info: () => undefined, warn: (o) => events.push(String((o as { event?: string }).event)) },
    });
    const peer = await admit(fb, link);
    peer.send({ workerVoucher: frame(voucher(1n, 1n)) });
    for (let i = 0; i < 200 && !events.includes('link_voucher_ignored'); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(events).toContain('link_voucher_ignored');
    await link.close();
    await fb.close();
  });
});
