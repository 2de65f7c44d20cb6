/**
 * `chrysalis attest bundle <bundle-file> [--registry <json>] [--at ISO-8601] [--collateral <json>]
 *    [--trust <trust-file>] [--max-age <seconds>] [--allow-status S,...] [--json]`
 *
 * Verifies a whole worker evidence bundle offline. Exit 0: verified and the policy passes; 1: rejected;
 * 2: bad usage or unreadable input. `--trust` names a trust-root file (e.g. the SIMULATED devnet roots
 * that `chrysalis devnet` writes); without it only the Intel and NVIDIA roots pinned in code are trusted.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  verifyBundle,
  decodeBundle,
  bundleDigest,
  type RegistrySnapshot,
  type VerifyBundleOptions,
} from '../../attestation/bundle';
import { createHash } from 'node:crypto';
import { collateralFromJson, type TrustRoots } from '../../attestation/collateral';
import { INTEL_SGX_ROOT_CA_SHA256 as INTEL_ROOT_SHA256 } from '../../attestation/tdx/intel-root';

const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
import { loadTrustFile } from '../../attestation/trust-file';
import { decodeBinaryHexOrBase64 } from '../input';

const USAGE =
  'usage: chrysalis attest bundle <bundle-file> [--registry <json-file>] [--at <ISO-8601>] [--collateral <json-file>]\n' +
  '       [--trust <trust-file>] [--max-age <seconds>] [--allow-status S,...] [--json]\n';

function loadRegistry(path: string | undefined): RegistrySnapshot {
  if (!path) return { imageIds: [], platformIds: [], modelIds: [] };
  const j = JSON.parse(readFileSync(path, 'utf8')) as Partial<
    Record<'imageIds' | 'platformIds' | 'modelIds', string[]>
  > & { version?: number };
  const norm = (a: unknown): string[] =>
    Array.isArray(a) ? a.map((x) => String(x).toLowerCase().replace(/^0x/, '')) : [];
  return {
    ...(typeof j.version === 'number' ? { version: j.version } : {}),
    imageIds: norm(j.imageIds),
    platformIds: norm(j.platformIds),
    modelIds: norm(j.modelIds),
  };
}

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        registry: { type: 'string' },
        at: { type: 'string' },
        collateral: { type: 'string' },
        trust: { type: 'string' },
        'max-age': { type: 'string' },
        'allow-status': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const now = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`--at: not an ISO-8601 time: ${values.at}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  let registry: RegistrySnapshot;
  let opts: VerifyBundleOptions;
  let tf: ReturnType<typeof loadTrustFile> | undefined;
  try {
    bytes = decodeBinaryHexOrBase64(readFileSync(positionals[0]!));
    registry = loadRegistry(values.registry);
    tf = values.trust ? loadTrustFile(values.trust) : undefined;
    const trust = tf
      ? { ...(tf.intel ? { intel: tf.intel as never } : {}), ...(tf.nvidia ? { nvidia: tf.nvidia as never } : {}) }
      : undefined;
    const maxAge = values['max-age'] ? Number(values['max-age']) : undefined;
    const statuses = values['allow-status'] ? values['allow-status'].split(',').map((s) => s.trim()) : undefined;
    opts = {
      now,
      registry,
      ...(trust ? { trust } : {}),
      ...(values.collateral ? { collateral: collateralFromJson(readFileSync(values.collateral, 'utf8')) } : {}),
      policy: {
        ...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : {}),
        quote: {
          ...(statuses ? { acceptedStatuses: statuses as never } : {}),
          // The roots named in a trust file are the auditor's explicit opt-in.
          ...(trust?.intel
            ? { allowedRoots: [INTEL_ROOT_SHA256, ...(trust.intel as TrustRoots).intelRootCaDer.map(sha256hex)] }
            : {}),
        },
      },
    };
  } catch (err) {
    process.stderr.write(`chrysalis attest bundle: cannot read input: ${(err as Error).message}\n`);
    return 2;
  }
  const digest = bundleDigest(bytes);
  const out: Record<string, unknown> = { ok: false, bundleDigest: digest };
  if (tf?.kind === 'devnet') out.warning = 'SIMULATED devnet trust roots in use: not evidence of real hardware';
  let code = 0;
  try {
    const w = verifyBundle(bytes, opts);
    Object.assign(out, {
      ok: true,
      imageId: w.imageId,
      platformId: w.platformId,
      modelId: w.modelId,
      tcbStatus: w.tcbStatus,
      advisoryIds: w.advisoryIds,
      fmspc: w.fmspc,
      hpkePublicKey: Buffer.from(w.hpkePublicKey).toString('hex'),
      signingPublicKey: Buffer.from(w.signingPublicKey).toString('hex'),
      issuedAt: w.issuedAt.toISOString(),
      gpus: w.gpus,
      violations: [],
    });
  } catch (err) {
    const e = err as { code?: string; message?: string; violations?: unknown[]; causeCode?: string };
    code = 1;
    out.code = e.code ?? 'UNKNOWN';
    if (e.causeCode) out.causeCode = e.causeCode;
    out.violations = e.violations ?? [];
    out.message = e.message;
    try {
      const b = decodeBundle(bytes);
      out.gpuCount = b.gpus.length;
    } catch {
      /* the error above already says why */
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = [`bundle ${digest}: ${out.ok ? 'VERIFIED' : 'REJECTED'}`];
    if (out.warning) lines.push(`warning: ${String(out.warning)}`);
    if (!out.ok) {
      lines.push(`code: ${String(out.code)}${out.causeCode ? ` (cause: ${String(out.causeCode)})` : ''}`);
      for (const v of (out.violations as Array<{ code: string; field: string; actual?: string }>) ?? []) {
        lines.push(`  violation ${v.code} ${v.field}${v.actual ? ` = ${v.actual}` : ''}`);
      }
    } else {
      for (const k of [
        'imageId',
        'platformId',
        'modelId',
        'tcbStatus',
        'signingPublicKey',
        'hpkePublicKey',
        'issuedAt',
      ]) {
        lines.push(`${k}: ${String(out[k])}`);
      }
      lines.push(`gpus: ${JSON.stringify(out.gpus)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return code;
}
