/** Appraise layer of DCAP quotes (TDX and SGX): policy over a `VerifiedQuote`; the canonical image / platform ids. */
export { appraiseQuote, quoteViolations, DEFAULT_QUOTE_POLICY } from './appraise';
export type { QuotePolicy } from './appraise';
export { quotePolicyFromJson } from './policy-json';
export { PolicyError, POLICY_ERROR_CODES, POLICY_VIOLATION_CODES } from './errors';
export type { PolicyErrorCode, PolicyViolationCode } from './errors';
export { imageId, platformId, IMAGE_ID_DOMAIN, PLATFORM_ID_DOMAIN } from './identity';
export type { ImageMeasurements, PlatformMeasurements } from './identity';
