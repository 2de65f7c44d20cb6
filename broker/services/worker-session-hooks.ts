import { Address } from '@ton/core';
import { codeOf } from '../errors';
import type { BrokerFrameInit } from '../wire';
import type { WorkerSessionEnded } from '../ports';
import type { AdmittedWorker, BrokerContext } from './types';

/** What the payouts hook needs of a worker session. */
export interface PayableSession {
  readonly connId: string;
  /** Raw form (`0:<hex>`); '' when the Hello named none. */
  readonly payoutAddress: string;
  isClosed(): boolean;
  send(frame: BrokerFrameInit): void;
}

/** Tells the payouts side (if any) how to reach this admitted worker. */
export function notifyPayable(ctx: BrokerContext, w: AdmittedWorker, s: PayableSession): void {
  const payouts = ctx.workerPayouts;
  if (!payouts || !s.payoutAddress) return;
  try {
    payouts.admitted({
      workerId: w.workerId,
      connId: s.connId,
      payoutAddress: s.payoutAddress,
      sendVoucher: (v) => {
        if (s.isClosed()) return;
        s.send({
          workerVoucher: {
            channel: v.channel,
            cumulativeNano: Number(v.cumulativeNano), // uint64 as a JS number (amounts stay below 2^53)
            voucher: v.voucher,
            signature: v.signature,
            earnedNano: Number(v.earnedNano),
          },
        });
      },
    });
  } catch (err) {
    ctx.logger.warn({ event: 'worker_payouts_hook_failed', code: codeOf(err, 'UNKNOWN') }, 'payouts hook threw');
  }
}

/**
 * A challenge request over the connection's limit: refused with ADMISSION_RATE_LIMITED in a non-fatal Error frame;
 * the connection and its current admission stay until that lapses.
 */
export function refuseChallengeRequest(
  ctx: BrokerContext,
  s: { connId: string; workerId: string | undefined; send(frame: BrokerFrameInit): void },
): void {
  const code = 'ADMISSION_RATE_LIMITED';
  ctx.metrics.rejections.inc({ code });
  ctx.logger.warn(
    { event: 'challenge_request_refused', connId: s.connId, workerId: s.workerId, code },
    'challenge request over the limit',
  );
  s.send({ error: { code, message: 'too many challenge requests', fatal: false } });
}

/** Tells the embedder (if it asked) that an admitted worker's session ended; a throwing hook is logged. */
export function notifySessionEnded(ctx: BrokerContext, e: WorkerSessionEnded): void {
  try {
    ctx.onWorkerSessionEnded?.(e);
  } catch (err) {
    ctx.logger.warn({ event: 'worker_session_hook_failed', err }, 'onWorkerSessionEnded threw');
  }
}

/**
 * The Hello's payout address in raw form (`0:<hex>`): '' when absent and not required, null when malformed, or absent
 * while the broker pays workers.
 */
export function parsePayoutAddress(text: string, required: boolean): string | null {
  const t = text.trim();
  if (t === '') return required ? null : '';
  if (t.length > 128) return null;
  try {
    return Address.parse(t).toRawString();
  } catch {
    return null;
  }
}
