/**
 * Tiny DER writer (ITU-T X.690) for the SIMULATED devnet PKI. Hand-written because asn1js 4 is ESM-only and
 * the project runs CommonJS under jest; every output is cross-checked in tests against Node's X509Certificate,
 * @peculiar/x509 and (for the SGX extension) byte-for-byte against a real Intel PCK certificate.
 */
export type Der = Uint8Array;

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from([0x80 | out.length, ...out]);
}
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
export function tlv(tag: number, content: Uint8Array): Der {
  return concatBytes([Uint8Array.of(tag), lengthBytes(content.length), content]);
}
export const seq = (...items: readonly Der[]): Der => tlv(0x30, concatBytes(items));
export const set = (...items: readonly Der[]): Der => tlv(0x31, concatBytes(items));
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const utf8 = (s: string): Der => tlv(0x0c, new Uint8Array(Buffer.from(s, 'utf8')));
export const printable = (s: string): Der => tlv(0x13, new Uint8Array(Buffer.from(s, 'ascii')));
export const bool = (v: boolean): Der => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
export const bitString = (b: Uint8Array, unusedBits = 0): Der => tlv(0x03, concatBytes([Uint8Array.of(unusedBits), b]));
/** Context-specific tag [n]; constructed (EXPLICIT / SEQUENCE-like) or primitive (IMPLICIT primitive). */
export const ctx = (n: number, constructed: boolean, content: Uint8Array): Der =>
  tlv((constructed ? 0xa0 : 0x80) | n, content);

/** Minimal two's-complement content of a non-negative integer given as big-endian bytes. */
function unsignedContent(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const v = bytes.subarray(i);
  if (v.length === 0) return Uint8Array.of(0);
  return (v[0] ?? 0) & 0x80 ? concatBytes([Uint8Array.of(0), v]) : Uint8Array.from(v);
}
function numberBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('DER integer must be a non-negative safe integer');
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from(out);
}
export const integer = (v: number | Uint8Array): Der =>
  tlv(0x02, unsignedContent(typeof v === 'number' ? numberBytes(v) : v));
export const enumerated = (v: number): Der => tlv(0x0a, unsignedContent(numberBytes(v)));

export function oid(dotted: string): Der {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const first = (arcs[0] ?? 0n) * 40n + (arcs[1] ?? 0n);
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, `Z`. */
export function time(d: Date): Der {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid date');
  const y = d.getUTCFullYear();
  const rest = `${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new Uint8Array(Buffer.from(`${pad2(y % 100)}${rest}`, 'ascii')));
  return tlv(0x18, new Uint8Array(Buffer.from(`${String(y).padStart(4, '0')}${rest}`, 'ascii')));
}
