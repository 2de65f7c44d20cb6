import 'reflect-metadata';
import { createHash } from 'node:crypto';
import {
  verifyBundle,
  decodeBundle,
  encodeBundle,
  encodeClaims,
  decodeClaims,
  gpuNonce,
  bindingReportData,
  BundleVerifyError,
  BundlePolicyError,
  BundleParseError,
  type EvidenceBundle,
} from '../../attestation/bundle';
import {
  simulateBundle,
  verifyOptions,
  registryFor,
  tdFields,
  runtimeEvents,
  NOW,
  MODEL_ID,
} from '../../devnet/sim-bundle';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'NO_ERROR';
}

function violationCodes(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BundlePolicyError);
    return (err as BundlePolicyError).violations.map((v) => v.code);
  }
  return [];
}

describe('evidence bundle binding and verification (simulated devnet PKIs)', () => {
  it('a simulated bundle verifies and yields the worker identity', async () => {
    const b = await simulateBundle({ gpuCount: 2 });
    const w = verifyBundle(b.encoded, { ...verifyOptions(), expectedChallenge: b.challenge });
    expect(w.imageId).toBe(registryFor().imageIds[0]);
    expect(w.modelId).toBe(Buffer.from(MODEL_ID).toString('hex'));
    expect(Buffer.from(w.hpkePublicKey)).toEqual(Buffer.from(b.claims.hpkePublicKey));
    expect(w.gpus).toHaveLength(2);
    expect(w.tcbStatus).toBe('UpToDate');
    expect(w.bundleDigest).toBe(createHash('sha256').update(b.encoded).digest('hex'));
  });

  it('encodes claims canonically and rejects non-canonical bytes', async () => {
    const b = await simulateBundle();
    expect(Buffer.from(encodeClaims(decodeClaims(b.bundle.claims)))).toEqual(Buffer.from(b.bundle.claims));
    // An unknown field appended: decodes, but is not canonical.
    const extra = Buffer.concat([Buffer.from(b.bundle.claims), Buffer.from([0xa8, 0x01, 0x01])]);
    expect(codeOf(() => decodeClaims(extra))).toBe('BUNDLE_CLAIMS_NOT_CANONICAL');
    expect(codeOf(() => decodeClaims(Buffer.from([0xff, 0xff, 0xff])))).toBe('BUNDLE_CLAIMS_MALFORMED');
  });

  it('derives distinct GPU nonces per index and challenge', () => {
    const keys = { hpkePublicKey: new Uint8Array(32), signingPublicKey: new Uint8Array(32).fill(1) };
    const c = new Uint8Array(32).fill(7);
    const n0 = Buffer.from(gpuNonce(keys, c, 0)).toString('hex');
    expect(Buffer.from(gpuNonce(keys, c, 1)).toString('hex')).not.toBe(n0);
    expect(Buffer.from(gpuNonce(keys, new Uint8Array(32).fill(8), 0)).toString('hex')).not.toBe(n0);
    expect(bindingReportData(new Uint8Array([1]))).toHaveLength(64);
  });

  it('rejects GPU evidence swapped in from another bundle', async () => {
    const a = await simulateBundle();
    const other = await simulateBundle();
    const spliced: EvidenceBundle = { ...a.bundle, gpus: other.bundle.gpus };
    expect(codeOf(() => verifyBundle(encodeBundle(spliced), verifyOptions()))).toBe('BUNDLE_GPU_DIGEST_MISMATCH');
  });

  it('rejects a change of one claims byte', async () => {
    const b = await simulateBundle();
    const claims = Buffer.from(b.bundle.claims);
    // Byte 3 lies inside the HPKE public key (field 2, 32 bytes): still canonical, but no longer what the quote signs.
    claims[5] = (claims[5] ?? 0) ^ 0x01;
    const err = codeOf(() => verifyBundle(encodeBundle({ ...b.bundle, claims }), verifyOptions()));
    expect(err).toBe('BUNDLE_REPORT_DATA_MISMATCH');
  });

  it('rejects a bundle replayed under a new challenge', async () => {
    const b = await simulateBundle();
    const fresh = new Uint8Array(32).fill(9);
    expect(codeOf(() => verifyBundle(b.encoded, { ...verifyOptions(), expectedChallenge: fresh }))).toBe(
      'BUNDLE_CHALLENGE_MISMATCH',
    );
  });

  it('rejects a debug TD under the default policy', async () => {
    const tdAttributes = new Uint8Array(8);
    tdAttributes[0] = 0x01;
    tdAttributes[3] = 0x10;
    const fields = tdFields({ tdAttributes });
    const b = await simulateBundle({ fields });
    const codes = violationCodes(() => verifyBundle(b.encoded, { ...verifyOptions(), registry: registryFor(fields) }));
    expect(codes.some((c) => c.includes('DEBUG'))).toBe(true);
  });

  it('rejects an unlisted image id and an unlisted model id, together', async () => {
    const b = await simulateBundle();
    const codes = violationCodes(() =>
      verifyBundle(b.encoded, {
        ...verifyOptions(),
        registry: { imageIds: [], platformIds: registryFor().platformIds, modelIds: [] },
      }),
    );
    expect(codes).toEqual(expect.arrayContaining(['POLICY_IMAGE_NOT_ALLOWED', 'POLICY_MODEL_NOT_ALLOWED']));
  });

  it('rejects an unlisted platform id', async () => {
    const b = await simulateBundle();
    const reg = { ...registryFor(), platformIds: [] };
    expect(violationCodes(() => verifyBundle(b.encoded, { ...verifyOptions(), registry: reg }))).toContain(
      'POLICY_PLATFORM_NOT_ALLOWED',
    );
  });

  it('rejects the devnet root unless trusted explicitly', async () => {
    const b = await simulateBundle();
    const { trust: _t, ...noTrust } = verifyOptions();
    const err = (() => {
      try {
        verifyBundle(b.encoded, noTrust);
      } catch (e) {
        return e as BundleVerifyError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(BundleVerifyError);
    expect(err?.code).toBe('BUNDLE_TDX_INVALID');
  });

  it('rejects trusted roots that the quote policy does not allow', async () => {
    const b = await simulateBundle();
    const codes = violationCodes(() => verifyBundle(b.encoded, { ...verifyOptions(), policy: {} }));
    expect(codes.length).toBeGreaterThan(0);
  });

  it('rejects runtime records that do not replay to RTMR3', async () => {
    const events = runtimeEvents();
    const b = await simulateBundle({ events, quotedEvents: events.slice(0, 2) });
    expect(codeOf(() => verifyBundle(b.encoded, verifyOptions()))).toBe('BUNDLE_RTMR3_MISMATCH');
  });

  it('rejects a model event that names another model than the claims', async () => {
    const otherModel = new Uint8Array(32).fill(3);
    const b = await simulateBundle({ events: runtimeEvents(otherModel) });
    expect(violationCodes(() => verifyBundle(b.encoded, verifyOptions()))).toContain('RUNTIME_EVENT_VALUE_MISMATCH');
  });

  it('rejects stale and future bundles', async () => {
    const b = await simulateBundle({ issuedAt: new Date(NOW.getTime() - 2 * 3600_000) });
    expect(codeOf(() => verifyBundle(b.encoded, verifyOptions()))).toBe('BUNDLE_STALE');
    const f = await simulateBundle({ issuedAt: new Date(NOW.getTime() + 3600_000) });
    expect(codeOf(() => verifyBundle(f.encoded, verifyOptions()))).toBe('BUNDLE_FROM_FUTURE');
  });

  it('rejects a bundle without GPUs under the default policy', async () => {
    const b = await simulateBundle({ gpuCount: 0 });
    expect(violationCodes(() => verifyBundle(b.encoded, verifyOptions()))).toContain('POLICY_GPU_MISSING');
  });

  it('rejects a tampered GPU report', async () => {
    const b = await simulateBundle();
    const g = b.bundle.gpus[0]!;
    const report = Buffer.from(g.report);
    report[report.length - 1] = (report[report.length - 1] ?? 0) ^ 0xff;
    const tampered: EvidenceBundle = { ...b.bundle, gpus: [{ ...g, report }] };
    // The digest in the claims catches it first; either way the bundle is refused.
    expect(['BUNDLE_GPU_DIGEST_MISMATCH', 'BUNDLE_GPU_INVALID']).toContain(
      codeOf(() => verifyBundle(encodeBundle(tampered), verifyOptions())),
    );
  });

  it('gives every truncation of a bundle a typed error', async () => {
    const b = await simulateBundle();
    const step = Math.max(1, Math.floor(b.encoded.length / 97));
    for (let n = 0; n < b.encoded.length; n += step) {
      try {
        verifyBundle(b.encoded.subarray(0, n), verifyOptions());
        throw new Error(`truncation to ${n} bytes verified`);
      } catch (err) {
        expect(err).toHaveProperty('code');
        expect(String((err as { code: string }).code)).toMatch(/^(BUNDLE|RUNTIME|POLICY)_/);
      }
    }
  });

  it('decodes what it encodes', async () => {
    const b = await simulateBundle();
    expect(Buffer.from(encodeBundle(decodeBundle(b.encoded)))).toEqual(Buffer.from(b.encoded));
    expect(() => decodeBundle(new Uint8Array(0))).toThrow(BundleParseError);
  });
});
