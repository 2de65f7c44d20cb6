/**
 * Intel DCAP quote verification, offline (Intel QVL `QuoteVerifier::verify` semantics; see
 * ../shared/docs/reference/tdx-dcap.md §5): PCK chain to the pinned root, CRLs, collateral signatures and
 * freshness, QE report signature and REPORTDATA binding, quote signature, FMSPC/PCEID, QE identity, TDX module
 * identity, TCB status convergence and advisories. `now` and the trust roots are arguments; nothing is read from
 * the environment. Warm calls (collateral and PCK chain already cached) cost two ECDSA verifications plus one
 * SHA-256.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { clearKeyCache, p256PublicKey } from './keys';
import type { Collateral, TrustRoots } from '../collateral/types';
import { checkWindows } from './chains';
import type { QeIdentity, TcbInfo } from './collateral-json';
import { TdxVerifyError } from './errors';
import { parseQuoteInternal, withPckChain } from './parse';
import { clearPckChainCache, verifiedPckChain, type VerifiedPckChain } from './pck-chain';
import {
  clearCollateralCache,
  preparedCollateral,
  verifyRawSignature,
  type PreparedCollateral,
} from './prepared-collateral';
import { evaluateTcb, findModuleIdentity, matchQeLevel } from './tcb-eval';
import { trustContext } from './trust';
import type { EnclaveReport, SgxQuote, TdxQuote } from './types';
import { toVerifiedQuote, type VerifiedQuote } from './verified-quote';
import { verifyCrlSignature } from './x509';
import { bytesEqual } from '../../core/bytes';

export { isVerifiedQuote } from './verified-quote';
export type { VerifiedQuote, VerifiedSgxQuote, VerifiedTdxQuote } from './verified-quote';

export interface VerifyQuoteOptions {
  readonly now: Date;
  /** Default: the Intel SGX Root CA pinned in code. */
  readonly trust?: TrustRoots;
  /** See ParseQuoteOptions.allowTrailingBytes (default: only zero padding after the quote). */
  readonly allowTrailingBytes?: boolean;
}

function attestationKey(raw: Uint8Array): KeyObject {
  try {
    return p256PublicKey(raw);
  } catch (cause) {
    throw new TdxVerifyError('TDX_ATTESTATION_KEY_INVALID', 'attestation key is not a P-256 point', { cause });
  }
}

function maskedEqual(a: Uint8Array, b: Uint8Array, mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++)
    if (((a[i] as number) & (mask[i] as number)) !== ((b[i] as number) & (mask[i] as number))) return false;
  return true;
}

const ZERO32 = new Uint8Array(32);

/**
 * Verify a DCAP quote (v3 SGX, v4/v5 SGX or TDX) against collateral at `now`.
 * Synchronous. The input is copied first; the result refers only to the copy.
 * @throws TdxParseError (any TDX_QUOTE_* code) for malformed quotes
 * @throws TdxVerifyError TDX_PCK_CHAIN_INVALID, TDX_PCK_CHAIN_UNTRUSTED, TDX_CERT_EXPIRED, TDX_CERT_NOT_YET_VALID,
 *   TDX_CERT_REVOKED, TDX_CERT_CONSTRAINTS_INVALID, TDX_PCK_EXTENSION_INVALID, TDX_CRL_INVALID, TDX_CRL_ISSUER_MISMATCH, TDX_CRL_EXPIRED,
 *   TDX_CRL_NOT_YET_VALID, TDX_COLLATERAL_CHAIN_INVALID, TDX_COLLATERAL_CHAIN_UNTRUSTED,
 *   TDX_TCB_INFO_SIGNATURE_INVALID, TDX_TCB_INFO_MALFORMED, TDX_TCB_INFO_EXPIRED, TDX_TCB_INFO_NOT_YET_VALID,
 *   TDX_TCB_INFO_MISMATCH, TDX_QE_IDENTITY_SIGNATURE_INVALID, TDX_QE_IDENTITY_MALFORMED, TDX_QE_IDENTITY_EXPIRED,
 *   TDX_QE_IDENTITY_NOT_YET_VALID, TDX_QE_IDENTITY_MISMATCH, TDX_QE_REPORT_SIGNATURE_INVALID,
 *   TDX_QE_REPORT_DATA_MISMATCH, TDX_ATTESTATION_KEY_INVALID, TDX_QUOTE_SIGNATURE_INVALID, TDX_MODULE_MISMATCH,
 *   TDX_TCB_NOT_SUPPORTED, TDX_TCB_REVOKED
 */
export function verifyQuote(quoteBytes: Uint8Array, collateral: Collateral, opts: VerifyQuoteOptions): VerifiedQuote {
  if (!(quoteBytes instanceof Uint8Array)) throw new TypeError('verifyQuote: quote must be a Uint8Array');
  if (!opts || !(opts.now instanceof Date) || Number.isNaN(opts.now.getTime()))
    throw new TypeError('verifyQuote: opts.now must be a valid Date');
  const nowMs = opts.now.getTime();
  // A real copy (Buffer#slice would alias the caller's memory), as a plain Uint8Array.
  const parsed = parseQuoteInternal(
    new Uint8Array(quoteBytes),
    { allowTrailingBytes: opts.allowTrailingBytes === true },
    false,
  );
  const trust = trustContext(opts.trust);

  // B. PCK chain to a pinned root (cached per distinct chain), then collateral (cached per distinct collateral).
  const pck = verifiedPckChain(parsed.signatureData.certData, trust);
  const quote = withPckChain(parsed, pck.ders);
  const col = preparedCollateral(collateral, trust);
  checkPckAgainstCollateral(pck, col, nowMs);
  // C. Collateral matches this quote's TEE and platform.
  checkCollateralFitsQuote(quote, pck, col);
  // D. Quote cryptography: QE report by the PCK key, its REPORTDATA binds the attestation key, quote by that key.
  verifyQuoteSignatures(quote, pck);
  // E. TDX module identity (Intel: no mask on SEAMATTRIBUTES), checked before the QE identity as Intel QVL does.
  if (quote.teeType === 'TDX') checkModuleIdentity(quote, col.tcbInfo);
  // QE identity.
  const qe = quote.signatureData.qeReport;
  checkQeIdentity(qe, col.qeIdentity);
  const qeLevel = matchQeLevel(col.qeIdentity.tcbLevels, qe.isvSvn);

  // F. TCB status.
  const ev = evaluateTcb(
    col.tcbInfo,
    pck.ext,
    qeLevel,
    quote.teeType === 'TDX' ? quote.body.teeTcbSvn : undefined,
    quote.teeType === 'TDX' && quote.body.kind === 'TD15' ? quote.body.teeTcbSvn2 : undefined,
  );
  if (ev.status === 'Revoked') {
    throw new TdxVerifyError('TDX_TCB_REVOKED', 'Intel TCB status is Revoked', {
      details: { tcbStatus: ev.status, advisoryIds: ev.advisoryIds, fmspc: pck.ext.fmspc },
    });
  }
  return toVerifiedQuote(quote, ev, pck, col);
}

/** Same root for chain and collateral, neither PCK certificate revoked (PCK CRL checked once per CA), all in date. */
function checkPckAgainstCollateral(pck: VerifiedPckChain, col: PreparedCollateral, nowMs: number): void {
  if (pck.root !== col.root && !bytesEqual(pck.root.der, col.root.der)) {
    throw new TdxVerifyError('TDX_PCK_CHAIN_UNTRUSTED', 'PCK chain and collateral anchor to different roots');
  }
  if (col.rootCrl.revoked.has(pck.ca.serial))
    throw new TdxVerifyError('TDX_CERT_REVOKED', 'PCK CA certificate is revoked');
  if (!col.pckCrlVerifiedBy.has(pck.ca)) {
    // Once per (collateral, PCK CA): issuer DN and signature of the PCK CRL against this CA.
    if (!bytesEqual(col.pckCrl.issuerRaw, pck.ca.subjectRaw)) {
      throw new TdxVerifyError('TDX_CRL_ISSUER_MISMATCH', 'PCK CRL is not issued by the PCK certificate issuer');
    }
    if (!verifyCrlSignature(col.pckCrl, pck.ca.publicKey))
      throw new TdxVerifyError('TDX_CRL_INVALID', 'PCK CRL signature does not verify with the PCK CA key');
    col.pckCrlVerifiedBy.add(pck.ca);
  }
  if (col.pckCrl.revoked.has(pck.leaf.serial))
    throw new TdxVerifyError('TDX_CERT_REVOKED', 'PCK certificate is revoked');
  checkWindows(col.windows, nowMs);
  checkWindows(pck.windows, nowMs);
}

/** TCB Info and QE Identity are for this quote's TEE, and TCB Info for this platform (FMSPC, PCEID). */
function checkCollateralFitsQuote(quote: TdxQuote | SgxQuote, pck: VerifiedPckChain, col: PreparedCollateral): void {
  const info = col.tcbInfo;
  const isTdx = quote.teeType === 'TDX';
  if (
    isTdx ? info.id !== 'TDX' || info.version !== 3 : info.id !== 'SGX' || (info.version !== 2 && info.version !== 3)
  ) {
    throw new TdxVerifyError(
      'TDX_TCB_INFO_MISMATCH',
      `TCB Info ${info.id} v${info.version} does not fit a ${quote.teeType} quote`,
    );
  }
  if (info.fmspc !== pck.ext.fmspc)
    throw new TdxVerifyError('TDX_TCB_INFO_MISMATCH', `FMSPC ${pck.ext.fmspc} != TCB Info ${info.fmspc}`, {
      details: { field: 'fmspc' },
    });
  if (info.pceId !== pck.ext.pceId)
    throw new TdxVerifyError('TDX_TCB_INFO_MISMATCH', 'PCEID differs from TCB Info', { details: { field: 'pceId' } });
  const qeId = col.qeIdentity;
  if (qeId.id !== (isTdx ? 'TD_QE' : 'QE'))
    throw new TdxVerifyError(
      'TDX_QE_IDENTITY_MISMATCH',
      `QE Identity ${qeId.id} does not fit a ${quote.teeType} quote`,
    );
}

/** QE report signed by the PCK key, its REPORTDATA binding the attestation key, the quote signed by that key. */
function verifyQuoteSignatures(quote: TdxQuote | SgxQuote, pck: VerifiedPckChain): void {
  const sd = quote.signatureData;
  const qe = sd.qeReport;
  if (!verifyRawSignature(pck.leaf.publicKey, qe.raw, sd.qeReportSignature)) {
    throw new TdxVerifyError('TDX_QE_REPORT_SIGNATURE_INVALID', 'QE report signature does not verify with the PCK key');
  }
  const binding = createHash('sha256').update(sd.attestationKey).update(sd.qeAuthData).digest();
  if (!bytesEqual(qe.reportData.subarray(0, 32), binding) || !bytesEqual(qe.reportData.subarray(32), ZERO32)) {
    throw new TdxVerifyError(
      'TDX_QE_REPORT_DATA_MISMATCH',
      'QE REPORTDATA != SHA-256(attestation key || QE auth data) || zeros',
    );
  }
  if (!verifyRawSignature(attestationKey(sd.attestationKey), quote.signedBytes, sd.signature)) {
    throw new TdxVerifyError('TDX_QUOTE_SIGNATURE_INVALID', 'quote signature does not verify with the attestation key');
  }
}

/** MRSIGNERSEAM and SEAMATTRIBUTES against the TDX module identity of TCB Info. */
function checkModuleIdentity(quote: TdxQuote, info: TcbInfo): void {
  const b = quote.body;
  const mod = (b.teeTcbSvn[1] as number) > 0 ? findModuleIdentity(info, b.teeTcbSvn) : info.tdxModule;
  if (!mod) throw new TdxVerifyError('TDX_MODULE_MISMATCH', 'TCB Info has no tdxModule');
  if (!bytesEqual(b.mrsignerseam, mod.mrsigner))
    throw new TdxVerifyError('TDX_MODULE_MISMATCH', 'MRSIGNERSEAM differs from the TDX module identity');
  if (!bytesEqual(b.seamAttributes, mod.attributes) || b.seamAttributes.some((x) => x !== 0)) {
    throw new TdxVerifyError('TDX_MODULE_MISMATCH', 'SEAMATTRIBUTES must be zero and equal the module attributes');
  }
}

/** MISCSELECT and ATTRIBUTES under their masks, MRSIGNER and ISVPRODID of the QE report against the QE Identity. */
function checkQeIdentity(qe: EnclaveReport, qeId: QeIdentity): void {
  if (
    (qe.miscSelect & qeId.miscselectMask) >>> 0 !== (qeId.miscselect & qeId.miscselectMask) >>> 0 ||
    !maskedEqual(qe.attributes, qeId.attributes, qeId.attributesMask) ||
    !bytesEqual(qe.mrSigner, qeId.mrsigner) ||
    qe.isvProdId !== qeId.isvprodid
  ) {
    throw new TdxVerifyError('TDX_QE_IDENTITY_MISMATCH', 'QE report does not match the QE Identity');
  }
}

/**
 * Drop every cache of the verifier (verified collateral, verified PCK chains, imported keys). Never needed for
 * correctness (nothing cached depends on `now`); for cold-path benchmarks and memory tests.
 */
export function clearQuoteVerifierCaches(): void {
  clearCollateralCache();
  clearPckChainCache();
  clearKeyCache();
}
