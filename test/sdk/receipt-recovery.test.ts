/**
 * Receipt recovery: an accepted request whose receipt the client never counted (stream broke, process died) keeps its
 * reservation row; `recoverReceipts` / `syncAccount` fetch the receipt, verify it against what the request committed
 * to, and count it at most once. Forged or mismatching receipts are refused; 404 (nothing charged) drops the row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeReceipt, signReceipt } from '../../attestation/receipt';
import {
  MemoryVoucherStore,
  type SdkError,
  checkRecoveredReceipt,
  voucherKey,
  type AcceptedRequest,
  type PendingReceipt,
  type VoucherStore,
} from '../../sdk';
import { SqliteVoucherStore } from '../../sdk/voucher-store';
import { CHANNEL, FakeBroker, GLOBAL_ID, MODEL_HEX, ed25519FromSeed, makeTestWorker } from './fixtures';
import { failure, payingOptions, testClient } from './test-client';

const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'the quick brown fox' }] };
const KEY = voucherKey(CHANNEL, GLOBAL_ID);
const anySign = async (): Promise<{ voucher: Uint8Array; signature: Uint8Array }> => ({
  voucher: new Uint8Array(1),
  signature: new Uint8Array(64),
});

let broker: FakeBroker;
let dir: string;
beforeEach(async () => {
  broker = await new FakeBroker().start();
  broker.workers = [await makeTestWorker()];
  dir = mkdtempSync(join(tmpdir(), 'chrysalis-recovery-'));
});
afterEach(async () => {
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

const paying = (store: VoucherStore) => testClient(broker, payingOptions(store));

describe.each([
  ['memory', (): VoucherStore => new MemoryVoucherStore()],
  ['sqlite', (): VoucherStore => new SqliteVoucherStore(join(dir, 'v.sqlite'))],
])('%s store', (_name, makeStore) => {
  it('a receipt charged but lost with the stream is kept, then recovered and counted exactly once', async () => {
    const store = makeStore();
    const c = paying(store);
    broker.modes = ['drop-receipt'];
    expect((await failure(c.chat(req))).code).toBe('SDK_RECEIPT_MISSING');
    const charged = broker.charged;
    expect(charged).toBeGreaterThan(0n);
    const pending = await store.pending(KEY);
    expect(pending).toHaveLength(1);
    const worker = broker.workers[0]!;
    expect(pending[0]).toMatchObject({
      requestId: 'r1',
      workerKey: Buffer.from(worker.signing.publicKey).toString('hex'),
      modelId: MODEL_HEX,
      promptPriceNano: worker.prices.promptNano,
      completionPriceNano: worker.prices.completionNano,
      seq: 1n,
    });
    expect((await store.read(KEY)).reservedNano).toBe(pending[0]!.maxCostNano);

    const report = await c.recoverReceipts();
    expect(report).toEqual({
      recovered: [{ requestId: 'r1', amountNano: charged }],
      uncharged: [],
      refused: [],
      deferred: [],
    });
    expect(await store.read(KEY)).toMatchObject({ owedNano: charged, reservedNano: 0n });
    expect(await store.pending(KEY)).toEqual([]);
    expect((await c.recoverReceipts()).recovered).toEqual([]);

    // The same accepted request left behind again (a second fetch of the same receipt): never counted twice.
    await store.reserve(KEY, { id: 'again', amountNano: 1n, nowMs: Date.now(), staleAfterMs: 1 }, anySign);
    await store.accept(KEY, 'again', pending[0]!);
    const later = await c.recoverReceipts({ nowMs: Date.now() + 10 * 60_000 });
    expect(later).toMatchObject({ recovered: [], uncharged: ['r1'] });
    expect(await store.read(KEY)).toMatchObject({ owedNano: charged, reservedNano: 0n });

    // A request settled live is not counted again by recovery either.
    expect((await c.chat(req)).owedNano).toBe(charged + (broker.charged - charged));
    store.close?.();
  });

  it('refuses a forged receipt (SDK_RECEIPT_INVALID) and one for another request (SDK_RECEIPT_MISMATCH): rows dropped, nothing owed', async () => {
    const store = makeStore();
    const c = paying(store);
    broker.modes = ['drop-receipt', 'drop-receipt'];
    await failure(c.chat(req));
    await failure(c.chat(req));
    const forger = ed25519FromSeed(new Uint8Array(32).fill(5));
    const real = decodeReceipt(broker.receipts.get('r1')!.receipt);
    const r1 = signReceipt({ ...real, workerKey: forger.publicKey }, forger.seed);
    broker.receipts.set('r1', { receipt: r1.bytes, signature: r1.signature });
    const worker = broker.workers[0]!;
    const other = decodeReceipt(broker.receipts.get('r2')!.receipt);
    const r2 = signReceipt({ ...other, requestDigest: new Uint8Array(32).fill(1) }, worker.signing.seed);
    broker.receipts.set('r2', { receipt: r2.bytes, signature: r2.signature });

    const report = await c.recoverReceipts();
    expect(report.recovered).toEqual([]);
    expect(report.refused.map((x) => [x.requestId, x.error.code, x.error.details?.field])).toEqual([
      ['r1', 'SDK_RECEIPT_INVALID', undefined],
      ['r2', 'SDK_RECEIPT_MISMATCH', 'requestDigest'],
    ]);
    expect(await store.read(KEY)).toMatchObject({ owedNano: 0n, reservedNano: 0n });
    expect(await store.pending(KEY)).toEqual([]);
    store.close?.();
  });

  it('404 (nothing charged) drops the row; a broker that cannot answer keeps it for the next try', async () => {
    const store = makeStore();
    const c = paying(store);
    broker.modes = ['no-receipt'];
    expect((await failure(c.chat(req))).code).toBe('SDK_RECEIPT_MISSING');
    expect(await store.pending(KEY)).toHaveLength(1);
    broker.receiptsDown = true;
    const down = await c.recoverReceipts();
    expect(down.deferred.map((d) => d.requestId)).toEqual(['r1']);
    expect(await store.pending(KEY)).toHaveLength(1);
    broker.receiptsDown = false;
    expect(await c.recoverReceipts()).toMatchObject({ uncharged: ['r1'], recovered: [] });
    expect(await store.read(KEY)).toMatchObject({ owedNano: 0n, reservedNano: 0n });
    store.close?.();
  });

  it("syncAccount recovers first; another process's recent row waits until it is older than the request timeout", async () => {
    const store = makeStore();
    const c = paying(store);
    broker.modes = ['drop-receipt'];
    await failure(c.chat(req));
    const row = (await store.pending(KEY))[0]!;
    await c.syncAccount();
    expect(await store.pending(KEY)).toEqual([]);
    // A row this process did not create (another process's request, maybe still running).
    await store.reserve(KEY, { id: 'elsewhere', amountNano: 1n, nowMs: Date.now(), staleAfterMs: 1 }, anySign);
    await store.accept(KEY, 'elsewhere', { ...row, requestId: 'r9' });
    expect(await c.recoverReceipts()).toMatchObject({ uncharged: [], recovered: [] });
    expect(await store.pending(KEY)).toHaveLength(1);
    // Accepted rows are not swept as stale reservations: only recovery removes them.
    await store.reserve(KEY, { id: 'next', amountNano: 1n, nowMs: Date.now() + 10 * 60_000, staleAfterMs: 1 }, anySign);
    expect((await store.pending(KEY)).map((p) => p.id)).toEqual(['elsewhere']);
    expect(await c.recoverReceipts({ nowMs: Date.now() + 10 * 60_000 })).toMatchObject({ uncharged: ['r9'] });
    store.close?.();
  });

  it('a receipt delivered but refused live is not recovered later (its row goes)', async () => {
    const store = makeStore();
    const c = paying(store);
    broker.modes = ['wrong-key-receipt'];
    expect((await failure(c.chat(req))).code).toBe('SDK_RECEIPT_INVALID');
    expect(await store.pending(KEY)).toEqual([]);
    expect((await store.read(KEY)).reservedNano).toBe(0n);
    store.close?.();
  });
});

describe('checkRecoveredReceipt', () => {
  it('checks model, channel, seq, prices and the amount against the accepted request', async () => {
    const w = await makeTestWorker();
    const base: PendingReceipt = {
      id: 'x',
      createdMs: 0,
      requestId: 'r1',
      workerKey: Buffer.from(w.signing.publicKey).toString('hex'),
      requestDigest: '11'.repeat(32),
      modelId: MODEL_HEX,
      promptPriceNano: 100n,
      completionPriceNano: 100n,
      maxCostNano: 1000n,
      seq: 3n,
    };
    const sign = (over: Record<string, unknown> = {}) => {
      const s = signReceipt(
        {
          requestDigest: Buffer.from(base.requestDigest, 'hex'),
          responseDigest: new Uint8Array(32),
          modelId: Buffer.from(MODEL_HEX, 'hex'),
          promptTokens: 2,
          completionTokens: 3,
          promptPriceNano: 100n,
          completionPriceNano: 100n,
          channel: CHANNEL,
          seq: 3n,
          workerKey: w.signing.publicKey,
          ...over,
        },
        w.signing.seed,
      );
      return { receipt: s.bytes, signature: s.signature };
    };
    expect(checkRecoveredReceipt(sign(), base, CHANNEL)).toBe(500n);
    const field = (r: ReturnType<typeof sign>, p: PendingReceipt = base): unknown => {
      try {
        checkRecoveredReceipt(r, p, CHANNEL);
      } catch (e) {
        return (e as SdkError).details?.field;
      }
      return 'accepted';
    };
    expect(field(sign({ modelId: new Uint8Array(32) }))).toBe('modelId');
    expect(field(sign({ channel: new Uint8Array(32).fill(2) }))).toBe('channel');
    expect(field(sign({ seq: 4n }))).toBe('seq');
    expect(field(sign({ promptPriceNano: 99n }))).toBe('promptPriceNano');
    expect(field(sign({ completionPriceNano: 99n }))).toBe('completionPriceNano');
    expect(field(sign(), { ...base, maxCostNano: 499n })).toBe('amountNano');
  });
});

describe('SqliteVoucherStore migration', () => {
  it('adds the accepted-request columns to a file created without them, keeping its rows', async () => {
    const path = join(dir, 'old.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE voucher_reservations (channel TEXT NOT NULL, global_id INTEGER NOT NULL, id TEXT NOT NULL,
      amount_nano TEXT NOT NULL, created_ms INTEGER NOT NULL, PRIMARY KEY (channel, global_id, id))`);
    db.prepare('INSERT INTO voucher_reservations VALUES (?, ?, ?, ?, ?)').run(KEY.channel, KEY.globalId, 'old', '7', 1);
    db.close();
    const store = new SqliteVoucherStore(path);
    expect((await store.read(KEY)).reservedNano).toBe(7n);
    expect(await store.pending(KEY)).toEqual([]);
    const a: AcceptedRequest = {
      requestId: 'r1',
      workerKey: 'aa',
      requestDigest: 'bb',
      modelId: 'cc',
      promptPriceNano: 1n,
      completionPriceNano: 2n,
      maxCostNano: 7n,
      seq: 5n,
    };
    await store.accept(KEY, 'old', a);
    expect(await store.pending(KEY)).toEqual([{ ...a, id: 'old', createdMs: 1 }]);
    expect(await store.resolve(KEY, 'old', 'r1', 3n)).toMatchObject({ counted: true, state: { owedNano: 3n } });
    store.close();
    // Reopening migrates nothing more and remembers what was counted.
    const again = new SqliteVoucherStore(path);
    expect(await again.resolve(KEY, 'gone', 'r1', 3n)).toMatchObject({ counted: false, state: { owedNano: 3n } });
    expect((await again.settle(KEY, 'gone', 3n, 'r1')).owedNano).toBe(3n);
    again.close();
  });
});
