import type Database from 'better-sqlite3';

interface QueuedWrite {
  run: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for better-sqlite3: writes issued in the same event-loop turn run in ONE outer transaction (flushed on
 * setImmediate), each inside its own SAVEPOINT (better-sqlite3 nests transactions that way), so each keeps its own
 * all-or-nothing semantics while a burst of requests shares one commit. A caller's promise resolves only after that
 * commit.
 */
export class GroupCommit {
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  /**
   * Built once (better-sqlite3's db.transaction() builds four wrapper functions per call): the outer transaction of a
   * batch, and the per-operation SAVEPOINT (a nested call of a transaction function is a savepoint).
   */
  private readonly savepoint: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly batchTx: Database.Transaction<
    (batch: readonly { run: () => unknown }[]) => { ok: boolean; v: unknown }[]
  >;

  constructor(db: Database.Database) {
    this.savepoint = db.transaction((fn: () => unknown) => fn());
    this.batchTx = db.transaction((batch: readonly { run: () => unknown }[]) => {
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

  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now (close() calls it so no accepted write is lost). */
  flushPending(): void {
    if (this.queue.length > 0) this.flush();
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
}
