/**
 * The broker's settings as an operator writes them: a config file (JSON, or YAML for `.yaml`/`.yml`), every field
 * also a flag and some an env variable. Precedence: flag, then file, then env, then default. Every value is
 * validated against the field table below; an unknown field or a bad value throws a ConfigError naming the field
 * (`config: chain.endpoints[0]: not an http(s) URL`). The runtime shape stays `BrokerConfig` (`settings.config`).
 */
import { readFileSync } from 'node:fs';
import { Address } from '@ton/core';
import { parse as parseYaml } from 'yaml';
import { NETWORK_GLOBAL_ID, type Network } from '../contracts/constants';
import { ConfigError, DEFAULT_CONFIG, makeConfig, type BrokerConfig } from './config';

import { REDACTED, redactUrl } from './config-redact';

export { REDACTED, redactUrl } from './config-redact';

/** `highload-v3`: the broker's highload wallet (parallel, batched sends; broker/chain/wallet-highload.ts). */
export type WalletVersion = 'v4' | 'v5r1' | 'highload-v3';

/** Everything `chrysalis broker` needs to start, validated. */
export interface BrokerSettings {
  /** Which TON network (sets the global id unless `globalId` is given). */
  readonly network: Network | undefined;
  readonly chain: {
    /** toncenter v2 JSON-RPC endpoints, tried in turn at start; empty: toncenter's for testnet/mainnet. */
    readonly endpoints: readonly string[];
    readonly apiKey: string | undefined;
    /** How long the broker keeps retrying an unreachable chain API at start before it gives up (exit 4). */
    readonly startupTimeoutMs: number;
    /** Wallet seqno polling after each send (default 1000 ms; a local emulator applies at once: ~50). */
    readonly pollMs: number | undefined;
    /** How long a send may take to be applied before it counts as failed (default 60000 ms). */
    readonly confirmTimeoutMs: number | undefined;
    /** How often the registry version is re-read; a new version reloads the snapshot (default 5000 ms). */
    readonly registryRefreshMs: number | undefined;
  };
  /** The Registry contract (chain mode), or undefined. */
  readonly registry: string | undefined;
  /** The JSON `chrysalis contracts registry` prints (static mode, no chain). */
  readonly registryFile: string | undefined;
  /** Static client channels (static mode). */
  readonly clientsFile: string | undefined;
  /**
   * Also trust the attestation roots in this trust file (e.g. a devnet's SIMULATED `trust.json`). Absent: only the
   * Intel and NVIDIA roots pinned in code count.
   */
  readonly trustFile: string | undefined;
  /** Intel PCS or a PCCS the admission verifier fetches its own TDX collateral from; `none` = only the bundle's. */
  readonly pcsUrl: string | undefined;
  readonly wallet: {
    readonly mnemonicFile: string | undefined;
    /** The 24 words inline (prefer `mnemonicFile`); never printed. */
    readonly mnemonic: string | undefined;
    /** Hex Ed25519 seed (32 bytes) or secret key (64 bytes). */
    readonly keyFile: string | undefined;
    readonly version: WalletVersion;
  };
  readonly settlement: {
    /** Claim a client channel once this much is unclaimed (default: the settler's policy, 10 TON). */
    readonly claimThresholdNano: bigint | undefined;
    /** Period of the settlement pass (default: the settler's, 60 s). */
    readonly intervalMs: number | undefined;
    /** Period of broker -> worker vouchers (signing only; default: the settlement interval). */
    readonly workerPayoutIntervalMs: number | undefined;
    /**
     * Deposit of each broker -> worker channel (opened on first need to the worker's payout address). Set: workers
     * are paid, and a worker without a valid payout address is refused. Unset: workers are not paid by this broker.
     */
    readonly workerChannelDepositNano: bigint | undefined;
  };
  /** The runtime config of the broker itself (listen, ledger, credit, limits, globalId). */
  readonly config: BrokerConfig;
}

type Kind =
  | 'string'
  | 'int'
  | 'int32'
  | 'nano'
  | 'network'
  | 'walletVersion'
  | 'address'
  | 'postgresUrl'
  | 'urls'
  | 'credits'
  | 'bool';

interface Field {
  readonly kind: Kind;
  /** The flag that sets it (`--flag`), if any. */
  readonly flag?: string;
  readonly env?: string;
  readonly min?: number;
  readonly max?: number;
}

/** Knobs of BrokerConfig set under `limits` (file only unless a flag is named). */
const LIMIT_KEYS = (Object.keys(DEFAULT_CONFIG) as (keyof BrokerConfig)[]).filter(
  (k) => typeof DEFAULT_CONFIG[k] === 'number' && !['port', 'globalId', 'defaultCreditNano'].includes(k),
);
const LIMIT_FLAGS: Readonly<Record<string, [flag: string, min: number]>> = {
  requestTimeoutMs: ['request-timeout-ms', 1],
  reattestIntervalMs: ['reattest-interval-ms', 1000],
  maxBodyBytes: ['max-body-bytes', 1024],
};
const envName = (k: string): string => `CHRYSALIS_BROKER_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Every field a config file may hold, by dotted path. */
export const BROKER_FIELDS: Readonly<Record<string, Field>> = {
  network: { kind: 'network', flag: 'network', env: 'CHRYSALIS_NETWORK' },
  globalId: { kind: 'int32', flag: 'global-id', env: 'CHRYSALIS_BROKER_GLOBAL_ID' },
  id: { kind: 'string', flag: 'id', env: 'CHRYSALIS_BROKER_ID' },
  'chain.endpoints': { kind: 'urls', flag: 'chain-api' },
  'chain.apiKey': { kind: 'string', flag: 'chain-api-key', env: 'TONCENTER_API_KEY' },
  'chain.startupTimeoutMs': { kind: 'int', flag: 'chain-startup-timeout-ms', min: 1 },
  'chain.pollMs': { kind: 'int', flag: 'chain-poll-ms', min: 1 },
  'chain.confirmTimeoutMs': { kind: 'int', flag: 'chain-confirm-timeout-ms', min: 1 },
  'chain.registryRefreshMs': { kind: 'int', flag: 'registry-refresh-ms', min: 1 },
  registry: { kind: 'address', flag: 'registry-address' },
  registryFile: { kind: 'string', flag: 'registry-file' },
  clientsFile: { kind: 'string', flag: 'clients-file' },
  trustFile: { kind: 'string', flag: 'trust-file' },
  'attestation.pcsUrl': { kind: 'string', flag: 'pcs-url', env: 'CHRYSALIS_BROKER_PCS_URL' },
  'wallet.mnemonicFile': { kind: 'string', flag: 'wallet-mnemonic-file' },
  'wallet.mnemonic': { kind: 'string', env: 'CHRYSALIS_BROKER_MNEMONIC' },
  'wallet.keyFile': { kind: 'string', flag: 'wallet-key-file' },
  'wallet.version': { kind: 'walletVersion', flag: 'wallet-version' },
  'ledger.sqlite': { kind: 'string', flag: 'db', env: 'CHRYSALIS_BROKER_DB' },
  'ledger.postgres': { kind: 'postgresUrl', flag: 'pg', env: 'CHRYSALIS_BROKER_PG_URL' },
  'ledger.replicaId': { kind: 'string', flag: 'replica-id', env: 'CHRYSALIS_BROKER_REPLICA_ID' },
  'ledger.exclusive': { kind: 'bool', flag: 'ledger-exclusive' },
  'listen.host': { kind: 'string', flag: 'host', env: 'CHRYSALIS_BROKER_HOST' },
  'listen.port': { kind: 'int', flag: 'port', env: 'CHRYSALIS_BROKER_PORT', max: 65535 },
  'settlement.claimThresholdNano': { kind: 'nano', flag: 'settlement-claim-threshold-nano' },
  'settlement.intervalMs': { kind: 'int', flag: 'settlement-interval-ms' },
  'settlement.workerPayoutIntervalMs': { kind: 'int', flag: 'settlement-worker-payout-interval-ms' },
  'settlement.workerChannelDepositNano': { kind: 'nano', flag: 'settlement-worker-channel-deposit-nano' },
  'credit.defaultNano': { kind: 'int', flag: 'default-credit-nano', env: 'CHRYSALIS_BROKER_DEFAULT_CREDIT_NANO' },
  'credit.clients': { kind: 'credits' },
  ...Object.fromEntries(
    LIMIT_KEYS.map((k) => {
      const f = LIMIT_FLAGS[k];
      return [`limits.${k}`, { kind: 'int', env: envName(k), ...(f ? { flag: f[0], min: f[1] } : {}) } as Field];
    }),
  ),
};

/** The flags `BROKER_FIELDS` names (for the command's option table). */
export const BROKER_FIELD_FLAGS: readonly string[] = Object.values(BROKER_FIELDS).flatMap((f) =>
  f.flag ? [f.flag] : [],
);

const DEFAULT_STARTUP_TIMEOUT_MS = 300_000;

function fail(path: string, why: string): never {
  throw new ConfigError(`config: ${path}: ${why}`);
}

/** Reads a config file: YAML for `.yaml`/`.yml`, JSON otherwise. Throws ConfigError (unreadable or malformed). */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`config: cannot read ${file}: ${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(
      `config: ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`config: ${file} must hold an object`);
  return v as Record<string, unknown>;
}

/** Flattens a parsed file to dotted paths, refusing unknown fields by name. */
function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (BROKER_FIELDS[path]) out[path] = v;
    else if (Object.keys(BROKER_FIELDS).some((p) => p.startsWith(`${path}.`))) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
      flatten(v as Record<string, unknown>, path, out);
    } else fail(path, 'unknown field');
  }
  return out;
}

function intOf(path: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max)
    fail(path, `must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
  return n;
}

function httpUrl(path: string, v: unknown): string {
  let ok = false;
  if (typeof v === 'string') {
    try {
      const u = new URL(v);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
  }
  if (!ok) fail(path, 'not an http(s) URL');
  return v as string;
}

/** Checks one value against its field; returns it in its runtime type. */
function check(path: string, f: Field, v: unknown): unknown {
  switch (f.kind) {
    case 'string':
      if (typeof v !== 'string' || v.trim() === '') fail(path, 'must be a non-empty string');
      return v;
    case 'int':
      return intOf(path, v, f.min ?? 0, f.max ?? Number.MAX_SAFE_INTEGER);
    case 'int32':
      return intOf(path, v, -(2 ** 31), 2 ** 31 - 1);
    case 'nano':
      if ((typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0))
        return BigInt(v);
      return fail(path, 'must be a non-negative integer (nanoton; a decimal string for large amounts)');
    case 'network':
      if (typeof v !== 'string' || !(v in NETWORK_GLOBAL_ID)) fail(path, "must be 'devnet', 'testnet' or 'mainnet'");
      return v;
    case 'walletVersion':
      if (v !== 'v4' && v !== 'v5r1' && v !== 'highload-v3') fail(path, "must be 'v4', 'v5r1' or 'highload-v3'");
      return v;
    case 'address':
      try {
        Address.parse(String(v));
      } catch {
        fail(path, `not a TON address: ${JSON.stringify(v)}`);
      }
      return String(v);
    case 'bool':
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      return fail(path, 'must be true or false');
    case 'postgresUrl':
      if (typeof v !== 'string' || !/^postgres(ql)?:\/\//.test(v)) fail(path, 'not a postgres:// URL');
      return v;
    case 'urls': {
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || list.length === 0) fail(path, 'must be a non-empty list of http(s) URLs');
      return list.map((u, i) => httpUrl(`${path}[${i}]`, u));
    }
    case 'credits': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must map hex client keys to amounts');
      const out: Record<string, number> = {};
      for (const [k, n] of Object.entries(v as Record<string, unknown>)) {
        if (!/^[0-9a-fA-F]{64}$/.test(k)) fail(`${path}.${k}`, 'not a 32-byte hex client key');
        out[k.toLowerCase()] = intOf(`${path}.${k}`, n, 0, Number.MAX_SAFE_INTEGER);
      }
      return out;
    }
  }
}

export interface SettingsSources {
  /** The parsed config file (`readConfigFile`), if any. */
  readonly file?: Record<string, unknown>;
  /** Flag values by flag name (strings; `chain-api` may repeat). */
  readonly flags?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Layers flags over the file over env, validates every field, and checks the combinations (a chain needs a network
 * and a wallet; registry and registryFile exclude each other). Throws ConfigError naming the field.
 */
export function resolveBrokerSettings(src: SettingsSources): BrokerSettings {
  const fromFile = flatten(src.file ?? {});
  const v: Record<string, unknown> = {};
  for (const [path, f] of Object.entries(BROKER_FIELDS)) {
    const flag = f.flag ? src.flags?.[f.flag] : undefined;
    const env = f.env ? src.env?.[f.env] : undefined;
    const raw =
      flag !== undefined ? flag : path in fromFile ? fromFile[path] : env !== undefined && env !== '' ? env : undefined;
    if (raw !== undefined) v[path] = check(path, f, raw);
  }
  const network = v.network as Network | undefined;
  const registry = v.registry as string | undefined;
  const registryFile = v.registryFile as string | undefined;
  if (registry && registryFile) fail('registry', 'give registry (chain) or registryFile (static), not both');
  const wallet = {
    mnemonicFile: v['wallet.mnemonicFile'] as string | undefined,
    mnemonic: v['wallet.mnemonic'] as string | undefined,
    keyFile: v['wallet.keyFile'] as string | undefined,
    version: (v['wallet.version'] as WalletVersion | undefined) ?? 'v4',
  };
  const walletSources = [wallet.mnemonicFile, wallet.mnemonic, wallet.keyFile].filter((x) => x !== undefined).length;
  if (walletSources > 1) fail('wallet', 'give one of mnemonicFile, mnemonic or keyFile');
  const endpoints = (v['chain.endpoints'] as string[] | undefined) ?? [];
  if (registry) {
    if (!network) fail('network', "required with a chain registry ('devnet', 'testnet' or 'mainnet')");
    if (walletSources === 0) fail('wallet', 'required with a chain registry (mnemonicFile or keyFile)');
    if (network === 'devnet' && endpoints.length === 0) fail('chain.endpoints', 'required on the devnet');
    // Replicas share the wallet: only highload query ids from the database never collide (docs/replicas.md).
    if (v['ledger.postgres'] && wallet.version !== 'highload-v3' && v['ledger.exclusive'] !== true)
      fail('wallet.version', `${wallet.version} with ledger.postgres needs ledger.exclusive: true (or highload-v3)`);
  }
  const limits: Record<string, number> = {};
  for (const k of LIMIT_KEYS) if (v[`limits.${k}`] !== undefined) limits[k] = v[`limits.${k}`] as number;
  let config: BrokerConfig;
  try {
    config = makeConfig({
      ...limits,
      ...(v['listen.host'] !== undefined ? { host: v['listen.host'] as string } : {}),
      ...(v['listen.port'] !== undefined ? { port: v['listen.port'] as number } : {}),
      ...(v.id !== undefined ? { brokerId: v.id as string } : {}),
      ...(v['ledger.sqlite'] !== undefined ? { dbPath: v['ledger.sqlite'] as string } : {}),
      pgUrl: v['ledger.postgres'] as string | undefined,
      ...(v['ledger.replicaId'] !== undefined ? { replicaId: v['ledger.replicaId'] as string } : {}),
      ...(v['ledger.exclusive'] !== undefined ? { ledgerExclusive: v['ledger.exclusive'] as boolean } : {}),
      globalId: (v.globalId as number | undefined) ?? (network ? NETWORK_GLOBAL_ID[network] : DEFAULT_CONFIG.globalId),
      ...(v['credit.defaultNano'] !== undefined ? { defaultCreditNano: v['credit.defaultNano'] as number } : {}),
      ...(v['credit.clients'] !== undefined ? { clientCreditNano: v['credit.clients'] as Record<string, number> } : {}),
    });
  } catch (e) {
    throw new ConfigError(`config: ${(e as Error).message}`);
  }
  return {
    network,
    chain: {
      endpoints,
      apiKey: v['chain.apiKey'] as string | undefined,
      startupTimeoutMs: (v['chain.startupTimeoutMs'] as number | undefined) ?? DEFAULT_STARTUP_TIMEOUT_MS,
      pollMs: v['chain.pollMs'] as number | undefined,
      confirmTimeoutMs: v['chain.confirmTimeoutMs'] as number | undefined,
      registryRefreshMs: v['chain.registryRefreshMs'] as number | undefined,
    },
    registry,
    registryFile,
    clientsFile: v.clientsFile as string | undefined,
    trustFile: v.trustFile as string | undefined,
    pcsUrl: v['attestation.pcsUrl'] as string | undefined,
    wallet,
    settlement: {
      claimThresholdNano: v['settlement.claimThresholdNano'] as bigint | undefined,
      intervalMs: v['settlement.intervalMs'] as number | undefined,
      workerPayoutIntervalMs: v['settlement.workerPayoutIntervalMs'] as number | undefined,
      workerChannelDepositNano: v['settlement.workerChannelDepositNano'] as bigint | undefined,
    },
    config,
  };
}

/** The effective settings as the config file would hold them, secrets replaced by `<redacted>` (`--print-config`). */
export function redactedSettings(s: BrokerSettings): Record<string, unknown> {
  const c = s.config;
  const secret = (x: string | undefined): string | undefined => (x === undefined ? undefined : REDACTED);
  const limits: Record<string, number> = {};
  for (const k of LIMIT_KEYS) limits[k] = c[k] as number;
  const out = {
    network: s.network,
    globalId: c.globalId,
    id: c.brokerId,
    chain: {
      endpoints: s.chain.endpoints.map(redactUrl),
      apiKey: secret(s.chain.apiKey),
      startupTimeoutMs: s.chain.startupTimeoutMs,
      pollMs: s.chain.pollMs,
      confirmTimeoutMs: s.chain.confirmTimeoutMs,
      registryRefreshMs: s.chain.registryRefreshMs,
    },
    registry: s.registry,
    registryFile: s.registryFile,
    clientsFile: s.clientsFile,
    trustFile: s.trustFile,
    wallet: {
      mnemonicFile: s.wallet.mnemonicFile,
      mnemonic: secret(s.wallet.mnemonic),
      keyFile: s.wallet.keyFile,
      version: s.wallet.version,
    },
    ledger: {
      sqlite: c.pgUrl ? undefined : c.dbPath,
      postgres: c.pgUrl ? redactUrl(c.pgUrl) : undefined,
      replicaId: c.replicaId,
      exclusive: c.ledgerExclusive,
    },
    listen: { host: c.host, port: c.port },
    settlement: {
      claimThresholdNano: s.settlement.claimThresholdNano?.toString(),
      intervalMs: s.settlement.intervalMs,
      workerPayoutIntervalMs: s.settlement.workerPayoutIntervalMs,
      workerChannelDepositNano: s.settlement.workerChannelDepositNano?.toString(),
    },
    credit: { defaultNano: c.defaultCreditNano, clients: c.clientCreditNano },
    limits,
  };
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}
