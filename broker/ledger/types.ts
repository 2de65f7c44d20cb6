/**
 * The broker's durable ledger, behind one repository interface (memory | SQLite | PostgreSQL).
 * Invariants every implementation keeps:
 * - a receipt is stored and charged at most once per request id (idempotent: a repeat returns `charged: false`);
 * - a nonce is accepted at most once per client key; a sealed-request digest at most once while it is live;
 * - vouchers per channel are strictly monotonic in amount AND seq;
 * - every multi-row change is one transaction.
 * Amounts are nanoton as JS numbers (exact below 2^53).
 */

export interface Account {
  readonly clientKey: string; // hex Ed25519 public key
  readonly channel: string;
  readonly depositNano: number;
  readonly chargedNano: number;
  readonly vouchedNano: number;
  readonly nextSeq: number;
}

/** A broker replica id: what `ledger.replicaId` accepts. */
export const REPLICA_ID_RE = /^[a-z0-9-]{1,64}$/;
export const DEFAULT_REPLICA_ID = 'default';

/** `id` checked against REPLICA_ID_RE (default 'default'). @throws RangeError */
export function replicaIdOf(id: string | undefined): string {
  const r = id ?? DEFAULT_REPLICA_ID;
  if (!REPLICA_ID_RE.test(r)) throw new RangeError(`replica id must match [a-z0-9-]{1,64}, got '${r}'`);
  return r;
}

export type RequestStatus = 'in_flight' | 'completed' | 'failed' | 'lost' | 'abandoned';

export interface RequestRecord {
  readonly requestId: string;
  readonly clientKey: string;
  readonly channel: string;
  readonly workerId: string;
  readonly sealedDigest: string; // hex SHA-256(sealed)
  readonly priceNano: number;
  readonly createdAtMs: number;
}

export interface StoredRequest extends RequestRecord {
  /** The broker replica that began it (`ledger.replicaId`; 'default' for rows stored before replicas). */
  readonly replicaId: string;
  readonly seq: number;
  readonly status: RequestStatus;
  readonly code: string | null;
  readonly chargedNano: number;
}

export interface ReceiptRecord {
  readonly requestId: string;
  readonly clientKey: string;
  readonly workerId: string;
  readonly receipt: Uint8Array;
  readonly signature: Uint8Array;
  readonly chargeNano: number;
  readonly atMs: number;
}

export interface VoucherRecord {
  readonly clientKey: string;
  readonly channel: string;
  readonly cumulativeNano: number;
  /** The voucher's seq (strictly increasing per channel, like its amount; 0 for rows stored before seq was kept). */
  readonly seq: number;
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  readonly atMs: number;
}

export interface AdmissionRecord {
  readonly workerId: string;
  readonly ok: boolean;
  readonly code: string;
  readonly bundleDigest: string; // hex
  readonly imageId: string; // hex
  readonly modelId: string; // hex
  readonly atMs: number;
}

/** An on-chain claim of a client channel, as the settler confirmed it (cumulative amount claimed, voucher seq). */
export interface SettlementClaim {
  readonly channel: string; // same spelling as VoucherRecord.channel
  readonly cumulativeNano: number;
  readonly seq: number;
  readonly txHash: string | null;
  readonly atMs: number;
}

/** A cumulative broker -> worker voucher the settler signed (latest per worker is what the worker may claim). */
export interface WorkerVoucherRecord {
  readonly workerId: string;
  readonly channel: string; // the worker's PaymentChannel (TON address)
  readonly cumulativeNano: number;
  readonly seq: number;
  readonly voucher: Uint8Array; // BoC of the voucher cell
  readonly signature: Uint8Array;
  readonly atMs: number;
}

/** What a worker has earned: the sum of its charged receipts (before the broker fee) and the latest voucher signed. */
export interface WorkerBalance {
  readonly workerId: string;
  readonly chargedNano: number;
  readonly voucher: WorkerVoucherRecord | null;
}

/**
 * The credit rule of AccountService, over the requests in flight at every replica of a shared ledger:
 *   charged + inFlight + maxCost <= deposit          (else BROKER_UNFUNDED)
 *   charged + inFlight + maxCost <= vouched + credit  (else BROKER_VOUCHER_REQUIRED, requiredNano = that sum - credit)
 * where inFlight sums `maxCostNano` of the client's in-flight rows created at or after `sinceMs` (older rows belong
 * to a replica that died mid-request: its restart abandons them, and they stop blocking the client after the
 * request deadline).
 */
export interface CreditBound {
  readonly maxCostNano: number;
  readonly creditNano: number;
  readonly sinceMs: number;
}

export interface CreditRefusal {
  readonly refused: 'BROKER_UNFUNDED' | 'BROKER_VOUCHER_REQUIRED';
  readonly requiredNano: number;
}

export type VoucherOutcome =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly code: 'VOUCHER_STALE_SEQ' | 'VOUCHER_NOT_MONOTONIC' | 'BROKER_UNKNOWN_CLIENT' };

export interface LedgerRepository {
  /**
   * Creates tables if needed (adding missing columns in place) and marks requests left `in_flight` by a previous
   * process OF THIS REPLICA as `abandoned` (uncharged). Every ledger is opened with a replica id (default
   * 'default') and records it on each request it begins, so replicas sharing one PostgreSQL database never abandon
   * each other's live requests: a restarted replica abandons only its own.
   */
  init(): Promise<{ abandoned: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;

  getAccount(clientKey: string): Promise<Account | null>;
  /** Creates the account or updates its channel/deposit (charges and vouchers are kept). */
  upsertAccount(a: { clientKey: string; channel: string; depositNano: number }): Promise<Account>;

  /** false when this (clientKey, nonce) was seen before. */
  useNonce(clientKey: string, nonceHex: string, atMs: number): Promise<boolean>;

  /**
   * Records a new in-flight request and assigns the channel's next seq, in one transaction. With `nonce`, also
   * consumes that nonce for the client (nothing is written when it was seen: 'NONCE_REPLAYED'). Returns
   * 'REQUEST_REPLAYED' when a live (not released) request with the same sealed digest exists.
   *
   * With `bound`, a ledger shared by several broker processes (PostgreSQL) also refuses, writing nothing, a request
   * that does not fit the client's money counted over EVERY replica's in-flight requests (see `CreditBound`); a
   * single-process ledger (memory, SQLite) leaves that to the AccountService's in-memory reservations.
   */
  beginRequest(
    r: RequestRecord,
    nonce?: string,
    bound?: CreditBound,
  ): Promise<{ seq: number } | 'NONCE_REPLAYED' | 'REQUEST_REPLAYED' | CreditRefusal>;
  /** Ends a request; `releaseDigest` lets the same sealed bytes be retried (retryable, uncharged failures). */
  finishRequest(
    requestId: string,
    status: Exclude<RequestStatus, 'in_flight'>,
    code: string | null,
    releaseDigest: boolean,
  ): Promise<void>;
  getRequest(requestId: string): Promise<StoredRequest | null>;

  /** Stores the receipt and charges the account in one transaction; idempotent on request id. */
  recordReceipt(r: ReceiptRecord): Promise<{ charged: boolean }>;
  getReceipt(requestId: string): Promise<ReceiptRecord | null>;

  /**
   * Stores a client voucher and raises the account's vouched amount, in one transaction. Refused (nothing written)
   * unless the account exists on that channel (BROKER_UNKNOWN_CLIENT), the seq is above the channel's latest
   * (VOUCHER_STALE_SEQ) and the amount is above the account's vouched amount (VOUCHER_NOT_MONOTONIC), in that order.
   */
  recordVoucher(v: VoucherRecord): Promise<VoucherOutcome>;

  recordAdmission(a: AdmissionRecord): Promise<void>;
  listAdmissions(limit: number): Promise<AdmissionRecord[]>;

  // Settlement state (read by the settler at start, written once per claim / worker voucher; never on the request path).
  /** The channel's latest (highest cumulative) voucher, or null. */
  latestVoucher(channel: string): Promise<VoucherRecord | null>;
  /** The latest voucher of every channel whose amount is above its last recorded claim (what is still to claim), oldest first. */
  unclaimedVouchers(): Promise<VoucherRecord[]>;
  /** Records a confirmed on-chain claim; false (nothing written) unless its amount is above the channel's last claim. */
  recordClaim(c: Omit<SettlementClaim, 'txHash'> & { txHash?: string | null }): Promise<boolean>;
  /** The channel's highest recorded claim, or null. */
  lastClaim(channel: string): Promise<SettlementClaim | null>;
  /** Records a signed worker voucher; false (nothing written) unless amount and seq are above the worker's latest. */
  recordWorkerVoucher(v: WorkerVoucherRecord): Promise<boolean>;
  /** Per worker: charged receipts summed + latest signed voucher. One worker with `workerId` (zeros if unknown), else all that have either. */
  workerBalances(workerId?: string): Promise<WorkerBalance[]>;
}
