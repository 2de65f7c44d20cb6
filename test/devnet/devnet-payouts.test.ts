/**
 * The devnet as operators run the network, end to end over separate processes: the chain in the devnet process, a
 * broker (`chrysalis broker --config`), two workers (`chrysalis worker --config`) and the gateway (`chrysalis gateway
 * --config`), each its own OS process started from the config file the devnet wrote. Paid requests through the
 * gateway; with a short settle interval the broker's settler signs vouchers on each worker's channel, each worker
 * claims them from its operating wallet, and every worker's payout wallet (printed as `worker-payout: <address>`)
 * ends up holding more than it started with, as `TonClient.getBalance` reads it.
 *
 * Faults, on the same processes: the chain API down during settlement (claims resume once it is back, none lost or
 * doubled: the channel's on-chain claimed total is exactly what the client vouched), then the broker killed with
 * SIGKILL while a request is in flight (the client gets a typed error and is not charged for it).
 *
 * The programs run from the compiled package (`npm run build`); skipped when `dist/` is missing.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Address } from '@ton/core';
import { TonClient } from '@ton/ton';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { createChainClient } from '../../contracts/chain';
import { pollUntil } from '../../core/retry';
import { decodeReceipt } from '../../attestation/receipt';
import { describeBuilt, readVoucherState, useDevnet } from './helpers';

const ROOT = join(__dirname, '..', '..');

describeBuilt('devnet processes test')('devnet of separate processes: paid requests, GPU owners paid, faults', () => {
  jest.setTimeout(300_000);
  const net = useDevnet('devnet-pay', { seed: 'devnet-payouts', settleIntervalMs: 1000 });
  const { lines, logTails } = net;
  let dev: typeof net.dev;
  beforeAll(() => {
    dev = net.dev;
  });

  const vouched = (): ReturnType<typeof readVoucherState> => readVoucherState(dev);

  it('runs the broker, each worker and the gateway as their own processes, from the config files it wrote', () => {
    expect(dev.processes.map((p) => p.name)).toEqual([
      'devnet-broker',
      'devnet-worker-1',
      'devnet-worker-2',
      'devnet-gateway',
    ]);
    const pids = dev.processes.map((p) => p.pid);
    expect(new Set(pids).size).toBe(4);
    for (const pid of pids) {
      expect(pid).not.toBe(process.pid);
      expect(() => process.kill(pid!, 0)).not.toThrow(); // alive
    }
    // Each file is what its program reads: `--print-config` of the same file gives back the devnet's settings.
    const printed = (args: string[]): Record<string, unknown> =>
      JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin', 'chrysalis.js'), ...args], { encoding: 'utf8' }));
    const b = printed(['broker', '--config', dev.info.configFiles.broker, '--print-config']);
    expect(b).toMatchObject({ network: 'devnet', registry: dev.info.registry, trustFile: dev.info.trustFile });
    expect(JSON.stringify(b)).not.toMatch(/[0-9a-f]{64}/); // the wallet key file's path only, never the key
    for (const [i, f] of dev.info.configFiles.workers.entries()) {
      const w = printed(['worker', '--config', f, '--print-config']);
      expect(w).toMatchObject({ payoutAddress: dev.info.workerPayouts[i], evidence: { tdx: 'simulated' } });
    }
  });

  it('every worker payout balance grows once paid requests are settled', async () => {
    const payouts = dev.info.workerPayouts;
    expect(payouts).toEqual([devnetPayoutAddress('devnet-payouts', 0), devnetPayoutAddress('devnet-payouts', 1)]);
    expect(BigInt(dev.info.claimThresholdNano)).toBeLessThan(1_000_000_000n); // a devnet setting, below the default
    const ton = new TonClient({ endpoint: dev.info.chainApi });
    const balance = (a: string): Promise<bigint> => ton.getBalance(Address.parse(a));
    const before = await Promise.all(payouts.map(balance));

    // Paid requests until each worker's receipts (its share: 90 % at the devnet's brokerFeeBps) are well past the
    // claim threshold; the SDK spreads requests over equally good workers at random, so the count varies (bounded).
    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet' });
    const charged = new Map<string, bigint>();
    const enough = 3n * BigInt(dev.info.claimThresholdNano);
    for (let i = 0; i < 200 && !(charged.size === 2 && [...charged.values()].every((c) => c >= enough)); i++) {
      const res = await openai.chat.completions.create({
        model: dev.info.modelName,
        messages: [{ role: 'user', content: `Tell me a long story, part ${i}` }],
        max_tokens: 256,
      });
      expect(res.usage?.completion_tokens).toBeGreaterThan(0);
      const ext = (res as unknown as { chrysalis: { workerKey: string; receipt: string } }).chrysalis;
      const amount = decodeReceipt(Buffer.from(ext.receipt, 'base64')).amountNano;
      charged.set(ext.workerKey, (charged.get(ext.workerKey) ?? 0n) + amount);
    }
    expect(charged.size).toBe(2);
    for (const c of charged.values()) expect(c).toBeGreaterThanOrEqual(enough);

    // The settler's passes (every second) pay the workers; the workers claim. Bounded poll, no fixed sleep.
    const grown = await pollUntil(
      async () => {
        const now = await Promise.all(payouts.map(balance));
        return now.every((b, i) => b > before[i]!) ? now : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    // On failure, say what the workers and the broker said (their logs).
    expect(grown ? 'grown' : logTails()).toBe('grown');
  });

  it('the chain API down during settlement: claims resume once it is back, none lost or doubled', async () => {
    const chain = createChainClient({ network: 'devnet', endpoint: dev.info.chainApi });
    const channel = Address.parse(dev.info.clientChannel);
    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet' });
    const refusedBefore = dev.chainOutage(true);
    let settling: Promise<unknown> | undefined;
    try {
      // Served while the chain API is down (the broker and the gateway work from what they last read on chain)...
      for (let i = 0; i < 3; i++) {
        const res = await openai.chat.completions.create({
          model: dev.info.modelName,
          messages: [{ role: 'user', content: `During the outage ${i}` }],
          max_tokens: 16,
        });
        expect(res.usage?.completion_tokens).toBeGreaterThan(0);
      }
      // ...and settlement tried against it (the periodic passes and an explicit flush) and refused.
      settling = dev.settle().then(
        () => 'flushed',
        (e: Error) => e.message,
      );
      const tried = await pollUntil(async () => (dev.chainOutage(true) > refusedBefore + 5 ? true : undefined), {
        timeoutMs: 30_000,
        intervalMs: 200,
      });
      expect(tried).toBe(true);
    } finally {
      dev.chainOutage(false);
    }
    // Back: the claims resume. The client's channel ends at exactly what the client vouched, none lost or doubled.
    const { vouchedNano, owedNano } = await vouched();
    expect(vouchedNano).toBeGreaterThanOrEqual(owedNano);
    const claimed = await pollUntil(
      async () => {
        const c = (await chain.getChannel(channel))!.claimed;
        return c === vouchedNano ? c : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(claimed).toBe(vouchedNano);
    // The flush asked for during the outage settled: `flushed` when nothing was pending at that moment (the passes
    // before the outage had claimed it all), else the typed failure; never a hang.
    expect(String(await settling)).toMatch(
      /^flushed$|settlement: flush failed \((CHAIN|BROKER)_[A-Z_]+; \d+ pending\)/,
    );
    await dev.settle(); // a flush with nothing new claims nothing more
    expect((await chain.getChannel(channel))!.claimed).toBe(vouchedNano);
  });

  it('the broker killed while a request is in flight: the client gets a typed error and is not charged', async () => {
    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet', maxRetries: 0 });
    const owedBefore = (await vouched()).owedNano;
    const broker = dev.processes.find((p) => p.name === 'devnet-broker')!;
    const workers = dev.processes.filter((p) => p.name.startsWith('devnet-worker'));
    // The workers are paused, so the answer cannot finish before the broker dies: the request is in flight for sure.
    for (const w of workers) process.kill(w.pid!, 'SIGSTOP');
    try {
      const outcome = (async () => {
        const stream = await openai.chat.completions.create({
          model: dev.info.modelName,
          messages: [{ role: 'user', content: 'Tell me the longest story you know' }],
          max_tokens: 64,
          stream: true,
        });
        for await (const _ of stream);
      })().then(
        () => 'completed',
        (e: Error & { status?: number; code?: string }) => `${e.status} ${e.code}`,
      );
      const inFlight = await pollUntil(
        async () => {
          const j = (await (await fetch(`${dev.info.broker}/v1/workers`)).json()) as {
            workers: { queueDepth: number }[];
          };
          return j.workers.some((w) => w.queueDepth > 0) ? true : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      expect(inFlight).toBe(true);
      process.kill(broker.pid!, 'SIGKILL');
      expect(await outcome).toMatch(/^50\d SDK_[A-Z_]+$/); // a gateway error carrying the SDK's typed code
    } finally {
      for (const w of workers) process.kill(w.pid!, 'SIGCONT');
    }
    expect((await vouched()).owedNano).toBe(owedBefore);
    // The devnet says which program died and how.
    const said = await pollUntil(
      async () => (lines.some((l) => /^broker \(pid \d+\) exited on signal SIGKILL/.test(l)) ? true : undefined),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(said).toBe(true);
  });
});
