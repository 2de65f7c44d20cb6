/** File input shared by the commands (thin shell: the library core never reads files). */
import { readFileSync } from 'node:fs';
import { inputError } from './exit';

/** Reads a file the user named. @throws CliError CLI_INPUT_UNREADABLE (exit 3) */
export function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw inputError(`cannot read ${what} ${path}`, e);
  }
}

/** Reads and parses a JSON file the user named. @throws CliError CLI_INPUT_UNREADABLE (exit 3) */
export function readJsonInput(path: string, what: string): unknown {
  const text = readInput(path, what).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw inputError(`${what} ${path} is not JSON`, e);
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
