/**
 * Prepayment: before a request is sent, reserve its `max_cost_nano` in the voucher store and, when what the client has
 * signed no longer covers `owed + every reservation in flight`, sign a voucher for exactly that target (seq = stored
 * seq + 1) to send inside the SubmitRequest. After a verified receipt: `owed += amount` and the reservation goes; a
 * request that ends without one drops its reservation, unless the broker accepted it: that row stays until its
 * receipt is recovered (receipt-recovery.ts), since the broker may have charged it. The client never signs for more
 * than that.
 */
import type { VoucherPost } from './broker-api';
import { SdkError } from './errors';
import type {
  AcceptedRequest,
  PendingReceipt,
  StoredVoucher,
  VoucherAccountState,
  VoucherKey,
  VoucherStore,
} from './voucher-state';
import type { VoucherSigner } from './voucher';

/** Reservation ids this process created, and those of its requests still running (ids are 16 random bytes). */
const reservedHere = new Set<string>();
const inFlightHere = new Set<string>();

export class Prepayment {
  constructor(
    private readonly signer: VoucherSigner,
    readonly store: VoucherStore,
    readonly key: VoucherKey,
    private readonly channel: string,
    private readonly clientKey: () => Promise<Uint8Array>,
    /** Reservations older than this (left by a crashed process) are swept. */
    private readonly staleAfterMs: number,
  ) {}

  private async post(v: StoredVoucher): Promise<VoucherPost> {
    return {
      channel: this.channel,
      cumulativeNano: v.amountNano,
      voucher: v.voucher,
      signature: v.signature,
      clientKey: await this.clientKey(),
    };
  }

  /**
   * Reserves `maxCostNano` for request `id`. Returns the voucher to send with it: a new one when the target grew,
   * else (with `resendLast`, after the broker reported it lost) the last one signed, else none.
   * Throws SDK_VOUCHER_FAILED when signing fails (nothing is reserved then).
   */
  async reserve(
    id: string,
    maxCostNano: bigint,
    opts: { readonly resendLast?: boolean; readonly nowMs?: number } = {},
  ): Promise<VoucherPost | undefined> {
    const sign = async (amountNano: bigint, seq: bigint): Promise<{ voucher: Uint8Array; signature: Uint8Array }> => {
      try {
        return await this.signer.sign({ channel: this.channel, cumulativeNano: amountNano, seq });
      } catch (cause) {
        throw cause instanceof SdkError
          ? cause
          : new SdkError('SDK_VOUCHER_FAILED', 'voucher signing failed', { cause });
      }
    };
    inFlightHere.add(id);
    reservedHere.add(id);
    const { state, signed } = await this.store
      .reserve(
        this.key,
        { id, amountNano: maxCostNano, nowMs: opts.nowMs ?? Date.now(), staleAfterMs: this.staleAfterMs },
        sign,
      )
      .catch((e: unknown) => {
        inFlightHere.delete(id);
        reservedHere.delete(id);
        throw e;
      });
    if (signed) return this.post(signed);
    if (opts.resendLast && state.lastVoucher) return this.post(state.lastVoucher);
    return undefined;
  }

  /** Records that the broker accepted request `id` (kept for receipt recovery if the request ends without one). */
  accept(id: string, a: AcceptedRequest): Promise<void> {
    return this.store.accept(this.key, id, a);
  }

  settle(id: string, amountNano: bigint, requestId?: string): Promise<VoucherAccountState> {
    this.end(id);
    reservedHere.delete(id);
    return this.store.settle(this.key, id, amountNano, requestId);
  }

  release(id: string): Promise<void> {
    this.end(id);
    reservedHere.delete(id);
    return this.store.release(this.key, id);
  }

  /** The request ended in this process; its row (accepted, without a receipt) stays for recovery. */
  end(id: string): void {
    inFlightHere.delete(id);
  }

  /**
   * Accepted rows whose receipt may be recovered now: not in flight in this process, and either this process's own
   * (the request ended without a receipt) or older than `olderThanMs` (left by a dead process; a live one's request
   * has timed out by then).
   */
  async recoverable(nowMs: number, olderThanMs: number): Promise<PendingReceipt[]> {
    const rows = await this.store.pending(this.key);
    return rows.filter((p) => !inFlightHere.has(p.id) && (reservedHere.has(p.id) || nowMs - p.createdMs > olderThanMs));
  }

  /** Drops the row of `p` (counting `amountNano` at most once per request id). */
  async resolve(p: PendingReceipt, amountNano?: bigint): Promise<{ counted: boolean }> {
    const { counted } = await this.store.resolve(this.key, p.id, p.requestId, amountNano);
    reservedHere.delete(p.id);
    return { counted };
  }
}
