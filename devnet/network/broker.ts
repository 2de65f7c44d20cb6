/** Step 4 of the devnet network: the broker, wired to the chain. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  attestationBundleVerifier,
  makeConfig,
  openLedger,
  startBroker,
  type RunningBroker,
  type WorkerSessionEnded,
} from '../../broker';
import { startBrokerChain, type BrokerChain } from '../../broker/chain';
import { systemClock } from '../../core/clock';
import { Registry } from '../../contracts/wrappers/registry';
import type { DevnetChainStep } from './chain';
import { DEVNET_WORKER_CHANNEL_DEPOSIT_NANO } from './payouts';
import type { DevnetTrust, StepContext } from './types';

/** The one line the devnet prints when an admitted worker's broker session ends (outside shutdown). */
export function workerSessionLine(e: WorkerSessionEnded): string {
  return `worker ${e.workerName || '(unnamed)'} (${e.workerId.slice(0, 16)}…) left the broker: ${e.reason}; ${e.lost} request(s) lost`;
}

export interface DevnetBrokerStep {
  readonly broker: RunningBroker;
  readonly brokerChain: BrokerChain;
}

/**
 * The broker's SQLite ledger, its chain side (registry view cached on its version, on-chain admission log, channel
 * directory whose on-chain view every voucher is checked against, and the lazy settler, which also pays the workers
 * through their channels; all through the same toncenter API as testnet) and the broker itself, admitting workers by `verifyBundle` against the devnet roots and the on-chain registry.
 */
export async function startDevnetBroker(
  ctx: StepContext,
  c: DevnetChainStep,
  pkis: DevnetTrust,
  logger: Logger,
): Promise<DevnetBrokerStep> {
  const { opts } = ctx;
  // The sandbox chain lives in memory, so every start is a fresh chain: start the ledger fresh to match it.
  const dbPath = join(opts.dataDir, 'broker.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  // Vouchers must name the devnet chain (config param 19 = NETWORK_GLOBAL_ID.devnet).
  const config = makeConfig({ host: opts.host, port: opts.brokerPort, dbPath, globalId: c.chain.globalId });
  const ledger = openLedger(config);
  ctx.onClose(async () => {
    await ledger.close();
  });
  const brokerChain = await startBrokerChain({
    chain: c.chainClient,
    registry: c.chain.registry,
    brokerKey: { publicKey: new Uint8Array(c.brokerKeys.publicKey), secretKey: new Uint8Array(c.brokerKeys.secretKey) },
    ledger,
    globalId: c.chain.globalId,
    pollMs: 50,
    confirmTimeoutMs: 20_000,
    registryVersionCheckMs: 2000,
    settlement: { intervalMs: opts.settleIntervalMs },
    // Pays the GPU owners: each admitted worker's channel to its payout address is opened from the broker wallet.
    payWorkers: { depositNano: DEVNET_WORKER_CHANNEL_DEPOSIT_NANO },
    clock: systemClock,
  });
  ctx.onClose(() => brokerChain.stop());
  const broker = await startBroker({
    config,
    logger: logger.child({ component: 'broker' }),
    clock: systemClock,
    ...brokerChain.deps,
    bundleVerifier: attestationBundleVerifier({
      registry: brokerChain.registryView,
      trust: pkis.trust,
      policy: pkis.policy,
    }),
    onWorkerSessionEnded: (e) => {
      if (!ctx.stopping()) ctx.log(workerSessionLine(e));
    },
  });
  ctx.onClose(() => broker.close());
  if (broker.url !== c.brokerUrlGuess) await registerBrokerEndpoint(c, broker.url);
  return { broker, brokerChain };
}

/** A free port was picked: register the broker's real endpoint (the owner's change bumps the registry version). */
async function registerBrokerEndpoint(c: DevnetChainStep, endpoint: string): Promise<void> {
  await c.chain.blockchain
    .openContract(Registry.createFromAddress(c.chain.registry))
    .sendAddBroker(c.chain.deployer.getSender(), {
      brokerKey: new Uint8Array(c.brokerKeys.publicKey),
      wallet: c.brokerWallet,
      endpoint,
      value: 50_000_000n,
    });
}
