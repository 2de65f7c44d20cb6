/**
 * `chrysalis gateway`: the local OpenAI-compatible endpoint. The only gateway file that touches `process`:
 * config, logger (pino), client, listen, graceful shutdown on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { ChrysalisClient } from '../sdk/client';
import { MultiBrokerClient } from '../sdk/multi-broker';
import { brokersFromRegistry, type BrokerEndpoint } from '../sdk/broker-registry';
import { tonVoucherSigner } from '../sdk/ton-voucher';
import { SqliteVoucherStore, defaultDataDir, voucherStorePath } from '../sdk/voucher-store';
import { ed25519SignerFromSeed, fromHex } from '../sdk/bytes';
import { startGateway } from '../sdk/gateway/server';
import { ConfigError, parseGatewayConfig, type GatewayConfig } from '../sdk/gateway/config';
import { ConfigError as FileConfigError } from '../broker/config';
import { readConfigFile } from '../broker/config-file';
import type { BundleVerifyConfig } from '../sdk/attested';
import { loadTrustFile, type TrustFileRoots } from '../sdk/trust-file';
import { INTEL_PCS_URL, type PcsClient } from '../attestation/collateral/pcs-client';
import { createNodePcsClient } from '../attestation/collateral/pcs-client-node';
import { EXIT, inputError, reportError, usageError } from './exit';
import { helpText, type CommandSpec } from './flags';
import { REGISTRY_OPTIONS, loadRegistry, toVerifyRegistry, type LoadedRegistry } from './registry-source';
import { TRUST_OPTION } from './trust';
import { untilShutdown, type RunOptions } from './shutdown';

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw inputError(`cannot read ${what} ${path}`, e);
  }
}

/** The gateway's config-file fields (camelCase of the flags) and the flag each sets. */
const GATEWAY_FILE_FIELDS: Readonly<Record<string, string>> = {
  broker: 'broker',
  channel: 'channel',
  channelKeyFile: 'channel-key-file',
  registryAddress: 'registry-address',
  registryFile: 'registry-file',
  chainApi: 'chain-api',
  registryRefreshMs: 'registry-refresh-ms',
  trust: 'trust',
  policy: 'policy',
  pcsUrl: 'pcs-url',
  port: 'port',
  host: 'host',
  maxPromptPrice: 'max-prompt-price',
  maxCompletionPrice: 'max-completion-price',
  defaultMaxTokens: 'default-max-tokens',
  network: 'network',
  dataDir: 'data-dir',
};

/**
 * `--config FILE` (JSON, or YAML for .yaml/.yml) turned into flags placed BEFORE the command line's, so a flag given
 * on the command line wins. `models: {name: hexId}` becomes `--model name=hexId`; `settle: false` `--no-settle`;
 * `brokers: [{url, channel}]` one `--broker url --channel channel` pair each; `brokersFromRegistry: true`
 * `--brokers-from-registry`. A `--broker` (or `--channel`) on the command line replaces the file's brokers (channels).
 * The API key is not a file field (env CHRYSALIS_GATEWAY_API_KEY or --api-key): a file is too easily shared.
 * @throws ConfigError naming the field
 */
export function expandGatewayConfig(argv: readonly string[]): string[] {
  const i = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i < 0) return [...argv];
  const file = argv[i] === '--config' ? argv[i + 1] : argv[i]!.slice('--config='.length);
  if (!file) throw new ConfigError('--config needs a file');
  const rest = [...argv.slice(0, i), ...argv.slice(argv[i] === '--config' ? i + 2 : i + 1)];
  const o = readConfigFile(file);
  const flags: string[] = [];
  const onCli = (f: string): boolean => rest.some((a) => a === `--${f}` || a.startsWith(`--${f}=`));
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'broker' || k === 'brokers') && onCli('broker')) continue;
    if (k === 'channel' && onCli('channel')) continue;
    if (k === 'brokers') {
      if (!Array.isArray(v)) throw new ConfigError('config: brokers: must be a list of {url, channel}');
      for (const b of v as unknown[]) {
        const e = (b ?? {}) as Record<string, unknown>;
        if (typeof e.url !== 'string' || typeof e.channel !== 'string')
          throw new ConfigError('config: brokers: each entry needs url and channel (strings)');
        if (!onCli('channel')) flags.push('--broker', e.url, '--channel', e.channel);
        else flags.push('--broker', e.url);
      }
    } else if (k === 'brokersFromRegistry') {
      if (typeof v !== 'boolean') throw new ConfigError('config: brokersFromRegistry: must be true or false');
      if (v) flags.push('--brokers-from-registry');
    } else if (k === 'models') {
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new ConfigError('config: models: must map names to 64-hex model ids');
      for (const [name, id] of Object.entries(v as Record<string, unknown>))
        flags.push('--model', `${name}=${String(id)}`);
    } else if (k === 'settle') {
      if (typeof v !== 'boolean') throw new ConfigError('config: settle: must be true or false');
      if (!v) flags.push('--no-settle');
    } else if (GATEWAY_FILE_FIELDS[k]) {
      if (typeof v !== 'string' && typeof v !== 'number')
        throw new ConfigError(`config: ${k}: must be a string or a number`);
      flags.push(`--${GATEWAY_FILE_FIELDS[k]}`, String(v));
    } else throw new ConfigError(`config: ${k}: unknown field`);
  }
  return [...flags, ...rest];
}

export const GATEWAY_SPEC = {
  name: 'gateway',
  synopsis:
    '[--config FILE] (--broker URL --channel ADDR)... [--brokers-from-registry] (--registry-file FILE | --registry-address ADDR --chain-api URL) [options]',
  summary: 'Run the local OpenAI-compatible gateway: the SDK verifies every worker, seals, checks receipts, pays.',
  options: {
    config: {
      type: 'string',
      arg: 'FILE',
      desc: 'config file (JSON, or YAML for .yaml/.yml): the flags below in camelCase; flags override it',
    },
    broker: {
      type: 'string',
      multiple: true,
      arg: 'URL',
      desc: 'a broker (env CHRYSALIS_BROKER_URL); repeatable, paired in order with --channel',
    },
    channel: {
      type: 'string',
      multiple: true,
      arg: 'ADDR',
      desc: 'your payment channel to that broker (env CHRYSALIS_CHANNEL); repeatable',
    },
    'brokers-from-registry': {
      type: 'boolean',
      desc: 'also every broker in the registry, with the channel derived for your key (needs --registry-address)',
    },
    'channel-key-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'channel key seed, 64 hex (or env CHRYSALIS_CHANNEL_KEY)',
    },
    ...REGISTRY_OPTIONS,
    'chain-api': { type: 'string', arg: 'URL', desc: 'toncenter v2 endpoint of the registry (alias of --endpoint)' },
    'registry-refresh-ms': {
      type: 'string',
      arg: 'MS',
      desc: 'with --registry-address: re-read the registry version this often (30000)',
    },
    trust: TRUST_OPTION,
    policy: { type: 'string', arg: 'FILE', desc: 'bundle policy JSON' },
    'pcs-url': {
      type: 'string',
      arg: 'URL',
      desc: 'Intel PCS/PCCS for own TDX collateral, cached in DATA_DIR/pcs-cache (Intel PCS; none: off; off when SIMULATED)',
    },
    port: { type: 'string', arg: 'N', desc: 'listen port (default 8787)' },
    host: { type: 'string', arg: 'HOST', desc: 'listen address (default 127.0.0.1)' },
    'api-key': { type: 'string', arg: 'KEY', desc: 'required off loopback (or env CHRYSALIS_GATEWAY_API_KEY)' },
    model: { type: 'string', multiple: true, arg: 'NAME=HEX', desc: 'serve model id HEX as NAME (repeatable)' },
    'max-prompt-price': {
      type: 'string',
      arg: 'NANO',
      desc: 'lower the price cap per prompt token (default: the registry price), nanoTON',
    },
    'max-completion-price': {
      type: 'string',
      arg: 'NANO',
      desc: 'lower the price cap per completion token (default: the registry price), nanoTON',
    },
    'default-max-tokens': { type: 'string', arg: 'N', desc: 'completion tokens reserved without max_tokens (1024)' },
    network: { type: 'string', arg: 'NAME', desc: 'mainnet, testnet or devnet: named in every voucher (mainnet)' },
    'data-dir': {
      type: 'string',
      arg: 'DIR',
      desc: 'voucher store DIR/vouchers.sqlite, shared with `chrysalis chat` (env CHRYSALIS_DATA_DIR, ~/.chrysalis)',
    },
    'no-settle': { type: 'boolean', desc: 'do not sign vouchers' },
  },
} as const satisfies CommandSpec;

async function loadVerifyConfig(cfg: GatewayConfig): Promise<{ verify: BundleVerifyConfig; loaded: LoadedRegistry }> {
  const loaded = await loadRegistry(
    {
      ...(cfg.registryFile ? { 'registry-file': cfg.registryFile } : {}),
      ...(cfg.registryAddress ? { 'registry-address': cfg.registryAddress } : {}),
      ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    },
    true,
  );
  const registry = toVerifyRegistry(loaded!);
  // A trust file opts in to its roots twice over: as trust anchors and as the quote policy's allowed roots. A policy
  // file that names its own allowedRoots keeps them. Without a trust file only the pinned production roots count.
  let roots: TrustFileRoots | undefined;
  if (cfg.trustFile) {
    try {
      roots = loadTrustFile(cfg.trustFile);
    } catch (e) {
      throw inputError(
        (e as Error).message,
        (e as Error).cause,
        'pass the trust.json a devnet writes in its data directory',
      );
    }
  }
  const filePolicy = cfg.policyFile ? (readJson(cfg.policyFile, 'policy') as BundleVerifyConfig['policy']) : undefined;
  const policy =
    roots?.policy.quote && !filePolicy?.quote?.allowedRoots
      ? { ...filePolicy, quote: { ...filePolicy?.quote, ...roots.policy.quote } }
      : filePolicy;
  const collateralSource = gatewayCollateralSource(cfg, roots?.simulated === true);
  return {
    verify: {
      registry,
      ...(roots ? { trust: roots.trust } : {}),
      ...(policy ? { policy } : {}),
      ...(collateralSource ? { collateralSource } : {}),
    },
    loaded: loaded!,
  };
}

/**
 * The gateway's own Intel collateral for each worker's quote: Intel's PCS (or `--pcs-url`, a PCCS), cached under
 * `<data dir>/pcs-cache` until each resource's nextUpdate. None with `--pcs-url none` or SIMULATED roots (no PCS
 * serves the devnet PKI).
 */
export function gatewayCollateralSource(
  cfg: Pick<GatewayConfig, 'pcsUrl' | 'dataDir'>,
  simulated: boolean,
): PcsClient | undefined {
  if (simulated || cfg.pcsUrl === 'none') return undefined;
  return createNodePcsClient({
    baseUrl: cfg.pcsUrl ?? INTEL_PCS_URL,
    cacheDir: join(cfg.dataDir ?? defaultDataDir(), 'pcs-cache'),
  });
}

/** What following the registry needs from the client (ChrysalisClient, MultiBrokerClient). */
interface RegistryFollower {
  setRegistry(r: BundleVerifyConfig['registry']): boolean;
  readonly registryVersion: number | undefined;
}

/**
 * With a registry address: re-reads the registry every `registryRefreshMs`; a newer version replaces the client's
 * snapshot (bundles verified again, new price caps); `onRead` sees every snapshot read (the broker list). An
 * unreadable chain keeps the snapshot in use and says so.
 */
function followRegistry(
  cfg: GatewayConfig,
  client: RegistryFollower,
  logger: pino.Logger,
  onRead: (r: LoadedRegistry) => void = () => undefined,
): () => void {
  if (!cfg.registryAddress || !cfg.registryRefreshMs) return () => undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    loadRegistry({ 'registry-address': cfg.registryAddress!, endpoint: cfg.endpoint! }, true)
      .then((r) => {
        onRead(r!);
        if (client.setRegistry(toVerifyRegistry(r!)))
          logger.info({ event: 'registry_updated', version: r!.version }, 'registry changed: verifying workers again');
      })
      .catch((e: unknown) =>
        logger.warn(
          { event: 'registry_unreadable', code: (e as { code?: string }).code, version: client.registryVersion },
          'registry unreadable: keeping the snapshot in use',
        ),
      )
      .finally(() => {
        busy = false;
      });
  }, cfg.registryRefreshMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText(GATEWAY_SPEC));
    return EXIT.OK;
  }
  let cfg: GatewayConfig;
  let verify: BundleVerifyConfig;
  let loaded: LoadedRegistry;
  let seed: Uint8Array;
  try {
    cfg = parseGatewayConfig(expandGatewayConfig(argv), process.env);
    ({ verify, loaded } = await loadVerifyConfig(cfg));
    const keyHex = cfg.channelKeyFile ? readFileSync(cfg.channelKeyFile, 'utf8').trim() : (cfg.channelKeyHex as string);
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new ConfigError('channel key must be 64 hex digits (Ed25519 seed)');
    seed = fromHex(keyHex);
  } catch (e) {
    const err = e instanceof ConfigError || e instanceof FileConfigError ? usageError(e.message) : e;
    return reportError(GATEWAY_SPEC.name, err, { usage: helpText(GATEWAY_SPEC) });
  }
  const logger = pino({ name: 'chrysalis-gateway', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'info' });
  const maxPrice = {
    ...(cfg.maxPromptPriceNano !== undefined ? { promptNano: cfg.maxPromptPriceNano } : {}),
    ...(cfg.maxCompletionPriceNano !== undefined ? { completionNano: cfg.maxCompletionPriceNano } : {}),
  };
  let store: SqliteVoucherStore | undefined;
  if (cfg.settle) {
    try {
      store = new SqliteVoucherStore(voucherStorePath(cfg.dataDir));
    } catch (e) {
      return reportError(GATEWAY_SPEC.name, inputError('cannot open the voucher store', e));
    }
  }
  const common = {
    channelKey: seed,
    verify,
    models: cfg.models,
    globalId: cfg.globalId,
    maxPrice,
    ...(cfg.defaultMaxTokens !== undefined ? { defaultMaxTokens: cfg.defaultMaxTokens } : {}),
    ...(store ? { voucherSigner: tonVoucherSigner(seed, { globalId: cfg.globalId }), voucherStore: store } : {}),
  };
  let client: ChrysalisClient | MultiBrokerClient;
  let onRead: ((r: LoadedRegistry) => void) | undefined;
  if (!cfg.brokersFromRegistry && cfg.brokers.length === 1) {
    client = new ChrysalisClient({ ...common, broker: cfg.brokers[0]!.url, channel: cfg.brokers[0]!.channel });
    if (cfg.settle) {
      try {
        await client.syncAccount();
      } catch (e) {
        logger.warn(
          { code: (e as { code?: string }).code },
          'could not read the channel account from the broker; continuing from the voucher store',
        );
      }
    }
  } else {
    const publicKey = (await ed25519SignerFromSeed(seed)).publicKey;
    const brokersOf = (r: LoadedRegistry): BrokerEndpoint[] => {
      if (!cfg.brokersFromRegistry) return [...cfg.brokers];
      const { brokers, skipped } = brokersFromRegistry(r, publicKey);
      for (const x of skipped) logger.warn({ event: 'registry_broker_skipped', endpoint: x.endpoint }, x.why);
      return [...cfg.brokers, ...brokers.filter((b) => !cfg.brokers.some((g) => g.url === b.url))];
    };
    const multi = new MultiBrokerClient({ ...common, brokers: brokersOf(loaded) });
    client = multi;
    onRead = (r) => {
      const { added, removed } = multi.setBrokers(brokersOf(r));
      if (added.length > 0 || removed.length > 0)
        logger.info({ event: 'brokers_changed', added, removed }, 'registry brokers changed');
    };
    if (cfg.settle) {
      for (const r of await multi.syncAccounts()) {
        if (!r.ok)
          logger.warn(
            { broker: r.url, code: r.error.code },
            'could not read the channel account from a broker; continuing from the voucher store',
          );
      }
    }
  }
  const brokerUrls = client instanceof MultiBrokerClient ? client.brokers().map((b) => b.url) : [cfg.brokers[0]!.url];
  const gw = await startGateway({
    client,
    port: cfg.port,
    host: cfg.host,
    logger,
    ...(cfg.apiKey !== undefined ? { apiKey: cfg.apiKey } : {}),
  });
  const stopRefresh = followRegistry(cfg, client, logger, onRead);
  process.stdout.write(`gateway: ${gw.url}\n`);
  for (const url of brokerUrls) process.stdout.write(`broker: ${url}\n`);
  if (brokerUrls.length === 0) process.stdout.write('broker: none yet (following the registry)\n');
  process.stdout.write(
    cfg.apiKey !== undefined
      ? `auth: API key required (Authorization: Bearer <key>)\n`
      : `auth: none (listening on loopback ${cfg.host} only)\n`,
  );
  logger.info(
    { url: gw.url, brokers: brokerUrls, auth: cfg.apiKey !== undefined ? 'api-key' : 'none-loopback' },
    'gateway listening',
  );
  const why = await untilShutdown(opts.signal);
  logger.info({ signal: why }, 'shutting down');
  stopRefresh();
  await gw.close();
  store?.close();
  return 0;
}
