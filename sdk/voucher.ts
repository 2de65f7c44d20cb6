/**
 * Settlement seam. After a receipt verifies, the client signs a payment-channel voucher for the new cumulative amount
 * and posts it to the broker. The voucher bytes and signature scheme belong to contracts/voucher.ts (G); the SDK only
 * decides WHEN to sign (after verification) and WHAT amount (monotonic, cumulative).
 */
export interface VoucherRequest {
  /** Payment channel address (the one named in receipts). */
  readonly channel: string;
  /** New cumulative total owed on the channel, in nanotons; strictly greater than any amount signed before. */
  readonly cumulativeNano: bigint;
}

export interface SignedVoucher {
  /** Canonical voucher bytes (contracts/voucher.ts encoding). */
  readonly voucher: Uint8Array;
  /** Ed25519 signature by the channel's payer key. */
  readonly signature: Uint8Array;
}

export interface VoucherSigner {
  sign(req: VoucherRequest): Promise<SignedVoucher>;
}
