/**
 * The bottom layer at its edges: DER length forms and malformed elements, OIDs, small integers and both time forms;
 * PEM strict mode; hex decoding; the RFC 5280 constraint walkers; Ed25519 key import; poll and backoff; clocks.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  DerError,
  KEY_USAGE,
  PemError,
  TAG,
  backoffDelay,
  bytesEqual,
  children,
  concatBytes,
  derToPem,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
  expectTag,
  fixedClock,
  fromHex,
  intToNumber,
  issuerConstraintViolation,
  manualClock,
  oidToString,
  parseBasicConstraints,
  parseDer,
  parseKeyUsage,
  pemToDerList,
  pollUntil,
  readTlv,
  serialHex,
  signerConstraintViolation,
  timeToMs,
  toHex,
  tryFromHex,
  type CertConstraintFields,
} from '../../core';

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);
const derError = (f: () => unknown): boolean => {
  try {
    f();
  } catch (e) {
    return e instanceof DerError;
  }
  return false;
};

describe('DER reader', () => {
  test('short and long length forms; the next element starts after the whole TLV', () => {
    const long = new Uint8Array(3 + 200);
    long.set([0x04, 0x81, 200]);
    const t = readTlv(long, 0);
    expect([t.tag, t.content.length, t.raw.length]).toEqual([0x04, 200, 203]);
    const two = u8(0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x05);
    const seq = parseDer(two);
    expect(children(seq).map((c) => [c.tag, ...c.content])).toEqual([[TAG.INTEGER, 5]]);
    expect(expectTag(seq, TAG.SEQUENCE, 'seq')).toBe(seq);
  });

  test.each<[string, () => unknown]>([
    ['one byte only', () => readTlv(u8(0x30), 0)],
    ['a multi-byte tag', () => readTlv(u8(0x1f, 0x01, 0x00), 0)],
    ['indefinite length (0x80)', () => readTlv(u8(0x30, 0x80, 0x00, 0x00), 0)],
    ['five length octets', () => readTlv(u8(0x04, 0x85, 0, 0, 0, 0, 1, 0), 0)],
    ['length octets past the end', () => readTlv(u8(0x04, 0x82, 0x01), 0)],
    ['content past the end', () => readTlv(u8(0x04, 0x05, 1, 2), 0)],
    ['trailing bytes after the element', () => parseDer(u8(0x05, 0x00, 0x00))],
    ['a child running past its parent', () => children(parseDer(u8(0x30, 0x02, 0x04, 0x05)))],
    ['a missing element', () => expectTag(undefined, TAG.SEQUENCE, 'x')],
    ['another tag', () => expectTag(parseDer(u8(0x05, 0x00)), TAG.SEQUENCE, 'x')],
    ['an empty OID', () => oidToString(new Uint8Array(0))],
    ['an empty INTEGER', () => intToNumber(new Uint8Array(0))],
    ['a negative INTEGER', () => intToNumber(u8(0x80))],
    ['an INTEGER wider than allowed', () => intToNumber(u8(1, 2, 3), 2)],
  ])('%s: DerError', (_name, f) => {
    expect(derError(f)).toBe(true);
  });

  test('OIDs: first arc 0, 1 and 2 (including large second arcs), multi-byte arcs', () => {
    expect(oidToString(u8(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d))).toBe('1.2.840.113549');
    expect(oidToString(u8(0x06))).toBe('0.6');
    expect(oidToString(u8(0x55, 0x1d, 0x13))).toBe('2.5.29.19');
    expect(oidToString(u8(0x88, 0x37))).toBe('2.56.55');
  });

  test('small integers and serials', () => {
    expect(intToNumber(u8(0x01, 0x00))).toBe(256);
    expect(serialHex(u8(0x00, 0x0a, 0xbc))).toBe('abc');
    expect(serialHex(u8(0x00))).toBe('0');
  });

  const time = (tag: number, s: string): ReturnType<typeof readTlv> =>
    parseDer(Uint8Array.from([tag, s.length, ...Buffer.from(s, 'latin1')]));
  test('UTCTime (both centuries) and GeneralizedTime; other forms are refused', () => {
    expect(timeToMs(time(TAG.UTC_TIME, '491231235959Z'))).toBe(Date.UTC(2049, 11, 31, 23, 59, 59));
    expect(timeToMs(time(TAG.UTC_TIME, '500101000000Z'))).toBe(Date.UTC(1950, 0, 1, 0, 0, 0));
    expect(timeToMs(time(TAG.GENERALIZED_TIME, '20260102030405Z'))).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(derError(() => timeToMs(time(TAG.UTC_TIME, '20260102030405Z')))).toBe(true);
    expect(derError(() => timeToMs(time(TAG.GENERALIZED_TIME, '20260102030405+0100')))).toBe(true);
    expect(derError(() => timeToMs(time(TAG.UTF8_STRING, '491231235959Z')))).toBe(true);
  });
});

describe('PEM', () => {
  const A = derToPem(u8(0x30, 0x00));
  const B = derToPem(u8(0x02, 0x01, 0x07), 'PUBLIC KEY');
  test('blocks of one label are read in order; other labels are skipped', () => {
    expect(pemToDerList(`${A}${B}${A}`).map((d) => [...d])).toEqual([
      [0x30, 0x00],
      [0x30, 0x00],
    ]);
    expect(pemToDerList(`${A}${B}`, 'PUBLIC KEY').map((d) => [...d])).toEqual([[0x02, 0x01, 0x07]]);
    expect(pemToDerList('nothing here')).toEqual([]);
  });

  test.each<[string, string, boolean]>([
    ['an empty block', '-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n', false],
    ['bad base64', '-----BEGIN CERTIFICATE-----\nMA=A\n-----END CERTIFICATE-----\n', false],
    ['base64 of the wrong length', '-----BEGIN CERTIFICATE-----\nMAA\n-----END CERTIFICATE-----\n', false],
    ['text before a block (strict)', `junk\n${A}`, true],
    ['text after the blocks (strict)', `${A}junk`, true],
    ['a BEGIN without its END (strict)', `${A}-----BEGIN CERTIFICATE-----\nMAA=\n`, true],
  ])('%s: PemError', (_name, text, strict) => {
    expect(() => pemToDerList(text, 'CERTIFICATE', strict)).toThrow(PemError);
  });

  test('strict mode accepts blocks separated by whitespace only', () => {
    expect(pemToDerList(`\n${A}\n\n${A}  \n`, 'CERTIFICATE', true)).toHaveLength(2);
  });
});

describe('bytes', () => {
  test('hex both ways: upper case, 0x / 0X prefixes; odd length or non-hex digits refused', () => {
    expect(toHex(fromHex('0xDEadBEef'))).toBe('deadbeef');
    expect(toHex(fromHex('0X0a'))).toBe('0a');
    expect(tryFromHex('abc')).toBeUndefined();
    expect(tryFromHex('zz')).toBeUndefined();
    expect(tryFromHex('a/')).toBeUndefined();
    expect(tryFromHex('G0')).toBeUndefined();
    expect(() => fromHex('0x0')).toThrow(TypeError);
    expect([...concatBytes(u8(1), new Uint8Array(0), u8(2, 3))]).toEqual([1, 2, 3]);
    expect(bytesEqual(u8(1, 2), u8(1, 2))).toBe(true);
    expect(bytesEqual(u8(1, 2), u8(1, 3))).toBe(false);
    expect(bytesEqual(u8(1), u8(1, 2))).toBe(false);
  });
});

describe('X.509 constraints', () => {
  const der = (...b: number[]): Uint8Array => u8(...b);
  test('BasicConstraints: empty, cA only, cA with pathLen; malformed ones refused', () => {
    expect(parseBasicConstraints(der(0x30, 0x00))).toEqual({ cA: false, pathLen: undefined });
    expect(parseBasicConstraints(der(0x30, 0x03, 0x01, 0x01, 0xff))).toEqual({ cA: true, pathLen: undefined });
    expect(parseBasicConstraints(der(0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x02))).toEqual({
      cA: true,
      pathLen: 2,
    });
    expect(parseBasicConstraints(der(0x30, 0x03, 0x02, 0x01, 0x00))).toEqual({ cA: false, pathLen: 0 });
    expect(derError(() => parseBasicConstraints(der(0x30, 0x04, 0x01, 0x02, 0xff, 0xff)))).toBe(true);
    expect(derError(() => parseBasicConstraints(der(0x30, 0x02, 0x05, 0x00)))).toBe(true);
    expect(derError(() => parseBasicConstraints(der(0x04, 0x00)))).toBe(true);
  });

  test('KeyUsage: one or two bytes of bits; bad unused-bit counts and lengths refused', () => {
    expect(parseKeyUsage(der(0x03, 0x02, 0x07, 0x80))).toBe(KEY_USAGE.digitalSignature);
    expect(parseKeyUsage(der(0x03, 0x02, 0x01, 0x06))).toBe(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign);
    expect(parseKeyUsage(der(0x03, 0x03, 0x07, 0x00, 0x80))).toBe(1 << 8);
    expect(derError(() => parseKeyUsage(der(0x03, 0x01, 0x00)))).toBe(true);
    expect(derError(() => parseKeyUsage(der(0x03, 0x02, 0x08, 0x80)))).toBe(true);
    expect(derError(() => parseKeyUsage(der(0x03, 0x04, 0x00, 0x01, 0x02, 0x03)))).toBe(true);
  });

  const leaf: CertConstraintFields = {
    basicConstraints: undefined,
    keyUsage: KEY_USAGE.digitalSignature,
    selfIssued: false,
  };
  const ca = (pathLen?: number, keyUsage?: number, selfIssued = false): CertConstraintFields => ({
    basicConstraints: { cA: true, pathLen },
    keyUsage,
    selfIssued,
  });
  test('issuer walk: cA, keyCertSign and pathLen along the chain; self-issued intermediates do not count', () => {
    expect(issuerConstraintViolation([leaf, ca(0), ca()])).toBeUndefined();
    expect(
      issuerConstraintViolation([leaf, ca(undefined, KEY_USAGE.keyCertSign), ca(1, KEY_USAGE.keyCertSign)]),
    ).toBeUndefined();
    expect(issuerConstraintViolation([leaf, ca(0, undefined, true), ca(0), ca()])).toBeUndefined();
    expect(issuerConstraintViolation([leaf, ca(), ca(0)])).toMatch(/pathLenConstraint 0/);
    expect(issuerConstraintViolation([leaf, ca(undefined, undefined, true), ca(0)])).toBeUndefined();
    expect(issuerConstraintViolation([leaf, leaf])).toMatch(/not a CA/);
    expect(issuerConstraintViolation([leaf, { ...ca(), basicConstraints: { cA: false, pathLen: undefined } }])).toMatch(
      /not a CA/,
    );
    expect(issuerConstraintViolation([leaf, ca(undefined, KEY_USAGE.cRLSign)])).toMatch(/keyCertSign/);
  });

  test('signer: not a CA, digitalSignature where KeyUsage is present', () => {
    expect(signerConstraintViolation(leaf)).toBeUndefined();
    expect(signerConstraintViolation({ ...leaf, keyUsage: undefined })).toBeUndefined();
    expect(signerConstraintViolation(ca())).toMatch(/CA certificate/);
    expect(signerConstraintViolation({ ...leaf, keyUsage: KEY_USAGE.keyCertSign })).toMatch(/digitalSignature/);
  });
});

describe('Ed25519 keys', () => {
  test('raw public key round trip (cached on the second import); private seed; length checks', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = ed25519RawPublicKey(publicKey);
    expect(raw).toHaveLength(32);
    expect(bytesEqual(ed25519RawPublicKey(privateKey), raw)).toBe(true);
    const k1 = ed25519PublicKey(raw);
    expect(ed25519PublicKey(raw)).toBe(k1);
    const seed = new Uint8Array(32).fill(7);
    expect(ed25519RawPublicKey(ed25519PrivateKey(seed))).toHaveLength(32);
    expect(() => ed25519PublicKey(new Uint8Array(31))).toThrow(RangeError);
    expect(() => ed25519PrivateKey(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('poll, backoff and clocks', () => {
  test('pollUntil returns the first defined value, or undefined after the timeout (injected clock and wait)', async () => {
    const clock = manualClock(0);
    const waits: number[] = [];
    const wait = async (ms: number): Promise<void> => {
      waits.push(ms);
      clock.advance(ms);
    };
    let n = 0;
    expect(
      await pollUntil(async () => (++n === 3 ? 'ok' : undefined), {
        timeoutMs: 100,
        intervalMs: 10,
        now: clock.nowMs,
        wait,
      }),
    ).toBe('ok');
    expect(waits).toEqual([10, 10]);
    expect(
      await pollUntil(async () => undefined, { timeoutMs: 25, intervalMs: 10, now: clock.nowMs, wait }),
    ).toBeUndefined();
    await expect(
      pollUntil(
        async () => {
          throw new Error('probe broke');
        },
        { timeoutMs: 10, intervalMs: 1 },
      ),
    ).rejects.toThrow('probe broke');
    expect(await pollUntil(async () => 0, { timeoutMs: 10, intervalMs: 1 })).toBe(0);
  });

  test('backoffDelay: exponential, capped, jittered into [delay/2, delay)', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
    expect(backoffDelay(2, { initialMs: 100, maxMs: 10_000, factor: 3 })).toBe(900);
    expect(backoffDelay(100, { initialMs: 1, maxMs: 2 ** 40 })).toBe(2 ** 30);
    expect(backoffDelay(0, { initialMs: 100, maxMs: 500, jitter: () => 0 })).toBe(50);
    expect(backoffDelay(0, { initialMs: 100, maxMs: 500, jitter: () => 0.5 })).toBe(75);
  });

  test('clocks: fixed and manual, from a Date or ms; non-finite times refused', () => {
    expect(fixedClock(new Date(5)).now().getTime()).toBe(5);
    const m = manualClock(new Date(1000));
    m.advance(-500);
    expect(m.nowMs()).toBe(500);
    m.set(new Date(42));
    expect(m.now().getTime()).toBe(42);
    m.set(7);
    expect(m.nowMs()).toBe(7);
    expect(() => m.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => fixedClock(Number.NaN)).toThrow(RangeError);
    expect(() => manualClock(new Date('invalid'))).toThrow(RangeError);
  });
});
