import { createHash } from 'node:crypto';
import { encodeSubmitSigningMessage, submitSigningMessage, SUBMIT_SIGNING_DOMAIN } from '../../broker';

describe('submit signing message v2 (proto/submit-signing.ts)', () => {
  const sealed = Buffer.from('sealed bytes');
  const nonce = Buffer.alloc(16, 0x11);
  const modelId = Buffer.alloc(32, 0x22);
  const workerId = '33'.repeat(32);
  const base = { sealed, nonce, channel: '0:' + 'ab'.repeat(32), modelId, workerId, maxPriceNano: 258 };

  test('layout: tag 0x00 | sha256(sealed) | u8 len + nonce | u8 len + channel | u8 len + model | u8 len + worker | u64be price', () => {
    const m = Buffer.from(submitSigningMessage(base));
    const expected = Buffer.concat([
      Buffer.from('chrysalis/submit-request/v2\0', 'ascii'),
      createHash('sha256').update(sealed).digest(),
      Buffer.from([16]),
      nonce,
      Buffer.from([66]),
      Buffer.from(base.channel, 'utf8'),
      Buffer.from([32]),
      modelId,
      Buffer.from([32]),
      Buffer.alloc(32, 0x33),
      Buffer.from([0, 0, 0, 0, 0, 0, 1, 2]),
    ]);
    expect(m.toString('hex')).toBe(expected.toString('hex'));
    expect(SUBMIT_SIGNING_DOMAIN).toBe('chrysalis/submit-request/v2');
    // 'any worker' is a zero-length field; hex case does not matter
    const any = Buffer.from(submitSigningMessage({ ...base, workerId: '' }));
    expect(any.length).toBe(expected.length - 32);
    expect(Buffer.from(submitSigningMessage({ ...base, workerId: workerId.toUpperCase() })).equals(m)).toBe(true);
  });

  test('every field changes the message; bigint and number prices agree', () => {
    const m = Buffer.from(submitSigningMessage(base)).toString('hex');
    const variants = [
      { sealed: Buffer.from('other') },
      { nonce: Buffer.alloc(16, 1) },
      { channel: 'x' },
      { modelId: Buffer.alloc(32, 1) },
      { workerId: '' },
      { maxPriceNano: 259 },
    ];
    for (const v of variants) expect(Buffer.from(submitSigningMessage({ ...base, ...v })).toString('hex')).not.toBe(m);
    expect(Buffer.from(submitSigningMessage({ ...base, maxPriceNano: 258n })).toString('hex')).toBe(m);
  });

  test('fields that do not fit are RangeErrors (the broker maps them to BROKER_BAD_REQUEST)', () => {
    const d = createHash('sha256').update(sealed).digest();
    const f = { sealedDigest: d, nonce, channel: 'c', modelId, workerId: '', maxPriceNano: 1 };
    expect(() => encodeSubmitSigningMessage({ ...f, workerId: 'xyz' })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, maxPriceNano: -1 })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, maxPriceNano: 1n << 64n })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, channel: 'c'.repeat(256) })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, sealedDigest: d.subarray(1) })).toThrow(RangeError);
  });
});
