/**
 * Payout pieces against a scripted ChainClient: the chain failing on read, on send and on apply, and the payout
 * book's own rules (claimed never lowers, charged accumulates, per-broker sums).
 */
import { Address } from '@ton/core';
import { encodeVoucherBoc, paymentChannelCodeHash, signVoucher, type ChainClient, type Voucher } from '../../contracts';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import { checkWorkerVoucher, claimVoucher, Payouts, PayoutStore } from '../../enclave-runtime/payouts';
import { keyFromSeed } from '../broker-chain/helpers';

const payer = keyFromSeed('pu-payer');
const operating = keyFromSeed('pu-operating');
const channel = Address.parse('0:' + '11'.repeat(32));
const payee = Address.parse('0:' + '22'.repeat(32));
const GLOBAL = -4242;

const v = (amount: bigint, seq: bigint): Voucher => ({ channel, globalId: GLOBAL, amount, seq });
function frame(x: Voucher): { channel: string; cumulativeNano: number; voucher: Uint8Array; signature: Uint8Array } {
  return {
    channel: channel.toString(),
    cumulativeNano: Number(x.amount),
    voucher: encodeVoucherBoc(x),
    signature: signVoucher(x, payer.secretKey).signature,
  };
}

function channelData(claimed = 0n): ChannelData {
  return {
    payer: payee,
    payee,
    payerKey: BigInt('0x' + Buffer.from(payer.publicKey).toString('hex')),
    nonce: 0n,
    closeDelay: 86_400,
    deposit: 10_000n,
    claimed,
    lastSeq: 0n,
    status: 'open',
    closeRequestedAt: 0,
  };
}

/** A ChainClient whose every method is scripted per test. */
function fakeChain(over: Partial<ChainClient>): ChainClient {
  const fail = (): never => {
    throw new Error('not scripted');
  };
  return {
    network: 'devnet',
    open: fail,
    provider: fail,
    getBalance: fail,
    getAccountState: fail,
    getCodeHash: async () => paymentChannelCodeHash(),
    readRegistry: fail,
    getChannel: async () => channelData(),
    getTransactions: fail,
    watchTransactions: fail,
    sendExternal: fail,
    walletSender: fail,
    ...over,
  } as ChainClient;
}

const ctx = (chain: ChainClient): Parameters<typeof checkWorkerVoucher>[1] => ({
  chain,
  network: 'devnet',
  payoutAddress: payee,
});
const wallet = { publicKey: operating.publicKey, secretKey: operating.secretKey };

describe('checkWorkerVoucher', () => {
  it('accepts a voucher the channel pays', async () => {
    const a = await checkWorkerVoucher(frame(v(100n, 1n)), ctx(fakeChain({})));
    expect(a).toMatchObject({ duplicate: false, chainClaimed: 0n });
    expect(a.signed.amount).toBe(100n);
  });

  it.each([
    ['code hash read fails', { getCodeHash: () => Promise.reject(new Error('down')) }, 'PAYOUT_CHAIN_UNAVAILABLE'],
    ['channel read fails', { getChannel: () => Promise.reject(new Error('down')) }, 'PAYOUT_CHAIN_UNAVAILABLE'],
    ['account not active', { getCodeHash: async () => null }, 'PAYOUT_NOT_A_CHANNEL'],
    ['no channel data', { getChannel: async () => null }, 'PAYOUT_NOT_A_CHANNEL'],
    [
      'channel closed',
      { getChannel: async () => ({ ...channelData(), status: 'closed' as const }) },
      'VOUCHER_CHANNEL_CLOSED',
    ],
    ['already claimed beyond', { getChannel: async () => channelData(500n) }, 'VOUCHER_NOT_MONOTONIC'],
  ] as [string, Partial<ChainClient>, string][])('%s -> %s', async (_what, over, code) => {
    await expect(checkWorkerVoucher(frame(v(100n, 1n)), ctx(fakeChain(over)))).rejects.toMatchObject({ code });
  });

  it('checks the seq against the kept voucher, not only the chain', async () => {
    const kept = {
      channel: channel.toString(),
      broker: 'b',
      amount: 50n,
      seq: 5n,
      voucher: encodeVoucherBoc(v(50n, 5n)),
      signature: new Uint8Array(64),
      claimed: 0n,
    };
    await expect(checkWorkerVoucher(frame(v(60n, 6n)), { ...ctx(fakeChain({})), kept })).resolves.toMatchObject({
      duplicate: false,
    });
    await expect(checkWorkerVoucher(frame(v(60n, 5n)), { ...ctx(fakeChain({})), kept })).rejects.toMatchObject({
      code: 'PAYOUT_VOUCHER_STALE',
    });
  });
});

describe('claimVoucher', () => {
  const kept = {
    channel: channel.toString(),
    broker: 'b',
    amount: 100n,
    seq: 1n,
    voucher: encodeVoucherBoc(v(100n, 1n)),
    signature: signVoucher(v(100n, 1n), payer.secretKey).signature,
    claimed: 0n,
  };

  it('reports PAYOUT_CHAIN_UNAVAILABLE when the wallet cannot send', async () => {
    const chain = fakeChain({ walletSender: () => Promise.reject(new Error('down')) });
    await expect(claimVoucher(chain, wallet, kept)).rejects.toMatchObject({ code: 'PAYOUT_CHAIN_UNAVAILABLE' });
  });

  it('reports PAYOUT_CLAIM_NOT_APPLIED when the chain never shows the claim', async () => {
    const sent: unknown[] = [];
    const chain = fakeChain({
      walletSender: async () => ({
        address: payee,
        sender: { send: async (m) => void sent.push(m) },
        getSeqno: async () => 3,
        waitForSeqno: async () => undefined,
      }),
      open: (<T>(c: T) =>
        new Proxy(c as object, {
          get: (t, k) =>
            k === 'sendClaim'
              ? (via: { send(m: unknown): Promise<void> }) => via.send({ claim: true })
              : (t as Record<string | symbol, unknown>)[k],
        })) as ChainClient['open'],
      getChannel: async () => channelData(0n),
    });
    await expect(claimVoucher(chain, wallet, kept, { timeoutMs: 30, pollMs: 5 })).rejects.toMatchObject({
      code: 'PAYOUT_CLAIM_NOT_APPLIED',
    });
    expect(sent).toEqual([{ claim: true }]);
  });

  it('Payouts logs a failed claim and reports it per channel', async () => {
    const store = new PayoutStore(':memory:');
    store.keep(kept);
    const warned: unknown[] = [];
    const payouts = new Payouts({
      store,
      chain: fakeChain({ walletSender: () => Promise.reject(new Error('down')) }),
      network: 'devnet',
      payoutAddress: payee.toString(),
      operatingWallet: wallet,
      claimThresholdNano: 1n,
      brokerFeeBps: 20_000, // clamped to 10000: the worker earns nothing
      logger: { info: () => undefined, warn: (o) => warned.push((o as { event?: string }).event) },
    });
    expect(await payouts.claimDue()).toEqual([
      { channel: kept.channel, amount: 100n, code: 'PAYOUT_CHAIN_UNAVAILABLE' },
    ]);
    expect(warned).toEqual(['payout_claim_failed']);
    store.addCharged('b', 1000n);
    expect(payouts.earned('b')).toBe(0n);
    await payouts.close();
  });
});

describe('PayoutStore', () => {
  it('never lowers claimed, sums per broker and accumulates charges', () => {
    const s = new PayoutStore(':memory:');
    const base = {
      broker: 'b1',
      seq: 1n,
      voucher: new Uint8Array([1]),
      signature: new Uint8Array(64),
    };
    s.keep({ ...base, channel: 'c1', amount: 100n, claimed: 80n });
    s.keep({ ...base, channel: 'c1', amount: 120n, seq: 2n, claimed: 0n });
    expect(s.get('c1')).toMatchObject({ amount: 120n, claimed: 80n, seq: 2n });
    s.setClaimed('c1', 50n);
    expect(s.get('c1')!.claimed).toBe(80n);
    s.setClaimed('c1', 120n);
    s.setClaimed('missing', 1n);
    expect(s.get('c1')!.claimed).toBe(120n);
    s.keep({ ...base, channel: 'c2', amount: 30n, claimed: 0n });
    s.keep({ ...base, broker: 'b2', channel: 'c3', amount: 7n, claimed: 0n });
    expect(s.vouched('b1')).toBe(150n);
    expect(s.vouched('nobody')).toBe(0n);
    expect(s.charged('b1')).toBe(0n);
    s.addCharged('b1', 5n);
    expect(s.addCharged('b1', 6n)).toBe(11n);
    expect(s.all().map((k) => k.channel)).toEqual(['c1', 'c2', 'c3']);
    s.close();
    s.close(); // idempotent
  });
});

describe('the broker fee', () => {
  const registry = Address.parse('0:' + '33'.repeat(32));
  /** A chain whose registry reports `fee.bps` at `fee.version`, or fails while `fee.down`. */
  function feeChain(fee: { bps: number; version: number; down?: boolean }): ChainClient {
    return fakeChain({
      readRegistry: async () => {
        if (fee.down) throw Object.assign(new Error('down'), { code: 'CHAIN_REQUEST_FAILED' });
        return { version: fee.version, params: { brokerFeeBps: fee.bps } } as never;
      },
    });
  }

  it('counts each receipt under the fee in force when it was signed; a change applies from then on', async () => {
    const fee = { bps: 1000, version: 1, down: false };
    const events: unknown[] = [];
    const logger = {
      info: (o: object) => events.push(o),
      warn: (o: object) => events.push(o),
    };
    const payouts = new Payouts({
      store: new PayoutStore(':memory:'),
      chain: feeChain(fee),
      network: 'devnet',
      payoutAddress: payee,
      claimThresholdNano: 1n,
      brokerFeeBps: 1000,
      feeRegistry: { address: registry.toString(), refreshMs: 0 },
      logger,
    });
    const b = payouts.forBroker('b');
    b.onReceipt(1000n);
    expect(payouts.earned('b')).toBe(900n);
    expect(await payouts.refreshFee()).toBe(1000);
    expect(events).toEqual([]); // unchanged: nothing logged
    fee.bps = 2500;
    fee.version = 2;
    expect(await payouts.refreshFee()).toBe(2500);
    expect(payouts.brokerFeeBps).toBe(2500);
    expect(events).toEqual([{ event: 'payout_fee_changed', fromBps: 1000, toBps: 2500, registryVersion: 2 }]);
    expect(payouts.earned('b')).toBe(900n); // the earlier receipt keeps its fee
    b.onReceipt(1000n);
    expect(payouts.earned('b')).toBe(900n + 750n);
    expect(payouts.store.chargedByFee('b')).toEqual([
      { feeBps: 1000, amount: 1000n },
      { feeBps: 2500, amount: 1000n },
    ]);
    // Charges kept without a fee (a book from before fees were kept) count under the fee in force.
    payouts.store.addCharged('b', 1000n);
    expect(payouts.earned('b')).toBe(900n + 750n + 750n);
    // A failed re-read is logged and keeps the fee in force.
    fee.down = true;
    await expect(payouts.refreshFee()).rejects.toMatchObject({ code: 'CHAIN_REQUEST_FAILED' });
    expect(events[1]).toMatchObject({
      event: 'payout_fee_unreadable',
      code: 'CHAIN_REQUEST_FAILED',
      brokerFeeBps: 2500,
    });
    expect(payouts.brokerFeeBps).toBe(2500);
    await payouts.close();
  });

  it('follows the registry on a timer; without a registry the fee is fixed', async () => {
    const fee = { bps: 0, version: 1 };
    const payouts = new Payouts({
      store: new PayoutStore(':memory:'),
      chain: feeChain(fee),
      network: 'devnet',
      payoutAddress: payee,
      claimThresholdNano: 1n,
      brokerFeeBps: 0,
      feeRegistry: { address: registry, refreshMs: 5 },
    });
    fee.bps = 300;
    fee.version = 2;
    while (payouts.brokerFeeBps !== 300) await new Promise((r) => setTimeout(r, 5));
    await payouts.close();
    const fixed = new Payouts({
      store: new PayoutStore(':memory:'),
      chain: feeChain({ bps: 9999, version: 1 }),
      network: 'devnet',
      payoutAddress: payee,
      claimThresholdNano: 1n,
      brokerFeeBps: 100,
    });
    expect(await fixed.refreshFee()).toBe(100);
    await fixed.close();
  });
});
