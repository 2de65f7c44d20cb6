/**
 * Loading the settler's durable state from the ledger, once (retried by the next pass if it failed): the latest
 * voucher of every channel not fully claimed, and per worker the charged receipts and the latest signed voucher.
 */
import { decodeVoucherBoc } from '../../contracts/voucher';
import type { WorkerBalance } from '../ledger/types';
import { codeOf } from './errors';
import { offerVoucher, workerState, type SettlerCore } from './settler-state';

export function loadSettlerState(core: SettlerCore): Promise<void> {
  const ledger = core.ledger;
  if (!ledger || core.loadState === 'done') return Promise.resolve();
  core.loading ??= (async () => {
    core.loadState = 'loading';
    try {
      const [vouchers, balances] = await Promise.all([
        ledger.unclaimedVouchers(),
        core.opts.workers ? ledger.workerBalances() : Promise.resolve([]),
      ]);
      for (const v of vouchers) offerVoucher(core, v); // merged: kept only when above what is held
      for (const b of balances) mergeWorkerBalance(core, b);
      core.loadState = 'done';
      core.logger.info(
        { event: 'settle_load', ok: true, channels: vouchers.length, workers: balances.length },
        'settlement state loaded',
      );
    } catch (err) {
      core.loadState = 'none';
      core.loading = null;
      core.logger.error(
        { event: 'settle_load', ok: false, code: codeOf(err, 'BROKER_CHAIN_LEDGER_UNAVAILABLE') },
        'settlement state not loaded',
      );
      throw err;
    }
  })();
  return core.loading;
}

function mergeWorkerBalance(core: SettlerCore, b: WorkerBalance): void {
  const w = workerState(core, b.workerId);
  w.charged = BigInt(b.chargedNano); // every receipt charged so far, the tapped ones included
  if (b.voucher && (!w.latest || BigInt(b.voucher.cumulativeNano) > w.latest.amount)) {
    try {
      w.latest = { ...decodeVoucherBoc(b.voucher.voucher), signature: Uint8Array.from(b.voucher.signature) };
    } catch (err) {
      core.logger.error(
        { event: 'settle_load', code: codeOf(err, 'UNKNOWN'), workerId: b.workerId },
        'stored worker voucher unreadable',
      );
    }
  }
}
