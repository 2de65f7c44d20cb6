/** Broker admission fetches its own Intel collateral per quote: a prover's staler collateral is refused. */
import 'reflect-metadata';
import { attestationBundleVerifier } from '../../broker/adapters';
import { createDevnetIntelPki } from '../../devnet/intel';
import { registryFor, simulateBundle, verifyOptions } from '../../devnet/sim-bundle';
import type { Collateral } from '../../attestation/collateral';

const registry = { snapshot: async () => ({ version: 1, ...registryFor() }) };
const base = verifyOptions();
const fresher = createDevnetIntelPki({
  seed: 'bundle-test-intel',
  issuedAt: new Date('2025-06-02T00:00:00Z'),
  tcbEvaluationDataNumber: 18,
}).collateral;

function verifier(pcs: { getCollateralForQuote(q: Uint8Array): Promise<Collateral> }) {
  return attestationBundleVerifier({
    registry: registry as never,
    trust: base.trust!,
    policy: base.policy!,
    pcs,
  });
}

describe('broker admission: the verifier chooses the collateral', () => {
  test('its own fetched collateral is newer (tcbEvaluationDataNumber): the bundle is refused, TDX_COLLATERAL_STALE', async () => {
    const b = await simulateBundle();
    const quotes: Uint8Array[] = [];
    const v = verifier({
      getCollateralForQuote: async (q) => {
        quotes.push(q);
        return fresher;
      },
    });
    await expect(v.verify(b.encoded, { now: base.now, challenge: b.challenge })).rejects.toMatchObject({
      code: 'BUNDLE_TDX_INVALID',
      cause: { code: 'TDX_COLLATERAL_STALE' },
    });
    expect(Buffer.from(quotes[0]!)).toEqual(Buffer.from(b.bundle.tdxQuote));
  });

  test('PCS unreachable: the bundle is verified with its own collateral', async () => {
    const b = await simulateBundle();
    const v = verifier({
      getCollateralForQuote: async () => {
        throw Object.assign(new Error('down'), { code: 'PCS_NETWORK_ERROR' });
      },
    });
    const id = await v.verify(b.encoded, { now: base.now, challenge: b.challenge });
    expect(Buffer.from(id.hpkePublicKey)).toEqual(Buffer.from(b.claims.hpkePublicKey));
  });
});
