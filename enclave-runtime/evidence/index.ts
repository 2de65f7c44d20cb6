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
