/**
 * One worker admitted by two real brokers with one concurrency budget of 1: while it serves broker 1, broker 2's
 * request is refused by the worker with WORKER_BUSY, which broker 2 passes on as a retryable (non-fatal) error with
 * nothing charged; once the slot is free the same request is served and charged once.
 */
import { createLinkBudget } from '../../enclave-runtime/link-budget';
import { Client, FakeWorker, deferred, hex, post, startHarness, waitFor, type Harness } from '../broker/helpers';

let h1: Harness;
let h2: Harness;
afterEach(async () => {
  await Promise.all([h1?.close(), h2?.close()]);
});

test('the request past the shared budget is refused with WORKER_BUSY by the other broker, uncharged and retryable', async () => {
  [h1, h2] = await Promise.all([startHarness(), startHarness()]);
  const gate = deferred();
  // The first request holds before its first frame until the test releases it.
  const w: FakeWorker = new FakeWorker({
    beforeFrame: (i, id) => (id === w.handled[0] && i === 0 ? gate.promise : Promise.resolve()),
  });
  const budget = createLinkBudget(1);
  await Promise.all([h1.connect(w, { budget }).admitted(), h2.connect(w, { budget }).admitted()]);
  const c = new Client();
  h1.fund(c);
  h2.fund(c);
  const first = c.submit();
  const p1 = post(h1.broker.url, first);
  await waitFor(() => w.handled.length === 1, 'broker 1 request running');
  expect(budget.inUse).toBe(1);

  const second = c.submit();
  const r2 = await post(h2.broker.url, second);
  const err = r2.frames.find((f) => f.msg === 'error')!.error!;
  expect(err.code).toBe('WORKER_BUSY');
  expect(err.fatal).toBe(false);
  const id2 = r2.frames[0]!.accepted!.requestId!;
  expect(await h2.ledger.getRequest(id2)).toMatchObject({ status: 'failed', chargedNano: 0 });
  expect((await h2.ledger.getAccount(hex(c.publicKey)))?.chargedNano ?? 0).toBe(0);
  expect(w.handled).toHaveLength(1); // the refused request never reached the engine

  gate.resolve();
  const r1 = await p1;
  expect(r1.frames.at(-1)!.msg).toBe('receipt');
  await waitFor(() => budget.inUse === 0, 'slot free');
  // The same sealed bytes, signed again with a fresh nonce, are accepted (the refusal released them): served, charged once.
  const retry = await post(h2.broker.url, c.submit({ sealed: second.sealed }));
  expect(retry.status).toBe(200);
  expect(retry.frames.at(-1)!.msg).toBe('receipt');
  const idRetry = retry.frames[0]!.accepted!.requestId!;
  expect(await h2.ledger.getRequest(idRetry)).toMatchObject({ status: 'completed', chargedNano: 120 });
  expect(await h2.ledger.getRequest(id2)).toMatchObject({ status: 'failed', chargedNano: 0 });
});
