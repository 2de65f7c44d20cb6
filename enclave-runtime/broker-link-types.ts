/** The broker link's public shapes: what it needs from a worker, its options, its state and its events. */
import type { EventEmitter } from 'node:events';
import type { LinkBudget } from './link-budget';
import type { BrokerPayouts } from './payouts/payouts';

/** What the link needs from a worker (the `createWorker` result satisfies it). */
export interface LinkWorker {
  bundle(challenge: Uint8Array): Promise<Uint8Array | { readonly encoded: Uint8Array }>;
  /** Optional: the worker wants to re-attest (key rotation, own timer); the link asks the broker for a challenge. */
  onReattest?(listener: (reason: string) => void): () => void;
  handle(
    sealed: Uint8Array,
    meta: {
      requestId: string;
      channel: string;
      /** The dispatch's prices and reservation, as the broker sent them (the worker checks them). */
      promptPriceNano: bigint;
      completionPriceNano: bigint;
      maxCostNano: bigint;
      seq: bigint;
      signal?: AbortSignal;
    },
  ): AsyncIterable<
    | { frame: Uint8Array }
    | {
        receipt: Uint8Array;
        signature: Uint8Array;
        /** The receipt's fields (when absent the link decodes `receipt` to count what was charged). */
        fields?: {
          readonly promptPriceNano: bigint;
          readonly completionPriceNano: bigint;
          readonly promptTokens: number;
          readonly completionTokens: number;
        };
      }
  >;
}

export interface LinkLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface BrokerLinkOptions {
  /** ws://host:port/v1/worker */
  readonly url: string;
  readonly worker: LinkWorker;
  /** Sent in Hello (default: the budget's limit, else 0 = the broker's default). */
  readonly maxConcurrency?: number;
  /**
   * The worker's concurrency budget, shared by all its links: a request dispatched while it is full is refused with
   * WORKER_BUSY, and heartbeats report the worker's requests in progress over all links. Without it the link runs
   * whatever its broker dispatches (the broker keeps to Hello's maxConcurrency).
   */
  readonly budget?: LinkBudget;
  readonly workerVersion?: string;
  readonly workerName?: string;
  /** Advertised protocol version (default 1; tests use others to check refusal). */
  readonly protocolVersion?: number;
  /** Reconnect with exponential backoff + jitter (default on: 250 ms .. 30 s). */
  readonly reconnect?: { readonly enabled?: boolean; readonly initialMs?: number; readonly maxMs?: number };
  readonly maxFrameBytes?: number;
  /** Reconnect when nothing (not even a heartbeat) came from the broker for this long (default 60 s; 0 disables). */
  readonly silenceTimeoutMs?: number;
  readonly logger?: LinkLogger;
  /** The GPU owner's TON address, sent in Hello: the broker's channel to this worker pays it. */
  readonly payoutAddress?: string;
  /**
   * This broker's payouts (`Payouts.forBroker(url)`): its WorkerVoucher frames are checked and kept, the receipts
   * signed on this link count as earned, and its requests are refused with WORKER_UNPAID while it owes more than the
   * bound. Without it, voucher frames are ignored (logged).
   */
  readonly payouts?: BrokerPayouts;
}

export interface AdmissionInfo {
  readonly workerId: string;
  readonly validUntilMs: number;
  readonly bundleDigest: Uint8Array;
}

export type LinkState = 'connecting' | 'hello' | 'admitted' | 'refused' | 'closed';

/**
 * Events: 'admitted' (AdmissionInfo), 'refused' ({code, message}), 'error' ({code, message}) from the broker,
 * 'disconnected' ({code, reason}), 'drain' (broker asked us to drain), 'voucher' (KeptVoucher: a broker voucher was
 * checked and kept), 'voucher_refused' ({code}: a broker voucher was refused; nothing changed).
 */
export interface BrokerLink extends EventEmitter {
  readonly state: LinkState;
  readonly workerId: string | undefined;
  readonly inFlight: number;
  /** Resolves at the next admission; rejects with an Error whose `code` is the refusal code. */
  admitted(): Promise<AdmissionInfo>;
  /** Tell the broker to send no new work, wait for in-flight requests (up to timeoutMs), then close. */
  drain(timeoutMs?: number): Promise<void>;
  /** Close now (in-flight requests are abandoned) and stop reconnecting. */
  close(): Promise<void>;
}
