/**
 * The SDK verifies TDX quotes against Intel collateral it fetched itself (`verify.collateralSource`): asked for the
 * bundle's quote; its fresher collateral makes a prover's stale one refused (TDX_COLLATERAL_STALE); a failing
 * source falls back to the configured collateral, else the bundle's own.
 */
import { AttestationCache, defaultBundleVerifier, type BundleVerifyConfig } from '../../sdk/attested';
import type { SdkError } from '../../sdk/errors';
import { ownCollateralFor, type CollateralSource } from '../../attestation/collateral/own-collateral';
import type { Collateral } from '../../attestation/collateral';
import { createDevnetIntelPki } from '../../devnet/intel';
import { pkis, simulateBundle, verifyOptions } from '../../devnet/sim-bundle';

const { now, expectedChallenge: _c, ...base } = verifyOptions();
/** The same devnet Intel PKI with a later TCB evaluation (tcbEvaluationDataNumber 18): what a verifier fetches later. */
const fresher = createDevnetIntelPki({
  seed: 'bundle-test-intel',
  issuedAt: new Date('2025-06-02T00:00:00Z'),
  tcbEvaluationDataNumber: 18,
}).collateral;

const serving = (c: Collateral, quotes: Uint8Array[] = []): CollateralSource => ({
  getCollateralForQuote: async (q) => {
    quotes.push(q);
    return c;
  },
});
const down: CollateralSource = {
  getCollateralForQuote: async () => {
    throw Object.assign(new Error('PCS down'), { code: 'PCS_NETWORK_ERROR' });
  },
};

async function verifyWith(cfg: Partial<BundleVerifyConfig>): Promise<{ ok: boolean; error?: SdkError }> {
  const b = await simulateBundle();
  const cache = new AttestationCache(defaultBundleVerifier({ ...base, ...cfg }));
  try {
    const w = await cache.verify('w1', b.encoded, now);
    expect(Buffer.from(w.hpkePublicKey)).toEqual(Buffer.from(b.claims.hpkePublicKey));
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e as SdkError };
  }
}

describe('SDK: the verifier fetches its own Intel collateral', () => {
  test("the source is asked for the bundle's quote; its fresher collateral refuses the prover's stale one", async () => {
    const b = await simulateBundle();
    const quotes: Uint8Array[] = [];
    const cache = new AttestationCache(defaultBundleVerifier({ ...base, collateralSource: serving(fresher, quotes) }));
    const err = (await cache.verify('w1', b.encoded, now).catch((e: unknown) => e)) as SdkError;
    expect(err).toMatchObject({
      code: 'SDK_BUNDLE_INVALID',
      details: { causeCode: 'BUNDLE_TDX_INVALID', rootCode: 'TDX_COLLATERAL_STALE' },
      cause: { code: 'BUNDLE_TDX_INVALID', cause: { code: 'TDX_COLLATERAL_STALE' } },
    });
    expect(quotes).toHaveLength(1);
    expect(Buffer.from(quotes[0]!)).toEqual(Buffer.from(b.bundle.tdxQuote));
  });

  test('collateral as fresh as the bundle’s: verified', async () => {
    expect(await verifyWith({ collateralSource: serving(pkis().intel.collateral) })).toEqual({ ok: true });
  });

  test("a failing source falls back to the bundle's own collateral", async () => {
    expect(await verifyWith({ collateralSource: down })).toEqual({ ok: true });
  });

  test('a failing source falls back to the configured collateral first (here fresher: the bundle is refused)', async () => {
    const r = await verifyWith({ collateralSource: down, collateral: fresher });
    expect(r.ok).toBe(false);
    expect(r.error?.details).toMatchObject({ rootCode: 'TDX_COLLATERAL_STALE' });
  });

  test('without a source the configured collateral is used as before', async () => {
    const r = await verifyWith({ collateral: fresher });
    expect(r.error?.details).toMatchObject({ rootCode: 'TDX_COLLATERAL_STALE' });
  });
});

describe('ownCollateralFor', () => {
  test('an undecodable bundle never reaches the source and gets the fallback', async () => {
    const quotes: Uint8Array[] = [];
    expect(await ownCollateralFor(new Uint8Array([1, 2, 3]), serving(fresher, quotes), pkis().intel.collateral)).toBe(
      pkis().intel.collateral,
    );
    expect(await ownCollateralFor(new Uint8Array([1, 2, 3]), serving(fresher, quotes))).toBeUndefined();
    expect(quotes).toHaveLength(0);
  });

  test('no source: the fallback', async () => {
    expect(await ownCollateralFor(new Uint8Array(1), undefined, fresher)).toBe(fresher);
    expect(await ownCollateralFor(new Uint8Array(1), undefined)).toBeUndefined();
  });
});
