import { createHash } from 'node:crypto';
import { tryFromHex, toHex } from '../../core/bytes';

export { bytesEqual, concatBytes, toHex, tryFromHex } from '../../core/bytes';

/** Small byte helpers shared by eventlog and measure (private to attestation). */
export const SHA384_SIZE = 48;

export function sha384(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha384');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export function isAll(b: Uint8Array, value: number): boolean {
  if (b.length > 64) {
    // native memcmp: fill areas after a log are up to 1 MiB
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(Buffer.alloc(b.length, value));
  }
  for (let i = 0; i < b.length; i++) if (b[i] !== value) return false;
  return true;
}

export function asciiPrintable(b: Uint8Array): string | undefined {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  if (end === 0) return undefined;
  for (let i = 0; i < end; i++) {
    const c = b[i] as number;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return undefined;
    if (c > 0x7e) return undefined;
  }
  return Buffer.from(b.subarray(0, end)).toString('latin1');
}

export function utf16le(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength & ~1).toString('utf16le');
}

/** EFI GUID string (mixed-endian: first three fields little-endian). */
export function guidToString(b: Uint8Array): string {
  const h = toHex(b);
  const le = (s: string) => s.match(/../g)!.reverse().join('');
  return `${le(h.slice(0, 8))}-${le(h.slice(8, 12))}-${le(h.slice(12, 16))}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function guidToBytes(g: string): Uint8Array {
  const p = g.split('-');
  const le = (s: string) => s.match(/../g)!.reverse().join('');
  return tryFromHex(le(p[0]!) + le(p[1]!) + le(p[2]!) + p[3]! + p[4]!)!;
}
