/**
 * Receipt recovery: a request the broker accepted whose receipt the client never counted (its process died after the
 * broker charged, or the stream broke after the worker finished) keeps its reservation row, with what the client
 * committed to (voucher-state.ts `AcceptedRequest`). Recovery fetches the receipt (authenticated
 * GET /v1/receipts/:requestId), verifies it, and settles the row at most once per request id:
 *
 *   verified + matching  -> owed += amount, row dropped (a request id counted before is never counted again)
 *   404 (not charged)    -> row dropped, nothing owed
 *   does not verify/match -> row dropped, nothing owed, reported as refused
 *   transport failure    -> row kept for the next try, reported as deferred
 *
 * Checked: the worker's signature under the attested key recorded at acceptance, requestDigest (SHA-256 of the sealed
 * request this client sent), modelId, channel, seq, prompt/completion prices equal to the accepted ones, amount =
 * the price formula and <= the reservation. The responseDigest cannot be checked: the response frames were lost. The
 * client still pays only for a receipt the attested worker signed for this client's own sealed request, at the
 * committed prices and within the reservation.
 */
import { receiptAmount, verifyReceipt } from '../attestation/receipt';
import { bytesEqual, fromHex, toHex } from './bytes';
import type { BrokerReceipt } from './broker-api';
import { SdkError } from './errors';
import { sameChannel } from './receipt-check';
import type { PendingReceipt } from './voucher-state';

export interface RecoveryReport {
  /** Receipts verified and added to `owedNano` now. */
  readonly recovered: readonly { readonly requestId: string; readonly amountNano: bigint }[];
  /** Requests the broker charged nothing for, or whose receipt was counted before (rows dropped). */
  readonly uncharged: readonly string[];
  /** Receipts that did not verify or match (SDK_RECEIPT_INVALID / SDK_RECEIPT_MISMATCH); rows dropped, not owed. */
  readonly refused: readonly { readonly requestId: string; readonly error: SdkError }[];
  /** Rows kept: the receipt could not be fetched this time. */
  readonly deferred: readonly { readonly requestId: string; readonly error: unknown }[];
}

function mismatch(field: string, requestId: string): SdkError {
  return new SdkError('SDK_RECEIPT_MISMATCH', `recovered receipt ${field} differs from the accepted request`, {
    details: { field, requestId },
  });
}

/**
 * The amount a fetched receipt charges, once verified against the accepted request `p` on `channel`.
 * Throws SDK_RECEIPT_INVALID (signature or encoding) or SDK_RECEIPT_MISMATCH (`details.field`).
 */
export function checkRecoveredReceipt(r: BrokerReceipt, p: PendingReceipt, channel: string): bigint {
  let d: ReturnType<typeof verifyReceipt>;
  try {
    d = verifyReceipt(r.receipt, r.signature, fromHex(p.workerKey));
  } catch (cause) {
    throw new SdkError('SDK_RECEIPT_INVALID', 'recovered receipt does not verify under the attested worker key', {
      cause,
      details: { requestId: p.requestId, causeCode: (cause as { code?: string }).code },
    });
  }
  if (!bytesEqual(d.requestDigest, fromHex(p.requestDigest))) throw mismatch('requestDigest', p.requestId);
  if (toHex(d.modelId) !== p.modelId) throw mismatch('modelId', p.requestId);
  if (!sameChannel(d.channel, channel)) throw mismatch('channel', p.requestId);
  if (d.seq !== p.seq) throw mismatch('seq', p.requestId);
  if (d.promptPriceNano !== p.promptPriceNano) throw mismatch('promptPriceNano', p.requestId);
  if (d.completionPriceNano !== p.completionPriceNano) throw mismatch('completionPriceNano', p.requestId);
  const amountNano = receiptAmount(d);
  if (d.amountNano !== amountNano || amountNano > p.maxCostNano) throw mismatch('amountNano', p.requestId);
  return amountNano;
}

/** What recovery needs from the store and the broker (the client wires them; tests may substitute). */
export interface RecoveryDeps {
  readonly channel: string;
  /** Pending rows that may be settled now (not in flight in this process). */
  readonly candidates: () => Promise<PendingReceipt[]>;
  /** The broker's receipt for the request, or null when it charged nothing. */
  readonly fetch: (requestId: string) => Promise<BrokerReceipt | null>;
  /** Drops the row; with an amount, adds it to owed unless that request id was counted before. */
  readonly resolve: (p: PendingReceipt, amountNano?: bigint) => Promise<{ counted: boolean }>;
}

/** Settles every candidate row once (see the file comment). Never throws for one row's failure. */
export async function recoverPending(deps: RecoveryDeps): Promise<RecoveryReport> {
  const recovered: { requestId: string; amountNano: bigint }[] = [];
  const uncharged: string[] = [];
  const refused: { requestId: string; error: SdkError }[] = [];
  const deferred: { requestId: string; error: unknown }[] = [];
  for (const p of await deps.candidates()) {
    let r: BrokerReceipt | null;
    try {
      r = await deps.fetch(p.requestId);
    } catch (error) {
      deferred.push({ requestId: p.requestId, error });
      continue;
    }
    if (!r) {
      await deps.resolve(p);
      uncharged.push(p.requestId);
      continue;
    }
    let amountNano: bigint;
    try {
      amountNano = checkRecoveredReceipt(r, p, deps.channel);
    } catch (error) {
      await deps.resolve(p);
      refused.push({ requestId: p.requestId, error: error as SdkError });
      continue;
    }
    const { counted } = await deps.resolve(p, amountNano);
    if (counted) recovered.push({ requestId: p.requestId, amountNano });
    else uncharged.push(p.requestId);
  }
  return { recovered, uncharged, refused, deferred };
}
