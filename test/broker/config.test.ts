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
  test('one table maps codes to HTTP status; unknown codes are 500', () => {
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
