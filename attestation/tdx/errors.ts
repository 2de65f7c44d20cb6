import { ChrysalisError } from '../errors';

/** Structural errors of a DCAP quote (parse layer). */
export const TDX_PARSE_CODES = [
  'TDX_QUOTE_TRUNCATED', // a read or a declared length runs past the end of the input
  'TDX_QUOTE_UNSUPPORTED_VERSION', // version not 3, 4 or 5
  'TDX_QUOTE_UNSUPPORTED_KEY_TYPE', // attestation key type other than 2 (ECDSA-256-with-P-256)
  'TDX_QUOTE_UNSUPPORTED_TEE_TYPE', // TEE type not 0x00 (SGX) / 0x81 (TDX), or inconsistent with the version/body
  'TDX_QUOTE_UNSUPPORTED_QE_VENDOR', // QE vendor ID is not Intel's
  'TDX_QUOTE_BAD_BODY_DESCRIPTOR', // v5 body type/size inconsistent
  'TDX_QUOTE_BAD_CERT_DATA_TYPE', // outer certification data not type 6 (v4/v5) / inner or v3 not type 5
  'TDX_QUOTE_BAD_CERT_DATA', // the PCK certificate chain blob is neither PEM nor DER certificates
  'TDX_QUOTE_LENGTH_MISMATCH', // a declared size disagrees with the structure it encloses
  'TDX_QUOTE_TRAILING_BYTES', // non-zero bytes after the declared end of the quote
] as const;
export type TdxParseErrorCode = (typeof TDX_PARSE_CODES)[number];

export class TdxParseError extends ChrysalisError<TdxParseErrorCode> {}

/** Cryptographic / chain-of-trust / collateral errors (verify layer). */
export const TDX_VERIFY_CODES = [
  'TDX_PCK_CHAIN_INVALID', // PCK chain malformed, wrong length, broken signature link
  'TDX_PCK_CHAIN_UNTRUSTED', // the chain's root is not a pinned trust root (compared by DER bytes)
  'TDX_CERT_EXPIRED', // a certificate of any chain is past notAfter at `now`
  'TDX_CERT_NOT_YET_VALID', // a certificate of any chain is before notBefore at `now`
  'TDX_CERT_CONSTRAINTS_INVALID', // X.509 profile: issuer without cA/keyCertSign(/cRLSign), pathLen exceeded, CA or no digitalSignature as signer, wrong Intel CN
  'TDX_CERT_REVOKED', // PCK (in the PCK CRL) or a CA / signing certificate (in the root CA CRL) revoked
  'TDX_PCK_EXTENSION_INVALID', // PCK SGX extension missing or malformed
  'TDX_CRL_INVALID', // CRL malformed or its signature does not verify with its issuer
  'TDX_CRL_ISSUER_MISMATCH', // PCK CRL issuer is not the PCK issuer (e.g. the root CRL passed as PCK CRL)
  'TDX_CRL_EXPIRED', // CRL nextUpdate < now
  'TDX_CRL_NOT_YET_VALID', // CRL thisUpdate > now
  'TDX_COLLATERAL_CHAIN_INVALID', // TCB Info / QE Identity signing chain malformed or broken
  'TDX_COLLATERAL_CHAIN_UNTRUSTED', // TCB Info / QE Identity signing chain not anchored in a trust root
  'TDX_TCB_INFO_SIGNATURE_INVALID',
  'TDX_TCB_INFO_MALFORMED',
  'TDX_TCB_INFO_EXPIRED', // nextUpdate < now
  'TDX_TCB_INFO_NOT_YET_VALID', // issueDate > now
  'TDX_TCB_INFO_MISMATCH', // wrong id/version for the quote's TEE, FMSPC or PCEID differs from the PCK certificate
  'TDX_QE_IDENTITY_SIGNATURE_INVALID',
  'TDX_QE_IDENTITY_MALFORMED',
  'TDX_QE_IDENTITY_EXPIRED',
  'TDX_QE_IDENTITY_NOT_YET_VALID',
  'TDX_QE_IDENTITY_MISMATCH', // QE report MRSIGNER/ISVPRODID/MISCSELECT/ATTRIBUTES differ, or wrong identity id
  'TDX_QE_REPORT_SIGNATURE_INVALID', // QE report not signed by the PCK key
  'TDX_QE_REPORT_DATA_MISMATCH', // QE REPORTDATA != SHA-256(attestation key || QE auth data) || zeros
  'TDX_ATTESTATION_KEY_INVALID', // attestation key is not a P-256 point
  'TDX_QUOTE_SIGNATURE_INVALID', // quote not signed by the attestation key
  'TDX_MODULE_MISMATCH', // TDX module identity missing, MRSIGNERSEAM or SEAMATTRIBUTES differ
  'TDX_TCB_NOT_SUPPORTED', // no TCB level matches the platform / QE / TDX module
  'TDX_TCB_REVOKED', // Intel's converged status is Revoked (fail closed; details carry the status)
  'TDX_COLLATERAL_STALE', // the prover's collateral has a lower tcbEvaluationDataNumber than the verifier's own
] as const;
export type TdxVerifyErrorCode = (typeof TDX_VERIFY_CODES)[number];

export class TdxVerifyError extends ChrysalisError<TdxVerifyErrorCode> {}
