import { Client } from 'pg';
import { PostgresLedger } from '../../broker/ledger';
import { ledgerSuite } from './suite';
import { testPgUrl } from './pg-probe';

const URL = testPgUrl('ledger');
const describePg = URL ? describe : describe.skip;

describePg('PostgresLedger (real server)', () => {
  let n = 0;
  let schema = '';
  const run = `t${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  afterAll(async () => {
    const c = new Client({ connectionString: URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  });
  ledgerSuite(
    async () => {
      schema = `chrysalis_${run}_${n++}`;
      schemas.push(schema);
      return new PostgresLedger(URL!, { schema, max: 4 });
    },
    async (old) => {
      await old.close();
      return new PostgresLedger(URL!, { schema, max: 4 });
    },
  );

  test('two replicas on one database never double-charge', async () => {
    const s = `chrysalis_${run}_replicas`;
    schemas.push(s);
    const a = new PostgresLedger(URL!, { schema: s });
    const b = new PostgresLedger(URL!, { schema: s });
    await Promise.all([a.init(), b.init()]);
    const key = 'cc'.repeat(32);
    await a.upsertAccount({ clientKey: key, channel: 'ch', depositNano: 100 });
    await a.beginRequest({
      requestId: 'x',
      clientKey: key,
      channel: 'ch',
      workerId: 'w',
      sealedDigest: 'd',
      priceNano: 1,
      createdAtMs: 0,
    });
    const rec = {
      requestId: 'x',
      clientKey: key,
      workerId: 'w',
      receipt: new Uint8Array(1),
      signature: new Uint8Array(64),
      chargeNano: 7,
      atMs: 0,
    };
    const outs = await Promise.all(
      [a.recordReceipt(rec), b.recordReceipt(rec), a.recordReceipt(rec), b.recordReceipt(rec)].map((p) =>
        p.catch(() => ({ charged: false })),
      ),
    );
    expect(outs.filter((o) => o.charged)).toHaveLength(1);
    expect((await b.getAccount(key))!.chargedNano).toBe(7);
    const seqs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).beginRequest({
          requestId: `q${i}`,
          clientKey: key,
          channel: 'ch',
          workerId: 'w',
          sealedDigest: `d${i}`,
          priceNano: 1,
          createdAtMs: 0,
        }),
      ),
    );
    expect(new Set(seqs.map((s) => (s as { seq: number }).seq)).size).toBe(6);
    await Promise.all([a.close(), b.close()]);
  });

  test('init() adds the vouchers.seq column to a schema made before it existed; old rows read as seq 0', async () => {
    const s = `chrysalis_${run}_old`;
    schemas.push(s);
    const c = new Client({ connectionString: URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${s}`);
    await c.query(`CREATE TABLE ${s}.vouchers (id BIGSERIAL PRIMARY KEY, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       cumulative_nano BIGINT NOT NULL, voucher BYTEA NOT NULL, signature BYTEA NOT NULL, at_ms BIGINT NOT NULL)`);
    await c.query(
      `INSERT INTO ${s}.vouchers (client_key, channel, cumulative_nano, voucher, signature, at_ms) VALUES ($1, $2, 70, $3, $4, 1)`,
      ['aa'.repeat(32), 'ch', Buffer.from([1]), Buffer.alloc(64)],
    );
    await c.end();
    const l = new PostgresLedger(URL!, { schema: s });
    await l.init();
    await l.init();
    expect(await l.latestVoucher('ch')).toMatchObject({ cumulativeNano: 70, seq: 0 });
    await l.upsertAccount({ clientKey: 'aa'.repeat(32), channel: 'ch', depositNano: 1000 });
    const v = {
      clientKey: 'aa'.repeat(32),
      channel: 'ch',
      voucher: new Uint8Array([2]),
      signature: new Uint8Array(64),
      atMs: 2,
    };
    expect(await l.recordVoucher({ ...v, cumulativeNano: 80, seq: 0 })).toEqual({
      ok: false,
      code: 'VOUCHER_STALE_SEQ',
    });
    expect(await l.recordVoucher({ ...v, cumulativeNano: 80, seq: 1 })).toMatchObject({ ok: true });
    expect(await l.latestVoucher('ch')).toMatchObject({ cumulativeNano: 80, seq: 1 });
    await l.close();
  });
});
