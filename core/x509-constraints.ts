/**
 * RFC 5280 constraint fields (§4.2.1.3 KeyUsage, §4.2.1.9 BasicConstraints) and the chain walk of §6.1.4 over them.
 * The walkers return the first violation as text, never throw: each caller throws its own coded error.
 */
import { DerError, TAG, children, expectTag, intToNumber, parseDer, type Tlv } from './der';

/** RFC 5280 §4.2.1.3 KeyUsage bit numbers, as a mask (bit n = 1 << n). */
export const KEY_USAGE = { digitalSignature: 1 << 0, keyCertSign: 1 << 5, cRLSign: 1 << 6 } as const;

/** BasicConstraints; `pathLen` undefined = no limit. */
export interface BasicConstraints {
  readonly cA: boolean;
  readonly pathLen: number | undefined;
}

/** The constraint fields of one certificate. */
export interface CertConstraintFields {
  /** BasicConstraints extension, undefined when absent. */
  readonly basicConstraints: BasicConstraints | undefined;
  /** KeyUsage mask (KEY_USAGE), undefined when the extension is absent. */
  readonly keyUsage: number | undefined;
  /** Issuer and subject names are the same bytes. */
  readonly selfIssued: boolean;
}

/** BasicConstraints extnValue (DER). Throws DerError. */
export function parseBasicConstraints(v: Uint8Array): BasicConstraints {
  const f = children(expectTag(parseDer(v), TAG.SEQUENCE, 'BasicConstraints'));
  let i = 0;
  let cA = false;
  if (f[i]?.tag === TAG.BOOLEAN) {
    const b = (f[i++] as Tlv).content;
    if (b.length !== 1) throw new DerError('bad BOOLEAN');
    cA = b[0] !== 0;
  }
  let pathLen: number | undefined;
  if (f[i]?.tag === TAG.INTEGER) pathLen = intToNumber((f[i++] as Tlv).content, 4);
  if (i !== f.length) throw new DerError('bad BasicConstraints');
  return { cA, pathLen };
}

/** KeyUsage extnValue (DER) as a mask (KEY_USAGE). Throws DerError. */
export function parseKeyUsage(v: Uint8Array): number {
  const bits = expectTag(parseDer(v), TAG.BIT_STRING, 'KeyUsage').content;
  if (bits.length < 2 || bits.length > 3 || (bits[0] as number) > 7) throw new DerError('bad KeyUsage');
  let mask = 0;
  for (let n = 0; n < (bits.length - 1) * 8; n++)
    if (((bits[1 + (n >> 3)] as number) >> (7 - (n & 7))) & 1) mask |= 1 << n;
  return mask;
}

/**
 * Issuer constraints along a chain (leaf first, anchor last): every certificate above the leaf has cA=TRUE, allows
 * keyCertSign where KeyUsage is present, and has a pathLenConstraint no smaller than the number of non-self-issued
 * intermediates below it. Returns the first violation, or undefined.
 */
export function issuerConstraintViolation(chain: readonly CertConstraintFields[]): string | undefined {
  let intermediatesBelow = 0;
  for (let i = 1; i < chain.length; i++) {
    const c = chain[i] as CertConstraintFields;
    const bc = c.basicConstraints;
    if (!bc || !bc.cA) return `issuer certificate ${i} is not a CA (BasicConstraints cA)`;
    if (c.keyUsage !== undefined && !(c.keyUsage & KEY_USAGE.keyCertSign))
      return `issuer certificate ${i} KeyUsage lacks keyCertSign`;
    if (bc.pathLen !== undefined && intermediatesBelow > bc.pathLen)
      return `issuer certificate ${i} pathLenConstraint ${bc.pathLen} exceeded`;
    if (!c.selfIssued) intermediatesBelow++;
  }
  return undefined;
}

/** An end-entity signer: not a CA, and allows digitalSignature where KeyUsage is present. */
export function signerConstraintViolation(c: CertConstraintFields): string | undefined {
  if (c.basicConstraints?.cA) return 'a CA certificate (cA=TRUE) cannot be the signer';
  if (c.keyUsage !== undefined && !(c.keyUsage & KEY_USAGE.digitalSignature)) return 'KeyUsage lacks digitalSignature';
  return undefined;
}
