/**
 * Bundle encoding hardening: one bundle, one byte string, one digest. A bundle that protobuf itself would accept
 * but that is not exactly the canonical encoding (trailing bytes, zero padding, a repeated or unknown field, an
 * overlong varint) is refused with BUNDLE_TRAILING_DATA before any cryptography; the size cap holds; the digest is
 * over the whole encoding; and verifyBundle reports until when its verdict holds (`validUntil`).
 */
import { createHash } from 'node:crypto';
import {
  BundleParseError,
  MAX_BUNDLE_BYTES,
  decodeBundle,
  encodeBundle,
  verifyBundle,
  type EvidenceBundle,
} from '../../attestation/bundle';
import { gpusValidUntilMs } from '../../attestation/bundle/verify-gpus';
import type { VerifiedGpu } from '../../attestation/gpu';
import { chrysalis } from '../../proto/generated/chrysalis';
import { NOW, pkis, simulateBundle, simulateGpuOcspResponses, verifyOptions } from '../../devnet';

const cat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

let encoded: Uint8Array;
beforeAll(async () => {
  encoded = (await simulateBundle()).encoded;
});

describe('canonical encoding', () => {
  test('the honest encoding decodes and re-encodes to the same bytes; its digest is SHA-256 of all of them', () => {
    expect(Buffer.from(encodeBundle(decodeBundle(encoded)))).toEqual(Buffer.from(encoded));
    const w = verifyBundle(encoded, verifyOptions());
    expect(w.bundleDigest).toBe(createHash('sha256').update(encoded).digest('hex'));
  });

  const hostile: [string, () => Uint8Array][] = [
    ['a repeated version field appended (last one wins in protobuf)', () => cat(encoded, [0x08, 0x01])],
    ['an unknown field in front', () => cat([0xf8, 0x07, 0x00], encoded)],
    ['an unknown length-delimited field appended', () => cat(encoded, [0xfa, 0x07, 0x03, 1, 2, 3])],
    ['an overlong varint for the version', () => cat([0x08, 0x81, 0x00], encoded.subarray(2))],
  ];

  test.each(hostile)(
    '%s: protobuf accepts it, decodeBundle and verifyBundle refuse BUNDLE_TRAILING_DATA',
    (_n, make) => {
      expect([encoded[0], encoded[1]]).toEqual([0x08, 0x01]); // the version field leads the canonical encoding
      const bytes = make();
      // The same content to a lenient decoder: only the bytes differ.
      const lenient = chrysalis.v1.EvidenceBundle.decode(bytes);
      expect(lenient.version).toBe(1);
      expect(Buffer.from(lenient.tdxQuote)).toEqual(Buffer.from(decodeBundle(encoded).tdxQuote));
      expect(codeOf(() => decodeBundle(bytes))).toBe('BUNDLE_TRAILING_DATA');
      let err: unknown;
      try {
        verifyBundle(bytes, verifyOptions());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BundleParseError);
      expect((err as BundleParseError).code).toBe('BUNDLE_TRAILING_DATA');
    },
  );

  test('zero padding is not even a protobuf message: BUNDLE_MALFORMED', () => {
    expect(codeOf(() => decodeBundle(cat(encoded, [0, 0, 0, 0])))).toBe('BUNDLE_MALFORMED');
  });

  test('trailing data is reported with its length', () => {
    let err: BundleParseError | undefined;
    try {
      decodeBundle(cat(encoded, [0x08, 0x01, 0x08, 0x01]));
    } catch (e) {
      err = e as BundleParseError;
    }
    expect(err?.code).toBe('BUNDLE_TRAILING_DATA');
    expect(err?.message).toBe('4 bytes after the bundle');
    expect(err?.details).toEqual({ encodedBytes: encoded.length + 4, canonicalBytes: encoded.length });
  });

  test('the size cap: one byte over is BUNDLE_MALFORMED; padding up to the cap is BUNDLE_TRAILING_DATA', () => {
    expect(codeOf(() => decodeBundle(new Uint8Array(MAX_BUNDLE_BYTES + 1)))).toBe('BUNDLE_MALFORMED');
    // filler: one unknown bytes field (tag 0xfa 0x07, a 4-byte varint length) taking the bundle to the cap exactly
    const len = MAX_BUNDLE_BYTES - encoded.length - 6;
    const varint = [(len & 0x7f) | 0x80, ((len >> 7) & 0x7f) | 0x80, ((len >> 14) & 0x7f) | 0x80, len >> 21];
    const padded = new Uint8Array(MAX_BUNDLE_BYTES);
    padded.set(encoded);
    padded.set([0xfa, 0x07, ...varint], encoded.length);
    expect(chrysalis.v1.EvidenceBundle.decode(padded).version).toBe(1);
    expect(codeOf(() => decodeBundle(padded))).toBe('BUNDLE_TRAILING_DATA');
  });
});

describe('validUntil', () => {
  test('bounded by issued_at + maxAgeSeconds and by the quote validity', () => {
    const w = verifyBundle(encoded, verifyOptions());
    const issued = w.issuedAt.getTime();
    expect(w.validUntil.getTime()).toBe(Math.min(issued + 3600_000, w.quote.validUntil.getTime()));
    const long = verifyBundle(
      encoded,
      verifyOptions({ policy: { ...verifyOptions().policy, maxAgeSeconds: 10 * 365 * 86400 } }),
    );
    expect(long.validUntil.getTime()).toBeLessThanOrEqual(long.quote.validUntil.getTime());
    expect(long.validUntil.getTime()).toBeGreaterThan(issued + 3600_000);
  });

  test('bounded by the OCSP nextUpdate of the GPU evidence', () => {
    const b = decodeBundle(encoded);
    // OCSP responses are not covered by the claims' GPU digest: a worker adds the ones it fetched.
    const ocsp = simulateGpuOcspResponses(pkis().nvidia, {
      now: new Date(NOW.getTime() - 600_000),
      validForMs: 1_800_000,
    });
    const withOcsp: EvidenceBundle = { ...b, gpus: b.gpus.map((g) => ({ ...g, ocsp })) };
    const w = verifyBundle(encodeBundle(withOcsp), verifyOptions());
    expect(w.validUntil.toISOString()).toBe(new Date(NOW.getTime() + 1_200_000).toISOString());
  });

  test('gpusValidUntilMs takes the earliest chain, RIM signer and OCSP end; Infinity without GPUs', () => {
    const gpu = (chain: number, rim: number | undefined, ocsp: number | undefined): VerifiedGpu =>
      ({
        chainNotAfter: new Date(chain),
        rims:
          rim === undefined
            ? {}
            : { driver: { signerNotAfter: new Date(rim) }, vbios: { signerNotAfter: new Date(rim + 5) } },
        ocsp: ocsp === undefined ? { status: 'not-checked' } : { status: 'good', nextUpdate: new Date(ocsp) },
      }) as unknown as VerifiedGpu;
    expect(gpusValidUntilMs([])).toBe(Infinity);
    expect(gpusValidUntilMs([gpu(100, undefined, undefined)])).toBe(100);
    expect(gpusValidUntilMs([gpu(100, 50, undefined)])).toBe(50);
    expect(gpusValidUntilMs([gpu(100, 50, 70), gpu(100, undefined, 20)])).toBe(20);
  });
});
