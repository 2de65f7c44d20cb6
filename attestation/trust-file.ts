/**
 * Trust-root files: `{ "kind": "devnet"|"custom", "intel": TrustRoots, "nvidia": GpuTrustRoots }` serialised as JSON
 * with every byte string written as `{ "b64": "..." }`. Production verification needs no file: the Intel and NVIDIA
 * roots are pinned in code. A file is how a verifier opts in to other roots (the SIMULATED devnet PKI) explicitly.
 * It may also carry registry prices, `"registry": { "modelPrices": { "<model id hex>": { "promptNano": "123",
 * "completionNano": "456" } } }` (decimal strings), for `RegistrySnapshot.modelPrices`.
 *
 * Pure: JSON text in, roots out. Reading the file is the shell's job (`loadTrustFile` in `chrysalis/sdk`).
 *
 * Error codes: TRUST_FILE_INVALID (not JSON, unknown kind, a root that is not DER bytes, no root at all, malformed
 * registry prices).
 */
import { createHash } from 'node:crypto';
import { ChrysalisError } from './errors';
import type { TrustRoots } from './collateral/types';
import type { GpuTrustRoots } from './gpu/roots';
import type { QuotePolicy } from './policy/appraise';
import type { ModelPrice } from './bundle/verify-types';

export const TRUST_FILE_CODES = ['TRUST_FILE_INVALID'] as const;
export type TrustFileErrorCode = (typeof TRUST_FILE_CODES)[number];

export class TrustFileError extends ChrysalisError<TrustFileErrorCode> {}

export interface TrustFile {
  /** 'devnet': SIMULATED roots (not evidence of real hardware); 'custom': other roots the verifier chose. */
  readonly kind: 'devnet' | 'custom';
  readonly intel?: TrustRoots;
  readonly nvidia?: GpuTrustRoots;
  /** Registry data the verifier takes from the file: each model's prices (model id hex, lower case). */
  readonly registry?: { readonly modelPrices?: Readonly<Record<string, ModelPrice>> };
}

/** A trust file, ready for `verifyBundle` / `verifyQuote` options. */
export interface TrustFileRoots {
  readonly kind: TrustFile['kind'];
  /** True for a devnet file: what verifies under these roots proves nothing about real hardware. */
  readonly simulated: boolean;
  /** `trust` option of `verifyBundle`: these roots replace the pinned ones for the areas the file names. */
  readonly trust: { readonly intel?: TrustRoots; readonly nvidia?: GpuTrustRoots };
  /**
   * SHA-256 (hex) of the file's Intel roots, for `QuotePolicy.allowedRoots`: naming a root in the file is the
   * opt-in, so the quote policy allows exactly those roots. Empty when the file names no Intel root (the policy
   * default, Intel's root, then applies).
   */
  readonly allowedRoots: readonly string[];
  /** `{ quote: { allowedRoots } }` when the file names Intel roots, else `{}`: spread into a bundle policy. */
  readonly policy: { readonly quote?: QuotePolicy };
  /** The file's `registry.modelPrices`, for `RegistrySnapshot.modelPrices`; absent when the file names none. */
  readonly modelPrices?: Readonly<Record<string, ModelPrice>>;
}

function encode(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return { b64: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = encode(x);
    return o;
  }
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'b64' && typeof o.b64 === 'string')
      return new Uint8Array(Buffer.from(o.b64, 'base64'));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}

const invalid = (message: string, cause?: unknown): TrustFileError =>
  new TrustFileError('TRUST_FILE_INVALID', `trust file: ${message}`, cause === undefined ? undefined : { cause });

/** A list of DER certificates (each a SEQUENCE, tag 0x30): the shape check, not a chain check. */
function derList(v: unknown, field: string): Uint8Array[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid(`${field} must be a non-empty array of { "b64": DER }`);
  return v.map((d, i) => {
    if (!(d instanceof Uint8Array) || d.length < 2 || d[0] !== 0x30)
      throw invalid(`${field}[${i}] is not a DER certificate`);
    return d;
  });
}

const U64_MAX = (1n << 64n) - 1n;
const MODEL_ID_HEX = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function u64(v: unknown, field: string): bigint {
  if (typeof v !== 'string' || !DECIMAL.test(v) || BigInt(v) > U64_MAX)
    throw invalid(`${field} must be a decimal string of a u64`);
  return BigInt(v);
}

/**
 * Strict parse of a `modelPrices` JSON object: keys are model ids (64 lower-case hex), values exactly
 * `{ "promptNano": "<decimal>", "completionNano": "<decimal>" }` (u64). @throws TrustFileError TRUST_FILE_INVALID
 */
export function modelPricesFromJson(v: unknown, field = 'modelPrices'): Readonly<Record<string, ModelPrice>> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid(`${field} must be an object`);
  const out: Record<string, ModelPrice> = {};
  for (const [id, p] of Object.entries(v as Record<string, unknown>)) {
    if (!MODEL_ID_HEX.test(id))
      throw invalid(`${field} key "${id.slice(0, 80)}" is not a model id (64 lower-case hex)`);
    const e = p as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw invalid(`${field}.${id} must be an object`);
    const keys = Object.keys(e).sort();
    if (keys.length !== 2 || keys[0] !== 'completionNano' || keys[1] !== 'promptNano')
      throw invalid(`${field}.${id} must have exactly "promptNano" and "completionNano"`);
    out[id] = Object.freeze({
      promptNano: u64(e.promptNano, `${field}.${id}.promptNano`),
      completionNano: u64(e.completionNano, `${field}.${id}.completionNano`),
    });
  }
  return Object.freeze(out);
}

function registryPart(v: unknown): TrustFile['registry'] | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid('"registry" must be an object');
  const r = v as Record<string, unknown>;
  for (const k of Object.keys(r)) if (k !== 'modelPrices') throw invalid(`"registry.${k}" is not a known field`);
  return r.modelPrices === undefined ? {} : { modelPrices: modelPricesFromJson(r.modelPrices, 'registry.modelPrices') };
}

export function trustFileToJson(t: TrustFile): string {
  return `${JSON.stringify(encode(t), null, 2)}\n`;
}

/** Parses and shape-checks a trust file. @throws TrustFileError TRUST_FILE_INVALID */
export function trustFileFromJson(text: string): TrustFile {
  let raw: unknown;
  try {
    raw = decode(JSON.parse(text));
  } catch (cause) {
    throw invalid('not JSON', cause);
  }
  const t = raw as {
    kind?: unknown;
    intel?: { intelRootCaDer?: unknown };
    nvidia?: Record<string, unknown>;
    registry?: unknown;
  } | null;
  if (!t || typeof t !== 'object' || (t.kind !== 'devnet' && t.kind !== 'custom'))
    throw invalid('"kind" must be "devnet" or "custom"');
  if (t.intel === undefined && t.nvidia === undefined) throw invalid('names no roots ("intel" or "nvidia")');
  const intel =
    t.intel === undefined ? undefined : { intelRootCaDer: derList(t.intel?.intelRootCaDer, 'intel.intelRootCaDer') };
  const nvidia =
    t.nvidia === undefined
      ? undefined
      : {
          deviceRootDer: derList(t.nvidia?.deviceRootDer, 'nvidia.deviceRootDer'),
          rimRootDer: derList(t.nvidia?.rimRootDer, 'nvidia.rimRootDer'),
        };
  const registry = registryPart(t.registry);
  return {
    kind: t.kind,
    ...(intel ? { intel } : {}),
    ...(nvidia ? { nvidia } : {}),
    ...(registry ? { registry } : {}),
  };
}

/** The verifier options a trust file stands for. */
export function trustFileRoots(file: TrustFile): TrustFileRoots {
  const allowedRoots = (file.intel?.intelRootCaDer ?? []).map((d) => createHash('sha256').update(d).digest('hex'));
  return {
    kind: file.kind,
    simulated: file.kind === 'devnet',
    trust: { ...(file.intel ? { intel: file.intel } : {}), ...(file.nvidia ? { nvidia: file.nvidia } : {}) },
    allowedRoots,
    policy: allowedRoots.length > 0 ? { quote: { allowedRoots } } : {},
    ...(file.registry?.modelPrices ? { modelPrices: file.registry.modelPrices } : {}),
  };
}

/** `trustFileRoots(trustFileFromJson(text))`. @throws TrustFileError TRUST_FILE_INVALID */
export function parseTrustFile(text: string): TrustFileRoots {
  return trustFileRoots(trustFileFromJson(text));
}
