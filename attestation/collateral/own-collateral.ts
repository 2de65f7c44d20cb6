/**
 * The verifier's own Intel collateral for a bundle, shared by every verifier that fetches it (the broker's admission,
 * the SDK, the gateway): fetched for the bundle's quote from a collateral source (a PCS client); when that fails, the
 * configured collateral, else none, so that `verifyBundle` uses the bundle's own (bounded by the policy's
 * tcbEvaluationDataNumber floor). `verifyBundle` then keeps the bundle's collateral only when at least as fresh.
 */
import { decodeBundle } from '../bundle/bundle';
import type { Collateral } from './types';

/** Where a verifier gets collateral for a quote. `createPcsClient` / `createNodePcsClient` satisfy it. */
export interface CollateralSource {
  getCollateralForQuote(quote: Uint8Array): Promise<Collateral>;
}

/**
 * The collateral to pass to `verifyBundle` for `bundle`: `source`'s for the bundle's quote; `fallback` when there is
 * no source, the fetch fails (service unreachable, quote unsupported) or the bundle does not decode (`verifyBundle`
 * then reports that with its own code). Never throws.
 */
export async function ownCollateralFor(
  bundle: Uint8Array,
  source: CollateralSource | undefined,
  fallback?: Collateral,
): Promise<Collateral | undefined> {
  if (!source) return fallback;
  try {
    return await source.getCollateralForQuote(decodeBundle(bundle).tdxQuote);
  } catch {
    return fallback;
  }
}
