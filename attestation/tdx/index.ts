/**
 * Intel DCAP (TDX + SGX) quotes: parse (`parse.ts`, structure) -> verify (`verify.ts`: cryptography, chains, collateral,
 * TCB status). The appraise layer (policy) is `attestation/policy`, shared by TDX and SGX quotes.
 */
export { parseQuote, parseEnclaveReport } from './parse';
export type { ParseQuoteOptions } from './parse';
export { verifyQuote, isVerifiedQuote, clearQuoteVerifierCaches } from './verify';
export type { VerifyQuoteOptions, VerifiedQuote, VerifiedTdxQuote, VerifiedSgxQuote } from './verify';
export { TdxParseError, TdxVerifyError, TDX_PARSE_CODES, TDX_VERIFY_CODES } from './errors';
export type { TdxParseErrorCode, TdxVerifyErrorCode } from './errors';
export type {
  Quote,
  TdxQuote,
  SgxQuote,
  QuoteHeader,
  TdReportBody,
  EnclaveReport,
  QuoteSignatureData,
  TeeType,
} from './types';
export type { TdMeasurements, SgxMeasurements } from './measurements';
export type { TcbStatus, TcbLevelStatus } from './collateral-json';
export { TCB_STATUSES } from './collateral-json';
export { INTEL_SGX_ROOT_CA_DER, INTEL_SGX_ROOT_CA_SHA256 } from './intel-root';
export type { PckExtension } from './pck-extension';
export { chooseCollateral, collateralFreshness, MIN_TCB_EVALUATION_DATA_NUMBER } from './collateral-freshness';
export type { CollateralFreshness } from './collateral-freshness';
