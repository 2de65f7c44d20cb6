import { CollateralError } from './errors';

const PEM_RE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** All CERTIFICATE blocks of a PEM text, as DER, in order. Throws COLLATERAL_MALFORMED when there are none. */
export function pemToDerList(pem: string, what: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(PEM_RE)) {
    const der = Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
    if (der.length === 0) throw new CollateralError('COLLATERAL_MALFORMED', `${what}: empty certificate`);
    out.push(new Uint8Array(der));
  }
  if (out.length === 0) throw new CollateralError('COLLATERAL_MALFORMED', `${what}: no PEM certificate`);
  return out;
}

/** Certificates from a file's bytes: PEM text (one or more blocks) or a single DER certificate. */
export function certsFromBytes(bytes: Uint8Array, what: string): Uint8Array[] {
  if (bytes.length > 0 && bytes[0] === 0x30) return [bytes];
  return pemToDerList(Buffer.from(bytes).toString('latin1'), what);
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** Strict hex (optional 0x prefix, surrounding whitespace ignored) to bytes. */
export function hexToBytes(text: string, what: string): Uint8Array {
  let t = text.trim();
  if (t.startsWith('0x') || t.startsWith('0X')) t = t.slice(2);
  if (!HEX_RE.test(t)) throw new CollateralError('COLLATERAL_MALFORMED', `${what}: not hex`);
  return new Uint8Array(Buffer.from(t, 'hex'));
}
