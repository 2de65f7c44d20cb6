/**
 * `chrysalis attest quote <quote-file> --collateral <json-file|pcs-dir> [--at ISO] [--policy file]
 *   [--allow-status S,...] [--allow-advisory ID,...] [--root cert-file] [--allow-trailing-bytes] [--json]`
 *
 * Shell around the pure core: reads files and the clock, verifies the quote offline (Intel DCAP), appraises it
 * and prints a report. Exit 0 verified and policy passed; 1 rejected; 2 bad usage or unreadable input.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Violation } from '../../attestation/errors';
import { collateralFromJson, type Collateral } from '../../attestation/collateral';
import { loadPcsDirectory } from '../../attestation/collateral/pcs-dir-fs';
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
import { imageId, quotePolicyFromJson, quoteViolations, type QuotePolicy } from '../../attestation/policy';
import { UsageError, decodeBinaryOrHex, readInput } from '../input';

const USAGE = `usage: chrysalis attest quote <quote-file> --collateral <json-file|pcs-dir> [options]

  <quote-file>              DCAP quote (v3 SGX, v4/v5 TDX or SGX), raw binary or hex text
  --collateral <path>       dcap-qvl collateral JSON file, or a directory of Intel PCS files
                            (tcb_info.json, qe_identity.json, pck_crl.der, root_ca_crl.der, *_issuer_chain.pem)
  --at <ISO-8601>           verification time (default: now)
  --policy <file>           QuotePolicy JSON (see attestation/README.md)
  --allow-status S,...      also accept these Intel TCB statuses (e.g. SWHardeningNeeded)
  --allow-advisory ID,...   advisory IDs allowed when the status is not UpToDate
  --root <cert-file>        trust this root CA (PEM/DER) instead of the pinned Intel SGX Root CA, and allow it
  --allow-trailing-bytes    tolerate non-zero bytes after the quote (Intel QVL behaviour)
  --json                    print one JSON object
exit: 0 verified and policy passed, 1 rejected, 2 bad usage or unreadable input
`;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Raw binary, or hex text (optional 0x prefix, whitespace ignored). */
/** A quote file: raw binary or hex text. */
export const decodeQuoteFile = decodeBinaryOrHex;

function loadCollateral(path: string): Collateral {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`cannot read collateral ${path}`);
  }
  try {
    return isDir ? loadPcsDirectory(path) : collateralFromJson(readInput(path, 'collateral').toString('utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`unusable collateral ${path}: ${(e as { code?: string }).code ?? String(e)}`);
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
  o: { policy?: string; 'allow-status'?: string; 'allow-advisory'?: string },
  rootSha: string | undefined,
  quote: Quote | undefined,
): QuotePolicy {
  let base: Record<string, unknown> = {};
  if (o.policy) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readInput(o.policy, 'policy').toString('utf8'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`policy ${o.policy} is not JSON`);
    }
    try {
      base = quotePolicyFromJson(parsed) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`policy ${o.policy}: ${(e as Error).message}`);
    }
  }
  const statuses = list(o['allow-status']);
  for (const s of statuses) {
    if (
      !(TCB_STATUSES as readonly string[]).includes(s) &&
      s !== 'TDRelaunchAdvised' &&
      s !== 'TDRelaunchAdvisedConfigurationNeeded'
    ) {
      throw new UsageError(`unknown TCB status ${s}`);
    }
    if (s === 'Revoked') throw new UsageError('Revoked cannot be accepted');
  }
  const accepted = [
    ...((base['acceptedStatuses'] as TcbStatus[] | undefined) ?? ['UpToDate']),
    ...(statuses as TcbStatus[]),
  ];
  const advisories = [...((base['allowedAdvisoryIds'] as string[] | undefined) ?? []), ...list(o['allow-advisory'])];
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
      mrtd: hex(m.mrtd),
      rtmr0: hex(m.rtmr0),
      rtmr1: hex(m.rtmr1),
      rtmr2: hex(m.rtmr2),
      rtmr3: hex(m.rtmr3),
      mrconfigid: hex(m.mrconfigid),
      mrowner: hex(m.mrowner),
      mrownerconfig: hex(m.mrownerconfig),
      mrseam: hex(m.mrseam),
      tdAttributes: hex(m.tdAttributes),
      xfam: hex(m.xfam),
      reportData: hex(m.reportData),
    };
  }
  const m = v.measurements;
  return { mrEnclave: hex(m.mrEnclave), mrSigner: hex(m.mrSigner), reportData: hex(m.reportData) };
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
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        collateral: { type: 'string' },
        at: { type: 'string' },
        policy: { type: 'string' },
        'allow-status': { type: 'string' },
        'allow-advisory': { type: 'string' },
        root: { type: 'string' },
        'allow-trailing-bytes': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`chrysalis attest quote: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values['help']) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = values['json'] === true;
  try {
    if (positionals.length !== 1 || typeof values['collateral'] !== 'string')
      throw new UsageError('expected one quote file and --collateral');
    const now = typeof values['at'] === 'string' ? new Date(values['at']) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError(`--at is not an ISO-8601 time: ${String(values['at'])}`);
    const quoteBytes = decodeQuoteFile(readInput(positionals[0] as string, 'quote'));
    const collateral = loadCollateral(values['collateral']);
    let rootDer: Uint8Array | undefined;
    if (typeof values['root'] === 'string') {
      try {
        rootDer = certsFromBytes(readInput(values['root'], 'root'), 'root')[0];
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`--root ${values['root']} is not a certificate`);
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
    const policy = buildPolicy(values as { policy?: string }, rootSha, parsed);
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
        if (e instanceof RangeError) throw new UsageError(`invalid policy: ${e.message}`);
        throw e;
      }
      if (report.violations.length > 0) report.code = 'POLICY_REJECTED';
      else report.ok = true;
    }
    if (report.teeType === 'TDX' && report.imageId === undefined) report.imageId = null;
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : human(report));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, code: 'USAGE', error: e.message })}\n`);
    process.stderr.write(`chrysalis attest quote: ${e.message}\n${json ? '' : `\n${USAGE}`}`);
    return 2;
  }
}
