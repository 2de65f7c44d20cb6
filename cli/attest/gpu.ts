/**
 * `chrysalis attest gpu --report <file> --certs <file> --nonce <hex> [options]`
 *
 * Shell around attestation/gpu: reads files and the clock, verifies NVIDIA GPU evidence offline, appraises it and prints
 * a report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Violation } from '../../attestation/errors';
import {
  appraiseGpu,
  gpuCertChainFromPem,
  gpuReportFromHex,
  gpuRimIds,
  gpuViolations,
  parseGpuReport,
  parseGpuRim,
  verifyGpuEvidence,
  NVIDIA_TRUST_ROOTS,
  type GpuPolicy,
  type GpuTrustRoots,
  type VerifiedGpu,
} from '../../attestation/gpu';
import { inputError, usageError } from '../exit';
import { parseAt, required, runCommand, type CommandSpec, type FlagValues } from '../flags';
import { readInput, readJsonInput } from '../input';

export const spec = {
  name: 'attest gpu',
  synopsis: '--report FILE --certs FILE --nonce HEX [options]',
  summary: 'Verify an NVIDIA H100/H200 SPDM attestation report, its device chain and RIMs offline, and appraise it.',
  options: {
    report: {
      type: 'string',
      arg: 'FILE',
      desc: 'SPDM GET_MEASUREMENTS request||response: hex text (as NVML tools print it) or raw binary',
    },
    certs: { type: 'string', arg: 'FILE', desc: 'device certificate chain, PEM (leaf first) or one DER certificate' },
    nonce: { type: 'string', arg: 'HEX', desc: 'the 32-byte nonce (64 hex chars) the report must carry' },
    rims: {
      type: 'string',
      arg: 'DIR',
      desc: 'RIM store: <dir>/<RIM id>.xml|.swidtag, else any RIM of the same version',
    },
    ocsp: { type: 'string', arg: 'DIR', desc: 'DER OCSP responses (*.der, *.ocsp) for the device and RIM chains' },
    'no-ocsp': { type: 'boolean', desc: 'accept missing OCSP responses (warning GPU_OCSP_MISSING in the output)' },
    at: { type: 'string', arg: 'ISO-8601', desc: 'verification time (default: now); RIM signer certificates expire' },
    policy: { type: 'string', arg: 'FILE', desc: 'GpuPolicy JSON (see attestation/README.md)' },
    'min-driver': { type: 'string', arg: 'V', desc: 'minimum driver version (e.g. 550.90.07)' },
    'min-vbios': { type: 'string', arg: 'V', desc: 'minimum VBIOS version (e.g. 96.00.9F.00.01)' },
    'allow-model': { type: 'string', arg: 'M,...', desc: 'allowed chips (default GH100)' },
    'device-root': {
      type: 'string',
      arg: 'PEM',
      desc: "trust this device root instead of NVIDIA's (e.g. the devnet root)",
    },
    'rim-root': { type: 'string', arg: 'PEM', desc: "trust this RIM root instead of NVIDIA's" },
    'skip-measurements': { type: 'boolean', desc: 'do not require RIMs / a golden-measurement match (warning)' },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
} as const satisfies CommandSpec;

function listDir(dir: string, what: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    return readdirSync(dir).sort();
  } catch (e) {
    throw inputError(`cannot read ${what} directory ${dir}`, e);
  }
}

function decodeReport(bytes: Buffer): Uint8Array {
  const text = bytes.toString('latin1').trim();
  if (/^(0x)?[0-9a-fA-F\s]+$/.test(text)) return gpuReportFromHex(text);
  return new Uint8Array(bytes);
}

function decodeCerts(bytes: Buffer, what: string): Uint8Array[] {
  const text = bytes.toString('latin1');
  try {
    return text.includes('-----BEGIN CERTIFICATE-----') ? gpuCertChainFromPem(text) : [new Uint8Array(bytes)];
  } catch (e) {
    throw inputError(`${what} holds no certificate`, e);
  }
}

/** RIM lookup like NVAT's filesystem store (`<id>.xml`), then by version among readable RIMs. */
function findRims(dir: string, report: Uint8Array): { driver?: string; vbios?: string; files: Record<string, string> } {
  const names = listDir(dir, 'RIM');
  const out: { driver?: string; vbios?: string; files: Record<string, string> } = { files: {} };
  let ids: { driver?: string; vbios?: string } = {};
  let versions: { driver?: string; vbios?: string } = {};
  try {
    const p = parseGpuReport(report);
    ids = gpuRimIds(p);
    versions = {
      ...(p.response.opaque.driverVersion ? { driver: p.response.opaque.driverVersion } : {}),
      ...(p.response.opaque.vbiosVersion ? { vbios: p.response.opaque.vbiosVersion } : {}),
    };
  } catch {
    return out; // the verifier reports the parse error
  }
  for (const kind of ['driver', 'vbios'] as const) {
    const id = ids[kind];
    const byId = id ? names.find((n) => n === `${id}.xml` || n === `${id}.swidtag`) : undefined;
    let file = byId;
    if (!file && versions[kind]) {
      file = names.find((n) => {
        if (!/\.(xml|swidtag)$/.test(n)) return false;
        try {
          return (
            parseGpuRim(readFileSync(join(dir, n), 'utf8')).version.toLowerCase() === versions[kind]!.toLowerCase()
          );
        } catch {
          return false;
        }
      });
    }
    if (file) {
      out[kind] = readInput(join(dir, file), 'RIM').toString('utf8');
      out.files[kind] = file;
    }
  }
  return out;
}

function buildPolicy(o: FlagValues<(typeof spec)['options']>): GpuPolicy {
  let base: Record<string, unknown> = {};
  if (typeof o['policy'] === 'string') {
    const parsed = readJsonInput(o['policy'], 'policy');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw inputError(`policy ${o['policy']} is not a JSON object`);
    base = parsed as Record<string, unknown>;
  }
  const p: Record<string, unknown> = { ...base };
  if (typeof o['min-driver'] === 'string') p['minDriverVersion'] = o['min-driver'];
  if (typeof o['min-vbios'] === 'string') p['minVbiosVersion'] = o['min-vbios'];
  if (typeof o['allow-model'] === 'string')
    p['allowedModels'] = o['allow-model']
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (o['skip-measurements'] === true) {
    p['requireMeasurementsMatch'] = false;
    p['requireDevtoolsOff'] = false;
  }
  return p as GpuPolicy;
}

interface Report {
  ok: boolean;
  code?: string;
  simulated?: boolean;
  violations: Violation[];
  warnings: string[];
  driverVersion: string | null;
  vbiosVersion: string | null;
  model: string | null;
  hwModel: string | null;
  ueid: string | null;
  fwidChecked: boolean | null;
  rimIds: { driver?: string; vbios?: string };
  rimFiles: Record<string, string>;
  measurementsMatched: boolean | null;
  measurementsCompared: number | null;
  mismatches: { index: number; source: string; actual: string | null }[];
  ocsp: string | null;
  production: boolean | null;
}

function human(r: Report): string {
  const lines = [
    `${r.ok ? 'OK' : 'REJECTED'}${r.code ? ` (${r.code})` : ''}${r.simulated ? ' [SIMULATED devnet roots]' : ''}`,
  ];
  lines.push(`gpu:          ${r.model ?? '-'} (${r.hwModel ?? '-'}) ueid ${r.ueid ?? '-'}`);
  lines.push(`driver:       ${r.driverVersion ?? '-'}   vbios: ${r.vbiosVersion ?? '-'}`);
  lines.push(
    `rims:         driver ${r.rimFiles['driver'] ?? r.rimIds.driver ?? '-'}, vbios ${r.rimFiles['vbios'] ?? r.rimIds.vbios ?? '-'}`,
  );
  lines.push(
    `measurements: ${r.measurementsMatched === null ? 'not compared' : r.measurementsMatched ? `matched (${r.measurementsCompared})` : 'MISMATCH'}`,
  );
  lines.push(`ocsp:         ${r.ocsp ?? '-'}`);
  for (const m of r.mismatches) lines.push(`mismatch:     index ${m.index} (${m.source}) got ${m.actual ?? 'absent'}`);
  for (const w of r.warnings) lines.push(`warning:      ${w}`);
  for (const v of r.violations)
    lines.push(`violation:    ${v.code} ${v.field}: expected ${v.expected ?? '-'}, got ${v.actual ?? '-'}`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values }) => {
    const json = values.json === true;
    const reportFile = required(values.report, 'report');
    const certsFile = required(values.certs, 'certs');
    const nonceFlag = required(values.nonce, 'nonce');
    if (values.ocsp !== undefined && values['no-ocsp'] === true) throw usageError('--ocsp and --no-ocsp are exclusive');
    const nonceHex = nonceFlag.trim().replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]{64}$/.test(nonceHex)) throw usageError('--nonce must be 64 hex characters (32 bytes)');
    const nonce = new Uint8Array(Buffer.from(nonceHex, 'hex'));
    const now = parseAt(values.at);
    const reportBytes = readInput(reportFile, 'report');
    let report: Uint8Array;
    try {
      report = decodeReport(reportBytes);
    } catch {
      report = new Uint8Array(reportBytes);
    }
    const certChain = decodeCerts(readInput(certsFile, 'certificate chain'), 'certificate chain');
    const trust: GpuTrustRoots = {
      deviceRootDer:
        typeof values['device-root'] === 'string'
          ? decodeCerts(readInput(values['device-root'], 'device root'), 'device root')
          : NVIDIA_TRUST_ROOTS.deviceRootDer,
      rimRootDer:
        typeof values['rim-root'] === 'string'
          ? decodeCerts(readInput(values['rim-root'], 'RIM root'), 'RIM root')
          : NVIDIA_TRUST_ROOTS.rimRootDer,
    };
    const custom = typeof values['device-root'] === 'string' || typeof values['rim-root'] === 'string';
    const rims =
      typeof values['rims'] === 'string' ? findRims(values['rims'], report) : { files: {} as Record<string, string> };
    const ocsp: Uint8Array[] = [];
    if (typeof values['ocsp'] === 'string') {
      const dir = values['ocsp'];
      for (const n of listDir(dir, 'OCSP').filter((x) => /\.(der|ocsp)$/.test(x)))
        ocsp.push(new Uint8Array(readInput(join(dir, n), 'OCSP response')));
    }
    const policy = buildPolicy(values);

    const out: Report = {
      ok: false,
      violations: [],
      warnings: [],
      driverVersion: null,
      vbiosVersion: null,
      model: null,
      hwModel: null,
      ueid: null,
      fwidChecked: null,
      rimIds: {},
      rimFiles: rims.files,
      measurementsMatched: null,
      measurementsCompared: null,
      mismatches: [],
      ocsp: null,
      production: null,
    };
    if (custom) out.simulated = true;
    try {
      const p = parseGpuReport(report);
      out.driverVersion = p.response.opaque.driverVersion ?? null;
      out.vbiosVersion = p.response.opaque.vbiosVersion ?? null;
      out.rimIds = gpuRimIds(p);
    } catch {
      /* reported by verifyGpuEvidence below */
    }
    let verified: VerifiedGpu | undefined;
    try {
      verified = verifyGpuEvidence(
        {
          report,
          certChain,
          rims: {
            ...(rims.driver !== undefined ? { driver: rims.driver } : {}),
            ...(rims.vbios !== undefined ? { vbios: rims.vbios } : {}),
          },
          ...(ocsp.length > 0 ? { ocsp } : {}),
        },
        { now, nonce, trust, ...(values['no-ocsp'] === true ? { ocspPolicy: 'allow-missing' as const } : {}) },
      );
    } catch (e) {
      const err = e as { code?: string };
      if (typeof err.code !== 'string') throw e;
      out.code = err.code;
    }
    if (verified) {
      out.model = verified.device.model;
      out.hwModel = verified.device.hwModel;
      out.ueid = verified.device.ueid;
      out.fwidChecked = verified.device.fwidChecked;
      out.production = verified.production;
      out.warnings = [...verified.warnings];
      out.ocsp = verified.ocsp.status;
      if (verified.measurements) {
        out.measurementsMatched = verified.measurements.matched;
        out.measurementsCompared = verified.measurements.compared;
        out.mismatches = verified.measurements.mismatches.map((m) => ({
          index: m.index,
          source: m.source,
          actual: m.actual,
        }));
      }
      if (values['skip-measurements'] === true) out.warnings.push('GPU_MEASUREMENTS_NOT_REQUIRED');
      out.violations = gpuViolations(verified, policy);
      if (out.violations.length > 0) out.code = 'GPU_POLICY_REJECTED';
      else {
        appraiseGpu(verified, policy);
        out.ok = true;
      }
    }
    process.stdout.write(json ? `${JSON.stringify(out)}\n` : human(out));
    return out.ok ? 0 : 1;
  });
}
