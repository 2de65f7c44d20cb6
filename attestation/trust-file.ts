/**
 * Trust-root files for the CLI and the devnet: `{ "kind": "devnet"|"custom", "intel": TrustRoots, "nvidia": GpuTrustRoots }`
 * serialised as JSON with every byte string written as `{ "b64": "..." }`. Production verification needs no file:
 * the Intel and NVIDIA roots are pinned in code. A file is how an auditor opts in to other roots (the SIMULATED
 * devnet PKI) explicitly.
 */
import { readFileSync } from 'node:fs';

export interface TrustFile {
  readonly kind: 'devnet' | 'custom';
  readonly intel?: unknown;
  readonly nvidia?: unknown;
}

function encode(v: unknown): unknown {
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

export function trustFileToJson(t: TrustFile): string {
  return `${JSON.stringify(encode(t), null, 2)}\n`;
}

export function trustFileFromJson(text: string): TrustFile {
  const t = decode(JSON.parse(text)) as TrustFile;
  if (!t || (t.kind !== 'devnet' && t.kind !== 'custom'))
    throw new Error('trust file: "kind" must be "devnet" or "custom"');
  return t;
}

export function loadTrustFile(path: string): TrustFile {
  return trustFileFromJson(readFileSync(path, 'utf8'));
}
