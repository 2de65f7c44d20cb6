import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLedger, SqliteLedger, type LedgerRepository } from '../../broker/ledger';
import { testPgUrl } from '../ledger/pg-probe';
import { Client, FakeWorker, deferred, hex, post, startHarness, waitFor, type Harness } from './helpers';

const PG = testPgUrl('broker restart');
const pgSchema = `chrysalis_restart_${process.pid}_${Date.now().toString(36)}`;
const backends: [string, (dir: string) => () => LedgerRepository][] = [
  ['SQLite', (dir) => () => new SqliteLedger(join(dir, 'ledger.sqlite'))],
  ...(PG
    ? ([['PostgreSQL', () => () => new PostgresLedger(PG, { schema: pgSchema })]] as [
        string,
        (dir: string) => () => LedgerRepository,
      ][])
    : []),
];

describe.each(backends)('broker restart with requests in flight (%s ledger)', (_name, factory) => {
  let dir: string;
  let h1: Harness | undefined;
  let h2: Harness | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-'));
  });
  afterAll(async () => {
    await h2?.close();
    rmSync(dir, { recursive: true, force: true });
    if (PG && _name === 'PostgreSQL') {
      const { Client: PgClient } = require('pg') as typeof import('pg');
      const c = new PgClient({ connectionString: PG });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
      await c.end();
    }
  });

  test('ledger intact, in-flight request abandoned uncharged, nothing double-charged, workers reconnect', async () => {
    const open = factory(dir);
    const ledger1 = open();
    h1 = await startHarness({ ledger: ledger1 });
    const port = h1.broker.port;
    const hold = deferred();
    let holdNext = false;
    const w = new FakeWorker({
      frames: 2,
      beforeFrame: (i) => (holdNext && i === 1 ? hold.promise : Promise.resolve()),
    });
    const link = h1.connect(w, { reconnect: { enabled: true, initialMs: 20, maxMs: 100 } });
    await link.admitted();
    const c = new Client();
    h1.fund(c);

    const done = await post(h1.broker.url, c.submit());
    const doneId = done.frames[0]!.accepted!.requestId!;
    expect(done.frames.at(-1)!.msg).toBe('receipt');

    holdNext = true;
    let inflightId = '';
    const pending = post(h1.broker.url, c.submit(), {
      onFrame: (f) => {
        if (f.msg === 'accepted') inflightId = f.accepted!.requestId!;
      },
    });
    await waitFor(() => inflightId !== '' && w.handled.length === 2, 'in flight');

    // Crash: the process's database handle and sockets vanish without any graceful step.
    await ledger1.close();
    h1.broker.server.closeAllConnections();
    await h1.broker.broker.close(0).catch(() => undefined);
    await new Promise<void>((r) => h1!.broker.server.close(() => r()));
    const cut = await pending;
    expect(cut.frames.some((f) => f.msg === 'receipt')).toBe(false);

    // Restart on the same file and port.
    const ledger2 = open();
    h2 = await startHarness({ ledger: ledger2, config: { port } });
    h2.fund(c);
    expect(await ledger2.getRequest(inflightId)).toMatchObject({ status: 'abandoned', chargedNano: 0 });
    expect(await ledger2.getRequest(doneId)).toMatchObject({ status: 'completed', chargedNano: 120 });
    expect((await ledger2.getAccount(hex(c.publicKey)))!.chargedNano).toBe(120);
    const stored = (await ledger2.getReceipt(doneId))!;
    expect(await ledger2.recordReceipt(stored)).toEqual({ charged: false }); // idempotent
    expect((await ledger2.getAccount(hex(c.publicKey)))!.chargedNano).toBe(120);

    // The worker dials back in by itself and the broker serves again; seq continues.
    hold.resolve();
    holdNext = false;
    await waitFor(() => h2!.broker.broker.pool.all().length === 1, 'worker reconnected');
    const next = await post(h2.broker.url, c.submit());
    expect(next.frames.at(-1)!.msg).toBe('receipt');
    expect(Number(next.frames[0]!.accepted!.seq)).toBe(3);
    expect((await ledger2.getAccount(hex(c.publicKey)))!.chargedNano).toBe(240);
    await link.close();
  });
});
