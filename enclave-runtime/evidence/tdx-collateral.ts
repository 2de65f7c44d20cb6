/**
 * Intel DCAP collateral for this worker's quotes, from Intel PCS API v4 (or a PCCS): TCB Info and QE Identity for
 * TDX, PCK CRL and root CA CRL, with their issuer chains, for the FMSPC and PCK CA of the quote's PCK certificate.
 * The result is the dcap-qvl collateral JSON the worker puts in its bundle (`tdxCollateralJson`).
 *
 * Cache: in memory and (with `cacheDir`) on disk, one entry per PCK certificate. An entry is refreshed every
 * `refreshEveryMs` and always `refreshBeforeMs` before its earliest nextUpdate. When a refresh fails (PCS down, or
 * it served collateral that is expired or not yet valid) the last good entry is kept while it is still valid; only
 * then does the failure surface: PCS_UNREACHABLE, PCS_RESPONSE_INVALID, PCS_COLLATERAL_EXPIRED,
 * PCS_COLLATERAL_NOT_YET_VALID, PCS_QUOTE_UNSUPPORTED (WorkerError).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collateralFromJson, collateralToJson, type Collateral } from '../../attestation/collateral';
import { createNodePcsClient } from '../../attestation/collateral/pcs-client-node';
import { crlNextUpdate } from '../../attestation/collateral/pcs-decode';
import type { PcsClient, PcsTransport } from '../../attestation/collateral/pcs-client';
import { collateralFreshness } from '../../attestation/tdx/collateral-freshness';
import { parseQuote } from '../../attestation/tdx/parse';
import { systemClock, type Clock } from '../../core/clock';
import { WorkerError } from '../errors';

/** Intel collateral for a quote of this platform, as the dcap-qvl JSON a bundle carries. */
export interface TdxCollateralSource {
  collateralFor(quote: Uint8Array): Promise<string>;
}

export const DEFAULT_PCS_URL = 'https://api.trustedservices.intel.com/tdx/certification/v4/';

export interface TdxCollateralSourceOptions {
  /** Intel PCS or a PCCS (default DEFAULT_PCS_URL). */
  readonly pcsUrl?: string;
  /** On-disk cache directory (entries under `tdx-collateral/`); memory only when absent. */
  readonly cacheDir?: string;
  readonly clock?: Clock;
  /** HTTP transport (tests); default node:http(s). */
  readonly transport?: PcsTransport;
  /** A client to use instead of building one from pcsUrl/transport (tests). */
  readonly client?: PcsClient;
  /** Refresh an entry this long after it was fetched (default 24 h: Intel re-signs collateral daily). */
  readonly refreshEveryMs?: number;
  /** Refresh an entry this long before its earliest nextUpdate (default 7 days). */
  readonly refreshBeforeMs?: number;
}

interface Entry {
  readonly json: string;
  readonly fetchedAt: number;
  /** Latest issue date / thisUpdate: not valid before. */
  readonly validFrom: number;
  /** Earliest nextUpdate of the TCB Info, QE Identity and both CRLs. */
  readonly validUntil: number;
}

const DAY = 24 * 3600 * 1000;

/** The validity window of a collateral: from its latest issue date to its earliest nextUpdate. */
export function collateralWindow(c: Collateral): { validFrom: number; validUntil: number } {
  const f = collateralFreshness(c);
  const crls = [crlNextUpdate(c.pckCrl), crlNextUpdate(c.rootCaCrl)]
    .filter((d): d is Date => d !== undefined)
    .map((d) => d.getTime());
  return {
    validFrom: Math.max(f.tcbInfoIssueDate, f.qeIdentityIssueDate),
    validUntil: Math.min(f.nextUpdate, ...crls),
  };
}

function entryOf(c: Collateral, fetchedAt: number): Entry {
  return { json: JSON.stringify(collateralToJson(c)), fetchedAt, ...collateralWindow(c) };
}

function codeOf(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'UNKNOWN';
}

/** PcsError (and quote/collateral errors) as the worker's PCS_* codes. */
function toWorkerError(e: unknown): WorkerError {
  if (e instanceof WorkerError) return e;
  const code = codeOf(e);
  if (code === 'PCS_NETWORK_ERROR' || code === 'PCS_HTTP_STATUS')
    return new WorkerError('PCS_UNREACHABLE', `Intel PCS unreachable (${code})`, { cause: e });
  if (code === 'PCS_QUOTE_UNSUPPORTED' || code.startsWith('TDX_QUOTE_'))
    return new WorkerError('PCS_QUOTE_UNSUPPORTED', `no FMSPC / PCK CA in the quote (${code})`, { cause: e });
  return new WorkerError('PCS_RESPONSE_INVALID', `Intel PCS response unusable (${code})`, { cause: e });
}

export function createTdxCollateralSource(o: TdxCollateralSourceOptions = {}): TdxCollateralSource {
  const clock = o.clock ?? systemClock;
  const client =
    o.client ??
    createNodePcsClient({
      baseUrl: o.pcsUrl ?? DEFAULT_PCS_URL,
      clock,
      ...(o.transport ? { transport: o.transport } : {}),
    });
  const refreshEvery = o.refreshEveryMs ?? DAY;
  const refreshBefore = o.refreshBeforeMs ?? 7 * DAY;
  const dir = o.cacheDir === undefined ? undefined : join(o.cacheDir, 'tdx-collateral');
  const memory = new Map<string, Entry>();
  const inflight = new Map<string, Promise<string>>();

  const file = (key: string): string | undefined => (dir ? join(dir, `${key}.json`) : undefined);

  async function load(key: string): Promise<Entry | undefined> {
    const hit = memory.get(key);
    const path = file(key);
    if (hit || !path) return hit;
    try {
      const s = JSON.parse(await readFile(path, 'utf8')) as { json?: unknown; fetchedAt?: unknown };
      if (typeof s.json !== 'string' || typeof s.fetchedAt !== 'number') return undefined;
      const e = entryOf(collateralFromJson(s.json), s.fetchedAt);
      memory.set(key, e);
      return e;
    } catch {
      return undefined; // missing or corrupt: a miss
    }
  }

  async function store(key: string, e: Entry): Promise<void> {
    memory.set(key, e);
    const path = file(key);
    if (!path || !dir) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ json: e.json, fetchedAt: e.fetchedAt }), { mode: 0o600 });
    await rename(tmp, path);
  }

  const validAt = (e: Entry, now: number): boolean => e.validFrom <= now && now < e.validUntil;

  async function fetchFresh(quote: Uint8Array, now: number): Promise<Entry> {
    let c: Collateral;
    try {
      c = await client.getCollateralForQuote(quote);
    } catch (e) {
      throw toWorkerError(e);
    }
    let e: Entry;
    try {
      e = entryOf(c, now);
    } catch (cause) {
      throw toWorkerError(cause);
    }
    if (now < e.validFrom)
      throw new WorkerError(
        'PCS_COLLATERAL_NOT_YET_VALID',
        `PCS collateral issued after now (${new Date(e.validFrom).toISOString()})`,
      );
    if (now >= e.validUntil)
      throw new WorkerError(
        'PCS_COLLATERAL_EXPIRED',
        `PCS collateral expired at ${new Date(e.validUntil).toISOString()}`,
      );
    return e;
  }

  async function get(key: string, quote: Uint8Array): Promise<string> {
    const now = clock.now().getTime();
    const cached = await load(key);
    if (
      cached &&
      validAt(cached, now) &&
      now < cached.fetchedAt + refreshEvery &&
      now < cached.validUntil - refreshBefore
    )
      return cached.json;
    try {
      const fresh = await fetchFresh(quote, now);
      await store(key, fresh);
      return fresh.json;
    } catch (e) {
      // Keep serving the last good collateral while it is still valid.
      if (cached && validAt(cached, now)) return cached.json;
      throw toWorkerError(e);
    }
  }

  return {
    async collateralFor(quote) {
      let key: string;
      try {
        const leaf = parseQuote(quote, { allowTrailingBytes: true }).signatureData.pckChain[0];
        if (!leaf) throw new Error('no PCK certificate');
        key = createHash('sha256')
          .update(o.pcsUrl ?? DEFAULT_PCS_URL)
          .update(leaf)
          .digest('hex');
      } catch (cause) {
        throw new WorkerError('PCS_QUOTE_UNSUPPORTED', 'the quote carries no usable PCK certificate', { cause });
      }
      const running = inflight.get(key);
      if (running) return running;
      const p = get(key, quote).finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}
