/** SIMULATED devnet Intel-like DCAP PKI and TDX quote simulator (never Intel's; verifiers must opt in to its root). */
export { createDevnetIntelPki } from './pki';
export {
  DEVNET_FMSPC as DEVNET_TDX_FMSPC,
  DEVNET_MODULE_IDENTITIES as DEVNET_TDX_MODULE_IDENTITIES,
  DEVNET_PCE_SVN as DEVNET_TDX_PCE_SVN,
  DEVNET_QE_LEVELS as DEVNET_TDX_QE_LEVELS,
  DEVNET_SGX_TCB_COMPONENTS as DEVNET_TDX_SGX_TCB_COMPONENTS,
  DEVNET_TCB_LEVELS as DEVNET_TDX_TCB_LEVELS,
} from './pki-defaults';
export type {
  DevnetCertOverride,
  DevnetCollateralJson,
  DevnetIntelPki,
  DevnetIntelPkiOptions,
  DevnetPcsResponses,
} from './pki-types';
export type { CertProfileOverride } from './x509-build';
export { simulateTdxQuote } from './quote-sim';
export type { SimulateTdxQuoteOptions, TdReportFields } from './quote-sim';
export type { SimModuleIdentity, SimModuleLevel, SimQeLevel, SimTcbLevel } from './tcb-json';
