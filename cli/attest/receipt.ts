/**
 * `chrysalis attest receipt <receipt-file> --bundle PATH (--registry-file FILE | --registry-address ADDR ...)`
 *
 * Verifies a worker-signed receipt offline against the worker key taken from a VERIFIED evidence bundle: the bundle
 * is verified (roots, registry allowlist, freshness at `--at`) first, and only its attested signing key counts.
 * The receipt file may be:
 *   - what `chrysalis chat --json` prints (`{ answer, worker, receipt: { bytes, signature, ... } }`);
 *   - a gateway answer (`{ ..., "chrysalis": { receipt, signature, ... } }`), a final stream chunk, the `chrysalis`
 *     object itself, or `{ "receipt": "<base64|hex>", "signature": "<base64|hex>" }`;
 *   - binary: the canonical receipt bytes followed by the 64-byte signature, or the receipt bytes alone with
 *     `--signature`.
 * `--worker-key HEX --insecure-trust-key` checks the signature against a key you vouch for yourself instead (no
 * attestation; a warning says so).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReceipt, verifyReceipt, type DecodedReceipt } from '../../attestation/receipt';
import { bundleDigest, decodeBundle, decodeClaims, verifyBundle } from '../../attestation/bundle';
import { fromBase64, fromHex, toHex } from '../../sdk/bytes';
import { CliError, EXIT, inputError, usageError } from '../exit';
import { parseAt, runCommand, type CommandSpec } from '../flags';
import { decodeBinaryHexOrBase64, readInput } from '../input';
import { REGISTRY_OPTIONS, loadRegistry, toVerifyRegistry } from '../registry-source';
import { TRUST_OPTION, loadTrust } from '../trust';

export const spec = {
  name: 'attest receipt',
  synopsis: '<receipt-file> --bundle PATH (--registry-file FILE | --registry-address ADDR --endpoint URL) [options]',
  summary: 'Verify a worker-signed receipt against the signing key attested in a verified worker bundle.',
  positionals: [1, 1],
  options: {
    bundle: {
      type: 'string',
      arg: 'PATH',
      desc: "the worker's bundle: a bundle file, a directory of them, or the broker's /v1/workers JSON",
    },
    ...REGISTRY_OPTIONS,
    trust: TRUST_OPTION,
    at: { type: 'string', arg: 'ISO-8601', desc: 'time at which the bundle must verify (default: now)' },
    signature: { type: 'string', arg: 'HEX|BASE64', desc: 'the signature, when the file holds the receipt bytes only' },
    'worker-key': {
      type: 'string',
      arg: 'HEX',
      desc: 'check against this Ed25519 key instead of a bundle (see below)',
    },
    'insecure-trust-key': { type: 'boolean', desc: 'required with --worker-key: you vouch for that key yourself' },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
  notes: [
    '<receipt-file>: what `chrysalis chat --json` prints, a gateway answer (its "chrysalis" field), or binary',
    "receipt || signature. Bundles: `chrysalis status --save-bundles DIR`, or the broker's /v1/workers listing.",
    '--worker-key with --insecure-trust-key skips attestation: only the signature is checked (a warning says so).',
  ],
} as const satisfies CommandSpec;

/** Receipt lengths: version 2 then 1, raw 32-byte channel or TON address channel (attestation/receipt layout). */
const RECEIPT_LENGTHS = [220, 224, 212, 216];

interface ReceiptInput {
  receipt: Uint8Array;
  signature: Uint8Array | undefined;
}

function decodeBytes(s: string, what: string): Uint8Array {
  const t = s.trim();
  try {
    if (/^(0x)?[0-9a-fA-F]+$/.test(t) && t.replace(/^0x/, '').length % 2 === 0) return fromHex(t);
    return fromBase64(t);
  } catch (e) {
    throw inputError(`${what} is neither hex nor base64`, e);
  }
}

function fromJson(j: unknown): ReceiptInput {
  if (typeof j !== 'object' || j === null) throw inputError('JSON input must be an object');
  const o = j as Record<string, unknown>;
  // `chrysalis chat --json`: { receipt: { bytes, signature, ... } }
  const r = o.receipt as Record<string, unknown> | undefined;
  if (typeof r === 'object' && r !== null && typeof r.bytes === 'string' && typeof r.signature === 'string')
    return { receipt: decodeBytes(r.bytes, 'receipt.bytes'), signature: decodeBytes(r.signature, 'receipt.signature') };
  const src = (typeof o.chrysalis === 'object' && o.chrysalis !== null ? o.chrysalis : o) as Record<string, unknown>;
  if (typeof src.receipt !== 'string')
    throw inputError('JSON input has no receipt', undefined, 'pass what `chrysalis chat --json` prints');
  return {
    receipt: decodeBytes(src.receipt, 'receipt'),
    signature: typeof src.signature === 'string' ? decodeBytes(src.signature, 'signature') : undefined,
  };
}

function loadReceipt(file: Uint8Array): ReceiptInput {
  const first = file.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b /* { */) {
    let j: unknown;
    try {
      j = JSON.parse(Buffer.from(file).toString('utf8'));
    } catch (e) {
      throw inputError('the receipt file looks like JSON but does not parse', e);
    }
    return fromJson(j);
  }
  for (const n of RECEIPT_LENGTHS) {
    if (file.length === n + 64) return { receipt: file.subarray(0, n), signature: file.subarray(n) };
  }
  return { receipt: file, signature: undefined };
}

/** Every bundle `--bundle` names: a file (binary, hex, base64), a directory of them, or a /v1/workers listing. */
function bundleCandidates(path: string): Uint8Array[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw inputError(`cannot read --bundle ${path}`, e);
  }
  if (isDir) {
    return readdirSync(path)
      .sort()
      .filter((n) => statSync(join(path, n)).isFile())
      .map((n) => decodeBinaryHexOrBase64(readInput(join(path, n), 'bundle')));
  }
  const raw = readInput(path, 'bundle');
  if (raw.toString('latin1').trimStart().startsWith('{')) {
    let j: { workers?: { bundle?: unknown }[] };
    try {
      j = JSON.parse(raw.toString('utf8')) as typeof j;
    } catch (e) {
      throw inputError(`--bundle ${path} looks like JSON but does not parse`, e);
    }
    if (!Array.isArray(j.workers)) throw inputError(`--bundle ${path} is JSON but not a /v1/workers listing`);
    return j.workers
      .filter((w) => typeof w.bundle === 'string')
      .map((w) => new Uint8Array(Buffer.from(w.bundle as string, 'base64')));
  }
  return [decodeBinaryHexOrBase64(raw)];
}

/** The candidate whose claims name `workerKey` (selection only: the chosen bundle is verified afterwards). */
function bundleFor(candidates: Uint8Array[], workerKey: Uint8Array): Uint8Array | undefined {
  const want = toHex(workerKey);
  return candidates.find((b) => {
    try {
      return toHex(decodeClaims(decodeBundle(b).claims).signingPublicKey) === want;
    } catch {
      return false;
    }
  });
}

function describe(r: DecodedReceipt): Record<string, string | number> {
  return {
    version: r.version,
    requestDigest: toHex(r.requestDigest),
    responseDigest: toHex(r.responseDigest),
    modelId: toHex(r.modelId),
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    promptPriceNano: r.promptPriceNano.toString(),
    completionPriceNano: r.completionPriceNano.toString(),
    amountNano: r.amountNano.toString(),
    channel: typeof r.channel === 'string' ? r.channel : toHex(r.channel),
    seq: r.seq.toString(),
    workerKey: toHex(r.workerKey),
  };
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values, positionals }) => {
    const insecureKey = values['worker-key'];
    if (insecureKey !== undefined && values.bundle !== undefined)
      throw usageError('give --bundle or --worker-key, not both');
    if (insecureKey !== undefined && values['insecure-trust-key'] !== true)
      throw usageError(
        '--worker-key needs --insecure-trust-key',
        'prefer --bundle: the key then comes from verified attestation evidence',
      );
    if (insecureKey === undefined && values.bundle === undefined)
      throw usageError('--bundle is required (the worker key is taken from the verified bundle)');
    if (insecureKey !== undefined && !/^(0x)?[0-9a-fA-F]{64}$/.test(insecureKey))
      throw usageError('--worker-key must be 64 hex digits (Ed25519 public key)');

    let input = loadReceipt(new Uint8Array(readInput(positionals[0]!, 'receipt')));
    if (values.signature !== undefined) input = { ...input, signature: decodeBytes(values.signature, '--signature') };
    if (!input.signature)
      throw inputError(
        'no signature in the receipt input',
        undefined,
        'pass --signature HEX, or the JSON `chat` prints',
      );
    // Malformed receipt bytes are a rejection (RECEIPT_MALFORMED, exit 1), like a bad signature.
    const claimed = decodeReceipt(input.receipt);

    let workerKey: Uint8Array;
    const attested: Record<string, unknown> = {};
    const warnings: string[] = [];
    if (insecureKey !== undefined) {
      workerKey = fromHex(insecureKey.replace(/^0x/, ''));
      warnings.push('INSECURE: the worker key was given on the command line, not taken from verified attestation');
    } else {
      const now = parseAt(values.at);
      const registry = (await loadRegistry(values, true))!;
      const tf = loadTrust(values.trust);
      if (tf?.simulated) warnings.push('SIMULATED devnet trust roots in use: not evidence of real hardware');
      const bytes = bundleFor(bundleCandidates(values.bundle!), claimed.workerKey);
      if (!bytes) {
        throw new CliError(
          'CLI_BUNDLE_NOT_FOUND',
          EXIT.REJECTED,
          `no bundle in ${values.bundle} names the receipt's worker key ${toHex(claimed.workerKey)}`,
          { hint: "fetch the worker's bundle: `chrysalis status --save-bundles DIR` or the broker's /v1/workers" },
        );
      }
      const w = verifyBundle(bytes, {
        now,
        registry: toVerifyRegistry(registry),
        ...(tf ? { trust: tf.trust as never } : {}),
        ...(tf?.allowedRoots ? { policy: { quote: { allowedRoots: tf.allowedRoots } } } : {}),
      });
      if (toHex(claimed.modelId) !== w.modelId) {
        throw new CliError(
          'CLI_RECEIPT_MODEL_MISMATCH',
          EXIT.REJECTED,
          `the receipt names model ${toHex(claimed.modelId)} but the bundle attests model ${w.modelId}`,
        );
      }
      // A version 2 receipt is signed at the worker's committed prices; a version 1 receipt predates them.
      if (
        claimed.version >= 2 &&
        (claimed.promptPriceNano !== w.prices.promptNano || claimed.completionPriceNano !== w.prices.completionNano)
      ) {
        throw new CliError(
          'CLI_RECEIPT_PRICE_MISMATCH',
          EXIT.REJECTED,
          `the receipt charges ${claimed.promptPriceNano}/${claimed.completionPriceNano} nanoton per prompt/completion ` +
            `token but the bundle commits to ${w.prices.promptNano}/${w.prices.completionNano}`,
        );
      }
      if (claimed.version < 2) warnings.push('version 1 receipt: its price is not committed in the bundle');
      workerKey = w.signingPublicKey;
      Object.assign(attested, {
        bundleDigest: bundleDigest(bytes),
        imageId: w.imageId,
        platformId: w.platformId,
        modelId: w.modelId,
        promptPriceNano: w.prices.promptNano.toString(),
        completionPriceNano: w.prices.completionNano.toString(),
        tcbStatus: w.tcbStatus,
        registry: registry.source,
      });
    }
    const r = verifyReceiptOrThrow(input, workerKey);
    const d = describe(r);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, receipt: d, bundle: attested, warnings })}\n`);
      return EXIT.OK;
    }
    const lines = [
      `receipt: VALID (Ed25519 signature by ${insecureKey !== undefined ? 'the given key' : 'the attested worker key'})`,
      ...warnings.map((w) => `warning: ${w}`),
      ...Object.entries(attested).map(([k, v]) => `  bundle.${k.padEnd(19)} ${String(v)}`),
      ...Object.entries(d).map(([k, v]) => `  ${k.padEnd(20)} ${v}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.OK;
  });
}

function verifyReceiptOrThrow(input: ReceiptInput, key: Uint8Array): DecodedReceipt {
  return verifyReceipt(input.receipt, input.signature!, key);
}
