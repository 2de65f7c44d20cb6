/**
 * The branded result of `verifyQuote`: its shape, the run-time brand, and the one constructor that builds it from
 * a verified quote, its TCB evaluation, PCK chain and prepared collateral.
 */
import { createHash } from 'node:crypto';
import type { TcbLevelStatus, TcbStatus } from './collateral-json';
import type { SgxMeasurements, TdMeasurements } from './measurements';
import type { verifiedPckChain } from './pck-chain';
import type { preparedCollateral } from './prepared-collateral';
import type { evaluateTcb } from './tcb-eval';
import type { SgxQuote, TdxQuote } from './types';

declare const verifiedBrand: unique symbol;

interface VerifiedCommon {
  readonly [verifiedBrand]: true;
  /** Intel's converged status. Never 'Revoked' (that throws TDX_TCB_REVOKED). */
  readonly tcbStatus: TcbStatus;
  readonly advisoryIds: readonly string[];
  /** Lower-case hex, from the PCK certificate. */
  readonly fmspc: string;
  readonly pceId: string;
  readonly tcbDate: string;
  readonly platformStatus: TcbLevelStatus;
  readonly qeStatus: TcbLevelStatus;
  readonly tdxModuleId: string | undefined;
  readonly tdxModuleStatus: TcbLevelStatus | undefined;
  /** Earliest expiry of the collateral and certificates used (cache results no longer than this). */
  readonly validUntil: Date;
  /** SHA-256 of the root certificate the chains anchor to (tells Intel production from a devnet root). */
  readonly rootSha256: string;
  /** The lower of the collateral's TCB Info and QE Identity tcbEvaluationDataNumber (policy floor: rollback). */
  readonly tcbEvaluationDataNumber: number;
}
export interface VerifiedTdxQuote extends VerifiedCommon {
  readonly teeType: 'TDX';
  readonly quote: TdxQuote;
  readonly measurements: TdMeasurements;
}
export interface VerifiedSgxQuote extends VerifiedCommon {
  readonly teeType: 'SGX';
  readonly quote: SgxQuote;
  readonly measurements: SgxMeasurements;
}
/** A quote whose signatures, chains and collateral verified. Only `verifyQuote` creates these. */
export type VerifiedQuote = VerifiedTdxQuote | VerifiedSgxQuote;

type TcbEvaluation = ReturnType<typeof evaluateTcb>;
type VerifiedPckChain = ReturnType<typeof verifiedPckChain>;
type PreparedCollateral = ReturnType<typeof preparedCollateral>;

const issued = new WeakSet<object>();

/** True only for objects returned by `verifyQuote` in this process (the brand is checked at run time too). */
export function isVerifiedQuote(v: unknown): v is VerifiedQuote {
  return typeof v === 'object' && v !== null && issued.has(v);
}

/** Builds, brands and freezes the result for a quote whose every check passed. */
export function toVerifiedQuote(
  quote: TdxQuote | SgxQuote,
  ev: TcbEvaluation,
  pck: VerifiedPckChain,
  col: PreparedCollateral,
): VerifiedQuote {
  let result: VerifiedQuote;
  if (quote.teeType === 'TDX') {
    result = freezeResult('TDX', quote, tdMeasurements(quote), ev, pck, col) as VerifiedTdxQuote;
  } else {
    result = freezeResult('SGX', quote, sgxMeasurements(quote), ev, pck, col) as VerifiedSgxQuote;
  }
  issued.add(result);
  return result;
}

function tdMeasurements(quote: TdxQuote): TdMeasurements {
  const b = quote.body;
  return Object.freeze({
    mrtd: b.mrtd,
    rtmr0: b.rtmr0,
    rtmr1: b.rtmr1,
    rtmr2: b.rtmr2,
    rtmr3: b.rtmr3,
    mrconfigid: b.mrconfigid,
    mrowner: b.mrowner,
    mrownerconfig: b.mrownerconfig,
    mrseam: b.mrseam,
    mrsignerseam: b.mrsignerseam,
    teeTcbSvn: b.teeTcbSvn,
    tdAttributes: b.tdAttributes,
    xfam: b.xfam,
    reportData: b.reportData,
    ...(b.teeTcbSvn2 ? { teeTcbSvn2: b.teeTcbSvn2 } : {}),
    ...(b.mrservicetd ? { mrservicetd: b.mrservicetd } : {}),
  });
}

function sgxMeasurements(quote: SgxQuote): SgxMeasurements {
  const b = quote.body;
  return Object.freeze({
    mrEnclave: b.mrEnclave,
    mrSigner: b.mrSigner,
    isvProdId: b.isvProdId,
    isvSvn: b.isvSvn,
    attributes: b.attributes,
    miscSelect: b.miscSelect,
    reportData: b.reportData,
  });
}

/** One object literal with a fixed shape (spread + freeze of a 14-field object is measurably slow in V8). */
function freezeResult(
  teeType: 'TDX' | 'SGX',
  quote: TdxQuote | SgxQuote,
  measurements: TdMeasurements | SgxMeasurements,
  ev: TcbEvaluation,
  pck: VerifiedPckChain,
  col: PreparedCollateral,
): VerifiedQuote {
  return Object.freeze({
    teeType,
    quote,
    measurements,
    tcbStatus: ev.status,
    advisoryIds: ev.advisoryIds,
    fmspc: pck.ext.fmspc,
    pceId: pck.ext.pceId,
    tcbDate: ev.tcbDate,
    platformStatus: ev.platformStatus,
    qeStatus: ev.qeStatus,
    tdxModuleId: ev.tdxModuleId,
    tdxModuleStatus: ev.tdxModuleStatus,
    validUntil: new Date(Math.min(col.earliestExpiry, pck.leaf.notAfter, pck.ca.notAfter)),
    rootSha256: rootFingerprint(col.root.der),
    tcbEvaluationDataNumber: Math.min(col.tcbInfo.tcbEvaluationDataNumber, col.qeIdentity.tcbEvaluationDataNumber),
  }) as unknown as VerifiedQuote;
}

const fingerprints = new WeakMap<Uint8Array, string>();
function rootFingerprint(der: Uint8Array): string {
  let f = fingerprints.get(der);
  if (!f) {
    f = createHash('sha256').update(der).digest('hex');
    fingerprints.set(der, f);
  }
  return f;
}
