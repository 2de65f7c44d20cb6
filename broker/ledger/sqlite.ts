import Database from 'better-sqlite3';
import { schemaSql } from './schema';
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

type Row = Record<string, unknown>;
class ReplayedRequest extends Error {}

export function accountFromRow(r: Row): Account {
  return {
    clientKey: String(r.client_key),
    channel: String(r.channel),
    depositNano: Number(r.deposit_nano),
    chargedNano: Number(r.charged_nano),
    vouchedNano: Number(r.vouched_nano),
    nextSeq: Number(r.next_seq),
  };
}
export function requestFromRow(r: Row): StoredRequest {
  return {
    requestId: String(r.request_id),
    clientKey: String(r.client_key),
    channel: String(r.channel),
    workerId: String(r.worker_id),
    sealedDigest: String(r.sealed_digest),
    priceNano: Number(r.price_nano),
    createdAtMs: Number(r.created_at_ms),
    seq: Number(r.seq),
    status: String(r.status) as RequestStatus,
    code: r.code === null || r.code === undefined ? null : String(r.code),
    chargedNano: Number(r.charged_nano),
  };
}
export function receiptFromRow(r: Row): ReceiptRecord {
  return {
    requestId: String(r.request_id),
    clientKey: String(r.client_key),
    workerId: String(r.worker_id),
    receipt: new Uint8Array(r.receipt as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    chargeNano: Number(r.charge_nano),
    atMs: Number(r.at_ms),
  };
}
export function voucherFromRow(r: Row): VoucherRecord {
  return {
    clientKey: String(r.client_key),
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    voucher: new Uint8Array(r.voucher as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    atMs: Number(r.at_ms),
  };
}
export function claimFromRow(r: Row): SettlementClaim {
  return {
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    seq: Number(r.seq),
    txHash: r.tx_hash === null || r.tx_hash === undefined ? null : String(r.tx_hash),
    atMs: Number(r.at_ms),
  };
}
export function workerVoucherFromRow(r: Row): WorkerVoucherRecord {
  return {
    workerId: String(r.worker_id),
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    seq: Number(r.seq),
    voucher: new Uint8Array(r.voucher as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    atMs: Number(r.at_ms),
  };
}

/**
 * Settlement SQL shared by SQLite and PostgreSQL (`$N` placeholders: SQLite binds them by name, `params(...)`).
 * Inserts are conditional (INSERT ... SELECT ... WHERE NOT EXISTS a row at or above the new one), so claims and
 * worker vouchers stay monotonic without a read-then-write.
 */
export function settlementSql(dialect: 'sqlite' | 'pg') {
  const blob = dialect === 'pg' ? 'BYTEA' : 'BLOB';
  return {
    latestVoucher: 'SELECT * FROM vouchers WHERE channel = $1 ORDER BY cumulative_nano DESC, id DESC LIMIT 1',
    unclaimedVouchers: `SELECT v.* FROM (SELECT DISTINCT channel FROM vouchers) ch
       JOIN vouchers v ON v.id = (SELECT w.id FROM vouchers w WHERE w.channel = ch.channel ORDER BY w.cumulative_nano DESC, w.id DESC LIMIT 1)
       WHERE v.cumulative_nano > COALESCE((SELECT MAX(c.cumulative_nano) FROM claims c WHERE c.channel = v.channel), 0) ORDER BY v.id`,
    recordClaim: `INSERT INTO claims (channel, cumulative_nano, seq, tx_hash, at_ms)
       SELECT CAST($1 AS TEXT), CAST($2 AS BIGINT), CAST($3 AS BIGINT), CAST($4 AS TEXT), CAST($5 AS BIGINT)
       WHERE NOT EXISTS (SELECT 1 FROM claims WHERE channel = $1 AND cumulative_nano >= $2) ON CONFLICT DO NOTHING`,
    lastClaim: 'SELECT * FROM claims WHERE channel = $1 ORDER BY cumulative_nano DESC LIMIT 1',
    recordWorkerVoucher: `INSERT INTO worker_vouchers (worker_id, channel, cumulative_nano, seq, voucher, signature, at_ms)
       SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS BIGINT), CAST($4 AS BIGINT), CAST($5 AS ${blob}), CAST($6 AS ${blob}), CAST($7 AS BIGINT)
       WHERE NOT EXISTS (SELECT 1 FROM worker_vouchers WHERE worker_id = $1 AND (cumulative_nano >= $3 OR seq >= $4)) ON CONFLICT DO NOTHING`,
    charged: 'SELECT worker_id, SUM(charge_nano) AS charged FROM receipts GROUP BY worker_id',
    chargedOne: 'SELECT worker_id, SUM(charge_nano) AS charged FROM receipts WHERE worker_id = $1 GROUP BY worker_id',
    workerVouchers:
      'SELECT * FROM worker_vouchers v WHERE cumulative_nano = (SELECT MAX(w.cumulative_nano) FROM worker_vouchers w WHERE w.worker_id = v.worker_id)',
    workerVoucherOne: 'SELECT * FROM worker_vouchers WHERE worker_id = $1 ORDER BY cumulative_nano DESC LIMIT 1',
  } as const;
}
/** Positional values as better-sqlite3 named parameters for `$1..$N`. */
const params = (...values: unknown[]): Record<string, unknown> =>
  Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

/** Merges per-worker charged sums and latest worker vouchers into balances (sorted by worker id). */
export function workerBalancesFrom(charged: Row[], vouchers: Row[], workerId?: string): WorkerBalance[] {
  const out = new Map<string, { chargedNano: number; voucher: WorkerVoucherRecord | null }>();
  if (workerId !== undefined) out.set(workerId, { chargedNano: 0, voucher: null });
  for (const r of charged) out.set(String(r.worker_id), { chargedNano: Number(r.charged), voucher: null });
  for (const r of vouchers) {
    const v = workerVoucherFromRow(r);
    out.set(v.workerId, { chargedNano: out.get(v.workerId)?.chargedNano ?? 0, voucher: v });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, b]) => ({ workerId: id, ...b }));
}

export function admissionFromRow(r: Row): AdmissionRecord {
  return {
    workerId: String(r.worker_id),
    ok: Number(r.ok) === 1,
    code: String(r.code),
    bundleDigest: String(r.bundle_digest),
    imageId: String(r.image_id),
    modelId: String(r.model_id),
    atMs: Number(r.at_ms),
  };
}

/**
 * SQLite ledger (better-sqlite3, WAL, one transaction per multi-row change). The embedded default.
 *
 * Group commit: writes issued in the same event-loop turn run in ONE outer transaction (flushed on setImmediate),
 * each inside its own SAVEPOINT (better-sqlite3 nests transactions that way), so each keeps its own all-or-nothing
 * semantics while a burst of requests shares one commit. A caller's promise resolves only after that commit.
 */
export class SqliteLedger implements LedgerRepository {
  private readonly db: Database.Database;
  private queue: { run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private flushScheduled = false;

  private write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: { ok: boolean; v: unknown }[];
    try {
      results = this.batchTx.immediate(batch);
    } catch (err) {
      for (const op of batch) op.reject(err); // the commit itself failed: nothing of the batch is durable
      return;
    }
    batch.forEach((op, i) => (results[i]!.ok ? op.resolve(results[i]!.v) : op.reject(results[i]!.v)));
  }
  /**
   * Built once (better-sqlite3's db.transaction() builds four wrapper functions per call): the outer transaction of a
   * batch, and the per-operation SAVEPOINT (a nested call of a transaction function is a savepoint).
   */
  private readonly savepoint: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly batchTx: Database.Transaction<
    (batch: readonly { run: () => unknown }[]) => { ok: boolean; v: unknown }[]
  >;
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
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.savepoint = this.db.transaction((fn: () => unknown) => fn());
    this.batchTx = this.db.transaction((batch: readonly { run: () => unknown }[]) => {
      const results: { ok: boolean; v: unknown }[] = [];
      for (const op of batch) {
        try {
          results.push({ ok: true, v: this.savepoint(op.run) });
        } catch (err) {
          results.push({ ok: false, v: err }); // that op's savepoint was rolled back; the others stand
        }
      }
      return results;
    });
  }

  async init(): Promise<{ abandoned: number }> {
    for (const s of schemaSql('sqlite')) this.db.exec(s);
    const r = this.stmt(
      `UPDATE requests SET status = 'abandoned', code = 'BROKER_RESTARTED', live_digest = NULL WHERE status = 'in_flight'`,
    ).run();
    return { abandoned: r.changes };
  }
  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }
  async close(): Promise<void> {
    if (this.queue.length > 0) this.flush();
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
      `INSERT INTO requests (request_id, client_key, channel, worker_id, sealed_digest, live_digest, price_nano, created_at_ms, seq, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_flight')`,
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
    if (v.cumulativeNano <= Number(a.vouched_nano)) return { ok: false, code: 'VOUCHER_NOT_MONOTONIC' };
    const row = this.stmt('UPDATE accounts SET vouched_nano = ? WHERE client_key = ? RETURNING *').get(
      v.cumulativeNano,
      v.clientKey,
    ) as Row;
    this.stmt(
      'INSERT INTO vouchers (client_key, channel, cumulative_nano, voucher, signature, at_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(v.clientKey, v.channel, v.cumulativeNano, Buffer.from(v.voucher), Buffer.from(v.signature), v.atMs);
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
