/**
 * Bounded DER (ITU-T X.690 §8.1, §10) reader for the parts of X.509 certificates, CRLs and OCSP responses (RFC 5280,
 * RFC 6960) the verifiers read by hand: TBS bytes, raw names, serials, validity, extensions. Every read is
 * bounds-checked; definite lengths only, up to 4 length octets, single-byte tags. Malformed input throws DerError,
 * which callers map to their own typed codes.
 */
export class DerError extends Error {}

export interface Tlv {
  readonly tag: number;
  /** Whole element (header + content). */
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

/** Read one TLV at `pos` of `buf` (the next element starts at `pos + raw.length`). */
export function readTlv(buf: Uint8Array, pos: number): Tlv {
  if (pos + 2 > buf.length) throw new DerError('DER truncated');
  const tag = buf[pos] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags unsupported');
  let len = buf[pos + 1] as number;
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + 2 + n > buf.length) throw new DerError('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[pos + 2 + i] as number);
    hdr += n;
  }
  const end = pos + hdr + len;
  if (end > buf.length) throw new DerError('DER content truncated');
  return { tag, raw: buf.subarray(pos, end), content: buf.subarray(pos + hdr, end) };
}

/** The children of a constructed element. */
export function children(t: Tlv): Tlv[] {
  const c = t.content;
  const out: Tlv[] = [];
  let p = 0;
  while (p < c.length) {
    const tlv = readTlv(c, p);
    out.push(tlv);
    p += tlv.raw.length;
  }
  return out;
}

/** Parse a whole buffer as exactly one TLV. */
export function parseDer(buf: Uint8Array): Tlv {
  const tlv = readTlv(buf, 0);
  if (tlv.raw.length !== buf.length) throw new DerError('trailing bytes after DER element');
  return tlv;
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected ${what}`);
  return t;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Dotted OID string of an OBJECT IDENTIFIER content. */
export function oidToString(c: Uint8Array): string {
  if (c.length === 0) throw new DerError('empty OID');
  const first = c[0] as number;
  const parts: number[] = [Math.min(2, Math.floor(first / 40)), first < 80 ? first % 40 : first - 80];
  let v = 0;
  for (let i = 1; i < c.length; i++) {
    const b = c[i] as number;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Non-negative INTEGER content of at most `maxBytes` (7: below 2^53) octets to a JS number. */
export function intToNumber(c: Uint8Array, maxBytes = 7): number {
  if (c.length === 0 || c.length > maxBytes || (c[0] as number) & 0x80) throw new DerError('bad small INTEGER');
  let v = 0;
  for (const b of c) v = v * 256 + b;
  return v;
}

/** Serial number INTEGER content as unsigned big-endian lower-case hex without leading zeros. */
export function serialHex(c: Uint8Array): string {
  return Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex').replace(/^0+/, '') || '0';
}

/** UTCTime / GeneralizedTime (Z form, as DER requires) to epoch milliseconds. */
export function timeToMs(t: Tlv): number {
  const s = Buffer.from(t.content.buffer, t.content.byteOffset, t.content.byteLength).toString('latin1');
  let m: RegExpMatchArray | null;
  if (t.tag === TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    const yy = Number(m[1]);
    return Date.UTC(
      yy >= 50 ? 1900 + yy : 2000 + yy,
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
    );
  }
  if (t.tag === TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  throw new DerError('bad time');
}
