/**
 * Settlement: after a verified receipt, sign a voucher for the new cumulative amount and post it to the broker.
 * Serialised, so concurrent requests still produce strictly increasing cumulative amounts.
 */
import type { BrokerApi, VoucherPost } from './broker-api';
import { SdkError } from './errors';
import type { VoucherSigner } from './voucher';

export class Settlement {
  private chain: Promise<unknown> = Promise.resolve();
  /** The last voucher signed (re-posted if the broker reports it lost). */
  lastVoucher: VoucherPost | undefined;

  constructor(
    private readonly signer: VoucherSigner,
    private readonly broker: BrokerApi,
    private readonly channel: string,
    /** Cumulative amount signed so far, in nanotons. */
    public cumulative: bigint,
  ) {}

  /**
   * Adds `costNano` and signs + posts the new cumulative voucher. A posting failure does not undo a verified answer
   * (`posted: false`; the next cumulative voucher supersedes it). Throws SDK_VOUCHER_FAILED only when signing fails.
   */
  settle(costNano: bigint, clientKey: Uint8Array): Promise<{ cumulativeNano: bigint; posted: boolean }> {
    const run = async (): Promise<{ cumulativeNano: bigint; posted: boolean }> => {
      const cumulativeNano = this.cumulative + costNano;
      let signed;
      try {
        signed = await this.signer.sign({ channel: this.channel, cumulativeNano });
      } catch (cause) {
        throw new SdkError('SDK_VOUCHER_FAILED', 'voucher signing failed', { cause });
      }
      this.cumulative = cumulativeNano;
      const post: VoucherPost = {
        channel: this.channel,
        cumulativeNano,
        voucher: signed.voucher,
        signature: signed.signature,
        clientKey,
      };
      this.lastVoucher = post;
      try {
        await this.broker.postVoucher(post);
      } catch {
        return { cumulativeNano, posted: false };
      }
      return { cumulativeNano, posted: true };
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
