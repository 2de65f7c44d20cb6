/**
 * Serving one SealedRequest on the broker link: hand the ciphertext to `worker.handle`, stream its sealed chunks and
 * receipt back (pausing while the socket is backed up), and report a failure with a stable code.
 */
import WebSocket from 'ws';
import type { chrysalis } from '../proto/generated/chrysalis';
import { decodeReceipt, receiptAmount } from '../attestation/receipt/receipt';
import type { LinkWorker } from './broker-link-types';
import type { LinkBudget } from './link-budget';
import type { BrokerPayouts } from './payouts/payouts';

/** Unsent bytes on the broker socket above which a request's stream stops pulling frames (they coalesce). */
const LINK_HIGH_WATER = 256 * 1024;

/** A WorkerFrame as given to `WorkerFrame.encode`. */
export type WorkerFrameInit = chrysalis.v1.WorkerFrame.$Properties;

/** What serving needs from the link. */
export interface ServeDeps {
  readonly worker: LinkWorker;
  /** Requests in flight, by request id (a cancel aborts one). */
  readonly active: Map<string, AbortController>;
  send(frame: WorkerFrameInit): void;
  /** The current socket (it changes on reconnect). */
  socket(): WebSocket | undefined;
  /** Called whenever a request leaves `active`. */
  notifyIdle(): void;
  /** This broker's payouts: refuses dispatch while unpaid, counts receipts as earned. */
  readonly payouts?: BrokerPayouts | undefined;
  /** The worker's budget shared by all its links: a request that finds it full is refused with WORKER_BUSY. */
  readonly budget?: LinkBudget | undefined;
}

/** What a receipt charged: from its fields, else decoded from its bytes (0 when they do not decode). */
function chargedBy(item: { receipt: Uint8Array; fields?: Parameters<typeof receiptAmount>[0] }): bigint {
  if (item.fields) return receiptAmount(item.fields);
  try {
    return decodeReceipt(item.receipt).amountNano;
  } catch {
    return 0n;
  }
}

export async function serveRequest(deps: ServeDeps, r: chrysalis.v1.SealedRequest.$Properties): Promise<void> {
  const requestId = r.requestId ?? '';
  const refusal = deps.payouts?.refusal();
  if (refusal) {
    deps.send({
      failed: { requestId, code: refusal, message: 'this broker has not paid the worker within its bound' },
    });
    return;
  }
  if (deps.budget && !deps.budget.tryAcquire()) {
    deps.send({
      failed: {
        requestId,
        code: 'WORKER_BUSY',
        message: 'the worker is serving its maximum concurrency; retry elsewhere',
      },
    });
    return;
  }
  const ctl = new AbortController();
  deps.active.set(requestId, ctl);
  let receipted = false;
  try {
    const it = deps.worker.handle(r.sealed ?? new Uint8Array(0), {
      requestId,
      channel: r.channel ?? '',
      promptPriceNano: BigInt(String(r.promptPriceNano ?? 0)),
      completionPriceNano: BigInt(String(r.completionPriceNano ?? 0)),
      maxCostNano: BigInt(String(r.maxCostNano ?? 0)),
      seq: BigInt(String(r.seq ?? 0)),
      signal: ctl.signal,
    });
    for await (const item of it) {
      if (ctl.signal.aborted) break;
      if ('frame' in item) {
        deps.send({ chunk: { requestId, frame: item.frame } });
        // Backpressure: while the link is backed up, pull nothing more; the worker keeps generating and coalesces
        // the deltas into the next (single) sealed frame instead of queueing one frame per token here.
        if ((deps.socket()?.bufferedAmount ?? 0) > LINK_HIGH_WATER) await whileBackedUp(deps, ctl.signal);
      } else {
        deps.send({ receipt: { requestId, receipt: item.receipt, signature: item.signature } });
        receipted = true;
        deps.payouts?.onReceipt(chargedBy(item));
      }
    }
    if (!receipted && !ctl.signal.aborted)
      deps.send({ failed: { requestId, code: 'WORKER_NO_RECEIPT', message: 'the worker produced no receipt' } });
  } catch (err) {
    if (!ctl.signal.aborted) {
      const c = (err as { code?: unknown }).code;
      const code = typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c) ? c : 'WORKER_FAILED';
      deps.send({ failed: { requestId, code, message: 'request failed in the worker' } });
    }
  } finally {
    deps.budget?.release();
    deps.active.delete(requestId);
    deps.notifyIdle();
  }
}

/** Resolves once the socket's unsent bytes fall to LINK_HIGH_WATER or below (or the link/request is gone). */
async function whileBackedUp(deps: ServeDeps, signal: AbortSignal): Promise<void> {
  const ws = deps.socket();
  while (
    ws &&
    deps.socket() === ws &&
    ws.readyState === WebSocket.OPEN &&
    !signal.aborted &&
    ws.bufferedAmount > LINK_HIGH_WATER
  ) {
    await new Promise((r) => setTimeout(r, 2));
  }
}
