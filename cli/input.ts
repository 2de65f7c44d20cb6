/** File input shared by the `chrysalis attest` commands (thin shell: the library core never reads files). */
import { readFileSync } from 'node:fs';

/** Bad usage or unreadable input: the commands exit 2 on it. */
export class UsageError extends Error {}

export function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
}

/** Raw binary, or hex text (optional 0x prefix, whitespace ignored). */
export function decodeBinaryOrHex(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1').trim();
  const body = text.replace(/^0x/i, '').replace(/\s+/g, '');
  if (body.length > 0 && body.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(body))
    return new Uint8Array(Buffer.from(body, 'hex'));
  return bytes;
}

/** Raw binary, hex text, or base64 text (as the broker's JSON worker list carries bundles). */
export function decodeBinaryHexOrBase64(bytes: Uint8Array): Uint8Array {
  const hexed = decodeBinaryOrHex(bytes);
  if (hexed !== bytes) return hexed;
  const text = Buffer.from(bytes).toString('latin1').trim();
  if (text.length > 0 && /^[A-Za-z0-9+/=\s]+$/.test(text)) {
    const b = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    if (b.length > 0) return new Uint8Array(b);
  }
  return bytes;
}
