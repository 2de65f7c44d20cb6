/**
 * Step 5 of the devnet network: the workers, as GPU owners start them: `chrysalis worker --config
 * <data-dir>/workers/worker-<n>/worker.yaml`, each its own OS process dialling out to the broker. Their evidence is
 * SIMULATED (said so in each file and by each worker); everything else is what a real worker runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { walletV4Address } from '../../contracts/chain';
import type { ModelPrice } from '../../contracts/pricing';
import { waitFor } from './files';
import { DEVNET_CLAIM_THRESHOLD_NANO, devnetPayoutKeys, type DevnetWorkerPayout } from './payouts';
import { spawnChrysalis, type DevnetProcess } from './process';
import type { DevnetModel, DevnetOptions, StepContext } from './types';

export { workerExitLine } from './process';

/** How long the workers have to be admitted by every broker. */
const ADMISSION_TIMEOUT_MS = 120_000;

/**
 * The payout address of worker `i` (0-based): the v4 wallet of a key derived from the devnet seed, so every run of
 * the same seed pays the same addresses (the GPU owner's wallet; the worker only names it).
 */
export function devnetPayoutAddress(seed: string, i: number): string {
  return walletV4Address(devnetPayoutKeys(seed, i).publicKey).toString({ bounceable: false, testOnly: true });
}

export interface WorkerTarget {
  /** Every broker's worker endpoint: each worker dials them all. */
  readonly workerUrls: readonly string[];
  /** Every broker's HTTP endpoint (each one's `/v1/workers` lists the workers it admitted). */
  readonly brokerUrls: readonly string[];
  readonly collateralFile: string;
  readonly model: DevnetModel;
  /** The registry's price of the model: every worker commits to it (claims, receipts). */
  readonly prices: ModelPrice;
  /** The chain API the workers check vouchers against, read the broker fee from, and claim through. */
  readonly chainApi: string;
  /** The Registry (its brokerFeeBps is what each worker counts its share of a receipt with). */
  readonly registry: string;
  /** Per worker (by index): payout address, operating wallet key file, data directory. */
  readonly payouts: readonly DevnetWorkerPayout[];
}

/** Worker `i`'s config (0-based) as `chrysalis worker --config` reads it (every path absolute). */
export function workerConfig(i: number, opts: DevnetOptions, t: WorkerTarget): Record<string, unknown> {
  const p = t.payouts[i]!;
  return {
    brokers: [...t.workerUrls],
    name: `devnet-worker-${i + 1}`,
    engine:
      opts.engine === 'onnx'
        ? { kind: 'onnx' }
        : { kind: 'openai-upstream', upstreamUrl: opts.upstreamUrl, upstreamModel: opts.upstreamModel },
    model: { dir: t.model.dir },
    evidence: { tdx: 'simulated', gpu: 'simulated', tdxCollateral: t.collateralFile, devnetSeed: opts.seed },
    prices: { promptNano: t.prices.promptNano.toString(), completionNano: t.prices.completionNano.toString() },
    payoutAddress: p.payoutAddress,
    operatingWallet: { keyFile: p.operatingKeyFile },
    dataDir: p.dataDir,
    payments: {
      network: 'devnet',
      chain: { endpoints: [t.chainApi] },
      registry: t.registry,
      claimThresholdNano: DEVNET_CLAIM_THRESHOLD_NANO.toString(),
    },
  };
}

const HEADER = `# chrysalis worker config, written by \`chrysalis devnet\` (started as: chrysalis worker --config <this file>).
# DEVNET settings: SIMULATED TDX and GPU evidence (signed by the devnet's own roots, not real hardware), the local
# TON emulator as chain, and a claim threshold of 0.001 TON so that a few tiny-model requests already pay out.
# payoutAddress is the GPU owner's wallet: the broker's channel pays it; operatingWallet pays the claim fees.
`;

/** Writes each worker's config, starts the workers and resolves once every broker has admitted all of them. */
export async function startWorkers(ctx: StepContext, target: WorkerTarget): Promise<readonly DevnetProcess[]> {
  const procs: DevnetProcess[] = [];
  for (let i = 0; i < ctx.opts.workers; i++) {
    const configFile = join(target.payouts[i]!.dataDir, 'worker.yaml');
    writeFileSync(configFile, HEADER + stringify(workerConfig(i, ctx.opts, target)));
    procs.push(
      spawnChrysalis(ctx, {
        name: `devnet-worker-${i + 1}`,
        label: `worker devnet-worker-${i + 1}`,
        args: ['worker', '--config', configFile],
      }),
    );
  }
  await waitFor(
    `${ctx.opts.workers} admitted workers at ${target.brokerUrls.length} broker(s)`,
    async () => {
      for (const url of target.brokerUrls) {
        const r = await fetch(`${url}/v1/workers`);
        const j = (await r.json()) as { workers: unknown[] };
        if (j.workers.length < ctx.opts.workers) return false;
      }
      return true;
    },
    ADMISSION_TIMEOUT_MS,
    () => procs.map((p) => p.exited()).find((e) => e !== null) ?? null,
  );
  return procs;
}
