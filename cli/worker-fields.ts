/**
 * The fields of the worker config: the settings type and, for each field, its path in the file, its flag, its kind,
 * its environment variable and default. `worker-config.ts` reads and checks them.
 */
export type Network = 'devnet' | 'testnet' | 'mainnet';

/** The effective worker configuration, every value checked. */
export interface WorkerSettings {
  /** Broker worker endpoints (ws[s]://.../v1/worker): one link per broker. */
  readonly brokers: readonly string[];
  /** Also dial every broker the Registry at `payments.registry` lists (followed: added and removed brokers). */
  readonly brokersFromRegistry?: boolean;
  /** The most requests served at once, over all brokers (one budget; each broker is told it in Hello). */
  readonly maxConcurrency: number;
  readonly name?: string;
  readonly engine: {
    readonly kind: 'onnx' | 'openai-upstream';
    readonly upstreamUrl?: string;
    readonly upstreamModel?: string;
  };
  readonly model: {
    readonly dir?: string;
    readonly tiny?: string;
    /** A pin: the model id computed from the directory must equal it. */
    readonly id?: string;
    /** The model disk's dm-verity root hash (64 hex), extended into RTMR3 beside the model id. */
    readonly verityRootHash?: string;
    /** The engine configuration file whose SHA-256 enters the model id (openai-upstream). */
    readonly engineConfig?: string;
  };
  readonly evidence: {
    readonly tdx: 'configfs-tsm' | 'simulated';
    readonly gpu: 'nvidia' | 'simulated' | 'none';
    readonly gpuCount: number;
    readonly gpuTool: string;
    /** How `gpu: nvidia` evidence is read: NVML from Node (default), or the `gpuTool` collector program. */
    readonly gpuCollector: 'nvml' | 'python';
    readonly tdxCollateral?: string;
    /** Intel PCS / PCCS the worker fetches its TDX collateral from (real TDX, no static `tdxCollateral` file). */
    readonly pcsUrl: string;
    readonly rtmrJournal?: string;
    /** Seed of the SIMULATED PKIs and of the tiny test model. */
    readonly devnetSeed: string;
    /** NVIDIA RIM service base URL (the RIM id is appended). */
    readonly rimUrl: string;
    /** NVIDIA OCSP responder URL. */
    readonly ocspUrl: string;
    /** Where fetched collateral is cached (default `<dataDir>/evidence-cache`; memory only without either). */
    readonly cacheDir?: string;
  };
  readonly prices: { readonly promptNano: bigint; readonly completionNano: bigint };
  /** The GPU owner's TON address: the brokers' channels pay it. */
  readonly payoutAddress: string;
  readonly operatingWallet?: {
    readonly mnemonicFile?: string;
    readonly keyFile?: string;
    readonly version?: 'v4' | 'v5r1';
  };
  readonly dataDir?: string;
  readonly payments: {
    readonly claimThresholdNano: bigint;
    readonly maxUnpaidNano: bigint;
    readonly chain?: {
      readonly endpoints?: readonly string[];
      readonly apiKey?: string;
      /** How long an unreachable chain API is retried at start (backoff) before the worker exits 4. */
      readonly startupTimeoutMs?: number;
    };
    readonly network?: Network;
    /** The Registry whose `params.brokerFeeBps` the worker counts earned with (read at start, then followed). */
    readonly registry?: string;
    /** An explicit broker fee: overrides the registry's. */
    readonly brokerFeeBps?: number;
  };
}

export type Kind =
  | { readonly t: 'string' }
  | { readonly t: 'bool' }
  | { readonly t: 'path' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'u64' }
  | { readonly t: 'count'; readonly max: number }
  | { readonly t: 'address' }
  | { readonly t: 'hex32' }
  | { readonly t: 'urls'; readonly schemes: readonly string[] }
  | { readonly t: 'url'; readonly schemes: readonly string[] };

export interface Field {
  /** Dotted path in the config file. */
  readonly path: string;
  /** The flag that sets it (without `--`). */
  readonly flag: string;
  readonly kind: Kind;
  readonly env?: string;
  readonly default?: string;
  readonly required?: boolean;
  /** Printed as `<redacted>` by --print-config. */
  readonly secret?: boolean;
}

const WS = ['ws:', 'wss:'];
const HTTP = ['http:', 'https:'];

/** Every field of the worker config, in the order it is checked. */
export const WORKER_FIELDS: readonly Field[] = [
  { path: 'brokers', flag: 'broker', kind: { t: 'urls', schemes: WS } },
  { path: 'brokersFromRegistry', flag: 'brokers-from-registry', kind: { t: 'bool' } },
  // 8: the broker's default worker concurrency (broker/config.ts defaultWorkerConcurrency).
  { path: 'maxConcurrency', flag: 'max-concurrency', kind: { t: 'count', max: 256 }, default: '8' },
  { path: 'name', flag: 'name', kind: { t: 'string' } },
  { path: 'engine.kind', flag: 'engine', kind: { t: 'enum', values: ['onnx', 'openai-upstream'] }, default: 'onnx' },
  { path: 'engine.upstreamUrl', flag: 'upstream-url', kind: { t: 'url', schemes: HTTP } },
  { path: 'engine.upstreamModel', flag: 'upstream-model', kind: { t: 'string' } },
  { path: 'model.dir', flag: 'model-dir', kind: { t: 'path' } },
  { path: 'model.tiny', flag: 'tiny', kind: { t: 'path' } },
  { path: 'model.id', flag: 'model-id', kind: { t: 'hex32' } },
  { path: 'model.verityRootHash', flag: 'model-verity-root-hash', kind: { t: 'hex32' } },
  { path: 'model.engineConfig', flag: 'engine-config', kind: { t: 'path' } },
  {
    path: 'evidence.tdx',
    flag: 'tdx',
    kind: { t: 'enum', values: ['configfs-tsm', 'simulated'] },
    default: 'configfs-tsm',
  },
  {
    path: 'evidence.gpu',
    flag: 'gpu',
    kind: { t: 'enum', values: ['nvidia', 'simulated', 'none'] },
    default: 'nvidia',
  },
  { path: 'evidence.gpuCount', flag: 'gpu-count', kind: { t: 'count', max: 1024 }, default: '1' },
  { path: 'evidence.gpuTool', flag: 'gpu-tool', kind: { t: 'path' }, default: '/usr/local/bin/nvidia-collect.py' },
  // prettier-ignore
  { path: 'evidence.gpuCollector', flag: 'gpu-collector', kind: { t: 'enum', values: ['nvml', 'python'] }, default: 'nvml' },
  { path: 'evidence.tdxCollateral', flag: 'tdx-collateral', kind: { t: 'path' } },
  {
    path: 'evidence.pcsUrl',
    flag: 'pcs-url',
    kind: { t: 'string' },
    default: 'https://api.trustedservices.intel.com/tdx/certification/v4/',
  },
  { path: 'evidence.rtmrJournal', flag: 'rtmr-journal', kind: { t: 'path' } },
  { path: 'evidence.devnetSeed', flag: 'devnet-seed', kind: { t: 'string' }, default: 'chrysalis-devnet' },
  // prettier-ignore
  { path: 'evidence.rimUrl', flag: 'rim-url', kind: { t: 'url', schemes: HTTP }, default: 'https://rim.attestation.nvidia.com/v1/rim/' },
  // prettier-ignore
  { path: 'evidence.ocspUrl', flag: 'ocsp-url', kind: { t: 'url', schemes: HTTP }, default: 'https://ocsp.ndis.nvidia.com/' },
  { path: 'evidence.cacheDir', flag: 'evidence-cache-dir', kind: { t: 'path' } },
  { path: 'prices.promptNano', flag: 'prompt-price-nano', kind: { t: 'u64' }, required: true },
  { path: 'prices.completionNano', flag: 'completion-price-nano', kind: { t: 'u64' }, required: true },
  {
    path: 'payoutAddress',
    flag: 'payout-address',
    kind: { t: 'address' },
    env: 'CHRYSALIS_PAYOUT_ADDRESS',
    required: true,
  },
  { path: 'operatingWallet.mnemonicFile', flag: 'operating-mnemonic-file', kind: { t: 'path' } },
  { path: 'operatingWallet.keyFile', flag: 'operating-key-file', kind: { t: 'path' } },
  { path: 'operatingWallet.version', flag: 'operating-wallet', kind: { t: 'enum', values: ['v4', 'v5r1'] } },
  { path: 'dataDir', flag: 'data-dir', kind: { t: 'path' } },
  // 160 TON: the broker's claim point (broker/chain/settler-policy.ts), from the measured claim fee table.
  { path: 'payments.claimThresholdNano', flag: 'claim-threshold-nano', kind: { t: 'u64' }, default: '160000000000' },
  { path: 'payments.maxUnpaidNano', flag: 'max-unpaid-nano', kind: { t: 'u64' }, default: '5000000000' },
  { path: 'payments.chain.endpoints', flag: 'chain-api', kind: { t: 'urls', schemes: HTTP } },
  {
    path: 'payments.chain.apiKey',
    flag: 'chain-api-key',
    kind: { t: 'string' },
    env: 'TONCENTER_API_KEY',
    secret: true,
  },
  // prettier-ignore
  { path: 'payments.chain.startupTimeoutMs', flag: 'chain-startup-timeout-ms', kind: { t: 'count', max: 86_400_000 }, default: '300000' },
  { path: 'payments.network', flag: 'network', kind: { t: 'enum', values: ['devnet', 'testnet', 'mainnet'] } },
  { path: 'payments.registry', flag: 'registry-address', kind: { t: 'address' } },
  { path: 'payments.brokerFeeBps', flag: 'broker-fee-bps', kind: { t: 'count', max: 10_000 } },
];
