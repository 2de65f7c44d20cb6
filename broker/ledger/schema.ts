/**
 * One schema for SQLite and PostgreSQL (BLOB is spelled per dialect). Every statement is idempotent, so `init()`
 * upgrades an older database in place. Columns added later are added by `init()` when missing (PostgreSQL: `ADD
 * COLUMN IF NOT EXISTS` below; SQLite lacks it: `sqliteMissingColumns` + `ALTER TABLE` in sqlite.ts) before the
 * statements of `indexSql` that use them.
 */
export function schemaSql(dialect: 'sqlite' | 'pg'): string[] {
  const blob = dialect === 'pg' ? 'BYTEA' : 'BLOB';
  const int = dialect === 'pg' ? 'BIGINT' : 'INTEGER';
  const serial = dialect === 'pg' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return [
    `CREATE TABLE IF NOT EXISTS accounts (client_key TEXT PRIMARY KEY, channel TEXT NOT NULL, deposit_nano ${int} NOT NULL,
       charged_nano ${int} NOT NULL DEFAULT 0, vouched_nano ${int} NOT NULL DEFAULT 0, next_seq ${int} NOT NULL DEFAULT 1)`,
    `CREATE TABLE IF NOT EXISTS nonces (client_key TEXT NOT NULL, nonce TEXT NOT NULL, at_ms ${int} NOT NULL,
       PRIMARY KEY (client_key, nonce))`,
    `CREATE TABLE IF NOT EXISTS requests (request_id TEXT PRIMARY KEY, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       worker_id TEXT NOT NULL, sealed_digest TEXT NOT NULL, live_digest TEXT UNIQUE, price_nano ${int} NOT NULL,
       created_at_ms ${int} NOT NULL, seq ${int} NOT NULL, status TEXT NOT NULL, code TEXT, charged_nano ${int} NOT NULL DEFAULT 0)`,
    `CREATE INDEX IF NOT EXISTS requests_status ON requests (status)`,
    `CREATE TABLE IF NOT EXISTS receipts (request_id TEXT PRIMARY KEY, client_key TEXT NOT NULL, worker_id TEXT NOT NULL,
       receipt ${blob} NOT NULL, signature ${blob} NOT NULL, charge_nano ${int} NOT NULL, at_ms ${int} NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS vouchers (id ${serial}, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       cumulative_nano ${int} NOT NULL, voucher ${blob} NOT NULL, signature ${blob} NOT NULL, at_ms ${int} NOT NULL,
       seq ${int} NOT NULL DEFAULT 0)`,
    ...(dialect === 'pg'
      ? [
          `ALTER TABLE vouchers ADD COLUMN IF NOT EXISTS seq BIGINT NOT NULL DEFAULT 0`,
          `ALTER TABLE requests ADD COLUMN IF NOT EXISTS replica_id TEXT NOT NULL DEFAULT 'default'`,
          // The reservation of each request, summed over every replica's in-flight rows (PostgresLedger.beginRequest).
          `ALTER TABLE requests ADD COLUMN IF NOT EXISTS max_cost_nano BIGINT NOT NULL DEFAULT 0`,
          `CREATE INDEX IF NOT EXISTS requests_client_status ON requests (client_key, status)`,
          // Query ids of the shared highload wallet (broker/ledger/pg-coordination.ts).
          `CREATE SEQUENCE IF NOT EXISTS highload_query_ids MINVALUE 0 START WITH 0`,
        ]
      : []),
    // Settlement state (added later: plain CREATE ... IF NOT EXISTS, so older databases gain it on the next init()).
    `CREATE INDEX IF NOT EXISTS vouchers_channel ON vouchers (channel, cumulative_nano)`,
    `CREATE TABLE IF NOT EXISTS claims (channel TEXT NOT NULL, cumulative_nano ${int} NOT NULL, seq ${int} NOT NULL,
       tx_hash TEXT, at_ms ${int} NOT NULL, PRIMARY KEY (channel, cumulative_nano))`,
    `CREATE TABLE IF NOT EXISTS worker_vouchers (worker_id TEXT NOT NULL, channel TEXT NOT NULL, cumulative_nano ${int} NOT NULL,
       seq ${int} NOT NULL, voucher ${blob} NOT NULL, signature ${blob} NOT NULL, at_ms ${int} NOT NULL, PRIMARY KEY (worker_id, cumulative_nano))`,
    `CREATE TABLE IF NOT EXISTS admissions (id ${serial}, worker_id TEXT NOT NULL, ok INTEGER NOT NULL, code TEXT NOT NULL,
       bundle_digest TEXT NOT NULL, image_id TEXT NOT NULL, model_id TEXT NOT NULL, at_ms ${int} NOT NULL)`,
  ];
}

/** Columns added after a table's first version: `table -> [column, SQLite definition]` (old rows get the default). */
export const ADDED_COLUMNS: readonly (readonly [table: string, column: string, definition: string])[] = [
  ['vouchers', 'seq', 'INTEGER NOT NULL DEFAULT 0'],
  ['requests', 'replica_id', "TEXT NOT NULL DEFAULT 'default'"],
];

/** Indexes over added columns, run after they exist. */
export function indexSql(): string[] {
  return [
    `CREATE INDEX IF NOT EXISTS vouchers_channel_seq ON vouchers (channel, seq)`,
    `CREATE INDEX IF NOT EXISTS requests_replica_status ON requests (replica_id, status)`,
  ];
}
