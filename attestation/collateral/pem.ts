import { tryFromHex } from '../../core/bytes';
import { PemError, pemToDerList as pemBlocks } from '../../core/pem';
import { CollateralError } from './errors';

/** All CERTIFICATE blocks of a PEM text, as DER, in order. Throws COLLATERAL_MALFORMED when there are none. */
export function pemToDerList(pem: string, what: string): Uint8Array[] {
  let out: Uint8Array[];
  try {
    out = pemBlocks(pem);
  } catch (cause) {
    if (!(cause instanceof PemError)) throw cause;
    throw new CollateralError('COLLATERAL_MALFORMED', `${what}: ${cause.message}`, { cause });
  }
  if (out.length === 0) throw new CollateralError('COLLATERAL_MALFORMED', `${what}: no PEM certificate`);
  return out;
}

/** Certificates from a file's bytes: PEM text (one or more blocks) or a single DER certificate. */
export function certsFromBytes(bytes: Uint8Array, what: string): Uint8Array[] {
  if (bytes.length > 0 && bytes[0] === 0x30) return [bytes];
  return pemToDerList(Buffer.from(bytes).toString('latin1'), what);
}

/** Strict hex (optional 0x prefix, surrounding whitespace ignored) to bytes. */
export function hexToBytes(text: string, what: string): Uint8Array {
  let t = text.trim();
  if (t.startsWith('0x') || t.startsWith('0X')) t = t.slice(2);
  const out = tryFromHex(t);
  if (!out) throw new CollateralError('COLLATERAL_MALFORMED', `${what}: not hex`);
  return out;
}
