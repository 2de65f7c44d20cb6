/**
 * The confidential worker core: keys, attestation (claims + bundle through the shared `attestation/bundle`
 * builder), and sealed request handling with signed receipts.
 *
 *   boot:    keys -> RTMR3 <- [config digest, model id, model disk root?, ready] -> probe image/platform ids
 *   bundle:  challenge -> GPU evidence over gpuNonce(keys, challenge, i) -> claims -> quote over SHA-512(claims)
 *   handle:  sealed -> openRequest -> engine.generate -> sealed frames -> receipt (Ed25519 over exact wire bytes)
 *
 * Plaintext exists only in memory for the duration of a request; logs carry request ids, sizes and timings.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { buildBundle, probeIdentity, fromRuntimeEvent, type BuiltBundle } from '../attestation/bundle';
import {
  configRuntimeEvent,
  modelDiskRuntimeEvent,
  modelRuntimeEvent,
  readyRuntimeEvent,
  type RuntimeEvent,
} from '../attestation/eventlog';
import { systemClock } from '../core/clock';
import { WorkerError } from './errors';
import type { RtmrExtender } from './evidence';
import { generateWorkerKeys, type WorkerKeySet } from './keys';
import { handleSealedRequest } from './worker-handle';
import type { HandleMeta, HandleOutput, ReattestReason, Worker, WorkerConfig, WorkerPrices } from './worker-types';

export type { WorkerConfig, WorkerPrices, HandleMeta, HandleOutput, ReattestReason, Worker } from './worker-types';

export const WORKER_VERSION = 'chrysalis-worker/0.1.0';

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

/** What the worker measures at boot and states in its claims. */
interface WorkerIdentity {
  readonly workerVersion: string;
  readonly modelId: Uint8Array;
  readonly modelDiskRootHash?: Uint8Array;
  readonly configDigest: Uint8Array;
  readonly prices: WorkerPrices;
  readonly rtmr: RtmrExtender;
}

const U64_MAX = (1n << 64n) - 1n;

/** The configured prices, checked: two bigints in 0..2^64-1. WORKER_CONFIG_INVALID. */
function checkPrices(p: WorkerConfig['prices'] | undefined): WorkerPrices {
  const ok = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
  if (!p || !ok(p.promptNano) || !ok(p.completionNano))
    throw new WorkerError(
      'WORKER_CONFIG_INVALID',
      'prices must be { promptNano, completionNano } bigints in 0..2^64-1',
    );
  return { promptNano: p.promptNano, completionNano: p.completionNano };
}

/** Checks the configuration and derives the worker's measured identity. WORKER_CONFIG_INVALID. */
function resolveIdentity(config: WorkerConfig): WorkerIdentity {
  const workerVersion = config.workerVersion ?? WORKER_VERSION;
  const engine = config.engine;
  const modelId = engine.modelId;
  if (!(modelId instanceof Uint8Array) || modelId.length !== 32)
    throw new WorkerError('WORKER_CONFIG_INVALID', 'engine model id must be 32 bytes');
  const prices = checkPrices(config.prices);
  const staticConfig = {
    workerVersion,
    engine: engine.kind,
    model: engine.modelName,
    ...(config.staticConfig ?? {}),
    // last, so the digest always states the committed prices (decimal strings: JSON has no u64)
    prices: { promptNano: prices.promptNano.toString(), completionNano: prices.completionNano.toString() },
  };
  const configDigest = configDigestOf(staticConfig);
  const rtmr = config.rtmr ?? (isRtmrExtender(config.tdx) ? config.tdx : undefined);
  if (!rtmr) throw new WorkerError('WORKER_CONFIG_INVALID', 'no RTMR3 extender configured');
  const disk = config.modelDiskRootHash;
  if (disk !== undefined && !(disk instanceof Uint8Array && disk.length === 32))
    throw new WorkerError('WORKER_CONFIG_INVALID', 'model disk root hash must be 32 bytes');
  return { workerVersion, modelId, ...(disk ? { modelDiskRootHash: disk } : {}), configDigest, prices, rtmr };
}

/** RTMR3 <- [config digest, model id, model disk root hash (when given), ready]; the records as the bundle carries them. */
async function measureRuntime(id: WorkerIdentity): Promise<Worker['runtimeEvents']> {
  const events: RuntimeEvent[] = [
    configRuntimeEvent(id.configDigest),
    modelRuntimeEvent(id.modelId),
    ...(id.modelDiskRootHash ? [modelDiskRuntimeEvent(id.modelDiskRootHash)] : []),
    readyRuntimeEvent(),
  ];
  for (const e of events) await id.rtmr.extend(e);
  return events.map(fromRuntimeEvent);
}

/** Re-attestation listeners and their timer (`intervalMs` 0: no timer). */
function createReattestSignal(
  log: Logger,
  intervalMs: number,
): {
  fire(r: ReattestReason): void;
  on(listener: (r: ReattestReason) => void): () => void;
  stop(): void;
} {
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
  const timer = intervalMs > 0 ? setInterval(() => fire('timer'), intervalMs) : undefined;
  timer?.unref();
  return {
    fire,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (timer) clearInterval(timer);
      listeners.clear();
    },
  };
}

/** The boot measurements a bundle states: identity, runtime records and the ids probed from a quote. */
interface BootState extends WorkerIdentity {
  readonly runtimeEvents: Worker['runtimeEvents'];
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  /** A quote of this platform (its PCK certificate names the FMSPC the collateral is fetched for). */
  readonly platformQuote?: Uint8Array;
}

/** A fresh evidence bundle over `challenge` under the current public keys. */
async function buildWorkerBundle(
  config: WorkerConfig,
  boot: BootState,
  keys: WorkerKeySet,
  issuedAt: Date,
  challenge: Uint8Array,
  log: Logger,
): Promise<BuiltBundle> {
  const t0 = process.hrtime.bigint();
  const k = keys.public;
  const tdxCollateralJson =
    config.tdxCollateralSource && boot.platformQuote
      ? await config.tdxCollateralSource.collateralFor(boot.platformQuote)
      : config.tdxCollateralJson;
  const b = await buildBundle({
    hpkePublicKey: k.hpkePublicKey,
    signingPublicKey: k.signingPublicKey,
    challenge,
    modelId: boot.modelId,
    imageId: boot.imageId,
    platformId: boot.platformId,
    configDigest: boot.configDigest,
    workerVersion: boot.workerVersion,
    promptPriceNano: boot.prices.promptNano,
    completionPriceNano: boot.prices.completionNano,
    issuedAt,
    quoteSource: config.tdx,
    gpuSource: config.gpu,
    runtimeEvents: boot.runtimeEvents,
    ...(tdxCollateralJson ? { tdxCollateralJson } : {}),
    ...(config.firmwareEventLog ? { firmwareEventLog: config.firmwareEventLog } : {}),
  });
  log.info({ bytes: b.encoded.length, ms: Number(process.hrtime.bigint() - t0) / 1e6 }, 'bundle built');
  return b;
}

/** Measures the runtime into RTMR3 and probes the image/platform ids from a quote. */
async function boot(config: WorkerConfig, id: WorkerIdentity): Promise<BootState> {
  const runtimeEvents = await measureRuntime(id);
  const { imageId, platformId } = await probeIdentity(config.tdx);
  const platformQuote = config.tdxCollateralSource ? await config.tdx.getQuote(new Uint8Array(64)) : undefined;
  return { ...id, runtimeEvents, imageId, platformId, ...(platformQuote ? { platformQuote } : {}) };
}

export async function createWorker(config: WorkerConfig): Promise<Worker> {
  const log = config.logger ?? pino({ level: 'silent' });
  const clock = config.clock ?? systemClock;
  const id = resolveIdentity(config);
  let keys: WorkerKeySet = await generateWorkerKeys();
  const b = await boot(config, id);
  log.info(
    { tdx: config.tdx.kind, gpu: config.gpu.kind, gpus: config.gpu.count, engine: config.engine.kind },
    'worker started',
  );
  const reattest = createReattestSignal(log, config.reattestIntervalMs ?? 6 * 3600_000);
  const handleCtx = { engine: config.engine, modelId: b.modelId, prices: b.prices, log };
  let closed = false;
  let inFlight = 0;

  async function* handle(sealed: Uint8Array, meta: HandleMeta): AsyncIterable<HandleOutput> {
    if (closed) throw new WorkerError('WORKER_CLOSED', 'worker closed');
    const k = keys; // a request is served entirely under the keys current at its arrival
    inFlight++;
    try {
      yield* handleSealedRequest(handleCtx, k, sealed, meta);
    } finally {
      inFlight--;
    }
  }

  return {
    get keys() {
      return keys.public;
    },
    modelId: b.modelId,
    configDigest: b.configDigest,
    prices: b.prices,
    imageId: b.imageId,
    platformId: b.platformId,
    runtimeEvents: b.runtimeEvents,
    get inFlight() {
      return inFlight;
    },
    async bundle(challenge) {
      if (closed) throw new WorkerError('WORKER_CLOSED', 'worker closed');
      return buildWorkerBundle(config, b, keys, clock.now(), challenge, log);
    },
    handle,
    async rotateKeys() {
      keys = await generateWorkerKeys();
      log.info({}, 'keys rotated');
      reattest.fire('key-rotation');
    },
    onReattest: (listener) => reattest.on(listener),
    async close() {
      closed = true;
      reattest.stop();
    },
  };
}
