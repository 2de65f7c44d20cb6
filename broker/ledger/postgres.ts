import { Pool, type PoolClient } from 'pg';
import { indexSql, schemaSql } from './schema';
import {
  accountFromRow,
  admissionFromRow,
  claimFromRow,
  receiptFromRow,
  requestFromRow,
  voucherFromRow,
  workerBalancesFrom,
} from './rows';
import { settlementSql } from './settlement-sql';
import type {
  Account,
  AdmissionRecord,
  CreditBound,
  CreditRefusal,
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
import { LOCK_CLASS, PgSessionLock, queryIdOf, typedLedgerError } from './pg-coordination';

/**
 * PostgreSQL ledger (`pg`), for several broker replicas sharing one database. Same schema and invariants as SQLite;
 * row locks (`FOR UPDATE`, conditional UPDATE ... RETURNING, ON CONFLICT) make concurrent replicas safe. Each
 * replica opens it with its own `replicaId`. A lost connection surfaces as BROKER_LEDGER_UNAVAILABLE (503).
 */
export class PostgresLedger implements LedgerRepository {
  private readonly pool: Pool;
  readonly replicaId: string;
  constructor(
    private readonly connectionString: string,
    opts: { max?: number; schema?: string; replicaId?: string } = {},
  ) {
    const schema = opts.schema;
    this.replicaId = replicaIdOf(opts.replicaId);
    this.pool = new Pool({ connectionString, max: opts.max ?? 10, connectionTimeoutMillis: 5000 });
    // An idle pooled connection that dies is dropped by the pool; the next query opens a new one (or fails typed).
    this.pool.on('error', () => undefined);
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new RangeError('schema must be a plain identifier');
    this.schema = schema;
  }
  private readonly schema: string | undefined;
  private readonly guarded = new WeakSet<PoolClient>();

  /** A session advisory lock of this database (and schema) on its own connection: `settler` or `exclusive`. */
  sessionLock(kind: keyof typeof LOCK_CLASS): PgSessionLock {
    return new PgSessionLock(this.connectionString, LOCK_CLASS[kind], this.schema ?? 'public');
  }
  /** The next query id of the replicas' shared highload wallet (from a sequence: never the same twice in a row of 8,380,416). */
  async nextQueryId(): Promise<number> {
    const rows = await this.q(`SELECT nextval('highload_query_ids') AS n`);
    return queryIdOf(BigInt(String(rows[0]!.n)));
  }

  private async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    let c: PoolClient;
    try {
      c = await this.pool.connect();
    } catch (err) {
      throw typedLedgerError(err);
    }
    // A connection cut while checked out emits 'error' on it: the query in flight fails (typed below) instead.
    if (!this.guarded.has(c)) {
      this.guarded.add(c);
      c.on('error', () => undefined);
    }
    let broken = false;
    try {
      if (this.schema) await c.query(`SET search_path TO ${this.schema}`);
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      const typed = typedLedgerError(err);
      broken = typed !== err; // a broken connection is discarded, not returned to the pool
      if (!broken) await c.query('ROLLBACK').catch(() => undefined);
      throw typed;
    } finally {
      c.release(broken);
    }
  }
  private async q(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    if (this.schema) return this.tx(async (c) => (await c.query(sql, params)).rows);
    try {
      return (await this.pool.query(sql, params)).rows;
    } catch (err) {
      throw typedLedgerError(err);
    }
  }

  async init(): Promise<{ abandoned: number }> {
    return this.tx(async (c) => {
      // Serialise concurrent replicas creating the schema.
      await c.query('SELECT pg_advisory_xact_lock(4242001)');
      if (this.schema) {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await c.query(`SET search_path TO ${this.schema}`);
      }
      for (const s of [...schemaSql('pg'), ...indexSql()]) await c.query(s);
      const r = await c.query(
        `UPDATE requests SET status = 'abandoned', code = 'BROKER_RESTARTED', live_digest = NULL
         WHERE status = 'in_flight' AND replica_id = $1`,
        [this.replicaId],
      );
      return { abandoned: r.rowCount ?? 0 };
    });
  }
  async ping(): Promise<void> {
    await this.q('SELECT 1');
  }
  async close(): Promise<void> {
    await this.pool.end();
  }

  async getAccount(clientKey: string): Promise<Account | null> {
    const rows = await this.q('SELECT * FROM accounts WHERE client_key = $1', [clientKey]);
    return rows[0] ? accountFromRow(rows[0]) : null;
  }
  async upsertAccount(a: { clientKey: string; channel: string; depositNano: number }): Promise<Account> {
    const rows = await this.q(
      `INSERT INTO accounts (client_key, channel, deposit_nano) VALUES ($1, $2, $3)
       ON CONFLICT (client_key) DO UPDATE SET channel = excluded.channel, deposit_nano = excluded.deposit_nano RETURNING *`,
      [a.clientKey, a.channel, a.depositNano],
    );
    return accountFromRow(rows[0]!);
  }
  async useNonce(clientKey: string, nonceHex: string, atMs: number): Promise<boolean> {
    const rows = await this.q(
      'INSERT INTO nonces (client_key, nonce, at_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS ok',
      [clientKey, nonceHex, atMs],
    );
    return rows.length === 1;
  }
  async beginRequest(
    r: RequestRecord,
    nonce?: string,
    bound?: CreditBound,
  ): Promise<{ seq: number } | 'NONCE_REPLAYED' | 'REQUEST_REPLAYED' | CreditRefusal> {
    return this.tx(async (c) => {
      if (nonce !== undefined) {
        const n = await c.query(
          'INSERT INTO nonces (client_key, nonce, at_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [r.clientKey, nonce, r.createdAtMs],
        );
        if (n.rowCount !== 1) return 'NONCE_REPLAYED' as const;
      }
      const acct = await c.query(
        `UPDATE accounts SET next_seq = next_seq + 1 WHERE client_key = $1
         RETURNING next_seq - 1 AS seq, charged_nano, vouched_nano, deposit_nano`,
        [r.clientKey],
      );
      if (acct.rowCount !== 1) throw new Error('beginRequest: unknown account');
      const seq = Number(acct.rows[0].seq);
      // The account row is locked until COMMIT: every replica's begins of this client are serialised here.
      const refusal = bound && (await creditRefusal(c, r.clientKey, acct.rows[0], bound));
      if (refusal) {
        await c.query('ROLLBACK');
        await c.query('BEGIN');
        return refusal;
      }
      const ins = await c.query(
        `INSERT INTO requests (request_id, client_key, channel, worker_id, sealed_digest, live_digest, price_nano, created_at_ms,
           seq, status, replica_id, max_cost_nano)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, 'in_flight', $9, $10) ON CONFLICT DO NOTHING`,
        [
          r.requestId,
          r.clientKey,
          r.channel,
          r.workerId,
          r.sealedDigest,
          r.priceNano,
          r.createdAtMs,
          seq,
          this.replicaId,
          bound?.maxCostNano ?? 0,
        ],
      );
      if (ins.rowCount !== 1) {
        // Undo the seq bump and the nonce: a refused request burns neither.
        await c.query('ROLLBACK');
        await c.query('BEGIN');
        return 'REQUEST_REPLAYED' as const;
      }
      return { seq };
    });
  }
  async finishRequest(
    requestId: string,
    status: Exclude<RequestStatus, 'in_flight'>,
    code: string | null,
    releaseDigest: boolean,
  ): Promise<void> {
    await this.q(
      `UPDATE requests SET status = $1, code = $2, live_digest = CASE WHEN $3::boolean THEN NULL ELSE live_digest END
       WHERE request_id = $4 AND status = 'in_flight'`,
      [status, code, releaseDigest, requestId],
    );
  }
  async getRequest(requestId: string): Promise<StoredRequest | null> {
    const rows = await this.q('SELECT * FROM requests WHERE request_id = $1', [requestId]);
    return rows[0] ? requestFromRow(rows[0]) : null;
  }
  async recordReceipt(r: ReceiptRecord): Promise<{ charged: boolean }> {
    return this.tx(async (c) => {
      const ins = await c.query(
        `INSERT INTO receipts (request_id, client_key, worker_id, receipt, signature, charge_nano, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (request_id) DO NOTHING`,
        [r.requestId, r.clientKey, r.workerId, Buffer.from(r.receipt), Buffer.from(r.signature), r.chargeNano, r.atMs],
      );
      if (ins.rowCount !== 1) return { charged: false };
      const up = await c.query('UPDATE accounts SET charged_nano = charged_nano + $1 WHERE client_key = $2', [
        r.chargeNano,
        r.clientKey,
      ]);
      if (up.rowCount !== 1) throw new Error('recordReceipt: unknown account');
      await c.query(`UPDATE requests SET status = 'completed', charged_nano = $1 WHERE request_id = $2`, [
        r.chargeNano,
        r.requestId,
      ]);
      return { charged: true };
    });
  }
  async getReceipt(requestId: string): Promise<ReceiptRecord | null> {
    const rows = await this.q('SELECT * FROM receipts WHERE request_id = $1', [requestId]);
    return rows[0] ? receiptFromRow(rows[0]) : null;
  }
  async recordVoucher(v: VoucherRecord): Promise<VoucherOutcome> {
    return this.tx(async (c) => {
      const a = await c.query('SELECT * FROM accounts WHERE client_key = $1 FOR UPDATE', [v.clientKey]);
      const row = a.rows[0] as Record<string, unknown> | undefined;
      if (!row || String(row.channel) !== v.channel) return { ok: false, code: 'BROKER_UNKNOWN_CLIENT' } as const;
      // The account row lock serialises vouchers of one client; a channel belongs to one client key.
      const last = await c.query('SELECT MAX(seq) AS seq FROM vouchers WHERE channel = $1', [v.channel]);
      const lastSeq = (last.rows[0] as Record<string, unknown> | undefined)?.seq;
      if (lastSeq !== null && lastSeq !== undefined && v.seq <= Number(lastSeq))
        return { ok: false, code: 'VOUCHER_STALE_SEQ' } as const;
      if (v.cumulativeNano <= Number(row.vouched_nano)) return { ok: false, code: 'VOUCHER_NOT_MONOTONIC' } as const;
      const up = await c.query('UPDATE accounts SET vouched_nano = $1 WHERE client_key = $2 RETURNING *', [
        v.cumulativeNano,
        v.clientKey,
      ]);
      await c.query(
        'INSERT INTO vouchers (client_key, channel, cumulative_nano, seq, voucher, signature, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [v.clientKey, v.channel, v.cumulativeNano, v.seq, Buffer.from(v.voucher), Buffer.from(v.signature), v.atMs],
      );
      return { ok: true, account: accountFromRow(up.rows[0]) } as const;
    });
  }
  async recordAdmission(a: AdmissionRecord): Promise<void> {
    await this.q(
      'INSERT INTO admissions (worker_id, ok, code, bundle_digest, image_id, model_id, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [a.workerId, a.ok ? 1 : 0, a.code, a.bundleDigest, a.imageId, a.modelId, a.atMs],
    );
  }
  async listAdmissions(limit: number): Promise<AdmissionRecord[]> {
    return (await this.q('SELECT * FROM admissions ORDER BY id DESC LIMIT $1', [limit])).map(admissionFromRow);
  }

  private readonly settle = settlementSql('pg');
  async latestVoucher(channel: string): Promise<VoucherRecord | null> {
    const rows = await this.q(this.settle.latestVoucher, [channel]);
    return rows[0] ? voucherFromRow(rows[0]) : null;
  }
  async unclaimedVouchers(): Promise<VoucherRecord[]> {
    return (await this.q(this.settle.unclaimedVouchers)).map(voucherFromRow);
  }
  async recordClaim(c: Omit<SettlementClaim, 'txHash'> & { txHash?: string | null }): Promise<boolean> {
    return this.tx(
      async (k) =>
        (await k.query(this.settle.recordClaim, [c.channel, c.cumulativeNano, c.seq, c.txHash ?? null, c.atMs]))
          .rowCount === 1,
    );
  }
  async lastClaim(channel: string): Promise<SettlementClaim | null> {
    const rows = await this.q(this.settle.lastClaim, [channel]);
    return rows[0] ? claimFromRow(rows[0]) : null;
  }
  async recordWorkerVoucher(v: WorkerVoucherRecord): Promise<boolean> {
    return this.tx(
      async (k) =>
        (
          await k.query(this.settle.recordWorkerVoucher, [
            v.workerId,
            v.channel,
            v.cumulativeNano,
            v.seq,
            Buffer.from(v.voucher),
            Buffer.from(v.signature),
            v.atMs,
          ])
        ).rowCount === 1,
    );
  }
  async workerBalances(workerId?: string): Promise<WorkerBalance[]> {
    if (workerId === undefined)
      return workerBalancesFrom(await this.q(this.settle.charged), await this.q(this.settle.workerVouchers));
    return workerBalancesFrom(
      await this.q(this.settle.chargedOne, [workerId]),
      await this.q(this.settle.workerVoucherOne, [workerId]),
      workerId,
    );
  }
}

/** `CreditBound`'s rule against the locked account row and every replica's in-flight rows of the client. */
async function creditRefusal(
  c: PoolClient,
  clientKey: string,
  acct: Record<string, unknown>,
  b: CreditBound,
): Promise<CreditRefusal | null> {
  const { rows } = await c.query(
    `SELECT COALESCE(SUM(max_cost_nano), 0) AS s FROM requests
     WHERE client_key = $1 AND status = 'in_flight' AND created_at_ms >= $2`,
    [clientKey, b.sinceMs],
  );
  const need = BigInt(String(acct['charged_nano'])) + BigInt(String(rows[0].s)) + BigInt(b.maxCostNano);
  if (need > BigInt(String(acct['deposit_nano']))) return { refused: 'BROKER_UNFUNDED', requiredNano: Number(need) };
  const credit = BigInt(b.creditNano);
  if (BigInt(String(acct['vouched_nano'])) + credit < need)
    return { refused: 'BROKER_VOUCHER_REQUIRED', requiredNano: Number(need - credit) };
  return null;
}
