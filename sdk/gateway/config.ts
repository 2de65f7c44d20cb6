/**
 * Gateway configuration: flags (and env fallbacks) parsed once, validated, frozen. Fails fast with a usage error.
 *
 *   chrysalis gateway --broker <url> [--port 8787] [--host 127.0.0.1]
 *                     --channel <ton-address> (--channel-key-file <file> | env CHRYSALIS_CHANNEL_KEY, 64 hex = seed)
 *                     --registry <registry.json> [--trust <trust.json>] [--policy <policy.json>]
 *                     [--model name=<hex model id>]... [--max-price <nano per token>] [--no-settle]
 */
import { parseArgs } from 'node:util';

export interface GatewayConfig {
  readonly broker: string;
  readonly port: number;
  readonly host: string;
  readonly channel: string;
  readonly channelKeyFile: string | undefined;
  readonly channelKeyHex: string | undefined;
  readonly registryFile: string;
  readonly trustFile: string | undefined;
  readonly policyFile: string | undefined;
  readonly models: Readonly<Record<string, string>>;
  readonly maxPriceNano: bigint | undefined;
  readonly settle: boolean;
}

export class ConfigError extends Error {}

export const GATEWAY_USAGE = `usage: chrysalis gateway --broker <url> --channel <address> --registry <registry.json>
       [--port 8787] [--host 127.0.0.1] [--channel-key-file <file> | env CHRYSALIS_CHANNEL_KEY=<64 hex>]
       [--trust <trust.json>] [--policy <policy.json>] [--model <name>=<hex model id>]... [--max-price <nano>] [--no-settle]
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
        broker: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        channel: { type: 'string' },
        'channel-key-file': { type: 'string' },
        registry: { type: 'string' },
        trust: { type: 'string' },
        policy: { type: 'string' },
        model: { type: 'string', multiple: true },
        'max-price': { type: 'string' },
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
  const broker = str('broker', 'CHRYSALIS_BROKER_URL');
  if (!broker) throw new ConfigError('--broker is required');
  try {
    const u = new URL(broker);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new ConfigError('--broker must be an http(s) URL');
  }
  const portS = str('port', 'CHRYSALIS_GATEWAY_PORT') ?? '8787';
  const port = Number(portS);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port must be 0..65535');
  const host = str('host', 'CHRYSALIS_GATEWAY_HOST') ?? '127.0.0.1';
  const channel = str('channel', 'CHRYSALIS_CHANNEL');
  if (!channel) throw new ConfigError('--channel is required');
  const channelKeyFile = str('channel-key-file');
  const channelKeyHex = channelKeyFile ? undefined : env.CHRYSALIS_CHANNEL_KEY;
  if (!channelKeyFile && !channelKeyHex)
    throw new ConfigError('--channel-key-file or CHRYSALIS_CHANNEL_KEY is required');
  if (channelKeyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(channelKeyHex))
    throw new ConfigError('CHRYSALIS_CHANNEL_KEY must be 64 hex digits');
  const registryFile = str('registry', 'CHRYSALIS_REGISTRY_FILE');
  if (!registryFile) throw new ConfigError('--registry is required (the SDK never verifies without an allowlist)');
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
  const mp = str('max-price');
  if (mp !== undefined && !/^[0-9]+$/.test(mp))
    throw new ConfigError('--max-price must be a non-negative integer (nanotons per token)');
  return Object.freeze({
    broker,
    port,
    host,
    channel,
    channelKeyFile,
    channelKeyHex,
    registryFile,
    trustFile: str('trust', 'CHRYSALIS_TRUST_FILE'),
    policyFile: str('policy'),
    models: Object.freeze(models),
    maxPriceNano: mp === undefined ? undefined : BigInt(mp),
    settle: values['no-settle'] !== true,
  });
}
