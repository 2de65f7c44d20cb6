/** The ledger seen by the broker when a settler is attached: the same repository, with taps feeding the settler. */
import type { LedgerRepository, ReceiptRecord, VoucherRecord } from '../ledger/types';
import { codeOf, silentLogger, type ChainLogger } from './errors';

/**
 * The broker's ledger with two taps: a recorded voucher (ok) is offered to the settler, a charged receipt is noted; and
 * `afterInit` runs once `init()` succeeded (the settler loads its state there; its failure is logged, init still
 * resolves). Every other method (and the results) pass through unchanged, so it stays a full `LedgerRepository`.
 */
export function wrapLedger(
  ledger: LedgerRepository,
  onVoucher: (v: VoucherRecord) => unknown,
  onReceipt: (r: ReceiptRecord) => unknown,
  logger: ChainLogger = silentLogger,
  afterInit?: () => Promise<unknown>,
): LedgerRepository {
  const tap = (what: string, fn: () => unknown): void => {
    try {
      fn();
    } catch (err) {
      logger.error({ event: 'settle_tap', code: codeOf(err, 'UNKNOWN'), what }, 'settlement tap failed');
    }
  };
  return new Proxy(ledger, {
    get(target, prop, _receiver) {
      if (prop === 'recordVoucher') {
        return async (v: VoucherRecord) => {
          const out = await target.recordVoucher(v);
          if (out.ok) tap('voucher', () => onVoucher(v));
          return out;
        };
      }
      if (prop === 'init' && afterInit) {
        return async () => {
          const out = await target.init();
          await afterInit().catch(() => undefined); // logged by the settler; retried before its next pass
          return out;
        };
      }
      if (prop === 'recordReceipt') {
        return async (r: ReceiptRecord) => {
          const out = await target.recordReceipt(r);
          if (out.charged) tap('receipt', () => onReceipt(r));
          return out;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
