/**
 * Step 6 of the devnet network: the OpenAI-compatible gateway, as a client starts it: `chrysalis gateway --config
 * <data-dir>/gateway.yaml`, its own OS process. It reads the registry from the chain itself (and follows its
 * version), verifies every worker's bundle against the devnet's SIMULATED roots (opted in by the trust file), seals,
 * checks receipts and signs vouchers on the client's channel (one per broker: with several brokers it fails over
 * between them). Its voucher state is `<data-dir>/vouchers.sqlite`, the
 * store `chrysalis chat --data-dir <data-dir>` shares.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { voucherStorePath } from '../../sdk/node';
import type { DevnetChainStep } from './chain';
import { spawnChrysalis, type DevnetProcess } from './process';
import type { DevnetModel, DevnetTrust, StepContext } from './types';

/** How long the gateway has to read the registry and listen. */
const START_TIMEOUT_MS = 60_000;

export interface GatewayTarget {
  /** The first broker: with a single broker the gateway is pointed at it and the client's channel to it. */
  readonly brokerUrl: string;
  readonly chain: DevnetChainStep;
  readonly pkis: DevnetTrust;
  readonly model: DevnetModel;
}

export interface DevnetGateway {
  readonly process: DevnetProcess;
  /** `http://host:port/v1`. */
  readonly url: string;
  readonly configFile: string;
}

/**
 * The gateway's config as `chrysalis gateway --config` reads it (every path absolute; no API key: env only). With
 * several brokers it takes them from the Registry (`brokersFromRegistry`: every registered broker, each with the
 * client's derived channel to it) and fails over between them.
 */
export function gatewayConfig(ctx: StepContext, t: GatewayTarget): Record<string, unknown> {
  const brokers =
    t.chain.brokers.length > 1
      ? { brokersFromRegistry: true }
      : { broker: t.brokerUrl, channel: t.chain.clientChannel.toString() };
  return {
    ...brokers,
    channelKeyFile: join(ctx.opts.dataDir, 'client.key'),
    registryAddress: t.chain.chain.registry.toString(),
    chainApi: t.chain.chain.url,
    registryRefreshMs: 2000,
    trust: t.pkis.trustFile,
    network: 'devnet',
    dataDir: ctx.opts.dataDir,
    host: ctx.opts.host,
    port: ctx.opts.gatewayPort,
    models: { [t.model.name]: t.model.id },
  };
}

const HEADER = `# chrysalis gateway config, written by \`chrysalis devnet\` (started as: chrysalis gateway --config <this file>).
# DEVNET settings: the trust file opts in to the devnet's SIMULATED attestation roots; the registry is read from the
# local TON emulator (chainApi). The API key, when one is needed, comes from CHRYSALIS_GATEWAY_API_KEY, never a file.
`;

/**
 * The chain is new at every start (and the client's channel with it: same address, nothing vouched), so the voucher
 * store starts empty too, like the broker's ledger.
 */
export async function startDevnetGateway(ctx: StepContext, t: GatewayTarget): Promise<DevnetGateway> {
  const storeFile = voucherStorePath(ctx.opts.dataDir);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${storeFile}${suffix}`, { force: true });
  const configFile = join(ctx.opts.dataDir, 'gateway.yaml');
  writeFileSync(configFile, HEADER + stringify(gatewayConfig(ctx, t)));
  const proc = spawnChrysalis(ctx, {
    name: 'devnet-gateway',
    label: 'gateway',
    args: ['gateway', '--config', configFile],
    ...(ctx.opts.apiKey ? { env: { CHRYSALIS_GATEWAY_API_KEY: ctx.opts.apiKey } } : {}),
  });
  const m = await proc.waitForLine(/^gateway: (\S+)$/, START_TIMEOUT_MS, { seen: true });
  return { process: proc, url: m[1]!, configFile };
}
