/**
 * Bundle parse / verify / appraise edge cases: claims field bounds, unsupported versions, identity and GPU-count
 * mismatches bound correctly into REPORTDATA (so the failing check is the one named), collateral sources, firmware
 * logs and config-digest policy. SIMULATED devnet artefacts only.
 */
import { createHash } from 'node:crypto';
import {
  buildBundle,
  decodeBundle,
  decodeClaims,
  encodeBundle,
  encodeClaims,
  gpuNonce,
  verifyBundle,
  BundlePolicyError,
  type BuildBundleInput,
  type WorkerClaims,
} from '../../attestation/bundle';
import { createGpuVerifyCache } from '../../attestation/gpu';
import { chrysalis } from '../../proto/generated/chrysalis';
import { CONFIG_DIGEST, verifyOptions } from '../../devnet/sim-bundle';
import { simulateGpuEvidence } from '../../devnet/nvidia';
import { simQuoteSetup } from './sim-quote-source';
import { thrownCode as codeOf } from '../helpers/codes';

const { intel, nvidia, events, baseInput } = simQuoteSetup();

const gpuSource: BuildBundleInput['gpuSource'] = {
  count: 1,
  getEvidence: async (nonce, index) => {
    const ev = simulateGpuEvidence(nvidia, { nonce, device: index });
    return { report: ev.report, certChain: ev.certChain, ...(ev.rims ? { rims: ev.rims } : {}) };
  },
};

async function build(over: Partial<BuildBundleInput> = {}, omit: readonly (keyof BuildBundleInput)[] = []) {
  const input: Record<string, unknown> = { ...(await baseInput()), gpuSource, ...over };
  for (const k of omit) delete input[k];
  return buildBundle(input as unknown as BuildBundleInput);
}

describe('claims bounds', () => {
  let claims: WorkerClaims;
  beforeAll(async () => {
    claims = (await build()).claims;
  });

  it.each<[string, Partial<WorkerClaims>]>([
    ['a short imageId', { imageId: new Uint8Array(31) }],
    ['a non-bytes modelId', { modelId: 'ab' as unknown as Uint8Array }],
    ['a 15-byte challenge', { brokerChallenge: new Uint8Array(15) }],
    ['a 65-byte challenge', { brokerChallenge: new Uint8Array(65) }],
    ['a 16-byte config digest', { configDigest: new Uint8Array(16) }],
    ['issuedAt 0', { issuedAt: 0 }],
    ['a fractional issuedAt', { issuedAt: 1.5 }],
    ['gpuCount 65', { gpuCount: 65 }],
    ['a negative gpuCount', { gpuCount: -1 }],
  ])('%s is BUNDLE_CLAIMS_FIELD_INVALID', (_name, change) => {
    expect(codeOf(() => encodeClaims({ ...claims, ...change }))).toBe('BUNDLE_CLAIMS_FIELD_INVALID');
  });

  it('an empty config digest is accepted; an unknown version is BUNDLE_CLAIMS_VERSION_UNSUPPORTED both ways', () => {
    expect(decodeClaims(encodeClaims({ ...claims, configDigest: new Uint8Array(0) })).configDigest).toHaveLength(0);
    expect(codeOf(() => encodeClaims({ ...claims, version: 2 }))).toBe('BUNDLE_CLAIMS_VERSION_UNSUPPORTED');
    const asProto = {
      ...claims,
      version: 2,
      promptPriceNano: claims.promptPriceNano.toString(),
      completionPriceNano: claims.completionPriceNano.toString(),
    };
    const v2 = chrysalis.v1.WorkerClaims.encode(
      chrysalis.v1.WorkerClaims.create(asProto as unknown as chrysalis.v1.IWorkerClaims),
    ).finish();
    expect(codeOf(() => decodeClaims(v2))).toBe('BUNDLE_CLAIMS_VERSION_UNSUPPORTED');
  });
});

describe('bundle encoding', () => {
  it('decodeBundle rejects non-bytes with TypeError and an unknown version with BUNDLE_VERSION_UNSUPPORTED', async () => {
    const b = await build();
    expect(() => decodeBundle([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
    const v2 = chrysalis.v1.EvidenceBundle.encode(
      chrysalis.v1.EvidenceBundle.create({ version: 2, claims: b.bundle.claims }),
    ).finish();
    expect(codeOf(() => decodeBundle(v2))).toBe('BUNDLE_VERSION_UNSUPPORTED');
  });

  it('optional parts round-trip: OCSP responses, a firmware log, no collateral, no RIMs', async () => {
    const b = await build({ tdxCollateralJson: '', firmwareEventLog: Uint8Array.of(1, 2, 3) });
    const g = b.bundle.gpus[0]!;
    const bundle = {
      ...b.bundle,
      gpus: [{ index: 0, report: g.report, certChain: g.certChain, ocsp: [Uint8Array.of(9)] }],
    };
    const back = decodeBundle(encodeBundle(bundle));
    expect(back.tdxCollateralJson).toBeUndefined();
    expect(back.firmwareEventLog).toEqual(Uint8Array.of(1, 2, 3));
    expect(back.gpus[0]!.rims).toBeUndefined();
    expect(back.gpus[0]!.ocsp).toEqual([Uint8Array.of(9)]);
  });

  it('gpuNonce rejects over-long challenges and bad indexes with RangeError', () => {
    const keys = { hpkePublicKey: new Uint8Array(32), signingPublicKey: new Uint8Array(32) };
    expect(() => gpuNonce(keys, new Uint8Array(256), 0)).toThrow(RangeError);
    expect(() => gpuNonce(keys, new Uint8Array(32), -1)).toThrow(RangeError);
    expect(() => gpuNonce(keys, new Uint8Array(32), 0.5)).toThrow(RangeError);
    expect(gpuNonce(keys, new Uint8Array(255), 3)).toHaveLength(32);
  });
});

describe('verifyBundle: the failing check is the one named', () => {
  it('claims naming another image or platform than the quote measured', async () => {
    const wrongImage = await build({ imageId: new Uint8Array(32).fill(1) });
    expect(codeOf(() => verifyBundle(wrongImage.encoded, verifyOptions()))).toBe('BUNDLE_IMAGE_ID_MISMATCH');
    const wrongPlatform = await build({ platformId: new Uint8Array(32).fill(1) });
    expect(codeOf(() => verifyBundle(wrongPlatform.encoded, verifyOptions()))).toBe('BUNDLE_PLATFORM_ID_MISMATCH');
  });

  it('collateral: missing, unusable, or supplied in the options', async () => {
    const none = await build({ tdxCollateralJson: '' });
    expect(codeOf(() => verifyBundle(none.encoded, verifyOptions()))).toBe('BUNDLE_COLLATERAL_MISSING');
    const junk = await build({ tdxCollateralJson: '{"not":"collateral"}' });
    expect(codeOf(() => verifyBundle(junk.encoded, verifyOptions()))).toBe('BUNDLE_TDX_INVALID');
  });

  it('a firmware event log that does not parse or replay is BUNDLE_EVENTLOG_MISMATCH', async () => {
    const b = await build({ firmwareEventLog: Uint8Array.of(1, 2, 3, 4) });
    expect(codeOf(() => verifyBundle(b.encoded, verifyOptions()))).toBe('BUNDLE_EVENTLOG_MISMATCH');
  });

  it('runtime records with an unknown version are BUNDLE_RTMR3_MISMATCH', async () => {
    const b = await build({ runtimeEvents: [{ ...events[0]!, version: 7 }, ...events.slice(1)] });
    expect(codeOf(() => verifyBundle(b.encoded, verifyOptions()))).toBe('BUNDLE_RTMR3_MISMATCH');
  });

  it('GPU entries: count, index order and evidence are each checked', async () => {
    const b = await build();
    const noGpus = { ...b.bundle, gpus: [] };
    expect(codeOf(() => verifyBundle(noGpus, verifyOptions()))).toBe('BUNDLE_GPU_COUNT_MISMATCH');
    const reindexed = { ...b.bundle, gpus: [{ ...b.bundle.gpus[0]!, index: 1 }] };
    expect(codeOf(() => verifyBundle(reindexed, verifyOptions()))).toBe('BUNDLE_GPU_INVALID');
    const bad = await build({
      gpuSource: {
        count: 1,
        getEvidence: async () => {
          const ev = simulateGpuEvidence(nvidia, { nonce: new Uint8Array(32) });
          return { report: ev.report, certChain: ev.certChain };
        },
      },
    });
    expect(codeOf(() => verifyBundle(bad.encoded, verifyOptions()))).toBe('BUNDLE_GPU_INVALID');
  });

  it('a config digest outside the allowlist is collected as POLICY_CONFIG_NOT_ALLOWED', async () => {
    const b = await build();
    const cfg = Buffer.from(CONFIG_DIGEST).toString('hex');
    expect(() =>
      verifyBundle(b.encoded, verifyOptions({ policy: { ...verifyOptions().policy, allowedConfigDigests: [cfg] } })),
    ).not.toThrow();
    const other = createHash('sha256').update('other config').digest('hex');
    try {
      verifyBundle(b.encoded, verifyOptions({ policy: { ...verifyOptions().policy, allowedConfigDigests: [other] } }));
      throw new Error('expected a policy error');
    } catch (e) {
      expect(e).toBeInstanceOf(BundlePolicyError);
      expect((e as BundlePolicyError).violations.map((v) => v.code)).toEqual(['POLICY_CONFIG_NOT_ALLOWED']);
    }
  });

  it('a verified bundle decoded from an object equals one verified from bytes', async () => {
    const b = await build({}, ['workerVersion', 'configDigest']);
    const runtime = {
      rules: events.map((e) => ({ name: e.name, kind: 'deterministic' as const, expected: e.payload })),
    };
    const opts = verifyOptions({ policy: { ...verifyOptions().policy, runtime } });
    const fromBytes = verifyBundle(b.encoded, opts);
    const fromObject = verifyBundle(b.bundle, opts);
    expect(fromObject.bundleDigest).toBe(fromBytes.bundleDigest);
    expect(fromBytes.claims.workerVersion).toBe('');
    expect(fromBytes.claims.configDigest).toHaveLength(0);
  });
});

describe('verifyBundle options and sparse encodings', () => {
  it('collateral, GPU OCSP policy and a GPU cache passed in the options are used', async () => {
    const b = await build({ tdxCollateralJson: '' });
    const opts = verifyOptions({
      collateral: intel.collateral,
      gpuCache: createGpuVerifyCache(),
      policy: { ...verifyOptions().policy, gpuOcsp: 'allow-missing' },
    });
    const w = verifyBundle(b.encoded, opts);
    expect(w.gpus).toEqual([
      {
        index: 0,
        driverVersion: '550.90.07',
        vbiosVersion: '96.00.9F.00.01',
        model: 'GH100',
        measurementsMatched: true,
      },
    ]);
    const required = verifyOptions({
      collateral: intel.collateral,
      policy: { ...verifyOptions().policy, gpuOcsp: 'require' },
    });
    expect(codeOf(() => verifyBundle(b.encoded, required))).toBe('BUNDLE_GPU_INVALID');
  });

  it('absent proto fields decode to their defaults', () => {
    const sparse = chrysalis.v1.EvidenceBundle.encode(
      chrysalis.v1.EvidenceBundle.create({ version: 1, gpus: [{}], runtimeEvents: [{}] }),
    ).finish();
    const b = decodeBundle(sparse);
    expect(b.gpus).toEqual([{ index: 0, report: new Uint8Array(0), certChain: [] }]);
    expect(b.runtimeEvents).toEqual([{ version: 0, name: '', payload: new Uint8Array(0), instanceSpecific: false }]);
    expect(b.claims).toEqual(new Uint8Array(0));
  });
});
