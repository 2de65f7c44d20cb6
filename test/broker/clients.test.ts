import { manualClock } from '../../core/clock';
import { Client, FakeWorker, NOW, hex, metricsText, post, startHarness, type Harness } from './helpers';
import { authHeader, channelClient, getAccount, postVoucher, voucherMsg } from './voucher-helpers';

describe('broker client checks (all before scheduling)', () => {
  let h: Harness;
  let w: FakeWorker;
  beforeEach(async () => {
    h = await startHarness({ config: { maxBodyBytes: 4096, rateLimitPerSec: 1, rateLimitBurst: 5 } });
    w = new FakeWorker();
    await h.connect(w).admitted();
  });
  afterEach(async () => {
    await h?.close();
  });

  test('replayed request (same body) -> 409 BROKER_NONCE_REPLAYED; same sealed bytes, new nonce -> 409 BROKER_REQUEST_REPLAYED', async () => {
    const c = new Client();
    h.fund(c);
    const sub = c.submit();
    expect((await post(h.broker.url, sub)).frames.at(-1)!.msg).toBe('receipt');
    const replay = await post(h.broker.url, sub);
    expect(replay.status).toBe(409);
    expect(replay.body!.code).toBe('BROKER_NONCE_REPLAYED');
    const again = await post(h.broker.url, c.submit({ sealed: sub.sealed }));
    expect(again.status).toBe(409);
    expect(again.body!.code).toBe('BROKER_REQUEST_REPLAYED');
    expect(w.handled).toHaveLength(1);
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(120);
    expect((await post(h.broker.url, c.submit())).status).toBe(200); // still serving
  });

  test('a request refused after authorization (404, 409) still burns its nonce', async () => {
    const c = new Client();
    h.fund(c);
    const nowhere = c.submit({ maxPromptPriceNano: 1, maxCompletionPriceNano: 1 });
    expect((await post(h.broker.url, nowhere)).body!.code).toBe('BROKER_NO_WORKER');
    const cheap = new FakeWorker({ prices: { promptNano: 1n, completionNano: 1n } });
    await h.connect(cheap).admitted();
    expect((await post(h.broker.url, nowhere)).body!.code).toBe('BROKER_NONCE_REPLAYED'); // replayed later: refused
    expect(cheap.handled).toHaveLength(0);
  });

  test('bad signature 401, unknown client 403, unfunded 402 — nothing reaches a worker', async () => {
    const c = new Client();
    h.fund(c);
    const bad = await post(h.broker.url, c.submit({ badSignature: true }));
    expect([bad.status, bad.body!.code]).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    const stranger = new Client();
    const unknown = await post(h.broker.url, stranger.submit());
    expect([unknown.status, unknown.body!.code]).toEqual([403, 'BROKER_UNKNOWN_CLIENT']);
    const wrongChannel = new Client('0:' + 'ab'.repeat(32));
    h.channels.set(hex(wrongChannel.publicKey), '0:' + 'cd'.repeat(32), 1000);
    expect((await post(h.broker.url, wrongChannel.submit())).body!.code).toBe('BROKER_UNKNOWN_CLIENT');
    const poor = new Client();
    h.fund(poor, 0);
    const unfunded = await post(h.broker.url, poor.submit());
    expect([unfunded.status, unfunded.body!.code]).toEqual([402, 'BROKER_UNFUNDED']);
    expect(w.handled).toHaveLength(0);
    expect(await metricsText(h.broker.url)).toContain(
      'chrysalis_broker_rejections_total{code="BROKER_BAD_SIGNATURE"} 1',
    );
  });

  test('signature v3 covers max prices, max cost, worker, model and channel: altered in transit -> 401; the v1 and v2 forms -> 401 BROKER_SIGNATURE_OUTDATED', async () => {
    const c = new Client();
    h.fund(c);
    const other = new Client('0:' + 'ef'.repeat(32));
    h.fund(other);
    // Signed for at most 5/token (the worker charges 10): raising it in transit must not make it schedulable.
    const raised = c.submit({ maxCompletionPriceNano: 5 });
    raised.maxCompletionPriceNano = 1000;
    const r1 = await post(h.broker.url, raised);
    expect([r1.status, r1.body!.code]).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    const raisedPrompt = c.submit({ maxPromptPriceNano: 5 });
    raisedPrompt.maxPromptPriceNano = 1000;
    expect((await post(h.broker.url, raisedPrompt)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const raisedCost = c.submit({ maxCostNano: 500 });
    raisedCost.maxCostNano = 50_000;
    expect((await post(h.broker.url, raisedCost)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const pinned = c.submit({ workerId: w.workerId });
    pinned.workerId = '';
    expect((await post(h.broker.url, pinned)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const anyWorker = c.submit();
    anyWorker.workerId = w.workerId;
    expect((await post(h.broker.url, anyWorker)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const model = c.submit();
    model.modelId = new Uint8Array(32).fill(7);
    expect((await post(h.broker.url, model)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const moved = other.submit();
    moved.channel = c.channel; // (also not this key's channel, but the signature fails first)
    expect((await post(h.broker.url, moved)).body!.code).toBe('BROKER_BAD_SIGNATURE');
    const legacy = await post(h.broker.url, c.submit({ legacySignature: true }));
    expect([legacy.status, legacy.body!.code]).toEqual([401, 'BROKER_SIGNATURE_OUTDATED']);
    const v2 = await post(h.broker.url, c.submit({ v2Signature: true }));
    expect([v2.status, v2.body!.code]).toEqual([401, 'BROKER_SIGNATURE_OUTDATED']);
    expect(w.handled).toHaveLength(0);
    // untouched v2 requests pass
    expect((await post(h.broker.url, c.submit({ workerId: w.workerId }))).frames.at(-1)!.msg).toBe('receipt');
  });

  test('oversized body 413, malformed body 400, wrong media type 415', async () => {
    const big = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.alloc(10_000, 1),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('BROKER_BODY_TOO_LARGE');
    const garbage = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from([0xff, 0xff, 0xff]),
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { code: string }).code).toBe('BROKER_BAD_REQUEST');
    const badJson = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sealed": 12',
    });
    expect(((await badJson.json()) as { code: string }).code).toBe('BROKER_BAD_REQUEST');
    const shortNonce = new Client();
    h.fund(shortNonce);
    const r = await post(h.broker.url, shortNonce.submit({ nonce: new Uint8Array(4) }));
    expect(r.body!.code).toBe('BROKER_BAD_REQUEST');
    const text = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const nf = await fetch(`${h.broker.url}/nope`);
    expect(((await nf.json()) as { code: string }).code).toBe('BROKER_NOT_FOUND');
    expect((await fetch(`${h.broker.url}/healthz`)).status).toBe(200);
  });

  test('per-client rate limit: 429 BROKER_RATE_LIMITED with Retry-After', async () => {
    const c = new Client();
    h.fund(c);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post(h.broker.url, c.submit())).status);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const r = await post(h.broker.url, c.submit());
    expect([r.status, r.body!.code]).toEqual([429, 'BROKER_RATE_LIMITED']);
    expect(r.headers.get('retry-after')).toBe('1');
    // another client is unaffected
    const d = new Client();
    h.fund(d);
    expect((await post(h.broker.url, d.submit())).status).toBe(200);
  });

  test('rate-limit buckets refill by the broker clock (manual clock), not the wall clock', async () => {
    await h.close();
    const clock = manualClock(NOW);
    h = await startHarness({ clock, config: { maxBodyBytes: 4096, rateLimitPerSec: 1, rateLimitBurst: 2 } });
    await h.connect(new FakeWorker()).admitted();
    const c = new Client();
    h.fund(c);
    expect((await post(h.broker.url, c.submit())).status).toBe(200);
    expect((await post(h.broker.url, c.submit())).status).toBe(200);
    expect((await post(h.broker.url, c.submit())).body!.code).toBe('BROKER_RATE_LIMITED');
    expect((await post(h.broker.url, c.submit())).body!.code).toBe('BROKER_RATE_LIMITED'); // frozen: no refill
    clock.advance(1000); // one token
    expect((await post(h.broker.url, c.submit())).status).toBe(200);
    expect((await post(h.broker.url, c.submit())).body!.code).toBe('BROKER_RATE_LIMITED');
  });

  test('vouchers: signed by the payer key, amount and seq strictly growing; the account shows them', async () => {
    const c = channelClient();
    h.fund(c);
    await post(h.broker.url, c.submit());
    const ok = await postVoucher(h.broker.url, voucherMsg(c, 100, 1));
    expect(ok).toEqual({
      status: 200,
      body: { channel: c.channel, cumulativeNano: 100, chargedNano: 120, owedNano: 20 },
    });
    const stale = await postVoucher(h.broker.url, voucherMsg(c, 100, 2));
    expect([stale.status, stale.body.code]).toEqual([409, 'VOUCHER_NOT_MONOTONIC']);
    const forged = await postVoucher(h.broker.url, voucherMsg(c, 200, 2, { signer: new Client() }));
    expect([forged.status, forged.body.code]).toEqual([401, 'VOUCHER_BAD_SIGNATURE']);
    const acct = await getAccount(h.broker.url, c.publicKey, authHeader(c));
    expect(acct.body).toMatchObject({ vouchedNano: 100, chargedNano: 120 });
  });

  test('a client whose channel is on-chain is known before its first request; a key without one stays 403', async () => {
    const c = new Client();
    h.fund(c, 5000); // the channel directory knows it; the ledger has never seen it
    expect(await h.ledger.getAccount(hex(c.publicKey))).toBeNull();
    const known = await getAccount(h.broker.url, c.publicKey, authHeader(c));
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ channel: c.channel, depositNano: 5000, chargedNano: 0, vouchedNano: 0 });
    const stranger = new Client();
    const unknown = await getAccount(h.broker.url, stranger.publicKey, authHeader(stranger));
    expect([unknown.status, unknown.body.code]).toEqual([403, 'BROKER_UNKNOWN_CLIENT']);
    expect(w.handled).toHaveLength(0);
  });
});
