/**
 * `chrysalis attest quote <quote-file> (--collateral <json-file|pcs-dir> | --pcs-url <url>) [options]`
 *
 * Shell around the pure core: reads files and the clock, verifies the quote offline (Intel DCAP), appraises it
 * and prints a report.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Violation } from '../../attestation/errors';
import { collateralFromJson, type Collateral } from '../../attestation/collateral';
import { loadPcsDirectory } from '../../attestation/collateral/pcs-dir-fs';
import { createNodePcsClient } from '../../attestation/collateral/pcs-client-node';
import { certsFromBytes } from '../../attestation/collateral/pem';
import {
  parseQuote,
  verifyQuote,
  TCB_STATUSES,
  type Quote,
  type TcbStatus,
  type VerifiedQuote,
} from '../../attestation/tdx';
import { INTEL_SGX_ROOT_CA_SHA256 } from '../../attestation/tdx/intel-root';
import { parseCert } from '../../attestation/tdx/x509';
import { imageId, quotePolicyFromJson, quoteViolations, type QuotePolicy } from '../../attestation/policy';
import { inputError, networkError, usageError } from '../exit';
import { parseAt, required, runCommand, type CommandSpec } from '../flags';
import { decodeBinaryOrHex, readInput, readJsonInput } from '../input';
import { toHex } from '../../core/bytes';

export const spec = {
  name: 'attest quote',
  synopsis: '<quote-file> (--collateral <json-file|pcs-dir> | --pcs-url <url>) [options]',
  summary: 'Verify an Intel TDX/SGX DCAP quote (v3 SGX, v4/v5 TDX or SGX; raw binary or hex) offline and appraise it.',
  positionals: [1, 1],
  options: {
    collateral: {
      type: 'string',
      arg: 'PATH',
      desc: 'dcap-qvl collateral JSON, or a directory of Intel PCS files (tcb_info.json, qe_identity.json, ...)',
    },
    'pcs-url': {
      type: 'string',
      arg: 'URL',
      desc: 'fetch the collateral for this quote from Intel PCS or a PCCS (e.g. https://api.trustedservices.intel.com)',
    },
    at: { type: 'string', arg: 'ISO-8601', desc: 'verification time (default: now)' },
    policy: { type: 'string', arg: 'FILE', desc: 'QuotePolicy JSON (see attestation/README.md)' },
    'allow-status': { type: 'string', arg: 'S,...', desc: 'also accept these Intel TCB statuses' },
    'allow-advisory': { type: 'string', arg: 'ID,...', desc: 'advisory IDs allowed when the status is not UpToDate' },
    'min-tcb-eval': {
      type: 'string',
      arg: 'N',
      desc: 'lowest accepted tcbEvaluationDataNumber (default: the pinned floor, for Intel-rooted quotes)',
    },
    root: { type: 'string', arg: 'CERT', desc: 'trust this root CA (PEM/DER) instead of the pinned Intel SGX Root CA' },
    'allow-trailing-bytes': { type: 'boolean', desc: 'tolerate non-zero bytes after the quote (Intel QVL behaviour)' },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
} as const satisfies CommandSpec;

/** The collateral for `quote` from Intel PCS / a PCCS at `url` (the verifier's own, fetched now). */
export async function fetchCollateral(url: string, quote: Uint8Array): Promise<Collateral> {
  try {
    return await createNodePcsClient({ baseUrl: url }).getCollateralForQuote(quote);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const what = `cannot fetch collateral from ${url} (${typeof code === 'string' ? code : 'error'})`;
    if (code === 'PCS_NETWORK_ERROR' || code === 'PCS_HTTP_STATUS') throw networkError(what, e);
    throw inputError(what, e);
  }
}

/** A quote file: raw binary or hex text. */
export const decodeQuoteFile = decodeBinaryOrHex;

function loadCollateral(path: string): Collateral {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw inputError(`cannot read collateral ${path}`, e);
  }
  const text = isDir ? undefined : readInput(path, 'collateral').toString('utf8');
  try {
    return text === undefined ? loadPcsDirectory(path) : collateralFromJson(text);
  } catch (e) {
    throw inputError(`unusable collateral ${path}`, e, 'pass dcap-qvl collateral JSON or a directory of PCS files');
  }
}

function list(s: string | undefined): string[] {
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

function buildPolicy(
  o: { policy?: string; 'allow-status'?: string; 'allow-advisory'?: string; 'min-tcb-eval'?: string },
  rootSha: string | undefined,
  quote: Quote | undefined,
): QuotePolicy {
  let base: Record<string, unknown> = {};
  if (o.policy) {
    const parsed = readJsonInput(o.policy, 'policy');
    try {
      base = quotePolicyFromJson(parsed) as Record<string, unknown>;
    } catch (e) {
      throw inputError(`policy ${o.policy} is not a QuotePolicy`, e);
    }
  }
  const statuses = list(o['allow-status']);
  for (const s of statuses) {
    if (
      !(TCB_STATUSES as readonly string[]).includes(s) &&
      s !== 'TDRelaunchAdvised' &&
      s !== 'TDRelaunchAdvisedConfigurationNeeded'
    ) {
      throw usageError(`--allow-status: unknown TCB status ${s}`);
    }
    if (s === 'Revoked') throw usageError('--allow-status: Revoked cannot be accepted');
  }
  const accepted = [
    ...((base['acceptedStatuses'] as TcbStatus[] | undefined) ?? ['UpToDate']),
    ...(statuses as TcbStatus[]),
  ];
  const advisories = [...((base['allowedAdvisoryIds'] as string[] | undefined) ?? []), ...list(o['allow-advisory'])];
  const floorText = o['min-tcb-eval'];
  if (floorText !== undefined && !/^\d{1,9}$/.test(floorText))
    throw usageError('--min-tcb-eval: a non-negative integer');
  const floor = floorText === undefined ? undefined : Number(floorText);
  const roots = (base['allowedRoots'] as string[] | undefined) ?? [
    INTEL_SGX_ROOT_CA_SHA256,
    ...(rootSha ? [rootSha] : []),
  ];
  return {
    ...(base as QuotePolicy),
    // The auditor named the quote; appraise it as what it is unless the policy pins a TEE type.
    teeType: (base['teeType'] as 'TDX' | 'SGX' | undefined) ?? quote?.teeType ?? 'TDX',
    acceptedStatuses: accepted,
    allowedAdvisoryIds: advisories,
    allowedRoots: roots,
    ...(floor !== undefined ? { minTcbEvaluationDataNumber: floor } : {}),
  };
}

interface Report {
  ok: boolean;
  code?: string;
  violations: Violation[];
  teeType: 'TDX' | 'SGX' | null;
  version: number | null;
  tcbStatus: string | null;
  advisoryIds: string[];
  fmspc: string | null;
  measurements: Record<string, string> | null;
  imageId?: string | null;
}

function measurementsOf(v: VerifiedQuote): Record<string, string> {
  if (v.teeType === 'TDX') {
    const m = v.measurements;
    return {
      mrtd: toHex(m.mrtd),
      rtmr0: toHex(m.rtmr0),
      rtmr1: toHex(m.rtmr1),
      rtmr2: toHex(m.rtmr2),
      rtmr3: toHex(m.rtmr3),
      mrconfigid: toHex(m.mrconfigid),
      mrowner: toHex(m.mrowner),
      mrownerconfig: toHex(m.mrownerconfig),
      mrseam: toHex(m.mrseam),
      tdAttributes: toHex(m.tdAttributes),
      xfam: toHex(m.xfam),
      reportData: toHex(m.reportData),
    };
  }
  const m = v.measurements;
  return { mrEnclave: toHex(m.mrEnclave), mrSigner: toHex(m.mrSigner), reportData: toHex(m.reportData) };
}

function human(r: Report): string {
  const lines = [`${r.ok ? 'OK' : 'REJECTED'}${r.code ? ` (${r.code})` : ''}`];
  if (r.teeType) lines.push(`quote:        ${r.teeType} v${r.version}`);
  lines.push(`tcb status:   ${r.tcbStatus ?? '-'}${r.advisoryIds.length ? ` [${r.advisoryIds.join(', ')}]` : ''}`);
  if (r.fmspc) lines.push(`fmspc:        ${r.fmspc}`);
  if (r.imageId) lines.push(`image id:     ${r.imageId}`);
  for (const [k, v] of Object.entries(r.measurements ?? {})) lines.push(`${k.padEnd(13)} ${v}`);
  for (const v of r.violations)
    lines.push(`violation:    ${v.code} ${v.field}: expected ${v.expected ?? '-'}, got ${v.actual ?? '-'}`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values, positionals }) => {
    const json = values.json === true;
    const pcsUrl = typeof values['pcs-url'] === 'string' ? values['pcs-url'] : undefined;
    if (pcsUrl !== undefined && values.collateral !== undefined)
      throw usageError('pass either --collateral or --pcs-url, not both');
    const collateralPath = pcsUrl === undefined ? required(values.collateral, 'collateral') : undefined;
    const now = parseAt(values.at);
    const quoteBytes = decodeQuoteFile(readInput(positionals[0]!, 'quote'));
    const collateral =
      collateralPath !== undefined ? loadCollateral(collateralPath) : await fetchCollateral(pcsUrl!, quoteBytes);
    let rootDer: Uint8Array | undefined;
    if (typeof values.root === 'string') {
      const rootBytes = readInput(values.root, 'root');
      try {
        rootDer = certsFromBytes(rootBytes, 'root')[0];
        // The verifier treats an unparsable root as programmer misuse (TypeError); here it is the user's input.
        if (rootDer) parseCert(rootDer);
      } catch (e) {
        throw inputError(`--root ${values.root} is not a certificate`, e);
      }
    }
    const rootSha = rootDer ? createHash('sha256').update(rootDer).digest('hex') : undefined;
    const allowTrailingBytes = values['allow-trailing-bytes'] === true;
    const report: Report = {
      ok: false,
      violations: [],
      teeType: null,
      version: null,
      tcbStatus: null,
      advisoryIds: [],
      fmspc: null,
      measurements: null,
    };
    let parsed: Quote | undefined;
    try {
      parsed = parseQuote(quoteBytes, { allowTrailingBytes });
      report.teeType = parsed.teeType;
      report.version = parsed.version;
    } catch {
      parsed = undefined; // verifyQuote below reports the parse error code
    }
    const policy = buildPolicy(values, rootSha, parsed);
    let verified: VerifiedQuote | undefined;
    try {
      verified = verifyQuote(quoteBytes, collateral, {
        now,
        allowTrailingBytes,
        ...(rootDer ? { trust: { intelRootCaDer: [rootDer] } } : {}),
      });
    } catch (e) {
      const err = e as { code?: string; details?: Record<string, unknown> };
      if (typeof err.code !== 'string') throw e;
      report.code = err.code;
      if (err.code === 'TDX_TCB_REVOKED') {
        report.tcbStatus = 'Revoked';
        report.advisoryIds = [...((err.details?.['advisoryIds'] as string[] | undefined) ?? [])];
        report.fmspc = (err.details?.['fmspc'] as string | undefined) ?? null;
      }
    }
    if (verified) {
      report.teeType = verified.teeType;
      report.version = verified.quote.version;
      report.tcbStatus = verified.tcbStatus;
      report.advisoryIds = [...verified.advisoryIds];
      report.fmspc = verified.fmspc;
      report.measurements = measurementsOf(verified);
      if (verified.teeType === 'TDX') report.imageId = imageId(verified.measurements);
      try {
        report.violations = quoteViolations(verified, policy);
      } catch (e) {
        if (e instanceof RangeError) throw inputError('the policy is invalid', e);
        throw e;
      }
      if (report.violations.length > 0) report.code = 'POLICY_REJECTED';
      else report.ok = true;
    }
    if (report.teeType === 'TDX' && report.imageId === undefined) report.imageId = null;
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : human(report));
    return report.ok ? 0 : 1;
  });
}
