/**
 * How fresh a DCAP collateral is, and which of two collaterals a verifier uses: its own (fetched from Intel PCS or
 * configured) or the prover's (carried in the bundle). Freshness is Intel's TCB evaluation data number (raised at
 * each TCB recovery) and the issue dates of the signed TCB Info and QE Identity. Structure only: signatures and
 * validity windows are checked by `verifyQuote` on whichever collateral is chosen.
 */
import type { Collateral } from '../collateral/types';
import { parseQeIdentity, parseTcbInfo } from './collateral-json';
import { TdxVerifyError } from './errors';

/**
 * Default floor for `QuotePolicy.minTcbEvaluationDataNumber` on quotes anchored at the Intel SGX Root CA: the highest
 * tcbEvaluationDataNumber in the recorded Intel collateral this release was tested with (TDX TCB Info of FMSPC
 * 90C06F000000, issued 2026-02-18). Raised with each release.
 */
export const MIN_TCB_EVALUATION_DATA_NUMBER = 18;

export interface CollateralFreshness {
  /** The lower of the TCB Info's and the QE Identity's tcbEvaluationDataNumber. */
  readonly tcbEvaluationDataNumber: number;
  /** ms since the epoch. */
  readonly tcbInfoIssueDate: number;
  readonly qeIdentityIssueDate: number;
  /** Earliest nextUpdate of the TCB Info and QE Identity (ms since the epoch). */
  readonly nextUpdate: number;
}

/** @throws TdxVerifyError TDX_TCB_INFO_MALFORMED, TDX_QE_IDENTITY_MALFORMED */
export function collateralFreshness(c: Collateral): CollateralFreshness {
  const tcb = parseTcbInfo(c.tcbInfo);
  const qe = parseQeIdentity(c.qeIdentity);
  return {
    tcbEvaluationDataNumber: Math.min(tcb.tcbEvaluationDataNumber, qe.tcbEvaluationDataNumber),
    tcbInfoIssueDate: tcb.issueDate,
    qeIdentityIssueDate: qe.issueDate,
    nextUpdate: Math.min(tcb.nextUpdate, qe.nextUpdate),
  };
}

/**
 * The collateral a verifier uses for a quote, given its own (`own`) and the prover's (`prover`):
 * - only one present: that one;
 * - both: the prover's when it is at least as fresh as the verifier's own (evaluation number and both issue dates
 *   not older); the verifier's own when the prover's has the same evaluation number but an older issue date (a
 *   re-signing the prover has not fetched yet: ignored); refused when the prover's evaluation number is lower
 *   (TCB rollback: the prover's collateral predates a TCB recovery the verifier knows of).
 * A prover collateral that cannot be read is ignored when the verifier has its own.
 * @throws TdxVerifyError TDX_COLLATERAL_STALE; TDX_TCB_INFO_MALFORMED / TDX_QE_IDENTITY_MALFORMED for `own`
 */
export function chooseCollateral(own: Collateral, prover: Collateral | undefined): Collateral {
  if (!prover) return own;
  const mine = collateralFreshness(own);
  let theirs: CollateralFreshness;
  try {
    theirs = collateralFreshness(prover);
  } catch {
    return own;
  }
  if (theirs.tcbEvaluationDataNumber < mine.tcbEvaluationDataNumber) {
    throw new TdxVerifyError(
      'TDX_COLLATERAL_STALE',
      `prover collateral tcbEvaluationDataNumber ${theirs.tcbEvaluationDataNumber} < the verifier's ${mine.tcbEvaluationDataNumber}`,
      { details: { prover: theirs.tcbEvaluationDataNumber, verifier: mine.tcbEvaluationDataNumber } },
    );
  }
  const asFresh =
    theirs.tcbEvaluationDataNumber > mine.tcbEvaluationDataNumber ||
    (theirs.tcbInfoIssueDate >= mine.tcbInfoIssueDate && theirs.qeIdentityIssueDate >= mine.qeIdentityIssueDate);
  return asFresh ? prover : own;
}
