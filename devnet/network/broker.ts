/**
 * Step 4 of the devnet network: the brokers, as operators start them: `chrysalis broker --config
 * <data-dir>/broker.yaml` (the second and later: `broker-<i>.yaml`), each its own OS process with its own key, wallet,
 * SQLite ledger and port, wired to the devnet chain through the same toncenter API as testnet. The config files are
 * written here and stay in the data directory for a newcomer to read; their devnet settings are marked in them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Registry } from '../../contracts/wrappers/registry';
import { brokerFile, devnetBrokerPort, type DevnetChainBroker, type DevnetChainStep } from './chain';
import { DEVNET_WORKER_CHANNEL_DEPOSIT_NANO } from './payouts';
import { spawnChrysalis, type DevnetProcess } from './process';
import type { DevnetTrust, StepContext } from './types';

/** How long the broker has to reach the chain and listen. */
const START_TIMEOUT_MS = 60_000;
/** How long one settle (SIGUSR2: claim everything, pay every worker) may take. */
const SETTLE_TIMEOUT_MS = 60_000;

export interface DevnetBroker {
  readonly process: DevnetProcess;
  /** Its HTTP API (clients, `/v1/workers`). */
  readonly url: string;
  /** Its worker endpoint (ws). */
  readonly workerUrl: string;
  readonly configFile: string;
  /** Claims every voucher the broker holds and pays the workers now (SIGUSR2); rejects if the flush failed. */
  settle(): Promise<void>;
}

/** Broker `b`'s config as `chrysalis broker --config` reads it (every path absolute); default: the first broker. */
export function brokerConfig(
  ctx: StepContext,
  c: DevnetChainStep,
  pkis: DevnetTrust,
  b: DevnetChainBroker = c.brokers[0]!,
): Record<string, unknown> {
  const { opts } = ctx;
  return {
    network: 'devnet',
    chain: { endpoints: [c.chain.url], pollMs: 50, confirmTimeoutMs: 20_000, registryRefreshMs: 2000 },
    registry: c.chain.registry.toString(),
    wallet: { keyFile: b.keyFile },
    ledger: { sqlite: join(opts.dataDir, brokerFile(b.index, 'sqlite')) },
    listen: { host: opts.host, port: devnetBrokerPort(opts, b.index) },
    trustFile: pkis.trustFile,
    settlement: {
      intervalMs: opts.settleIntervalMs,
      // Each settle pass claims whatever is owed, whatever the production thresholds.
      ...(opts.settleIntervalMs > 0 ? { claimThresholdNano: '1' } : {}),
      workerChannelDepositNano: DEVNET_WORKER_CHANNEL_DEPOSIT_NANO.toString(),
    },
  };
}

const HEADER = `# chrysalis broker config, written by \`chrysalis devnet\` (started as: chrysalis broker --config <this file>).
# DEVNET settings: the chain is the local TON emulator (chain.endpoints), the trust file opts in to the devnet's
# SIMULATED attestation roots, chain.pollMs is short because the emulator applies messages at once, and
# settlement.claimThresholdNano "1" (with --settle-interval > 0) claims whatever is owed every pass.
# Testnet or mainnet: see docs/testnet.md.
`;

/** Starts every broker of the chain step (in order) and waits until each listens. */
export async function startDevnetBrokers(
  ctx: StepContext,
  c: DevnetChainStep,
  pkis: DevnetTrust,
): Promise<DevnetBroker[]> {
  const out: DevnetBroker[] = [];
  for (const b of c.brokers) out.push(await startDevnetBroker(ctx, c, pkis, b));
  return out;
}

/**
 * Writes broker `b`'s config file (`broker.yaml`, `broker-<i>.yaml`), starts the broker and waits until it listens.
 * The sandbox chain lives in memory, so every start is a fresh chain: the ledger starts fresh to match it. A broker
 * on a port other than the registered one (a free port was picked) registers its real endpoint.
 */
export async function startDevnetBroker(
  ctx: StepContext,
  c: DevnetChainStep,
  pkis: DevnetTrust,
  b: DevnetChainBroker = c.brokers[0]!,
): Promise<DevnetBroker> {
  const dbPath = join(ctx.opts.dataDir, brokerFile(b.index, 'sqlite'));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const configFile = join(ctx.opts.dataDir, brokerFile(b.index, 'yaml'));
  writeFileSync(configFile, HEADER + stringify(brokerConfig(ctx, c, pkis, b)));
  const proc = spawnChrysalis(ctx, {
    name: b.index === 1 ? 'devnet-broker' : `devnet-broker-${b.index}`,
    label: b.index === 1 ? 'broker' : `broker ${b.index}`,
    args: ['broker', '--config', configFile],
  });
  proc.onLine((line) => {
    if (!ctx.stopping() && /^worker .* left the broker: /.test(line)) ctx.log(line);
  });
  const m = await proc.waitForLine(/^broker listening on (\S+) \(workers: (\S+)\)$/, START_TIMEOUT_MS, { seen: true });
  const url = m[1]!;
  if (url !== b.urlGuess) await registerBrokerEndpoint(c, b, url);
  return {
    process: proc,
    url,
    workerUrl: m[2]!,
    configFile,
    settle: async () => {
      if (proc.exited()) return;
      const done = proc.waitForLine(/^settlement: (flushed|flush failed)/, SETTLE_TIMEOUT_MS);
      proc.child.kill('SIGUSR2');
      const r = await done;
      if (r[1] !== 'flushed') throw new Error(`devnet broker: ${r.input}`);
    },
  };
}

/** A free port was picked: register the broker's real endpoint (the owner's change bumps the registry version). */
async function registerBrokerEndpoint(c: DevnetChainStep, b: DevnetChainBroker, endpoint: string): Promise<void> {
  await c.chain.blockchain
    .openContract(Registry.createFromAddress(c.chain.registry))
    .sendAddBroker(c.chain.deployer.getSender(), {
      brokerKey: new Uint8Array(b.keys.publicKey),
      wallet: b.wallet,
      endpoint,
      value: 50_000_000n,
    });
}
