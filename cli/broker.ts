/** `chrysalis broker`: the only file that touches `process` (flags, env, signals, exit). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Address } from '@ton/core';
import { mnemonicToPrivateKey, mnemonicValidate, keyPairFromSeed } from '@ton/crypto';
import pino, { type Logger } from 'pino';
import { ConfigError } from '../broker/config';
import {
  BROKER_FIELDS,
  readConfigFile,
  redactUrl,
  redactedSettings,
  resolveBrokerSettings,
  type BrokerSettings,
} from '../broker/config-file';
import { StaticChannels, StaticRegistry, attestationBundleVerifier } from '../broker/adapters';
import { startBrokerChain, toBrokerSnapshot, type BrokerChain, type BrokerKeys } from '../broker/chain';
import { openLedger, startBroker, type RunningBroker } from '../broker/server';
import type { WorkerSessionEnded } from '../broker/ports';
import { workerSessionLine } from '../broker/session-line';
import type { BundleVerifier, RegistryView } from '../broker/ports';
import { systemClock } from '../core/clock';
import { INTEL_PCS_URL } from '../attestation/collateral/pcs-client';
import { createNodePcsClient } from '../attestation/collateral/pcs-client-node';
import { backoffDelay } from '../core/retry';
import { createChainClient, type ChainClient } from '../contracts/chain';
import { CliError, EXIT, inputError, networkError, usageError } from './exit';
import { runCommand, type CommandSpec } from './flags';
import { loadRegistry } from './registry-source';
import { loadTrust } from './trust';
import { untilShutdown, type RunOptions } from './shutdown';
import { settleOnSignal } from './broker-settle';
import { coordinateReplicas } from '../broker/chain/settler-replicas';

export { flushOutcome, settleLine, STANDBY_FLUSH_LINE } from './broker-settle';

const s = (arg: string, desc: string) => ({ type: 'string', arg, desc }) as const;

export const spec = {
  name: 'broker',
  synopsis: '[--config FILE] [options]',
  summary: 'Run a broker: admit attested workers listed by the registry, route sealed requests, keep the ledger.',
  options: {
    config: s('FILE', 'config file (JSON, or YAML for .yaml/.yml); flags override it'),
    'print-config': { type: 'boolean', desc: 'print the effective config (secrets redacted) as JSON and exit' },
    network: s('NAME', 'devnet | testnet | mainnet (sets the global id vouchers must name)'),
    'chain-api': {
      type: 'string',
      arg: 'URL',
      multiple: true,
      desc: 'toncenter v2 JSON-RPC endpoint (repeatable; the devnet prints it as `chain-api:`)',
    },
    endpoint: s('URL', 'alias of --chain-api'),
    'chain-api-key': s('KEY', 'toncenter API key (env TONCENTER_API_KEY)'),
    'chain-startup-timeout-ms': s('MS', 'retry an unreachable chain API at start this long, then exit 4 (300000)'),
    'chain-poll-ms': s('MS', 'wallet seqno polling after a send (1000)'),
    'chain-confirm-timeout-ms': s('MS', 'a send not applied within this counts as failed (60000)'),
    'registry-refresh-ms': s('MS', 'how often the registry version is re-read (5000)'),
    'registry-address': s('ADDR', 'the Registry contract, read from the chain (needs a wallet and --network)'),
    'registry-file': s('FILE', 'the registry JSON `chrysalis contracts registry` prints (static mode, no chain)'),
    'clients-file': s('FILE', 'JSON [{"clientKey":hex,"channel":addr,"depositNano":n}] (static client channels)'),
    'trust-file': s(
      'FILE',
      'also trust the attestation roots in this trust file (e.g. a devnet trust.json, SIMULATED)',
    ),
    'pcs-url': s(
      'URL',
      "Intel PCS or a PCCS for the TDX collateral admission checks bundles against (default Intel PCS; none = the bundle's)",
    ),
    'wallet-mnemonic-file': s('FILE', "the broker wallet's 24 words (never logged)"),
    'wallet-key-file': s('FILE', "the broker wallet's Ed25519 seed or secret key, hex (never logged)"),
    'wallet-version': s('V', 'v4 | v5r1 | highload-v3 (default v4)'),
    host: s('HOST', 'listen address (default 127.0.0.1, env CHRYSALIS_BROKER_HOST)'),
    port: s('N', 'listen port (default 8080, env CHRYSALIS_BROKER_PORT)'),
    id: s('ID', 'broker id (default broker-1)'),
    db: s('FILE', 'SQLite ledger file (default .data/broker.sqlite)'),
    pg: s('URL', 'PostgreSQL ledger instead of SQLite'),
    'replica-id': s('ID', 'this replica of a shared PostgreSQL ledger ([a-z0-9-]{1,64}; default `default`)'),
    'ledger-exclusive': { type: 'boolean', desc: 'hold the PostgreSQL ledger alone for life (v4/v5r1 wallets)' },
    'settlement-claim-threshold-nano': s('N', 'claim a client channel once this much is unclaimed (10 TON)'),
    'settlement-interval-ms': s('MS', 'period of the settlement pass (60000)'),
    'settlement-worker-payout-interval-ms': s('MS', 'period of broker->worker vouchers'),
    'settlement-worker-channel-deposit-nano': s(
      'N',
      "pay workers: deposit of each broker->worker channel (to the worker's payout address)",
    ),
    'request-timeout-ms': s('MS', 'per-request timeout'),
    'reattest-interval-ms': s('MS', 'how often workers re-attest'),
    'max-body-bytes': s('N', 'largest request body'),
    'global-id': s('N', "network global id every client voucher must name (default: the network's; -239 mainnet)"),
    'default-credit-nano': s('N', 'credit every client gets beyond what it has vouched (default 0)'),
  },
  notes: [
    'Precedence: flag, then --config file, then env, then default. Config fields: see the README (broker config).',
  ],
} as const satisfies CommandSpec;

/** The settings from --config, flags and env. @throws usage CliError naming the field; input CliError (file). */
function settingsOf(values: Record<string, unknown>): BrokerSettings {
  const flags: Record<string, string | string[] | undefined> = {};
  for (const f of Object.values(BROKER_FIELDS))
    if (f.flag && values[f.flag] !== undefined) flags[f.flag] = values[f.flag] as string;
  if (values.endpoint !== undefined)
    flags['chain-api'] = [...((values['chain-api'] as string[] | undefined) ?? []), values.endpoint as string];
  let file: Record<string, unknown> | undefined;
  if (values.config !== undefined) {
    try {
      file = readConfigFile(values.config as string);
    } catch (e) {
      throw inputError((e as Error).message);
    }
  }
  try {
    return resolveBrokerSettings({ ...(file ? { file } : {}), flags, env: process.env });
  } catch (e) {
    if (e instanceof ConfigError) throw usageError(e.message);
    throw e;
  }
}

/** The broker wallet's keys from its mnemonic (file or inline) or key file. Never logged. @throws input CliError */
export async function loadBrokerKeys(w: BrokerSettings['wallet']): Promise<BrokerKeys> {
  let words: string[] | undefined;
  if (w.mnemonicFile !== undefined) {
    try {
      words = readFileSync(w.mnemonicFile, 'utf8').trim().split(/\s+/);
    } catch (e) {
      throw inputError(`config: wallet.mnemonicFile: cannot read ${w.mnemonicFile}`, e);
    }
  } else if (w.mnemonic !== undefined) words = w.mnemonic.trim().split(/\s+/);
  if (words) {
    if (!(await mnemonicValidate(words))) throw inputError('config: wallet: not a valid TON mnemonic');
    const kp = await mnemonicToPrivateKey(words);
    return { publicKey: new Uint8Array(kp.publicKey), secretKey: new Uint8Array(kp.secretKey) };
  }
  let hex: string;
  try {
    hex = readFileSync(w.keyFile!, 'utf8').trim();
  } catch (e) {
    throw inputError(`config: wallet.keyFile: cannot read ${w.keyFile}`, e);
  }
  const b = /^[0-9a-fA-F]+$/.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
  if (b.length !== 32 && b.length !== 64)
    throw inputError('config: wallet.keyFile: must hold a hex Ed25519 seed (32 bytes) or secret key (64 bytes)');
  const kp = keyPairFromSeed(b.subarray(0, 32));
  return { publicKey: new Uint8Array(kp.publicKey), secretKey: new Uint8Array(kp.secretKey) };
}

const aborted = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve())));

/**
 * Probes the chain API (each endpoint in turn) until the Registry answers, with exponential backoff; gives up after
 * `startupTimeoutMs` with exit 4. Returns the client that answered, or undefined when shut down while waiting.
 * @throws CliError CLI_NETWORK_UNREACHABLE (exit 4), CLI_CONTRACT_NOT_FOUND (exit 1: no contract at the address)
 */
async function reachChain(st: BrokerSettings, signal: AbortSignal | undefined): Promise<ChainClient | undefined> {
  const network = st.network!;
  const endpoints: (string | undefined)[] = st.chain.endpoints.length ? [...st.chain.endpoints] : [undefined];
  const clients = endpoints.map((endpoint) => ({
    shown: endpoint ? redactUrl(endpoint) : `toncenter ${network}`,
    client: createChainClient({
      network,
      ...(endpoint ? { endpoint } : {}),
      ...(st.chain.apiKey !== undefined ? { apiKey: st.chain.apiKey } : {}),
    }),
  }));
  const registry = Address.parse(st.registry!);
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    const c = clients[attempt % clients.length]!;
    let state: string;
    try {
      state = await c.client.getAccountState(registry);
    } catch (e) {
      const wait = backoffDelay(attempt, { initialMs: 250, maxMs: 30_000 });
      const left = st.chain.startupTimeoutMs - (Date.now() - start);
      if (left <= 0)
        throw networkError(
          `chain API unreachable for ${st.chain.startupTimeoutMs} ms (last tried ${c.shown})`,
          e,
          'check chain.endpoints (--chain-api) and that the node answers; raise chain.startupTimeoutMs to wait longer',
        );
      const ms = Math.min(wait, left);
      process.stderr.write(
        `chain API ${c.shown} unreachable (${(e as Error).message}); retrying in ${Math.ceil(ms)} ms\n`,
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise((r) => (timer = setTimeout(r, ms))), aborted(signal)]);
      clearTimeout(timer);
      if (signal?.aborted) return undefined;
      continue;
    }
    if (state !== 'active')
      throw new CliError('CLI_CONTRACT_NOT_FOUND', EXIT.REJECTED, `no Registry contract at ${st.registry} (${state})`, {
        hint: 'check registry (--registry-address) and network',
      });
    return c.client;
  }
}

/**
 * The admission verifier when a trust file names other roots (`trustFile`): those roots and the quote policy that
 * allows them; undefined otherwise (the broker's default: only the roots pinned in code). Says so when SIMULATED.
 */
export function admissionVerifier(st: BrokerSettings, registry: RegistryView): { bundleVerifier?: BundleVerifier } {
  const t = loadTrust(st.trustFile);
  if (t?.simulated)
    process.stderr.write(`warning: trusting SIMULATED attestation roots from ${st.trustFile}: not real hardware\n`);
  // The verifier's own collateral (real Intel roots only: no PCS serves the SIMULATED devnet PKI).
  const pcs = t?.simulated || st.pcsUrl === 'none' ? undefined : ownCollateral(st);
  if (!t && !pcs) return {};
  return {
    bundleVerifier: attestationBundleVerifier({
      registry,
      ...(t ? { trust: t.trust } : {}),
      ...(t?.allowedRoots ? { policy: { quote: { allowedRoots: t.allowedRoots } } } : {}),
      ...(pcs ? { pcs } : {}),
    }),
  };
}

/** Intel PCS (default) or the configured PCCS, cached beside an SQLite ledger until each collateral's nextUpdate. */
function ownCollateral(st: BrokerSettings): ReturnType<typeof createNodePcsClient> {
  return createNodePcsClient({
    baseUrl: st.pcsUrl ?? INTEL_PCS_URL,
    ...(st.config.pgUrl ? {} : { cacheDir: join(dirname(st.config.dbPath), 'pcs-cache') }),
  });
}

/** Static mode: the registry from a file (or none), client channels from a file. */
async function staticDeps(st: BrokerSettings): Promise<{ registry: RegistryView; channels?: StaticChannels }> {
  const r = await loadRegistry(st.registryFile ? { 'registry-file': st.registryFile } : {}, false);
  if (!r) process.stderr.write('warning: no registry given: it is empty and every worker will be refused\n');
  const registry = new StaticRegistry(
    r
      ? toBrokerSnapshot({
          ...r,
          brokers: [],
          attestationLog: r.attestationLog ? Address.parse(r.attestationLog) : null,
        })
      : { version: 0, imageIds: [], platformIds: [], modelIds: [] },
  );
  if (!st.clientsFile) return { registry };
  let clients;
  try {
    clients = JSON.parse(readFileSync(st.clientsFile, 'utf8')) as {
      clientKey: string;
      channel: string;
      depositNano: number;
    }[];
  } catch (e) {
    throw inputError(`cannot read --clients-file ${st.clientsFile}`, e);
  }
  return { registry, channels: new StaticChannels(clients) };
}

/** Chain mode: registry view, admission log, channel directory and settler over the broker wallet, then the broker. */
async function startChainBroker(
  st: BrokerSettings,
  chain: ChainClient,
  brokerKey: BrokerKeys,
  logger: Logger,
  onWorkerSessionEnded: (e: WorkerSessionEnded) => void,
): Promise<{ running: RunningBroker; brokerChain: BrokerChain; close: () => Promise<void> }> {
  const ledger = openLedger(st.config);
  let brokerChain: BrokerChain;
  let replicas: Awaited<ReturnType<typeof coordinateReplicas>> | undefined;
  try {
    replicas = await coordinateReplicas(ledger, {
      walletVersion: st.wallet.version,
      exclusive: st.config.ledgerExclusive,
      onRole: (_role, line) => process.stdout.write(`${line}\n`),
      logger: logger.child({ component: 'replicas' }),
    });
    const rc = replicas.chainOptions;
    brokerChain = await startBrokerChain({
      ...(rc.highload ? { highload: rc.highload } : {}),
      chain,
      registry: Address.parse(st.registry!),
      brokerKey,
      ledger,
      globalId: st.config.globalId,
      walletVersion: st.wallet.version,
      ...(st.chain.pollMs !== undefined ? { pollMs: st.chain.pollMs } : {}),
      ...(st.chain.confirmTimeoutMs !== undefined ? { confirmTimeoutMs: st.chain.confirmTimeoutMs } : {}),
      ...(st.chain.registryRefreshMs !== undefined ? { registryVersionCheckMs: st.chain.registryRefreshMs } : {}),
      logger: logger.child({ component: 'chain' }),
      clock: systemClock,
      ...(st.settlement.workerChannelDepositNano !== undefined
        ? { payWorkers: { depositNano: st.settlement.workerChannelDepositNano } }
        : {}),
      settlement: {
        ...(rc.settlement ?? {}),
        ...(st.settlement.intervalMs !== undefined ? { intervalMs: st.settlement.intervalMs } : {}),
        ...(st.settlement.workerPayoutIntervalMs !== undefined
          ? { workerIntervalMs: st.settlement.workerPayoutIntervalMs }
          : {}),
        ...(st.settlement.claimThresholdNano !== undefined
          ? { policy: { thresholdNano: st.settlement.claimThresholdNano } }
          : {}),
      },
    });
  } catch (e) {
    await replicas?.stop();
    await ledger.close();
    throw e;
  }
  let running: RunningBroker;
  try {
    running = await startBroker({
      config: st.config,
      logger,
      clock: systemClock,
      ...brokerChain.deps,
      ...admissionVerifier(st, brokerChain.registryView),
      onWorkerSessionEnded,
    });
  } catch (e) {
    await brokerChain.stop();
    await replicas.stop();
    await ledger.close();
    throw e;
  }
  const snap = await brokerChain.registryView.snapshot();
  process.stdout.write(
    `registry: ${st.registry} version ${snap.version} (${snap.imageIds.length} image(s), ${snap.platformIds.length} platform(s), ${snap.modelIds.length} model(s)) on ${st.network}\n` +
      `broker wallet: ${brokerChain.wallet.address.toString()}\n`,
  );
  const stopSettleSignal = settleOnSignal(brokerChain, replicas.election);
  return {
    running,
    brokerChain,
    close: async () => {
      stopSettleSignal();
      await running.close();
      await brokerChain.stop();
      await replicas.stop();
      await ledger.close();
    },
  };
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  return runCommand(spec, argv, async ({ values }) => {
    const st = settingsOf(values as Record<string, unknown>);
    if (values['print-config']) {
      process.stdout.write(`${JSON.stringify(redactedSettings(st), null, 2)}\n`);
      return EXIT.OK;
    }
    const logger = pino({ name: 'broker', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'info' });
    let stopping = false;
    const onWorkerSessionEnded = (e: WorkerSessionEnded): void => {
      if (!stopping) process.stdout.write(`${workerSessionLine(e)}\n`);
    };
    let close: () => Promise<void>;
    let url: string;
    let workerUrl: string;
    if (st.registry) {
      const brokerKey = await loadBrokerKeys(st.wallet);
      const chain = await reachChain(st, opts.signal);
      if (!chain) return EXIT.OK;
      const b = await startChainBroker(st, chain, brokerKey, logger, onWorkerSessionEnded);
      ({ url, workerUrl } = b.running);
      close = b.close;
    } else {
      const deps = await staticDeps(st);
      const running = await startBroker({
        config: st.config,
        logger,
        clock: systemClock,
        ...deps,
        ...admissionVerifier(st, deps.registry),
        onWorkerSessionEnded,
      });
      ({ url, workerUrl } = running);
      close = () => running.close();
    }
    process.stdout.write(`broker listening on ${url} (workers: ${workerUrl})\n`);
    const why = await untilShutdown(opts.signal);
    stopping = true;
    logger.info({ signal: why }, 'shutting down: draining in-flight streams');
    try {
      await close();
      return 0;
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      return 1;
    }
  });
}
