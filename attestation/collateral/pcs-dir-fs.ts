/**
 * File-reading shell (NOT part of the pure core): loads collateral from a directory of Intel PCS response files.
 *
 * Directory layout (names fixed; documented in attestation/README.md):
 *   tcb_info.json                 PCS body {"tcbInfo":{…},"signature":"<hex r||s>"} (TDX or SGX TCB Info)
 *   qe_identity.json              PCS body {"enclaveIdentity":{…},"signature":"<hex r||s>"}
 *   pck_crl.der                   PCK CRL (DER; hex text also accepted)
 *   root_ca_crl.der               Intel SGX Root CA CRL (DER; hex text also accepted)
 *   tcb_info_issuer_chain.pem     TCB-Info-Issuer-Chain header, URL-decoded (PEM; signing cert first)
 *   qe_identity_issuer_chain.pem  SGX-Enclave-Identity-Issuer-Chain header, URL-decoded (PEM)
 *   pck_crl_issuer_chain.pem      SGX-PCK-CRL-Issuer-Chain header, URL-decoded (PEM). Optional: when absent the
 *                                 PCK CA certificate carried in the quote is used.
 * `.der` chain files are accepted in place of `.pem` (`*_issuer_chain.der`, one DER certificate each).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CollateralError } from './errors';
import { collateralFromPcsParts } from './json';
import { certsFromBytes, hexToBytes } from './pem';
import type { Collateral } from './types';

export const PCS_DIR_FILES = Object.freeze({
  tcbInfo: 'tcb_info.json',
  qeIdentity: 'qe_identity.json',
  pckCrl: 'pck_crl.der',
  rootCaCrl: 'root_ca_crl.der',
  tcbInfoIssuerChain: 'tcb_info_issuer_chain.pem',
  qeIdentityIssuerChain: 'qe_identity_issuer_chain.pem',
  pckCrlIssuerChain: 'pck_crl_issuer_chain.pem',
});

function read(dir: string, name: string): Buffer {
  try {
    return readFileSync(join(dir, name));
  } catch (cause) {
    throw new CollateralError('COLLATERAL_UNREADABLE', `cannot read ${name} in ${dir}`, { cause });
  }
}

/** DER CRL, or hex text of one. */
export function crlFromBytes(b: Uint8Array, what: string): Uint8Array {
  if (b.length > 0 && b[0] === 0x30) return new Uint8Array(b);
  return hexToBytes(Buffer.from(b).toString('latin1'), what);
}

function chain(dir: string, pemName: string, optional: boolean): Uint8Array[] {
  const derName = pemName.replace(/\.pem$/, '.der');
  if (existsSync(join(dir, pemName))) return certsFromBytes(read(dir, pemName), pemName);
  if (existsSync(join(dir, derName))) return certsFromBytes(read(dir, derName), derName);
  if (optional) return [];
  throw new CollateralError('COLLATERAL_UNREADABLE', `missing ${pemName} in ${dir}`);
}

/**
 * Load collateral from a PCS directory (layout above).
 * @throws CollateralError COLLATERAL_UNREADABLE (missing/unreadable file), COLLATERAL_MALFORMED
 */
export function loadPcsDirectory(dir: string): Collateral {
  const f = PCS_DIR_FILES;
  return collateralFromPcsParts({
    tcbInfoBody: read(dir, f.tcbInfo).toString('utf8'),
    qeIdentityBody: read(dir, f.qeIdentity).toString('utf8'),
    pckCrl: crlFromBytes(read(dir, f.pckCrl), f.pckCrl),
    rootCaCrl: crlFromBytes(read(dir, f.rootCaCrl), f.rootCaCrl),
    tcbInfoIssuerChain: chain(dir, f.tcbInfoIssuerChain, false),
    qeIdentityIssuerChain: chain(dir, f.qeIdentityIssuerChain, false),
    pckCrlIssuerChain: chain(dir, f.pckCrlIssuerChain, true),
  });
}
