/**
 * The confidential worker core: keys, attestation (claims + bundle through the shared `attestation/bundle`
 * builder), and sealed request handling with signed receipts.
 *
 *   boot:    keys -> RTMR3 <- [config digest, model id, ready] -> probe image/platform ids from a quote
 *   bundle:  challenge -> GPU evidence over gpuNonce(keys, challenge, i) -> claims -> quote over SHA-512(claims)
 *   handle:  sealed -> openRequest -> engine.generate -> sealed frames -> receipt (Ed25519 over exact wire bytes)
 *
 * Plaintext exists only in memory for the duration of a request; logs carry request ids, sizes and timings.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import {
  buildBundle,
  probeIdentity,
  fromRuntimeEvent,
  type BuiltBundle,
  type RuntimeEventRecord,
} from '../attestation/bundle';
import { configRuntimeEvent, modelRuntimeEvent, readyRuntimeEvent, type RuntimeEvent } from '../attestation/eventlog';
import { ResponseDigest, requestDigest, signReceipt, type Receipt } from '../attestation/receipt';
import { openRequest } from '../proto/sealing';
import { parseChatRequest, type InferenceEngine, type Usage } from './engines';
import { WorkerError } from './errors';
import type { RtmrExtender, TdxQuoteProvider } from './evidence';
import type { GpuEvidenceProvider } from './evidence';
import { generateWorkerKeys, type WorkerKeySet, type WorkerPublicKeys } from './keys';
import { encodeResponseChunk } from '../proto/sealing';

export const WORKER_VERSION = 'chrysalis-worker/0.1.0';

export interface WorkerConfig {
  readonly engine: InferenceEngine;
  readonly tdx: TdxQuoteProvider;
  readonly gpu: GpuEvidenceProvider;
  /** Extends RTMR3 at boot. Required unless `tdx` also implements it (the simulated TD does). */
  readonly rtmr?: RtmrExtender;
  /** Static configuration hashed into the config digest (RTMR3 + claims). Must not contain secrets. */
  readonly staticConfig?: Readonly<Record<string, unknown>>;
  readonly workerVersion?: string;
  readonly logger?: Logger;
  /** Clock for claims' issuedAt (default: wall clock). */
  readonly now?: () => Date;
  /** Re-attestation period; 0 disables the timer (default 6 h). */
  readonly reattestIntervalMs?: number;
  readonly tdxCollateralJson?: string;
  readonly firmwareEventLog?: Uint8Array;
}

export interface HandleMeta {
  readonly requestId: string;
  /** Payment channel: TON address string or 32 bytes. */
  readonly channel: string | Uint8Array;
  /** Price per token in nanotons (registry params x model multiplier). */
  readonly priceNano: bigint | number;
  /** Per-channel sequence number. */
  readonly seq: bigint | number;
  readonly signal?: AbortSignal;
}

export type HandleOutput =
  | { readonly frame: Uint8Array }
  | { readonly receipt: Uint8Array; readonly signature: Uint8Array; readonly fields: Receipt };

export type ReattestReason = 'timer' | 'key-rotation';

export interface Worker {
  /** Public keys only. */
  readonly keys: WorkerPublicKeys;
  readonly modelId: Uint8Array;
  readonly configDigest: Uint8Array;
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  readonly runtimeEvents: readonly RuntimeEventRecord[];
  readonly inFlight: number;
  /** Build a fresh evidence bundle over the broker's challenge (16..64 bytes). */
  bundle(challenge: Uint8Array): Promise<BuiltBundle>;
  /**
   * Open a sealed request, run it, yield sealed frames, then one signed receipt.
   * Throws SealError (SEAL_*) before any frame if the request cannot be opened; WorkerError ENGINE_REQUEST_INVALID
   * etc. after a sealed final error frame when inference fails (no receipt then); WORKER_CLOSED after close().
   */
  handle(sealed: Uint8Array, meta: HandleMeta): AsyncIterable<HandleOutput>;
  /** New HPKE + Ed25519 keys; requests sealed to the old key are refused (SEAL_WRONG_KEY); fires onReattest. */
  rotateKeys(): Promise<void>;
  /** Called when re-attestation is due (timer, key rotation): the broker link fetches a challenge and calls bundle(). */
  onReattest(listener: (reason: ReattestReason) => void): () => void;
  close(): Promise<void>;
}

/** SHA-256 over canonical JSON (sorted keys) of the static configuration. */
export function configDigestOf(cfg: Readonly<Record<string, unknown>>): Uint8Array {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canon)
        : v;
  return new Uint8Array(
    createHash('sha256')
      .update(JSON.stringify(canon(cfg)))
      .digest(),
  );
}

function isRtmrExtender(x: unknown): x is RtmrExtender {
  return typeof (x as { extend?: unknown }).extend === 'function';
}

export async function createWorker(config: WorkerConfig): Promise<Worker> {
  const log = config.logger ?? pino({ level: 'silent' });
  const now = config.now ?? (() => new Date());
  const workerVersion = config.workerVersion ?? WORKER_VERSION;
  const engine = config.engine;
  const modelId = engine.modelId;
  if (!(modelId instanceof Uint8Array) || modelId.length !== 32)
    throw new WorkerError('WORKER_CONFIG_INVALID', 'engine model id must be 32 bytes');
  const staticConfig = { workerVersion, engine: engine.kind, model: engine.modelName, ...(config.staticConfig ?? {}) };
  const configDigest = configDigestOf(staticConfig);
  const rtmr = config.rtmr ?? (isRtmrExtender(config.tdx) ? config.tdx : undefined);
  if (!rtmr) throw new WorkerError('WORKER_CONFIG_INVALID', 'no RTMR3 extender configured');

  let keys: WorkerKeySet = await generateWorkerKeys();
  const events: RuntimeEvent[] = [configRuntimeEvent(configDigest), modelRuntimeEvent(modelId), readyRuntimeEvent()];
  for (const e of events) await rtmr.extend(e);
  const runtimeEvents = events.map(fromRuntimeEvent);
  const { imageId, platformId } = await probeIdentity(config.tdx);
  log.info(
    { tdx: config.tdx.kind, gpu: config.gpu.kind, gpus: config.gpu.count, engine: engine.kind },
    'worker started',
  );

  const listeners = new Set<(r: ReattestReason) => void>();
  const fire = (r: ReattestReason): void => {
    for (const l of listeners) {
      try {
        l(r);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 're-attest listener failed');
      }
    }
  };
  const interval = config.reattestIntervalMs ?? 6 * 3600_000;
  const timer = interval > 0 ? setInterval(() => fire('timer'), interval) : undefined;
  timer?.unref();
  let closed = false;
  let inFlight = 0;

  async function bundle(challenge: Uint8Array): Promise<BuiltBundle> {
    if (closed) throw new WorkerError('WORKER_CLOSED', 'worker closed');
    const t0 = process.hrtime.bigint();
    const k = keys.public;
    const input: Parameters<typeof buildBundle>[0] = {
      hpkePublicKey: k.hpkePublicKey,
      signingPublicKey: k.signingPublicKey,
      challenge,
      modelId,
      imageId,
      platformId,
      configDigest,
      workerVersion,
      issuedAt: now(),
      quoteSource: config.tdx,
      gpuSource: config.gpu,
      runtimeEvents,
      ...(config.tdxCollateralJson ? { tdxCollateralJson: config.tdxCollateralJson } : {}),
      ...(config.firmwareEventLog ? { firmwareEventLog: config.firmwareEventLog } : {}),
    };
    const b = await buildBundle(input);
    log.info({ bytes: b.encoded.length, ms: Number(process.hrtime.bigint() - t0) / 1e6 }, 'bundle built');
    return b;
  }

  async function* handle(sealed: Uint8Array, meta: HandleMeta): AsyncIterable<HandleOutput> {
    if (closed) throw new WorkerError('WORKER_CLOSED', 'worker closed');
    const k = keys; // a request is served entirely under the keys current at its arrival
    const t0 = process.hrtime.bigint();
    const ms = (): number => Number(process.hrtime.bigint() - t0) / 1e6;
    const rlog = log.child({ requestId: meta.requestId });
    inFlight++;
    try {
      const { plaintext, responder } = await openRequest(k.hpke, sealed);
      const digest = new ResponseDigest();
      const emit = (payload: Uint8Array, final: boolean): Uint8Array => {
        const f = responder.seal(payload, final);
        digest.update(f);
        return f;
      };
      let usage: Usage | undefined;
      let finish: 'stop' | 'length' = 'stop';
      let outBytes = 0;
      let ttft: number | undefined;
      // The engine runs in its own loop (the pump) and appends deltas to `pending`; each time the consumer pulls,
      // everything produced since its last pull leaves as ONE sealed frame. So frames = tokens while the consumer
      // keeps up, and a lagging consumer (slow link, client) gets fewer, larger frames, not a queue of tiny ones.
      const pending: string[] = [];
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const ctl = new AbortController();
      const onAbort = (): void => ctl.abort(meta.signal?.reason);
      if (meta.signal?.aborted) onAbort();
      else meta.signal?.addEventListener('abort', onAbort, { once: true });
      let pump: Promise<void> | undefined;
      try {
        const req = parseChatRequest(plaintext);
        plaintext.fill(0);
        pump = (async () => {
          try {
            for await (const ev of engine.generate(req, ctl.signal)) {
              if ('text' in ev) {
                if (ev.text.length === 0) continue;
                pending.push(ev.text);
              } else {
                usage = ev.usage;
                finish = ev.finishReason;
              }
              wake?.();
            }
          } catch (err) {
            failure = err;
          } finally {
            ended = true;
            wake?.();
          }
        })();
        for (;;) {
          if (pending.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          if (pending.length > 0) {
            const text = pending.length === 1 ? pending[0]! : pending.join('');
            pending.length = 0;
            const f = emit(encodeResponseChunk({ text }), false);
            ttft ??= ms();
            outBytes += f.length;
            yield { frame: f };
          } else if (ended) break;
        }
        if (failure !== undefined) throw failure;
        if (!usage) throw new WorkerError('ENGINE_USAGE_MISSING', 'engine finished without usage');
      } catch (err) {
        plaintext.fill(0);
        const code = (err as { code?: unknown }).code;
        const c = typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'ENGINE_BACKEND_FAILED';
        rlog.warn({ code: c, ms: ms() }, 'request failed');
        yield { frame: emit(encodeResponseChunk({ error: { code: c } }), true) };
        throw err instanceof WorkerError
          ? err
          : new WorkerError('ENGINE_BACKEND_FAILED', 'inference failed', { cause: err });
      } finally {
        // consumer gone (return/throw) or done: stop the engine and let the pump settle before the request ends
        meta.signal?.removeEventListener('abort', onAbort);
        if (!ended) ctl.abort();
        await pump;
      }
      const final = emit(
        encodeResponseChunk({
          finish_reason: finish,
          usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens },
        }),
        true,
      );
      yield { frame: final };
      const fields: Receipt = {
        requestDigest: requestDigest(sealed),
        responseDigest: digest.digest(),
        modelId,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        priceNano: BigInt(meta.priceNano),
        channel: meta.channel,
        seq: BigInt(meta.seq),
        workerKey: k.public.signingPublicKey,
      };
      const { bytes, signature } = signReceipt(fields, k.signing);
      rlog.info(
        {
          inBytes: sealed.length,
          outBytes: outBytes + final.length,
          frames: responder.frames,
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          ttftMs: ttft,
          ms: ms(),
        },
        'request served',
      );
      yield { receipt: bytes, signature, fields };
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SEAL_'))
        rlog.warn({ code: (err as { code: string }).code, inBytes: sealed.length }, 'request refused');
      throw err;
    } finally {
      inFlight--;
    }
  }

  return {
    get keys() {
      return keys.public;
    },
    modelId,
    configDigest,
    imageId,
    platformId,
    runtimeEvents,
    get inFlight() {
      return inFlight;
    },
    bundle,
    handle,
    async rotateKeys() {
      keys = await generateWorkerKeys();
      log.info({}, 'keys rotated');
      fire('key-rotation');
    },
    onReattest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      listeners.clear();
    },
  };
}
