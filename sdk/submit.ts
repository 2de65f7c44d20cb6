/** One submission: seal the request to the attested worker, sign it with the channel key, and send it to the broker. */
import { sealRequest } from '../proto/sealing';
import { encodeSubmitSigningMessage } from '../proto/submit-signing';
import type { BrokerApi, StreamEvent, VoucherPost } from './broker-api';
import { fromHex, randomBytes, sha256, type Ed25519Signer } from './bytes';
import type { ExchangeContext } from './exchange';
import { encodeChatRequest } from './response-format';
import type { Candidate } from './select';
import type { ChatRequest, ModelPrice } from './types';

export interface SubmitInput {
  readonly req: ChatRequest;
  readonly cand: Candidate;
  /** The price cap (registry price, lowered by the client's options): signed and sent as the max prices. */
  readonly cap: ModelPrice;
  /** The reservation (`max_cost_nano`), sealed in the body and signed. */
  readonly maxCostNano: bigint;
  readonly channel: string;
  readonly voucher?: VoucherPost;
  readonly signal: AbortSignal;
}

/** The broker's event stream for the sealed request, and what is needed to open and check it. */
export async function submitSealed(
  broker: BrokerApi,
  signer: Ed25519Signer,
  input: SubmitInput,
): Promise<{ events: AsyncIterable<StreamEvent>; context: ExchangeContext }> {
  const { req, cap, maxCostNano, channel } = input;
  const { worker, listing } = input.cand;
  const { sealed, opener } = await sealRequest(worker.hpkePublicKey, encodeChatRequest(req, { maxCostNano }));
  const requestDigest = await sha256(sealed);
  const nonce = randomBytes(32);
  const modelId = fromHex(worker.modelId);
  // Signature v3: sealed digest, nonce, channel, model, worker, max prices and max cost (proto/submit-signing.ts).
  const signature = await signer.sign(
    encodeSubmitSigningMessage({
      sealedDigest: requestDigest,
      nonce,
      channel,
      modelId,
      workerId: listing.workerId,
      maxPromptPriceNano: cap.promptNano,
      maxCompletionPriceNano: cap.completionNano,
      maxCostNano,
    }),
  );
  const events = await broker.submit(
    {
      workerId: listing.workerId,
      modelId,
      sealed,
      clientKey: signer.publicKey,
      nonce,
      signature,
      channel,
      maxPromptPriceNano: cap.promptNano,
      maxCompletionPriceNano: cap.completionNano,
      maxCostNano,
      ...(input.voucher ? { voucher: input.voucher } : {}),
    },
    input.signal,
  );
  return { events, context: { req, worker, opener, sealed, requestDigest, maxCostNano, channel } };
}
