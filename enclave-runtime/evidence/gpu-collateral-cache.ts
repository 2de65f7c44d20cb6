/**
 * The validity cache of the GPU collateral source: entries live in memory and, given a directory, on disk (one JSON
 * file each, written to a temporary name then renamed), so a restarted worker starts from what it fetched last.
 * `obtain` returns a fresh-enough entry, refreshes one near its expiry, and keeps serving the last good entry while it
 * is still valid when the service fails with a code in `fallbackCodes`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { WorkerError, type WorkerErrorCode } from '../errors';

export interface CacheEntry {
  /** Text (RIM XML) or base64 (OCSP DER). */
  readonly data: string;
  readonly fetchedAt: number;
  readonly expiresAt: number;
}

export interface CacheLog {
  warn(obj: object, msg: string): void;
}

export interface ValidityCacheOptions {
  /** Directory for the on-disk copies; memory only when absent. */
  readonly dir?: string;
  /** Start refreshing this long before an entry expires (at most half its lifetime). */
  readonly refreshBeforeMs: number;
  readonly now: () => number;
  readonly log?: CacheLog;
}

const FILE_NAME = /^[A-Za-z0-9._-]{1,160}$/;

/** The file name of `key` under `prefix`: the key itself when it is a safe name, else its SHA-256. */
function fileName(prefix: string, key: string): string {
  const base = FILE_NAME.test(key) ? key : createHash('sha256').update(key).digest('hex');
  return `${prefix}-${base}.json`;
}

function refreshAt(e: CacheEntry, beforeMs: number): number {
  return e.expiresAt - Math.min(beforeMs, Math.max(0, (e.expiresAt - e.fetchedAt) / 2));
}

export class ValidityCache {
  private readonly mem = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<CacheEntry>>();

  constructor(private readonly opts: ValidityCacheOptions) {}

  /**
   * The entry for `key`: cached while before its refresh point; else `fetch`ed (one fetch per key at a time); when
   * that fails with one of `fallbackCodes` and the cached entry has not expired, the cached entry. `check` validates a
   * cached entry (a disk copy that fails it is dropped).
   */
  async obtain(
    prefix: string,
    key: string,
    fetch: () => Promise<CacheEntry>,
    check: (e: CacheEntry) => void,
    fallbackCodes: ReadonlySet<WorkerErrorCode>,
  ): Promise<CacheEntry> {
    const id = `${prefix}/${key}`;
    const cached = this.mem.get(id) ?? (await this.load(prefix, key, check));
    const t = this.opts.now();
    if (cached && t < refreshAt(cached, this.opts.refreshBeforeMs)) return cached;
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = fetch().finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    try {
      const fresh = await pending;
      this.mem.set(id, fresh);
      await this.save(prefix, key, fresh);
      return fresh;
    } catch (err) {
      const usable = cached !== undefined && this.opts.now() < cached.expiresAt;
      if (usable && err instanceof WorkerError && fallbackCodes.has(err.code)) {
        this.opts.log?.warn(
          { code: err.code, key, expiresAt: new Date(cached.expiresAt).toISOString() },
          'serving cached GPU collateral',
        );
        return cached;
      }
      throw err;
    }
  }

  private async load(prefix: string, key: string, check: (e: CacheEntry) => void): Promise<CacheEntry | undefined> {
    if (!this.opts.dir) return undefined;
    let text: string;
    try {
      text = await readFile(join(this.opts.dir, fileName(prefix, key)), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const j = JSON.parse(text) as Partial<CacheEntry> & { key?: unknown };
      if (j.key !== key || typeof j.data !== 'string') return undefined;
      if (typeof j.fetchedAt !== 'number' || typeof j.expiresAt !== 'number') return undefined;
      const e: CacheEntry = { data: j.data, fetchedAt: j.fetchedAt, expiresAt: j.expiresAt };
      check(e);
      this.mem.set(`${prefix}/${key}`, e);
      return e;
    } catch (err) {
      this.opts.log?.warn({ key, err: (err as Error).message }, 'dropping an unusable cached GPU collateral file');
      return undefined;
    }
  }

  private async save(prefix: string, key: string, e: CacheEntry): Promise<void> {
    const dir = this.opts.dir;
    if (!dir) return;
    const file = join(dir, fileName(prefix, key));
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(tmp, JSON.stringify({ key, ...e }));
      await rename(tmp, file);
    } catch (err) {
      this.opts.log?.warn({ dir, err: (err as Error).message }, 'cannot write the GPU collateral cache');
    }
  }
}
