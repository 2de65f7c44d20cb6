/**
 * SIMULATED GPU evidence: SPDM reports, device chains and signed RIMs from the devnet NVIDIA-like PKI
 * (`attestation/gpu`: `createDevnetNvidiaPki`, `simulateGpuEvidence`), so the one GPU verifier runs unchanged and
 * only the trust roots differ (pass `pki.trust` as the verifier's NVIDIA roots; production policies never do).
 * GPU `index` is the PKI's SIMULATED device `pki.devices[index]`: every GPU is a distinct device, as verifyBundle requires.
 */
import type { BundleGpuEvidence } from '../../attestation/bundle';
import {
  createDevnetNvidiaPki,
  simulateGpuEvidence,
  DEVNET_DEFAULT_GPU_DEVICES,
  type DevnetNvidiaPki,
} from '../nvidia';
import type { GpuEvidenceProvider } from '../../enclave-runtime/evidence/types';

/** The devnet NVIDIA PKI for a seed, with `devices` SIMULATED GPUs (default 8). */
export function createDevnetGpuPki(seed: string, devices: number = DEVNET_DEFAULT_GPU_DEVICES): DevnetNvidiaPki {
  return createDevnetNvidiaPki({ seed, devices });
}

export interface SimulatedGpuOptions {
  readonly pki: DevnetNvidiaPki;
  /** Number of GPUs (default 1); at most `pki.devices.length`. */
  readonly count?: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  /** When set, OCSP responses valid at this time are included. */
  readonly ocspAt?: () => Date;
}

export function createSimulatedGpuProvider(opts: SimulatedGpuOptions): GpuEvidenceProvider {
  const count = opts.count ?? 1;
  if (!Number.isInteger(count) || count < 0 || count > opts.pki.devices.length) {
    throw new RangeError(
      `SIMULATED GPU count must be an integer in 0..${opts.pki.devices.length} (devices in the devnet PKI)`,
    );
  }
  return {
    kind: 'simulated',
    count,
    async getEvidence(nonce: Uint8Array, index: number): Promise<Omit<BundleGpuEvidence, 'index'>> {
      if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`no SIMULATED GPU ${index}`);
      const ev = simulateGpuEvidence(opts.pki, {
        nonce,
        device: index,
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
