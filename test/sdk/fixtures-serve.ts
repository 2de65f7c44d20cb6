/**
 * The in-test worker behind FakeBroker: opens a request with real HPKE, answers in sealed frames and signs a real
 * receipt, or misbehaves as its FaultMode says.
 */
import { createHash } from 'node:crypto';
import { type chrysalis } from '../../proto/generated/chrysalis';
import { encodeResponseChunk, openRequest, type ResponseChunk } from '../../proto/sealing';
import { signReceipt } from '../../attestation/receipt';
import { decodeBundle } from '../../attestation/bundle/bundle';
import { decodeClaims } from '../../attestation/bundle/claims';
import { ed25519FromSeed, type TestWorker } from './fixtures-workers';

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());

export type FaultMode =
  | 'ok'
  | 'truncate' // body ends after the first sealed frame
  | 'wrong-key-receipt' // receipt signed by a key that is not the attested one
  | 'no-receipt' // final frame, then the body ends
  | 'lost-before-first' // terminal error BROKER_WORKER_LOST (fatal false) before any chunk
  | 'tamper-frame' // one bit flipped in a sealed frame
  | 'inflate-tokens' // receipt claims more completion tokens than the sealed usage
  | 'other-prices' // receipt signed at prices other than the committed ones
  | 'accept-other-prices' // the accepted frame names prices other than the committed ones
  | 'accept-other-cost' // the accepted frame names another max_cost_nano
  | 'worker-error' // final sealed frame is {"error": {...}} (inference failed after the request opened)
  | 'drop-receipt'; // the broker charges the receipt (GET /v1/receipts serves it) but the stream ends before it

/** The answer a test worker gives: deterministic words from the prompt. */
export function answerFor(prompt: string): string[] {
  return ['Echo', ':', ...prompt.split(/\s+/).filter(Boolean)].map((w, i) => (i === 0 ? w : ` ${w}`));
}

/** The in-test worker: opens the request (real HPKE), answers in sealed frames, signs a real receipt. */
export async function serveWithWorker(
  w: TestWorker,
  sealed: Uint8Array,
  meta: { seq: number; channel: string; maxCost: bigint; mode: FaultMode; log: Record<string, unknown>[] },
  frame: (f: chrysalis.v1.StreamFrame.$Properties) => void,
): Promise<void> {
  const requestId = `r${meta.seq}`;
  if (meta.mode === 'lost-before-first') {
    frame({ error: { code: 'BROKER_WORKER_LOST', message: 'worker lost', fatal: false } });
    return;
  }
  let opened;
  try {
    opened = await openRequest(w.hpke, sealed);
  } catch {
    frame({ error: { code: 'WORKER_SEAL_OPEN_FAILED', message: 'cannot open', fatal: false } });
    return;
  }
  const body = JSON.parse(Buffer.from(opened.plaintext).toString('utf8')) as {
    messages: { content: string }[];
    max_tokens?: number;
    max_cost_nano?: string;
  };
  meta.log.push(body);
  const prompt = body.messages.map((m) => m.content).join(' ');
  let words = answerFor(body.messages[body.messages.length - 1]?.content ?? '');
  let finishReason = 'stop';
  if (body.max_tokens !== undefined && words.length > body.max_tokens) {
    words = words.slice(0, body.max_tokens);
    finishReason = 'length';
  }
  const promptTokens = prompt.split(/\s+/).filter(Boolean).length;
  // The worker's cost cap: min(sealed, dispatched) max_cost_nano; completion tokens stop where the cap is spent.
  const sealedCap = body.max_cost_nano === undefined ? meta.maxCost : BigInt(body.max_cost_nano);
  const cap = sealedCap < meta.maxCost ? sealedCap : meta.maxCost;
  const promptCost = w.prices.promptNano * BigInt(promptTokens);
  if (promptCost > cap) {
    frame({ error: { code: 'WORKER_BUDGET_EXCEEDED', message: 'budget exceeded', fatal: true } });
    return;
  }
  if (w.prices.completionNano > 0n) {
    const most = Number((cap - promptCost) / w.prices.completionNano);
    if (words.length > most) {
      words = words.slice(0, most);
      finishReason = 'length';
    }
  }
  const frames: Uint8Array[] = [];
  const enc = (o: ResponseChunk): Uint8Array => encodeResponseChunk(o);
  for (const word of words) frames.push(opened.responder.seal(enc({ text: word }), false));
  // proto/sealing/response-chunk.ts: the final frame carries finish_reason and usage.
  frames.push(
    opened.responder.seal(
      meta.mode === 'worker-error'
        ? enc({ error: { code: 'WORKER_ENGINE_FAILED' } })
        : enc({
            finish_reason: finishReason as 'stop' | 'length',
            usage: { prompt_tokens: promptTokens, completion_tokens: words.length },
          }),
      true,
    ),
  );
  const responseDigest = sha256(Buffer.concat(frames));
  if (meta.mode === 'tamper-frame') {
    const f = frames[1]!;
    f[f.length - 1]! ^= 1;
  }
  for (const [i, f] of frames.entries()) {
    frame({ chunk: { requestId, frame: f } });
    if (meta.mode === 'truncate' && i === 0) return;
  }
  if (meta.mode === 'no-receipt' || meta.mode === 'worker-error') return;
  const signer = meta.mode === 'wrong-key-receipt' ? ed25519FromSeed(new Uint8Array(32).fill(3)) : w.signing;
  const { bytes, signature } = signReceipt(
    {
      requestDigest: sha256(sealed),
      responseDigest,
      modelId: decodeClaims(decodeBundle(w.bundle).claims).modelId,
      promptTokens,
      completionTokens: words.length + (meta.mode === 'inflate-tokens' ? 5 : 0),
      promptPriceNano: w.prices.promptNano + (meta.mode === 'other-prices' ? 1n : 0n),
      completionPriceNano: w.prices.completionNano,
      channel: meta.channel,
      seq: BigInt(meta.seq),
      workerKey: meta.mode === 'wrong-key-receipt' ? signer.publicKey : w.signing.publicKey,
    },
    signer.seed,
  );
  frame({ receipt: { requestId, receipt: bytes, signature } });
}
