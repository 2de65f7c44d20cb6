/** One submission: seal the request to the attested worker, sign it with the channel key, and send it to the broker. */
import { sealRequest } from '../proto/sealing';
import { encodeSubmitSigningMessage } from '../proto/submit-signing';
import type { BrokerApi, StreamEvent } from './broker-api';
import { fromHex, randomBytes, sha256, type Ed25519Signer } from './bytes';
import type { ExchangeContext } from './exchange';
import { encodeChatRequest } from './response-format';
import type { Candidate } from './select';
import type { ChatRequest } from './types';

export interface SubmitInput {
  readonly req: ChatRequest;
  readonly cand: Candidate;
  readonly maxPrice: bigint;
  readonly channel: string;
  readonly signal: AbortSignal;
}

/** The broker's event stream for the sealed request, and what is needed to open and check it. */
export async function submitSealed(
  broker: BrokerApi,
  signer: Ed25519Signer,
  input: SubmitInput,
): Promise<{ events: AsyncIterable<StreamEvent>; context: ExchangeContext }> {
  const { req, maxPrice, channel } = input;
  const { worker, listing } = input.cand;
  const { sealed, opener } = await sealRequest(worker.hpkePublicKey, encodeChatRequest(req));
  const requestDigest = await sha256(sealed);
  const nonce = randomBytes(32);
  const modelId = fromHex(worker.modelId);
  // Signature v2: covers the sealed digest, nonce, channel, model, worker and max price (proto/submit-signing.ts).
  const signature = await signer.sign(
    encodeSubmitSigningMessage({
      sealedDigest: requestDigest,
      nonce,
      channel,
      modelId,
      workerId: listing.workerId,
      maxPriceNano: maxPrice,
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
      maxPriceNano: maxPrice,
    },
    input.signal,
  );
  return { events, context: { req, worker, opener, sealed, requestDigest, maxPrice, channel } };
}
