/**
 * startBroker with its defaults (fail closed): the ledger it opens from the config (SQLite file, in-memory, or
 * PostgreSQL), the empty registry and the real bundle verifier (a fake bundle is refused), recovery of requests a
 * previous run left in flight, IPv6 listen addresses, and an idempotent close.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBroker } from '../../enclave-runtime/broker-link';
import { startBroker } from '../../broker/server';
import { MemoryLedger } from '../../broker/ledger';
import { testPgUrl } from '../ledger/pg-probe';
import { captureLogger, FakeWorker } from './helpers';

describe('startBroker defaults', () => {
  test('no registry and no verifier given: a worker is refused; the SQLite file is created under a new directory', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'chrysalis-broker-')), 'nested', 'dir', 'broker.sqlite');
    const prev = process.env.CHRYSALIS_LOG_LEVEL;
    process.env.CHRYSALIS_LOG_LEVEL = 'silent';
    let b;
    try {
      b = await startBroker({ config: { port: 0, host: '127.0.0.1', dbPath } });
    } finally {
      if (prev === undefined) delete process.env.CHRYSALIS_LOG_LEVEL;
      else process.env.CHRYSALIS_LOG_LEVEL = prev;
    }
    try {
      expect(existsSync(dbPath)).toBe(true);
      expect(b.url).toBe(`http://127.0.0.1:${b.port}`);
      const link = connectBroker({
        url: b.workerUrl,
        worker: new FakeWorker(),
        reconnect: { enabled: false },
      });
      const err = await link.admitted().then(
        () => undefined,
        (e: { code?: string }) => e.code,
      );
      expect(err).toMatch(/^BUNDLE_/);
      await link.close();
      const ready = (await (await fetch(`${b.url}/readyz`)).json()) as { workers: number };
      expect(ready.workers).toBe(0);
    } finally {
      const first = b.close();
      expect(b.close()).toBe(first);
      await first;
    }
  });

  test('an in-memory SQLite ledger on an IPv6 loopback address: URLs bracket the host', async () => {
    const log = captureLogger();
    const b = await startBroker({ logger: log.logger, config: { port: 0, host: '::1', dbPath: ':memory:' } });
    try {
      expect(b.url).toBe(`http://[::1]:${b.port}`);
      expect(b.workerUrl).toBe(`ws://[::1]:${b.port}/v1/worker`);
      expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    } finally {
      await b.close();
    }
    expect(log.records().some((r) => r.event === 'closed')).toBe(true);
  });

  test('requests left in flight by a previous run are reported as recovered at start', async () => {
    const log = captureLogger();
    const ledger = new MemoryLedger();
    ledger.init = async () => ({ abandoned: 3 });
    const b = await startBroker({ logger: log.logger, ledger, config: { port: 0, host: '127.0.0.1' } });
    await b.close();
    expect(log.records().find((r) => r.event === 'ledger_recovered')?.abandoned).toBe(3);
  });

  const pgUrl = testPgUrl('startBroker');
  (pgUrl ? test : test.skip)('a pgUrl opens a PostgreSQL ledger, closed with the broker', async () => {
    const log = captureLogger();
    const b = await startBroker({ logger: log.logger, config: { port: 0, host: '127.0.0.1', pgUrl: pgUrl! } });
    try {
      const res = await fetch(`${b.url}/readyz`);
      expect(res.status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
