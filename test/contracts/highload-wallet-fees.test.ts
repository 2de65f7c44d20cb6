import { fromNano } from '@ton/core';
import { measureHighloadFees as measure } from '../../bench/contracts-admin';

/**
 * Wallet-side fees (import, compute, forwarding; the balance drop minus the values delivered) of N claim-shaped
 * messages sent from one highload external vs N separate v4 transfers, measured by the bench's own function
 * (`npm run bench -- contracts` prints the same figures).
 */
describe('highload wallet fees vs one v4 transfer per claim', () => {
  it.each([1, 10, 100])('N = %i claims', async (n) => {
    const f = await measure(n);
    process.stdout.write(
      `${JSON.stringify({ id: `chain.highload_fee_n${n}`, highload: fromNano(f.highload), v4: fromNano(f.v4), unit: 'TON' })}\n`,
    );
    expect(f.highload).toBeGreaterThan(0n);
    expect(f.v4).toBeGreaterThan(0n);
    if (n > 1) expect(f.highload).toBeLessThan(f.v4);
  });
});
