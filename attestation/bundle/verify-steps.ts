/**
 * The verification steps of verifyBundle (verify layer), in the order it runs them. Each checks one thing and throws
 * BundleVerifyError at the first failure; none appraises policy (appraise-bundle.ts does).
 */
import { decodeBundle, encodeBundle, bundleDigest, type EvidenceBundle } from './bundle';
import { decodeClaims, type WorkerClaims } from './claims';
import { bindingReportData } from './binding';
import { BundleVerifyError } from './errors';
import { toRuntimeEvent } from './runtime-events';
import type { VerifyBundleOptions } from './verify-types';
import { chooseCollateral, verifyQuote, type TdMeasurements, type VerifiedQuote, type VerifiedTdxQuote } from '../tdx';
import { collateralFromJson, type Collateral } from '../collateral';
import { imageId as computeImageId, platformId as computePlatformId } from '../policy';
import { parseEventLog, assertLogMatchesQuote, replayRuntimeLog, type RuntimeEvent } from '../eventlog';
import { toHex } from '../../core/bytes';

export const eq = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

/** The `code` of a thrown value, or 'UNKNOWN'. */
export function codeOf(err: unknown): string {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'UNKNOWN';
}

export interface DecodedBundle {
  readonly bundle: EvidenceBundle;
  /** Hex digest of the encoded bundle. */
  readonly digest: string;
  readonly claims: WorkerClaims;
}

/** Decodes the bundle (when given bytes), digests its encoding and decodes its canonical claims (parse layer). */
export function decodeAndCheckClaims(input: Uint8Array | EvidenceBundle): DecodedBundle {
  const encoded = input instanceof Uint8Array ? input : null;
  const bundle = encoded ? decodeBundle(encoded) : (input as EvidenceBundle);
  const digest = bundleDigest(encoded ?? encodeBundle(bundle));
  return { bundle, digest, claims: decodeClaims(bundle.claims) };
}

/**
 * The verifier chooses the collateral: its own (`opts.collateral`, fetched or configured) unless the bundle's is at
 * least as fresh (`chooseCollateral`); the bundle's only when the verifier has none. BUNDLE_TDX_INVALID if the
 * bundle's is unusable and the verifier has none, or older than the verifier's (cause TDX_COLLATERAL_STALE);
 * BUNDLE_COLLATERAL_MISSING if neither has any.
 */
function collateralFor(bundle: EvidenceBundle, opts: VerifyBundleOptions): Collateral {
  let prover: Collateral | undefined;
  if (bundle.tdxCollateralJson) {
    try {
      prover = collateralFromJson(bundle.tdxCollateralJson);
    } catch (cause) {
      if (!opts.collateral)
        throw new BundleVerifyError('BUNDLE_TDX_INVALID', `bundle collateral unusable (${codeOf(cause)})`, { cause });
    }
  }
  if (opts.collateral) {
    try {
      return chooseCollateral(opts.collateral, prover);
    } catch (cause) {
      throw new BundleVerifyError('BUNDLE_TDX_INVALID', `bundle collateral refused (${codeOf(cause)})`, { cause });
    }
  }
  if (prover) return prover;
  throw new BundleVerifyError('BUNDLE_COLLATERAL_MISSING', 'no Intel collateral in the bundle or options');
}

/** The TDX quote under Intel's (or the explicitly supplied) roots. BUNDLE_TDX_INVALID unless a valid TDX quote. */
export function verifyQuotePart(bundle: EvidenceBundle, opts: VerifyBundleOptions): VerifiedTdxQuote {
  const collateral = collateralFor(bundle, opts);
  const now = opts.now;
  let verified: VerifiedQuote;
  try {
    verified = verifyQuote(bundle.tdxQuote, collateral, opts.trust?.intel ? { now, trust: opts.trust.intel } : { now });
  } catch (cause) {
    throw new BundleVerifyError('BUNDLE_TDX_INVALID', `TDX quote rejected (${codeOf(cause)})`, { cause });
  }
  if (verified.teeType !== 'TDX') {
    throw new BundleVerifyError('BUNDLE_TDX_INVALID', 'the quote is not a TDX quote');
  }
  return verified;
}

/** The binding: REPORTDATA commits to the exact claims bytes. BUNDLE_REPORT_DATA_MISMATCH otherwise. */
export function checkBinding(bundle: EvidenceBundle, m: TdMeasurements): void {
  if (!eq(m.reportData, bindingReportData(bundle.claims))) {
    throw new BundleVerifyError('BUNDLE_REPORT_DATA_MISMATCH', 'REPORTDATA is not SHA-512(claims)');
  }
}

export interface MeasuredIdentity {
  readonly imageId: string;
  readonly platformId: string;
}

/** Identities claimed are the identities measured. BUNDLE_IMAGE_ID_MISMATCH / BUNDLE_PLATFORM_ID_MISMATCH otherwise. */
export function checkIdentity(m: TdMeasurements, claims: WorkerClaims): MeasuredIdentity {
  const imageId = computeImageId(m);
  const platformId = computePlatformId(m);
  if (imageId !== toHex(claims.imageId))
    throw new BundleVerifyError('BUNDLE_IMAGE_ID_MISMATCH', 'claims.image_id differs from the quote');
  if (platformId !== toHex(claims.platformId)) {
    throw new BundleVerifyError('BUNDLE_PLATFORM_ID_MISMATCH', 'claims.platform_id differs from the quote');
  }
  return { imageId, platformId };
}

/** RTMR3: the runtime records replay to the quote's register. Returns the events (for appraisal). BUNDLE_RTMR3_MISMATCH otherwise. */
export function replayRuntime(bundle: EvidenceBundle, m: TdMeasurements): RuntimeEvent[] {
  let events: RuntimeEvent[];
  let rtmr3: Uint8Array;
  try {
    events = bundle.runtimeEvents.map(toRuntimeEvent);
    rtmr3 = replayRuntimeLog(events);
  } catch (cause) {
    throw new BundleVerifyError('BUNDLE_RTMR3_MISMATCH', `runtime events malformed (${codeOf(cause)})`, { cause });
  }
  if (!eq(rtmr3, m.rtmr3))
    throw new BundleVerifyError('BUNDLE_RTMR3_MISMATCH', 'runtime events do not replay to RTMR3');
  return events;
}

/** The firmware event log (CCEL), when carried, replays to RTMR0..RTMR2 of the quote. BUNDLE_EVENTLOG_MISMATCH otherwise. */
export function checkFirmwareLog(bundle: EvidenceBundle, m: TdMeasurements): void {
  if (!bundle.firmwareEventLog) return;
  try {
    assertLogMatchesQuote(parseEventLog(bundle.firmwareEventLog), [m.rtmr0, m.rtmr1, m.rtmr2, m.rtmr3], [0, 1, 2]);
  } catch (cause) {
    throw new BundleVerifyError(
      'BUNDLE_EVENTLOG_MISMATCH',
      `firmware event log does not match the quote (${codeOf(cause)})`,
      { cause },
    );
  }
}

/** issued_at within [now - maxAge, now + skew] and the expected challenge answered. BUNDLE_FROM_FUTURE / BUNDLE_CHALLENGE_MISMATCH / BUNDLE_STALE. */
export function checkFreshness(claims: WorkerClaims, opts: VerifyBundleOptions): void {
  const nowS = Math.floor(opts.now.getTime() / 1000);
  const maxAge = opts.policy?.maxAgeSeconds ?? 3600;
  const skew = opts.policy?.maxFutureSkewSeconds ?? 120;
  if (claims.issuedAt > nowS + skew)
    throw new BundleVerifyError('BUNDLE_FROM_FUTURE', 'claims.issued_at is in the future');
  if (opts.expectedChallenge && !eq(opts.expectedChallenge, claims.brokerChallenge)) {
    throw new BundleVerifyError('BUNDLE_CHALLENGE_MISMATCH', 'the bundle answers another challenge');
  }
  if (nowS - claims.issuedAt > maxAge) throw new BundleVerifyError('BUNDLE_STALE', `claims older than ${maxAge} s`);
}
