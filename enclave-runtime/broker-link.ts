/**
 * The worker's outbound link to a broker (no inbound port on the GPU host): WebSocket, one binary protobuf
 * chrysalis.v1 WorkerFrame/BrokerFrame per message (proto/chrysalis/v1/wire.proto).
 *
 *   hello -> challenge -> worker.bundle(challenge) -> admission -> serve SealedRequests via worker.handle(...)
 *   (sealed chunks + receipt back), answer heartbeats and re-attestation challenges, reconnect with backoff,
 *   drain on request. The link sees only ciphertext: sealing/unsealing happens inside `worker.handle`.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { chrysalis } from '../proto/generated/chrysalis';
import { backoffDelay } from '../core/retry';

const v1 = chrysalis.v1;
/** Unsent bytes on the broker socket above which a request's stream stops pulling frames (they coalesce). */
const LINK_HIGH_WATER = 256 * 1024;

export const LINK_PROTOCOL_VERSION = 1;

/** What the link needs from a worker (the `createWorker` result satisfies it). */
export interface LinkWorker {
  bundle(challenge: Uint8Array): Promise<Uint8Array | { readonly encoded: Uint8Array }>;
  /** Optional: the worker wants to re-attest (key rotation, own timer); the link asks the broker for a challenge. */
  onReattest?(listener: (reason: string) => void): () => void;
  handle(
    sealed: Uint8Array,
    meta: { requestId: string; channel: string; priceNano: bigint; seq: bigint; signal?: AbortSignal },
  ): AsyncIterable<{ frame: Uint8Array } | { receipt: Uint8Array; signature: Uint8Array }>;
}

export interface LinkLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface BrokerLinkOptions {
  /** ws://host:port/v1/worker */
  readonly url: string;
  readonly worker: LinkWorker;
  readonly priceNanoPerToken: number | bigint;
  readonly maxConcurrency?: number;
  readonly workerVersion?: string;
  readonly workerName?: string;
  /** Advertised protocol version (default 1; tests use others to check refusal). */
  readonly protocolVersion?: number;
  /** Reconnect with exponential backoff + jitter (default on: 250 ms .. 30 s). */
  readonly reconnect?: { readonly enabled?: boolean; readonly initialMs?: number; readonly maxMs?: number };
  readonly maxFrameBytes?: number;
  /** Reconnect when nothing (not even a heartbeat) came from the broker for this long (default 60 s; 0 disables). */
  readonly silenceTimeoutMs?: number;
  readonly logger?: LinkLogger;
}

export interface AdmissionInfo {
  readonly workerId: string;
  readonly validUntilMs: number;
  readonly bundleDigest: Uint8Array;
}

export type LinkState = 'connecting' | 'hello' | 'admitted' | 'refused' | 'closed';

/**
 * Events: 'admitted' (AdmissionInfo), 'refused' ({code, message}), 'error' ({code, message}) from the broker,
 * 'disconnected' ({code, reason}), 'drain' (broker asked us to drain).
 */
export interface BrokerLink extends EventEmitter {
  readonly state: LinkState;
  readonly workerId: string | undefined;
  readonly inFlight: number;
  /** Resolves at the next admission; rejects with an Error whose `code` is the refusal code. */
  admitted(): Promise<AdmissionInfo>;
  /** Tell the broker to send no new work, wait for in-flight requests (up to timeoutMs), then close. */
  drain(timeoutMs?: number): Promise<void>;
  /** Close now (in-flight requests are abandoned) and stop reconnecting. */
  close(): Promise<void>;
}

const noopLogger: LinkLogger = { info: () => undefined, warn: () => undefined };

class Link extends EventEmitter implements BrokerLink {
  state: LinkState = 'connecting';
  workerId: string | undefined;
  private ws: WebSocket | undefined;
  private stopped = false;
  private attempt = 0;
  private readonly active = new Map<string, AbortController>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly log: LinkLogger;
  private idle: (() => void)[] = [];
  private readonly offReattest: (() => void) | undefined;
  /**
   * Re-attestation bookkeeping. `reattestGen` counts the worker's onReattest events (key rotation, own timer);
   * `bundleGen` is the value it had when the bundle last sent on this connection was built. An admission for a bundle
   * older than the latest event is stale (it may carry retired keys), so the link asks for another challenge right
   * after it. This covers events that arrive while connecting, while a bundle is being built, and while the broker is
   * verifying one (the broker ignores a ChallengeRequest while a challenge is open or being verified).
   */
  private reattestGen = 0;
  private reattestReason = '';
  private bundleGen: number | undefined;
  private building = false;
  private awaitingAdmission = false;

  constructor(private readonly opts: BrokerLinkOptions) {
    super();
    this.log = opts.logger ?? noopLogger;
    this.on('error', () => undefined); // 'error' events are informational here
    this.offReattest = opts.worker.onReattest?.((reason) => {
      this.reattestGen++;
      this.reattestReason = String(reason).slice(0, 32);
      this.log.info(
        { event: 'link_reattest', reason: this.reattestReason, state: this.state },
        'worker wants to re-attest',
      );
      // Otherwise: the admission handler asks once the bundle in progress has been answered; a new connection
      // builds a fresh bundle anyway.
      if (this.state === 'admitted' && !this.building && !this.awaitingAdmission) this.requestChallenge();
    });
    this.connect();
  }

  private requestChallenge(): void {
    this.send({ challengeRequest: { reason: this.reattestReason || 'reattest' } });
  }

  get inFlight(): number {
    return this.active.size;
  }

  admitted(): Promise<AdmissionInfo> {
    return new Promise((resolve, reject) => {
      const ok = (info: AdmissionInfo): void => {
        this.off('refused', no);
        this.off('closed', gone);
        resolve(info);
      };
      const no = (e: { code: string; message: string }): void => {
        this.off('admitted', ok);
        this.off('closed', gone);
        reject(Object.assign(new Error(`admission refused: ${e.code}`), { code: e.code }));
      };
      const gone = (): void => {
        this.off('admitted', ok);
        this.off('refused', no);
        reject(Object.assign(new Error('link closed'), { code: 'LINK_CLOSED' }));
      };
      this.once('admitted', ok);
      this.once('refused', no);
      this.once('closed', gone);
    });
  }

  private connect(): void {
    if (this.stopped) return;
    this.state = 'connecting';
    const ws = new WebSocket(this.opts.url, {
      maxPayload: this.opts.maxFrameBytes ?? 16 * 1024 * 1024,
      perMessageDeflate: false,
    });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    let lastSeen = Date.now();
    const silence = this.opts.silenceTimeoutMs ?? 60_000;
    const watchdog =
      silence > 0
        ? setInterval(
            () => {
              if (Date.now() - lastSeen > silence) {
                this.log.warn({ event: 'link_silent' }, 'broker silent: reconnecting');
                ws.terminate();
              }
            },
            Math.min(silence, 5_000),
          )
        : undefined;
    watchdog?.unref();
    ws.on('open', () => {
      lastSeen = Date.now();
      this.state = 'hello';
      this.bundleGen = undefined;
      this.building = false;
      this.awaitingAdmission = false;
      const pv = this.opts.protocolVersion ?? LINK_PROTOCOL_VERSION;
      this.send({
        hello: {
          protocolVersion: pv,
          supportedVersions: [pv],
          workerVersion: this.opts.workerVersion ?? '',
          maxConcurrency: this.opts.maxConcurrency ?? 0,
          priceNanoPerToken: Number(this.opts.priceNanoPerToken),
          workerName: this.opts.workerName ?? '',
        },
      });
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      lastSeen = Date.now();
      if (!isBinary) return;
      let f: chrysalis.v1.BrokerFrame;
      try {
        f = v1.BrokerFrame.decode(data);
      } catch {
        this.log.warn({ event: 'link_bad_frame' }, 'undecodable frame from broker');
        return;
      }
      void this.onFrame(f);
    });
    ws.on('error', (err) => this.log.warn({ event: 'link_error', message: err.message }, 'broker link error'));
    ws.on('close', (code: number, reason: Buffer) => {
      if (watchdog) clearInterval(watchdog);
      if (this.ws === ws) this.ws = undefined;
      for (const c of this.active.values()) c.abort();
      this.active.clear();
      this.notifyIdle();
      const wasAdmitted = this.state === 'admitted';
      if (this.state !== 'refused') this.state = 'connecting';
      this.emit('disconnected', { code, reason: reason.toString() });
      if (wasAdmitted) this.attempt = 0;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const r = this.opts.reconnect ?? {};
    if (this.stopped || r.enabled === false) {
      this.state = 'closed';
      this.emit('closed');
      return;
    }
    const delay = backoffDelay(this.attempt++, {
      initialMs: r.initialMs ?? 250,
      maxMs: r.maxMs ?? 30_000,
      jitter: Math.random,
    });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private corked = false;
  private send(frame: ConstructorParameters<typeof v1.WorkerFrame>[0]): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    // Frames produced in the same tick (a burst of chunks + receipt) leave in one write: cork until the next tick.
    const sock = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (sock && !this.corked) {
      this.corked = true;
      sock.cork();
      process.nextTick(() => {
        this.corked = false;
        sock.uncork();
      });
    }
    ws.send(v1.WorkerFrame.encode(frame as chrysalis.v1.WorkerFrame).finish());
  }

  private async onFrame(f: chrysalis.v1.BrokerFrame): Promise<void> {
    switch (f.msg) {
      case 'challenge': {
        const challenge = f.challenge!.challenge ?? new Uint8Array(0);
        const ws = this.ws;
        const gen = this.reattestGen; // captured first: an event during bundle() makes this bundle stale
        this.building = true;
        try {
          const b = await this.opts.worker.bundle(challenge);
          const bundle = b instanceof Uint8Array ? b : b.encoded;
          if (this.ws !== ws) return; // the connection changed meanwhile
          this.bundleGen = gen;
          this.awaitingAdmission = true;
          this.send({ bundle: { challenge, bundle } });
        } catch (err) {
          this.log.warn(
            { event: 'link_bundle_failed', code: (err as { code?: string }).code },
            'could not build an evidence bundle',
          );
          this.send({
            error: { code: 'WORKER_BUNDLE_FAILED', message: 'could not build an evidence bundle', fatal: true },
          });
          this.ws?.close(1000);
        } finally {
          if (this.ws === ws) this.building = false;
        }
        return;
      }
      case 'admission': {
        const a = f.admission!;
        this.awaitingAdmission = false;
        if (a.ok) {
          this.state = 'admitted';
          this.workerId = a.workerId ?? '';
          this.attempt = 0;
          const info: AdmissionInfo = {
            workerId: this.workerId,
            validUntilMs: Number(a.validUntilMs ?? 0),
            bundleDigest: a.bundleDigest ?? new Uint8Array(0),
          };
          this.log.info({ event: 'link_admitted', workerId: this.workerId }, 'admitted by broker');
          this.emit('admitted', info);
          if (this.bundleGen !== undefined && this.bundleGen !== this.reattestGen && !this.building) {
            this.log.info(
              { event: 'link_reattest_stale', reason: this.reattestReason },
              'admitted bundle predates a re-attest event: asking again',
            );
            this.requestChallenge();
          }
        } else {
          this.state = 'refused';
          this.log.warn({ event: 'link_refused', code: a.code }, 'refused by broker');
          this.emit('refused', { code: a.code ?? '', message: a.message ?? '' });
        }
        return;
      }
      case 'request':
        void this.serve(f.request!);
        return;
      case 'cancel': {
        const id = f.cancel!.requestId ?? '';
        this.active.get(id)?.abort();
        this.active.delete(id);
        this.notifyIdle();
        return;
      }
      case 'heartbeat': {
        const h = f.heartbeat!;
        if (h.reply)
          this.send({
            heartbeat: { seq: h.seq ?? 0, sentAtMs: h.sentAtMs ?? 0, inFlight: this.active.size, reply: false },
          });
        return;
      }
      case 'drain':
        this.emit('drain', { reason: f.drain!.reason ?? '' });
        return;
      case 'error': {
        const e = f.error!;
        this.log.warn({ event: 'link_broker_error', code: e.code }, 'broker reported an error');
        this.emit('error', { code: e.code ?? '', message: e.message ?? '' });
        return;
      }
      default:
        return;
    }
  }

  private async serve(r: chrysalis.v1.SealedRequest.$Properties): Promise<void> {
    const requestId = r.requestId ?? '';
    const ctl = new AbortController();
    this.active.set(requestId, ctl);
    let receipted = false;
    try {
      const it = this.opts.worker.handle(r.sealed ?? new Uint8Array(0), {
        requestId,
        channel: r.channel ?? '',
        priceNano: BigInt(String(r.priceNano ?? 0)),
        seq: BigInt(String(r.seq ?? 0)),
        signal: ctl.signal,
      });
      for await (const item of it) {
        if (ctl.signal.aborted) break;
        if ('frame' in item) {
          this.send({ chunk: { requestId, frame: item.frame } });
          // Backpressure: while the link is backed up, pull nothing more; the worker keeps generating and coalesces
          // the deltas into the next (single) sealed frame instead of queueing one frame per token here.
          if ((this.ws?.bufferedAmount ?? 0) > LINK_HIGH_WATER) await this.whileBackedUp(ctl.signal);
        } else {
          this.send({ receipt: { requestId, receipt: item.receipt, signature: item.signature } });
          receipted = true;
        }
      }
      if (!receipted && !ctl.signal.aborted)
        this.send({ failed: { requestId, code: 'WORKER_NO_RECEIPT', message: 'the worker produced no receipt' } });
    } catch (err) {
      if (!ctl.signal.aborted) {
        const c = (err as { code?: unknown }).code;
        const code = typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c) ? c : 'WORKER_FAILED';
        this.send({ failed: { requestId, code, message: 'request failed in the worker' } });
      }
    } finally {
      this.active.delete(requestId);
      this.notifyIdle();
    }
  }

  /** Resolves once the socket's unsent bytes fall to LINK_HIGH_WATER or below (or the link/request is gone). */
  private async whileBackedUp(signal: AbortSignal): Promise<void> {
    const ws = this.ws;
    while (
      ws &&
      this.ws === ws &&
      ws.readyState === WebSocket.OPEN &&
      !signal.aborted &&
      ws.bufferedAmount > LINK_HIGH_WATER
    ) {
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  private notifyIdle(): void {
    if (this.active.size === 0) for (const w of this.idle.splice(0)) w();
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    this.stopped = true;
    this.send({ drain: { reason: 'worker shutting down', deadlineMs: Date.now() + timeoutMs } });
    if (this.active.size > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        t.unref();
        this.idle.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    await this.close();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.offReattest?.();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) {
      if (this.state !== 'closed') {
        this.state = 'closed';
        this.emit('closed');
      }
      return;
    }
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000, 'worker closing');
      setTimeout(() => ws.terminate(), 2000).unref();
    });
  }
}

/** Connects a worker to a broker; reconnects with backoff until `close()`/`drain()`. */
export function connectBroker(opts: BrokerLinkOptions): BrokerLink {
  return new Link(opts);
}
