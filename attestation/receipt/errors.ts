import { ChrysalisError } from '../errors';

/** Codes thrown by `attestation/receipt`. */
export const RECEIPT_CODES = [
  /** Bytes are not a receipt: wrong length, domain prefix, channel kind or trailing bytes. */
  'RECEIPT_MALFORMED',
  /** The receipt version is not one this build reads (decode) or writes (encode). */
  'RECEIPT_VERSION_UNSUPPORTED',
  /** A field is out of range (digest length, token count, amount != prices x tokens or above u64, bad channel address). */
  'RECEIPT_FIELD_INVALID',
  /** The Ed25519 signature does not verify under the given worker key. */
  'RECEIPT_SIGNATURE_INVALID',
  /** The receipt names a different worker key than the one it is verified against. */
  'RECEIPT_WORKER_KEY_MISMATCH',
] as const;
export type ReceiptErrorCode = (typeof RECEIPT_CODES)[number];

export class ReceiptError extends ChrysalisError<ReceiptErrorCode> {}
