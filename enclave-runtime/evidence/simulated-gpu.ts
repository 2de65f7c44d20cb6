/**
 * SIMULATED GPU evidence: SPDM reports, device chain and signed RIMs from B's devnet NVIDIA-like PKI
 * (`attestation/gpu`: `createDevnetNvidiaPki`, `simulateGpuEvidence`), so the one GPU verifier runs unchanged and
 * only the trust roots differ (pass `pki.trust` as the verifier's NVIDIA roots; production policies never do).
 */
import type { BundleGpuEvidence } from '../../attestation/bundle';
import { createDevnetNvidiaPki, simulateGpuEvidence, type DevnetNvidiaPki } from '../../attestation/gpu';
import type { GpuEvidenceProvider } from './types';

/** B's devnet NVIDIA PKI for a seed. */
export function createDevnetGpuPki(seed: string): DevnetNvidiaPki {
  return createDevnetNvidiaPki({ seed });
}

export interface SimulatedGpuOptions {
  readonly pki: DevnetNvidiaPki;
  readonly count?: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  /** When set, OCSP responses valid at this time are included. */
  readonly ocspAt?: () => Date;
}

export function createSimulatedGpuProvider(opts: SimulatedGpuOptions): GpuEvidenceProvider {
  return {
    kind: 'simulated',
    count: opts.count ?? 1,
    async getEvidence(nonce: Uint8Array): Promise<Omit<BundleGpuEvidence, 'index'>> {
      const ev = simulateGpuEvidence(opts.pki, {
        nonce,
        ...(opts.driverVersion !== undefined ? { driverVersion: opts.driverVersion } : {}),
        ...(opts.vbiosVersion !== undefined ? { vbiosVersion: opts.vbiosVersion } : {}),
        ...(opts.ocspAt ? { ocspAt: opts.ocspAt() } : {}),
      });
      return {
        report: ev.report,
        certChain: ev.certChain,
        ...(ev.rims ? { rims: ev.rims } : {}),
        ...(ev.ocsp ? { ocsp: ev.ocsp } : {}),
      };
    },
  };
}
