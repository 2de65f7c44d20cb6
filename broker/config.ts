import { parseArgs } from 'node:util';
import { NETWORK_GLOBAL_ID } from '../contracts/constants';

/** Broker settings; parsed once, frozen. Durations in ms, sizes in bytes, amounts in nanoton. */
export interface BrokerConfig {
  readonly host: string;
  readonly port: number;
  readonly brokerId: string;
  /** SQLite file (default ledger); ignored when `pgUrl` is set. ':memory:' for a throwaway ledger. */
  readonly dbPath: string;
  readonly pgUrl: string | undefined;
  /**
   * This broker's replica id (`[a-z0-9-]{1,64}`, default 'default'): recorded on each request row it begins; a
   * restart abandons only the in-flight rows of its own id. Replicas sharing one PostgreSQL ledger need distinct ids.
   */
  readonly replicaId: string;
  /**
   * With PostgreSQL: hold an exclusive lock on the ledger for life and refuse to start (BROKER_LEDGER_IN_USE) while
   * another broker holds it. Required for a seqno wallet (v4/v5r1) on PostgreSQL.
   */
  readonly ledgerExclusive: boolean;
  readonly maxBodyBytes: number;
  readonly maxFrameBytes: number;
  readonly requestTimeoutMs: number;
  readonly helloTimeoutMs: number;
  readonly challengeTtlMs: number;
  readonly reattestIntervalMs: number;
  readonly reattestGraceMs: number;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly defaultWorkerConcurrency: number;
  readonly maxWorkerConcurrency: number;
  readonly maxQueuePerWorker: number;
  readonly rateLimitPerSec: number;
  readonly rateLimitBurst: number;
  readonly minBalanceNano: number;
  /**
   * The TON network's global id (config param 19) that every client voucher must name. Default: mainnet (-239);
   * a broker on another chain must set its own (testnet -3, the devnet -4242), else every voucher is refused with
   * VOUCHER_WRONG_NETWORK.
   */
  readonly globalId: number;
  /** Credit every client gets beyond what it has vouched (nanoton; default 0: nothing unvouched). */
  readonly defaultCreditNano: number;
  /** Extra credit per client, by hex client key (lowercase), added to `defaultCreditNano`. */
  readonly clientCreditNano: Readonly<Record<string, number>>;
  readonly drainTimeoutMs: number;
  readonly maxClientBufferBytes: number;
  /**
   * Admissions a worker key may cause at once (first admission on a connection, a re-attestation it asked for),
   * across its connections; beyond it ADMISSION_RATE_LIMITED. Re-attestations the broker schedules are not counted.
   * 0 turns the limit off.
   */
  readonly admissionBurstPerKey: number;
  /** One more admission per worker key every this many ms, up to the burst. */
  readonly admissionRefillMsPerKey: number;
  /** Worker keys whose admission state is kept (least recently used dropped first). */
  readonly admissionThrottleKeys: number;
  /** Challenge requests one connection may send at once; beyond it ADMISSION_RATE_LIMITED. 0 turns it off. */
  readonly challengeRequestBurst: number;
  /** One more challenge request per connection every this many ms, up to the burst. */
  readonly challengeRequestRefillMs: number;
}

export const DEFAULT_CONFIG: BrokerConfig = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  brokerId: 'broker-1',
  dbPath: '.data/broker.sqlite',
  pgUrl: undefined,
  replicaId: 'default',
  ledgerExclusive: false,
  maxBodyBytes: 1024 * 1024,
  maxFrameBytes: 8 * 1024 * 1024,
  requestTimeoutMs: 120_000,
  helloTimeoutMs: 10_000,
  challengeTtlMs: 30_000,
  reattestIntervalMs: 10 * 60_000,
  reattestGraceMs: 60_000,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 45_000,
  defaultWorkerConcurrency: 8,
  maxWorkerConcurrency: 256,
  maxQueuePerWorker: 64,
  rateLimitPerSec: 100,
  rateLimitBurst: 200,
  minBalanceNano: 1,
  globalId: NETWORK_GLOBAL_ID.mainnet,
  defaultCreditNano: 0,
  clientCreditNano: Object.freeze({}),
  drainTimeoutMs: 30_000,
  maxClientBufferBytes: 8 * 1024 * 1024,
  admissionBurstPerKey: 6,
  admissionRefillMsPerKey: 10 * 60_000,
  admissionThrottleKeys: 10_000,
  challengeRequestBurst: 3,
  challengeRequestRefillMs: 60_000,
});

export class ConfigError extends Error {}

function int(name: string, v: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer in [${min}, ${max}], got '${v}'`);
  return n;
}

/** Builds a config from overrides (validated) on top of the defaults. */
export function makeConfig(overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  const c = { ...DEFAULT_CONFIG } as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) c[k] = v;
  const cfg = c as unknown as BrokerConfig;
  for (const k of Object.keys(DEFAULT_CONFIG) as (keyof BrokerConfig)[]) {
    const d = DEFAULT_CONFIG[k];
    if (k === 'globalId') continue;
    if (typeof d === 'number' && (!Number.isSafeInteger(cfg[k]) || (cfg[k] as number) < 0))
      throw new ConfigError(`${k} must be a non-negative integer`);
  }
  if (!Number.isInteger(cfg.globalId) || cfg.globalId < -(2 ** 31) || cfg.globalId >= 2 ** 31)
    throw new ConfigError('globalId must be an int32');
  c.clientCreditNano = clientCredit(cfg.clientCreditNano);
  if (cfg.port > 65535) throw new ConfigError('port must be <= 65535');
  if (typeof cfg.replicaId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(cfg.replicaId))
    throw new ConfigError(`replicaId must match [a-z0-9-]{1,64}, got '${String(cfg.replicaId)}'`);
  if (typeof cfg.ledgerExclusive !== 'boolean') throw new ConfigError('ledgerExclusive must be true or false');
  if (cfg.maxWorkerConcurrency < 1 || cfg.defaultWorkerConcurrency < 1)
    throw new ConfigError('worker concurrency must be >= 1');
  return Object.freeze(cfg);
}

/** Validated per-client credit table, keys lowercased, frozen. */
function clientCredit(t: unknown): Readonly<Record<string, number>> {
  if (typeof t !== 'object' || t === null || Array.isArray(t))
    throw new ConfigError('clientCreditNano must map client keys to amounts');
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    if (!/^[0-9a-fA-F]{64}$/.test(k)) throw new ConfigError(`clientCreditNano: '${k}' is not a 32-byte hex key`);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw new ConfigError(`clientCreditNano: amount for ${k} must be a non-negative integer`);
    out[k.toLowerCase()] = v;
  }
  return Object.freeze(out);
}

/** `chrysalis broker` flags, then CHRYSALIS_BROKER_* env, then defaults. Throws ConfigError. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): BrokerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      id: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
      'replica-id': { type: 'string' },
      'request-timeout-ms': { type: 'string' },
      'reattest-interval-ms': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'global-id': { type: 'string' },
      'default-credit-nano': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  return makeConfig({
    host: values.host ?? env.CHRYSALIS_BROKER_HOST ?? DEFAULT_CONFIG.host,
    port: int('port', values.port ?? env.CHRYSALIS_BROKER_PORT, 0, 65535) ?? DEFAULT_CONFIG.port,
    brokerId: values.id ?? env.CHRYSALIS_BROKER_ID ?? DEFAULT_CONFIG.brokerId,
    dbPath: values.db ?? env.CHRYSALIS_BROKER_DB ?? DEFAULT_CONFIG.dbPath,
    pgUrl: values.pg ?? env.CHRYSALIS_BROKER_PG_URL,
    replicaId: values['replica-id'] ?? env.CHRYSALIS_BROKER_REPLICA_ID ?? DEFAULT_CONFIG.replicaId,
    requestTimeoutMs:
      int('request-timeout-ms', values['request-timeout-ms'] ?? env.CHRYSALIS_BROKER_REQUEST_TIMEOUT_MS, 1) ??
      DEFAULT_CONFIG.requestTimeoutMs,
    reattestIntervalMs:
      int('reattest-interval-ms', values['reattest-interval-ms'] ?? env.CHRYSALIS_BROKER_REATTEST_INTERVAL_MS, 1000) ??
      DEFAULT_CONFIG.reattestIntervalMs,
    maxBodyBytes:
      int('max-body-bytes', values['max-body-bytes'] ?? env.CHRYSALIS_BROKER_MAX_BODY_BYTES, 1024) ??
      DEFAULT_CONFIG.maxBodyBytes,
    globalId:
      int('global-id', values['global-id'] ?? env.CHRYSALIS_BROKER_GLOBAL_ID, -(2 ** 31), 2 ** 31 - 1) ??
      DEFAULT_CONFIG.globalId,
    defaultCreditNano:
      int('default-credit-nano', values['default-credit-nano'] ?? env.CHRYSALIS_BROKER_DEFAULT_CREDIT_NANO, 0) ??
      DEFAULT_CONFIG.defaultCreditNano,
  });
}
