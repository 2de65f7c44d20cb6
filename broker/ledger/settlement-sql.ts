/**
 * Settlement SQL shared by SQLite and PostgreSQL (`$N` placeholders: SQLite binds them by name, `params(...)` in sqlite.ts).
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
