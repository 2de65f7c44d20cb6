import type { BenchResult } from '../../bench/report';
import {
  CELLS,
  cadences,
  measureFees,
  run,
  settlementTable,
  simulateCell,
  WORKER_PER_REQUEST_NANO,
  type MeasuredFees,
} from '../../bench/settlement';
import { runWorkerTopUps, topUpsPer1M } from '../../bench/settlement-topups';
import { paymentChannelCode } from '../../contracts/wrappers/payment-channel';
import { Address } from '@ton/core';

const emitted: BenchResult[] = [];
jest.mock('../../bench/report', () => ({ emit: (r: BenchResult) => emitted.push(r) }));

const FEES: MeasuredFees = {
  openNano: 14_300_000n,
  claimNano: 6_600_000n,
  batchedClaimNano: 4_000_000n,
  topUpNano: 5_000_000n,
};
const TON = 1_000_000_000n;
const IDS = [
  'settlement.c1w1',
  'settlement.c1w10',
  'settlement.c100w1',
  'settlement.c100w10',
  'settlement.c1000w1',
  'settlement.c1000w10',
];

describe('bench settlement table', () => {
  let rows: Awaited<ReturnType<typeof settlementTable>>;
  beforeAll(async () => {
    rows = await settlementTable(FEES, { grain: 10, cycles: 2 });
  });

  it('has one row per spec id, every figure positive and finite', () => {
    expect(rows.map((r) => r.id)).toEqual(IDS);
    expect(CELLS).toHaveLength(6);
    for (const r of rows)
      for (const col of [r.before, r.after, r.batched, r.cocoon]) {
        expect(Number.isFinite(col.tonPer1M)).toBe(true);
        expect(col.tonPer1M).toBeGreaterThan(0);
        expect(col.claimsPer1M).toBeGreaterThan(0);
      }
  });

  it("counts the broker's worker-channel top-ups: more as the deposit shrinks, about 720 TON / deposit per 1M", async () => {
    const counts: number[] = [];
    for (const d of [320n * TON, 160n * TON, 20n * TON, 5n * TON])
      counts.push(await topUpsPer1M(d, WORKER_PER_REQUEST_NANO, { grain: 10, cycles: 2 }));
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!);
    expect(counts[3]!).toBeCloseTo(720 / 5, 6);
    expect(counts[0]!).toBeCloseTo(720 / 320, 6);
    expect(await topUpsPer1M(0n, WORKER_PER_REQUEST_NANO)).toBe(0);
  });

  it("runs the broker's WorkerPayoutBook: an open with StateInit, then top-ups of the deposit without it", async () => {
    const wallet = { address: Address.parse(`0:${'11'.repeat(32)}`), publicKey: new Uint8Array(32).fill(7) };
    const r = await runWorkerTopUps({
      depositNano: 10n * TON,
      perPassNano: 2n * TON,
      passes: 20, // 40 TON earned: the deposit must reach it, 10 TON at a time, topped up at 5 TON left
      code: paymentChannelCode(),
      wallet,
      payee: Address.parse(`0:${'22'.repeat(32)}`),
    });
    expect(r.messages[0]!.init).toBeTruthy();
    expect(r.topUps).toBeGreaterThanOrEqual(3);
    expect(r.topUps).toBeLessThanOrEqual(4);
    for (const m of r.messages.slice(1)) {
      expect(m.init).toBeNull();
      expect(m.to.equals(r.messages[0]!.to)).toBe(true);
      expect(m.value).toBe(10n * TON + 50_000_000n);
    }
    expect(r.nanoPerTopUp).toBe(Number(10n * TON));
  });

  it('puts the top-ups in the per-1M figure: a smaller deposit costs more, by top-ups x the top-up fee', async () => {
    const small = await settlementTable(FEES, { grain: 10, cycles: 2, workerDepositNano: 5n * TON });
    for (const [i, r] of rows.entries()) {
      const s = small[i]!;
      expect(s.after.topUpsPer1M).toBeGreaterThan(r.after.topUpsPer1M);
      expect(s.after.tonPer1M - r.after.tonPer1M).toBeCloseTo(
        ((s.after.topUpsPer1M - r.after.topUpsPer1M) * Number(FEES.topUpNano)) / 1e9,
        9,
      );
      expect(r.after.topUpTonPer1M).toBeCloseTo((r.after.topUpsPer1M * Number(FEES.topUpNano)) / 1e9, 12);
      expect(r.cocoon.topUpsPer1M).toBe(0);
    }
  });

  it('the default policy is cheaper than the previous defaults and than Cocoon, and batching is cheaper still', () => {
    for (const r of rows) {
      expect(r.after.tonPer1M).toBeLessThan(r.before.tonPer1M);
      expect(r.after.tonPer1M).toBeLessThan(r.cocoon.tonPer1M);
      expect(r.batched.tonPer1M).toBeLessThanOrEqual(r.after.tonPer1M);
    }
  });

  it('prices claims: twice the claim fee, twice the figure', () => {
    const c = cadences(FEES).before;
    const one = simulateCell(100, 10, c, { grain: 10, cycles: 2 });
    const two = simulateCell(
      100,
      10,
      { ...c, brokerClaimNano: 2n * c.brokerClaimNano, workerClaimNano: 2n * c.workerClaimNano },
      { grain: 10, cycles: 2 },
    );
    expect(two.tonPer1M).toBeCloseTo(2 * one.tonPer1M, 9);
  });

  it('run(): measures an open, a claim, a batched claim and a top-up in the sandbox, prints the table, emits the six ids', async () => {
    const f = await measureFees();
    expect(f.openNano).toBeGreaterThan(0n);
    expect(f.claimNano).toBeGreaterThan(0n);
    expect(f.batchedClaimNano).toBeGreaterThan(0n);
    expect(f.batchedClaimNano).toBeLessThan(f.claimNano);
    expect(f.topUpNano).toBeGreaterThan(0n);
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await run(f);
    } finally {
      write.mockRestore();
    }
    const byId = new Map(emitted.map((r) => [r.id, r]));
    for (const id of IDS) {
      expect(byId.get(id)?.unit).toBe('TON/1M');
      expect(byId.get(id)!.value).toBeGreaterThan(0);
      expect(Number.isFinite(byId.get(id)!.value)).toBe(true);
    }
    expect(byId.get('chain.settle_claim_fee')).toMatchObject({ unit: 'TON', value: Number(f.claimNano) / 1e9 });
    expect(out.join('')).toMatch(/\| 100 x 10 \|/);
    expect(byId.get('chain.settle_topup_fee')).toMatchObject({ unit: 'TON', value: Number(f.topUpNano) / 1e9 });
    process.stderr.write(out.join('')); // the measured table, for the record
  });
});
