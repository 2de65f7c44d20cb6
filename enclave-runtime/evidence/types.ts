/** Hardware seams (STYLE: narrow interfaces, a real and a simulated implementation each). */
import type { BundleGpuEvidence } from '../../attestation/bundle';
import type { RuntimeEvent } from '../../attestation/eventlog';

/** TDX quote over 64 bytes of REPORTDATA. Implementations: configfs-tsm (real), simulated (devnet PKI). */
export interface TdxQuoteProvider {
  readonly kind: 'configfs-tsm' | 'simulated' | string;
  getQuote(reportData: Uint8Array): Promise<Uint8Array>;
}

/** GPU evidence over a 32-byte SPDM nonce. Implementations: nvidia (NVIDIA tooling), simulated (devnet PKI), none. */
export interface GpuEvidenceProvider {
  readonly kind: 'nvidia' | 'simulated' | 'none' | string;
  /** Number of GPUs attached to the CVM. */
  readonly count: number;
  getEvidence(nonce: Uint8Array, index: number): Promise<Omit<BundleGpuEvidence, 'index'>>;
}

/** Extends RTMR3 with a runtime event record (`enclave-runtime/rtmr` on real TDX; the simulated TD here). */
export interface RtmrExtender {
  extend(event: RuntimeEvent): Promise<void>;
}

/** RIMs and OCSP responses for one GPU's evidence, from its cache or NVIDIA's services (E2: gpu-collateral.ts). */
export interface GpuCollateralSource {
  collateralFor(ev: { readonly report: Uint8Array; readonly certChain: readonly Uint8Array[] }): Promise<{
    readonly rims: { readonly driver: string; readonly vbios: string };
    readonly ocsp: readonly Uint8Array[];
  }>;
}
