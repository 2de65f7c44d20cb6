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
});
