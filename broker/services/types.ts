import type { Logger } from 'pino';
import type { BrokerConfig } from '../config';
import type { LedgerRepository } from '../ledger/types';
import type { BrokerMetrics } from '../metrics';
import type {
  AdmissionLogger,
  AdmittedIdentity,
  BundleVerifier,
  ChannelDirectory,
  Clock,
  ReceiptVerifier,
  RegistryView,
  VoucherVerifier,
  WorkerPayoutSink,
  WorkerSessionEnded,
} from '../ports';

/** Everything the services share. Built once by createBroker. */
export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly ledger: LedgerRepository;
  readonly metrics: BrokerMetrics;
  readonly clock: Clock;
  readonly bundleVerifier: BundleVerifier;
  readonly registry: RegistryView;
  readonly admissionLogger: AdmissionLogger | undefined;
  readonly channels: ChannelDirectory | undefined;
  readonly receipts: ReceiptVerifier;
  readonly vouchers: VoucherVerifier | undefined;
  readonly onWorkerSessionEnded: ((e: WorkerSessionEnded) => void) | undefined;
  /** Pays admitted workers; when set, a worker must name a valid payout address. */
  readonly workerPayouts: WorkerPayoutSink | undefined;
}

/** A worker that passed admission. */
export interface AdmittedWorker {
  readonly workerId: string;
  readonly identity: AdmittedIdentity;
  readonly modelIdHex: string;
  readonly bundle: Uint8Array;
  readonly bundleDigest: Uint8Array;
  readonly admittedAtMs: number;
  readonly validUntilMs: number;
}

/** Receives what a worker sends back for one request. Exactly one of onReceipt/onFailed/onLost ends it. */
export interface RequestSink {
  onChunk(frame: Uint8Array): void;
  onReceipt(receipt: Uint8Array, signature: Uint8Array): void;
  onFailed(code: string, message: string): void;
  onLost(code: string): void;
}

export interface Dispatch {
  readonly requestId: string;
  readonly sealed: Uint8Array;
  readonly channel: string;
  /** The worker's committed prices, sent back to it so it can refuse a mismatch. */
  readonly promptPriceNano: number;
  readonly completionPriceNano: number;
  /** The client's reservation for this request. */
  readonly maxCostNano: number;
  readonly seq: number;
  readonly deadlineMs: number;
  readonly modelId: Uint8Array;
  readonly sink: RequestSink;
  /** Set when sent to the worker. */
  sentAtMs?: number;
  firstChunkAtMs?: number;
}

/**
 * The pool as a worker session sees it: join once admitted, leave on close, the queue depth for metrics. `WorkerPool`
 * implements it; sessions depend on this instead of the pool, so the two modules do not import each other.
 */
export interface SessionPool<S> {
  add(session: S): void;
  remove(session: S, workerId: string): void;
  totalQueued(): number;
}
