/**
 * One sealed request, start to end: check the dispatch's prices against the committed ones, open it with the worker's
 * HPKE key, run the engine under the request's cost cap, seal what it produces into response frames, then sign a
 * receipt at the committed prices over the exact wire bytes (Ed25519). Plaintext lives only in memory for the
 * duration of the request; logs carry request ids, sizes and timings.
 */
import type { Logger } from 'pino';
import { ResponseDigest, requestDigest, signReceipt, type Receipt } from '../attestation/receipt';
import { encodeResponseChunk, openRequest, type ResponseSealer } from '../proto/sealing';
import {
  assertWithinCap,
  parseChatRequest,
  type CostCap,
  type EngineEvent,
  type FinishReason,
  type GenerateRequest,
  type InferenceEngine,
  type Usage,
} from './engines';
import { WorkerError } from './errors';
import type { WorkerKeySet } from './keys';
import type { HandleMeta, HandleOutput, WorkerPrices } from './worker-types';

export interface HandleContext {
  readonly engine: InferenceEngine;
  readonly modelId: Uint8Array;
  /** The committed prices: the only ones a receipt is ever signed at. */
  readonly prices: WorkerPrices;
  readonly log: Logger;
}

/** Milliseconds since the request arrived. */
type Elapsed = () => number;

/** Seals response frames and digests them for the receipt. */
class SealedOutput {
  readonly digest = new ResponseDigest();
  /** Bytes of the text frames. */
  textBytes = 0;
  /** Time to the first text frame. */
  ttftMs: number | undefined;
  constructor(readonly responder: ResponseSealer) {}
  seal(payload: Uint8Array, final: boolean): Uint8Array {
    const f = this.responder.seal(payload, final);
    this.digest.update(f);
    return f;
  }
}

/**
 * The engine runs in its own loop and appends deltas to `pending`; each `take()` returns everything produced since the
 * last one as ONE string. So frames = tokens while the consumer keeps up, and a lagging consumer (slow link, client)
 * gets fewer, larger frames, not a queue of tiny ones.
 */
class EnginePump {
  private readonly pending: string[] = [];
  private wake: (() => void) | undefined;
  private failure: unknown;
  private usage: Usage | undefined;
  private finish: FinishReason = 'stop';
  ended = false;
  readonly done: Promise<void>;

  constructor(generate: () => AsyncIterable<EngineEvent>) {
    this.done = this.run(generate);
  }

  private async run(generate: () => AsyncIterable<EngineEvent>): Promise<void> {
    try {
      for await (const ev of generate()) {
        if ('text' in ev) {
          if (ev.text.length === 0) continue;
          this.pending.push(ev.text);
        } else {
          this.usage = ev.usage;
          this.finish = ev.finishReason;
        }
        this.wake?.();
      }
    } catch (err) {
      this.failure = err;
    } finally {
      this.ended = true;
      this.wake?.();
    }
  }

  /** The text produced since the last call, or undefined once the engine has ended. */
  async take(): Promise<string | undefined> {
    for (;;) {
      if (this.pending.length === 0 && !this.ended) await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
      if (this.pending.length > 0) {
        const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
        this.pending.length = 0;
        return text;
      }
      if (this.ended) return undefined;
    }
  }

  /** After the end: the usage and finish reason, or the engine's failure (ENGINE_USAGE_MISSING without usage). */
  result(): { usage: Usage; finish: FinishReason } {
    if (this.failure !== undefined) throw this.failure;
    if (!this.usage) throw new WorkerError('ENGINE_USAGE_MISSING', 'engine finished without usage');
    return { usage: this.usage, finish: this.finish };
  }
}

/** The code a failed request's error frame carries: the error's own when well-formed, else ENGINE_BACKEND_FAILED. */
function failureCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'ENGINE_BACKEND_FAILED';
}

/** A u64 from the dispatch (bigint or number), or undefined when it is not one. */
function u64Of(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v >= 0n && v < 1n << 64n ? v : undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return undefined;
}

/** WORKER_PRICE_MISMATCH unless the dispatch names exactly the committed prompt and completion prices. */
function checkDispatchPrices(prices: WorkerPrices, meta: HandleMeta): void {
  if (u64Of(meta.promptPriceNano) !== prices.promptNano || u64Of(meta.completionPriceNano) !== prices.completionNano)
    throw new WorkerError('WORKER_PRICE_MISMATCH', 'the dispatch names prices other than the committed ones', {
      details: { promptPriceNano: prices.promptNano.toString(), completionPriceNano: prices.completionNano.toString() },
    });
}

/**
 * The request's cost cap: the lower of the sealed body's `max_cost_nano` and the dispatch's `maxCostNano` (0 there
 * means none), at the committed prices. WORKER_RESERVATION_REQUIRED when neither is present.
 */
function costCapOf(prices: WorkerPrices, req: GenerateRequest, meta: HandleMeta): CostCap {
  const dispatched = u64Of(meta.maxCostNano);
  const caps = [req.maxCostNano, dispatched && dispatched > 0n ? dispatched : undefined].filter(
    (c): c is bigint => c !== undefined,
  );
  if (caps.length === 0)
    throw new WorkerError('WORKER_RESERVATION_REQUIRED', 'the request carries no cost cap (max_cost_nano)');
  const capNano = caps.reduce((a, b) => (a < b ? a : b));
  return { capNano, promptPriceNano: prices.promptNano, completionPriceNano: prices.completionNano };
}

/**
 * Runs the engine and yields sealed text frames; returns the usage. On failure yields one final error frame and throws
 * WorkerError. Whatever ends it (the consumer returning, a failure), the engine is stopped and its loop settled first.
 */
async function* streamResponse(
  ctx: HandleContext,
  plaintext: Uint8Array,
  meta: HandleMeta,
  out: SealedOutput,
  rlog: Logger,
  ms: Elapsed,
): AsyncGenerator<HandleOutput, { usage: Usage; finish: FinishReason }> {
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort(meta.signal?.reason);
  if (meta.signal?.aborted) onAbort();
  else meta.signal?.addEventListener('abort', onAbort, { once: true });
  let pump: EnginePump | undefined;
  try {
    const parsed = parseChatRequest(plaintext);
    plaintext.fill(0);
    const costCap = costCapOf(ctx.prices, parsed, meta);
    const req: GenerateRequest = { ...parsed, costCap };
    pump = new EnginePump(() => ctx.engine.generate(req, ctl.signal));
    for (let text = await pump.take(); text !== undefined; text = await pump.take()) {
      const f = out.seal(encodeResponseChunk({ text }), false);
      out.ttftMs ??= ms();
      out.textBytes += f.length;
      yield { frame: f };
    }
    const result = pump.result();
    assertWithinCap(costCap, result.usage); // e.g. an upstream that generated past its max_tokens
    return result;
  } catch (err) {
    plaintext.fill(0);
    const c = failureCode(err);
    rlog.warn({ code: c, ms: ms() }, 'request failed');
    yield { frame: out.seal(encodeResponseChunk({ error: { code: c } }), true) };
    throw err instanceof WorkerError
      ? err
      : new WorkerError('ENGINE_BACKEND_FAILED', 'inference failed', { cause: err });
  } finally {
    // consumer gone (return/throw) or done: stop the engine and let the pump settle before the request ends
    meta.signal?.removeEventListener('abort', onAbort);
    if (!pump?.ended) ctl.abort();
    await pump?.done;
  }
}

/**
 * Opens a sealed request under `keys`, yields sealed frames, then one signed receipt. Throws WORKER_PRICE_MISMATCH or
 * SealError (SEAL_*) before any frame if the request cannot be opened; WorkerError after a sealed final error frame
 * when the request cannot be served (no cost cap, over the cap, inference failure).
 */
export async function* handleSealedRequest(
  ctx: HandleContext,
  keys: WorkerKeySet,
  sealed: Uint8Array,
  meta: HandleMeta,
): AsyncGenerator<HandleOutput> {
  const t0 = process.hrtime.bigint();
  const ms: Elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const rlog = ctx.log.child({ requestId: meta.requestId });
  try {
    checkDispatchPrices(ctx.prices, meta);
    const { plaintext, responder } = await openRequest(keys.hpke, sealed);
    const out = new SealedOutput(responder);
    const { usage, finish } = yield* streamResponse(ctx, plaintext, meta, out, rlog, ms);
    const final = out.seal(
      encodeResponseChunk({
        finish_reason: finish,
        usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens },
      }),
      true,
    );
    yield { frame: final };
    const fields = receiptFields(ctx, keys, sealed, meta, out, usage);
    const { bytes, signature } = signReceipt(fields, keys.signing);
    rlog.info(
      {
        inBytes: sealed.length,
        outBytes: out.textBytes + final.length,
        frames: responder.frames,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        ttftMs: out.ttftMs,
        ms: ms(),
      },
      'request served',
    );
    yield { receipt: bytes, signature, fields };
  } catch (err) {
    const c = (err as { code?: string }).code;
    if (c?.startsWith('SEAL_') || c === 'WORKER_PRICE_MISMATCH')
      rlog.warn({ code: c, inBytes: sealed.length }, 'request refused');
    throw err;
  }
}

function receiptFields(
  ctx: HandleContext,
  keys: WorkerKeySet,
  sealed: Uint8Array,
  meta: HandleMeta,
  out: SealedOutput,
  usage: Usage,
): Receipt {
  return {
    requestDigest: requestDigest(sealed),
    responseDigest: out.digest.digest(),
    modelId: ctx.modelId,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    promptPriceNano: ctx.prices.promptNano,
    completionPriceNano: ctx.prices.completionNano,
    channel: meta.channel,
    seq: BigInt(meta.seq),
    workerKey: keys.public.signingPublicKey,
  };
}
