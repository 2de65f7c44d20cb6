import { ConfigError, DEFAULT_CONFIG, makeConfig, parseConfig, httpStatusOf, HTTP_STATUS } from '../../broker';
import { StreamFrameReader, encodeStreamFrame } from '../../broker';

describe('broker config and codecs', () => {
  test('flags override env override defaults; result is frozen', () => {
    const c = parseConfig(['--port', '9001', '--db', '/tmp/x.sqlite'], {
      CHRYSALIS_BROKER_PORT: '9000',
      CHRYSALIS_BROKER_ID: 'b9',
    });
    expect(c).toMatchObject({
      port: 9001,
      brokerId: 'b9',
      dbPath: '/tmp/x.sqlite',
      maxBodyBytes: DEFAULT_CONFIG.maxBodyBytes,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });
  test('bad values fail fast', () => {
    expect(() => parseConfig(['--port', 'abc'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--nope'], {})).toThrow();
    expect(() => makeConfig({ maxWorkerConcurrency: 0 })).toThrow(ConfigError);
    expect(() => makeConfig({ requestTimeoutMs: -1 })).toThrow(ConfigError);
  });
  test('network and credit: globalId defaults to mainnet and may be any int32; credit amounts are non-negative; no maxUnvouchedNano', () => {
    expect(DEFAULT_CONFIG).toMatchObject({ globalId: -239, defaultCreditNano: 0, clientCreditNano: {} });
    expect('maxUnvouchedNano' in DEFAULT_CONFIG).toBe(false);
    expect(parseConfig(['--global-id=-4242', '--default-credit-nano', '500'], {})).toMatchObject({
      globalId: -4242,
      defaultCreditNano: 500,
    });
    expect(parseConfig([], { CHRYSALIS_BROKER_GLOBAL_ID: '-3' }).globalId).toBe(-3);
    expect(() => parseConfig(['--global-id', String(2 ** 31)], {})).toThrow(ConfigError);
    expect(() => makeConfig({ globalId: 1.5 })).toThrow(ConfigError);
    expect(() => makeConfig({ defaultCreditNano: -1 })).toThrow(ConfigError);
    const key = 'AB'.repeat(32);
    const c = makeConfig({ clientCreditNano: { [key]: 7 } });
    expect(c.clientCreditNano).toEqual({ [key.toLowerCase()]: 7 });
    expect(Object.isFrozen(c.clientCreditNano)).toBe(true);
    expect(() => makeConfig({ clientCreditNano: { nothex: 1 } })).toThrow(ConfigError);
    expect(() => makeConfig({ clientCreditNano: { [key]: -1 } })).toThrow(ConfigError);
    expect(() => makeConfig({ clientCreditNano: { [key]: 0.5 } })).toThrow(ConfigError);
    expect(() => makeConfig({ clientCreditNano: [] as unknown as Record<string, number> })).toThrow(ConfigError);
  });
  test('one table maps codes to HTTP status; unknown codes are 500', () => {
    expect(httpStatusOf('BROKER_VOUCHER_REQUIRED')).toBe(402);
    expect(httpStatusOf('BROKER_RESERVATION_REQUIRED')).toBe(400);
    expect(httpStatusOf('BROKER_AUTH_EXPIRED')).toBe(401);
    expect(httpStatusOf('VOUCHER_STALE_SEQ')).toBe(409);
    expect(httpStatusOf('BROKER_OVERLOADED')).toBe(429);
    expect(httpStatusOf('BROKER_BODY_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('SOMETHING_ELSE')).toBe(500);
    expect(Object.isFrozen(HTTP_STATUS)).toBe(true);
  });
  test('stream frames are length-prefixed and reassembled across arbitrary splits; garbage is a typed error', () => {
    const a = encodeStreamFrame({ chunk: { requestId: 'r', frame: new Uint8Array(300).fill(1) } });
    const b = encodeStreamFrame({ error: { code: 'X_Y', message: 'm', fatal: true } });
    const all = Buffer.concat([a, b]);
    const r = new StreamFrameReader();
    const got = [];
    for (let i = 0; i < all.length; i += 7) got.push(...r.push(all.subarray(i, i + 7)));
    expect(got.map((f) => f.msg)).toEqual(['chunk', 'error']);
    expect(r.pendingBytes).toBe(0);
    expect(() => new StreamFrameReader(10).push(Buffer.from([0, 0, 1, 0]))).toThrow(
      expect.objectContaining({ code: 'WIRE_FRAME_TOO_LARGE' }),
    );
    expect(() => new StreamFrameReader().push(Buffer.from([0, 0, 0, 2, 0xff, 0xff]))).toThrow(
      expect.objectContaining({ code: 'WIRE_MALFORMED_FRAME' }),
    );
  });
});
