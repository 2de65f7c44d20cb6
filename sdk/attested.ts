/**
 * Bundle verification for the SDK: `verifyBundle` (attestation/bundle), run by the client itself,
 * fail-closed, with results cached by bundle digest in a bounded LRU. The cache stores only successes.
 */
import type { VerifyBundleOptions } from '../attestation/bundle/verify';
import type { CollateralSource } from '../attestation/collateral/own-collateral';
import { MAX_BUNDLE_BYTES } from '../attestation/bundle/bundle';
import { INTEL_SGX_ROOT_CA_SHA256 } from '../attestation/tdx/intel-root';
import { BundleCache, type BundleCacheOptions } from './bundle-cache';
import { sha256, toHex } from './bytes';
import { SdkError } from './errors';
import type { AttestedWorker, ModelPrice } from './types';

/** What the verifier learns from a bundle (the parts of `VerifiedWorker` the SDK uses). */
export interface BundleIdentity {
  readonly hpkePublicKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  readonly imageId: string;
  readonly platformId: string;
  readonly modelId: string;
  /** Prices committed in the claims. */
  readonly prices: ModelPrice;
  readonly tcbStatus?: string;
  /**
   * True when the quote's chain anchors to a root other than Intel's production root (the SIMULATED devnet roots a
   * trust file opted in to): not evidence of real hardware. Absent when the verifier does not say.
   */
  readonly simulatedRoots?: boolean;
  /**
   * When the evidence stops being valid (collateral nextUpdate, certificate notAfter, OCSP nextUpdate, bundle age):
   * a cached verdict never outlives it. Absent: only the cache's TTL applies.
   */
  readonly validUntil?: Date;
}

/**
 * The seam: verify bundle bytes at `now` or throw. The default wraps `verifyBundle` with the client's trust roots,
 * policy and registry snapshot; a test or an embedder may supply another (it must be fail-closed).
 */
export type BundleVerifier = (bundle: Uint8Array, now: Date) => BundleIdentity | Promise<BundleIdentity>;

/**
 * Options passed through to `verifyBundle` (everything but `now`). `registry` is required: no allowlist, no trust.
 * `collateralSource` (a PCS client: `createPcsClient`, or on Node `createNodePcsClient({ baseUrl, cacheDir })`)
 * fetches the client's own Intel collateral for each bundle's quote: a prover's older collateral is then refused
 * (BUNDLE_TDX_INVALID, cause TDX_COLLATERAL_STALE). When the fetch fails, `collateral` is used, else the bundle's own
 * (bounded by the policy's tcbEvaluationDataNumber floor).
 */
export type BundleVerifyConfig = Omit<VerifyBundleOptions, 'now' | 'expectedChallenge'> & {
  readonly collateralSource?: CollateralSource;
};

export function defaultBundleVerifier(cfg: BundleVerifyConfig): BundleVerifier {
  if (!cfg || !cfg.registry)
    throw new SdkError('SDK_CONFIG_INVALID', 'a registry snapshot is required to verify bundles');
  // Loaded on first use, so a client built with its own verifier never loads the whole attestation stack.
  let verify: typeof import('../attestation/bundle/verify').verifyBundle | undefined;
  const { collateralSource, ...opts } = cfg;
  const identity = (bundle: Uint8Array, now: Date, collateral: VerifyBundleOptions['collateral']): BundleIdentity => {
    verify ??= (require('../attestation/bundle/verify') as typeof import('../attestation/bundle/verify')).verifyBundle;
    const w = verify(bundle, { ...opts, ...(collateral ? { collateral } : {}), now });
    return {
      hpkePublicKey: w.hpkePublicKey,
      signingPublicKey: w.signingPublicKey,
      imageId: w.imageId,
      platformId: w.platformId,
      modelId: w.modelId,
      prices: w.prices,
      tcbStatus: w.tcbStatus,
      simulatedRoots: w.quote.rootSha256 !== INTEL_SGX_ROOT_CA_SHA256,
      validUntil: w.validUntil,
    };
  };
  if (!collateralSource) return (bundle, now) => identity(bundle, now, opts.collateral);
  return async (bundle, now) => {
    const own =
      require('../attestation/collateral/own-collateral') as typeof import('../attestation/collateral/own-collateral');
    return identity(bundle, now, await own.ownCollateralFor(bundle, collateralSource, opts.collateral));
  };
}

/** Verifies bundles through a `BundleVerifier`, caching successes by SHA-256 of the bundle bytes. */
export class AttestationCache {
  private readonly cache: BundleCache<BundleIdentity>;
  private readonly digests = new WeakMap<Uint8Array, string>();
  /** Counters for operators and benches (never includes keys or content). */
  readonly stats = { hits: 0, misses: 0, failures: 0 };

  constructor(
    private verifier: BundleVerifier,
    opts: BundleCacheOptions = {},
  ) {
    this.cache = new BundleCache<BundleIdentity>(opts);
  }

  /** Verifies with `verifier` from now on; every cached verdict is dropped (each bundle is verified again). */
  replaceVerifier(verifier: BundleVerifier): void {
    this.verifier = verifier;
    this.cache.clear();
  }

  /**
   * The attested identity of `bundle` for broker worker `workerId`. Throws SdkError SDK_BUNDLE_INVALID (cause: the
   * attestation error, `details.causeCode` its code) when verification fails.
   */
  async verify(workerId: string, bundle: Uint8Array, now: Date): Promise<AttestedWorker> {
    if (bundle.length === 0 || bundle.length > MAX_BUNDLE_BYTES) {
      this.stats.failures++;
      throw new SdkError('SDK_BUNDLE_INVALID', `worker bundle refused (BUNDLE_MALFORMED)`, {
        details: { workerId, causeCode: 'BUNDLE_MALFORMED', bytes: bundle.length },
      });
    }
    // The digest is memoised per byte array: a listing reused within its TTL is hashed once. Bundle arrays are
    // treated as immutable once handed to the SDK (HttpBrokerApi makes private copies).
    let digest = this.digests.get(bundle);
    if (digest === undefined) {
      digest = toHex(await sha256(bundle));
      this.digests.set(bundle, digest);
    }
    let id = this.cache.get(digest, now);
    if (id) this.stats.hits++;
    else {
      this.stats.misses++;
      try {
        id = await this.verifier(bundle, now);
      } catch (cause) {
        this.stats.failures++;
        const c = (cause as { code?: unknown; causeCode?: unknown } | null) ?? {};
        throw new SdkError(
          'SDK_BUNDLE_INVALID',
          `worker bundle refused (${typeof c.code === 'string' ? c.code : 'UNKNOWN'})`,
          {
            cause,
            details: {
              workerId,
              bundleDigest: digest,
              causeCode: typeof c.code === 'string' ? c.code : 'UNKNOWN',
              ...(typeof c.causeCode === 'string' ? { rootCode: c.causeCode } : {}),
            },
          },
        );
      }
      this.cache.set(digest, id, now, id.validUntil);
    }
    return {
      workerId,
      workerKey: toHex(id.signingPublicKey),
      hpkePublicKey: id.hpkePublicKey,
      signingPublicKey: id.signingPublicKey,
      imageId: id.imageId,
      platformId: id.platformId,
      modelId: id.modelId,
      prices: id.prices,
      bundleDigest: digest,
      ...(id.tcbStatus !== undefined ? { tcbStatus: id.tcbStatus } : {}),
      ...(id.simulatedRoots !== undefined ? { simulatedRoots: id.simulatedRoots } : {}),
    };
  }

  /** Forget one bundle (e.g. after its worker misbehaved) or all. */
  invalidate(digestHex?: string): void {
    if (digestHex === undefined) this.cache.clear();
    else this.cache.delete(digestHex);
  }

  get size(): number {
    return this.cache.size;
  }
}
