/**
 * Intel DCAP collateral, normalised from either input format (dcap-qvl JSON or Intel PCS response files).
 * Signed bytes are kept VERBATIM: the TCB Info / QE Identity signatures cover the exact served text of the
 * inner `tcbInfo` / `enclaveIdentity` object, which must never be re-serialised.
 *
 * Certificates and CRLs are DER. Issuer chains are ordered signing certificate first, root last (the root
 * may be omitted: the verifier appends the pinned trust anchor). An empty `pckCrlIssuerChain` means "use the
 * PCK intermediate CA carried in the quote".
 */
export interface Collateral {
  /** Exact signed UTF-8 bytes of the inner `tcbInfo` object. */
  readonly tcbInfo: Uint8Array;
  /** ECDSA P-256 signature over `tcbInfo`, raw r||s (64 bytes). */
  readonly tcbInfoSignature: Uint8Array;
  /** DER certificates: "Intel SGX TCB Signing" first, then (optionally) the root. */
  readonly tcbInfoIssuerChain: readonly Uint8Array[];
  /** Exact signed UTF-8 bytes of the inner `enclaveIdentity` object (QE / TD_QE identity). */
  readonly qeIdentity: Uint8Array;
  /** ECDSA P-256 signature over `qeIdentity`, raw r||s (64 bytes). */
  readonly qeIdentitySignature: Uint8Array;
  /** DER certificates: signing certificate first, then (optionally) the root. */
  readonly qeIdentityIssuerChain: readonly Uint8Array[];
  /** PCK CRL (DER), issued by the PCK Platform or Processor CA. */
  readonly pckCrl: Uint8Array;
  /** DER certificates: PCK CA first, then (optionally) the root. Empty: use the quote's intermediate. */
  readonly pckCrlIssuerChain: readonly Uint8Array[];
  /** Intel SGX Root CA CRL (DER). */
  readonly rootCaCrl: Uint8Array;
}

/** Trust anchors for DCAP verification. Default: the Intel SGX Root CA pinned in code. */
export interface TrustRoots {
  /** Self-signed root certificates (DER). A chain is trusted iff its root is byte-identical to one of these. */
  readonly intelRootCaDer: readonly Uint8Array[];
}
