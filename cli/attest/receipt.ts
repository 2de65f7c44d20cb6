/**
 * `chrysalis attest receipt <receipt-file> --worker-key <hex> [--signature <hex|base64>] [--json]`
 *
 * Verifies a worker-signed receipt offline against the worker's (attested) Ed25519 key.
 * The file may be:
 *   - JSON: a gateway answer (`{ ..., "chrysalis": { receipt, signature, ... } }`), a final stream chunk, the
 *     `chrysalis` object itself, or `{ "receipt": "<base64|hex>", "signature": "<base64|hex>" }`;
 *   - binary: the canonical receipt bytes followed by the 64-byte signature, or the receipt bytes alone with
 *     `--signature`.
 * Exit codes: 0 valid; 1 rejected (malformed receipt, wrong key, bad signature); 2 bad usage or unreadable input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeReceipt, verifyReceipt, type Receipt } from '../../attestation/receipt';
import { fromBase64, fromHex, toHex } from '../../sdk/bytes';

const USAGE = 'usage: chrysalis attest receipt <receipt-file> --worker-key <hex> [--signature <hex|base64>] [--json]\n';
/** Receipt lengths: raw 32-byte channel or TON address channel (attestation/receipt layout). */
const RECEIPT_LENGTHS = [212, 216];

class InputError extends Error {}

function decodeBytes(s: string, what: string): Uint8Array {
  const t = s.trim();
  try {
    if (/^(0x)?[0-9a-fA-F]+$/.test(t) && t.replace(/^0x/, '').length % 2 === 0) return fromHex(t);
    return fromBase64(t);
  } catch {
    throw new InputError(`${what} is neither hex nor base64`);
  }
}

function fromJson(j: unknown): { receipt: Uint8Array; signature: Uint8Array | undefined } {
  if (typeof j !== 'object' || j === null) throw new InputError('JSON input must be an object');
  const o = j as Record<string, unknown>;
  const src = (typeof o.chrysalis === 'object' && o.chrysalis !== null ? o.chrysalis : o) as Record<string, unknown>;
  if (typeof src.receipt !== 'string') throw new InputError('JSON input has no "receipt" string');
  return {
    receipt: decodeBytes(src.receipt, 'receipt'),
    signature: typeof src.signature === 'string' ? decodeBytes(src.signature, 'signature') : undefined,
  };
}

function load(file: Uint8Array): { receipt: Uint8Array; signature: Uint8Array | undefined } {
  const first = file.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b /* { */) {
    let j: unknown;
    try {
      j = JSON.parse(Buffer.from(file).toString('utf8'));
    } catch {
      throw new InputError('input looks like JSON but does not parse');
    }
    return fromJson(j);
  }
  for (const n of RECEIPT_LENGTHS) {
    if (file.length === n + 64) return { receipt: file.subarray(0, n), signature: file.subarray(n) };
  }
  return { receipt: file, signature: undefined };
}

function describe(r: Receipt & { amountNano: bigint }): Record<string, string | number> {
  return {
    requestDigest: toHex(r.requestDigest),
    responseDigest: toHex(r.responseDigest),
    modelId: toHex(r.modelId),
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    priceNano: r.priceNano.toString(),
    amountNano: r.amountNano.toString(),
    channel: typeof r.channel === 'string' ? r.channel : toHex(r.channel),
    seq: r.seq.toString(),
    workerKey: toHex(r.workerKey),
  };
}

export async function run(argv: string[]): Promise<number> {
  let values: { 'worker-key'?: string; signature?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'worker-key': { type: 'string' },
        signature: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    process.stderr.write(`chrysalis attest receipt: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = values.json === true;
  const fail = (code: number, errCode: string, message: string): number => {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, code: errCode, message })}\n`);
    else process.stderr.write(`chrysalis attest receipt: ${errCode}: ${message}\n`);
    return code;
  };
  if (positionals.length !== 1 || !values['worker-key']) {
    if (!json) process.stderr.write(USAGE);
    return fail(2, 'USAGE', 'expected one receipt file and --worker-key');
  }
  const keyHex = values['worker-key'].replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex))
    return fail(2, 'USAGE', '--worker-key must be 64 hex digits (Ed25519 public key)');
  const workerKey = fromHex(keyHex);

  let input: { receipt: Uint8Array; signature: Uint8Array | undefined };
  try {
    const file = new Uint8Array(readFileSync(positionals[0] as string));
    input = load(file);
    if (values.signature !== undefined) input = { ...input, signature: decodeBytes(values.signature, '--signature') };
  } catch (e) {
    return fail(2, 'INPUT_UNREADABLE', e instanceof InputError ? e.message : `cannot read ${positionals[0]}`);
  }
  if (!input.signature) return fail(2, 'INPUT_UNREADABLE', 'no signature in the input; pass --signature');

  let r: Receipt & { amountNano: bigint };
  try {
    r = verifyReceipt(input.receipt, input.signature, workerKey);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const details = (() => {
      try {
        return describe(decodeReceipt(input.receipt));
      } catch {
        return undefined;
      }
    })();
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, code: typeof code === 'string' ? code : 'RECEIPT_INVALID', message: (e as Error).message, ...(details ? { receipt: details } : {}) })}\n`,
      );
      return 1;
    }
    return fail(1, typeof code === 'string' ? code : 'RECEIPT_INVALID', (e as Error).message);
  }
  const d = describe(r);
  if (json) process.stdout.write(`${JSON.stringify({ ok: true, receipt: d })}\n`);
  else {
    const lines = Object.entries(d).map(([k, v]) => `  ${k.padEnd(17)} ${v}`);
    process.stdout.write(['receipt: VALID (Ed25519 signature by the given worker key)', ...lines, ''].join('\n'));
  }
  return 0;
}
