/** Public types of the settler (broker/chain/settler.ts). */
import type { Address } from '@ton/core';
import type { SignedVoucher } from '../../contracts/voucher';
import type { ChainClient } from '../../contracts/chain/types';
import type { ChannelData } from '../../contracts/wrappers/payment-channel';
import type { LedgerRepository } from '../ledger/types';
import type { Clock } from '../../core/clock';
import type { ChainLogger } from './errors';
import type { BrokerKeys, BrokerWallet } from './wallet';
import type { ClaimPolicy, ClaimReason } from './settler-policy';

export interface WorkerPayments {
  /** The broker -> worker PaymentChannel of a worker (the broker's workerId = hex SHA-256 of its signing key), or null. */
  channelOf(workerId: string): Address | null | Promise<Address | null>;
  /** Broker's share of each charge in basis points (the registry's brokerFeeBps; default 0). */
  readonly brokerFeeBps?: number;
  /**
   * The broker fee in force now (basis points), asked as each charged receipt is recorded: the receipt counts under
   * it for good. Overrides `brokerFeeBps`; `startBrokerChain` passes the registry view's current `brokerFeeBps`.
   */
  feeBpsNow?(): number;
  /**
   * Called with each new worker voucher (deliver it to the worker); `earnedNano` is the worker's share of its charged
   * receipts so far. Errors are logged.
   */
  onVoucher?(workerId: string, v: SignedVoucher, info?: { readonly earnedNano: bigint }): void | Promise<void>;
}

export interface SettlerOptions {
  readonly chain: ChainClient;
  /** The broker's ledger: `settler.ledger` wraps it so recorded vouchers and charged receipts feed the settler. */
  readonly ledger?: LedgerRepository;
  readonly brokerKey: BrokerKeys;
  /** The chain's global id (config param 19) vouchers name; default `globalIdOf(chain.network)`. */
  readonly globalId?: number;
  /** Share the admission logger's wallet (one serialized sender per key); default: opened here. */
  readonly wallet?: BrokerWallet;
  /** Claim policy (settler-policy.ts); unset fields take `DEFAULT_CLAIM_POLICY`. */
  readonly policy?: Partial<ClaimPolicy>;
  /** Period of the lazy-policy pass (default 60000 ms; 0: no timer, call `tick()`/`flush()`). */
  readonly intervalMs?: number;
  /**
   * Period of the worker-voucher pass (no client claims; default `intervalMs`). Shorter than `intervalMs`
   * pays workers sooner without claiming clients more often.
   */
  readonly workerIntervalMs?: number;
  /** After a claim was applied by the wallet, wait this long for the channel to show it (default 30000 ms). */
  readonly confirmTimeoutMs?: number;
  readonly pollMs?: number;
  /** Run a last policy pass on `stop()` (default true): claims only what the policy says is due, never dust. */
  readonly claimOnStop?: boolean;
  readonly workers?: WorkerPayments;
  /** Time of records and of the lazy policy (idle, close deadlines); default systemClock. */
  readonly clock?: Clock;
  readonly logger?: ChainLogger;
  /**
   * Settle only while this returns true (broker replicas: while this replica holds the settler lock; checked before
   * each pass and again before each claim and worker voucher). Given, every pass also re-reads the ledger first:
   * other replicas record vouchers and receipts into the same database. Default: always settle, load once.
   */
  readonly isLeader?: () => boolean;
  /** Called after each confirmed claim. */
  readonly onClaim?: (c: ClaimRecord) => void;
}

export interface ClaimRecord {
  readonly channel: string;
  readonly amountNano: bigint;
  readonly deltaNano: bigint;
  readonly seq: bigint;
  readonly reason: ClaimReason;
  readonly atMs: number;
}

export interface ChannelSettlement {
  readonly channel: string;
  readonly clientKey: string;
  /** Latest voucher held (cumulative), or 0. */
  readonly latestNano: bigint;
  readonly latestSeq: bigint;
  /** `claimed` as last read on-chain. */
  readonly claimedOnChainNano: bigint;
  readonly status: ChannelData['status'] | 'unknown';
  /** Code of the last failure on this channel, if the last attempt failed. */
  readonly lastError: string | null;
}

export interface WorkerSettlement {
  readonly workerId: string;
  /** Sum of the worker's shares of charged receipts. */
  readonly owedNano: bigint;
  /** Amount of the latest voucher signed for the worker. */
  readonly signedNano: bigint;
  readonly channel: string | null;
  readonly lastError: string | null;
}

export interface Settler {
  /** The ledger to give the broker (`startBroker({ ledger: settler.ledger })`); absent without `ledger`. */
  readonly ledger: LedgerRepository;
  readonly wallet: BrokerWallet;
  /**
   * Feeds a client voucher (as the broker's ledger records it). Verified (parse, channel, network, amount, signature); kept only when
   * above the latest held. Returns whether it was kept. Never throws.
   */
  offerVoucher(v: {
    clientKey: string | Uint8Array;
    channel: string;
    cumulativeNano: number | bigint;
    voucher: Uint8Array;
    signature: Uint8Array;
    atMs?: number;
  }): boolean;
  /** Feeds a charged receipt (worker payment accounting). */
  noteReceipt(r: { workerId: string; chargeNano: number | bigint }): void;
  /** One pass of the claim policy (threshold / idle / payer closing / exposure cap) and worker vouchers. */
  tick(): Promise<void>;
  /** Claims every unclaimed voucher now and signs worker vouchers; resolves when the claims are on-chain (or failed). */
  flush(): Promise<void>;
  /**
   * Stops the timer, then (unless claimOnStop: false) runs a last policy pass: what is below the policy stays in the
   * ledger for the next run (`flush()` claims it). Does not close the ledger.
   */
  stop(): Promise<void>;
  channels(): ChannelSettlement[];
  workers(): WorkerSettlement[];
  /** Sum over channels of `claimed` as last read on-chain. */
  claimedTotal(): bigint;
  readonly claims: readonly ClaimRecord[];
  workerVoucher(workerId: string): SignedVoucher | null;
}
