/**
 * `chrysalis attest bundle <bundle-file> (--registry-file FILE | --registry-address ADDR --endpoint URL) ...`
 *
 * Verifies a whole worker evidence bundle offline against the registry's allowlist. `--trust` names a trust-root
 * file (e.g. the SIMULATED devnet roots that `chrysalis devnet` writes); without it only the Intel and NVIDIA roots
 * pinned in code are trusted.
 */
import { readFileSync } from 'node:fs';
import { verifyBundle, decodeBundle, bundleDigest, type VerifyBundleOptions } from '../../attestation/bundle';
import { collateralFromJson, type Collateral } from '../../attestation/collateral';
import { EXIT, inputError, usageError } from '../exit';
import { fetchCollateral } from './quote';
import { parseAt, runCommand, type CommandSpec } from '../flags';
import { decodeBinaryHexOrBase64, readInput } from '../input';
import { REGISTRY_OPTIONS, loadRegistry, toVerifyRegistry } from '../registry-source';
import { TRUST_OPTION, loadTrust } from '../trust';

export const spec = {
  name: 'attest bundle',
  synopsis: '<bundle-file> (--registry-file FILE | --registry-address ADDR --endpoint URL) [options]',
  summary: 'Verify a whole worker evidence bundle offline: quote, GPU evidence, bindings, RTMR3 and the registry.',
  positionals: [1, 1],
  options: {
    ...REGISTRY_OPTIONS,
    trust: TRUST_OPTION,
    at: { type: 'string', arg: 'ISO-8601', desc: 'verification time (default: now)' },
    collateral: {
      type: 'string',
      arg: 'FILE',
      desc: "your own Intel collateral JSON: the bundle's is used only when at least as fresh (default: the bundle's)",
    },
    'pcs-url': {
      type: 'string',
      arg: 'URL',
      desc: "fetch your own Intel collateral for the bundle's quote from Intel PCS or a PCCS",
    },
    'max-age': { type: 'string', arg: 'SECONDS', desc: 'oldest acceptable bundle (default 3600)' },
    'allow-status': { type: 'string', arg: 'S,...', desc: 'also accept these Intel TCB statuses' },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
  notes: [
    "<bundle-file> is raw binary, hex or base64 (as the broker's /v1/workers listing carries it, or as",
    '`chrysalis status --save-bundles DIR` writes it).',
  ],
} as const satisfies CommandSpec;

/** The verifier's own collateral for the bundle's quote, from Intel PCS / a PCCS. */
async function fetchOwnCollateral(url: string, bundle: Uint8Array): Promise<Collateral> {
  let quote: Uint8Array;
  try {
    quote = decodeBundle(bundle).tdxQuote;
  } catch (e) {
    throw inputError('the bundle does not decode', e);
  }
  return fetchCollateral(url, quote);
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values, positionals }) => {
    if (values.collateral !== undefined && values['pcs-url'] !== undefined)
      throw usageError('pass either --collateral or --pcs-url, not both');
    const now = parseAt(values.at);
    const bytes = decodeBinaryHexOrBase64(readInput(positionals[0]!, 'bundle'));
    const registry = (await loadRegistry(values, true))!;
    const tf = loadTrust(values.trust);
    let collateral: VerifyBundleOptions['collateral'];
    if (values.collateral) {
      try {
        collateral = collateralFromJson(readFileSync(values.collateral, 'utf8'));
      } catch (e) {
        throw inputError(`cannot read --collateral ${values.collateral}`, e);
      }
    }
    if (typeof values['pcs-url'] === 'string') {
      collateral = await fetchOwnCollateral(values['pcs-url'], bytes);
    }
    const maxAge = values['max-age'] ? Number(values['max-age']) : undefined;
    const statuses = values['allow-status'] ? values['allow-status'].split(',').map((s) => s.trim()) : undefined;
    const opts: VerifyBundleOptions = {
      now,
      registry: toVerifyRegistry(registry),
      ...(tf ? { trust: tf.trust as never } : {}),
      ...(collateral ? { collateral } : {}),
      policy: {
        ...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : {}),
        quote: {
          ...(statuses ? { acceptedStatuses: statuses as never } : {}),
          // The roots named in a trust file are the auditor's explicit opt-in.
          ...(tf?.allowedRoots ? { allowedRoots: tf.allowedRoots } : {}),
        },
      },
    };
    const digest = bundleDigest(bytes);
    const out: Record<string, unknown> = { ok: false, bundleDigest: digest, registry: registry.source };
    if (tf?.simulated) out.warning = 'SIMULATED devnet trust roots in use: not evidence of real hardware';
    let code: number = EXIT.OK;
    try {
      const w = verifyBundle(bytes, opts);
      Object.assign(out, {
        ok: true,
        imageId: w.imageId,
        platformId: w.platformId,
        modelId: w.modelId,
        promptPriceNano: w.prices.promptNano.toString(),
        completionPriceNano: w.prices.completionNano.toString(),
        tcbStatus: w.tcbStatus,
        advisoryIds: w.advisoryIds,
        fmspc: w.fmspc,
        hpkePublicKey: Buffer.from(w.hpkePublicKey).toString('hex'),
        signingPublicKey: Buffer.from(w.signingPublicKey).toString('hex'),
        issuedAt: w.issuedAt.toISOString(),
        validUntil: w.validUntil.toISOString(),
        gpus: w.gpus,
        violations: [],
      });
    } catch (err) {
      const e = err as { code?: string; message?: string; violations?: unknown[]; causeCode?: string };
      if (typeof e.code !== 'string') throw err;
      code = EXIT.REJECTED;
      out.code = e.code;
      if (e.causeCode) out.causeCode = e.causeCode;
      out.violations = e.violations ?? [];
      out.message = e.message;
      try {
        out.gpuCount = decodeBundle(bytes).gpus.length;
      } catch {
        /* the error above already says why */
      }
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return code;
    }
    const lines = [`bundle ${digest}: ${out.ok ? 'VERIFIED' : 'REJECTED'} (registry: ${registry.source})`];
    if (out.warning) lines.push(`warning: ${String(out.warning)}`);
    if (!out.ok) {
      lines.push(`code: ${String(out.code)}${out.causeCode ? ` (cause: ${String(out.causeCode)})` : ''}`);
      lines.push(`message: ${String(out.message)}`);
      for (const v of (out.violations as Array<{ code: string; field: string; actual?: string }>) ?? []) {
        lines.push(`  violation ${v.code} ${v.field}${v.actual ? ` = ${v.actual}` : ''}`);
      }
    } else {
      for (const k of [
        'imageId',
        'platformId',
        'modelId',
        'promptPriceNano',
        'completionPriceNano',
        'tcbStatus',
        'signingPublicKey',
        'hpkePublicKey',
        'issuedAt',
        'validUntil',
      ])
        lines.push(`${k}: ${String(out[k])}`);
      lines.push(`gpus: ${JSON.stringify(out.gpus)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return code;
  });
}
