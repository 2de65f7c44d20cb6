import { createHash } from 'node:crypto';
import { encodeSubmitSigningMessage, submitSigningMessage, SUBMIT_SIGNING_DOMAIN } from '../../broker';
import { encodeSubmitSigningMessageV2 } from '../../proto/submit-signing';

describe('submit signing message v3 (proto/submit-signing.ts)', () => {
  const sealed = Buffer.from('sealed bytes');
  const nonce = Buffer.alloc(16, 0x11);
  const modelId = Buffer.alloc(32, 0x22);
  const workerId = '33'.repeat(32);
  const base = {
    sealed,
    nonce,
    channel: '0:' + 'ab'.repeat(32),
    modelId,
    workerId,
    maxPromptPriceNano: 258,
    maxCompletionPriceNano: 259,
    maxCostNano: 0x0102030405,
  };

  test('layout: tag 0x00 | sha256(sealed) | u8 len + nonce | channel | model | worker | u64be prompt, completion, cost', () => {
    const m = Buffer.from(submitSigningMessage(base));
    const expected = Buffer.concat([
      Buffer.from('chrysalis/submit-request/v3\0', 'ascii'),
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
      Buffer.from([0, 0, 0, 0, 0, 0, 1, 3]),
      Buffer.from([0, 0, 0, 1, 2, 3, 4, 5]),
    ]);
    expect(m.toString('hex')).toBe(expected.toString('hex'));
    expect(SUBMIT_SIGNING_DOMAIN).toBe('chrysalis/submit-request/v3');
    // 'any worker' is a zero-length field; hex case does not matter
    const any = Buffer.from(submitSigningMessage({ ...base, workerId: '' }));
    expect(any.length).toBe(expected.length - 32);
    expect(Buffer.from(submitSigningMessage({ ...base, workerId: workerId.toUpperCase() })).equals(m)).toBe(true);
  });

  test('every field changes the message; bigint and number amounts agree', () => {
    const m = Buffer.from(submitSigningMessage(base)).toString('hex');
    const variants = [
      { sealed: Buffer.from('other') },
      { nonce: Buffer.alloc(16, 1) },
      { channel: 'x' },
      { modelId: Buffer.alloc(32, 1) },
      { workerId: '' },
      { maxPromptPriceNano: 259 },
      { maxCompletionPriceNano: 258 },
      { maxCostNano: 1 },
    ];
    for (const v of variants) expect(Buffer.from(submitSigningMessage({ ...base, ...v })).toString('hex')).not.toBe(m);
    const big = { ...base, maxPromptPriceNano: 258n, maxCompletionPriceNano: 259n, maxCostNano: 0x0102030405n };
    expect(Buffer.from(submitSigningMessage(big)).toString('hex')).toBe(m);
  });

  test('the v2 message is a different message (domain v2, one price, no cost)', () => {
    const d = createHash('sha256').update(sealed).digest();
    const v2 = Buffer.from(
      encodeSubmitSigningMessageV2({
        sealedDigest: d,
        nonce,
        channel: base.channel,
        modelId,
        workerId,
        maxPriceNano: 258,
      }),
    );
    expect(v2.subarray(0, 28).toString('ascii')).toBe('chrysalis/submit-request/v2\0');
    expect(v2.subarray(-8).toString('hex')).toBe('0000000000000102');
    expect(v2.length).toBe(Buffer.from(submitSigningMessage(base)).length - 16);
  });

  test('fields that do not fit are RangeErrors (the broker maps them to BROKER_BAD_REQUEST)', () => {
    const d = createHash('sha256').update(sealed).digest();
    const f = {
      sealedDigest: d,
      nonce,
      channel: 'c',
      modelId,
      workerId: '',
      maxPromptPriceNano: 1,
      maxCompletionPriceNano: 1,
      maxCostNano: 1,
    };
    expect(() => encodeSubmitSigningMessage({ ...f, workerId: 'xyz' })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, maxPromptPriceNano: -1 })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, maxCompletionPriceNano: 1n << 64n })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, maxCostNano: 1.5 })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, channel: 'c'.repeat(256) })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessage({ ...f, sealedDigest: d.subarray(1) })).toThrow(RangeError);
    expect(() => encodeSubmitSigningMessageV2({ ...f, maxPriceNano: -1 })).toThrow(RangeError);
  });
});
