/** SIMULATED devnet NVIDIA-like PKI (device and RIM chains) and GPU evidence simulator; never NVIDIA's roots. */
export {
  createDevnetNvidiaPki,
  issueCertificate as issueDevnetGpuCertificate,
  deriveP384Key as deriveDevnetGpuKey,
  DEVNET_DEFAULT_GPU_DEVICES,
  DEVNET_MAX_GPU_DEVICES,
} from './pki';
export type { DevnetNvidiaPki, DevnetGpuDevice, DevnetKey as DevnetGpuKey, DevnetCa as DevnetGpuCa } from './pki';
export {
  simulateGpuEvidence,
  simulateGpuReport,
  simulateDevnetRim as simulateGpuRim,
  simulateOcspResponse as simulateGpuOcspResponse,
  simulateOcspResponses as simulateGpuOcspResponses,
  devnetMeasurement as devnetGpuMeasurement,
  createSimulatedGpuEvidenceProvider,
  DEVNET_DEFAULT_DRIVER_VERSION as DEVNET_GPU_DRIVER_VERSION,
  DEVNET_DEFAULT_VBIOS_VERSION as DEVNET_GPU_VBIOS_VERSION,
} from './evidence';
export type { SimulateGpuOptions, DevnetOcspStatus as DevnetGpuOcspStatus } from './evidence';
