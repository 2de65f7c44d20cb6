/**
 * Appraisal of a verified DCAP quote under a policy (reference tdx-dcap.md §9). Runs only on `VerifiedQuote`s
 * (checked at run time) and collects every violation before throwing. Security options default to strict:
 * only the Intel root, TDX only, TCB status UpToDate only, debug rejected, SEPT_VE_DISABLE required, no service TD.
 */
import type { Violation } from '../errors';
import { INTEL_SGX_ROOT_CA_SHA256 } from '../tdx/intel-root';
import { MIN_TCB_EVALUATION_DATA_NUMBER } from '../tdx/collateral-freshness';
import type { TcbStatus } from '../tdx/collateral-json';
import { isVerifiedQuote, type VerifiedQuote, type VerifiedSgxQuote, type VerifiedTdxQuote } from '../tdx/verify';
import { PolicyError, type PolicyViolationCode } from './errors';
import { imageId, platformId } from './identity';
import { toHex } from '../../core/bytes';

type HexList = readonly string[];

/**
 * What a quote must satisfy. An allowlist that is `undefined` is not checked; an EMPTY allowlist allows nothing.
 * Hex values are compared case-insensitively.
 */
export interface QuotePolicy {
  /** Default 'TDX'. SGX quotes are appraised only under a policy that names 'SGX'. */
  readonly teeType?: 'TDX' | 'SGX';
  /** SHA-256 (hex) of the roots the chains may anchor to. Default: the Intel SGX Root CA only. A devnet root must be listed here. */
  readonly allowedRoots?: HexList;
  /** Default ['UpToDate']. Anything else is an explicit opt-in (Revoked never verifies). */
  readonly acceptedStatuses?: readonly TcbStatus[];
  /** When the status is not UpToDate, every advisory ID must be listed here. Default: none allowed. */
  readonly allowedAdvisoryIds?: HexList;
  /** SECURITY: default false — debug TDs / enclaves expose their memory to the host. */
  readonly allowDebug?: boolean;
  /** TDX: require TDATTRIBUTES.SEPT_VE_DISABLE (bit 28). Default true. */
  readonly requireSeptVeDisable?: boolean;
  /** TDX 1.5: allowed MRSERVICETD values. Default: must be all zero (no service TD bound). */
  readonly mrservicetd?: HexList;
  readonly xfam?: HexList;
  readonly mrtd?: HexList;
  readonly rtmr0?: HexList;
  readonly rtmr1?: HexList;
  readonly rtmr2?: HexList;
  readonly rtmr3?: HexList;
  readonly mrseam?: HexList;
  readonly imageIds?: HexList;
  readonly platformIds?: HexList;
  /** Expected REPORTDATA (hex or bytes, up to 64 bytes; shorter values are zero-padded to 64). */
  readonly reportData?: string | Uint8Array;
  /** SGX allowlists. */
  readonly mrEnclave?: HexList;
  readonly mrSigner?: HexList;
  readonly isvProdId?: number;
  readonly minIsvSvn?: number;
  /**
   * Lowest accepted tcbEvaluationDataNumber of the collateral (TCB Info and QE Identity): refuses TCB rollback to
   * collateral from before a TCB recovery. Default for quotes anchored at the Intel root:
   * MIN_TCB_EVALUATION_DATA_NUMBER; for other roots (devnet, tests): not checked unless set.
   */
  readonly minTcbEvaluationDataNumber?: number;
}

/** What `appraiseQuote` applies where the policy leaves a field out (every other absent allowlist is not checked). */
export const DEFAULT_QUOTE_POLICY: Readonly<
  Required<
    Pick<
      QuotePolicy,
      'teeType' | 'allowedRoots' | 'acceptedStatuses' | 'allowedAdvisoryIds' | 'allowDebug' | 'requireSeptVeDisable'
    >
  >
> = Object.freeze({
  teeType: 'TDX',
  allowedRoots: Object.freeze([INTEL_SGX_ROOT_CA_SHA256]),
  acceptedStatuses: Object.freeze(['UpToDate'] as const),
  allowedAdvisoryIds: Object.freeze([]),
  allowDebug: false,
  requireSeptVeDisable: true,
});

const norm = (l: HexList): string[] => l.map((s) => s.toLowerCase().replace(/^0x/, ''));

/** TDATTRIBUTES bits (TDX module ABI, TDINFO_STRUCT.ATTRIBUTES). */
const TD_DEBUG = 1n << 0n;
const TD_SEPT_VE_DISABLE = 1n << 28n;
/** PKS (30), KL (31), PERFMON (63) and the two above; every other bit is reserved and must be zero. */
const TD_KNOWN = TD_DEBUG | TD_SEPT_VE_DISABLE | (1n << 30n) | (1n << 31n) | (1n << 63n);

function u64le(b: Uint8Array): bigint {
  return Buffer.from(b.buffer, b.byteOffset, 8).readBigUInt64LE(0);
}

function paddedReportData(v: string | Uint8Array): string {
  const b = typeof v === 'string' ? Buffer.from(v.replace(/^0x/i, ''), 'hex') : Buffer.from(v);
  if (b.length > 64 || (typeof v === 'string' && b.length * 2 !== v.replace(/^0x/i, '').length)) {
    throw new RangeError('policy.reportData must be at most 64 bytes of hex');
  }
  return toHex(Buffer.concat([b, Buffer.alloc(64 - b.length)]));
}

/** All violations of `policy` by `v` (empty when it passes). @throws TypeError if `v` did not come from verifyQuote */
export function quoteViolations(v: VerifiedQuote, policy: QuotePolicy): Violation[] {
  if (!isVerifiedQuote(v)) throw new TypeError('appraiseQuote: not a VerifiedQuote (verify it with verifyQuote first)');
  const out: Violation[] = [];
  const add = (code: PolicyViolationCode, field: string, expected: string | undefined, actual: string): void => {
    out.push(expected === undefined ? { code, field, actual } : { code, field, expected, actual });
  };
  const allow = (code: PolicyViolationCode, field: string, list: HexList | undefined, actual: string): void => {
    if (list !== undefined && !norm(list).includes(actual)) add(code, field, norm(list).join('|') || '(none)', actual);
  };

  const teeType = policy.teeType ?? DEFAULT_QUOTE_POLICY.teeType;
  if (v.teeType !== teeType) add('POLICY_TEE_TYPE_NOT_ALLOWED', 'teeType', teeType, v.teeType);
  allow('POLICY_ROOT_NOT_ALLOWED', 'root', policy.allowedRoots ?? DEFAULT_QUOTE_POLICY.allowedRoots, v.rootSha256);

  const accepted = policy.acceptedStatuses ?? DEFAULT_QUOTE_POLICY.acceptedStatuses;
  if (accepted.includes('Revoked' as TcbStatus))
    throw new RangeError('policy.acceptedStatuses may not include Revoked');
  if (!accepted.includes(v.tcbStatus))
    add('POLICY_TCB_STATUS_NOT_ALLOWED', 'tcbStatus', accepted.join('|'), v.tcbStatus);
  if (v.tcbStatus !== 'UpToDate') {
    const ok = new Set(policy.allowedAdvisoryIds ?? DEFAULT_QUOTE_POLICY.allowedAdvisoryIds);
    for (const id of v.advisoryIds)
      if (!ok.has(id)) add('POLICY_ADVISORY_NOT_ALLOWED', 'advisoryIds', [...ok].join('|') || '(none)', id);
  }
  const floor =
    policy.minTcbEvaluationDataNumber ??
    (v.rootSha256 === INTEL_SGX_ROOT_CA_SHA256 ? MIN_TCB_EVALUATION_DATA_NUMBER : undefined);
  if (floor !== undefined && !(v.tcbEvaluationDataNumber >= floor))
    add('TDX_TCB_EVALUATION_TOO_OLD', 'tcbEvaluationDataNumber', `>=${floor}`, String(v.tcbEvaluationDataNumber));
  if (v.teeType === 'TDX') appraiseTd(v, policy, add, allow);
  else appraiseSgx(v, policy, add, allow);
  return out;
}

type Add = (code: PolicyViolationCode, field: string, expected: string | undefined, actual: string) => void;
type Allow = (code: PolicyViolationCode, field: string, list: HexList | undefined, actual: string) => void;

function appraiseTd(v: VerifiedTdxQuote, p: QuotePolicy, add: Add, allow: Allow): void {
  const m = v.measurements;
  const attrs = u64le(m.tdAttributes);
  if (attrs & TD_DEBUG && !(p.allowDebug ?? DEFAULT_QUOTE_POLICY.allowDebug))
    add('POLICY_DEBUG_ENABLED', 'tdAttributes.DEBUG', '0', '1');
  if (!(attrs & TD_SEPT_VE_DISABLE) && (p.requireSeptVeDisable ?? DEFAULT_QUOTE_POLICY.requireSeptVeDisable))
    add('POLICY_SEPT_VE_DISABLE_OFF', 'tdAttributes.SEPT_VE_DISABLE', '1', '0');
  if (attrs & ~TD_KNOWN & 0xffffffffffffffffn)
    add('POLICY_TD_ATTRIBUTES_RESERVED', 'tdAttributes', 'reserved bits zero', toHex(m.tdAttributes));
  if (m.mrservicetd) {
    const zero = '0'.repeat(96);
    allow('POLICY_SERVICE_TD_NOT_ALLOWED', 'mrservicetd', p.mrservicetd ?? [zero], toHex(m.mrservicetd));
  }
  allow('POLICY_XFAM_NOT_ALLOWED', 'xfam', p.xfam, toHex(m.xfam));
  allow('POLICY_MRTD_NOT_ALLOWED', 'mrtd', p.mrtd, toHex(m.mrtd));
  allow('POLICY_RTMR_NOT_ALLOWED', 'rtmr0', p.rtmr0, toHex(m.rtmr0));
  allow('POLICY_RTMR_NOT_ALLOWED', 'rtmr1', p.rtmr1, toHex(m.rtmr1));
  allow('POLICY_RTMR_NOT_ALLOWED', 'rtmr2', p.rtmr2, toHex(m.rtmr2));
  allow('POLICY_RTMR_NOT_ALLOWED', 'rtmr3', p.rtmr3, toHex(m.rtmr3));
  allow('POLICY_MRSEAM_NOT_ALLOWED', 'mrseam', p.mrseam, toHex(m.mrseam));
  if (p.imageIds !== undefined) allow('POLICY_IMAGE_NOT_ALLOWED', 'imageId', p.imageIds, imageId(m));
  if (p.platformIds !== undefined) allow('POLICY_PLATFORM_NOT_ALLOWED', 'platformId', p.platformIds, platformId(m));
  if (p.reportData !== undefined) {
    const want = paddedReportData(p.reportData);
    if (want !== toHex(m.reportData)) add('POLICY_REPORT_DATA_MISMATCH', 'reportData', want, toHex(m.reportData));
  }
}

function appraiseSgx(v: VerifiedSgxQuote, p: QuotePolicy, add: Add, allow: Allow): void {
  const m = v.measurements;
  // SGX ATTRIBUTES.FLAGS bit 1 = DEBUG (Intel SDK sgx_attributes_t).
  if (((m.attributes[0] as number) & 0x02) !== 0 && p.allowDebug !== true)
    add('POLICY_DEBUG_ENABLED', 'attributes.DEBUG', '0', '1');
  allow('POLICY_MRENCLAVE_NOT_ALLOWED', 'mrEnclave', p.mrEnclave, toHex(m.mrEnclave));
  allow('POLICY_MRSIGNER_NOT_ALLOWED', 'mrSigner', p.mrSigner, toHex(m.mrSigner));
  if (p.isvProdId !== undefined && m.isvProdId !== p.isvProdId)
    add('POLICY_ISV_NOT_ALLOWED', 'isvProdId', String(p.isvProdId), String(m.isvProdId));
  if (p.minIsvSvn !== undefined && m.isvSvn < p.minIsvSvn)
    add('POLICY_ISV_NOT_ALLOWED', 'isvSvn', `>=${p.minIsvSvn}`, String(m.isvSvn));
  if (p.reportData !== undefined) {
    const want = paddedReportData(p.reportData);
    if (want !== toHex(m.reportData)) add('POLICY_REPORT_DATA_MISMATCH', 'reportData', want, toHex(m.reportData));
  }
}

/**
 * Appraise a verified quote. Returns normally when every rule passes.
 * @throws PolicyError POLICY_REJECTED with `violations` (codes: PolicyViolationCode)
 * @throws TypeError when `v` was not produced by verifyQuote; RangeError for an invalid policy
 */
export function appraiseQuote(v: VerifiedQuote, policy: QuotePolicy): void {
  const violations = quoteViolations(v, policy);
  if (violations.length > 0) throw new PolicyError(violations);
}
