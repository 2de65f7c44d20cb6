/** chrysalis/attestation/receipt — canonical worker receipts, Ed25519 sign/verify. See receipt.ts for the layout. */
export { ReceiptError, RECEIPT_CODES, type ReceiptErrorCode } from './errors';
export {
  RECEIPT_DOMAIN,
  RECEIPT_VERSION,
  RECEIPT_VERSIONS_READ,
  ResponseDigest,
  decodeReceipt,
  ed25519PublicKey,
  ed25519RawPublicKey,
  encodeReceipt,
  receiptAmount,
  requestDigest,
  signReceipt,
  verifyReceipt,
  type DecodedReceipt,
  type Receipt,
} from './receipt';
