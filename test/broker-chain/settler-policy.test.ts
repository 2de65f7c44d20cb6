import {
  claimPointOf,
  claimPolicy,
  DEFAULT_CLAIM_POLICY,
  planClaims,
  type ClaimPolicy,
  type ClaimView,
} from '../../broker/chain/settler-policy';

const TON = 1_000_000_000n;
const NOW = 10_000_000;
const P: ClaimPolicy = claimPolicy({
  thresholdNano: 10n * TON,
  minClaimNano: TON,
  idleMs: 3_600_000,
  closeMarginMs: 600_000,
  claimFeeNano: 10_000_000n, // 0.01 TON
  feeMultiple: 100n, // floor 1 TON
  exposureCapNano: 20n * TON,
});
const view = (key: string, latest: bigint, claimed = 0n, o: Partial<ClaimView> = {}): ClaimView => ({
  key,
  latestNano: latest,
  claimedNano: claimed,
  latestAtMs: NOW,
  ...o,
});
const plan = (views: ClaimView[], policy = P, closing = false) =>
  planClaims(views, policy, NOW, closing).map((c) => `${c.key}:${c.reason}:${c.unclaimedNano / (TON / 10n)}`);

describe('planClaims (the broker claim policy)', () => {
  it.each<[string, ClaimView[], string[]]>([
    ['nothing held', [view('a', 0n)], []],
    ['fully claimed', [view('a', 5n * TON, 5n * TON)], []],
    ['below the claim point, active', [view('a', 9n * TON)], []],
    ['at the claim point', [view('a', 10n * TON)], ['a:threshold:100']],
    ['claim point counts what is unclaimed', [view('a', 15n * TON, 6n * TON)], []],
    ['idle, above minClaim', [view('a', 2n * TON, 0n, { latestAtMs: NOW - 3_600_000 })], ['a:idle:20']],
    ['idle, below minClaim (dust)', [view('a', TON / 2n, 0n, { latestAtMs: 0 })], []],
    [
      'payer closing, deadline near: any amount',
      [view('a', 1n, 0n, { closeDeadlineMs: NOW + 600_000 })],
      ['a:close:0'],
    ],
    ['payer closing, deadline far', [view('a', 2n * TON, 0n, { closeDeadlineMs: NOW + 600_001 })], []],
    [
      'close first, then the largest',
      [view('a', 12n * TON), view('b', 15n * TON), view('c', TON, 0n, { closeDeadlineMs: NOW })],
      ['c:close:10', 'b:threshold:150', 'a:threshold:120'],
    ],
    [
      'exposure cap: largest first until the rest is within the cap',
      [view('a', 8n * TON), view('b', 9n * TON), view('c', 7n * TON), view('d', 6n * TON)],
      ['b:exposure:90', 'a:exposure:80'],
    ],
    ['exposure at the cap exactly: nothing', [view('a', 9n * TON), view('b', 9n * TON), view('c', 2n * TON)], []],
  ])('%s', (_name, views, expected) => {
    expect(plan(views)).toEqual(expected);
  });

  it('respects the exposure bound: after the plan, what stays unclaimed is within the cap and each below its claim point', () => {
    const views = Array.from({ length: 50 }, (_v, i) => view(`c${i}`, BigInt(i % 10) * TON + TON / 3n));
    const planned = new Set(planClaims(views, P, NOW).map((c) => c.key));
    const rest = views.filter((v) => !planned.has(v.key));
    expect(rest.reduce((a, v) => a + v.latestNano - v.claimedNano, 0n)).toBeLessThanOrEqual(P.exposureCapNano);
    for (const v of rest) expect(v.latestNano - v.claimedNano).toBeLessThan(claimPointOf(P));
  });

  it('the payee closing (flush) claims every unclaimed amount; an ordinary pass (stop) claims none below the policy', () => {
    const views = [view('a', TON / 100n), view('b', 3n * TON, TON)];
    expect(plan(views, P, true)).toEqual(['b:close:20', 'a:close:0']);
    expect(plan(views, P, false)).toEqual([]);
  });

  it('the claim point is max(threshold, feeMultiple x claim fee)', () => {
    expect(claimPointOf(P)).toBe(10n * TON);
    expect(claimPointOf({ ...P, feeMultiple: 2000n })).toBe(20n * TON);
    expect(plan([view('a', 15n * TON)], { ...P, feeMultiple: 2000n })).toEqual([]);
  });

  it('a cap of 0 is no cap; the defaults come from the measured table', () => {
    const views = Array.from({ length: 100 }, (_v, i) => view(`c${i}`, 9n * TON));
    expect(plan(views, { ...P, exposureCapNano: 0n })).toEqual([]);
    expect(claimPolicy()).toEqual(DEFAULT_CLAIM_POLICY);
    expect(claimPointOf(DEFAULT_CLAIM_POLICY)).toBe(160n * TON);
    expect(DEFAULT_CLAIM_POLICY.feeMultiple * DEFAULT_CLAIM_POLICY.claimFeeNano).toBeLessThan(160n * TON);
  });

  it('refuses negative amounts', () => {
    expect(() => claimPolicy({ thresholdNano: -1n })).toThrow(/thresholdNano/);
    expect(() => claimPolicy({ exposureCapNano: -1n })).toThrow(/exposureCapNano/);
  });
});
