/** Appraisal of verified DCAP quotes (TDX and SGX) and the canonical image / platform ids. */
export { appraiseQuote, quoteViolations } from './appraise';
export type { QuotePolicy } from './appraise';
export { quotePolicyFromJson } from './policy-json';
export { PolicyError } from './errors';
export type { PolicyErrorCode, PolicyViolationCode } from './errors';
export { imageId, platformId, IMAGE_ID_DOMAIN, PLATFORM_ID_DOMAIN } from './identity';
export type { ImageMeasurements, PlatformMeasurements } from './identity';
