/** SIMULATED devnet NVIDIA-like PKI (device and RIM chains) and GPU evidence simulator; never NVIDIA's roots. */
export { createDevnetNvidiaPki, DEVNET_DEFAULT_GPU_DEVICES, DEVNET_MAX_GPU_DEVICES } from './pki';
export { issueCertificate as issueDevnetGpuCertificate } from './x509-build';
export { deriveP384Key as deriveDevnetGpuKey } from './keys';
export type { DevnetNvidiaPki, DevnetGpuDevice, DevnetCa as DevnetGpuCa } from './pki';
export type { DevnetKey as DevnetGpuKey } from './keys';
export {
  simulateGpuEvidence,
  createSimulatedGpuEvidenceProvider,
  DEVNET_DEFAULT_DRIVER_VERSION as DEVNET_GPU_DRIVER_VERSION,
  DEVNET_DEFAULT_VBIOS_VERSION as DEVNET_GPU_VBIOS_VERSION,
} from './evidence';
export type { SimulateGpuOptions } from './evidence';
export { simulateGpuReport } from './spdm-report';
export { simulateDevnetRim as simulateGpuRim } from './rim-sim';
export {
  simulateOcspResponse as simulateGpuOcspResponse,
  simulateOcspResponses as simulateGpuOcspResponses,
} from './ocsp-sim';
export type { DevnetOcspStatus as DevnetGpuOcspStatus } from './ocsp-sim';
export { devnetMeasurement as devnetGpuMeasurement } from './measurements';
