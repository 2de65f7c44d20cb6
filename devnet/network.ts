/**
 * The whole devnet network on this machine (what `chrysalis devnet` runs): a composition of the real programs.
 *
 *   this process:  TON sandbox + contracts behind a toncenter-v2 API (the chain; SIMULATED)
 *   own processes: M x `chrysalis broker --config broker[-i].yaml`  <-  N x `chrysalis worker --config worker.yaml`
 *                  (SIMULATED TDX + SIMULATED GPU evidence, tiny ONNX TEST model; each worker dials every broker)
 *                  `chrysalis gateway --config gateway.yaml` (OpenAI-compatible; the SDK inside) -> the brokers
 *
 * Each program is started exactly as an operator starts it, from a config file written into the data directory
 * (`logs/<name>.log` holds what each printed). The processes stay in the devnet's process group.
 *
 * Money flows as on testnet: the client has one channel per broker (payee = that broker's wallet), and each broker's
 * settler pays each worker through its own channel to the worker's payout address (a deployed sandbox wallet); each worker claims from its own operating
 * wallet once its voucher is `DEVNET_CLAIM_THRESHOLD_NANO` above what it claimed (`./network/payouts.ts`).
 *
 * What is simulated (and printed as such): the TON chain is @ton/sandbox, not a network; TDX quotes and GPU reports
 * are signed by devnet PKIs that mirror Intel's and NVIDIA's structure (the verifiers are the production ones, only
 * the roots differ, and every verifier here opts in to those roots explicitly); the model is a tiny test model.
 * Each step lives in `./network/`, in the order of the progress lines printed here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { voucherStorePath } from '../sdk/node';
import { createChainClient } from '../contracts/chain';
import { registryModelPrices, type ModelPrice } from '../contracts/pricing';
import { startDevnetBrokers, type DevnetBroker } from './network/broker';
import { startChainAndContracts, type DevnetChainStep } from './network/chain';
import { startDevnetGateway, type DevnetGateway } from './network/gateway';
import { modelStepText, prepareModel } from './network/model';
import { DEVNET_CLAIM_THRESHOLD_NANO, prepareWorkerPayouts, type DevnetWorkerPayout } from './network/payouts';
import { createPkis } from './network/pkis';
import type { DevnetInfo, DevnetModel, DevnetOptions, DevnetTrust, RunningDevnet, StepContext } from './network/types';
import { startWorkers } from './network/workers';

export { workerExitLine } from './network/process';
export type { DevnetInfo, DevnetOptions, RunningDevnet } from './network/types';

/** The file a running devnet writes into its data directory (see `DevnetInfo`). */
export const DEVNET_FILE = 'devnet.json';

const TOTAL_STEPS = 7;

/**
 * Starts everything; resolves once all workers are admitted and the gateway listens, and writes
 * `<data-dir>/devnet.json`. On a failed start, whatever was started is closed again before the error is rethrown.
 */
export async function startDevnet(opts: DevnetOptions, log: (line: string) => void): Promise<RunningDevnet> {
  const step = (n: number, text: string): void => log(`[${n}/${TOTAL_STEPS}] ${text}`);
  const closers: Array<() => Promise<void>> = [];
  let stopping = false;
  const closeAll = async (): Promise<void> => {
    stopping = true;
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  const ctx: StepContext = { opts, log, onClose: (c) => closers.push(c), stopping: () => stopping };
  try {
    mkdirSync(opts.dataDir, { recursive: true });
    step(1, modelStepText(opts));
    const model = await prepareModel(opts);
    step(2, 'SIMULATED Intel-like and NVIDIA-like PKIs (devnet roots, opted in explicitly)');
    const pkis = createPkis(opts);
    const n = opts.brokers ?? 1;
    step(3, `TON sandbox (SIMULATED chain) with Registry, AttestationLog and ${n} client PaymentChannel(s)`);
    const chain = await startChainAndContracts(ctx, model, pkis);
    step(
      4,
      n === 1
        ? 'broker: chrysalis broker --config broker.yaml (SQLite ledger, registry and channels read on-chain)'
        : `${n} brokers: chrysalis broker --config broker.yaml, broker-2.yaml, ... (each its own SQLite ledger, key and port)`,
    );
    const brokers = await startDevnetBrokers(ctx, chain, pkis);
    const broker = brokers[0]!;
    step(
      5,
      `${opts.workers} workers: chrysalis worker --config worker.yaml (SIMULATED TDX + SIMULATED GPU, ${opts.engine})`,
    );
    const prices = await registryPrice(chain, model);
    const payouts = await prepareWorkerPayouts(ctx, chain);
    const workers = await startWorkers(ctx, {
      workerUrls: brokers.map((b) => b.workerUrl),
      brokerUrls: brokers.map((b) => b.url),
      collateralFile: pkis.collateralFile,
      model,
      prices,
      chainApi: chain.chain.url,
      registry: chain.chain.registry.toString(),
      payouts,
    });
    step(
      6,
      'gateway: chrysalis gateway --config gateway.yaml (OpenAI-compatible; the SDK verifies every bundle itself)',
    );
    const gateway = await startDevnetGateway(ctx, { brokerUrl: broker.url, chain, pkis, model });
    step(7, 'ready');
    const info = writeDevnetInfo(opts.dataDir, { model, prices, pkis, chain, brokers, gateway, payouts });
    return {
      info,
      workers: workers.map((w) => ({ name: w.name, pid: w.child.pid })),
      processes: [...brokers.map((b) => b.process), ...workers, gateway.process].map((p) => ({
        name: p.name,
        pid: p.child.pid,
      })),
      settle: async () => {
        for (const b of brokers) await b.settle();
      },
      chainOutage: (down) => chain.chain.setOutage(down),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The registry's prompt and completion price of the devnet model (what its workers commit to), read on-chain. */
async function registryPrice(c: DevnetChainStep, model: DevnetModel): Promise<ModelPrice> {
  const reg = await createChainClient({ network: 'devnet', endpoint: c.chain.url }).readRegistry(c.chain.registry);
  const price = registryModelPrices(reg.params, reg.models)[model.id.toLowerCase()];
  if (!price) throw new Error(`devnet: the registry lists no price for model ${model.id}`);
  return price;
}

interface Started {
  readonly model: DevnetModel;
  readonly prices: ModelPrice;
  readonly pkis: DevnetTrust;
  readonly chain: DevnetChainStep;
  readonly brokers: readonly DevnetBroker[];
  readonly gateway: DevnetGateway;
  readonly payouts: readonly DevnetWorkerPayout[];
}

/** Writes `<data-dir>/devnet.json` for `chrysalis chat` / `chrysalis status` and returns what it wrote. */
function writeDevnetInfo(dataDir: string, s: Started): DevnetInfo {
  const info: DevnetInfo = {
    gateway: s.gateway.url,
    broker: s.brokers[0]!.url,
    brokers: s.brokers.map((b) => b.url),
    chainApi: s.chain.chain.url,
    registry: s.chain.chain.registry.toString(),
    attestationLog: s.chain.chain.attestationLog.toString(),
    clientChannel: s.chain.clientChannel.toString(),
    clientChannels: s.chain.brokers.map((b) => b.clientChannel.toString()),
    clientKeyFile: join(dataDir, 'client.key'),
    globalId: s.chain.chain.globalId,
    voucherStoreFile: voucherStorePath(dataDir),
    trustFile: s.pkis.trustFile,
    collateralFile: s.pkis.collateralFile,
    modelId: s.model.id,
    modelName: s.model.name,
    modelPrice: { promptNano: s.prices.promptNano.toString(), completionNano: s.prices.completionNano.toString() },
    imageId: s.pkis.imageId,
    platformId: s.pkis.platformId,
    workerPayouts: s.payouts.map((p) => p.payoutAddress),
    claimThresholdNano: DEVNET_CLAIM_THRESHOLD_NANO.toString(),
    configFiles: {
      broker: s.brokers[0]!.configFile,
      brokers: s.brokers.map((b) => b.configFile),
      gateway: s.gateway.configFile,
      workers: s.payouts.map((p) => join(p.dataDir, 'worker.yaml')),
    },
    pid: process.pid,
  };
  writeFileSync(join(dataDir, DEVNET_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
