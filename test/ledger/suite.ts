/** One behavioural suite every LedgerRepository implementation must pass. */
import type { LedgerRepository } from '../../broker/ledger';

const KEY = 'aa'.repeat(32);
const CH = '0:' + '07'.repeat(32);
const req = (id: string, digest: string) => ({
  requestId: id,
  clientKey: KEY,
  channel: CH,
  workerId: 'w1',
  sealedDigest: digest,
  priceNano: 10,
  createdAtMs: 1000,
});
const receipt = (id: string, charge: number) => ({
  requestId: id,
  clientKey: KEY,
  workerId: 'w1',
  receipt: new Uint8Array([1, 2, 3]),
  signature: new Uint8Array(64).fill(9),
  chargeNano: charge,
  atMs: 2000,
});

export function ledgerSuite(
  make: () => Promise<LedgerRepository>,
  reopen?: (old: LedgerRepository) => Promise<LedgerRepository>,
): void {
  let l: LedgerRepository;
  beforeEach(async () => {
    l = await make();
    await l.init();
    await l.upsertAccount({ clientKey: KEY, channel: CH, depositNano: 1000 });
  });
  afterEach(async () => {
    await l.close();
  });

  test('accounts: upsert keeps charges, updates deposit', async () => {
    expect(await l.getAccount(KEY)).toMatchObject({
      channel: CH,
      depositNano: 1000,
      chargedNano: 0,
      vouchedNano: 0,
      nextSeq: 1,
    });
    await l.beginRequest(req('r1', 'd1'));
    await l.recordReceipt(receipt('r1', 120));
    const a = await l.upsertAccount({ clientKey: KEY, channel: CH, depositNano: 5000 });
    expect(a).toMatchObject({ depositNano: 5000, chargedNano: 120, nextSeq: 2 });
    expect(await l.getAccount('bb'.repeat(32))).toBeNull();
  });

  test('nonces are single-use per client key', async () => {
    expect(await l.useNonce(KEY, 'n1', 1)).toBe(true);
    expect(await l.useNonce(KEY, 'n1', 2)).toBe(false);
    expect(await l.useNonce('bb'.repeat(32), 'n1', 3)).toBe(true);
  });

  test('requests: per-channel seq, live sealed digest refused, released on retryable failure', async () => {
    expect(await l.beginRequest(req('r1', 'd1'))).toEqual({ seq: 1 });
    expect(await l.beginRequest(req('r2', 'd1'))).toBe('REQUEST_REPLAYED');
    expect(await l.beginRequest(req('r3', 'd2'))).toEqual({ seq: 2 });
    await l.finishRequest('r1', 'lost', 'BROKER_WORKER_LOST', true);
    expect(await l.getRequest('r1')).toMatchObject({ status: 'lost', code: 'BROKER_WORKER_LOST', chargedNano: 0 });
    expect(await l.beginRequest(req('r4', 'd1'))).toEqual({ seq: 3 });
    await l.finishRequest('r3', 'failed', 'X', false);
    expect(await l.beginRequest(req('r5', 'd2'))).toBe('REQUEST_REPLAYED');
    // finish is a no-op once a request has ended
    await l.finishRequest('r1', 'failed', 'Y', false);
    expect((await l.getRequest('r1'))!.code).toBe('BROKER_WORKER_LOST');
  });

  test('beginRequest with a nonce: consumed atomically, not burnt by a refused request', async () => {
    expect(await l.beginRequest(req('r1', 'd1'), 'n1')).toEqual({ seq: 1 });
    expect(await l.beginRequest(req('r2', 'd2'), 'n1')).toBe('NONCE_REPLAYED');
    expect(await l.getRequest('r2')).toBeNull();
    expect(await l.beginRequest(req('r3', 'd1'), 'n2')).toBe('REQUEST_REPLAYED');
    expect(await l.beginRequest(req('r4', 'd4'), 'n2')).toEqual({ seq: 2 }); // n2 was rolled back with r3
    expect(await l.useNonce(KEY, 'n1', 5)).toBe(false);
  });

  test('receipts: charged exactly once per request id', async () => {
    await l.beginRequest(req('r1', 'd1'));
    expect(await l.recordReceipt(receipt('r1', 120))).toEqual({ charged: true });
    expect(await l.recordReceipt(receipt('r1', 120))).toEqual({ charged: false });
    expect(await l.recordReceipt(receipt('r1', 999))).toEqual({ charged: false });
    expect((await l.getAccount(KEY))!.chargedNano).toBe(120);
    expect(await l.getRequest('r1')).toMatchObject({ status: 'completed', chargedNano: 120 });
    const r = (await l.getReceipt('r1'))!;
    expect(Buffer.from(r.receipt)).toEqual(Buffer.from([1, 2, 3]));
    expect(r.signature).toHaveLength(64);
    // a receipt after a late finish does not flip status back
    await l.finishRequest('r1', 'lost', 'Z', true);
    expect((await l.getRequest('r1'))!.status).toBe('completed');
  });

  test('concurrent duplicate receipts charge once', async () => {
    await l.beginRequest(req('r1', 'd1'));
    const outs = await Promise.all([1, 2, 3, 4, 5].map(() => l.recordReceipt(receipt('r1', 50))));
    expect(outs.filter((o) => o.charged)).toHaveLength(1);
    expect((await l.getAccount(KEY))!.chargedNano).toBe(50);
  });

  test('vouchers: amount and seq both strictly increase, bound to the account channel', async () => {
    const v = (n: number, seq: number, channel = CH) => ({
      clientKey: KEY,
      channel,
      cumulativeNano: n,
      seq,
      voucher: new Uint8Array([n & 255]),
      signature: new Uint8Array(64),
      atMs: 1,
    });
    expect(await l.recordVoucher(v(100, 3))).toMatchObject({ ok: true, account: { vouchedNano: 100 } });
    expect(await l.recordVoucher(v(100, 3))).toEqual({ ok: false, code: 'VOUCHER_STALE_SEQ' }); // replayed
    expect(await l.recordVoucher(v(100, 4))).toEqual({ ok: false, code: 'VOUCHER_NOT_MONOTONIC' });
    expect(await l.recordVoucher(v(50, 9))).toEqual({ ok: false, code: 'VOUCHER_NOT_MONOTONIC' }); // lower amount, higher seq
    expect(await l.recordVoucher(v(150, 2))).toEqual({ ok: false, code: 'VOUCHER_STALE_SEQ' }); // higher amount, lower seq
    expect(await l.recordVoucher(v(150, 3))).toEqual({ ok: false, code: 'VOUCHER_STALE_SEQ' }); // same seq
    expect(await l.recordVoucher(v(200, 9, '0:' + 'ff'.repeat(32)))).toEqual({
      ok: false,
      code: 'BROKER_UNKNOWN_CLIENT',
    });
    expect((await l.getAccount(KEY))!.vouchedNano).toBe(100);
    expect(await l.latestVoucher(CH)).toMatchObject({ cumulativeNano: 100, seq: 3 });
    expect(await l.recordVoucher(v(150, 4))).toMatchObject({ ok: true, account: { vouchedNano: 150 } });
    expect(await l.latestVoucher(CH)).toMatchObject({ cumulativeNano: 150, seq: 4 });
  });

  test('admissions are recorded, newest first', async () => {
    await l.recordAdmission({
      workerId: 'w1',
      ok: true,
      code: 'OK',
      bundleDigest: 'b1',
      imageId: 'i',
      modelId: 'm',
      atMs: 1,
    });
    await l.recordAdmission({
      workerId: '',
      ok: false,
      code: 'ADMISSION_IMAGE_NOT_ALLOWED',
      bundleDigest: 'b2',
      imageId: '',
      modelId: '',
      atMs: 2,
    });
    const list = await l.listAdmissions(10);
    expect(list.map((a) => a.code)).toEqual(['ADMISSION_IMAGE_NOT_ALLOWED', 'OK']);
    expect(list[1]).toMatchObject({ ok: true, workerId: 'w1', bundleDigest: 'b1' });
  });

  const CH2 = '0:' + '08'.repeat(32);
  const KEY2 = 'bb'.repeat(32);
  const vch = (n: number, channel = CH, clientKey = KEY) => ({
    clientKey,
    channel,
    cumulativeNano: n,
    seq: n,
    voucher: new Uint8Array([n & 255, 1]),
    signature: new Uint8Array(64).fill(n & 255),
    atMs: n,
  });
  const wv = (workerId: string, n: number, seq: number) => ({
    workerId,
    channel: '0:' + '0a'.repeat(32),
    cumulativeNano: n,
    seq,
    voucher: new Uint8Array([seq]),
    signature: new Uint8Array(64).fill(seq),
    atMs: 10 + seq,
  });

  test('settlement: latest voucher per channel, claims monotonic, unclaimed = latest above the last claim', async () => {
    await l.upsertAccount({ clientKey: KEY2, channel: CH2, depositNano: 1000 });
    expect(await l.latestVoucher(CH)).toBeNull();
    expect(await l.unclaimedVouchers()).toEqual([]);
    await l.recordVoucher(vch(100));
    await l.recordVoucher(vch(250));
    await l.recordVoucher(vch(200)); // refused (not monotonic): not the latest
    await l.recordVoucher(vch(40, CH2, KEY2));
    const latest = (await l.latestVoucher(CH))!;
    expect(latest).toMatchObject({ clientKey: KEY, channel: CH, cumulativeNano: 250, atMs: 250 });
    expect(Buffer.from(latest.voucher)).toEqual(Buffer.from([250, 1]));
    expect(latest.signature).toEqual(new Uint8Array(64).fill(250));
    expect((await l.unclaimedVouchers()).map((v) => [v.channel, v.cumulativeNano])).toEqual([
      [CH, 250],
      [CH2, 40],
    ]);

    expect(await l.lastClaim(CH)).toBeNull();
    expect(await l.recordClaim({ channel: CH, cumulativeNano: 100, seq: 1, atMs: 5 })).toBe(true);
    expect(await l.recordClaim({ channel: CH, cumulativeNano: 100, seq: 1, atMs: 6 })).toBe(false); // same claim twice
    expect(await l.lastClaim(CH)).toEqual({ channel: CH, cumulativeNano: 100, seq: 1, txHash: null, atMs: 5 });
    expect((await l.unclaimedVouchers()).map((v) => v.cumulativeNano)).toEqual([250, 40]);
    expect(await l.recordClaim({ channel: CH, cumulativeNano: 250, seq: 2, txHash: 'ab'.repeat(32), atMs: 7 })).toBe(
      true,
    );
    expect(await l.recordClaim({ channel: CH, cumulativeNano: 200, seq: 3, atMs: 8 })).toBe(false); // below the last claim
    expect(await l.lastClaim(CH)).toEqual({
      channel: CH,
      cumulativeNano: 250,
      seq: 2,
      txHash: 'ab'.repeat(32),
      atMs: 7,
    });
    expect((await l.unclaimedVouchers()).map((v) => [v.channel, v.cumulativeNano])).toEqual([[CH2, 40]]);
    await l.recordVoucher(vch(300)); // a newer voucher makes the channel unclaimed again
    expect((await l.unclaimedVouchers()).map((v) => [v.channel, v.cumulativeNano])).toEqual([
      [CH2, 40],
      [CH, 300],
    ]);
    expect(await l.lastClaim(CH2)).toBeNull();
  });

  test('settlement: worker balances = charged receipts + latest worker voucher (monotonic amount and seq)', async () => {
    expect(await l.workerBalances()).toEqual([]);
    expect(await l.workerBalances('w1')).toEqual([{ workerId: 'w1', chargedNano: 0, voucher: null }]);
    await l.beginRequest(req('r1', 'd1'));
    await l.recordReceipt(receipt('r1', 120));
    await l.recordReceipt(receipt('r1', 120)); // replay: not charged twice
    await l.beginRequest(req('r2', 'd2'));
    await l.recordReceipt(receipt('r2', 30));
    await l.recordReceipt({ ...receipt('r3', 7), workerId: 'w2' });
    expect(await l.workerBalances()).toEqual([
      { workerId: 'w1', chargedNano: 150, voucher: null },
      { workerId: 'w2', chargedNano: 7, voucher: null },
    ]);
    expect(await l.recordWorkerVoucher(wv('w1', 100, 1))).toBe(true);
    expect(await l.recordWorkerVoucher(wv('w1', 100, 2))).toBe(false); // amount not above
    expect(await l.recordWorkerVoucher(wv('w1', 140, 1))).toBe(false); // seq not above
    expect(await l.recordWorkerVoucher(wv('w1', 140, 2))).toBe(true);
    expect(await l.recordWorkerVoucher(wv('w3', 5, 1))).toBe(true); // a worker with a voucher and no receipt
    const [b] = await l.workerBalances('w1');
    expect(b).toMatchObject({
      workerId: 'w1',
      chargedNano: 150,
      voucher: { workerId: 'w1', cumulativeNano: 140, seq: 2, atMs: 12 },
    });
    expect(Buffer.from(b!.voucher!.voucher)).toEqual(Buffer.from([2]));
    expect(b!.voucher!.signature).toEqual(new Uint8Array(64).fill(2));
    expect(
      (await l.workerBalances()).map((x) => [x.workerId, x.chargedNano, x.voucher?.cumulativeNano ?? null]),
    ).toEqual([
      ['w1', 150, 140],
      ['w2', 7, null],
      ['w3', 0, 5],
    ]);
  });

  test('init() again is a no-op (idempotent schema)', async () => {
    await l.recordVoucher(vch(100));
    await l.recordClaim({ channel: CH, cumulativeNano: 50, seq: 1, atMs: 1 });
    expect(await l.init()).toEqual({ abandoned: 0 });
    expect(await l.init()).toEqual({ abandoned: 0 });
    expect((await l.latestVoucher(CH))!.cumulativeNano).toBe(100);
    expect((await l.lastClaim(CH))!.cumulativeNano).toBe(50);
  });

  if (reopen) {
    test('restart: settlement state is durable (latest voucher, claims, worker balances)', async () => {
      await l.recordVoucher(vch(100));
      await l.recordVoucher(vch(180));
      await l.recordClaim({ channel: CH, cumulativeNano: 100, seq: 1, atMs: 3 });
      await l.beginRequest(req('r1', 'd1'));
      await l.recordReceipt(receipt('r1', 120));
      await l.recordWorkerVoucher(wv('w1', 108, 1));
      l = await reopen(l);
      await l.init();
      expect((await l.unclaimedVouchers()).map((v) => [v.channel, v.cumulativeNano])).toEqual([[CH, 180]]);
      expect(await l.lastClaim(CH)).toMatchObject({ cumulativeNano: 100, seq: 1 });
      expect(await l.workerBalances()).toMatchObject([
        { workerId: 'w1', chargedNano: 120, voucher: { cumulativeNano: 108, seq: 1 } },
      ]);
      expect(await l.recordClaim({ channel: CH, cumulativeNano: 100, seq: 1, atMs: 4 })).toBe(false);
      expect(await l.recordWorkerVoucher(wv('w1', 108, 1))).toBe(false);
    });

    test('restart: in-flight requests become abandoned (uncharged, digest released); the rest is durable', async () => {
      await l.beginRequest(req('r1', 'd1'));
      await l.recordReceipt(receipt('r1', 120));
      await l.beginRequest(req('r2', 'd2'));
      await l.useNonce(KEY, 'n1', 1);
      l = await reopen(l);
      expect(await l.init()).toEqual({ abandoned: 1 });
      expect(await l.getRequest('r2')).toMatchObject({ status: 'abandoned', code: 'BROKER_RESTARTED', chargedNano: 0 });
      expect(await l.getRequest('r1')).toMatchObject({ status: 'completed', chargedNano: 120 });
      expect(await l.getAccount(KEY)).toMatchObject({ chargedNano: 120, nextSeq: 3 });
      expect(await l.recordReceipt(receipt('r1', 120))).toEqual({ charged: false });
      expect(await l.useNonce(KEY, 'n1', 2)).toBe(false);
      expect(await l.beginRequest(req('r3', 'd2'))).toEqual({ seq: 3 });
      expect(await l.beginRequest(req('r4', 'd1'))).toBe('REQUEST_REPLAYED');
    });
  }
}
