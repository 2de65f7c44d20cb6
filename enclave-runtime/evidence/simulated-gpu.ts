/**
 * SIMULATED GPU evidence: SPDM reports signed by B's devnet NVIDIA-like PKI (`attestation/gpu`,
 * `createDevnetNvidiaPki` / `simulateGpuEvidence`), so the one GPU verifier runs unchanged with devnet roots.
 * Resolved at call time: if this build's attestation/gpu does not (yet) export the simulator, the provider fails
 * with WORKER_ATTESTATION_UNAVAILABLE instead of failing to load.
 */
import type { BundleGpuEvidence } from '../../attestation/bundle';
import { WorkerError } from '../errors';
import type { GpuEvidenceProvider } from './types';

type SimFn = (pki: unknown, o: { nonce: Uint8Array; driverVersion?: string; vbiosVersion?: string }) => {
  report: Uint8Array;
  certChain: Uint8Array[];
  rims?: { driver?: string; vbios?: string };
  ocsp?: Uint8Array[];
};

function gpuModule(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../attestation/gpu') as Record<string, unknown>;
}

/** Create B's devnet NVIDIA PKI (`createDevnetNvidiaPki({ seed })`). Throws WORKER_ATTESTATION_UNAVAILABLE if absent. */
export function createDevnetGpuPki(seed: string): unknown {
  const f = gpuModule().createDevnetNvidiaPki;
  if (typeof f !== 'function') throw new WorkerError('WORKER_ATTESTATION_UNAVAILABLE', 'attestation/gpu has no createDevnetNvidiaPki');
  return (f as (o: { seed: string }) => unknown)({ seed });
}

export interface SimulatedGpuOptions {
  /** B's DevnetNvidiaPki. */
  readonly pki: unknown;
  readonly count?: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
}

export function createSimulatedGpuProvider(opts: SimulatedGpuOptions): GpuEvidenceProvider {
  return {
    kind: 'simulated',
    count: opts.count ?? 1,
    async getEvidence(nonce: Uint8Array): Promise<Omit<BundleGpuEvidence, 'index'>> {
      const sim = gpuModule().simulateGpuEvidence;
      if (typeof sim !== 'function') throw new WorkerError('WORKER_ATTESTATION_UNAVAILABLE', 'attestation/gpu has no simulateGpuEvidence');
      const o: { nonce: Uint8Array; driverVersion?: string; vbiosVersion?: string } = { nonce };
      if (opts.driverVersion) o.driverVersion = opts.driverVersion;
      if (opts.vbiosVersion) o.vbiosVersion = opts.vbiosVersion;
      const ev = (sim as SimFn)(opts.pki, o);
      const out: { report: Uint8Array; certChain: Uint8Array[]; rims?: { driver?: string; vbios?: string }; ocsp?: Uint8Array[] } = {
        report: ev.report,
        certChain: ev.certChain,
      };
      if (ev.rims) out.rims = ev.rims;
      if (ev.ocsp) out.ocsp = ev.ocsp;
      return out;
    },
  };
}
