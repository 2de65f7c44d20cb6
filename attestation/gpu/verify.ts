/**
 * verifyGpuEvidence: SPDM report + device chain + nonce + FWID + (optional) RIMs + OCSP, offline and synchronous.
 * Order follows NVIDIA's local verifier (docs/reference/gpu-attestation.md §1). Verified device chains, anchor sets and
 * RIMs are cached by digest, so a warm call costs one parse, one hash of the chain and one ECDSA P-384 verification.
 */
import { timingSafeEqual, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { GpuVerifyError } from './errors';
import { parseGpuReport, SPDM_NONCE_LENGTH, type GpuEvidence, type GpuReport } from './parse';
import type { VerifiedChain } from './chain';
import type { DeviceCertFacts } from './device-cert';
import { isProductionSpki, NVIDIA_TRUST_ROOTS, type GpuTrustRoots } from './roots';
import { verifyRim, type VerifiedRim } from './rim';
import { compareMeasurements, type MeasurementComparison } from './compare';
import { checkOcsp, type OcspTarget } from './ocsp';
import type { FeatureMode, GpuOpaqueData } from './opaque';
import {
  anchorsFor,
  createGpuVerifyCache,
  verifyDevice,
  type CachedDevice,
  type GpuAnchors,
  type GpuVerifyCache,
} from './verify-device';

export { createGpuVerifyCache } from './verify-device';
export type { GpuVerifyCache } from './verify-device';

/**
 * - 'require': every device-chain and RIM-chain certificate (except leaf/root as NVIDIA does) needs a good OCSP response.
 * - 'allow-missing': SECURITY: fail-open on absent responses (offline use, public vectors carry none); responses that
 *   are present are still verified; `warnings` carries GPU_OCSP_MISSING.
 * - default: 'require' for chains anchored at NVIDIA's production roots, 'allow-missing' for other (devnet) roots.
 */
export type GpuOcspPolicy = 'require' | 'allow-missing';

export interface VerifyGpuOptions {
  readonly now: Date;
  /** The 32-byte nonce the relying party expects (request bytes 4..35). */
  readonly nonce: Uint8Array;
  /** Default: NVIDIA's pinned Device Identity and CoRIM signing roots. */
  readonly trust?: GpuTrustRoots;
  readonly ocspPolicy?: GpuOcspPolicy;
  /** Accept REVOKED(certificateHold) with a warning (nvtrust `--allow_hold_cert`). */
  readonly allowHoldCert?: boolean;
  /** Device chain length (nvtrust requires 5). */
  readonly chainLength?: number;
  /** Caches; default: a module-wide cache. */
  readonly cache?: GpuVerifyCache;
}

export interface GpuDeviceIdentity {
  /** Chip from the BROM certificate CN, e.g. `GH100` (H100/H200) or `GB100`. */
  readonly model: string;
  /** CN of the per-device BROM CA (NVAT `hwmodel`). */
  readonly hwModel: string;
  readonly ueid: string;
  readonly deviceId?: string;
  readonly fwid?: Uint8Array;
  /** false when the report has no FWID field (older firmware; NVAT then skips the check). */
  readonly fwidChecked: boolean;
  readonly anchorSpkiSha256: string;
  /** SHA-256 (hex) of the leaf certificate's SubjectPublicKeyInfo: the key that signed the report (device identity). */
  readonly leafSpkiSha256: string;
}

export interface GpuOcspResult {
  readonly status: 'good' | 'not-checked';
  readonly nextUpdate?: Date;
}

declare const verifiedGpuBrand: unique symbol;

/** Result of verifyGpuEvidence; branded so appraisal only receives verified data. */
export interface VerifiedGpu {
  readonly [verifiedGpuBrand]: true;
  readonly report: GpuReport;
  readonly nonce: Uint8Array;
  readonly driverVersion: string | undefined;
  readonly vbiosVersion: string | undefined;
  readonly device: GpuDeviceIdentity;
  readonly rims: { readonly driver?: VerifiedRim; readonly vbios?: VerifiedRim };
  /** null when no RIM was supplied. */
  readonly measurements: MeasurementComparison | null;
  readonly mode: {
    readonly featureMode?: FeatureMode;
    readonly protectedPcie?: boolean;
    readonly nvdec0Enabled?: boolean;
  };
  readonly ocsp: GpuOcspResult;
  /** End of the device chain's validity window (its earliest certificate notAfter). */
  readonly chainNotAfter: Date;
  /** true when anchored at NVIDIA's production roots. */
  readonly production: boolean;
  readonly warnings: readonly string[];
}

const defaultCache = createGpuVerifyCache();

function modelOf(hwModel: string): string {
  return hwModel.split(' ')[0] ?? hwModel;
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function ocspTargets(chain: VerifiedChain, skipLeaf: boolean): OcspTarget[] {
  const out: OcspTarget[] = [];
  const certs: readonly X509Certificate[] = chain.certs;
  for (let i = skipLeaf ? 1 : 0; i + 1 < certs.length; i++) out.push({ cert: certs[i]!, issuer: certs[i + 1]! });
  return out;
}

/**
 * Verify one GPU's evidence. Synchronous.
 * Throws GpuParseError (report/chain/RIM structure; see parseGpuReport, parseRim) or GpuVerifyError:
 * GPU_NONCE_INVALID, GPU_NONCE_MISMATCH, GPU_CERT_CHAIN_LENGTH, GPU_CERT_CHAIN_BROKEN, GPU_CERT_CHAIN_UNTRUSTED,
 * GPU_CERT_CONSTRAINTS_INVALID, GPU_RIM_CERT_CONSTRAINTS_INVALID,
 * GPU_CERT_EXPIRED, GPU_REPORT_SIGNATURE_INVALID, GPU_FWID_MISMATCH, GPU_RIM_* (signature, digest, chain, expiry,
 * version, conflict), GPU_OCSP_* (missing under 'require', malformed, untrusted responder, revoked, unknown, stale).
 * Measurement mismatches are not thrown: they are reported in `measurements` for `appraiseGpu`.
 */
export function verifyGpuEvidence(ev: Readonly<GpuEvidence>, opts: Readonly<VerifyGpuOptions>): VerifiedGpu {
  if (!(opts.now instanceof Date) || Number.isNaN(opts.now.getTime()))
    throw new TypeError('opts.now must be a valid Date');
  if (!(opts.nonce instanceof Uint8Array) || opts.nonce.length !== SPDM_NONCE_LENGTH) {
    throw new GpuVerifyError('GPU_NONCE_INVALID', 'expected nonce must be 32 bytes');
  }
  const cache = opts.cache ?? defaultCache;
  const trust = opts.trust ?? NVIDIA_TRUST_ROOTS;
  const anchors = anchorsFor(trust, cache);
  const warnings: string[] = [];

  // 1. Parse (structure only).
  const report = parseGpuReport(ev.report);
  // 2. Device chain to the pinned root (cached by digest).
  const device = verifyDevice(ev.certChain, anchors, opts.now, opts.chainLength ?? 5, cache);
  // 3. Report signature: ECDSA P-384 / SHA-384 over request||response up to the signature (raw r||s).
  verifyReportSignature(report, device.chain);
  // 4. Nonce freshness (inside the signed range).
  if (!eq(report.request.nonce, opts.nonce))
    throw new GpuVerifyError('GPU_NONCE_MISMATCH', 'report nonce differs from the expected nonce');
  // 5. FWID: opaque field 20 == FWID of the leaf certificate (skipped when the report has none, as NVAT does).
  const fwidChecked = checkFwid(report, device.facts, warnings);
  // 6. RIMs: signature + chain + version binding, then golden measurements.
  const rims = verifyRims(ev, report, anchors, opts.now, cache);
  const measurements =
    rims.driver || rims.vbios
      ? compareMeasurements(report, {
          ...(rims.driver ? { driver: rims.driver.measurements } : {}),
          ...(rims.vbios ? { vbios: rims.vbios.measurements } : {}),
        })
      : null;
  // 7. OCSP.
  const production =
    isProductionSpki(device.chain.anchorSpkiSha256) ||
    Object.values(rims).some((r) => r !== undefined && isProductionSpki(rimChain(r).anchorSpkiSha256));
  const policy: GpuOcspPolicy = opts.ocspPolicy ?? (production ? 'require' : 'allow-missing');
  const ocsp = checkEvidenceOcsp(ev, device.chain, rims, policy, opts, cache, warnings);

  return Object.freeze({
    report,
    nonce: report.request.nonce,
    driverVersion: report.response.opaque.driverVersion,
    vbiosVersion: report.response.opaque.vbiosVersion,
    device: deviceIdentity(device, fwidChecked),
    rims: Object.freeze(rims),
    measurements,
    mode: Object.freeze(modeOf(report.response.opaque)),
    ocsp: Object.freeze(ocsp),
    chainNotAfter: new Date(device.chain.notAfter),
    production,
    warnings: Object.freeze(warnings),
  }) as unknown as VerifiedGpu;
}

function verifyReportSignature(report: GpuReport, chain: VerifiedChain): void {
  const sigOk = cryptoVerify(
    'sha384',
    report.signedBytes,
    { key: chain.leafKey, dsaEncoding: 'ieee-p1363' },
    report.response.signature,
  );
  if (!sigOk)
    throw new GpuVerifyError(
      'GPU_REPORT_SIGNATURE_INVALID',
      'report signature does not verify with the device leaf key',
    );
}

/** True when the report's FWID was compared with the leaf certificate's; warns when the report has none. */
function checkFwid(report: GpuReport, facts: DeviceCertFacts, warnings: string[]): boolean {
  const reportFwid = report.response.opaque.fwid;
  if (reportFwid === undefined) {
    warnings.push('GPU_FWID_NOT_IN_REPORT');
    return false;
  }
  if (facts.fwid === undefined || !eq(reportFwid, facts.fwid)) {
    throw new GpuVerifyError('GPU_FWID_MISMATCH', 'FWID in the report differs from the device certificate');
  }
  return true;
}

/** Verifies the supplied driver and VBIOS RIMs and binds each to the version the report states. */
function verifyRims(
  ev: Readonly<GpuEvidence>,
  report: GpuReport,
  anchors: GpuAnchors,
  now: Date,
  cache: GpuVerifyCache,
): { driver?: VerifiedRim; vbios?: VerifiedRim } {
  const driverVersion = report.response.opaque.driverVersion;
  const vbiosVersion = report.response.opaque.vbiosVersion;
  const rims: { driver?: VerifiedRim; vbios?: VerifiedRim } = {};
  if (ev.rims?.driver !== undefined) {
    const r = verifyRim(ev.rims.driver, anchors.rim, anchors.key, now, cache);
    if (driverVersion === undefined || r.version !== driverVersion) {
      throw new GpuVerifyError('GPU_RIM_VERSION_MISMATCH', 'driver RIM version differs from the report', {
        details: { rim: r.version, report: driverVersion },
      });
    }
    rims.driver = r;
  }
  if (ev.rims?.vbios !== undefined) {
    const r = verifyRim(ev.rims.vbios, anchors.rim, anchors.key, now, cache);
    if (vbiosVersion === undefined || r.version.toLowerCase() !== vbiosVersion.toLowerCase()) {
      throw new GpuVerifyError('GPU_RIM_VERSION_MISMATCH', 'VBIOS RIM version differs from the report', {
        details: { rim: r.version, report: vbiosVersion },
      });
    }
    rims.vbios = r;
  }
  return rims;
}

function rimChain(r: VerifiedRim): VerifiedChain {
  return (r as VerifiedRim & { chain: VerifiedChain }).chain;
}

/** Checks the supplied OCSP responses, or applies `policy` when there are none. */
function checkEvidenceOcsp(
  ev: Readonly<GpuEvidence>,
  deviceChain: VerifiedChain,
  rims: { driver?: VerifiedRim; vbios?: VerifiedRim },
  policy: GpuOcspPolicy,
  opts: Readonly<VerifyGpuOptions>,
  cache: GpuVerifyCache,
  warnings: string[],
): GpuOcspResult {
  const targets = [
    ...ocspTargets(deviceChain, true),
    ...Object.values(rims).flatMap((r) => (r ? ocspTargets(rimChain(r), false) : [])),
  ];
  if (ev.ocsp && ev.ocsp.length > 0) {
    const res = checkOcsp(ev.ocsp, targets, opts.now, {
      allowHold: opts.allowHoldCert === true,
      cache: cache.ocsp,
      responderRoots: responderRootsOf(opts.trust),
    });
    warnings.push(...res.warnings);
    return { status: 'good', nextUpdate: res.nextUpdate };
  }
  if (policy === 'require') {
    throw new GpuVerifyError('GPU_OCSP_MISSING', 'no OCSP responses supplied and the OCSP policy requires them');
  }
  // SECURITY: explicit fail-open on missing OCSP ('allow-missing' or a non-production root); surfaced as a warning.
  warnings.push('GPU_OCSP_MISSING');
  return { status: 'not-checked' };
}

const responderRootsMemo = new WeakMap<GpuTrustRoots, X509Certificate[]>();
function responderRootsOf(trust: GpuTrustRoots | undefined): X509Certificate[] {
  const ders = trust?.ocspResponderRootDer;
  if (!trust || !ders || ders.length === 0) return [];
  let roots = responderRootsMemo.get(trust);
  if (!roots) {
    roots = ders.map((d) => new X509Certificate(d));
    responderRootsMemo.set(trust, roots);
  }
  return roots;
}

function modeOf(opaque: GpuOpaqueData): {
  featureMode?: FeatureMode;
  protectedPcie?: boolean;
  nvdec0Enabled?: boolean;
} {
  const mode: { featureMode?: FeatureMode; protectedPcie?: boolean; nvdec0Enabled?: boolean } = {};
  if (opaque.featureMode !== undefined) mode.featureMode = opaque.featureMode;
  if (opaque.protectedPcieStatus !== undefined) mode.protectedPcie = opaque.protectedPcieStatus === 0xaa;
  if (opaque.nvdec0Status !== undefined) mode.nvdec0Enabled = opaque.nvdec0Status === 0xaa;
  return mode;
}

function deviceIdentity(device: CachedDevice, fwidChecked: boolean): GpuDeviceIdentity {
  return Object.freeze({
    model: modelOf(device.hwModel),
    hwModel: device.hwModel,
    ueid: device.facts.ueid,
    ...(device.facts.deviceId !== undefined ? { deviceId: device.facts.deviceId } : {}),
    ...(device.facts.fwid !== undefined ? { fwid: device.facts.fwid } : {}),
    fwidChecked,
    anchorSpkiSha256: device.chain.anchorSpkiSha256,
    leafSpkiSha256: device.leafSpkiSha256,
  });
}

/** RIM ids as NVIDIA's RIM service names them (docs/reference/gpu-attestation.md §5.1). */
export function gpuRimIds(report: GpuReport): { driver?: string; vbios?: string } {
  const o = report.response.opaque;
  const out: { driver?: string; vbios?: string } = {};
  if (o.driverVersion) out.driver = `NV_GPU_DRIVER_GH100_${o.driverVersion}`;
  if (o.vbiosVersion && o.project && o.projectSku && o.chipSku) {
    out.vbios = `NV_GPU_VBIOS_${o.project}_${o.projectSku}_${o.chipSku}_${o.vbiosVersion.replace(/\./g, '').toUpperCase()}`;
  }
  return out;
}
