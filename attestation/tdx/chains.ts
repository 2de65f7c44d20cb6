/**
 * Certificate chains of DCAP: the PCK chain carried in the quote (leaf -> PCK Platform/Processor CA -> root) and
 * the collateral issuer chains (TCB Signing / PCK CA -> root). A chain is trusted iff every link verifies and its
 * self-signed end is byte-identical to a pinned root (Intel QVL compares the root; we compare the whole DER), and
 * every issuer satisfies the X.509 constraints of constraints.ts (TDX_CERT_CONSTRAINTS_INVALID).
 */
import { checkIssuerConstraints } from './constraints';
import { TdxVerifyError, type TdxVerifyErrorCode } from './errors';
import type { TrustContext } from './trust';
import { isSignedBy, parseCert, type Cert } from './x509';
import { bytesEqual } from '../../core/bytes';

const selfSigned = new WeakSet<Cert>();

export interface Window {
  readonly notBefore: number;
  readonly notAfter: number;
  readonly expired: TdxVerifyErrorCode;
  readonly notYetValid: TdxVerifyErrorCode;
  readonly what: string;
}

export function certWindow(c: Cert, what: string): Window {
  return {
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    expired: 'TDX_CERT_EXPIRED',
    notYetValid: 'TDX_CERT_NOT_YET_VALID',
    what,
  };
}

/** Throws the window's code when `now` is outside [notBefore, notAfter]. */
export function checkWindows(windows: readonly Window[], nowMs: number): void {
  for (const w of windows) {
    if (nowMs > w.notAfter)
      throw new TdxVerifyError(w.expired, `${w.what} expired at ${new Date(w.notAfter).toISOString()}`);
    if (nowMs < w.notBefore)
      throw new TdxVerifyError(w.notYetValid, `${w.what} not valid before ${new Date(w.notBefore).toISOString()}`);
  }
}

export function parseCerts(ders: readonly Uint8Array[], code: TdxVerifyErrorCode, what: string): Cert[] {
  return ders.map((d, i) => {
    try {
      return parseCert(d);
    } catch (cause) {
      throw new TdxVerifyError(code, `${what}: certificate ${i} is malformed`, { cause });
    }
  });
}

/**
 * Order certificates leaf first by issuer/subject names, append the pinned root when the chain stops short of a
 * self-signed certificate, verify every signature link and the anchor.
 */
export function buildChain(
  certs: readonly Cert[],
  trust: TrustContext,
  codes: { invalid: TdxVerifyErrorCode; untrusted: TdxVerifyErrorCode },
  what: string,
): Cert[] {
  const fail = (code: TdxVerifyErrorCode, msg: string): never => {
    throw new TdxVerifyError(code, `${what}: ${msg}`);
  };
  if (certs.length === 0) fail(codes.invalid, 'empty chain');
  const leaves = certs.filter(
    (c) =>
      !certs.some((o) => o !== c && !o.selfIssued && bytesEqual(o.issuerRaw, c.subjectRaw)) &&
      !(c.selfIssued && certs.length > 1),
  );
  if (leaves.length !== 1) fail(codes.invalid, 'cannot order the chain');
  const chain: Cert[] = [leaves[0] as Cert];
  for (;;) {
    const cur = chain[chain.length - 1] as Cert;
    if (cur.selfIssued) break;
    const next = certs.find((o) => o !== cur && !chain.includes(o) && bytesEqual(o.subjectRaw, cur.issuerRaw));
    if (next) {
      chain.push(next);
      continue;
    }
    const root = trust.roots.find((r) => bytesEqual(r.subjectRaw, cur.issuerRaw) && isSignedBy(cur, r));
    if (!root) fail(codes.untrusted, 'issuer not found among the certificates or the pinned roots');
    chain.push(root as Cert);
    break;
  }
  if (chain.length !== certs.length && chain.length !== certs.length + 1)
    fail(codes.invalid, 'certificates outside the chain');
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i] as Cert;
    const parent = chain[i + 1] as Cert;
    if (!isSignedBy(child, parent)) fail(codes.invalid, `certificate ${i} is not signed by its issuer`);
  }
  const top = chain[chain.length - 1] as Cert;
  const pinned = trust.roots.find((r) => bytesEqual(r.der, top.der));
  if (!pinned) fail(codes.untrusted, 'root is not a pinned trust anchor');
  if (!selfSigned.has(pinned as Cert)) {
    if (!isSignedBy(pinned as Cert, pinned as Cert)) fail(codes.invalid, 'root is not self-signed');
    selfSigned.add(pinned as Cert); // a pinned root's self-signature is checked once per trust context
  }
  chain[chain.length - 1] = pinned as Cert;
  // X.509 constraints of every issuer and the root's CN, once per built chain (callers cache the chain).
  checkIssuerConstraints(chain, what);
  return chain;
}
