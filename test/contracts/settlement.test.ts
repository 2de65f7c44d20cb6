import { Address } from '@ton/core';
import { decideSettlement, DEFAULT_SETTLEMENT_POLICY, checkVoucherAgainst } from '../../contracts/settlement';
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
const voucher = (amount: bigint, seq = 1n) => signVoucher({ channel, amount, seq }, kp.secretKey);

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
  it("returns the delta of a valid voucher and the contract's reason otherwise", () => {
    expect(checkVoucherAgainst(channel, data, voucher(3n * TON, 4n))).toBe(TON);
    expect(code(() => checkVoucherAgainst(channel, data, voucher(3n * TON, 3n)))).toBe('VOUCHER_STALE_SEQ');
    expect(code(() => checkVoucherAgainst(channel, data, voucher(2n * TON, 4n)))).toBe('VOUCHER_NOT_MONOTONIC');
    expect(checkVoucherAgainst(channel, data, voucher(2n * TON, 4n), { allowEqual: true })).toBe(0n);
    expect(code(() => checkVoucherAgainst(channel, data, voucher(11n * TON, 4n)))).toBe('VOUCHER_INSUFFICIENT_DEPOSIT');
    expect(
      code(() =>
        checkVoucherAgainst(
          channel,
          data,
          signVoucher({ channel, amount: 3n * TON, seq: 4n }, keyFromSeed('x').secretKey),
        ),
      ),
    ).toBe('VOUCHER_BAD_SIGNATURE');
    const other = Address.parse('0:' + '43'.repeat(32));
    expect(
      code(() =>
        checkVoucherAgainst(channel, data, signVoucher({ channel: other, amount: 3n * TON, seq: 4n }, kp.secretKey)),
      ),
    ).toBe('VOUCHER_WRONG_CHANNEL');
  });
});
