/**
 * Gateway configuration: flags (and env fallbacks) parsed once, validated, frozen. Fails fast with a usage error.
 *
 *   chrysalis gateway (--broker <url> --channel <ton-address>)... [--brokers-from-registry] [--port 8787] [--host 127.0.0.1] [--api-key <key> | env CHRYSALIS_GATEWAY_API_KEY]
 *                     (--channel-key-file <file> | env CHRYSALIS_CHANNEL_KEY, 64 hex = seed)
 *                     (--registry-file <registry.json> | --registry-address <addr> --chain-api <url>)
 *                     [--trust <trust.json>] [--policy <policy.json>] [--pcs-url <url> | none]
 *                     [--model name=<hex model id>]... [--max-prompt-price <nano>] [--max-completion-price <nano>]
 *                     [--default-max-tokens N] [--network mainnet|testnet|devnet] [--data-dir DIR] [--no-settle]
 *
 * The voucher store is `<data dir>/vouchers.sqlite` (data dir: --data-dir, else $CHRYSALIS_DATA_DIR, else
 * ~/.chrysalis), shared with `chrysalis chat` and any other process paying from the same channel.
 */
import { parseArgs } from 'node:util';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { apiKeyProblem } from './auth';

/** A broker and this client's channel to it. */
export interface GatewayBroker {
  readonly url: string;
  readonly channel: string;
}

export interface GatewayConfig {
  /** The first broker given (undefined when every broker comes from the registry). */
  readonly broker: string | undefined;
  /** Every broker given (`--broker` / `--channel` repeated, paired in order; file field `brokers`). */
  readonly brokers: readonly GatewayBroker[];
  /** Also every broker in the registry, each with the channel derived for the channel key (followed). */
  readonly brokersFromRegistry: boolean;
  readonly port: number;
  readonly host: string;
  /** Required off loopback (`Authorization: Bearer <key>`); optional on loopback. Never logged. */
  readonly apiKey: string | undefined;
  /** The channel to the first broker given (undefined with none). */
  readonly channel: string | undefined;
  readonly channelKeyFile: string | undefined;
  readonly channelKeyHex: string | undefined;
  /** The JSON `chrysalis contracts registry` prints; or read the registry from the chain (address + endpoint). */
  readonly registryFile: string | undefined;
  readonly registryAddress: string | undefined;
  readonly endpoint: string | undefined;
  /** With a registry address: how often its version is re-read (a new version replaces the snapshot). */
  readonly registryRefreshMs: number | undefined;
  readonly trustFile: string | undefined;
  readonly policyFile: string | undefined;
  /**
   * Intel PCS (or a PCCS) the gateway fetches its own TDX collateral from, cached under `<data dir>/pcs-cache`;
   * `none`: off. Undefined: Intel's PCS (off with a SIMULATED trust file: no PCS serves the devnet roots).
   */
  readonly pcsUrl: string | undefined;
  readonly models: Readonly<Record<string, string>>;
  /** Lowers the registry price cap (nanotons per prompt / completion token). */
  readonly maxPromptPriceNano: bigint | undefined;
  readonly maxCompletionPriceNano: bigint | undefined;
  readonly defaultMaxTokens: number | undefined;
  /** The network the channel lives on; its global id is named in every voucher. */
  readonly network: keyof typeof NETWORK_GLOBAL_ID;
  readonly globalId: number;
  /** Where the voucher store lives (`vouchers.sqlite`); undefined: $CHRYSALIS_DATA_DIR or ~/.chrysalis. */
  readonly dataDir: string | undefined;
  readonly settle: boolean;
}

export class ConfigError extends Error {}

/** How often a gateway re-reads the registry version from the chain by default. */
export const DEFAULT_REGISTRY_REFRESH_MS = 30_000;

export const GATEWAY_USAGE = `usage: chrysalis gateway (--broker <url> --channel <address>)... [--brokers-from-registry]
       (--registry-file <registry.json> | --registry-address <addr> --chain-api <url> [--registry-refresh-ms MS])
       [--port 8787] [--host 127.0.0.1] [--channel-key-file <file> | env CHRYSALIS_CHANNEL_KEY=<64 hex>]
       [--api-key <key> | env CHRYSALIS_GATEWAY_API_KEY=<key>]  (required unless --host is a loopback address)
       [--trust <trust.json>] [--policy <policy.json>] [--pcs-url <url> | none] [--model <name>=<hex model id>]...
       [--max-prompt-price <nano>] [--max-completion-price <nano>] [--default-max-tokens N]
       [--network mainnet|testnet|devnet (default mainnet)] [--data-dir DIR (voucher store)] [--no-settle]
`;

export function parseGatewayConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GatewayConfig {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        broker: { type: 'string', multiple: true },
        'brokers-from-registry': { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        channel: { type: 'string', multiple: true },
        'channel-key-file': { type: 'string' },
        'registry-file': { type: 'string' },
        'registry-address': { type: 'string' },
        endpoint: { type: 'string' },
        'chain-api': { type: 'string' },
        'registry-refresh-ms': { type: 'string' },
        trust: { type: 'string' },
        policy: { type: 'string' },
        'pcs-url': { type: 'string' },
        model: { type: 'string', multiple: true },
        'max-prompt-price': { type: 'string' },
        'max-completion-price': { type: 'string' },
        'default-max-tokens': { type: 'string' },
        network: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-settle': { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const str = (k: string, envKey?: string): string | undefined => {
    const v = values[k];
    if (typeof v === 'string' && v.length > 0) return v;
    const e = envKey ? env[envKey] : undefined;
    return e && e.length > 0 ? e : undefined;
  };
  const brokersFromRegistry = values['brokers-from-registry'] === true;
  const brokers = brokerPairs(values, env, brokersFromRegistry);
  const portS = str('port', 'CHRYSALIS_GATEWAY_PORT') ?? '8787';
  const port = Number(portS);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port must be 0..65535');
  const host = str('host', 'CHRYSALIS_GATEWAY_HOST') ?? '127.0.0.1';
  const apiKey = str('api-key', 'CHRYSALIS_GATEWAY_API_KEY');
  const keyProblem = apiKeyProblem(host, apiKey);
  if (keyProblem) throw new ConfigError(keyProblem);
  const channelKeyFile = str('channel-key-file');
  const channelKeyHex = channelKeyFile ? undefined : env.CHRYSALIS_CHANNEL_KEY;
  if (!channelKeyFile && !channelKeyHex)
    throw new ConfigError('--channel-key-file or CHRYSALIS_CHANNEL_KEY is required');
  if (channelKeyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(channelKeyHex))
    throw new ConfigError('CHRYSALIS_CHANNEL_KEY must be 64 hex digits');
  const registryFile = str('registry-file', 'CHRYSALIS_REGISTRY_FILE');
  const registryAddress = str('registry-address', 'CHRYSALIS_REGISTRY_ADDRESS');
  const endpoint = str('chain-api') ?? str('endpoint', 'CHRYSALIS_CHAIN_ENDPOINT');
  if (registryFile && registryAddress) throw new ConfigError('give --registry-file or --registry-address, not both');
  if (!registryFile && !registryAddress)
    throw new ConfigError(
      '--registry-file or --registry-address is required (the SDK never verifies without an allowlist)',
    );
  if (registryAddress && !endpoint) throw new ConfigError('--registry-address needs --chain-api <toncenter v2 URL>');
  if (brokersFromRegistry && !registryAddress)
    throw new ConfigError(
      '--brokers-from-registry needs --registry-address and --chain-api (the brokers are on chain)',
    );
  const refresh = str('registry-refresh-ms');
  if (refresh !== undefined && (!/^[0-9]+$/.test(refresh) || Number(refresh) < 1000))
    throw new ConfigError('--registry-refresh-ms must be an integer >= 1000');
  if (refresh !== undefined && !registryAddress)
    throw new ConfigError('--registry-refresh-ms needs --registry-address (a registry file does not change)');
  const pcsUrl = str('pcs-url', 'CHRYSALIS_GATEWAY_PCS_URL');
  if (pcsUrl !== undefined && pcsUrl !== 'none' && !/^https?:\/\/[^\s]+$/.test(pcsUrl))
    throw new ConfigError('--pcs-url must be an http(s) URL or none');
  const models: Record<string, string> = {};
  for (const m of (values.model as string[] | undefined) ?? []) {
    const eq = m.indexOf('=');
    const name = m.slice(0, eq);
    const id = m
      .slice(eq + 1)
      .replace(/^0x/, '')
      .toLowerCase();
    if (eq <= 0 || !/^[0-9a-f]{64}$/.test(id)) throw new ConfigError('--model must be <name>=<64 hex model id>');
    models[name] = id;
  }
  return Object.freeze({
    broker: brokers[0]?.url,
    brokers: Object.freeze(brokers),
    brokersFromRegistry,
    port,
    host,
    apiKey,
    channel: brokers[0]?.channel,
    channelKeyFile,
    channelKeyHex,
    registryFile,
    registryAddress,
    endpoint,
    registryRefreshMs: registryAddress ? Number(refresh ?? DEFAULT_REGISTRY_REFRESH_MS) : undefined,
    trustFile: str('trust', 'CHRYSALIS_TRUST_FILE'),
    policyFile: str('policy'),
    pcsUrl,
    models: Object.freeze(models),
    ...paymentFlags(str),
    dataDir: str('data-dir', 'CHRYSALIS_DATA_DIR'),
    settle: values['no-settle'] !== true,
  });
}

/**
 * `--broker` / `--channel` repeated and paired in order (env CHRYSALIS_BROKER_URL / CHRYSALIS_CHANNEL when neither
 * flag is given). At least one pair unless `--brokers-from-registry`; each URL http(s), no URL twice.
 */
function brokerPairs(
  values: Record<string, string | boolean | string[] | undefined>,
  env: Readonly<Record<string, string | undefined>>,
  fromRegistry: boolean,
): GatewayBroker[] {
  const flag = (k: string): string[] => ((values[k] as string[] | undefined) ?? []).filter((v) => v.length > 0);
  let urls = flag('broker');
  let channels = flag('channel');
  if (urls.length === 0 && channels.length === 0 && !fromRegistry) {
    urls = env.CHRYSALIS_BROKER_URL ? [env.CHRYSALIS_BROKER_URL] : [];
    channels = env.CHRYSALIS_CHANNEL ? [env.CHRYSALIS_CHANNEL] : [];
  }
  if (urls.length === 0 && !fromRegistry) throw new ConfigError('--broker is required (or --brokers-from-registry)');
  if (channels.length === 0 && urls.length > 0) throw new ConfigError('--channel is required');
  if (urls.length !== channels.length)
    throw new ConfigError('--broker and --channel are paired in order: give one --channel per --broker');
  const out: GatewayBroker[] = [];
  for (const [i, url] of urls.entries()) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new ConfigError('--broker must be an http(s) URL');
    }
    if (out.some((b) => b.url === url)) throw new ConfigError(`--broker ${url} is given twice`);
    out.push(Object.freeze({ url, channel: channels[i]! }));
  }
  return out;
}

/** The price caps, the reservation default and the network (its global id is named in every voucher). */
function paymentFlags(
  str: (k: string, envKey?: string) => string | undefined,
): Pick<GatewayConfig, 'maxPromptPriceNano' | 'maxCompletionPriceNano' | 'defaultMaxTokens' | 'network' | 'globalId'> {
  const nano = (flag: string): bigint | undefined => {
    const v = str(flag);
    if (v !== undefined && !/^[0-9]+$/.test(v))
      throw new ConfigError(`--${flag} must be a non-negative integer (nanotons per token)`);
    return v === undefined ? undefined : BigInt(v);
  };
  const dmt = str('default-max-tokens');
  if (dmt !== undefined && (!/^[0-9]+$/.test(dmt) || Number(dmt) < 1 || Number(dmt) > 1_000_000))
    throw new ConfigError('--default-max-tokens must be an integer 1..1000000');
  const network = str('network', 'CHRYSALIS_NETWORK') ?? 'mainnet';
  if (!Object.hasOwn(NETWORK_GLOBAL_ID, network)) throw new ConfigError('--network must be mainnet, testnet or devnet');
  const net = network as keyof typeof NETWORK_GLOBAL_ID;
  return {
    maxPromptPriceNano: nano('max-prompt-price'),
    maxCompletionPriceNano: nano('max-completion-price'),
    defaultMaxTokens: dmt === undefined ? undefined : Number(dmt),
    network: net,
    globalId: NETWORK_GLOBAL_ID[net],
  };
}
