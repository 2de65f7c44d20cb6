/** Public types of the worker core (enclave-runtime/worker.ts). */
import type { Logger } from 'pino';
import type { BuiltBundle, RuntimeEventRecord } from '../attestation/bundle';
import type { Receipt } from '../attestation/receipt';
import type { Clock } from '../core/clock';
import type { InferenceEngine } from './engines';
import type { GpuEvidenceProvider, RtmrExtender, TdxQuoteProvider } from './evidence';
import type { TdxCollateralSource } from './evidence/tdx-collateral';
import type { WorkerPublicKeys } from './keys';

/** Nanoton per token, committed in the worker's claims and static configuration. */
export interface WorkerPrices {
  readonly promptNano: bigint;
  readonly completionNano: bigint;
}

export interface WorkerConfig {
  readonly engine: InferenceEngine;
  /** The prices this worker charges (<= the registry's for its model); receipts are always signed at these. */
  readonly prices: WorkerPrices;
  readonly tdx: TdxQuoteProvider;
  readonly gpu: GpuEvidenceProvider;
  /** Extends RTMR3 at boot. Required unless `tdx` also implements it (the simulated TD does). */
  readonly rtmr?: RtmrExtender;
  /** The model disk's dm-verity root hash (32 bytes): extended into RTMR3 as `chrysalis.model-disk.v1`. */
  readonly modelDiskRootHash?: Uint8Array;
  /** Static configuration hashed into the config digest (RTMR3 + claims). Must not contain secrets. */
  readonly staticConfig?: Readonly<Record<string, unknown>>;
  readonly workerVersion?: string;
  readonly logger?: Logger;
  /** Clock for claims' issuedAt (default systemClock). */
  readonly clock?: Clock;
  /** Re-attestation period; 0 disables the timer (default 6 h). */
  readonly reattestIntervalMs?: number;
  /** Static Intel collateral JSON for every bundle (used when no `tdxCollateralSource` is given). */
  readonly tdxCollateralJson?: string;
  /** Fetches (and caches) the Intel collateral for this platform's quotes; its JSON goes into every bundle. */
  readonly tdxCollateralSource?: TdxCollateralSource;
  readonly firmwareEventLog?: Uint8Array;
}

export interface HandleMeta {
  readonly requestId: string;
  /** Payment channel: TON address string or 32 bytes. */
  readonly channel: string | Uint8Array;
  /** The dispatch's prompt price (nanoton per token): must equal the committed one, else WORKER_PRICE_MISMATCH. */
  readonly promptPriceNano: bigint | number;
  /** The dispatch's completion price (nanoton per token): must equal the committed one. */
  readonly completionPriceNano: bigint | number;
  /** The broker's reservation for this request (nanoton); 0 or absent: none. The effective cap is the lower of this
   * and the sealed body's `max_cost_nano`. */
  readonly maxCostNano?: bigint | number;
  /** Per-channel sequence number. */
  readonly seq: bigint | number;
  readonly signal?: AbortSignal;
}

export type HandleOutput =
  | { readonly frame: Uint8Array }
  | { readonly receipt: Uint8Array; readonly signature: Uint8Array; readonly fields: Receipt };

export type ReattestReason = 'timer' | 'key-rotation';

export interface Worker {
  /** Public keys only. */
  readonly keys: WorkerPublicKeys;
  readonly modelId: Uint8Array;
  readonly configDigest: Uint8Array;
  /** The committed prices (claims, config digest, receipts). */
  readonly prices: WorkerPrices;
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  readonly runtimeEvents: readonly RuntimeEventRecord[];
  readonly inFlight: number;
  /** Build a fresh evidence bundle over the broker's challenge (16..64 bytes). */
  bundle(challenge: Uint8Array): Promise<BuiltBundle>;
  /**
   * Open a sealed request, run it, yield sealed frames, then one signed receipt.
   * Throws WORKER_PRICE_MISMATCH (dispatch prices differ from the committed ones) or SealError (SEAL_*) before any
   * frame if the request cannot be opened; WorkerError ENGINE_REQUEST_INVALID, WORKER_RESERVATION_REQUIRED,
   * WORKER_BUDGET_EXCEEDED etc. after a sealed final error frame (no receipt then); WORKER_CLOSED after close().
   */
  handle(sealed: Uint8Array, meta: HandleMeta): AsyncIterable<HandleOutput>;
  /** New HPKE + Ed25519 keys; requests sealed to the old key are refused (SEAL_WRONG_KEY); fires onReattest. */
  rotateKeys(): Promise<void>;
  /** Called when re-attestation is due (timer, key rotation): the broker link fetches a challenge and calls bundle(). */
  onReattest(listener: (reason: ReattestReason) => void): () => void;
  close(): Promise<void>;
}
