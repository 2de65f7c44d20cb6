/**
 * SIMULATED devnet Intel-like DCAP PKI. From a seed string it deterministically builds what Intel runs for real:
 *
 *   devnet "Intel SGX Root CA" ─┬─ "Intel SGX PCK Platform CA" (or Processor CA) ── "Intel SGX PCK Certificate" (SGX extension)
 *                               └─ "Intel SGX TCB Signing" ── signs TDX TCB Info v3 + TD_QE Identity v2
 *   Root CA CRL (signed by the root), PCK CRL (signed by the PCK CA, optionally revoking the PCK leaf)
 *
 * The DNs are Intel's; only the keys differ. Verifiers therefore accept it ONLY when the devnet root is passed
 * explicitly (`trust: { intelRootCaDer: [pki.rootCaDer] }`): the pinned Intel root rejects it. Every output is a
 * pure function of the seed and the options (RFC 6979 signatures, no clock): same inputs, same bytes.
 */
import { deriveBytes, deriveP256Key, signP256Raw, type P256KeyPair } from './ecdsa';
import { buildCertificate, buildCrl, toPem, type CertProfileOverride, type DistinguishedName } from './x509-build';
import { encodeSgxExtension, OID_SGX_EXTENSION } from './sgx-extension';
import {
  tdQeIdentityJson,
  tdxTcbInfoJson,
  type SimModuleIdentity,
  type SimQeLevel,
  type SimTcbLevel,
} from './tcb-json';
import type { Collateral } from '../../attestation/collateral/types';
import { toHex } from '../../core/bytes';

const DAY_MS = 86_400_000;
const INTEL = { o: 'Intel Corporation', l: 'Santa Clara', st: 'CA', c: 'US' } as const;
const ROOT_DN: DistinguishedName = { cn: 'Intel SGX Root CA', ...INTEL };
const PLATFORM_CA_DN: DistinguishedName = { cn: 'Intel SGX PCK Platform CA', ...INTEL };
const PROCESSOR_CA_DN: DistinguishedName = { cn: 'Intel SGX PCK Processor CA', ...INTEL };
const PCK_DN: DistinguishedName = { cn: 'Intel SGX PCK Certificate', ...INTEL };
const TCB_SIGNING_DN: DistinguishedName = { cn: 'Intel SGX TCB Signing', ...INTEL };
/** Where a real deployment would fetch the CRLs; devnet URLs, never contacted by the library. */
const ROOT_CRL_URL = 'https://devnet.invalid/IntelSGXRootCA.der';
const pckCrlUrl = (ca: string): string => `https://devnet.invalid/sgx/certification/v4/pckcrl?ca=${ca}&encoding=der`;

/** Intel's TD_QE MRSIGNER and ISVPRODID (the simulated QE reuses them; trust comes from the root, not these). */
export const TD_QE_MRSIGNER = 'DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5';
export const TD_QE_ISVPRODID = 2;

/** Default PCK SGX TCB (a real Sapphire Rapids level) and the levels published in the devnet TCB Info. */
export const DEVNET_SGX_TCB_COMPONENTS: readonly number[] = [2, 2, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];
export const DEVNET_PCE_SVN = 11;
export const DEVNET_FMSPC = '90C06F000000';

export const DEVNET_TCB_LEVELS: readonly SimTcbLevel[] = [
  {
    sgxtcbcomponents: DEVNET_SGX_TCB_COMPONENTS,
    pcesvn: 11,
    tdxtcbcomponents: [5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2024-03-13T00:00:00Z',
    tcbStatus: 'UpToDate',
  },
  {
    sgxtcbcomponents: [2, 2, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
    pcesvn: 5,
    tdxtcbcomponents: [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2018-01-04T00:00:00Z',
    tcbStatus: 'OutOfDate',
    advisoryIDs: ['INTEL-SA-00837', 'INTEL-SA-00960'],
  },
];
export const DEVNET_MODULE_IDENTITIES: readonly SimModuleIdentity[] = [
  { id: 'TDX_03', tcbLevels: [{ isvsvn: 3, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' }] },
  {
    id: 'TDX_01',
    tcbLevels: [
      { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
      { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate' },
    ],
  },
];
export const DEVNET_QE_LEVELS: readonly SimQeLevel[] = [
  { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
  { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate', advisoryIDs: ['INTEL-SA-00615'] },
];

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

/** Private keys of a PKI, reachable only by the simulator (never exported from the package). */
export interface DevnetSecrets {
  readonly seed: string;
  readonly pckKey: P256KeyPair;
  readonly attestationKey: P256KeyPair;
}
const SECRETS = new WeakMap<DevnetIntelPki, DevnetSecrets>();
/** @internal */
export function secretsOf(pki: DevnetIntelPki): DevnetSecrets {
  const s = SECRETS.get(pki);
  if (!s) throw new TypeError('not a DevnetIntelPki built by createDevnetIntelPki');
  return s;
}

function hexBytes(hex: string, len: number, what: string): Uint8Array {
  if (!new RegExp(`^[0-9a-fA-F]{${len * 2}}$`).test(hex))
    throw new RangeError(`${what} must be ${len * 2} hex characters`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
function serialFor(seed: string, label: string): Uint8Array {
  const s = deriveBytes(seed, `serial:${label}`, 20);
  s[0] = ((s[0] ?? 0) & 0x7f) | 0x01; // positive, 20 bytes, no leading zero
  return s;
}
function serialHex(b: Uint8Array): string {
  return BigInt('0x' + Buffer.from(b).toString('hex')).toString(16);
}

/**
 * Builds the devnet PKI and its collateral. Deterministic: same options ⇒ byte-identical outputs.
 * Throws `RangeError` / `TypeError` on malformed options (programmer misuse).
 */
export function createDevnetIntelPki(opts: DevnetIntelPkiOptions): DevnetIntelPki {
  if (typeof opts?.seed !== 'string' || opts.seed.length === 0)
    throw new TypeError('createDevnetIntelPki: seed must be a non-empty string');
  const seed = opts.seed;
  const issuedAt = opts.issuedAt ?? new Date('2025-06-01T00:00:00Z');
  const validityDays = opts.validityDays ?? 30;
  const certNotBefore = opts.certNotBefore ?? new Date('2024-01-01T00:00:00Z');
  const certNotAfter = opts.certNotAfter ?? new Date('2049-12-31T23:59:59Z');
  const caType = opts.pckCaType ?? 'platform';
  const fmspc = (opts.fmspc ?? DEVNET_FMSPC).toUpperCase();
  const pceId = (opts.pceId ?? '0000').toUpperCase();
  const comps = opts.pckSgxTcbComponents ?? DEVNET_SGX_TCB_COMPONENTS;
  const pceSvn = opts.pckPceSvn ?? DEVNET_PCE_SVN;
  if (comps.length !== 16 || comps.some((c) => !Number.isInteger(c) || c < 0 || c > 255))
    throw new RangeError('pckSgxTcbComponents: 16 values 0..255');

  const rootKey = deriveP256Key(seed, 'root-ca');
  const caKey = deriveP256Key(seed, `pck-${caType}-ca`);
  const pckKey = deriveP256Key(seed, 'pck-leaf');
  const tcbKey = deriveP256Key(seed, 'tcb-signing');
  const attestationKey = deriveP256Key(seed, 'attestation-key');
  const ov = opts.certOverrides ?? {};
  const dn = (base: DistinguishedName, o: DevnetCertOverride | undefined): DistinguishedName =>
    o?.cn !== undefined ? { ...base, cn: o.cn } : base;
  const prof = (o: DevnetCertOverride | undefined): { profile?: CertProfileOverride } =>
    o && (o.basicConstraints !== undefined || o.keyUsage !== undefined)
      ? {
          profile: {
            ...(o.basicConstraints !== undefined ? { basicConstraints: o.basicConstraints } : {}),
            ...(o.keyUsage !== undefined ? { keyUsage: o.keyUsage } : {}),
          },
        }
      : {};
  const rootDn = dn(ROOT_DN, ov.root);
  const caDn = dn(caType === 'platform' ? PLATFORM_CA_DN : PROCESSOR_CA_DN, ov.pckCa);

  const rootCaDer = buildCertificate({
    serial: serialFor(seed, 'root-ca'),
    issuer: rootDn,
    subject: rootDn,
    notBefore: certNotBefore,
    notAfter: certNotAfter,
    subjectKey: rootKey,
    issuerKey: rootKey,
    ca: { pathLen: 1 },
    crlDistributionPoint: ROOT_CRL_URL,
    ...prof(ov.root),
  });
  const pckCaSerial = serialFor(seed, `pck-${caType}-ca`);
  const pckCaDer = buildCertificate({
    serial: pckCaSerial,
    issuer: rootDn,
    subject: caDn,
    notBefore: certNotBefore,
    notAfter: certNotAfter,
    subjectKey: caKey,
    issuerKey: rootKey,
    ca: { pathLen: 0 },
    crlDistributionPoint: ROOT_CRL_URL,
    ...prof(ov.pckCa),
  });
  const tcbSigningDer = buildCertificate({
    serial: serialFor(seed, 'tcb-signing'),
    issuer: rootDn,
    subject: dn(TCB_SIGNING_DN, ov.tcbSigning),
    notBefore: certNotBefore,
    notAfter: certNotAfter,
    subjectKey: tcbKey,
    issuerKey: rootKey,
    crlDistributionPoint: ROOT_CRL_URL,
    ...prof(ov.tcbSigning),
  });
  const sgxExt = encodeSgxExtension({
    ppid: deriveBytes(seed, 'ppid', 16),
    sgxTcbComponents: comps,
    pceSvn,
    cpuSvn: Uint8Array.from(comps),
    pceId: hexBytes(pceId, 2, 'pceId'),
    fmspc: hexBytes(fmspc, 6, 'fmspc'),
    sgxType: caType === 'platform' ? 1 : 0,
    ...(caType === 'platform'
      ? {
          platform: {
            platformInstanceId: deriveBytes(seed, 'platform-instance-id', 16),
            dynamicPlatform: true,
            cachedKeys: true,
            smtEnabled: true,
          },
        }
      : {}),
  });
  const pckSerial = serialFor(seed, 'pck-leaf');
  const pckLeafDer = buildCertificate({
    serial: pckSerial,
    issuer: caDn,
    subject: dn(PCK_DN, ov.pckLeaf),
    notBefore: opts.pckNotBefore ?? certNotBefore,
    notAfter: opts.pckNotAfter ?? certNotAfter,
    subjectKey: pckKey,
    issuerKey: caKey,
    crlDistributionPoint: pckCrlUrl(caType),
    extraExtensions: [[OID_SGX_EXTENSION, sgxExt]],
    ...prof(ov.pckLeaf),
  });

  const after = (days: number | undefined): Date => new Date(issuedAt.getTime() + (days ?? validityDays) * DAY_MS);
  const revoked = [
    ...(opts.revokePck ? [pckSerial] : []),
    ...(opts.extraRevokedSerials ?? []).map((h) => Uint8Array.from(Buffer.from(h.length % 2 ? `0${h}` : h, 'hex'))),
  ];
  const pckCrlDer = buildCrl({
    issuer: caDn,
    issuerKey: caKey,
    thisUpdate: issuedAt,
    nextUpdate: after(opts.pckCrlValidityDays),
    crlNumber: 1,
    revoked,
  });
  const rootCaCrlDer = buildCrl({
    issuer: rootDn,
    issuerKey: rootKey,
    thisUpdate: issuedAt,
    nextUpdate: new Date(issuedAt.getTime() + (opts.rootCrlValidityDays ?? 365) * DAY_MS),
    crlNumber: 1,
    revoked: opts.revokePckCa ? [pckCaSerial] : [],
  });

  const tcbInfoJson = tdxTcbInfoJson({
    issueDate: issuedAt,
    nextUpdate: after(opts.tcbInfoValidityDays),
    fmspc: (opts.tcbInfoFmspc ?? fmspc).toUpperCase(),
    pceId,
    tcbEvaluationDataNumber: opts.tcbEvaluationDataNumber ?? 17,
    tdxModuleMrSigner: '0'.repeat(96),
    moduleIdentities: opts.moduleIdentities ?? DEVNET_MODULE_IDENTITIES,
    tcbLevels: opts.tcbLevels ?? DEVNET_TCB_LEVELS,
  });
  const qeIdentityJson = tdQeIdentityJson({
    issueDate: issuedAt,
    nextUpdate: after(opts.qeIdentityValidityDays),
    tcbEvaluationDataNumber: opts.tcbEvaluationDataNumber ?? 17,
    mrsigner: TD_QE_MRSIGNER,
    isvprodid: TD_QE_ISVPRODID,
    tcbLevels: opts.qeTcbLevels ?? DEVNET_QE_LEVELS,
  });
  const tcbInfoBytes = Uint8Array.from(Buffer.from(tcbInfoJson, 'utf8'));
  const qeIdentityBytes = Uint8Array.from(Buffer.from(qeIdentityJson, 'utf8'));
  const tcbInfoSignature = signP256Raw(tcbKey, tcbInfoBytes);
  const qeIdentitySignature = signP256Raw(tcbKey, qeIdentityBytes);

  const signingChainPem = toPem(tcbSigningDer) + toPem(rootCaDer);
  const pckCrlChainPem = toPem(pckCaDer) + toPem(rootCaDer);
  const collateral: Collateral = Object.freeze({
    tcbInfo: tcbInfoBytes,
    tcbInfoSignature,
    tcbInfoIssuerChain: Object.freeze([tcbSigningDer, rootCaDer]),
    qeIdentity: qeIdentityBytes,
    qeIdentitySignature,
    qeIdentityIssuerChain: Object.freeze([tcbSigningDer, rootCaDer]),
    pckCrl: pckCrlDer,
    pckCrlIssuerChain: Object.freeze([pckCaDer, rootCaDer]),
    rootCaCrl: rootCaCrlDer,
  });
  const pcs: DevnetPcsResponses = Object.freeze({
    tcbInfoBody: `{"tcbInfo":${tcbInfoJson},"signature":"${toHex(tcbInfoSignature)}"}`,
    tcbInfoIssuerChainPem: signingChainPem,
    qeIdentityBody: `{"enclaveIdentity":${qeIdentityJson},"signature":"${toHex(qeIdentitySignature)}"}`,
    qeIdentityIssuerChainPem: signingChainPem,
    pckCrlDer,
    pckCrlIssuerChainPem: pckCrlChainPem,
    rootCaCrlDer,
  });
  const pki: DevnetIntelPki = Object.freeze({
    simulated: true as const,
    rootCaDer,
    pckCaDer,
    pckCaType: caType,
    pckLeafDer,
    pckSerialHex: serialHex(pckSerial),
    tcbSigningDer,
    fmspc,
    pceId,
    pckSgxTcbComponents: Object.freeze([...comps]),
    pckPceSvn: pceSvn,
    tcbInfoJson,
    qeIdentityJson,
    collateral,
    collateralJson: (): DevnetCollateralJson => ({
      pck_crl_issuer_chain: pckCrlChainPem,
      root_ca_crl: toHex(rootCaCrlDer),
      pck_crl: toHex(pckCrlDer),
      tcb_info_issuer_chain: signingChainPem,
      tcb_info: tcbInfoJson,
      tcb_info_signature: toHex(tcbInfoSignature),
      qe_identity_issuer_chain: signingChainPem,
      qe_identity: qeIdentityJson,
      qe_identity_signature: toHex(qeIdentitySignature),
    }),
    pcs,
    pckChainPem: toPem(pckLeafDer) + toPem(pckCaDer) + toPem(rootCaDer),
  });
  SECRETS.set(pki, { seed, pckKey, attestationKey });
  return pki;
}
