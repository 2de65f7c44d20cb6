import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import {
  accountFromRow,
  admissionFromRow,
  claimFromRow,
  receiptFromRow,
  requestFromRow,
  type Row,
  voucherFromRow,
  workerBalancesFrom,
} from './rows';
import { ADDED_COLUMNS, indexSql, schemaSql } from './schema';
import { settlementSql } from './settlement-sql';
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

class ReplayedRequest extends Error {}

/** Positional values as better-sqlite3 named parameters for `$1..$N`. */
const params = (...values: unknown[]): Record<string, unknown> =>
  Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

/**
 * SQLite ledger (better-sqlite3, WAL, one transaction per multi-row change). The embedded default.
 *
 * Group commit (`GroupCommit`): writes issued in the same event-loop turn share one outer transaction, each inside
 * its own SAVEPOINT; a caller's promise resolves only after that commit.
 */
export class SqliteLedger implements LedgerRepository {
  private readonly db: Database.Database;
  private readonly commits: GroupCommit;
  private readonly stmts = new Map<string, Database.Statement>();
  /** Prepared statements are cached: preparing costs more than running these one-row statements. */
  private stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }
  private write<T>(fn: () => T): Promise<T> {
    return this.commits.write(fn);
  }
  private readonly replicaId: string;
  constructor(path: string, opts: { replicaId?: string } = {}) {
    this.replicaId = replicaIdOf(opts.replicaId);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.commits = new GroupCommit(this.db);
  }

  async init(): Promise<{ abandoned: number }> {
    for (const s of schemaSql('sqlite')) this.db.exec(s);
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const cols = this.db.prepare(`PRAGMA table_info(${table})`).all() as Row[];
      if (!cols.some((c) => c.name === column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    for (const s of indexSql()) this.db.exec(s);
    const r = this.stmt(
      `UPDATE requests SET status = 'abandoned', code = 'BROKER_RESTARTED', live_digest = NULL
         WHERE status = 'in_flight' AND replica_id = ?`,
    ).run(this.replicaId);
    return { abandoned: r.changes };
  }
  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }
  async close(): Promise<void> {
    this.commits.flushPending();
    if (this.db.open) this.db.close();
  }

  async getAccount(clientKey: string): Promise<Account | null> {
    const r = this.stmt('SELECT * FROM accounts WHERE client_key = ?').get(clientKey) as Row | undefined;
    return r ? accountFromRow(r) : null;
  }
  async upsertAccount(a: { clientKey: string; channel: string; depositNano: number }): Promise<Account> {
    const r = this.stmt(
      `INSERT INTO accounts (client_key, channel, deposit_nano) VALUES (?, ?, ?)
         ON CONFLICT (client_key) DO UPDATE SET channel = excluded.channel, deposit_nano = excluded.deposit_nano RETURNING *`,
    ).get(a.clientKey, a.channel, a.depositNano) as Row;
    return accountFromRow(r);
  }
  async useNonce(clientKey: string, nonceHex: string, atMs: number): Promise<boolean> {
    return this.write(
      () =>
        this.stmt('INSERT INTO nonces (client_key, nonce, at_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
          clientKey,
          nonceHex,
          atMs,
        ).changes === 1,
    );
  }

  private readonly beginTx = (
    r: RequestRecord,
    nonce: string | undefined,
  ): { seq: number } | 'NONCE_REPLAYED' | 'REQUEST_REPLAYED' => {
    const live = this.stmt('SELECT 1 FROM requests WHERE live_digest = ?').get(r.sealedDigest);
    if (nonce !== undefined) {
      const n = this.stmt('INSERT INTO nonces (client_key, nonce, at_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
        r.clientKey,
        nonce,
        r.createdAtMs,
      );
      if (n.changes !== 1) return 'NONCE_REPLAYED';
    }
    if (live) throw new ReplayedRequest();
    const acct = this.stmt(
      'UPDATE accounts SET next_seq = next_seq + 1 WHERE client_key = ? RETURNING next_seq - 1 AS seq',
    ).get(r.clientKey) as Row | undefined;
    if (!acct) throw new Error('beginRequest: unknown account');
    const seq = Number(acct.seq);
    this.stmt(
      `INSERT INTO requests (request_id, client_key, channel, worker_id, sealed_digest, live_digest, price_nano, created_at_ms, seq, status, replica_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_flight', ?)`,
    ).run(
      r.requestId,
      r.clientKey,
      r.channel,
      r.workerId,
      r.sealedDigest,
      r.sealedDigest,
      r.priceNano,
      r.createdAtMs,
      seq,
      this.replicaId,
    );
    return { seq };
  };
  async beginRequest(
    r: RequestRecord,
    nonce?: string,
  ): Promise<{ seq: number } | 'NONCE_REPLAYED' | 'REQUEST_REPLAYED'> {
    try {
      return await this.write(() => this.beginTx(r, nonce));
    } catch (err) {
      // Thrown to roll the nonce back: a refused request does not burn it.
      if (err instanceof ReplayedRequest) return 'REQUEST_REPLAYED';
      throw err;
    }
  }
  async finishRequest(
    requestId: string,
    status: Exclude<RequestStatus, 'in_flight'>,
    code: string | null,
    releaseDigest: boolean,
  ): Promise<void> {
    await this.write(() =>
      this.stmt(
        `UPDATE requests SET status = ?, code = ?, live_digest = CASE WHEN ? THEN NULL ELSE live_digest END
         WHERE request_id = ? AND status = 'in_flight'`,
      ).run(status, code, releaseDigest ? 1 : 0, requestId),
    );
  }
  async getRequest(requestId: string): Promise<StoredRequest | null> {
    const r = this.stmt('SELECT * FROM requests WHERE request_id = ?').get(requestId) as Row | undefined;
    return r ? requestFromRow(r) : null;
  }

  private readonly receiptTx = (r: ReceiptRecord): { charged: boolean } => {
    const ins = this.stmt(
      `INSERT INTO receipts (request_id, client_key, worker_id, receipt, signature, charge_nano, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id) DO NOTHING`,
    ).run(r.requestId, r.clientKey, r.workerId, Buffer.from(r.receipt), Buffer.from(r.signature), r.chargeNano, r.atMs);
    if (ins.changes !== 1) return { charged: false };
    const up = this.stmt('UPDATE accounts SET charged_nano = charged_nano + ? WHERE client_key = ?').run(
      r.chargeNano,
      r.clientKey,
    );
    if (up.changes !== 1) throw new Error('recordReceipt: unknown account');
    this.stmt(`UPDATE requests SET status = 'completed', charged_nano = ? WHERE request_id = ?`).run(
      r.chargeNano,
      r.requestId,
    );
    return { charged: true };
  };
  async recordReceipt(r: ReceiptRecord): Promise<{ charged: boolean }> {
    return this.write(() => this.receiptTx(r));
  }
  async getReceipt(requestId: string): Promise<ReceiptRecord | null> {
    const r = this.stmt('SELECT * FROM receipts WHERE request_id = ?').get(requestId) as Row | undefined;
    return r ? receiptFromRow(r) : null;
  }

  private readonly voucherTx = (v: VoucherRecord): VoucherOutcome => {
    const a = this.stmt('SELECT * FROM accounts WHERE client_key = ?').get(v.clientKey) as Row | undefined;
    if (!a || String(a.channel) !== v.channel) return { ok: false, code: 'BROKER_UNKNOWN_CLIENT' };
    const last = this.stmt('SELECT MAX(seq) AS seq FROM vouchers WHERE channel = ?').get(v.channel) as Row;
    if (last.seq !== null && v.seq <= Number(last.seq)) return { ok: false, code: 'VOUCHER_STALE_SEQ' };
    if (v.cumulativeNano <= Number(a.vouched_nano)) return { ok: false, code: 'VOUCHER_NOT_MONOTONIC' };
    const row = this.stmt('UPDATE accounts SET vouched_nano = ? WHERE client_key = ? RETURNING *').get(
      v.cumulativeNano,
      v.clientKey,
    ) as Row;
    this.stmt(
      'INSERT INTO vouchers (client_key, channel, cumulative_nano, seq, voucher, signature, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(v.clientKey, v.channel, v.cumulativeNano, v.seq, Buffer.from(v.voucher), Buffer.from(v.signature), v.atMs);
    return { ok: true, account: accountFromRow(row) };
  };
  async recordVoucher(v: VoucherRecord): Promise<VoucherOutcome> {
    return this.write(() => this.voucherTx(v));
  }

  async recordAdmission(a: AdmissionRecord): Promise<void> {
    this.stmt(
      'INSERT INTO admissions (worker_id, ok, code, bundle_digest, image_id, model_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(a.workerId, a.ok ? 1 : 0, a.code, a.bundleDigest, a.imageId, a.modelId, a.atMs);
  }
  async listAdmissions(limit: number): Promise<AdmissionRecord[]> {
    return (this.stmt('SELECT * FROM admissions ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(admissionFromRow);
  }

  private readonly settle = settlementSql('sqlite');
  async latestVoucher(channel: string): Promise<VoucherRecord | null> {
    const r = this.stmt(this.settle.latestVoucher).get(params(channel)) as Row | undefined;
    return r ? voucherFromRow(r) : null;
  }
  async unclaimedVouchers(): Promise<VoucherRecord[]> {
    return (this.stmt(this.settle.unclaimedVouchers).all() as Row[]).map(voucherFromRow);
  }
  async recordClaim(c: Omit<SettlementClaim, 'txHash'> & { txHash?: string | null }): Promise<boolean> {
    return this.write(
      () =>
        this.stmt(this.settle.recordClaim).run(params(c.channel, c.cumulativeNano, c.seq, c.txHash ?? null, c.atMs))
          .changes === 1,
    );
  }
  async lastClaim(channel: string): Promise<SettlementClaim | null> {
    const r = this.stmt(this.settle.lastClaim).get(params(channel)) as Row | undefined;
    return r ? claimFromRow(r) : null;
  }
  async recordWorkerVoucher(v: WorkerVoucherRecord): Promise<boolean> {
    return this.write(
      () =>
        this.stmt(this.settle.recordWorkerVoucher).run(
          params(
            v.workerId,
            v.channel,
            v.cumulativeNano,
            v.seq,
            Buffer.from(v.voucher),
            Buffer.from(v.signature),
            v.atMs,
          ),
        ).changes === 1,
    );
  }
  async workerBalances(workerId?: string): Promise<WorkerBalance[]> {
    if (workerId === undefined) {
      return workerBalancesFrom(
        this.stmt(this.settle.charged).all() as Row[],
        this.stmt(this.settle.workerVouchers).all() as Row[],
      );
    }
    const v = this.stmt(this.settle.workerVoucherOne).get(params(workerId)) as Row | undefined;
    return workerBalancesFrom(this.stmt(this.settle.chargedOne).all(params(workerId)) as Row[], v ? [v] : [], workerId);
  }
}
