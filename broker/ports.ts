/**
 * The broker's narrow dependencies. Each has a real implementation wired in `main.ts` (attestation/bundle,
 * chain client, receipts) and simple ones for tests.
 */
import type { ModelPrice } from '../attestation/bundle/verify-types';
import type { ChannelView, SignedVoucher } from '../contracts/voucher';

export type { ModelPrice };

/** What the broker needs from a verified evidence bundle. */
export interface AdmittedIdentity {
  readonly signingPublicKey: Uint8Array; // Ed25519, 32 bytes
  readonly hpkePublicKey: Uint8Array; // X25519, 32 bytes
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  readonly modelId: Uint8Array;
  readonly brokerChallenge: Uint8Array;
  /** The worker's committed prices, from its verified claims (the only source of a worker's price). */
  readonly prices: ModelPrice;
  /** When the evidence stops being valid (VerifiedWorker.validUntil): the admission lapses then at the latest. */
  readonly validUntil?: Date;
}

/**
 * Verifies an EvidenceBundle cryptographically (TDX, GPU, binding, event log) against trust roots at `now`.
 * Throws a ChrysalisError whose `code` is reported (e.g. TDX_*, GPU_*, BUNDLE_*, POLICY_*). Real one:
 * `attestation/bundle` `verifyBundle`.
 */
export interface BundleVerifier {
  verify(
    bundle: Uint8Array,
    opts: {
      readonly now: Date;
      readonly challenge: Uint8Array;
      /** The registry snapshot admission appraises against (allowlists, modelPrices). */
      readonly registry?: RegistrySnapshot;
    },
  ): Promise<AdmittedIdentity>;
}

/** Allowlists and params from the on-chain Registry (hex ids, lowercase). */
export interface RegistrySnapshot {
  readonly version: number;
  readonly imageIds: readonly string[];
  readonly platformIds: readonly string[];
  readonly modelIds: readonly string[];
  /** Per-model price ceilings (model id hex lower -> nanoton per token), passed on to bundle verification. */
  readonly modelPrices?: Readonly<Record<string, ModelPrice>>;
  /** Model id (hex lower) -> its disk's dm-verity root hash, for the models that list one; passed on likewise. */
  readonly modelDiskRootHashes?: Readonly<Record<string, string>>;
}
export interface RegistryView {
  snapshot(): Promise<RegistrySnapshot>;
}

export interface AdmissionEvent {
  readonly workerId: string;
  readonly signingPublicKey: Uint8Array;
  readonly imageId: Uint8Array;
  /** The verified identity's platform id (AdmittedIdentity.platformId). */
  readonly platformId: Uint8Array;
  readonly modelId: Uint8Array;
  readonly bundleDigest: Uint8Array;
  readonly at: Date;
}
/** Publishes admissions (on-chain AttestationLog). Failures are logged, never block admission. */
export interface AdmissionLogger {
  logAdmission(e: AdmissionEvent): Promise<void>;
}

/** A client known by the key of its payment channel. */
export interface ClientChannel {
  readonly channel: string;
  readonly depositNano: number;
  /**
   * The channel as the PaymentChannel contract holds it, read from the chain (`ChainChannelDirectory`): what a voucher
   * is checked against (`checkVoucherAgainst`). Absent for a directory without a chain (a static table).
   */
  readonly view?: ChannelView;
}
/** Looks up the payment channel whose payer key is `clientKey` (chain client; static in the devnet). */
export interface ChannelDirectory {
  lookup(clientKey: Uint8Array): Promise<ClientChannel | null>;
  /** Forgets a cached lookup of this key, so the next one reads the chain (a voucher above the cached deposit). */
  invalidate?(clientKey: Uint8Array): void;
}

/** What the broker reads from a worker's receipt (attestation/receipt). */
export interface ReceiptFacts {
  readonly requestDigest: Uint8Array;
  readonly modelId: Uint8Array;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly promptPriceNano: number;
  readonly completionPriceNano: number;
  /** promptPriceNano x promptTokens + completionPriceNano x completionTokens. */
  readonly amountNano: number;
  readonly channel: string;
  readonly seq: number;
  readonly workerKey: Uint8Array;
}
export interface ReceiptVerifier {
  /** Throws (or rejects with) a ChrysalisError when the receipt does not decode or the signature does not verify. */
  verify(receipt: Uint8Array, signature: Uint8Array, workerKey: Uint8Array): ReceiptFacts | Promise<ReceiptFacts>;
  /** Amount charged for a verified receipt, in nanoton. */
  charge(r: ReceiptFacts): number;
}

/**
 * Decides whether a client voucher is one the channel would pay: the contract's Claim rules, off-chain. `view` is the
 * channel as the broker knows it (the chain's state with `claimed`/`lastSeq` raised to the broker's latest accepted
 * voucher; `globalId` = the broker's configured network). Throws a ChrysalisError with a VOUCHER_* code when not.
 * Default (createBroker): `checkVoucherAgainst` from contracts/voucher.ts.
 */
export interface VoucherVerifier {
  verify(voucher: SignedVoucher, view: ChannelView): void;
}

export { systemClock, type Clock } from '../core/clock';

/** An admitted worker's session ended: connection closed by either side, refused at re-attestation, lapsed, silent. */
/** What a `worker_voucher` frame carries (proto `WorkerVoucher`). */
export interface WorkerVoucherFrame {
  /** The broker -> worker PaymentChannel (TON address). */
  readonly channel: string;
  readonly cumulativeNano: bigint;
  /** BoC of the voucher cell. */
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  /** What the broker counts as earned so far (a hint). */
  readonly earnedNano: bigint;
}

/** A live admitted worker session, as the payouts side sees it. */
export interface PayableWorker {
  readonly workerId: string;
  readonly connId: string;
  /** The payout address from the worker's Hello, parsed (raw form `0:<hex>`). */
  readonly payoutAddress: string;
  /** Sends a `BrokerFrame.worker_voucher` on this session (dropped once it closed). */
  sendVoucher(v: WorkerVoucherFrame): void;
}

/**
 * Pays admitted workers (broker/chain's worker payouts). When present, every worker must name a payout address in
 * its Hello (else ADMISSION_PAYOUT_ADDRESS_INVALID).
 */
export interface WorkerPayoutSink {
  /** A session was admitted (again, after a re-attestation). */
  admitted(w: PayableWorker): void;
  /** That session ended. */
  ended(workerId: string, connId: string): void;
}

export interface WorkerSessionEnded {
  readonly workerId: string;
  /** The operator label from the worker's Hello (untrusted, informational; printable ASCII only, at most 64). */
  readonly workerName: string;
  /** The broker's code when it closed the session (e.g. WIRE_HEARTBEAT_TIMEOUT), else `closed by worker (<ws code>)`. */
  readonly reason: string;
  /** Requests in flight or queued on the session, reported lost to their clients. */
  readonly lost: number;
}
