/** NVIDIA H100/H200 GPU attestation: parse -> verify -> appraise, NRAS tokens, devnet PKI + SIMULATED evidence. */
export { GpuParseError, GpuVerifyError, GpuPolicyError } from './errors';
export type { GpuParseCode, GpuVerifyCode } from './errors';
export { parseGpuReport, gpuReportFromHex, DMTF_MEASUREMENT_TYPES, SPDM_NONCE_LENGTH } from './spdm';
export type { GpuReport, SpdmRequest, SpdmResponse, SpdmMeasurementBlock } from './spdm';
export { parseOpaqueData, formatVbiosVersion, OPAQUE } from './opaque';
export type { GpuOpaqueData, OpaqueField, FeatureMode } from './opaque';
export { certChainFromPem, certChainToPem } from './chain';
export {
  NVIDIA_TRUST_ROOTS,
  NVIDIA_DEVICE_IDENTITY_ROOT_PEM,
  NVIDIA_RIM_ROOT_PEM,
  NVIDIA_DEVICE_ROOT_SPKI_SHA256,
  NVIDIA_RIM_ROOT_SPKI_SHA256,
} from './roots';
export type { GpuTrustRoots } from './roots';
export { parseRim } from './rim';
export type { ParsedRim, VerifiedRim, RimMeasurement } from './rim';
export { compareMeasurements } from './compare';
export type { MeasurementComparison, MeasurementMismatch } from './compare';
export { parseOcspResponse } from './ocsp';
export { verifyGpuEvidence, createGpuVerifyCache, gpuRimIds } from './verify';
export type { GpuEvidence, VerifyGpuOptions, VerifiedGpu, GpuDeviceIdentity, GpuOcspPolicy, GpuOcspResult, GpuVerifyCache } from './verify';
export { appraiseGpu, gpuViolations, compareVersions } from './appraise';
export type { GpuPolicy } from './appraise';
