/**
 * Settlement seam. Before a request is sent, the client signs (when needed) a payment-channel voucher covering what
 * verified receipts say it owes plus the reservations of its requests in flight, and sends it with the request. The
 * voucher cell and signature scheme belong to contracts/voucher.ts; the SDK decides WHEN to sign, for WHAT cumulative
 * amount and at WHICH sequence number (the voucher store's last seq + 1).
 */
export interface VoucherRequest {
  /** Payment channel address (the one named in receipts). */
  readonly channel: string;
  /** New cumulative amount on the channel, in nanotons; strictly greater than any amount signed before. */
  readonly cumulativeNano: bigint;
  /** Sequence number: strictly greater than any seq signed before on this channel and network. */
  readonly seq: bigint;
}

export interface SignedVoucher {
  /** Canonical voucher bytes (contracts/voucher.ts encoding). */
  readonly voucher: Uint8Array;
  /** Ed25519 signature by the channel's payer key. */
  readonly signature: Uint8Array;
}

export interface VoucherSigner {
  /** The network id (`global_id`) every voucher it signs names, when the signer knows it. */
  readonly globalId?: number;
  sign(req: VoucherRequest): Promise<SignedVoucher>;
}
