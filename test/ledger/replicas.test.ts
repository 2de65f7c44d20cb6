/**
 * Replica ids in the ledger (a restart abandons only its own in-flight rows, old databases gain the column in
 * place), and what replicas coordinate through PostgreSQL: query ids, session locks, the settler election, the
 * exclusive lock of a seqno wallet, typed connection loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { MemoryLedger, PostgresLedger, SqliteLedger, type LedgerRepository } from '../../broker/ledger';
import { isConnectionLoss, QUERY_ID_SPACE, queryIdOf } from '../../broker/ledger/pg-coordination';
import { startSettlerElection, type SettlerRole } from '../../broker/chain/settler-leader';
import { coordinateReplicas } from '../../broker/chain/settler-replicas';
import { replicaIdOf } from '../../broker/ledger/types';
import { testPgUrl } from './pg-probe';

const PG = testPgUrl('replica');
const describePg = PG ? describe : describe.skip;
const KEY = 'ab'.repeat(32);

const req = (requestId: string) => ({
  requestId,
  clientKey: KEY,
  channel: 'ch',
  workerId: 'w',
  sealedDigest: `d-${requestId}`,
  priceNano: 1,
  createdAtMs: 0,
});

/** r1 and r2 each begin a request; r1 restarts: only r1's row is abandoned. */
async function ownRowsOnly(r1: LedgerRepository, r2: LedgerRepository, r1again: () => LedgerRepository) {
  await r1.init();
  await r2.init();
  await r1.upsertAccount({ clientKey: KEY, channel: 'ch', depositNano: 100 });
  expect(await r1.beginRequest(req('one'))).toEqual({ seq: 1 });
  expect(await r2.beginRequest(req('two'))).toEqual({ seq: 2 });
  const again = r1again();
  expect(await again.init()).toEqual({ abandoned: 1 });
  expect(await again.getRequest('one')).toMatchObject({
    status: 'abandoned',
    code: 'BROKER_RESTARTED',
    replicaId: 'r1',
  });
  expect(await again.getRequest('two')).toMatchObject({ status: 'in_flight', replicaId: 'r2' });
  // The live request of r2 still finishes normally.
  await r2.finishRequest('two', 'completed', null, true);
  expect(await r2.getRequest('two')).toMatchObject({ status: 'completed' });
  return again;
}

describe('replica ids', () => {
  test('ids: [a-z0-9-]{1,64}, default "default"', () => {
    expect(replicaIdOf(undefined)).toBe('default');
    expect(replicaIdOf('eu-1')).toBe('eu-1');
    for (const bad of ['', 'A', 'a_b', 'x'.repeat(65)]) expect(() => replicaIdOf(bad)).toThrow(RangeError);
    expect(() => new MemoryLedger({ replicaId: 'Bad' })).toThrow(RangeError);
  });

  test('memory: a restart abandons only its own in-flight rows', async () => {
    const shared = new MemoryLedger({ replicaId: 'r1' });
    await ownRowsOnly(shared, shared.asReplica('r2'), () => shared.asReplica('r1'));
  });

  test('SQLite: a restart abandons only its own rows; an old file gains replica_id (old rows count as default)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-replica-'));
    try {
      const file = join(dir, 'l.sqlite');
      const again = await ownRowsOnly(
        new SqliteLedger(file, { replicaId: 'r1' }),
        new SqliteLedger(file, { replicaId: 'r2' }),
        () => new SqliteLedger(file, { replicaId: 'r1' }),
      );
      await again.close();

      const old = join(dir, 'old.sqlite');
      const db = new Database(old);
      db.exec(`CREATE TABLE requests (request_id TEXT PRIMARY KEY, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       worker_id TEXT NOT NULL, sealed_digest TEXT NOT NULL, live_digest TEXT UNIQUE, price_nano INTEGER NOT NULL,
       created_at_ms INTEGER NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL, code TEXT, charged_nano INTEGER NOT NULL DEFAULT 0)`);
      db.exec(`INSERT INTO requests VALUES ('o', 'k', 'c', 'w', 'd', 'd', 1, 0, 1, 'in_flight', NULL, 0)`);
      db.close();
      const other = new SqliteLedger(old, { replicaId: 'r9' });
      expect(await other.init()).toEqual({ abandoned: 0 });
      expect(await other.getRequest('o')).toMatchObject({ status: 'in_flight', replicaId: 'default' });
      await other.close();
      const byDefault = new SqliteLedger(old);
      expect(await byDefault.init()).toEqual({ abandoned: 1 });
      await byDefault.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('query ids walk every (shift, bit) in order and come back only after the whole space', () => {
    expect(queryIdOf(0)).toBe(0);
    expect(queryIdOf(1022)).toBe(1022);
    expect(queryIdOf(1023)).toBe(1 << 10);
    expect(queryIdOf(QUERY_ID_SPACE - 1)).toBe((8191 << 10) | 1022);
    expect(queryIdOf(QUERY_ID_SPACE)).toBe(0);
    expect(queryIdOf(BigInt(QUERY_ID_SPACE) * 5n + 7n)).toBe(7);
    const seen = new Set<number>();
    for (let n = 0; n < 5000; n++) seen.add(queryIdOf(n));
    expect(seen.size).toBe(5000);
  });

  test('connection-loss errors are told apart from refused statements', () => {
    expect(isConnectionLoss({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isConnectionLoss({ code: '57P01' })).toBe(true);
    expect(isConnectionLoss({ code: '08006' })).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss({ code: '23505' })).toBe(false); // unique violation
    expect(isConnectionLoss(new Error('beginRequest: unknown account'))).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });

  test('election: an unreachable lock leaves the replica standby; a failed leader check drops it to standby', async () => {
    let fail = true;
    let held = false;
    const lost: (() => void)[] = [];
    const lock = {
      get isHeld() {
        return held;
      },
      tryAcquire: async () => {
        if (fail) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        held = true;
        return true;
      },
      onLost: (fn: () => void) => void lost.push(fn),
      check: async () => {
        if (fail) {
          held = false;
          lost.forEach((fn) => fn());
          throw new Error('Connection terminated');
        }
      },
      release: async () => void (held = false),
    };
    const warned: unknown[] = [];
    const logger = { info: () => undefined, warn: (o: unknown) => void warned.push(o), error: () => undefined };
    const e = await startSettlerElection({ lock, replicaId: 'f', retryMs: 10, logger });
    expect(e.role()).toBe('standby');
    expect(warned[0]).toMatchObject({ ok: false, code: 'BROKER_LEDGER_UNAVAILABLE', replicaId: 'f' });
    fail = false;
    await waitUntil(() => e.isLeader(), 'leader once reachable');
    fail = true;
    await waitUntil(() => !e.isLeader(), 'standby after a failed check');
    expect(e.role()).toBe('standby');
    await e.stop();
    expect(e.isLeader()).toBe(false);
  });

  test('SQLite/memory: nothing to coordinate, the settler always runs', async () => {
    const c = await coordinateReplicas(new MemoryLedger(), { walletVersion: 'v4' });
    expect(c.election).toBeUndefined();
    expect(c.chainOptions).toEqual({});
    await c.stop();
  });
});

describePg('replicas on PostgreSQL (real server)', () => {
  const run = `chrysalis_rep_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const opened: PostgresLedger[] = [];
  let n = 0;
  const schema = (): string => {
    const s = `${run}_${n++}`;
    schemas.push(s);
    return s;
  };
  const open = (s: string, replicaId: string, app = replicaId): PostgresLedger => {
    const l = new PostgresLedger(`${PG}?application_name=${s}_${app}`, { schema: s, replicaId, max: 4 });
    opened.push(l);
    return l;
  };
  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: PG });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  /** Cuts every connection whose application_name is `app` (as if that replica's host vanished). */
  const cut = (app: string) =>
    admin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]));
  afterAll(async () => {
    for (const l of opened) await l.close().catch(() => undefined);
    await admin(async (c) => {
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    });
  });

  test('a restart abandons only its own in-flight rows; an old database gains replica_id in place', async () => {
    const s = schema();
    await ownRowsOnly(open(s, 'r1'), open(s, 'r2'), () => open(s, 'r1', 'r1b'));

    const old = schema();
    await admin(async (c) => {
      await c.query(`CREATE SCHEMA ${old}`);
      await c.query(`CREATE TABLE ${old}.requests (request_id TEXT PRIMARY KEY, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       worker_id TEXT NOT NULL, sealed_digest TEXT NOT NULL, live_digest TEXT UNIQUE, price_nano BIGINT NOT NULL,
       created_at_ms BIGINT NOT NULL, seq BIGINT NOT NULL, status TEXT NOT NULL, code TEXT, charged_nano BIGINT NOT NULL DEFAULT 0)`);
      await c.query(`INSERT INTO ${old}.requests VALUES ('o', 'k', 'c', 'w', 'd', 'd', 1, 0, 1, 'in_flight', NULL, 0)`);
    });
    const r9 = open(old, 'r9');
    expect(await r9.init()).toEqual({ abandoned: 0 });
    expect(await r9.getRequest('o')).toMatchObject({ status: 'in_flight', replicaId: 'default' });
    expect(await open(old, 'default').init()).toEqual({ abandoned: 1 });
  });

  test("a client's money in flight is bounded over every replica, not per replica", async () => {
    const s = schema();
    const [r1, r2] = [open(s, 'r1'), open(s, 'r2')];
    await r1.init();
    await r2.init();
    await r1.upsertAccount({ clientKey: KEY, channel: 'ch', depositNano: 1000 });
    const bound = (maxCostNano: number, creditNano = 300, sinceMs = 0) => ({ maxCostNano, creditNano, sinceMs });
    // Five requests of 100 race over both replicas against 300 of credit: exactly three begin.
    const raced = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((id, i) => (i % 2 ? r2 : r1).beginRequest(req(id), undefined, bound(100))),
    );
    expect(raced.filter((x) => typeof x === 'object' && 'seq' in x)).toHaveLength(3);
    expect(raced.filter((x) => typeof x === 'object' && 'refused' in x)).toEqual([
      { refused: 'BROKER_VOUCHER_REQUIRED', requiredNano: 100 },
      { refused: 'BROKER_VOUCHER_REQUIRED', requiredNano: 100 },
    ]);
    // A refusal writes nothing: no row, no seq used.
    const refusedIds = ['a', 'b', 'c', 'd', 'e'].filter(
      (_, i) => typeof raced[i] === 'object' && 'refused' in raced[i]!,
    );
    for (const id of refusedIds) expect(await r1.getRequest(id)).toBeNull();
    expect((await r1.getAccount(KEY))?.nextSeq).toBe(4);
    // Ending one frees its reservation for the other replica.
    const begunId = ['a', 'b', 'c', 'd', 'e'].find((_, i) => typeof raced[i] === 'object' && 'seq' in raced[i]!)!;
    await r1.finishRequest(begunId, 'failed', 'X', true);
    expect(await r2.beginRequest(req('f'), undefined, bound(100))).toEqual({ seq: 4 });
    // The deposit bounds it whatever the credit: 300 in flight + 800 > 1000.
    expect(await r2.beginRequest(req('g'), undefined, bound(800, 10_000))).toEqual({
      refused: 'BROKER_UNFUNDED',
      requiredNano: 1100,
    });
    // Rows older than the request deadline (a dead replica's) stop counting.
    expect(await r2.beginRequest(req('h'), undefined, bound(900, 10_000, 1))).toEqual({ seq: 5 });
  });

  test('two replicas taking query ids at once never get the same one', async () => {
    const s = schema();
    const a = open(s, 'qa');
    const b = open(s, 'qb');
    await Promise.all([a.init(), b.init()]);
    const ids = await Promise.all(Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).nextQueryId()));
    expect(new Set(ids).size).toBe(400);
    for (const id of ids) expect(id & 1023).toBeLessThan(1023);
  });

  test('one settler at a time; the standby takes over when the leader connection dies, and again when it stops', async () => {
    const s = schema();
    const a = open(s, 'ea');
    const b = open(s, 'eb');
    await Promise.all([a.init(), b.init()]);
    const lines: string[] = [];
    const roles: Record<string, SettlerRole[]> = { ea: [], eb: [], ec: [] };
    const elect = (l: PostgresLedger, id: string, retryMs = 50) =>
      startSettlerElection({
        lock: l.sessionLock('settler'),
        replicaId: id,
        retryMs,
        onRole: (r, line) => {
          roles[id]!.push(r);
          lines.push(line);
        },
      });
    // The first replica retries only once a minute here: cut off, it stays down like a dead process.
    const ea = await elect(a, 'ea', 60_000);
    const eb = await elect(b, 'eb');
    expect([ea.isLeader(), eb.isLeader()]).toEqual([true, false]);
    expect(lines).toEqual(['settlement: leader (replica ea)', 'settlement: standby (replica eb)']);
    lines.length = 0;
    // Another schema is another lock: its settler is unaffected.
    const other = await elect(open(schema(), 'ec'), 'ec');
    expect(other.isLeader()).toBe(true);
    await other.stop();

    // The leader's lock connection is cut: it stops at once, the standby takes over on its next try.
    const before = Date.now();
    await cut(`${s}_ea`);
    await waitUntil(() => eb.isLeader(), 'standby took over');
    expect(ea.isLeader()).toBe(false);
    expect(Date.now() - before).toBeLessThan(10_000);
    expect(roles.ea).toEqual(['leader', 'standby']);
    // Never two leaders: the old one stays standby while the new one holds the lock.
    await sleep(200);
    expect([ea.isLeader(), eb.isLeader()]).toEqual([false, true]);
    await ea.stop();
    // A graceful stop frees the lock: the next replica to try gets it at once.
    await eb.stop();
    const again = await elect(a, 'ea');
    expect(again.isLeader()).toBe(true);
    await again.stop();
  });

  test('seqno wallet: exclusive lock for life, a second broker refused with BROKER_LEDGER_IN_USE; none without exclusive', async () => {
    const s = schema();
    const a = open(s, 'xa');
    const b = open(s, 'xb');
    await expect(coordinateReplicas(a, { walletVersion: 'v4' })).rejects.toThrow(RangeError);
    const first = await coordinateReplicas(a, { walletVersion: 'v5r1', exclusive: true });
    expect(first.chainOptions.settlement!.isLeader()).toBe(true);
    await expect(coordinateReplicas(b, { walletVersion: 'v4', exclusive: true })).rejects.toMatchObject({
      code: 'BROKER_LEDGER_IN_USE',
    });
    await first.stop();
    const second = await coordinateReplicas(b, { walletVersion: 'v4', exclusive: true });
    expect(second.chainOptions.settlement!.isLeader()).toBe(true);
    await second.stop();
    const hl = await coordinateReplicas(a, { walletVersion: 'highload-v3' });
    await a.init();
    const q1 = await hl.chainOptions.highload!.queryIds();
    expect(await hl.chainOptions.highload!.queryIds()).not.toBe(q1);
    expect(hl.election!.role()).toBe('leader');
    await hl.stop();
  });

  test('a lost database is typed: BROKER_LEDGER_UNAVAILABLE, in a transaction and on a fresh connect', async () => {
    const s = schema();
    const a = open(s, 'lost');
    await a.init();
    await a.upsertAccount({ clientKey: KEY, channel: 'ch', depositNano: 100 });
    await cut(`${s}_lost`);
    // The pooled connections are gone; the pool opens new ones, so the ledger serves again.
    await waitUntil(async () => (await a.getAccount(KEY).catch(() => null)) !== null, 'reconnected');
    const down = new PostgresLedger('postgres://nobody:x@127.0.0.1:1/none', { replicaId: 'x' });
    await expect(down.getAccount(KEY)).rejects.toMatchObject({ code: 'BROKER_LEDGER_UNAVAILABLE' });
    await expect(down.beginRequest(req('z'))).rejects.toMatchObject({ code: 'BROKER_LEDGER_UNAVAILABLE' });
    await expect(down.ping()).rejects.toMatchObject({ code: 'BROKER_LEDGER_UNAVAILABLE' });
    await expect(down.sessionLock('settler').tryAcquire()).rejects.toMatchObject({
      code: 'BROKER_LEDGER_UNAVAILABLE',
    });
    await down.close();
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}
