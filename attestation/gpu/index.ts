/**
 * NVIDIA H100/H200 GPU attestation: parse (`parse.ts`, `opaque.ts`, `nvat-json.ts`) -> verify (`verify.ts`,
 * `nras.ts`) -> appraise (`appraise.ts`), one error class per layer.
 * Names are GPU-prefixed because `attestation/index.ts` gathers every area in one namespace.
 */
export {
  GpuParseError,
  GpuVerifyError,
  GpuPolicyError,
  GPU_PARSE_CODES,
  GPU_VERIFY_CODES,
  GPU_POLICY_ERROR_CODES,
  GPU_POLICY_VIOLATION_CODES,
  GPU_WARNING_CODES,
} from './errors';
export type { GpuParseCode, GpuVerifyCode, GpuPolicyErrorCode, GpuPolicyViolationCode, GpuWarningCode } from './errors';

// parse
export { parseGpuReport, gpuReportFromHex, DMTF_MEASUREMENT_TYPES, SPDM_NONCE_LENGTH } from './parse';
export type { GpuEvidence, GpuReport, SpdmRequest, SpdmResponse, SpdmMeasurementBlock } from './parse';
export { parseOpaqueData as parseGpuOpaqueData, formatVbiosVersion, OPAQUE as GPU_OPAQUE_FIELD } from './opaque';
export type { GpuOpaqueData, OpaqueField as GpuOpaqueField, FeatureMode as GpuFeatureMode } from './opaque';
export { certChainFromPem as gpuCertChainFromPem, certChainToPem as gpuCertChainToPem } from './chain';
export { parseRim as parseGpuRim } from './rim';
export { parseOcspResponse as parseGpuOcspResponse } from './ocsp';
export { parseNvatEvidenceJson } from './nvat-json';
export type { NvatEvidenceEntry } from './nvat-json';

// verify
export {
  NVIDIA_TRUST_ROOTS,
  NVIDIA_DEVICE_IDENTITY_ROOT_PEM,
  NVIDIA_RIM_ROOT_PEM,
  NVIDIA_DEVICE_ROOT_SPKI_SHA256,
  NVIDIA_RIM_ROOT_SPKI_SHA256,
} from './roots';
export type { GpuTrustRoots } from './roots';
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
export { verifyGpuEvidence, createGpuVerifyCache, gpuRimIds } from './verify';
export type {
  VerifyGpuOptions,
  VerifiedGpu,
  GpuDeviceIdentity,
  GpuOcspPolicy,
  GpuOcspResult,
  GpuVerifyCache,
} from './verify';
export { verifyNrasEat, parseNrasEat, NRAS_ISSUER } from './nras';
export type { NrasJwks, VerifyNrasOptions, VerifiedNrasToken, NrasParsed } from './nras';

// appraise
export {
  appraiseGpu,
  DEFAULT_GPU_POLICY,
  gpuViolations,
  compareVersions as compareGpuVersions,
  appraiseNras,
  nrasViolations,
} from './appraise';
export type { GpuPolicy, NrasPolicy } from './appraise';
