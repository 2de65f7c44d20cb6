import type {
  Account,
  AdmissionRecord,
  LedgerRepository,
  SettlementClaim,
  WorkerBalance,
  WorkerVoucherRecord,
  ReceiptRecord,
  RequestRecord,
  RequestStatus,
  StoredRequest,
  VoucherOutcome,
  VoucherRecord,
} from './types';
import { replicaIdOf } from './types';

/** In-memory ledger for unit tests; same invariants as the durable ones, no durability. */
export class MemoryLedger implements LedgerRepository {
  private readonly accounts = new Map<string, Account>();
  private readonly nonces = new Set<string>();
  private readonly liveDigests = new Set<string>();
  private readonly requests = new Map<string, StoredRequest>();
  private readonly receipts = new Map<string, ReceiptRecord>();
  private readonly vouchers: VoucherRecord[] = [];
  private readonly admissions: AdmissionRecord[] = [];
  private readonly claims = new Map<string, SettlementClaim>(); // channel -> highest claim
  private readonly workerVouchers = new Map<string, WorkerVoucherRecord>(); // workerId -> latest
  private readonly replicaId: string;
  constructor(opts: { replicaId?: string } = {}) {
    this.replicaId = replicaIdOf(opts.replicaId);
  }
  /** The same rows seen as another replica (as a second broker process on the same database would). */
  asReplica(replicaId: string): MemoryLedger {
    const other = Object.create(MemoryLedger.prototype) as MemoryLedger;
    Object.assign(other, this, { replicaId: replicaIdOf(replicaId) });
    return other;
  }

  async init(): Promise<{ abandoned: number }> {
    let abandoned = 0;
    for (const [id, r] of this.requests) {
      if (r.status === 'in_flight' && r.replicaId === this.replicaId) {
        this.requests.set(id, { ...r, status: 'abandoned', code: 'BROKER_RESTARTED' });
        this.liveDigests.delete(r.sealedDigest);
        abandoned++;
      }
    }
    return { abandoned };
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}

  async getAccount(clientKey: string): Promise<Account | null> {
    return this.accounts.get(clientKey) ?? null;
  }
  async upsertAccount(a: { clientKey: string; channel: string; depositNano: number }): Promise<Account> {
    const prev = this.accounts.get(a.clientKey);
    const next: Account = prev
      ? { ...prev, channel: a.channel, depositNano: a.depositNano }
      : {
          clientKey: a.clientKey,
          channel: a.channel,
          depositNano: a.depositNano,
          chargedNano: 0,
          vouchedNano: 0,
          nextSeq: 1,
        };
    this.accounts.set(a.clientKey, next);
    return next;
  }
  async useNonce(clientKey: string, nonceHex: string): Promise<boolean> {
    const k = `${clientKey}:${nonceHex}`;
    if (this.nonces.has(k)) return false;
    this.nonces.add(k);
    return true;
  }
  async beginRequest(
    r: RequestRecord,
    nonce?: string,
  ): Promise<{ seq: number } | 'NONCE_REPLAYED' | 'REQUEST_REPLAYED'> {
    if (nonce !== undefined && this.nonces.has(`${r.clientKey}:${nonce}`)) return 'NONCE_REPLAYED';
    if (this.liveDigests.has(r.sealedDigest)) return 'REQUEST_REPLAYED';
    if (nonce !== undefined) this.nonces.add(`${r.clientKey}:${nonce}`);
    const acct = this.accounts.get(r.clientKey);
    if (!acct) throw new Error('beginRequest: unknown account');
    const seq = acct.nextSeq;
    this.accounts.set(r.clientKey, { ...acct, nextSeq: seq + 1 });
    this.liveDigests.add(r.sealedDigest);
    this.requests.set(r.requestId, {
      ...r,
      replicaId: this.replicaId,
      seq,
      status: 'in_flight',
      code: null,
      chargedNano: 0,
    });
    return { seq };
  }
  async finishRequest(
    requestId: string,
    status: Exclude<RequestStatus, 'in_flight'>,
    code: string | null,
    releaseDigest: boolean,
  ): Promise<void> {
    const r = this.requests.get(requestId);
    if (!r || r.status !== 'in_flight') return;
    this.requests.set(requestId, { ...r, status, code });
    if (releaseDigest) this.liveDigests.delete(r.sealedDigest);
  }
  async getRequest(requestId: string): Promise<StoredRequest | null> {
    return this.requests.get(requestId) ?? null;
  }
  async recordReceipt(r: ReceiptRecord): Promise<{ charged: boolean }> {
    if (this.receipts.has(r.requestId)) return { charged: false };
    const acct = this.accounts.get(r.clientKey);
    if (!acct) throw new Error('recordReceipt: unknown account');
    this.receipts.set(r.requestId, r);
    this.accounts.set(r.clientKey, { ...acct, chargedNano: acct.chargedNano + r.chargeNano });
    const req = this.requests.get(r.requestId);
    if (req) this.requests.set(r.requestId, { ...req, status: 'completed', chargedNano: r.chargeNano });
    return { charged: true };
  }
  async getReceipt(requestId: string): Promise<ReceiptRecord | null> {
    return this.receipts.get(requestId) ?? null;
  }
  async recordVoucher(v: VoucherRecord): Promise<VoucherOutcome> {
    const acct = this.accounts.get(v.clientKey);
    if (!acct || acct.channel !== v.channel) return { ok: false, code: 'BROKER_UNKNOWN_CLIENT' };
    const lastSeq = this.vouchers.reduce((m, x) => (x.channel === v.channel && x.seq > m ? x.seq : m), -1);
    if (v.seq <= lastSeq) return { ok: false, code: 'VOUCHER_STALE_SEQ' };
    if (v.cumulativeNano <= acct.vouchedNano) return { ok: false, code: 'VOUCHER_NOT_MONOTONIC' };
    const next = { ...acct, vouchedNano: v.cumulativeNano };
    this.accounts.set(v.clientKey, next);
    this.vouchers.push(v);
    return { ok: true, account: next };
  }
  async recordAdmission(a: AdmissionRecord): Promise<void> {
    this.admissions.push(a);
  }
  async listAdmissions(limit: number): Promise<AdmissionRecord[]> {
    return this.admissions.slice(-limit).reverse();
  }

  async latestVoucher(channel: string): Promise<VoucherRecord | null> {
    let best: VoucherRecord | null = null;
    for (const v of this.vouchers)
      if (v.channel === channel && (!best || v.cumulativeNano > best.cumulativeNano)) best = v;
    return best;
  }
  async unclaimedVouchers(): Promise<VoucherRecord[]> {
    const latest = new Map<string, VoucherRecord>();
    for (const v of this.vouchers) {
      const b = latest.get(v.channel);
      if (b && v.cumulativeNano <= b.cumulativeNano) continue;
      latest.delete(v.channel); // re-inserted: ordered by when each latest voucher was recorded, like the SQL ones
      latest.set(v.channel, v);
    }
    return [...latest.values()].filter((v) => v.cumulativeNano > (this.claims.get(v.channel)?.cumulativeNano ?? 0));
  }
  async recordClaim(c: Omit<SettlementClaim, 'txHash'> & { txHash?: string | null }): Promise<boolean> {
    const prev = this.claims.get(c.channel);
    if (prev && c.cumulativeNano <= prev.cumulativeNano) return false;
    this.claims.set(c.channel, {
      channel: c.channel,
      cumulativeNano: c.cumulativeNano,
      seq: c.seq,
      txHash: c.txHash ?? null,
      atMs: c.atMs,
    });
    return true;
  }
  async lastClaim(channel: string): Promise<SettlementClaim | null> {
    return this.claims.get(channel) ?? null;
  }
  async recordWorkerVoucher(v: WorkerVoucherRecord): Promise<boolean> {
    const prev = this.workerVouchers.get(v.workerId);
    if (prev && (v.cumulativeNano <= prev.cumulativeNano || v.seq <= prev.seq)) return false;
    this.workerVouchers.set(v.workerId, v);
    return true;
  }
  async workerBalances(workerId?: string): Promise<WorkerBalance[]> {
    const charged = new Map<string, number>();
    for (const r of this.receipts.values()) charged.set(r.workerId, (charged.get(r.workerId) ?? 0) + r.chargeNano);
    const ids =
      workerId !== undefined ? [workerId] : [...new Set([...charged.keys(), ...this.workerVouchers.keys()])].sort();
    return ids.map((id) => ({
      workerId: id,
      chargedNano: charged.get(id) ?? 0,
      voucher: this.workerVouchers.get(id) ?? null,
    }));
  }
}
