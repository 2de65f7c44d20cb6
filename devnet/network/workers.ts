/** Step 5 of the devnet network: the workers, as child processes, dialling out to the broker. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { walletV4Address } from '../../contracts/chain';
import type { ModelPrice } from '../../contracts/pricing';
import { packageRoot, waitFor } from './files';
import { DEVNET_CLAIM_THRESHOLD_NANO, devnetPayoutKeys, type DevnetWorkerPayout } from './payouts';
import type { DevnetModel, DevnetOptions, StepContext } from './types';

/** How long the workers have to be admitted by the broker. */
const ADMISSION_TIMEOUT_MS = 120_000;
/** How long a worker has to exit after SIGTERM before it gets SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** The one line the devnet prints when a worker process ends (outside shutdown). */
export function workerExitLine(
  name: string,
  pid: number | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail = '',
): string {
  const how = code !== null ? `with code ${code}` : `on signal ${signal ?? 'unknown'}`;
  return `worker ${name} (pid ${pid ?? '?'}) exited ${how}${stderrTail ? `: ${stderrTail}` : ''}`;
}

/**
 * The payout address of worker `i` (0-based): the v4 wallet of a key derived from the devnet seed, so every run of
 * the same seed pays the same addresses (the GPU owner's wallet; the worker only names it).
 */
export function devnetPayoutAddress(seed: string, i: number): string {
  return walletV4Address(devnetPayoutKeys(seed, i).publicKey).toString({ bounceable: false, testOnly: true });
}

export interface WorkerTarget {
  /** The broker's worker endpoint the workers dial. */
  readonly workerUrl: string;
  /** The broker's HTTP endpoint (its `/v1/workers` lists the admitted ones). */
  readonly brokerUrl: string;
  readonly collateralFile: string;
  readonly model: DevnetModel;
  /** The registry's price of the model: every worker commits to it (claims, receipts). */
  readonly prices: ModelPrice;
  /** The chain API the workers check vouchers against and claim through. */
  readonly chainApi: string;
  /** The registry's brokerFeeBps (the workers count their share of each receipt with it). */
  readonly brokerFeeBps: number;
  /** Per worker (by index): payout address, operating wallet key file, data directory. */
  readonly payouts: readonly DevnetWorkerPayout[];
}

/** Spawns the workers (SIMULATED TDX + SIMULATED GPU) and resolves once the broker has admitted all of them. */
export async function startWorkers(ctx: StepContext, target: WorkerTarget): Promise<readonly ChildProcess[]> {
  const bin = join(packageRoot(), 'bin', 'chrysalis.js');
  const children: ChildProcess[] = [];
  const exits: string[] = [];
  for (let i = 0; i < ctx.opts.workers; i++) children.push(spawnWorker(ctx, bin, i, target, exits));
  ctx.onClose(() => stopWorkers(children));
  await waitFor(
    `${ctx.opts.workers} admitted workers`,
    async () => {
      const r = await fetch(`${target.brokerUrl}/v1/workers`);
      const j = (await r.json()) as { workers: unknown[] };
      return j.workers.length >= ctx.opts.workers;
    },
    ADMISSION_TIMEOUT_MS,
    () => (exits.length ? exits[0]! : null),
  );
  return children;
}

/** The command line of worker `i` (0-based). */
function workerArgs(bin: string, i: number, opts: DevnetOptions, target: WorkerTarget): string[] {
  return [
    bin,
    'worker',
    '--broker',
    target.workerUrl,
    '--tdx',
    'simulated',
    '--gpu',
    'simulated',
    '--devnet-seed',
    opts.seed,
    '--tdx-collateral',
    target.collateralFile,
    '--prompt-price-nano',
    target.prices.promptNano.toString(),
    '--completion-price-nano',
    target.prices.completionNano.toString(),
    '--name',
    `devnet-worker-${i + 1}`,
    '--payout-address',
    target.payouts[i]!.payoutAddress,
    '--network',
    'devnet',
    '--chain-api',
    target.chainApi,
    '--data-dir',
    target.payouts[i]!.dataDir,
    '--operating-key-file',
    target.payouts[i]!.operatingKeyFile,
    '--broker-fee-bps',
    String(target.brokerFeeBps),
    '--claim-threshold-nano',
    DEVNET_CLAIM_THRESHOLD_NANO.toString(),
    ...(opts.engine === 'onnx'
      ? ['--engine', 'onnx', '--model-dir', target.model.dir]
      : [
          '--engine',
          'openai-upstream',
          '--upstream-url',
          opts.upstreamUrl!,
          '--upstream-model',
          opts.upstreamModel!,
          '--model-id',
          target.model.id,
        ]),
  ];
}

/** Starts worker `i`; when it ends, records a line in `exits` and (outside shutdown) logs it. */
function spawnWorker(ctx: StepContext, bin: string, i: number, target: WorkerTarget, exits: string[]): ChildProcess {
  const child = spawn(process.execPath, workerArgs(bin, i, ctx.opts, target), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CHRYSALIS_LOG_LEVEL: process.env.CHRYSALIS_LOG_LEVEL ?? 'warn' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.on('exit', (code, sig) => {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    exits.push(`worker ${i + 1} exited (${code ?? sig}): ${tail}`);
    if (!ctx.stopping()) ctx.log(workerExitLine(`devnet-worker-${i + 1}`, child.pid, code, sig, tail));
  });
  return child;
}

/** SIGTERM to every worker still running, SIGKILL after a grace period; resolves once all have exited. */
async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((res) => {
          if (c.exitCode !== null || c.signalCode !== null) return res();
          const t = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
          c.once('exit', () => {
            clearTimeout(t);
            res();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
