import type { BenchResult } from '../../bench/report';
import { measureLogRent, runAdmin } from '../../bench/contracts-admin';

const emitted: BenchResult[] = [];
jest.mock('../../bench/report', () => ({ emit: (r: BenchResult) => emitted.push(r) }));

const ADMIN = ['propose_owner', 'accept_owner', 'cancel_owner', 'upgrade'];

describe('bench contracts: highload fees, registry administration, log rent', () => {
  it('runAdmin(): prints the three tables and emits every id with its unit, values positive and finite', async () => {
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await runAdmin({ highloadN: [1, 2], logAdmissions: 40 });
    } finally {
      write.mockRestore();
    }
    const byId = new Map(emitted.map((r) => [r.id, r]));
    const expected: [string, string][] = [
      ...[1, 2].flatMap((n): [string, string][] => [
        [`chain.highload_fee_n${n}`, 'TON'],
        [`chain.v4_fee_n${n}`, 'TON'],
      ]),
      ...ADMIN.flatMap((op): [string, string][] => [
        [`chain.registry_${op}_gas`, 'gas'],
        [`chain.registry_${op}_fee`, 'TON'],
      ]),
      ['chain.log_rent_year', 'TON/year'],
    ];
    for (const [id, unit] of expected) {
      const r = byId.get(id);
      expect(r?.unit).toBe(unit);
      expect(Number.isFinite(r!.value)).toBe(true);
      expect(r!.value).toBeGreaterThan(0);
    }
    expect(emitted).toHaveLength(expected.length);
    const text = out.join('');
    expect(text).toMatch(/\| 2 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+x \|/);
    expect(text).toMatch(/\| Upgrade \(code only\) \| \d+ \|/);
    expect(text).toMatch(/over 40 distinct admissions/);
    process.stderr.write(text); // the measured tables, for the record
  });

  it('log rent grows with the dedupe set and equals param 18 prices x the largest state', async () => {
    const small = await measureLogRent(5);
    const larger = await measureLogRent(40);
    expect(larger.cells).toBeGreaterThan(small.cells);
    expect(larger.nanoPerYear).toBeGreaterThan(small.nanoPerYear);
    // Sandbox (mainnet) basechain prices: 1 bit, 500 cell per 2^16 s.
    expect(larger.nanoPerYear).toBe(((larger.bits + larger.cells * 500n) * 31_536_000n) >> 16n);
  });
});
