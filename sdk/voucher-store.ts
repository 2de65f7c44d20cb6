/**
 * `SqliteVoucherStore`: the client's voucher state in one SQLite file (better-sqlite3, WAL), shared by every process
 * that opens the same path (`chrysalis chat`, `chrysalis gateway`, embedders). Node only: the SDK core takes any
 * `VoucherStore` and never imports this file.
 *
 * Each change is one `BEGIN IMMEDIATE` transaction, so two processes never allocate the same seq or compute a target
 * from stale rows. `reserve` keeps the write lock while it signs; within a process, every store on the same file
 * queues behind one lock (another connection of the same process waiting on SQLite's busy handler would block the
 * event loop the signer needs). Amounts are decimal TEXT (coins exceed 64 bits).
 *
 * Default location: `<data dir>/vouchers.sqlite`, data dir = `$CHRYSALIS_DATA_DIR` or `~/.chrysalis`.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AcceptedRequest,
  PendingReceipt,
  Reservation,
  SignAt,
  StoredVoucher,
  VoucherAccountState,
  VoucherKey,
  VoucherStore,
} from './voucher-state';
import { adoptVoucher, reservationTarget } from './voucher-state';

export const VOUCHER_STORE_FILE = 'vouchers.sqlite';

/** `$CHRYSALIS_DATA_DIR`, else `~/.chrysalis`. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const d = env.CHRYSALIS_DATA_DIR;
  return d && d.length > 0 ? resolve(d) : join(homedir(), '.chrysalis');
}

/** `<dataDir>/vouchers.sqlite` (data dir defaulting to `defaultDataDir()`). */
export function voucherStorePath(dataDir?: string): string {
  return join(dataDir ? resolve(dataDir) : defaultDataDir(), VOUCHER_STORE_FILE);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS voucher_accounts (
  channel TEXT NOT NULL,
  global_id INTEGER NOT NULL,
  vouched_nano TEXT NOT NULL,
  seq TEXT NOT NULL,
  owed_nano TEXT NOT NULL,
  voucher BLOB,
  signature BLOB,
  voucher_amount_nano TEXT,
  voucher_seq TEXT,
  PRIMARY KEY (channel, global_id)
);
CREATE TABLE IF NOT EXISTS voucher_reservations (
  channel TEXT NOT NULL,
  global_id INTEGER NOT NULL,
  id TEXT NOT NULL,
  amount_nano TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (channel, global_id, id)
);
CREATE TABLE IF NOT EXISTS voucher_counted_receipts (
  channel TEXT NOT NULL,
  global_id INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  amount_nano TEXT NOT NULL,
  PRIMARY KEY (channel, global_id, request_id)
);
`;

/** Columns an accepted request adds to its reservation row (added in place to files created before them). */
const ACCEPTED_COLUMNS = [
  'request_id',
  'worker_key',
  'request_digest',
  'model_id',
  'prompt_price_nano',
  'completion_price_nano',
  'max_cost_nano',
  'accepted_seq',
] as const;

interface PendingRow {
  id: string;
  created_ms: number;
  request_id: string;
  worker_key: string;
  request_digest: string;
  model_id: string;
  prompt_price_nano: string;
  completion_price_nano: string;
  max_cost_nano: string;
  accepted_seq: string;
}

interface AccountRow {
  vouched_nano: string;
  seq: string;
  owed_nano: string;
  voucher: Buffer | null;
  signature: Buffer | null;
  voucher_amount_nano: string | null;
  voucher_seq: string | null;
}

interface Row {
  vouchedNano: bigint;
  seq: bigint;
  owedNano: bigint;
  lastVoucher?: StoredVoucher;
}

/** One lock per file per process (see the file comment). */
const fileLocks = new Map<string, Promise<unknown>>();

export class SqliteVoucherStore implements VoucherStore {
  private readonly db: Database.Database;
  private readonly lockKey: string;

  /** Opens (creating it and its directory when missing) the store at `path`. */
  constructor(
    readonly path: string,
    opts: { readonly busyTimeoutMs?: number } = {},
  ) {
    const full = resolve(path);
    mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
    this.db = new Database(full, { timeout: opts.busyTimeoutMs ?? 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.migrate();
    this.lockKey = full;
  }

  close(): void {
    this.db.close();
  }

  /**
   * Adds the accepted-request columns to a reservations table created without them. The columns are read and added
   * under one write lock (BEGIN IMMEDIATE): two processes opening the same new file cannot both add them.
   */
  private migrate(): void {
    this.db
      .transaction(() => {
        const have = new Set(
          (this.db.prepare('PRAGMA table_info(voucher_reservations)').all() as { name: string }[]).map((c) => c.name),
        );
        for (const c of ACCEPTED_COLUMNS.filter((x) => !have.has(x)))
          this.db.exec(`ALTER TABLE voucher_reservations ADD COLUMN ${c} TEXT`);
      })
      .immediate();
  }

  /** True when `requestId`'s receipt was counted before; marks it counted (with its amount) otherwise. */
  private markCounted(key: VoucherKey, requestId: string, amountNano: bigint): boolean {
    const r = this.db
      .prepare(
        'INSERT OR IGNORE INTO voucher_counted_receipts (channel, global_id, request_id, amount_nano) VALUES (?, ?, ?, ?)',
      )
      .run(key.channel, key.globalId, requestId, amountNano.toString());
    return r.changes === 0;
  }

  /** Runs `fn` inside BEGIN IMMEDIATE .. COMMIT, after every earlier call on this file in this process. */
  private tx<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    };
    const prev = fileLocks.get(this.lockKey) ?? Promise.resolve();
    const p = prev.then(run, run);
    const tail = p.catch(() => undefined);
    fileLocks.set(this.lockKey, tail);
    void tail.then(() => {
      if (fileLocks.get(this.lockKey) === tail) fileLocks.delete(this.lockKey);
    });
    return p;
  }

  private row(key: VoucherKey): Row {
    const r = this.db
      .prepare(
        'SELECT vouched_nano, seq, owed_nano, voucher, signature, voucher_amount_nano, voucher_seq FROM voucher_accounts WHERE channel = ? AND global_id = ?',
      )
      .get(key.channel, key.globalId) as AccountRow | undefined;
    if (!r) return { vouchedNano: 0n, seq: 0n, owedNano: 0n };
    return {
      vouchedNano: BigInt(r.vouched_nano),
      seq: BigInt(r.seq),
      owedNano: BigInt(r.owed_nano),
      ...(r.voucher && r.signature && r.voucher_amount_nano !== null && r.voucher_seq !== null
        ? {
            lastVoucher: {
              voucher: new Uint8Array(r.voucher),
              signature: new Uint8Array(r.signature),
              amountNano: BigInt(r.voucher_amount_nano),
              seq: BigInt(r.voucher_seq),
            },
          }
        : {}),
    };
  }

  private write(key: VoucherKey, r: Row): void {
    const v = r.lastVoucher;
    this.db
      .prepare(
        `INSERT INTO voucher_accounts (channel, global_id, vouched_nano, seq, owed_nano, voucher, signature, voucher_amount_nano, voucher_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel, global_id) DO UPDATE SET vouched_nano = excluded.vouched_nano, seq = excluded.seq,
           owed_nano = excluded.owed_nano, voucher = excluded.voucher, signature = excluded.signature,
           voucher_amount_nano = excluded.voucher_amount_nano, voucher_seq = excluded.voucher_seq`,
      )
      .run(
        key.channel,
        key.globalId,
        r.vouchedNano.toString(),
        r.seq.toString(),
        r.owedNano.toString(),
        v ? Buffer.from(v.voucher) : null,
        v ? Buffer.from(v.signature) : null,
        v ? v.amountNano.toString() : null,
        v ? v.seq.toString() : null,
      );
  }

  private reserved(key: VoucherKey): bigint {
    const rows = this.db
      .prepare('SELECT amount_nano FROM voucher_reservations WHERE channel = ? AND global_id = ?')
      .all(key.channel, key.globalId) as { amount_nano: string }[];
    return rows.reduce((n, x) => n + BigInt(x.amount_nano), 0n);
  }

  private state(key: VoucherKey, r: Row): VoucherAccountState {
    return {
      vouchedNano: r.vouchedNano,
      seq: r.seq,
      owedNano: r.owedNano,
      reservedNano: this.reserved(key),
      ...(r.lastVoucher ? { lastVoucher: r.lastVoucher } : {}),
    };
  }

  read(key: VoucherKey): Promise<VoucherAccountState> {
    return this.tx(() => this.state(key, this.row(key)));
  }

  reserve(
    key: VoucherKey,
    res: Reservation,
    sign: SignAt,
  ): Promise<{ state: VoucherAccountState; signed?: StoredVoucher }> {
    return this.tx(async () => {
      this.db
        // Accepted rows stay until their receipt is recovered: the broker may have charged them.
        .prepare(
          'DELETE FROM voucher_reservations WHERE channel = ? AND global_id = ? AND created_ms < ? AND request_id IS NULL',
        )
        .run(key.channel, key.globalId, res.nowMs - res.staleAfterMs);
      this.db
        .prepare(
          'INSERT INTO voucher_reservations (channel, global_id, id, amount_nano, created_ms) VALUES (?, ?, ?, ?, ?)',
        )
        .run(key.channel, key.globalId, res.id, res.amountNano.toString(), res.nowMs);
      const r = this.row(key);
      const target = reservationTarget(r, this.reserved(key));
      let signed: StoredVoucher | undefined;
      if (target !== undefined) {
        const seq = r.seq + 1n;
        const s = await sign(target, seq);
        signed = { voucher: s.voucher, signature: s.signature, amountNano: target, seq };
        r.vouchedNano = target;
        r.seq = seq;
        r.lastVoucher = signed;
      }
      this.write(key, r);
      return { state: this.state(key, r), ...(signed ? { signed } : {}) };
    });
  }

  release(key: VoucherKey, id: string): Promise<void> {
    return this.tx(() => {
      this.db
        .prepare('DELETE FROM voucher_reservations WHERE channel = ? AND global_id = ? AND id = ?')
        .run(key.channel, key.globalId, id);
    });
  }

  settle(key: VoucherKey, id: string, amountNano: bigint, requestId?: string): Promise<VoucherAccountState> {
    return this.tx(() => {
      this.db
        .prepare('DELETE FROM voucher_reservations WHERE channel = ? AND global_id = ? AND id = ?')
        .run(key.channel, key.globalId, id);
      const r = this.row(key);
      if (requestId === undefined || !this.markCounted(key, requestId, amountNano)) r.owedNano += amountNano;
      this.write(key, r);
      return this.state(key, r);
    });
  }

  accept(key: VoucherKey, id: string, a: AcceptedRequest): Promise<void> {
    return this.tx(() => {
      this.db
        .prepare(
          `UPDATE voucher_reservations SET request_id = ?, worker_key = ?, request_digest = ?, model_id = ?,
             prompt_price_nano = ?, completion_price_nano = ?, max_cost_nano = ?, accepted_seq = ?
           WHERE channel = ? AND global_id = ? AND id = ?`,
        )
        .run(
          a.requestId,
          a.workerKey,
          a.requestDigest,
          a.modelId,
          a.promptPriceNano.toString(),
          a.completionPriceNano.toString(),
          a.maxCostNano.toString(),
          a.seq.toString(),
          key.channel,
          key.globalId,
          id,
        );
    });
  }

  pending(key: VoucherKey): Promise<PendingReceipt[]> {
    return this.tx(() => {
      const rows = this.db
        .prepare(
          `SELECT id, created_ms, ${ACCEPTED_COLUMNS.join(', ')} FROM voucher_reservations
           WHERE channel = ? AND global_id = ? AND request_id IS NOT NULL ORDER BY created_ms, id`,
        )
        .all(key.channel, key.globalId) as PendingRow[];
      return rows.map((x) => ({
        id: x.id,
        createdMs: x.created_ms,
        requestId: x.request_id,
        workerKey: x.worker_key,
        requestDigest: x.request_digest,
        modelId: x.model_id,
        promptPriceNano: BigInt(x.prompt_price_nano),
        completionPriceNano: BigInt(x.completion_price_nano),
        maxCostNano: BigInt(x.max_cost_nano),
        seq: BigInt(x.accepted_seq),
      }));
    });
  }

  resolve(
    key: VoucherKey,
    id: string,
    requestId: string,
    amountNano?: bigint,
  ): Promise<{ counted: boolean; state: VoucherAccountState }> {
    return this.tx(() => {
      this.db
        .prepare('DELETE FROM voucher_reservations WHERE channel = ? AND global_id = ? AND id = ?')
        .run(key.channel, key.globalId, id);
      const r = this.row(key);
      let counted = false;
      if (amountNano !== undefined && !this.markCounted(key, requestId, amountNano)) {
        r.owedNano += amountNano;
        this.write(key, r);
        counted = true;
      }
      return { counted, state: this.state(key, r) };
    });
  }

  adopt(key: VoucherKey, v: StoredVoucher): Promise<VoucherAccountState> {
    return this.tx(() => {
      const r = this.row(key);
      adoptVoucher(r, v);
      this.write(key, r);
      return this.state(key, r);
    });
  }
}

/** Opens the store at `<dataDir>/vouchers.sqlite` (see `voucherStorePath`). */
export function openVoucherStore(dataDir?: string): SqliteVoucherStore {
  return new SqliteVoucherStore(voucherStorePath(dataDir));
}
