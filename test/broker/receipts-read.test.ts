import { NOW, hex, startHarness, type Harness } from './helpers';
import { authHeader, channelClient } from './voucher-helpers';

const NOW_S = Math.floor(NOW.getTime() / 1000);

async function getReceipt(
  url: string,
  requestId: string,
  clientKeyHex: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/receipts/${encodeURIComponent(requestId)}?clientKey=${clientKeyHex}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /v1/receipts/:requestId: a charged request receipt, for its own client only', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  /** A request of `c` (already funded) recorded in the ledger; charged with a receipt when `charge`. */
  async function request(c: ReturnType<typeof channelClient>, requestId: string, charge: boolean): Promise<void> {
    const clientKey = hex(c.publicKey);
    await h.ledger.upsertAccount({ clientKey, channel: c.channel, depositNano: 5000 });
    const begun = await h.ledger.beginRequest({
      requestId,
      clientKey,
      channel: c.channel,
      workerId: 'w1',
      sealedDigest: requestId.padEnd(64, '0'),
      priceNano: 0,
      createdAtMs: NOW.getTime(),
    });
    expect(typeof begun).toBe('object');
    if (charge) {
      await h.ledger.recordReceipt({
        requestId,
        clientKey,
        workerId: 'w1',
        receipt: Uint8Array.of(1, 2, 3),
        signature: new Uint8Array(64).fill(9),
        chargeNano: 42,
        atMs: NOW.getTime(),
      });
    }
  }

  test('the owner, signed and fresh, gets the receipt bytes and signature', async () => {
    const a = channelClient();
    h.fund(a, 5000);
    await request(a, 'req-a', true);
    const r = await getReceipt(h.broker.url, 'req-a', hex(a.publicKey), authHeader(a));
    expect(r).toEqual({
      status: 200,
      body: { requestId: 'req-a', receipt: '010203', signature: '09'.repeat(64) },
    });
  });

  test("another client's request, an unknown id and an uncharged request are the same 404 BROKER_RECEIPT_UNKNOWN", async () => {
    const a = channelClient();
    const b = channelClient();
    h.fund(a, 5000);
    h.fund(b, 5000);
    await request(a, 'req-a', true);
    await request(a, 'req-a-open', false);
    const asB = await getReceipt(h.broker.url, 'req-a', hex(b.publicKey), authHeader(b));
    const unknown = await getReceipt(h.broker.url, 'nope', hex(a.publicKey), authHeader(a));
    const uncharged = await getReceipt(h.broker.url, 'req-a-open', hex(a.publicKey), authHeader(a));
    for (const r of [asB, unknown, uncharged]) expect([r.status, r.body.code]).toEqual([404, 'BROKER_RECEIPT_UNKNOWN']);
    expect(JSON.stringify(asB.body)).toBe(JSON.stringify(unknown.body));
  });

  test('authenticated exactly like the account read', async () => {
    const a = channelClient();
    const b = channelClient();
    h.fund(a, 5000);
    await request(a, 'req-a', true);
    const k = hex(a.publicKey);
    const code = async (headers: Record<string, string>, key = k): Promise<[number, unknown]> => {
      const r = await getReceipt(h.broker.url, 'req-a', key, headers);
      return [r.status, r.body.code];
    };
    expect(await code({})).toEqual([401, 'BROKER_AUTH_REQUIRED']);
    expect(await code({ 'chrysalis-auth': 'nope' })).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    // b signs for a's key: not a's signature.
    expect(await code(authHeader(b, a.publicKey))).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    expect(await code(authHeader(a, a.publicKey, NOW_S - 121))).toEqual([401, 'BROKER_AUTH_EXPIRED']);
    expect(await code(authHeader(a), 'zz')).toEqual([400, 'BROKER_BAD_REQUEST']);
  });
});
