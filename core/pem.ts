/**
 * PEM (RFC 7468) armour: split a text into the DER of its blocks of one label, and armour DER as PEM.
 */

/** Malformed PEM; callers map it to their own typed error codes. */
export class PemError extends Error {}

const B64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const BLANK_RE = /^\s*$/;
const blockRe = (label: string): RegExp =>
  new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
const CERT_RE = blockRe('CERTIFICATE');

/**
 * The DER of every `label` block of `text`, in order (none: an empty list). Throws PemError where a block's body is
 * empty or not base64 (whitespace between the armour lines is ignored). With `strict`, anything but whitespace
 * outside the blocks, and a BEGIN line without its END line, throw PemError too.
 */
export function pemToDerList(text: string, label = 'CERTIFICATE', strict = false): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pos = 0;
  for (const m of text.matchAll(label === 'CERTIFICATE' ? CERT_RE : blockRe(label))) {
    if (strict && !BLANK_RE.test(text.slice(pos, m.index))) throw new PemError(`text between ${label} blocks`);
    const b64 = (m[1] ?? '').replace(/\s+/g, '');
    if (b64.length === 0) throw new PemError(`empty ${label} block`);
    if (b64.length % 4 !== 0 || !B64_RE.test(b64)) throw new PemError(`bad base64 in ${label} block`);
    out.push(new Uint8Array(Buffer.from(b64, 'base64')));
    pos = m.index + m[0].length;
  }
  if (strict && !BLANK_RE.test(text.slice(pos)))
    throw new PemError(
      text.includes(`-----BEGIN ${label}-----`, pos) ? `unterminated ${label} block` : `text after ${label} blocks`,
    );
  return out;
}

/** PEM armour for DER, 64 columns, trailing newline (as Intel PCS serves it). */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
