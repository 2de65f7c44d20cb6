/**
 * The verifier chooses the collateral (its own unless the prover's is at least as fresh; a lower
 * tcbEvaluationDataNumber from the prover is TDX_COLLATERAL_STALE) and the policy floor on tcbEvaluationDataNumber
 * (TDX_TCB_EVALUATION_TOO_OLD): devnet PKIs for the choice, recorded Intel collateral for the pinned floor.
 */
import 'reflect-metadata';
import { collateralFromJson } from '../../attestation/collateral';
import {
  chooseCollateral,
  collateralFreshness,
  MIN_TCB_EVALUATION_DATA_NUMBER,
  verifyQuote,
} from '../../attestation/tdx';
import { quotePolicyFromJson, quoteViolations } from '../../attestation/policy';
import { verifyBundle, encodeBundle, BundlePolicyError } from '../../attestation/bundle';
import { createDevnetIntelPki } from '../../devnet/intel';
import { simulateBundle, verifyOptions, pkis } from '../../devnet/sim-bundle';
import { describeVectors, readVector, readVectorJson } from '../helpers/vectors';

const SEED = 'bundle-test-intel'; // the devnet/sim-bundle Intel PKI: same keys, same root
const pki = (eval_: number, issuedAt: string) =>
  createDevnetIntelPki({ seed: SEED, issuedAt: new Date(issuedAt), tcbEvaluationDataNumber: eval_ });

function thrown(fn: () => unknown): { code?: string; cause?: { code?: string } } {
  try {
    fn();
  } catch (e) {
    return e as { code?: string; cause?: { code?: string } };
  }
  return { code: 'NO_ERROR' };
}

describe('chooseCollateral', () => {
  const own = pki(18, '2025-06-05T00:00:00Z').collateral;
  test('freshness reads the evaluation number and issue dates', () => {
    const f = collateralFreshness(own);
    expect(f.tcbEvaluationDataNumber).toBe(18);
    expect(f.tcbInfoIssueDate).toBe(Date.parse('2025-06-05T00:00:00Z'));
    expect(f.nextUpdate).toBeGreaterThan(f.tcbInfoIssueDate);
  });
  test('no prover collateral: the verifier own', () => {
    expect(chooseCollateral(own, undefined)).toBe(own);
  });
  test('prover lower evaluation number: TDX_COLLATERAL_STALE', () => {
    expect(thrown(() => chooseCollateral(own, pki(17, '2025-06-09T00:00:00Z').collateral)).code).toBe(
      'TDX_COLLATERAL_STALE',
    );
  });
  test('same evaluation number, older issue date: the prover collateral is ignored for the verifier own', () => {
    expect(chooseCollateral(own, pki(18, '2025-06-01T00:00:00Z').collateral)).toBe(own);
  });
  test('as fresh or fresher: the prover collateral is used', () => {
    const newer = pki(18, '2025-06-06T00:00:00Z').collateral;
    expect(chooseCollateral(own, newer)).toBe(newer);
    const higher = pki(19, '2025-06-01T00:00:00Z').collateral;
    expect(chooseCollateral(own, higher)).toBe(higher);
  });
  test('an unreadable prover collateral is ignored when the verifier has its own', () => {
    const broken = { ...own, tcbInfo: new TextEncoder().encode('{') };
    expect(chooseCollateral(own, broken)).toBe(own);
  });
});

describe('verifyBundle: the verifier chooses the collateral (devnet PKI)', () => {
  // The simulated bundle carries collateral with tcbEvaluationDataNumber 17, issued 2025-06-01.
  test('verifier collateral with a higher evaluation number refuses the bundle (cause TDX_COLLATERAL_STALE)', async () => {
    const b = await simulateBundle();
    const e = thrown(() =>
      verifyBundle(b.encoded, verifyOptions({ collateral: pki(18, '2025-06-02T00:00:00Z').collateral })),
    );
    expect(e.code).toBe('BUNDLE_TDX_INVALID');
    expect(e.cause?.code).toBe('TDX_COLLATERAL_STALE');
  });
  test('same evaluation number, verifier newer: verifies with the verifier own; without any: BUNDLE_COLLATERAL_MISSING', async () => {
    const b = await simulateBundle();
    const w = verifyBundle(b.encoded, verifyOptions({ collateral: pki(17, '2025-06-03T00:00:00Z').collateral }));
    expect(w.tcbStatus).toBe('UpToDate');
    const bare = encodeBundle({ ...b.bundle, tdxCollateralJson: '' });
    expect(thrown(() => verifyBundle(bare, verifyOptions())).code).toBe('BUNDLE_COLLATERAL_MISSING');
    expect(verifyBundle(bare, verifyOptions({ collateral: pkis().intel.collateral })).tcbStatus).toBe('UpToDate');
  });
  test('policy floor above the collateral: TDX_TCB_EVALUATION_TOO_OLD violation', async () => {
    const b = await simulateBundle();
    const opts = verifyOptions();
    const e = thrown(() =>
      verifyBundle(b.encoded, {
        ...opts,
        policy: { quote: { ...opts.policy!.quote, minTcbEvaluationDataNumber: 18 } },
      }),
    );
    expect(e).toBeInstanceOf(BundlePolicyError);
    expect((e as BundlePolicyError).violations.map((v) => v.code)).toContain('TDX_TCB_EVALUATION_TOO_OLD');
    // A devnet root: no floor by default (the pinned floor is for Intel-rooted quotes).
    expect(verifyBundle(b.encoded, opts).tcbStatus).toBe('UpToDate');
  });
});

describe('policy JSON: minTcbEvaluationDataNumber', () => {
  test('accepted as a non-negative integer, refused otherwise', () => {
    expect(quotePolicyFromJson({ minTcbEvaluationDataNumber: 17 }).minTcbEvaluationDataNumber).toBe(17);
    expect(() => quotePolicyFromJson({ minTcbEvaluationDataNumber: -1 })).toThrow(RangeError);
    expect(() => quotePolicyFromJson({ minTcbEvaluationDataNumber: '18' })).toThrow(RangeError);
  });
});

describeVectors('tdx')('the pinned floor on recorded Intel collateral', () => {
  const d = 'phala-dcap-qvl/sample/';
  test('the pinned floor is the highest tcbEvaluationDataNumber in the recorded Intel collateral', () => {
    const numbers = [
      'tdx_quote_collateral.json',
      'tdx_quote_outdated_collateral.json',
      'sgx_quote_collateral.json',
    ].map(
      (f) => collateralFreshness(collateralFromJson(readVector('tdx', d + f).toString('utf8'))).tcbEvaluationDataNumber,
    );
    expect(Math.max(...numbers)).toBe(MIN_TCB_EVALUATION_DATA_NUMBER);
    expect(readVectorJson<{ cases: unknown[] }>('tdx', 'MANIFEST.json').cases.length).toBeGreaterThan(0);
  });
  test('Intel-rooted collateral below the floor: TDX_TCB_EVALUATION_TOO_OLD by default, accepted with a lower floor', () => {
    const v = verifyQuote(
      readVector('tdx', d + 'tdx_quote'),
      collateralFromJson(readVector('tdx', d + 'tdx_quote_collateral.json').toString('utf8')),
      { now: new Date('2025-07-04T10:00:00Z') },
    );
    expect(v.tcbEvaluationDataNumber).toBe(17);
    expect(quoteViolations(v, {}).map((x) => x.code)).toEqual(['TDX_TCB_EVALUATION_TOO_OLD']);
    expect(quoteViolations(v, { minTcbEvaluationDataNumber: 17 })).toEqual([]);
  });
  test('collateral at the floor passes it', () => {
    const v = verifyQuote(
      readVector('tdx', 'google-go-tdx-guest/testing/testdata/quote_v5_sample.dat'),
      collateralFromJson(readVector('tdx', d + 'tdx_quote_outdated_collateral.json').toString('utf8')),
      { now: new Date('2026-03-05T10:00:00Z') },
    );
    expect(quoteViolations(v, {}).map((x) => x.code)).not.toContain('TDX_TCB_EVALUATION_TOO_OLD');
  });
});
