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
