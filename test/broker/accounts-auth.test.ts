import { sign } from 'node:crypto';
import { encodeAccountAuthMessage, formatAccountAuthHeader, parseAccountAuthHeader } from '../../proto/account-auth';
import { NOW, hex, startHarness, type Harness } from './helpers';
import { authHeader, channelClient, getAccount, postVoucher, voucherMsg } from './voucher-helpers';

const NOW_S = Math.floor(NOW.getTime() / 1000);

describe('GET /v1/accounts/:clientKey: only the client itself, signed and fresh', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  test('missing 401 BROKER_AUTH_REQUIRED, malformed or wrong 401 BROKER_BAD_SIGNATURE, stale 401 BROKER_AUTH_EXPIRED', async () => {
    const c = channelClient();
    h.fund(c, 5000);
    const url = h.broker.url;
    const code = async (headers: Record<string, string>): Promise<[number, unknown]> => {
      const r = await getAccount(url, c.publicKey, headers);
      return [r.status, r.body.code];
    };
    expect(await code({})).toEqual([401, 'BROKER_AUTH_REQUIRED']);
    expect(await code({ 'chrysalis-auth': 'nope' })).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    expect(await code({ 'chrysalis-auth': `${NOW_S}.${'00'.repeat(64)}` })).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    // signed for another time than the header says
    const sig = sign(null, encodeAccountAuthMessage(c.publicKey, NOW_S), c.key);
    expect(await code({ 'chrysalis-auth': formatAccountAuthHeader(NOW_S + 1, sig) })).toEqual([
      401,
      'BROKER_BAD_SIGNATURE',
    ]);
    expect(await code(authHeader(c, c.publicKey, NOW_S - 121))).toEqual([401, 'BROKER_AUTH_EXPIRED']);
    expect(await code(authHeader(c, c.publicKey, NOW_S + 121))).toEqual([401, 'BROKER_AUTH_EXPIRED']);
    expect((await getAccount(url, c.publicKey, authHeader(c, c.publicKey, NOW_S - 120))).status).toBe(200);
    expect((await getAccount(url, c.publicKey, authHeader(c, c.publicKey, NOW_S + 120))).status).toBe(200);
  });

  test("a client cannot read another's account; its own shows totals, globalId and the latest voucher it signed", async () => {
    const a = channelClient();
    const b = channelClient();
    h.fund(a, 5000);
    h.fund(b, 7000);
    // b signs a read of a's account: not a's signature.
    const stolen = await getAccount(h.broker.url, a.publicKey, authHeader(b, a.publicKey));
    expect([stolen.status, stolen.body.code]).toEqual([401, 'BROKER_BAD_SIGNATURE']);
    // b's own signature for its own key, replayed on a's path.
    const replayed = await getAccount(h.broker.url, a.publicKey, authHeader(b));
    expect([replayed.status, replayed.body.code]).toEqual([401, 'BROKER_BAD_SIGNATURE']);

    const fresh = await getAccount(h.broker.url, a.publicKey, authHeader(a));
    expect(fresh).toEqual({
      status: 200,
      body: {
        channel: a.channel,
        globalId: -239,
        depositNano: 5000,
        chargedNano: 0,
        vouchedNano: 0,
        reservedNano: 0,
        availableNano: 5000,
        voucher: null,
      },
    });
    const v = voucherMsg(a, 300, 1);
    expect((await postVoucher(h.broker.url, v)).status).toBe(200);
    const after = await getAccount(h.broker.url, a.publicKey, authHeader(a));
    expect(after.body).toMatchObject({
      vouchedNano: 300,
      voucher: { voucher: hex(v.voucher), signature: hex(v.signature) },
    });
    // b's account does not show a's voucher.
    expect((await getAccount(h.broker.url, b.publicKey, authHeader(b))).body).toMatchObject({
      depositNano: 7000,
      voucher: null,
    });
  });

  test('an unknown key, correctly signed, is 403 BROKER_UNKNOWN_CLIENT; a malformed key 400', async () => {
    const stranger = channelClient();
    const r = await getAccount(h.broker.url, stranger.publicKey, authHeader(stranger));
    expect([r.status, r.body.code]).toEqual([403, 'BROKER_UNKNOWN_CLIENT']);
    const bad = await fetch(`${h.broker.url}/v1/accounts/xyz`);
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'BROKER_BAD_REQUEST']);
  });

  test('header codec: parse(format(x)) = x; anything else is null; the message binds key and time', () => {
    const sig = new Uint8Array(64).map((_, i) => i);
    expect(parseAccountAuthHeader(formatAccountAuthHeader(42, sig))).toEqual({ unixSeconds: 42, signature: sig });
    for (const bad of ['', '42', `42.${'0'.repeat(127)}`, `-1.${'0'.repeat(128)}`, `4 2.${'0'.repeat(128)}`])
      expect(parseAccountAuthHeader(bad)).toBeNull();
    const key = new Uint8Array(32).fill(5);
    const m = encodeAccountAuthMessage(key, 0x0102);
    expect(Buffer.from(m).toString('latin1', 0, 26)).toBe('chrysalis/account-read/v1\0');
    expect(Buffer.from(m.subarray(26, 58))).toEqual(Buffer.from(key));
    expect(Buffer.from(m.subarray(58)).toString('hex')).toBe('0000000000000102');
    expect(() => encodeAccountAuthMessage(key.subarray(1), 1)).toThrow(RangeError);
    expect(() => encodeAccountAuthMessage(key, -1)).toThrow(RangeError);
    expect(() => formatAccountAuthHeader(1, sig.subarray(1))).toThrow(RangeError);
  });
});
