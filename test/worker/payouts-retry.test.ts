/**
 * A transient chain failure never leaves a worker unpaid: a voucher refused only because the chain could not be read
 * (PAYOUT_CHAIN_UNAVAILABLE) is checked again by `retry()` (every `retryMs`) and kept, and a kept voucher whose claim
 * failed is claimed again, without the broker having to sign anything new. On the devnet chain, through a chain
 * client that fails on demand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, toNano } from '@ton/core';
import type { TonChainClient, Voucher } from '../../contracts';
import type { DevnetChain } from '../../devnet/chain';
import { Payouts } from '../../enclave-runtime/payouts';
import { frame, operating, startPayoutChain } from './payouts-fixture';

let dev: DevnetChain;
let chain: TonChainClient;
let payout: Address;
let channel: Address;

beforeAll(async () => {
  ({ dev, chain, payout, channel } = await startPayoutChain());
}, 60_000);
afterAll(async () => {
  await dev?.close();
});

/** `chain`, except that every call of a method named in `down` fails like an unreachable API. */
function flaky(down: Set<string>): TonChainClient {
  return new Proxy(chain, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (down.has(String(prop))) return Promise.reject(new Error('chain API unreachable (test)'));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('payout retries after a transient chain failure', () => {
  let dir: string;
  let payouts: Payouts;
  const down = new Set<string>();
  const voucher = (amount: bigint, seq: bigint): Voucher => ({ channel, globalId: dev.globalId, amount, seq });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'payouts-retry-'));
    down.clear();
    payouts = new Payouts({
      store: dir,
      chain: flaky(down),
      network: 'devnet',
      payoutAddress: payout,
      operatingWallet: { publicKey: operating.publicKey, secretKey: operating.secretKey },
      claimThresholdNano: toNano('1'),
      brokerFeeBps: 1000,
      claim: { pollMs: 10, timeoutMs: 5000 },
      retryMs: 0, // retried by hand here; the timer calls the same retry()
    });
  });
  afterEach(async () => {
    await payouts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a voucher refused for an unreadable chain is checked again, kept and claimed once the chain answers', async () => {
    const before = (await chain.getChannel(channel))!.claimed;
    const book = payouts.forBroker('ws://broker.test/v1/worker');
    down.add('getChannel');
    await expect(book.onVoucher(frame(voucher(before + toNano('2'), 100n)))).rejects.toMatchObject({
      code: 'PAYOUT_CHAIN_UNAVAILABLE',
    });
    expect(payouts.store.get(channel.toString())).toBeUndefined();
    await payouts.retry(); // still down: still pending, nothing kept
    expect(payouts.store.get(channel.toString())).toBeUndefined();

    down.clear();
    const balance = await chain.getBalance(payout);
    await payouts.retry();
    expect(payouts.store.get(channel.toString())).toMatchObject({
      amount: before + toNano('2'),
      claimed: before + toNano('2'),
    });
    expect((await chain.getChannel(channel))!.claimed).toBe(before + toNano('2'));
    expect(await chain.getBalance(payout)).toBeGreaterThan(balance + toNano('1.9'));
    await payouts.retry(); // nothing pending, nothing more to claim
    expect((await chain.getChannel(channel))!.claimed).toBe(before + toNano('2'));
  }, 60_000);

  it('a kept voucher whose claim failed is claimed by the next retry', async () => {
    const before = (await chain.getChannel(channel))!.claimed;
    const book = payouts.forBroker('ws://broker.test/v1/worker');
    down.add('walletSender'); // checks pass, the claim cannot be sent
    const kept = await book.onVoucher(frame(voucher(before + toNano('3'), 200n)));
    expect(kept).toMatchObject({ amount: before + toNano('3'), claimed: before });
    down.clear();
    await payouts.retry();
    expect(payouts.store.get(channel.toString())).toMatchObject({ claimed: before + toNano('3') });
    expect((await chain.getChannel(channel))!.claimed).toBe(before + toNano('3'));
  }, 60_000);
});
