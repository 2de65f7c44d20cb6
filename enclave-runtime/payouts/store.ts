/**
 * The worker's payout book on disk (`payouts.sqlite` in its data dir): the latest verified broker -> worker voucher per
 * channel (what a claim sends), how much of it the chain has paid, and what the worker charged per broker (the
 * receipts it signed, also split by the broker fee in force when each was signed), so a restart neither forgets a
 * voucher nor what a broker still owes.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** File name of the payout book inside the worker's data dir. */
export const PAYOUTS_FILE = 'payouts.sqlite';

/** A kept voucher: the latest one verified for `channel`. */
export interface KeptVoucher {
  /** Channel address (friendly form, as received). */
  readonly channel: string;
  /** The broker the voucher came from (its link URL). */
  readonly broker: string;
  readonly amount: bigint;
  readonly seq: bigint;
  /** BoC of the voucher cell. */
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  /** What the chain has paid on this channel, as last seen (claimed <= amount). */
  readonly claimed: bigint;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vouchers (
  channel TEXT PRIMARY KEY,
  broker TEXT NOT NULL,
  amount TEXT NOT NULL,
  seq TEXT NOT NULL,
  voucher BLOB NOT NULL,
  signature BLOB NOT NULL,
  claimed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS charged (
  broker TEXT PRIMARY KEY,
  amount TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS charged_at_fee (
  broker TEXT NOT NULL,
  fee_bps INTEGER NOT NULL,
  amount TEXT NOT NULL,
  PRIMARY KEY (broker, fee_bps)
);`;

interface VoucherRow {
  channel: string;
  broker: string;
  amount: string;
  seq: string;
  voucher: Buffer;
  signature: Buffer;
  claimed: string;
}

const fromRow = (r: VoucherRow): KeptVoucher => ({
  channel: r.channel,
  broker: r.broker,
  amount: BigInt(r.amount),
  seq: BigInt(r.seq),
  voucher: new Uint8Array(r.voucher),
  signature: new Uint8Array(r.signature),
  claimed: BigInt(r.claimed),
});

/** SQLite-backed payout book. Amounts are stored as decimal strings (they exceed 2^53). */
export class PayoutStore {
  private readonly db: Database.Database;

  /** Opens (creating) `payouts.sqlite` in `dataDir`, or the exact file when `path` ends in `.sqlite`/is `:memory:`. */
  constructor(dataDirOrFile: string) {
    const file =
      dataDirOrFile === ':memory:' || dataDirOrFile.endsWith('.sqlite')
        ? dataDirOrFile
        : join(dataDirOrFile, PAYOUTS_FILE);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  get(channel: string): KeptVoucher | undefined {
    const r = this.db.prepare('SELECT * FROM vouchers WHERE channel = ?').get(channel) as VoucherRow | undefined;
    return r ? fromRow(r) : undefined;
  }

  all(): KeptVoucher[] {
    return (this.db.prepare('SELECT * FROM vouchers ORDER BY channel').all() as VoucherRow[]).map(fromRow);
  }

  /** Keeps `v` as the latest voucher of its channel (`claimed` keeps the larger of the stored and given value). */
  keep(v: KeptVoucher): void {
    const prev = this.get(v.channel);
    const claimed = prev && prev.claimed > v.claimed ? prev.claimed : v.claimed;
    this.db
      .prepare(
        `INSERT INTO vouchers (channel, broker, amount, seq, voucher, signature, claimed) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(channel) DO UPDATE SET broker = excluded.broker, amount = excluded.amount, seq = excluded.seq,
           voucher = excluded.voucher, signature = excluded.signature, claimed = excluded.claimed`,
      )
      .run(
        v.channel,
        v.broker,
        v.amount.toString(),
        v.seq.toString(),
        Buffer.from(v.voucher),
        Buffer.from(v.signature),
        claimed.toString(),
      );
  }

  /** Records that the chain has paid `claimed` on `channel` (never lowers it). */
  setClaimed(channel: string, claimed: bigint): void {
    const prev = this.get(channel);
    if (!prev || prev.claimed >= claimed) return;
    this.db.prepare('UPDATE vouchers SET claimed = ? WHERE channel = ?').run(claimed.toString(), channel);
  }

  /** Sum of the kept voucher amounts of `broker`'s channels. */
  vouched(broker: string): bigint {
    const rows = this.db.prepare('SELECT amount FROM vouchers WHERE broker = ?').all(broker) as { amount: string }[];
    return rows.reduce((s, r) => s + BigInt(r.amount), 0n);
  }

  /** What the worker has charged on receipts it signed for `broker` (before the broker's fee). */
  charged(broker: string): bigint {
    const r = this.db.prepare('SELECT amount FROM charged WHERE broker = ?').get(broker) as
      { amount: string } | undefined;
    return r ? BigInt(r.amount) : 0n;
  }

  /**
   * What was charged for `broker` under each broker fee (basis points) in force when the receipts were signed. The
   * part of `charged` recorded without a fee (a book from before fees were kept) is not listed.
   */
  chargedByFee(broker: string): { readonly feeBps: number; readonly amount: bigint }[] {
    const rows = this.db
      .prepare('SELECT fee_bps, amount FROM charged_at_fee WHERE broker = ? ORDER BY fee_bps')
      .all(broker) as { fee_bps: number; amount: string }[];
    return rows.map((r) => ({ feeBps: r.fee_bps, amount: BigInt(r.amount) }));
  }

  /** Adds `amount` to what `broker` was charged, under `feeBps` (the broker fee in force) when given. */
  addCharged(broker: string, amount: bigint, feeBps?: number): bigint {
    const next = this.charged(broker) + amount;
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO charged (broker, amount) VALUES (?, ?) ON CONFLICT(broker) DO UPDATE SET amount = excluded.amount',
        )
        .run(broker, next.toString());
      if (feeBps === undefined) return;
      const r = this.db
        .prepare('SELECT amount FROM charged_at_fee WHERE broker = ? AND fee_bps = ?')
        .get(broker, feeBps) as { amount: string } | undefined;
      this.db
        .prepare(
          `INSERT INTO charged_at_fee (broker, fee_bps, amount) VALUES (?, ?, ?)
           ON CONFLICT(broker, fee_bps) DO UPDATE SET amount = excluded.amount`,
        )
        .run(broker, feeBps, ((r ? BigInt(r.amount) : 0n) + amount).toString());
    })();
    return next;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
