/**
 * Certificates of the SIMULATED devnet Intel-like DCAP PKI: root CA, PCK Platform/Processor CA, PCK leaf (with the
 * SGX extension) and TCB Signing, under Intel's DNs with seed-derived keys and serials.
 */
import { deriveBytes, type P256KeyPair } from './ecdsa';
import { buildCertificate, type CertProfileOverride, type DistinguishedName } from './x509-build';
import { encodeSgxExtension, OID_SGX_EXTENSION } from './sgx-extension';
import type { DevnetCertOverride, DevnetIntelPkiOptions } from './pki-types';

const INTEL = { o: 'Intel Corporation', l: 'Santa Clara', st: 'CA', c: 'US' } as const;
const ROOT_DN: DistinguishedName = { cn: 'Intel SGX Root CA', ...INTEL };
const PLATFORM_CA_DN: DistinguishedName = { cn: 'Intel SGX PCK Platform CA', ...INTEL };
const PROCESSOR_CA_DN: DistinguishedName = { cn: 'Intel SGX PCK Processor CA', ...INTEL };
const PCK_DN: DistinguishedName = { cn: 'Intel SGX PCK Certificate', ...INTEL };
const TCB_SIGNING_DN: DistinguishedName = { cn: 'Intel SGX TCB Signing', ...INTEL };
/** Where a real deployment would fetch the CRLs; devnet URLs, never contacted by the library. */
const ROOT_CRL_URL = 'https://devnet.invalid/IntelSGXRootCA.der';
const pckCrlUrl = (ca: string): string => `https://devnet.invalid/sgx/certification/v4/pckcrl?ca=${ca}&encoding=der`;

/** The keys of a devnet PKI, all derived from its seed. */
export interface DevnetIntelKeys {
  readonly rootKey: P256KeyPair;
  readonly caKey: P256KeyPair;
  readonly pckKey: P256KeyPair;
  readonly tcbKey: P256KeyPair;
}

/** The PCK leaf's identity: what its SGX extension carries. */
export interface DevnetPckIdentity {
  readonly caType: 'platform' | 'processor';
  readonly fmspc: string;
  readonly pceId: string;
  readonly comps: readonly number[];
  readonly pceSvn: number;
}

/** Certificate validity of the whole PKI. */
export interface DevnetCertValidity {
  readonly certNotBefore: Date;
  readonly certNotAfter: Date;
}

export interface DevnetIntelCerts {
  readonly rootDn: DistinguishedName;
  readonly caDn: DistinguishedName;
  readonly rootCaDer: Uint8Array;
  readonly pckCaSerial: Uint8Array;
  readonly pckCaDer: Uint8Array;
  readonly tcbSigningDer: Uint8Array;
  readonly pckSerial: Uint8Array;
  readonly pckLeafDer: Uint8Array;
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

function overriddenDn(base: DistinguishedName, o: DevnetCertOverride | undefined): DistinguishedName {
  return o?.cn !== undefined ? { ...base, cn: o.cn } : base;
}

function overriddenProfile(o: DevnetCertOverride | undefined): { profile?: CertProfileOverride } {
  return o && (o.basicConstraints !== undefined || o.keyUsage !== undefined)
    ? {
        profile: {
          ...(o.basicConstraints !== undefined ? { basicConstraints: o.basicConstraints } : {}),
          ...(o.keyUsage !== undefined ? { keyUsage: o.keyUsage } : {}),
        },
      }
    : {};
}

function pckSgxExtension(seed: string, pck: DevnetPckIdentity): Uint8Array {
  return encodeSgxExtension({
    ppid: deriveBytes(seed, 'ppid', 16),
    sgxTcbComponents: pck.comps,
    pceSvn: pck.pceSvn,
    cpuSvn: Uint8Array.from(pck.comps),
    pceId: hexBytes(pck.pceId, 2, 'pceId'),
    fmspc: hexBytes(pck.fmspc, 6, 'fmspc'),
    sgxType: pck.caType === 'platform' ? 1 : 0,
    ...(pck.caType === 'platform'
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
}

/** Builds the four certificates of the PKI. Throws `RangeError` on a malformed `pceId` or `fmspc`. */
export function buildDevnetIntelCerts(
  seed: string,
  keys: DevnetIntelKeys,
  pck: DevnetPckIdentity,
  validity: DevnetCertValidity,
  opts: DevnetIntelPkiOptions,
): DevnetIntelCerts {
  const { rootKey, caKey, pckKey, tcbKey } = keys;
  const { certNotBefore, certNotAfter } = validity;
  const caType = pck.caType;
  const ov = opts.certOverrides ?? {};
  const rootDn = overriddenDn(ROOT_DN, ov.root);
  const caDn = overriddenDn(caType === 'platform' ? PLATFORM_CA_DN : PROCESSOR_CA_DN, ov.pckCa);

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
    ...overriddenProfile(ov.root),
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
    ...overriddenProfile(ov.pckCa),
  });
  const tcbSigningDer = buildCertificate({
    serial: serialFor(seed, 'tcb-signing'),
    issuer: rootDn,
    subject: overriddenDn(TCB_SIGNING_DN, ov.tcbSigning),
    notBefore: certNotBefore,
    notAfter: certNotAfter,
    subjectKey: tcbKey,
    issuerKey: rootKey,
    crlDistributionPoint: ROOT_CRL_URL,
    ...overriddenProfile(ov.tcbSigning),
  });
  const sgxExt = pckSgxExtension(seed, pck);
  const pckSerial = serialFor(seed, 'pck-leaf');
  const pckLeafDer = buildCertificate({
    serial: pckSerial,
    issuer: caDn,
    subject: overriddenDn(PCK_DN, ov.pckLeaf),
    notBefore: opts.pckNotBefore ?? certNotBefore,
    notAfter: opts.pckNotAfter ?? certNotAfter,
    subjectKey: pckKey,
    issuerKey: caKey,
    crlDistributionPoint: pckCrlUrl(caType),
    extraExtensions: [[OID_SGX_EXTENSION, sgxExt]],
    ...overriddenProfile(ov.pckLeaf),
  });
  return { rootDn, caDn, rootCaDer, pckCaSerial, pckCaDer, tcbSigningDer, pckSerial, pckLeafDer };
}
