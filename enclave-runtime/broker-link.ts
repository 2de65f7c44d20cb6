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
import type { chrysalis } from '../proto/generated/chrysalis';
import { backoffDelay } from '../core/retry';
import type { AdmissionInfo, BrokerLink, BrokerLinkOptions, LinkLogger, LinkState } from './broker-link-types';
import { serveRequest, type ServeDeps, type WorkerFrameInit } from './link-serve';
import {
  decodeBrokerFrame,
  helloFrame,
  nextAdmission,
  openBrokerSocket,
  sendWorkerFrame,
  startSilenceWatchdog,
  type CorkState,
} from './link-socket';

export type {
  AdmissionInfo,
  BrokerLink,
  BrokerLinkOptions,
  LinkLogger,
  LinkState,
  LinkWorker,
} from './broker-link-types';

export { LINK_PROTOCOL_VERSION } from './link-socket';

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
  /** The current admission's end (the broker's validUntilMs); undefined while not admitted on this connection. */
  private admittedUntilMs: number | undefined;
  private keepServingTimers: NodeJS.Timeout[] = [];
  private readonly serveDeps: ServeDeps;

  constructor(private readonly opts: BrokerLinkOptions) {
    super();
    this.log = opts.logger ?? noopLogger;
    this.serveDeps = {
      worker: opts.worker,
      active: this.active,
      send: (frame) => this.send(frame),
      socket: () => this.ws,
      notifyIdle: () => this.notifyIdle(),
      payouts: opts.payouts,
      budget: opts.budget,
    };
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
    return nextAdmission(this);
  }

  private connect(): void {
    if (this.stopped) return;
    this.state = 'connecting';
    const ws = openBrokerSocket(this.opts);
    this.ws = ws;
    let lastSeen = Date.now();
    const watchdog = startSilenceWatchdog(ws, this.opts.silenceTimeoutMs ?? 60_000, () => lastSeen, this.log);
    ws.on('open', () => {
      lastSeen = Date.now();
      this.onOpen();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      lastSeen = Date.now();
      if (!isBinary) return;
      const f = decodeBrokerFrame(data, this.log);
      if (f) void this.onFrame(f);
    });
    ws.on('error', (err) => this.log.warn({ event: 'link_error', message: err.message }, 'broker link error'));
    ws.on('close', (code: number, reason: Buffer) => {
      if (watchdog) clearInterval(watchdog);
      this.onClose(ws, code, reason);
    });
  }

  private onOpen(): void {
    this.state = 'hello';
    this.bundleGen = undefined;
    this.building = false;
    this.awaitingAdmission = false;
    this.admittedUntilMs = undefined;
    this.clearKeepServing();
    this.send(helloFrame(this.opts));
  }

  private onClose(ws: WebSocket, code: number, reason: Buffer): void {
    if (this.ws === ws) this.ws = undefined;
    this.clearKeepServing();
    for (const c of this.active.values()) c.abort();
    this.active.clear();
    this.notifyIdle();
    const wasAdmitted = this.state === 'admitted';
    if (this.state !== 'refused') this.state = 'connecting';
    this.emit('disconnected', { code, reason: reason.toString() });
    if (wasAdmitted) this.attempt = 0;
    this.scheduleReconnect();
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

  private readonly cork: CorkState = { corked: false };
  private send(frame: WorkerFrameInit): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    sendWorkerFrame(ws, frame, this.cork);
  }

  private async onFrame(f: chrysalis.v1.BrokerFrame): Promise<void> {
    switch (f.msg) {
      case 'challenge':
        return this.onChallenge(f.challenge!.challenge ?? new Uint8Array(0));
      case 'admission':
        this.onAdmission(f.admission!);
        return;
      case 'request':
        void serveRequest(this.serveDeps, f.request!);
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
            heartbeat: {
              seq: h.seq ?? 0,
              sentAtMs: h.sentAtMs ?? 0,
              inFlight: this.opts.budget?.inUse ?? this.active.size,
              reply: false,
            },
          });
        return;
      }
      case 'drain':
        this.emit('drain', { reason: f.drain!.reason ?? '' });
        return;
      case 'workerVoucher':
        return this.onVoucher(f.workerVoucher!);
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

  /** Builds a bundle for the broker's challenge and sends it (or reports the failure and closes). */
  private async onChallenge(challenge: Uint8Array): Promise<void> {
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
      const code = (err as { code?: unknown } | null)?.code;
      const cause = typeof code === 'string' ? code : 'UNKNOWN';
      if (this.ws === ws && this.keepServing(cause)) return;
      this.log.warn({ event: 'link_bundle_failed', code: cause }, 'could not build an evidence bundle');
      this.send({
        error: { code: 'WORKER_BUNDLE_FAILED', message: `could not build an evidence bundle (${cause})`, fatal: true },
      });
      this.ws?.close(1000);
    } finally {
      if (this.ws === ws) this.building = false;
    }
  }

  /** Admitted: emit 'admitted' (and ask again if a re-attest event came after the bundle); refused: emit 'refused'. */
  private onAdmission(a: chrysalis.v1.AdmissionResult.$Properties): void {
    this.awaitingAdmission = false;
    if (!a.ok) {
      this.state = 'refused';
      this.log.warn({ event: 'link_refused', code: a.code }, 'refused by broker');
      this.emit('refused', { code: a.code ?? '', message: a.message ?? '' });
      return;
    }
    this.state = 'admitted';
    this.workerId = a.workerId ?? '';
    this.attempt = 0;
    this.admittedUntilMs = Number(a.validUntilMs ?? 0);
    this.clearKeepServing();
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
  }

  /**
   * A re-attestation bundle failed while admitted (e.g. a collateral service is down and its cached collateral has
   * run out): keep serving on the current admission until it ends (the broker's validUntilMs, never later than the
   * evidence's validity), asking for a challenge again halfway there; at the end, stop taking work and close, saying
   * why with the cause code. False when not admitted or the admission has already ended.
   */
  private keepServing(cause: string): boolean {
    const until = this.admittedUntilMs;
    const now = Date.now();
    if (this.state !== 'admitted' || until === undefined || until <= now) return false;
    this.clearKeepServing();
    const ws = this.ws;
    this.log.warn(
      { event: 'link_reattest_failed', code: cause, validUntilMs: until },
      'could not re-attest: serving on the current admission until it ends',
    );
    const served = `serving until ${new Date(until).toISOString()}`;
    this.send({
      error: {
        code: 'WORKER_BUNDLE_FAILED',
        message: `could not build an evidence bundle (${cause}); ${served}`,
        fatal: false,
      },
    });
    const after = (ms: number, fn: () => void): void => {
      const t = setTimeout(() => {
        if (this.ws === ws && this.state === 'admitted' && this.admittedUntilMs === until) fn();
      }, ms);
      t.unref();
      this.keepServingTimers.push(t);
    };
    if (until - now >= 2000) after((until - now) / 2, () => !this.building && this.requestChallenge());
    after(until - now, () => {
      this.log.warn({ event: 'link_evidence_expired', code: cause }, 'admission ended without fresh evidence');
      this.send({ error: { code: 'WORKER_BUNDLE_FAILED', message: `evidence expired (${cause})`, fatal: true } });
      ws?.close(1000);
    });
    return true;
  }

  private clearKeepServing(): void {
    for (const t of this.keepServingTimers.splice(0)) clearTimeout(t);
  }

  /** A broker voucher: checked and kept by the payouts (emits 'voucher'), or refused with a code ('voucher_refused'). */
  private async onVoucher(v: chrysalis.v1.WorkerVoucher.$Properties): Promise<void> {
    const payouts = this.opts.payouts;
    if (!payouts) {
      this.log.warn({ event: 'link_voucher_ignored' }, 'voucher from broker ignored: no payouts configured');
      return;
    }
    try {
      this.emit('voucher', await payouts.onVoucher(v));
    } catch (err) {
      this.emit('voucher_refused', { code: (err as { code?: string }).code ?? 'PAYOUT_VOUCHER_MALFORMED' });
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
    this.clearKeepServing();
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
