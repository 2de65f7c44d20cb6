/**
 * SIMULATED GPU evidence for the devnet: byte-exact SPDM 1.1 GET_MEASUREMENTS request||response signed by the devnet
 * device leaf key, driver and VBIOS RIMs (SWID XML signed with xml-crypto, ECDSA P-384, C14N 1.1 declared), and OCSP
 * responses signed by the devnet CAs. Verified by the same verifyGpuEvidence with `trust: pki.trust`; rejected under the
 * default (NVIDIA) roots.
 */
import type { GpuEvidence } from '../../attestation/gpu/parse';
import { deviceMaterial } from './device-material';
import { simulateOcspResponses } from './ocsp-sim';
import type { DevnetNvidiaPki } from './pki';
import { simulateDevnetRim } from './rim-sim';
import { simulateGpuReport } from './spdm-report';

export interface SimulateGpuOptions {
  readonly nonce: Uint8Array;
  /** Which of the PKI's SIMULATED devices answers (`pki.devices[device]`); default 0. */
  readonly device?: number;
  readonly driverVersion?: string;
  readonly vbiosVersion?: string;
  /** Include OCSP responses (good, valid for a day from `ocspAt`). Default: none. */
  readonly ocspAt?: Date;
}

export const DEVNET_DEFAULT_DRIVER_VERSION = '550.90.07';
export const DEVNET_DEFAULT_VBIOS_VERSION = '96.00.9F.00.01';

/**
 * SIMULATED evidence for one GPU (`pki.devices[device]`, default 0): report for `nonce`, that device's chain (DER, leaf
 * first), both signed RIMs, and OCSP responses when `ocspAt` is given. RangeError for a device the PKI does not have.
 */
export function simulateGpuEvidence(pki: DevnetNvidiaPki, opts: Readonly<SimulateGpuOptions>): GpuEvidence {
  const driverVersion = opts.driverVersion ?? DEVNET_DEFAULT_DRIVER_VERSION;
  const vbiosVersion = opts.vbiosVersion ?? DEVNET_DEFAULT_VBIOS_VERSION;
  const device = opts.device ?? 0;
  const ev: GpuEvidence = {
    report: simulateGpuReport(pki, { nonce: opts.nonce, driverVersion, vbiosVersion, device }),
    certChain: deviceMaterial(pki, device).chainDer.map((d) => d.slice()),
    rims: {
      driver: simulateDevnetRim(pki, 'driver', driverVersion),
      vbios: simulateDevnetRim(pki, 'vbios', vbiosVersion),
    },
  };
  if (opts.ocspAt) ev.ocsp = simulateOcspResponses(pki, { now: opts.ocspAt, device });
  return ev;
}

/**
 * Hardware boundary: the worker asks GPU `index` (default 0) for evidence over a nonce (real: NVML inside the CVM;
 * here SIMULATED).
 */
export interface GpuEvidenceProvider {
  getEvidence(nonce: Uint8Array, index?: number): Promise<GpuEvidence>;
}

/** SIMULATED provider backed by the devnet PKI: GPU `index` is `pki.devices[index]`. */
export function createSimulatedGpuEvidenceProvider(
  pki: DevnetNvidiaPki,
  opts: { readonly driverVersion?: string; readonly vbiosVersion?: string } = {},
): GpuEvidenceProvider {
  return {
    getEvidence: async (nonce, index) =>
      simulateGpuEvidence(pki, {
        nonce,
        ...(index !== undefined ? { device: index } : {}),
        ...(opts.driverVersion !== undefined ? { driverVersion: opts.driverVersion } : {}),
        ...(opts.vbiosVersion !== undefined ? { vbiosVersion: opts.vbiosVersion } : {}),
      }),
  };
}
