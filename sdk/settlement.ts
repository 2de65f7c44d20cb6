/**
 * Prepayment: before a request is sent, reserve its `max_cost_nano` in the voucher store and, when what the client has
 * signed no longer covers `owed + every reservation in flight`, sign a voucher for exactly that target (seq = stored
 * seq + 1) to send inside the SubmitRequest. After a verified receipt: `owed += amount` and the reservation goes; a
 * request that ends without one just drops its reservation. The client never signs for more than that.
 */
import type { VoucherPost } from './broker-api';
import { SdkError } from './errors';
import type { StoredVoucher, VoucherAccountState, VoucherKey, VoucherStore } from './voucher-state';
import type { VoucherSigner } from './voucher';

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
    const { state, signed } = await this.store.reserve(
      this.key,
      { id, amountNano: maxCostNano, nowMs: opts.nowMs ?? Date.now(), staleAfterMs: this.staleAfterMs },
      sign,
    );
    if (signed) return this.post(signed);
    if (opts.resendLast && state.lastVoucher) return this.post(state.lastVoucher);
    return undefined;
  }

  settle(id: string, amountNano: bigint): Promise<VoucherAccountState> {
    return this.store.settle(this.key, id, amountNano);
  }

  release(id: string): Promise<void> {
    return this.store.release(this.key, id);
  }
}
