import { Address } from '@ton/core';
import { channelView, decideSettlement, DEFAULT_SETTLEMENT_POLICY } from '../../contracts/settlement';
import { checkVoucherAgainst } from '../../contracts/voucher';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { signVoucher } from '../../contracts/voucher';
import { type ChannelData } from '../../contracts/wrappers/payment-channel';
import { keyFromSeed } from './helpers';

const TON = 1_000_000_000n;
const channel = Address.parse('0:' + '42'.repeat(32));
const kp = keyFromSeed('payer');
const P = {
  ...DEFAULT_SETTLEMENT_POLICY,
  thresholdNano: 10n * TON,
  idleMs: 1000,
  minClaimNano: TON / 20n,
  closeMarginMs: 100,
};
const G = NETWORK_GLOBAL_ID.testnet;
const voucher = (amount: bigint, seq = 1n) => signVoucher({ channel, globalId: G, amount, seq }, kp.secretKey);

describe('lazy settlement policy', () => {
  it('does nothing without a voucher or with nothing new', () => {
    expect(decideSettlement({ claimedOnChain: 0n, latest: null, latestAtMs: 0 }, P, 10_000)).toMatchObject({
      action: 'none',
    });
    expect(decideSettlement({ claimedOnChain: 5n, latest: voucher(5n), latestAtMs: 0 }, P, 10_000)).toMatchObject({
      action: 'none',
      unclaimed: 0n,
    });
  });
  it('claims at the threshold', () => {
    expect(decideSettlement({ claimedOnChain: 0n, latest: voucher(10n * TON), latestAtMs: 0 }, P, 0)).toMatchObject({
      action: 'claim',
      reason: 'threshold',
    });
    expect(decideSettlement({ claimedOnChain: TON, latest: voucher(10n * TON), latestAtMs: 0 }, P, 0)).toMatchObject({
      action: 'none',
      unclaimed: 9n * TON,
    });
  });
  it('claims when idle, but never below the minimum', () => {
    expect(decideSettlement({ claimedOnChain: 0n, latest: voucher(TON), latestAtMs: 0 }, P, 999)).toMatchObject({
      action: 'none',
    });
    expect(decideSettlement({ claimedOnChain: 0n, latest: voucher(TON), latestAtMs: 0 }, P, 1000)).toMatchObject({
      action: 'claim',
      reason: 'idle',
    });
    expect(
      decideSettlement({ claimedOnChain: 0n, latest: voucher(TON / 100n), latestAtMs: 0 }, P, 1_000_000),
    ).toMatchObject({ action: 'none' });
  });
  it('claims anything before a close deadline or when the payee closes', () => {
    const v = voucher(TON / 100n);
    expect(
      decideSettlement({ claimedOnChain: 0n, latest: v, latestAtMs: 0, closeDeadlineMs: 5000 }, P, 4000),
    ).toMatchObject({ action: 'none' });
    expect(
      decideSettlement({ claimedOnChain: 0n, latest: v, latestAtMs: 0, closeDeadlineMs: 5000 }, P, 4900),
    ).toMatchObject({ action: 'claim', reason: 'close' });
    expect(decideSettlement({ claimedOnChain: 0n, latest: v, latestAtMs: 0, payeeClosing: true }, P, 0)).toMatchObject({
      action: 'claim',
      reason: 'close',
    });
  });
});

describe('off-chain voucher check (mirrors the contract)', () => {
  const data: ChannelData = {
    payer: channel,
    payee: channel,
    payerKey: BigInt('0x' + Buffer.from(kp.publicKey).toString('hex')),
    nonce: 0n,
    closeDelay: 60,
    deposit: 10n * TON,
    claimed: 2n * TON,
    lastSeq: 3n,
    status: 'open',
    closeRequestedAt: 0,
  };
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (e) {
      return (e as { code?: string }).code;
    }
  };
  it('channelView carries the on-chain data and the payer key as 32 bytes, so the contract rules apply', () => {
    const view = channelView(channel, data, G);
    expect(view).toMatchObject({ channel, globalId: G, deposit: 10n * TON, claimed: 2n * TON, lastSeq: 3n });
    expect(Buffer.from(view.payerKey).equals(Buffer.from(kp.publicKey))).toBe(true);
    expect(code(() => checkVoucherAgainst(voucher(3n * TON, 4n), view))).toBeUndefined();
    expect(code(() => checkVoucherAgainst(voucher(3n * TON, 3n), view))).toBe('VOUCHER_STALE_SEQ');
    expect(code(() => checkVoucherAgainst(voucher(11n * TON, 4n), view))).toBe('VOUCHER_ABOVE_DEPOSIT');
    expect(code(() => checkVoucherAgainst(voucher(3n * TON, 4n), channelView(channel, data, -239)))).toBe(
      'VOUCHER_WRONG_NETWORK',
    );
    expect(code(() => checkVoucherAgainst(voucher(3n * TON, 4n), { ...view, status: 'closed' }))).toBe(
      'VOUCHER_CHANNEL_CLOSED',
    );
  });
});
