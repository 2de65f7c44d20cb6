export type { GpuEvidenceProvider, RtmrExtender, TdxQuoteProvider } from './types';
export {
  CONFIGFS_TSM_REPORT_ROOT,
  createConfigfsTsmProvider,
  type ConfigfsTsmOptions,
  type TsmFs,
} from './configfs-tsm';
export {
  createNoGpuProvider,
  createNvidiaGpuProvider,
  parseNvidiaEvidenceJson,
  type NvidiaGpuOptions,
} from './nvidia-gpu';
export { loadNvml, NVML_LIBRARY, type NvmlApi } from './nvml';
export { collectNvmlEvidence, type NvmlCcState, type NvmlGpuEvidence } from './nvml-collect';
export {
  createTdxCollateralSource,
  DEFAULT_PCS_URL,
  type TdxCollateralSource,
  type TdxCollateralSourceOptions,
} from './tdx-collateral';
export type { GpuCollateralSource } from './types';
export {
  createGpuCollateralSource,
  DEFAULT_OCSP_URL,
  DEFAULT_RIM_URL,
  type GpuCollateralOptions,
} from './gpu-collateral';
