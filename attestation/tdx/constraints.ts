/**
 * X.509 profile checks of Intel's SGX/TDX PKI (RFC 5280 §4.2.1.3, §4.2.1.9, §6.1.4; Intel QVL `PckCertVerifier`,
 * `TCBSigningChain`): every issuer has BasicConstraints cA=TRUE, respects pathLenConstraint and, where KeyUsage is
 * present, allows keyCertSign (and cRLSign for CRL issuers: the root and the PCK CAs); end-entity signers (PCK,
 * TCB Signing) are not CAs and, where KeyUsage is present, allow digitalSignature; each position carries Intel's
 * subject common name. Run once per chain at build time (the results are cached with the chain), never per quote.
 * Violations throw TdxVerifyError TDX_CERT_CONSTRAINTS_INVALID.
 */
import { issuerConstraintViolation, signerConstraintViolation } from '../../core/x509-constraints';
import { TdxVerifyError } from './errors';
import { KU, type Cert } from './x509';

export const INTEL_CN = {
  root: 'Intel SGX Root CA',
  platformCa: 'Intel SGX PCK Platform CA',
  processorCa: 'Intel SGX PCK Processor CA',
  pck: 'Intel SGX PCK Certificate',
  tcbSigning: 'Intel SGX TCB Signing',
} as const;
export const PCK_CA_CNS: readonly string[] = [INTEL_CN.platformCa, INTEL_CN.processorCa];

function fail(msg: string): never {
  throw new TdxVerifyError('TDX_CERT_CONSTRAINTS_INVALID', msg);
}

function checkCn(c: Cert, cns: readonly string[], what: string): void {
  if (c.subjectCn === undefined || !cns.includes(c.subjectCn))
    fail(`${what}: subject CN ${JSON.stringify(c.subjectCn ?? null)} is not ${cns.join(' / ')}`);
}

/**
 * Issuer constraints along a built chain (leaf first, anchor last): cA=TRUE, keyCertSign where KeyUsage is present,
 * pathLenConstraint >= the number of non-self-issued intermediates below; the anchor is Intel's root by CN and, as
 * the root CA CRL issuer, allows cRLSign where KeyUsage is present.
 */
export function checkIssuerConstraints(chain: readonly Cert[], what: string): void {
  const violation = issuerConstraintViolation(chain);
  if (violation !== undefined) fail(`${what}: ${violation}`);
  const root = chain[chain.length - 1] as Cert;
  if (chain.length > 1) {
    checkCn(root, [INTEL_CN.root], `${what}: root`);
    if (root.keyUsage !== undefined && !(root.keyUsage & KU.cRLSign)) fail(`${what}: root KeyUsage lacks cRLSign`);
  }
}

/** End-entity signer (PCK certificate, TCB Signing): not a CA, digitalSignature where KeyUsage is present, its CN. */
export function checkSignerConstraints(c: Cert, cn: string, what: string): void {
  const violation = signerConstraintViolation(c);
  if (violation !== undefined) fail(`${what}: ${violation}`);
  checkCn(c, [cn], what);
}

/** PCK Platform/Processor CA: its CN and, as the PCK CRL issuer, cRLSign where KeyUsage is present (cA, keyCertSign: above). */
export function checkPckCaConstraints(c: Cert, what: string): void {
  if (!c.basicConstraints?.cA) fail(`${what}: not a CA (BasicConstraints cA)`);
  if (c.keyUsage !== undefined && !(c.keyUsage & KU.cRLSign)) fail(`${what}: KeyUsage lacks cRLSign`);
  checkCn(c, PCK_CA_CNS, what);
}
