/** Options and result shapes of the SIMULATED devnet Intel-like DCAP PKI (see `pki.ts`). */
import type { CertProfileOverride } from './x509-build';
import type { SimModuleIdentity, SimQeLevel, SimTcbLevel } from './tcb-json';
import type { Collateral } from '../../attestation/collateral/types';

export interface DevnetIntelPkiOptions {
  /** Any string; everything (keys, serials, identifiers, signatures) derives from it. */
  readonly seed: string;
  /** Issue time of TCB Info, QE Identity and both CRLs. Default 2025-06-01T00:00:00Z (the core has no clock). */
  readonly issuedAt?: Date;
  /** TCB Info / QE Identity / PCK CRL lifetime in days (Intel: 30). Default 30. */
  readonly validityDays?: number;
  /** Per-item lifetimes in days (default `validityDays`), to expire one piece of collateral at a time. */
  readonly tcbInfoValidityDays?: number;
  readonly qeIdentityValidityDays?: number;
  readonly pckCrlValidityDays?: number;
  /** Root CA CRL lifetime in days (Intel: ~1 year). Default 365. */
  readonly rootCrlValidityDays?: number;
  /** Certificate validity: default 2024-01-01T00:00:00Z .. 2049-12-31T23:59:59Z for every certificate. */
  readonly certNotBefore?: Date;
  readonly certNotAfter?: Date;
  /** PCK leaf validity override (e.g. an expired PCK). */
  readonly pckNotBefore?: Date;
  readonly pckNotAfter?: Date;
  /** Issuing CA of the PCK certificate: Platform CA (SGX type Scalable, default) or Processor CA (Standard). */
  readonly pckCaType?: 'platform' | 'processor';
  /** FMSPC (12 hex). Default `90C06F000000`. Both the PCK extension and the TCB Info carry it. */
  readonly fmspc?: string;
  /** FMSPC written into the TCB Info only (to build an FMSPC mismatch). Default: `fmspc`. */
  readonly tcbInfoFmspc?: string;
  /** PCE-ID (4 hex). Default `0000`. */
  readonly pceId?: string;
  /** PCK certificate SGX TCB components (16) and PCESVN. Default: the UpToDate level. */
  readonly pckSgxTcbComponents?: readonly number[];
  readonly pckPceSvn?: number;
  /** TCB Info levels (any order; verifiers must sort). Default `DEVNET_TCB_LEVELS` (UpToDate + OutOfDate). */
  readonly tcbLevels?: readonly SimTcbLevel[];
  /** TDX module identities. Default `DEVNET_MODULE_IDENTITIES` (TDX_01, TDX_03). */
  readonly moduleIdentities?: readonly SimModuleIdentity[];
  /** QE Identity TCB levels. Default `DEVNET_QE_LEVELS` (isvsvn 4 UpToDate, 2 OutOfDate). */
  readonly qeTcbLevels?: readonly SimQeLevel[];
  readonly tcbEvaluationDataNumber?: number;
  /** Revoke this PKI's own PCK leaf in the PCK CRL. */
  readonly revokePck?: boolean;
  /** Revoke the PCK CA in the Root CA CRL. */
  readonly revokePckCa?: boolean;
  /** Extra serials (hex) listed in the PCK CRL. */
  readonly extraRevokedSerials?: readonly string[];
  /**
   * SIMULATED non-conforming certificates, for negative tests of X.509 constraint checks only: per position, a
   * subject CN (issuer names follow) and BasicConstraints / KeyUsage overrides. Default: Intel's profile.
   */
  readonly certOverrides?: {
    readonly root?: DevnetCertOverride;
    readonly pckCa?: DevnetCertOverride;
    readonly pckLeaf?: DevnetCertOverride;
    readonly tcbSigning?: DevnetCertOverride;
  };
}

/** SIMULATED override of one devnet certificate (negative tests only). */
export interface DevnetCertOverride extends CertProfileOverride {
  readonly cn?: string;
}

/** The dcap-qvl collateral JSON object (`QuoteCollateralV3`), as `collateralFromJson` reads it. */
export type DevnetCollateralJson = {
  readonly pck_crl_issuer_chain: string;
  readonly root_ca_crl: string;
  readonly pck_crl: string;
  readonly tcb_info_issuer_chain: string;
  readonly tcb_info: string;
  readonly tcb_info_signature: string;
  readonly qe_identity_issuer_chain: string;
  readonly qe_identity: string;
  readonly qe_identity_signature: string;
};

/** The same collateral as Intel PCS API v4 would serve it: bodies plus the (decoded) issuer-chain headers. */
export interface DevnetPcsResponses {
  /** `/tdx/certification/v4/tcb?fmspc=`: `{"tcbInfo":{...},"signature":"..."}`; header `TCB-Info-Issuer-Chain`. */
  readonly tcbInfoBody: string;
  readonly tcbInfoIssuerChainPem: string;
  /** `/tdx/certification/v4/qe/identity`; header `SGX-Enclave-Identity-Issuer-Chain`. */
  readonly qeIdentityBody: string;
  readonly qeIdentityIssuerChainPem: string;
  /** `/sgx/certification/v4/pckcrl?ca=platform|processor&encoding=der`; header `SGX-PCK-CRL-Issuer-Chain`. */
  readonly pckCrlDer: Uint8Array;
  readonly pckCrlIssuerChainPem: string;
  /** Root CA CRL (DER), no issuer chain header. */
  readonly rootCaCrlDer: Uint8Array;
}

export interface DevnetIntelPki {
  /** SIMULATED marker: this PKI is never Intel's. */
  readonly simulated: true;
  readonly rootCaDer: Uint8Array;
  readonly pckCaDer: Uint8Array;
  readonly pckCaType: 'platform' | 'processor';
  readonly pckLeafDer: Uint8Array;
  /** PCK leaf serial, lower-case hex without leading zeros. */
  readonly pckSerialHex: string;
  readonly tcbSigningDer: Uint8Array;
  readonly fmspc: string;
  readonly pceId: string;
  readonly pckSgxTcbComponents: readonly number[];
  readonly pckPceSvn: number;
  /** Exact signed texts of the inner objects. */
  readonly tcbInfoJson: string;
  readonly qeIdentityJson: string;
  readonly collateral: Collateral;
  /** dcap-qvl JSON collateral (a fresh plain object each call). */
  collateralJson(): DevnetCollateralJson;
  readonly pcs: DevnetPcsResponses;
  /** PEM chain carried in quotes (cert data type 5): PCK leaf, PCK CA, root, then a NUL like real quotes. */
  readonly pckChainPem: string;
}
