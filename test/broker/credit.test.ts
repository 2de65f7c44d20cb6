import { Client, FakeWorker, deferred, hex, post, startHarness, waitFor, type Harness } from './helpers';
import { authHeader, channelClient, getAccount, postVoucher, voucherMsg } from './voucher-helpers';

/** A FakeWorker's default answer: 5 prompt + 7 completion tokens at 10 each. */
const ANSWER = 120;
const COST = 10_000;

describe('credit: vouched + credit >= charged + reserved + maxCost, and never beyond the deposit', () => {
  let h: Harness;
  let w: FakeWorker;
  async function start(config: Record<string, unknown> = {}): Promise<void> {
    h = await startHarness({ config: { defaultCreditNano: 0, rateLimitPerSec: 0, ...config } });
    w = new FakeWorker();
    await h.connect(w).admitted();
  }
  afterEach(async () => {
    await h?.close();
  });

  test('without enough vouched: 402 BROKER_VOUCHER_REQUIRED with the cumulative amount needed; a voucher in the submit lets it through', async () => {
    await start();
    const c = channelClient();
    h.fund(c);
    const r = await post(h.broker.url, c.submit({ maxCostNano: COST }));
    expect([r.status, r.body!.code]).toEqual([402, 'BROKER_VOUCHER_REQUIRED']);
    expect((r.body as unknown as { details: unknown }).details).toEqual({ requiredNano: COST });
    const ok = await post(h.broker.url, c.submit({ maxCostNano: COST, voucher: voucherMsg(c, COST, 1) }));
    expect(ok.frames.at(-1)!.msg).toBe('receipt');
    expect(await h.ledger.getAccount(hex(c.publicKey))).toMatchObject({ vouchedNano: COST, chargedNano: ANSWER });
    expect(await h.ledger.latestVoucher(c.channel)).toMatchObject({ cumulativeNano: COST, seq: 1 });
    // The next request needs what was charged plus its own reservation.
    const next = await post(h.broker.url, c.submit({ maxCostNano: COST }));
    expect((next.body as unknown as { details: unknown }).details).toEqual({ requiredNano: ANSWER + COST });
    // A voucher for exactly that, posted on its own, is enough.
    expect((await postVoucher(h.broker.url, voucherMsg(c, ANSWER + COST, 2))).status).toBe(200);
    expect((await post(h.broker.url, c.submit({ maxCostNano: COST }))).frames.at(-1)!.msg).toBe('receipt');
    expect(w.handled).toHaveLength(2);
  });

  test('a refused voucher in the submit refuses the request (its code), nothing recorded, nothing scheduled', async () => {
    await start();
    const c = channelClient();
    h.fund(c);
    const stranger = new Client();
    const r = await post(
      h.broker.url,
      c.submit({ maxCostNano: COST, voucher: voucherMsg(c, COST, 1, { signer: stranger }) }),
    );
    expect([r.status, r.body!.code]).toEqual([401, 'VOUCHER_BAD_SIGNATURE']);
    const net = await post(
      h.broker.url,
      c.submit({ maxCostNano: COST, voucher: voucherMsg(c, COST, 1, { globalId: -3 }) }),
    );
    expect(net.body!.code).toBe('VOUCHER_WRONG_NETWORK');
    expect(await h.ledger.latestVoucher(c.channel)).toBeNull();
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.vouchedNano).toBe(0);
    expect(w.handled).toHaveLength(0);
  });

  test('maxCostNano 0 -> 400 BROKER_RESERVATION_REQUIRED; a reservation above the deposit -> 402 BROKER_UNFUNDED', async () => {
    await start({ defaultCreditNano: 1_000_000_000 });
    const c = channelClient();
    h.fund(c, 50_000);
    const zero = await post(h.broker.url, c.submit({ maxCostNano: 0 }));
    expect([zero.status, zero.body!.code]).toEqual([400, 'BROKER_RESERVATION_REQUIRED']);
    const over = await post(h.broker.url, c.submit({ maxCostNano: 50_001 }));
    expect([over.status, over.body!.code]).toEqual([402, 'BROKER_UNFUNDED']);
    expect((await post(h.broker.url, c.submit({ maxCostNano: 50_000 }))).frames.at(-1)!.msg).toBe('receipt');
    // charged 120 + 49_881 > 50_000
    expect((await post(h.broker.url, c.submit({ maxCostNano: 49_881 }))).body!.code).toBe('BROKER_UNFUNDED');
    expect(w.handled).toHaveLength(1);
  });

  test('reservations in flight count; each is released when its request ends (also on failure)', async () => {
    await start();
    const gate = deferred();
    const slow = new FakeWorker({ beforeFrame: (i) => (i === 0 ? gate.promise : Promise.resolve()) });
    const failing = new FakeWorker({ failWith: 'WORKER_INTERNAL' });
    await h.connect(slow).admitted();
    await h.connect(failing).admitted();
    const c = channelClient();
    h.fund(c);
    expect((await postVoucher(h.broker.url, voucherMsg(c, 2 * COST, 1))).status).toBe(200);
    // A failed request releases its reservation: two in a row, each needing the whole voucher's worth.
    for (let i = 0; i < 2; i++) {
      const f = await post(h.broker.url, c.submit({ maxCostNano: 2 * COST, workerId: failing.workerId }));
      expect(f.frames.at(-1)?.msg ?? f.body!.code).not.toBe('receipt');
    }
    expect(failing.handled).toHaveLength(2);
    // One held open reserves COST; a second of COST fits (2 * COST vouched), a third does not.
    const held = post(h.broker.url, c.submit({ maxCostNano: COST, workerId: slow.workerId }));
    await waitFor(() => slow.handled.length === 1, 'held request dispatched');
    const acct = await getAccount(h.broker.url, c.publicKey, authHeader(c));
    expect(acct.body).toMatchObject({ reservedNano: COST, vouchedNano: 2 * COST });
    const second = post(h.broker.url, c.submit({ maxCostNano: COST, workerId: slow.workerId }));
    await waitFor(() => slow.handled.length === 2, 'second request dispatched');
    const third = await post(h.broker.url, c.submit({ maxCostNano: COST }));
    expect([third.status, third.body!.code]).toEqual([402, 'BROKER_VOUCHER_REQUIRED']);
    expect((third.body as unknown as { details: unknown }).details).toEqual({ requiredNano: 3 * COST });
    gate.resolve();
    expect((await held).frames.at(-1)!.msg).toBe('receipt');
    expect((await second).frames.at(-1)!.msg).toBe('receipt');
    // Both released; what was charged stays counted.
    expect((await getAccount(h.broker.url, c.publicKey, authHeader(c))).body).toMatchObject({
      reservedNano: 0,
      chargedNano: 2 * ANSWER,
    });
    expect((await post(h.broker.url, c.submit({ maxCostNano: 2 * COST - 2 * ANSWER }))).frames.at(-1)!.msg).toBe(
      'receipt',
    );
  });

  test('explicit per-client credit (clientCreditNano) adds to defaultCreditNano, for that client only', async () => {
    const vip = channelClient();
    const other = channelClient();
    await start({ defaultCreditNano: 200, clientCreditNano: { [hex(vip.publicKey).toUpperCase()]: COST - 200 } });
    h.fund(vip);
    h.fund(other);
    expect((await post(h.broker.url, vip.submit({ maxCostNano: COST }))).frames.at(-1)!.msg).toBe('receipt');
    const r = await post(h.broker.url, other.submit({ maxCostNano: COST }));
    expect(r.body!.code).toBe('BROKER_VOUCHER_REQUIRED');
    expect((r.body as unknown as { details: unknown }).details).toEqual({ requiredNano: COST - 200 });
    expect((await post(h.broker.url, other.submit({ maxCostNano: 200 }))).frames.at(-1)!.msg).toBe('receipt');
    // vip: charged 120, credit COST: a second COST needs 120 vouched
    const again = await post(h.broker.url, vip.submit({ maxCostNano: COST }));
    expect((again.body as unknown as { details: unknown }).details).toEqual({ requiredNano: ANSWER });
  });
});
