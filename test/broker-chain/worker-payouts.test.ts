/**
 * Paying GPU owners, broker side, on the devnet chain with a real broker and raw worker sessions: admission learns the
 * worker's payout address (and refuses a worker without a valid one), the settler opens and funds the broker -> worker
 * channel to that address, tops it up, and delivers `worker_voucher` frames over the worker's live session (the latest
 * again when the worker comes back). The worker's OPERATING wallet claims; the payout address receives exactly delta.
 */
import { Address, toNano } from '@ton/core';
import { claimVoucher, decodeVoucherBoc, TonChainClient, verifyVoucher, type SignedVoucher } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { BrokerChainError, startBrokerChain, WorkerPayoutBook, type BrokerChain } from '../../broker/chain';
import { parsePayoutAddress } from '../../broker/services/worker-session';
import { FakeWorker, startHarness, waitFor, type Harness, type v1 } from '../broker/helpers';
import { raw, type Raw } from '../broker/raw-worker';
import { hexId, keyFromSeed, T0 } from './helpers';

type BrokerFrame = InstanceType<typeof v1.BrokerFrame>;

/** Hello (with `payoutAddress`), challenge, bundle; returns the admission frame. */
async function admit(w: Raw, fw: FakeWorker, payoutAddress?: string): Promise<BrokerFrame> {
  w.send({ hello: { protocolVersion: 1, ...(payoutAddress !== undefined ? { payoutAddress } : {}) } });
  // A refused Hello gets an admission frame instead of a challenge.
  await waitFor(() => w.frames.some((f) => f.msg === 'challenge' || f.msg === 'admission'), 'challenge or refusal');
  if (w.frames.some((f) => f.msg === 'admission')) return w.next('admission');
  const c = (await w.next('challenge')).challenge!.challenge!;
  w.send({ bundle: { challenge: c, bundle: await fw.bundle(c) } });
  return w.next('admission');
}

function voucherOf(f: BrokerFrame): SignedVoucher & { earnedNano: bigint; channelText: string } {
  const wv = f.workerVoucher!;
  const v = decodeVoucherBoc(wv.voucher!);
  expect(BigInt(wv.cumulativeNano!.toString())).toBe(v.amount);
  return {
    ...v,
    signature: wv.signature!,
    earnedNano: BigInt(wv.earnedNano!.toString()),
    channelText: wv.channel!,
  };
}

describe('worker payouts over a real worker session (devnet chain)', () => {
  const broker = keyFromSeed('wp-broker');
  const operating = keyFromSeed('wp-operating'); // the worker's operating wallet: pays claim fees
  const owner = keyFromSeed('wp-owner'); // the GPU owner's payout wallet: only receives
  let dev: DevnetChain;
  let chain: TonChainClient;
  let bc: BrokerChain;
  let h: Harness;
  let payout: Address;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [hexId('wp-img')],
      platforms: [hexId('wp-plt')],
      models: [{ id: hexId('wp-mdl') }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [operating.publicKey, owner.publicKey],
      params: { brokerFeeBps: 1000, workerCloseDelay: 3600 },
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    // The payout wallet exists on chain (an active account): the bounceable payout is credited, not bounced.
    payout = dev.walletAddress(owner.publicKey);
    const ow = await chain.walletSender(owner);
    await ow.sender.send({ to: payout, value: toNano('0.01') });
    await ow.waitForSeqno(0, { intervalMs: 10, timeoutMs: 5000 });
    bc = await startBrokerChain({
      chain,
      registry: dev.registry,
      brokerKey: broker,
      ledger: new MemoryLedger(),
      paymentChannelCode: dev.codes.paymentChannel,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      settlement: { intervalMs: 0, claimOnStop: false },
      payWorkers: { depositNano: toNano('2') },
    });
    h = await startHarness({ workerPayouts: bc.deps.workerPayouts! });
  });
  afterAll(async () => {
    await h?.close();
    await bc?.stop();
    await dev?.close();
  });

  it('refuses a worker without a valid payout address at admission', async () => {
    for (const bad of [undefined, '', 'not-an-address', '0:zz', 'EQ' + 'A'.repeat(200)]) {
      const w = await raw(h);
      const a = await admit(w, new FakeWorker(), bad);
      expect(a.admission).toMatchObject({ ok: false, code: 'ADMISSION_PAYOUT_ADDRESS_INVALID' });
      await w.closed;
    }
    expect(h.log.records().some((r) => r.code === 'ADMISSION_PAYOUT_ADDRESS_INVALID')).toBe(true);
  });

  it('opens a channel to the payout address, sends worker_voucher frames, and the operating wallet claims for the payout address', async () => {
    const fw = new FakeWorker();
    const w = await raw(h);
    const a = await admit(w, fw, payout.toString({ bounceable: false })); // any address form is accepted
    expect(a.admission?.ok).toBe(true);
    const workerId = a.admission!.workerId!;
    expect(bc.workerPayouts!.payoutAddressOf(workerId)).toBe(payout.toRawString());

    bc.settler.noteReceipt({ workerId, chargeNano: toNano('1') });
    await bc.settler.flush();
    const f1 = voucherOf(await w.next('workerVoucher'));
    // 10 % broker fee: the worker's share of 1 TON.
    expect(f1).toMatchObject({ amount: toNano('0.9'), seq: 1n, earnedNano: toNano('0.9'), globalId: dev.globalId });
    expect(verifyVoucher(f1, broker.publicKey)).toBe(true);
    expect(Address.parse(f1.channelText).equals(f1.channel)).toBe(true);
    const ch = await chain.getChannel(f1.channel);
    expect(ch).toMatchObject({ deposit: toNano('2'), claimed: 0n, status: 'open', closeDelay: 3600 });
    expect(ch!.payee.equals(payout)).toBe(true);
    expect(ch!.payer.equals(bc.wallet.address)).toBe(true);

    // The operating wallet claims; the payout address receives exactly the delta and pays nothing.
    const before = await chain.getBalance(payout);
    const opw = await chain.walletSender(operating);
    const n = await opw.getSeqno().catch(() => 0);
    await claimVoucher(chain, f1.channel, f1, opw.sender);
    await opw.waitForSeqno(n, { intervalMs: 10, timeoutMs: 5000 });
    await waitFor(async () => (await chain.getChannel(f1.channel))?.claimed === toNano('0.9'), 'claim');
    const gained = (await chain.getBalance(payout)) - before;
    // A wallet's receive costs a little compute/storage of its own; the payout message itself carries exactly delta.
    expect(gained).toBeLessThanOrEqual(toNano('0.9'));
    expect(gained).toBeGreaterThan(toNano('0.899'));

    // More than the deposit is owed: the settler signs up to it, the next pass tops the channel up and signs the rest.
    bc.settler.noteReceipt({ workerId, chargeNano: toNano('2') });
    await bc.settler.flush();
    expect(voucherOf(await w.next('workerVoucher'))).toMatchObject({ amount: toNano('2'), earnedNano: toNano('2.7') });
    await bc.settler.flush();
    expect(voucherOf(await w.next('workerVoucher'))).toMatchObject({ amount: toNano('2.7'), seq: 3n });
    expect((await chain.getChannel(f1.channel))?.deposit).toBe(toNano('4'));

    // Not connected: the voucher is kept and sent when the worker is admitted again.
    w.ws.close();
    await w.closed;
    await waitFor(async () => {
      const list = (await (await fetch(`${h.broker.url}/v1/workers`)).json()) as { workers: unknown[] };
      return list.workers.length === 0;
    }, 'session gone');
    bc.settler.noteReceipt({ workerId, chargeNano: toNano('0.1') });
    await bc.settler.flush();
    const w2 = await raw(h);
    expect((await admit(w2, fw, payout.toRawString())).admission?.ok).toBe(true);
    expect(voucherOf(await w2.next('workerVoucher'))).toMatchObject({ amount: toNano('2.79'), seq: 4n });
    w2.ws.close();
    await w2.closed;
  });

  it('after a restart finds the open channel instead of deploying another; funding failures are retried or logged', async () => {
    const quiet = { info: () => undefined, warn: jest.fn(), error: () => undefined };
    const base = {
      chain,
      code: dev.codes.paymentChannel,
      closeDelay: 3600,
      depositNano: toNano('2'),
      pollMs: 10,
      timeoutMs: 200,
      logger: quiet,
    };
    const session = (workerId: string, payoutAddress: string) => ({
      workerId,
      connId: 'c',
      payoutAddress,
      sendVoucher: () => undefined,
    });
    // A fresh book over the same wallet (a restarted broker): the deterministic address is found on chain, funded.
    const again = new WorkerPayoutBook({ ...base, wallet: bc.wallet });
    again.admitted(session('w', payout.toRawString()));
    const ch = (await again.channelOf('w'))!;
    expect((await chain.getChannel(ch))?.deposit).toBe(toNano('4')); // no new deposit

    // A wallet whose sends fail: opening fails (and is retried on the next call), a top-up failure is only logged.
    const failing = {
      address: bc.wallet.address,
      publicKey: bc.wallet.publicKey,
      send: () => Promise.reject(new BrokerChainError('BROKER_CHAIN_SEND_FAILED', 'down')),
    };
    const broken = new WorkerPayoutBook({ ...base, wallet: failing });
    broken.admitted(session('new', new Address(0, Buffer.alloc(32, 5)).toRawString()));
    await expect(broken.channelOf('new')).rejects.toMatchObject({ code: 'BROKER_CHAIN_SEND_FAILED' });
    await expect(broken.channelOf('new')).rejects.toMatchObject({ code: 'BROKER_CHAIN_SEND_FAILED' });
    broken.admitted(session('w', payout.toRawString()));
    expect((await broken.channelOf('w'))!.equals(ch)).toBe(true);
    broken.onVoucher('w', {
      channel: ch,
      globalId: dev.globalId,
      amount: toNano('4'),
      seq: 9n,
      signature: new Uint8Array(64),
    });
    expect((await broken.channelOf('w'))!.equals(ch)).toBe(true); // top-up failed: the channel still serves up to its deposit
    expect(quiet.warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'worker_channel_topup', ok: false, code: 'BROKER_CHAIN_SEND_FAILED' }),
      expect.any(String),
    );

    // A send that is accepted but never shows on chain: BROKER_CHAIN_NOT_APPLIED.
    const silent = { ...failing, send: () => Promise.resolve(undefined as never) };
    const lost = new WorkerPayoutBook({ ...base, wallet: silent });
    lost.admitted(session('lost', new Address(0, Buffer.alloc(32, 6)).toRawString()));
    await expect(lost.channelOf('lost')).rejects.toMatchObject({ code: 'BROKER_CHAIN_NOT_APPLIED' });
  });
});

describe('WorkerPayoutBook edges', () => {
  it('has no channel for a worker never admitted, ignores its vouchers, and keeps the first payout address', async () => {
    const warn: string[] = [];
    const logger = {
      info: () => undefined,
      warn: (o: Record<string, unknown>) => void warn.push(String(o.event)),
      error: () => undefined,
    };
    const book = new WorkerPayoutBook({
      chain: {} as never,
      wallet: {} as never,
      code: {} as never,
      closeDelay: 3600,
      depositNano: 1n,
      logger: logger as never,
    });
    expect(await book.channelOf('nobody')).toBeNull();
    book.onVoucher('nobody', {} as never);
    const sent: unknown[] = [];
    const first = new Address(0, Buffer.alloc(32, 1));
    book.admitted({
      workerId: 'w',
      connId: 'c1',
      payoutAddress: first.toRawString(),
      sendVoucher: () => {
        throw new Error('socket gone');
      },
    });
    const v = {
      channel: new Address(0, Buffer.alloc(32, 9)),
      globalId: -4242,
      amount: 5n,
      seq: 1n,
      signature: new Uint8Array(64),
    };
    book.onVoucher('w', v); // the send throws: logged, kept
    expect(warn).toContain('worker_voucher');
    book.admitted({
      workerId: 'w',
      connId: 'c2',
      payoutAddress: new Address(0, Buffer.alloc(32, 2)).toRawString(),
      sendVoucher: (f) => void sent.push(f),
    });
    expect(warn).toContain('worker_payout_address');
    expect(book.payoutAddressOf('w')).toBe(first.toRawString());
    expect(sent).toEqual([expect.objectContaining({ cumulativeNano: 5n, earnedNano: 5n })]); // re-sent on admission
    book.ended('w', 'c1'); // an older session: the live one stays
    book.onVoucher('w', { ...v, amount: 6n, seq: 2n }, { earnedNano: 7n });
    expect(sent).toHaveLength(2);
    book.ended('w', 'c2');
    book.onVoucher('w', { ...v, amount: 8n, seq: 3n });
    expect(sent).toHaveLength(2);
    expect(book.payoutAddressOf('other')).toBeNull();
  });

  it('parsePayoutAddress: raw form of any address form; empty allowed only when not required', () => {
    const a = new Address(0, Buffer.alloc(32, 3));
    expect(parsePayoutAddress(a.toString(), true)).toBe(a.toRawString());
    expect(parsePayoutAddress(` ${a.toRawString()} `, true)).toBe(a.toRawString());
    expect(parsePayoutAddress('', false)).toBe('');
    expect(parsePayoutAddress('', true)).toBeNull();
    expect(parsePayoutAddress('nope', false)).toBeNull();
  });
});
