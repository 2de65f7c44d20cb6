/**
 * Minimal DER TLV walker (X.690 §8.1) used only to take the exact signed byte ranges (tbsResponseData, subject Name,
 * subjectPublicKey) out of already schema-validated structures; semantic decoding uses @peculiar/asn1-* schemas.
 */
export interface Tlv {
  readonly tag: number;
  /** Whole element (header + content). */
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

/** Read one TLV at `off`; throws RangeError on malformed or indefinite lengths. */
export function readTlv(buf: Uint8Array, off: number): Tlv {
  if (off + 2 > buf.length) throw new RangeError('DER truncated');
  const tag = buf[off]!;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER high tag numbers not supported');
  let len = buf[off + 1]!;
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || off + 2 + n > buf.length) throw new RangeError('DER length invalid');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i]!;
    hdr += n;
  }
  if (off + hdr + len > buf.length) throw new RangeError('DER element overruns its container');
  return { tag, raw: buf.subarray(off, off + hdr + len), content: buf.subarray(off + hdr, off + hdr + len) };
}

/** Children of a constructed element's content. */
export function children(content: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < content.length) {
    const t = readTlv(content, off);
    out.push(t);
    off += t.raw.length;
  }
  return out;
}
