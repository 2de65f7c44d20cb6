/**
 * The GPU steps of verifyBundle (verify layer): every report signed over the nonce derived from the worker's keys,
 * the broker's challenge and its index, its digest in the claims, and one physical device per entry.
 */
import type { EvidenceBundle } from './bundle';
import type { WorkerClaims } from './claims';
import { gpuEvidenceDigest, gpuNonce } from './binding';
import { BundleVerifyError } from './errors';
import { codeOf, eq } from './verify-steps';
import type { VerifiedGpuSummary, VerifyBundleOptions } from './verify-types';
import { verifyGpuEvidence, type VerifiedGpu } from '../gpu';

type BundleGpu = EvidenceBundle['gpus'][number];

/**
 * Verifies every GPU entry of the bundle. BUNDLE_GPU_COUNT_MISMATCH, BUNDLE_GPU_INVALID, BUNDLE_GPU_DIGEST_MISMATCH,
 * BUNDLE_GPU_DUPLICATE_DEVICE at the first failure.
 */
export function verifyGpus(bundle: EvidenceBundle, claims: WorkerClaims, opts: VerifyBundleOptions): VerifiedGpu[] {
  if (bundle.gpus.length !== claims.gpuCount) {
    throw new BundleVerifyError(
      'BUNDLE_GPU_COUNT_MISMATCH',
      `claims name ${claims.gpuCount} GPUs, bundle has ${bundle.gpus.length}`,
    );
  }
  assertGpuIndexes(bundle.gpus);
  if (!eq(gpuEvidenceDigest(bundle.gpus), claims.gpuEvidenceDigest)) {
    throw new BundleVerifyError('BUNDLE_GPU_DIGEST_MISMATCH', 'GPU evidence differs from the digest in the claims');
  }
  const results = bundle.gpus.map((g) => verifyOneGpu(g, claims, opts));
  // Distinct devices: one GPU cannot answer for several slots (each report is freshly signed over its own nonce,
  // so without this a single device's chain could be presented n times to claim n GPUs).
  assertDistinctGpus(results);
  return results;
}

function assertGpuIndexes(gpus: readonly BundleGpu[]): void {
  const indexes = new Set<number>();
  gpus.forEach((g, i) => {
    if (g.index !== i || indexes.has(g.index))
      throw new BundleVerifyError('BUNDLE_GPU_INVALID', 'GPU indexes must be 0..n-1 in order');
    indexes.add(g.index);
  });
}

function verifyOneGpu(g: BundleGpu, claims: WorkerClaims, opts: VerifyBundleOptions): VerifiedGpu {
  const nonce = gpuNonce(claims, claims.brokerChallenge, g.index);
  try {
    const ev = {
      report: g.report,
      certChain: [...g.certChain],
      ...(g.rims ? { rims: g.rims } : {}),
      ...(g.ocsp ? { ocsp: [...g.ocsp] } : {}),
    };
    return verifyGpuEvidence(ev, {
      now: opts.now,
      nonce,
      ...(opts.trust?.nvidia ? { trust: opts.trust.nvidia } : {}),
      ...(opts.policy?.gpuOcsp ? { ocspPolicy: opts.policy.gpuOcsp } : {}),
      ...(opts.gpuCache ? { cache: opts.gpuCache } : {}),
    });
  } catch (cause) {
    throw new BundleVerifyError('BUNDLE_GPU_INVALID', `GPU ${g.index} evidence rejected (${codeOf(cause)})`, {
      cause,
      details: { index: g.index },
    });
  }
}

/**
 * SECURITY (fail closed): two GPU entries naming the same device by any identity (leaf-certificate public key, UEID =
 * leaf serial, NVIDIA SAN device id) reject the bundle with BUNDLE_GPU_DUPLICATE_DEVICE.
 */
function assertDistinctGpus(gpus: readonly VerifiedGpu[]): void {
  const seen = new Map<string, number>();
  gpus.forEach((g, index) => {
    const d = g.device;
    const ids = [
      `spki:${d.leafSpkiSha256}`,
      `ueid:${d.ueid}`,
      ...(d.deviceId !== undefined ? [`id:${d.deviceId}`] : []),
    ];
    for (const id of ids) {
      const first = seen.get(id);
      if (first !== undefined) {
        throw new BundleVerifyError('BUNDLE_GPU_DUPLICATE_DEVICE', `GPU ${index} is the same device as GPU ${first}`, {
          details: { index, duplicateOf: first, identity: id.slice(0, id.indexOf(':')) },
        });
      }
    }
    for (const id of ids) seen.set(id, index);
  });
}

/**
 * When the GPUs' evidence stops being valid (ms since epoch): the earliest device-chain notAfter, RIM signer notAfter
 * and OCSP nextUpdate among them; Infinity when there are none.
 */
export function gpusValidUntilMs(gpus: readonly VerifiedGpu[]): number {
  const ends: number[] = [];
  for (const g of gpus) {
    ends.push(g.chainNotAfter.getTime());
    for (const r of [g.rims.driver, g.rims.vbios]) if (r) ends.push(r.signerNotAfter.getTime());
    if (g.ocsp.nextUpdate) ends.push(g.ocsp.nextUpdate.getTime());
  }
  return Math.min(Infinity, ...ends.filter((t) => !Number.isNaN(t)));
}

/** The public summary of one verified GPU. */
export function summarizeGpu(r: VerifiedGpu, index: number): VerifiedGpuSummary {
  return {
    index,
    ...(r.driverVersion !== undefined ? { driverVersion: r.driverVersion } : {}),
    ...(r.vbiosVersion !== undefined ? { vbiosVersion: r.vbiosVersion } : {}),
    model: r.device.model,
    ...(r.measurements ? { measurementsMatched: r.measurements.matched } : {}),
  };
}
