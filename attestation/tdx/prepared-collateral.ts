/**
 * Collateral verified once and cached: issuer chains anchored (with X.509 constraints and Intel CNs), TCB Info / QE Identity signatures, CRL signatures,
 * revocation of the signing certificates. Everything here is independent of `now`; the time-dependent checks are
 * recorded as windows and evaluated on every call. Caches are bounded and keyed on the collateral bytes' digest
 * (plus object identity as a fast path) and the trust context.
 */
import { createHash, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { Collateral } from '../collateral/types';
import { buildChain, certWindow, parseCerts, type Window } from './chains';
import { parseQeIdentity, parseTcbInfo, type QeIdentity, type TcbInfo } from './collateral-json';
import { checkPckCaConstraints, checkSignerConstraints, INTEL_CN } from './constraints';
import { TdxVerifyError } from './errors';
import { OID_SGX_EXTENSION } from './pck-extension';
import type { TrustContext } from './trust';
import { bytesEqual } from '../../core/bytes';
import { parseCrl, verifyCrlSignature, type Cert, type Crl } from './x509';
import { boundedCache } from '../../core/cache';

export interface PreparedCollateral {
  readonly root: Cert;
  readonly tcbInfo: TcbInfo;
  readonly qeIdentity: QeIdentity;
  readonly rootCrl: Crl;
  readonly pckCrl: Crl;
  /** PCK CA certificates whose key verified the PCK CRL signature (filled lazily from the quotes' chains). */
  readonly pckCrlVerifiedBy: WeakSet<Cert>;
  readonly windows: readonly Window[];
  readonly earliestExpiry: number;
}

export function verifyRawSignature(key: KeyObject, data: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== 64) return false;
  try {
    return cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

function crlOf(der: Uint8Array, what: string): Crl {
  try {
    return parseCrl(new Uint8Array(der)); // own copy: cached views must not alias caller memory
  } catch (cause) {
    throw new TdxVerifyError('TDX_CRL_INVALID', `${what} is malformed`, { cause });
  }
}

function crlWindow(c: Crl, what: string): Window {
  return {
    notBefore: c.thisUpdate,
    notAfter: c.nextUpdate,
    expired: 'TDX_CRL_EXPIRED',
    notYetValid: 'TDX_CRL_NOT_YET_VALID',
    what,
  };
}

function prepare(c: Collateral, trust: TrustContext): PreparedCollateral {
  const windows: Window[] = [];
  // Root CA CRL: identifies which pinned root this collateral belongs to.
  const rootCrl = crlOf(c.rootCaCrl, 'root CA CRL');
  const root = trust.roots.find(
    (r) => bytesEqual(r.subjectRaw, rootCrl.issuerRaw) && verifyCrlSignature(rootCrl, r.publicKey),
  );
  if (!root) throw new TdxVerifyError('TDX_CRL_INVALID', 'root CA CRL is not signed by a pinned root');
  windows.push(crlWindow(rootCrl, 'root CA CRL'), certWindow(root, 'root CA certificate'));

  const signedChain = (ders: readonly Uint8Array[], what: string): Cert[] => {
    const chain = buildChain(
      parseCerts(
        ders.map((d) => new Uint8Array(d)),
        'TDX_COLLATERAL_CHAIN_INVALID',
        what,
      ),
      trust,
      { invalid: 'TDX_COLLATERAL_CHAIN_INVALID', untrusted: 'TDX_COLLATERAL_CHAIN_UNTRUSTED' },
      what,
    );
    if (!bytesEqual((chain[chain.length - 1] as Cert).der, root.der)) {
      throw new TdxVerifyError('TDX_COLLATERAL_CHAIN_UNTRUSTED', `${what} does not end at the root CA CRL's issuer`);
    }
    // Intel's collateral signers (TCB Signing, PCK CA) are issued directly by the root. Anything longer would let
    // a lower certificate (e.g. a platform's PCK leaf) sign TCB Info.
    if (chain.length !== 2) throw new TdxVerifyError('TDX_COLLATERAL_CHAIN_INVALID', `${what} must be [signer, root]`);
    chain.slice(0, -1).forEach((cert, i) => {
      if (rootCrl.revoked.has(cert.serial))
        throw new TdxVerifyError('TDX_CERT_REVOKED', `${what} certificate ${i} is revoked`);
      windows.push(certWindow(cert, `${what} certificate ${i}`));
    });
    return chain;
  };

  const signer = (chain: Cert[], what: string): Cert => {
    const cert = chain[0] as Cert;
    if (cert.extensions.has(OID_SGX_EXTENSION)) {
      throw new TdxVerifyError(
        'TDX_COLLATERAL_CHAIN_INVALID',
        `${what}: the signer must be a TCB Signing certificate (not a PCK)`,
      );
    }
    checkSignerConstraints(cert, INTEL_CN.tcbSigning, `${what}: signer`);
    return cert;
  };
  const tcbChain = signedChain(c.tcbInfoIssuerChain, 'TCB Info issuer chain');
  signer(tcbChain, 'TCB Info issuer chain');
  if (!verifyRawSignature((tcbChain[0] as Cert).publicKey, c.tcbInfo, c.tcbInfoSignature)) {
    throw new TdxVerifyError('TDX_TCB_INFO_SIGNATURE_INVALID', 'TCB Info signature does not verify');
  }
  const tcbInfo = parseTcbInfo(c.tcbInfo);
  windows.push({
    notBefore: tcbInfo.issueDate,
    notAfter: tcbInfo.nextUpdate,
    expired: 'TDX_TCB_INFO_EXPIRED',
    notYetValid: 'TDX_TCB_INFO_NOT_YET_VALID',
    what: 'TCB Info',
  });

  const qeChain = signedChain(c.qeIdentityIssuerChain, 'QE Identity issuer chain');
  signer(qeChain, 'QE Identity issuer chain');
  if (!verifyRawSignature((qeChain[0] as Cert).publicKey, c.qeIdentity, c.qeIdentitySignature)) {
    throw new TdxVerifyError('TDX_QE_IDENTITY_SIGNATURE_INVALID', 'QE Identity signature does not verify');
  }
  const qeIdentity = parseQeIdentity(c.qeIdentity);
  windows.push({
    notBefore: qeIdentity.issueDate,
    notAfter: qeIdentity.nextUpdate,
    expired: 'TDX_QE_IDENTITY_EXPIRED',
    notYetValid: 'TDX_QE_IDENTITY_NOT_YET_VALID',
    what: 'QE Identity',
  });

  const pckCrl = crlOf(c.pckCrl, 'PCK CRL');
  windows.push(crlWindow(pckCrl, 'PCK CRL'));
  const pckCrlVerifiedBy = new WeakSet<Cert>();
  if (c.pckCrlIssuerChain.length > 0) {
    const chain = signedChain(c.pckCrlIssuerChain, 'PCK CRL issuer chain');
    const issuer = chain[0] as Cert;
    checkPckCaConstraints(issuer, 'PCK CRL issuer');
    if (!bytesEqual(pckCrl.issuerRaw, issuer.subjectRaw))
      throw new TdxVerifyError('TDX_CRL_ISSUER_MISMATCH', 'PCK CRL issuer differs from its issuer chain');
    if (!verifyCrlSignature(pckCrl, issuer.publicKey))
      throw new TdxVerifyError('TDX_CRL_INVALID', 'PCK CRL signature does not verify');
  }
  return Object.freeze({
    root,
    tcbInfo,
    qeIdentity,
    rootCrl,
    pckCrl,
    pckCrlVerifiedBy,
    windows: Object.freeze(windows),
    earliestExpiry: Math.min(...windows.map((w) => w.notAfter)),
  });
}

const MAX_ENTRIES = 64;
const byDigest = boundedCache<string, PreparedCollateral>(MAX_ENTRIES);
let byObject = new WeakMap<Collateral, { trustKey: string; entry: PreparedCollateral }>();

/** Forget every verified collateral (benchmarks of cold verification, tests). */
export function clearCollateralCache(): void {
  byDigest.clear();
  byObject = new WeakMap();
}

function digest(c: Collateral): string {
  const h = createHash('sha256');
  const parts: Uint8Array[] = [
    c.tcbInfo,
    c.tcbInfoSignature,
    c.qeIdentity,
    c.qeIdentitySignature,
    c.pckCrl,
    c.rootCaCrl,
  ];
  for (const chain of [c.tcbInfoIssuerChain, c.qeIdentityIssuerChain, c.pckCrlIssuerChain]) {
    parts.push(Uint8Array.of(0xff, chain.length));
    parts.push(...chain);
  }
  const len = Buffer.alloc(4);
  for (const p of parts) {
    len.writeUInt32BE(p.length);
    h.update(len).update(p);
  }
  return h.digest('hex');
}

/**
 * Verified collateral for (collateral, trust), from cache when possible. The object-identity fast path assumes
 * collateral objects are not mutated after first use (collateralFromJson returns frozen objects).
 */
export function preparedCollateral(c: Collateral, trust: TrustContext): PreparedCollateral {
  const hit = byObject.get(c);
  if (hit && hit.trustKey === trust.key) return hit.entry;
  const key = `${trust.key}:${digest(c)}`;
  let entry = byDigest.get(key);
  if (!entry) {
    entry = prepare(c, trust);
    byDigest.set(key, entry);
  }
  byObject.set(c, { trustKey: trust.key, entry });
  return entry;
}
