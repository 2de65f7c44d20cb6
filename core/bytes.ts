/**
 * Byte helpers: hex encoding and strict decoding, concatenation, equality. Runtime-agnostic (no `Buffer`), so the
 * SDK can use them in browsers as well as in Node.
 */

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => (HEX_DIGITS[i >> 4] as string) + (HEX_DIGITS[i & 15] as string),
);

/** Lower-case hex of `b`. */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += BYTE_TO_HEX[b[i] as number] as string;
  return s;
}

/** Value of one hex digit's char code, or -1. */
function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Strict hex to bytes (even length, hex digits only, no prefix, no whitespace); undefined otherwise. */
export function tryFromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0) return undefined;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(s.charCodeAt(2 * i));
    const lo = nibble(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Strict hex to bytes, with an optional `0x` prefix; throws TypeError on odd length or a non-hex digit. */
export function fromHex(h: string): Uint8Array {
  const out = tryFromHex(h.startsWith('0x') || h.startsWith('0X') ? h.slice(2) : h);
  if (!out) throw new TypeError('invalid hex string');
  return out;
}

/** The parts, one after the other, in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Equal length and contents. Constant time in the contents (not the length), so it may compare secrets and MACs. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}
