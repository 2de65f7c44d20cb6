/**
 * The devnet pays its GPU owners: with a short settle interval, a few paid requests through the gateway make the
 * broker's settler sign vouchers on each worker's channel, each worker claims them from its operating wallet, and
 * every worker's payout wallet (printed as `worker-payout: <address>`) ends up holding more than it started with.
 *
 * The workers run as child processes from the compiled package (`npm run build`); skipped when `dist/` is missing.
 */
import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Address } from '@ton/core';
import { TonClient } from '@ton/ton';
import { startDevnet, type RunningDevnet } from '../../devnet';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { pollUntil } from '../../core/retry';

const BUILT = existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'index.js'));
if (!BUILT) console.warn('dist/ not built (run `npm run build`) — skipping the devnet payouts test');
const d = BUILT ? describe : describe.skip;

d('devnet payouts (the GPU owners are paid)', () => {
  jest.setTimeout(240_000);
  let dir: string;
  let dev: RunningDevnet;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-devnet-pay-'));
    dev = await startDevnet(
      {
        dataDir: dir,
        host: '127.0.0.1',
        gatewayPort: 0,
        brokerPort: 0,
        chainPort: 0,
        workers: 2,
        engine: 'onnx',
        seed: 'devnet-payouts',
        settleIntervalMs: 1000,
      },
      () => undefined,
    );
  });
  afterAll(async () => {
    await dev?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every worker payout balance grows once paid requests are settled', async () => {
    const payouts = dev.info.workerPayouts;
    expect(payouts).toEqual([devnetPayoutAddress('devnet-payouts', 0), devnetPayoutAddress('devnet-payouts', 1)]);
    expect(BigInt(dev.info.claimThresholdNano)).toBeLessThan(1_000_000_000n); // a devnet setting, below the default
    const ton = new TonClient({ endpoint: dev.info.chainApi });
    const balance = (a: string): Promise<bigint> => ton.getBalance(Address.parse(a));
    const before = await Promise.all(payouts.map(balance));

    // Enough paid requests that each worker's share passes the claim threshold (the devnet gateway spreads
    // requests over equally loaded workers, so both earn).
    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet' });
    const servedBy = new Set<string>();
    for (let i = 0; i < 32; i++) {
      const res = await openai.chat.completions.create({
        model: dev.info.modelName,
        messages: [{ role: 'user', content: `Tell me a long story, part ${i}` }],
        max_tokens: 256,
      });
      expect(res.usage?.completion_tokens).toBeGreaterThan(0);
      servedBy.add((res as unknown as { chrysalis: { workerKey: string } }).chrysalis.workerKey);
    }
    expect(servedBy.size).toBe(2);

    // The settler's passes (every second) pay the workers; the workers claim. Bounded poll, no fixed sleep.
    const grown = await pollUntil(
      async () => {
        const now = await Promise.all(payouts.map(balance));
        return now.every((b, i) => b > before[i]!) ? now : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    expect(grown).toBeDefined();
  });
});
