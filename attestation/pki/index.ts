/** SIMULATED devnet Intel-like DCAP PKI and TDX quote simulator (never Intel's; opt in to its root explicitly). */
export { createDevnetIntelPki, DEVNET_FMSPC, DEVNET_MODULE_IDENTITIES, DEVNET_PCE_SVN, DEVNET_QE_LEVELS, DEVNET_SGX_TCB_COMPONENTS, DEVNET_TCB_LEVELS } from './devnet-pki';
export type { DevnetCollateralJson, DevnetIntelPki, DevnetIntelPkiOptions, DevnetPcsResponses } from './devnet-pki';
export { simulateTdxQuote } from './quote-sim';
export type { SimulateTdxQuoteOptions, TdReportFields } from './quote-sim';
export type { SimModuleIdentity, SimModuleLevel, SimQeLevel, SimTcbLevel } from './tcb-json';
