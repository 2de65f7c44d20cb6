/**
 * Receipt acceptance: the worker's signature under the ATTESTED signing key (`verifyReceipt`, attestation/receipt),
 * then every field against what this client itself observed:
 *   requestDigest  = SHA-256(the exact sealed request it sent)
 *   responseDigest = SHA-256(the sealed response frames it opened, concatenated in order)
 *   modelId        = the attested model id
 *   token counts   = the usage the worker reported inside the sealed (authenticated) stream, and <= max_tokens
 *   prices         = exactly the prices the request was accepted at (the worker's attested, committed prices)
 *   amount         = promptPrice x promptTokens + completionPrice x completionTokens, at most max_cost_nano
 *   seq            = what the broker accepted the request at
 *   channel        = the client's own payment channel
 */
import { Address } from '@ton/core';
import { receiptAmount, verifyReceipt } from '../attestation/receipt';
import { bytesEqual, concatBytes, fromHex, sha256, toHex } from './bytes';
import { SdkError } from './errors';
import type { AttestedWorker, ModelPrice, Usage, VerifiedReceipt } from './types';

export interface ReceiptExpectations {
  readonly worker: AttestedWorker;
  readonly requestDigest: Uint8Array;
  readonly sealed: Uint8Array;
  /** Sealed response frames as received, in order. */
  readonly frames: readonly Uint8Array[];
  readonly channel: string;
  readonly seq: bigint;
  /** The accepted prices (equal to the attested ones). */
  readonly prices: ModelPrice;
  /** The reservation the request was sent with. */
  readonly maxCostNano: bigint;
  /** Usage reported inside the sealed stream, when the worker sent one. */
  readonly usage?: Usage;
  readonly maxTokens?: number;
}

/** True when `channel` (client form: TON address in any form, or 64 hex digits) names the receipt's channel. */
export function sameChannel(receiptChannel: Uint8Array | string, channel: string): boolean {
  try {
    if (receiptChannel instanceof Uint8Array) {
      return /^[0-9a-fA-F]{64}$/.test(channel) && bytesEqual(receiptChannel, fromHex(channel));
    }
    return Address.parse(receiptChannel).equals(Address.parse(channel));
  } catch {
    return false;
  }
}

function channelString(c: Uint8Array | string): string {
  return typeof c === 'string' ? c : toHex(c);
}

function mismatch(field: string): SdkError {
  return new SdkError('SDK_RECEIPT_MISMATCH', `receipt ${field} differs from what the client observed`, {
    details: { field },
  });
}

/**
 * Verifies the receipt and returns it. Throws SdkError: SDK_RECEIPT_INVALID (signature, wrong key, malformed; `cause`
 * is the ReceiptError) or SDK_RECEIPT_MISMATCH (`details.field` names the first differing field).
 */
export async function checkReceipt(
  bytes: Uint8Array,
  signature: Uint8Array,
  exp: ReceiptExpectations,
): Promise<VerifiedReceipt> {
  let r: ReturnType<typeof verifyReceipt>;
  try {
    r = verifyReceipt(bytes, signature, exp.worker.signingPublicKey);
  } catch (cause) {
    throw new SdkError('SDK_RECEIPT_INVALID', 'receipt does not verify under the attested worker key', {
      cause,
      details: { causeCode: (cause as { code?: string }).code },
    });
  }
  if (!bytesEqual(r.requestDigest, exp.requestDigest)) throw mismatch('requestDigest');
  const responseDigest = await sha256(concatBytes(...exp.frames));
  if (!bytesEqual(r.responseDigest, responseDigest)) throw mismatch('responseDigest');
  if (toHex(r.modelId) !== exp.worker.modelId) throw mismatch('modelId');
  if (exp.usage && (exp.usage.promptTokens !== r.promptTokens || exp.usage.completionTokens !== r.completionTokens)) {
    throw mismatch('tokens');
  }
  if (exp.maxTokens !== undefined && r.completionTokens > exp.maxTokens) throw mismatch('completionTokens');
  if (r.promptPriceNano !== exp.prices.promptNano) throw mismatch('promptPriceNano');
  if (r.completionPriceNano !== exp.prices.completionNano) throw mismatch('completionPriceNano');
  const amountNano = receiptAmount(r);
  if (r.amountNano !== amountNano || amountNano > exp.maxCostNano) throw mismatch('amountNano');
  if (r.seq !== exp.seq) throw mismatch('seq');
  if (!sameChannel(r.channel, exp.channel)) throw mismatch('channel');
  return {
    bytes: new Uint8Array(bytes),
    signature: new Uint8Array(signature),
    requestDigest: r.requestDigest,
    responseDigest: r.responseDigest,
    modelId: toHex(r.modelId),
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    promptPriceNano: r.promptPriceNano,
    completionPriceNano: r.completionPriceNano,
    amountNano,
    channel: channelString(r.channel),
    seq: r.seq,
    workerKey: toHex(r.workerKey),
  };
}
