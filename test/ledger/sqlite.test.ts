import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '../../broker/ledger';
import { ledgerSuite } from './suite';

describe('SqliteLedger', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-ledger-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let file = '';
  ledgerSuite(
    async () => {
      file = join(dir, `l${n++}.sqlite`);
      return new SqliteLedger(file);
    },
    async (old) => {
      await old.close();
      return new SqliteLedger(file);
    },
  );

  test('init() adds the vouchers.seq column to a database made before it existed; old rows read as seq 0', async () => {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const f = join(dir, 'old.sqlite');
    const old = new Database(f);
    old.exec(`CREATE TABLE accounts (client_key TEXT PRIMARY KEY, channel TEXT NOT NULL, deposit_nano INTEGER NOT NULL,
       charged_nano INTEGER NOT NULL DEFAULT 0, vouched_nano INTEGER NOT NULL DEFAULT 0, next_seq INTEGER NOT NULL DEFAULT 1)`);
    old.exec(`CREATE TABLE vouchers (id INTEGER PRIMARY KEY AUTOINCREMENT, client_key TEXT NOT NULL, channel TEXT NOT NULL,
       cumulative_nano INTEGER NOT NULL, voucher BLOB NOT NULL, signature BLOB NOT NULL, at_ms INTEGER NOT NULL)`);
    const key = 'aa'.repeat(32);
    const ch = '0:' + '07'.repeat(32);
    old
      .prepare('INSERT INTO accounts (client_key, channel, deposit_nano, vouched_nano) VALUES (?, ?, ?, ?)')
      .run(key, ch, 1000, 70);
    old
      .prepare(
        'INSERT INTO vouchers (client_key, channel, cumulative_nano, voucher, signature, at_ms) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(key, ch, 70, Buffer.from([1]), Buffer.alloc(64), 1);
    old.close();
    const l = new SqliteLedger(f);
    await l.init();
    await l.init(); // idempotent
    expect(await l.latestVoucher(ch)).toMatchObject({ cumulativeNano: 70, seq: 0 });
    const v = { clientKey: key, channel: ch, voucher: new Uint8Array([2]), signature: new Uint8Array(64), atMs: 2 };
    expect(await l.recordVoucher({ ...v, cumulativeNano: 80, seq: 0 })).toEqual({
      ok: false,
      code: 'VOUCHER_STALE_SEQ',
    });
    expect(await l.recordVoucher({ ...v, cumulativeNano: 80, seq: 1 })).toMatchObject({ ok: true });
    expect(await l.latestVoucher(ch)).toMatchObject({ cumulativeNano: 80, seq: 1 });
    await l.close();
  });

  test('uses WAL', () => {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const f = join(dir, 'wal.sqlite');
    const l = new SqliteLedger(f);
    const db = new Database(f);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    return l.close();
  });
});
