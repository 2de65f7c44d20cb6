/**
 * Decoders for Intel PCS / PCCS responses: URL-encoded PEM issuer-chain headers, CRL bodies (DER, PEM or hex), and
 * the nextUpdate of a CRL or signed JSON document (cache expiry only; the verifier parses collateral itself).
 */
import { pemToDerList } from './pem';
import { PcsError, type PcsHttpResponse } from './pcs-types';

/** Decodes a URL-encoded PEM issuer-chain header into DER certificates (signing certificate first). */
export function decodeIssuerChainHeader(value: string | undefined, name: string): Uint8Array[] {
  if (value === undefined || value.trim() === '')
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `response has no ${name} header`);
  let pem: string;
  try {
    pem = decodeURIComponent(value);
  } catch (cause) {
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `${name}: not URL-encoded PEM`, { cause });
  }
  try {
    return pemToDerList(pem, name);
  } catch (cause) {
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `${name}: no certificate`, { cause });
  }
}

const PEM_CRL_RE = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/;
/** A CRL body: DER, PEM (`X509 CRL`) or hex text (PCCS serves the root CA CRL as hex). */
export function decodeCrlBody(body: Uint8Array, what: string): Uint8Array {
  if (body.length > 0 && body[0] === 0x30) return Uint8Array.from(body);
  const text = Buffer.from(body).toString('latin1').trim();
  const pem = PEM_CRL_RE.exec(text);
  const der = pem
    ? Buffer.from((pem[1] ?? '').replace(/\s+/g, ''), 'base64')
    : /^(?:[0-9a-fA-F]{2})+$/.test(text)
      ? Buffer.from(text, 'hex')
      : undefined;
  if (!der || der.length === 0 || der[0] !== 0x30)
    throw new PcsError('PCS_RESPONSE_MALFORMED', `${what}: not a DER, PEM or hex CRL`);
  return new Uint8Array(der);
}

// --- minimal DER walk for a CRL's nextUpdate (cache expiry only; the verifier parses CRLs itself) ---
function readTl(b: Uint8Array, p: number): { tag: number; start: number; end: number } {
  const tag = b[p];
  let len = b[p + 1];
  if (tag === undefined || len === undefined) throw new RangeError('truncated');
  let start = p + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4) throw new RangeError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] ?? NaN);
    start += n;
  }
  const end = start + len;
  if (!Number.isFinite(end) || end > b.length) throw new RangeError('truncated');
  return { tag, start, end };
}
function derTime(b: Uint8Array, tl: { tag: number; start: number; end: number }): Date {
  const s = Buffer.from(b.subarray(tl.start, tl.end)).toString('ascii');
  const m =
    tl.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : tl.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) throw new RangeError('bad time');
  let y = Number(m[1]);
  if (tl.tag === 0x17) y += y < 50 ? 2000 : 1900;
  return new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
/** nextUpdate of a DER CRL, or undefined when absent or unreadable. */
export function crlNextUpdate(der: Uint8Array): Date | undefined {
  try {
    const top = readTl(der, 0);
    const tbs = readTl(der, top.start);
    let p = tbs.start;
    let f = readTl(der, p);
    if (f.tag === 0x02) {
      p = f.end; // version
      f = readTl(der, p);
    }
    p = f.end; // signature AlgorithmIdentifier
    p = readTl(der, p).end; // issuer
    p = readTl(der, p).end; // thisUpdate
    const nu = readTl(der, p);
    if (nu.tag !== 0x17 && nu.tag !== 0x18) return undefined;
    return derTime(der, nu);
  } catch {
    return undefined;
  }
}

export function jsonNextUpdate(body: string, key: string): Date | undefined {
  try {
    const inner = (JSON.parse(body) as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
    const nu = inner?.['nextUpdate'];
    if (typeof nu !== 'string') return undefined;
    const d = new Date(nu);
    return Number.isNaN(d.getTime()) ? undefined : d;
  } catch {
    return undefined;
  }
}

/** The first present header of `names` (looked up lower-case). */
export function responseHeader(r: PcsHttpResponse, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = r.headers[n.toLowerCase()];
    if (v !== undefined) return v;
  }
  return undefined;
}
