/**
 * chrysalis/devnet — everything SIMULATED: the devnet Intel-like and NVIDIA-like PKIs, the TDX quote and GPU evidence
 * simulators, simulated worker evidence providers, the sandbox TON chain and test helpers. None of it is reachable
 * from the production entry points (`chrysalis/attestation`, `/sdk`, `/broker`, `/worker`, `/contracts`); a verifier
 * accepts its roots only when they are passed to it explicitly.
 */
export {
  createDevnetIntelPki,
  DEVNET_TDX_FMSPC,
  DEVNET_TDX_MODULE_IDENTITIES,
  DEVNET_TDX_PCE_SVN,
  DEVNET_TDX_QE_LEVELS,
  DEVNET_TDX_SGX_TCB_COMPONENTS,
  DEVNET_TDX_TCB_LEVELS,
  simulateTdxQuote,
} from './intel';
export type {
  DevnetCertOverride,
  DevnetCollateralJson,
  DevnetIntelPki,
  DevnetIntelPkiOptions,
  DevnetPcsResponses,
  CertProfileOverride,
  SimulateTdxQuoteOptions,
  TdReportFields,
  SimModuleIdentity,
  SimModuleLevel,
  SimQeLevel,
  SimTcbLevel,
} from './intel';
export {
  createDevnetNvidiaPki,
  issueDevnetGpuCertificate,
  deriveDevnetGpuKey,
  DEVNET_DEFAULT_GPU_DEVICES,
  DEVNET_MAX_GPU_DEVICES,
  simulateGpuEvidence,
  simulateGpuReport,
  simulateGpuRim,
  simulateGpuOcspResponse,
  simulateGpuOcspResponses,
  devnetGpuMeasurement,
  createSimulatedGpuEvidenceProvider,
  DEVNET_GPU_DRIVER_VERSION,
  DEVNET_GPU_VBIOS_VERSION,
} from './nvidia';
export type {
  DevnetNvidiaPki,
  DevnetGpuDevice,
  DevnetGpuKey,
  DevnetGpuCa,
  SimulateGpuOptions,
  DevnetGpuOcspStatus,
} from './nvidia';
export { createSimulatedTdx, devnetTdFields, createDevnetGpuPki, createSimulatedGpuProvider } from './providers';
export type { SimulatedTdx, SimulatedTdxOptions, SimulatedGpuOptions } from './providers';
export { startDevnetChain, startToncenterServer } from './chain';
export type { DevnetChain, DevnetChainOptions, DevnetBroker, OpenChannelOptions, ToncenterServer } from './chain';
export {
  pkis,
  tdFields,
  runtimeEvents,
  simulateBundle,
  registryFor,
  verifyOptions,
  NOW,
  MODEL_ID,
  CONFIG_DIGEST,
  DEFAULT_SIM_PRICES,
} from './sim-bundle';
export type { SimOptions } from './sim-bundle';
export { startDevnet, workerExitLine, DEVNET_FILE } from './network';
export type { DevnetInfo, DevnetOptions, RunningDevnet } from './network';
