/**
 * What replicas sharing one PostgreSQL database coordinate through it, besides the rows:
 * - connection loss is typed: BROKER_LEDGER_UNAVAILABLE (503, retryable), so a replica that lost the database
 *   refuses work instead of serving it unrecorded;
 * - session-level advisory locks on a dedicated connection (`PgSessionLock`): one settler at a time, or one broker
 *   for life (`ledger.exclusive`). PostgreSQL releases a session lock when its connection ends, so a holder that dies
 *   (or whose connection is cut) frees it, and the holder learns of the loss through `onLost`;
 * - query ids of the shared highload wallet from a SEQUENCE (`queryIdOf`).
 */
import { Client } from 'pg';
import { BrokerError } from '../errors';

/** Advisory lock classes (first key); the second key is `hashtext(schema)`, so schemas never share a lock. */
export const LOCK_CLASS = Object.freeze({ settler: 4242002, exclusive: 4242003 });

const LOSS_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Whether `err` means the database connection is gone (not a refused statement). */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  // SQLSTATE 08xxx connection exception, 57P01..57P03 shutdown / cannot connect now, 53300 too many connections.
  if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300' || LOSS_CODES.has(code)) return true;
  const msg = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    msg,
  );
}

/** `err` as BROKER_LEDGER_UNAVAILABLE when it is a connection loss, else unchanged. */
export function typedLedgerError(err: unknown): unknown {
  if (!isConnectionLoss(err)) return err;
  return new BrokerError('BROKER_LEDGER_UNAVAILABLE', 'the ledger database is unreachable', {
    cause: err,
    retryAfterS: 2,
  });
}

/** Number of highload query ids: shift (13 bits) x bit number (0..1022). */
export const QUERY_ID_SPACE = 8192 * 1023;

/**
 * The n-th value of the query-id sequence as a highload query id: consecutive values walk every bit number of a
 * shift, then the next shift, and come back to an id only after QUERY_ID_SPACE others.
 */
export function queryIdOf(n: bigint | number): number {
  const p = Number(BigInt(n) % BigInt(QUERY_ID_SPACE));
  return (Math.floor(p / 1023) << 10) | (p % 1023);
}

/**
 * A session-level advisory lock held on its own connection. `tryAcquire()` takes it if free (idempotent while held);
 * a lost connection fires `onLost` once and leaves the lock free for others; `release()` ends the connection.
 */
export class PgSessionLock {
  private client: Client | null = null;
  private held = false;
  private readonly lostHandlers: (() => void)[] = [];

  constructor(
    private readonly connectionString: string,
    private readonly lockClass: number,
    private readonly schema = 'public',
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  onLost(fn: () => void): void {
    this.lostHandlers.push(fn);
  }

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    if (!this.client) {
      const c = new Client({ connectionString: this.connectionString, keepAlive: true, connectionTimeoutMillis: 5000 });
      c.on('error', () => this.lost(c));
      c.on('end', () => this.lost(c));
      try {
        await c.connect();
      } catch (err) {
        throw typedLedgerError(err);
      }
      this.client = c;
    }
    try {
      const r = await this.client.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
        this.lockClass,
        this.schema,
      ]);
      this.held = r.rows[0]?.ok === true;
    } catch (err) {
      this.lost(this.client);
      throw typedLedgerError(err);
    }
    return this.held;
  }

  /** A no-op on the lock connection: rejects (typed, and fires onLost) when it is gone. */
  async check(): Promise<void> {
    const c = this.client;
    if (!c) throw typedLedgerError(new Error('Connection terminated: lock connection closed'));
    try {
      await c.query('SELECT 1');
    } catch (err) {
      this.lost(c);
      throw typedLedgerError(err);
    }
  }

  private lost(c: Client): void {
    if (this.client !== c) return;
    this.client = null;
    const was = this.held;
    this.held = false;
    void c.end().catch(() => undefined);
    if (was) for (const fn of this.lostHandlers) fn();
  }

  async release(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.held = false;
    if (c) await c.end().catch(() => undefined);
  }
}
