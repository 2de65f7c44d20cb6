/**
 * NVIDIA H100/H200 GPU attestation: parse -> verify -> appraise, NRAS tokens.
 * Names are GPU-prefixed because `attestation/index.ts` re-exports every area with `export *`.
 */
export { GpuParseError, GpuVerifyError, GpuPolicyError } from './errors';
export type { GpuParseCode, GpuVerifyCode } from './errors';
export { parseGpuReport, gpuReportFromHex, DMTF_MEASUREMENT_TYPES, SPDM_NONCE_LENGTH } from './spdm';
export type { GpuReport, SpdmRequest, SpdmResponse, SpdmMeasurementBlock } from './spdm';
export { parseOpaqueData as parseGpuOpaqueData, formatVbiosVersion, OPAQUE as GPU_OPAQUE_FIELD } from './opaque';
export type { GpuOpaqueData, OpaqueField as GpuOpaqueField, FeatureMode as GpuFeatureMode } from './opaque';
export { certChainFromPem as gpuCertChainFromPem, certChainToPem as gpuCertChainToPem } from './chain';
export {
  NVIDIA_TRUST_ROOTS,
  NVIDIA_DEVICE_IDENTITY_ROOT_PEM,
  NVIDIA_RIM_ROOT_PEM,
  NVIDIA_DEVICE_ROOT_SPKI_SHA256,
  NVIDIA_RIM_ROOT_SPKI_SHA256,
} from './roots';
export type { GpuTrustRoots } from './roots';
export { parseRim as parseGpuRim } from './rim';
export type {
  ParsedRim as ParsedGpuRim,
  VerifiedRim as VerifiedGpuRim,
  RimMeasurement as GpuRimMeasurement,
} from './rim';
export { compareMeasurements as compareGpuMeasurements } from './compare';
export type {
  MeasurementComparison as GpuMeasurementComparison,
  MeasurementMismatch as GpuMeasurementMismatch,
} from './compare';
export { parseOcspResponse as parseGpuOcspResponse } from './ocsp';
export { verifyGpuEvidence, createGpuVerifyCache, gpuRimIds } from './verify';
export type {
  GpuEvidence,
  VerifyGpuOptions,
  VerifiedGpu,
  GpuDeviceIdentity,
  GpuOcspPolicy,
  GpuOcspResult,
  GpuVerifyCache,
} from './verify';
export { appraiseGpu, gpuViolations, compareVersions as compareGpuVersions } from './appraise';
export type { GpuPolicy } from './appraise';
export { parseNvatEvidenceJson } from './nvat-json';
export type { NvatEvidenceEntry } from './nvat-json';
export { verifyNrasEat, parseNrasEat, appraiseNras, nrasViolations, NRAS_ISSUER } from './nras';
export type { NrasJwks, VerifyNrasOptions, VerifiedNrasToken, NrasPolicy, NrasParsed } from './nras';
