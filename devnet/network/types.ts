/** The shapes shared by the devnet network's steps (`../network.ts` runs them in order). */
import type { BundlePolicy, VerifyBundleOptions } from '../../attestation/bundle';

/** How to run the devnet network: the `chrysalis devnet` flags, as a plain object. */
export interface DevnetOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly gatewayPort: number;
  readonly brokerPort: number;
  readonly chainPort: number;
  readonly workers: number;
  /** How many brokers (each its own key, wallet, registry entry, ledger, port and process); default 1. */
  readonly brokers?: number;
  readonly engine: 'onnx' | 'openai-upstream';
  readonly upstreamUrl?: string;
  readonly upstreamModel?: string;
  readonly seed: string;
  readonly settleIntervalMs: number;
  /** The gateway's API key; off loopback the gateway refuses to start without one. */
  readonly apiKey?: string;
}

/** What a running devnet writes to `<data-dir>/devnet.json` for `chrysalis chat` / `chrysalis status`. */
export interface DevnetInfo {
  readonly gateway: string;
  /** The first broker (= `brokers[0]`). */
  readonly broker: string;
  /** Every broker's HTTP API, in broker order (`devnet-broker`, `devnet-broker-2`, ...). */
  readonly brokers: readonly string[];
  readonly chainApi: string;
  readonly registry: string;
  readonly attestationLog: string;
  /** The client's channel to the first broker (= `clientChannels[0]`). */
  readonly clientChannel: string;
  /** The client's channel to each broker (payee = that broker's wallet, nonce 0), in broker order. */
  readonly clientChannels: readonly string[];
  readonly clientKeyFile: string;
  /** The chain's global id (config param 19) every voucher names. */
  readonly globalId: number;
  /** The client's voucher state (`<data-dir>/vouchers.sqlite`), shared by the gateway and `chrysalis chat`. */
  readonly voucherStoreFile: string;
  readonly trustFile: string;
  readonly collateralFile: string;
  readonly modelId: string;
  readonly modelName: string;
  /** The registry's price of the model, nanoton per token (decimal strings), as a trust snapshot's `modelPrices` entry. */
  readonly modelPrice: { readonly promptNano: string; readonly completionNano: string };
  readonly imageId: string;
  readonly platformId: string;
  /** Each worker's payout address (the GPU owner's deployed wallet), in worker order. */
  readonly workerPayouts: readonly string[];
  /** The workers' claim threshold, nanoton (decimal string): a devnet setting. */
  readonly claimThresholdNano: string;
  /** The config file each program was started with (`chrysalis <program> --config FILE`). */
  readonly configFiles: {
    /** The first broker's (= `brokers[0]`). */
    readonly broker: string;
    readonly brokers: readonly string[];
    readonly gateway: string;
    readonly workers: readonly string[];
  };
  /** The devnet process (it runs the chain; the programs are its children, in its process group). */
  readonly pid: number;
}

export interface RunningDevnet {
  readonly info: DevnetInfo;
  /** The worker processes, in start order (`devnet-worker-1`, ...). */
  readonly workers: readonly { readonly name: string; readonly pid: number | undefined }[];
  /** Every program's process: `devnet-broker` (`devnet-broker-2`, ...), the workers, `devnet-gateway`. */
  readonly processes: readonly { readonly name: string; readonly pid: number | undefined }[];
  /**
   * Has every broker claim every voucher it holds and pay the workers now (SIGUSR2 to each live broker process; a
   * broker whose process has exited is skipped).
   */
  settle(): Promise<void>;
  /**
   * Fault injection: while down, the chain API answers 503 to every program (a SIMULATED outage). Returns how many
   * requests it has refused so far, over all outages.
   */
  chainOutage(down: boolean): number;
  close(): Promise<void>;
}

/** What every step gets: the options, the progress log, and where to register what must be closed on stop. */
export interface StepContext {
  readonly opts: DevnetOptions;
  readonly log: (line: string) => void;
  /** Registers a closer; closers run in reverse order on stop or on a failed start. */
  readonly onClose: (close: () => Promise<void>) => void;
  /** True once stopping: workers leaving then are expected, not news. */
  readonly stopping: () => boolean;
}

/** Step 1: the model the workers serve. */
export interface DevnetModel {
  readonly dir: string;
  readonly name: string;
  readonly id: string;
}

/** Step 2: the SIMULATED roots, opted in explicitly, and the files and identities derived from them. */
export interface DevnetTrust {
  readonly trust: NonNullable<VerifyBundleOptions['trust']>;
  readonly policy: BundlePolicy;
  readonly trustFile: string;
  readonly collateralFile: string;
  readonly imageId: string;
  readonly platformId: string;
}
