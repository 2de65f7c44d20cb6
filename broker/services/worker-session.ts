import { randomBytes, randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import { ChrysalisError } from '../../attestation/errors';
import { BrokerError, codeOf } from '../errors';
import { bytes, decodeWorkerFrame, SUPPORTED_PROTOCOL_VERSIONS, type BrokerFrameInit, type WorkerFrame } from '../wire';
import type { ModelPrice } from '../ports';
import type { AdmissionService } from './admission';
import { TokenBucket } from './admission-throttle';
import type { AdmittedWorker, BrokerContext, Dispatch, SessionPool } from './types';
import { CLOSE_CODES, WorkerLink } from './worker-link';
import { RequestSlots } from './worker-requests';
import { notifyPayable, notifySessionEnded, parsePayoutAddress, refuseChallengeRequest } from './worker-session-hooks';

export { CLOSE_CODES } from './worker-link';
export { parsePayoutAddress } from './worker-session-hooks';

type State = 'hello' | 'challenged' | 'admitted' | 'closed';

const NO_PRICE: ModelPrice = { promptNano: 0n, completionNano: 0n };

/**
 * One worker connection: version negotiation -> challenge -> admission -> serving (with periodic re-attestation).
 * Any protocol violation closes the connection with an Error frame and a code; nothing a worker sends can crash
 * the broker. Requests in flight on a connection that dies are reported lost to their sinks.
 */
export class WorkerSession {
  readonly connId = randomUUID();
  state: State = 'hello';
  admitted: AdmittedWorker | undefined;
  protocolVersion = 0;
  draining = false;
  /** Operator label from Hello (untrusted; printable ASCII, at most 64 characters). */
  workerName = '';
  /** Payout address from Hello, raw form (`0:<hex>`); '' when none was named. */
  payoutAddress = '';
  /** The open challenge; `scheduled` when the broker issued it for periodic re-attestation. */
  private challenge: { bytes: Uint8Array; expiresAtMs: number; scheduled: boolean } | undefined;
  /** Challenge requests this connection may still send (ADMISSION_RATE_LIMITED beyond). */
  private readonly challengeRequests: TokenBucket;
  private readonly link: WorkerLink;
  private readonly requests: RequestSlots;
  private lastSeenMs: number;
  private hbSeq = 0;
  private verifying = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: BrokerContext,
    private readonly admission: AdmissionService,
    private readonly pool: SessionPool<WorkerSession>,
  ) {
    this.link = new WorkerLink(ws);
    this.requests = new RequestSlots(ctx, {
      send: (frame) => this.send(frame),
      nowMs: () => this.nowMs(),
      isServing: () => this.state === 'admitted',
      totalQueued: () => this.pool.totalQueued(),
    });
    this.lastSeenMs = this.nowMs();
    this.challengeRequests = new TokenBucket(
      ctx.config.challengeRequestBurst,
      ctx.config.challengeRequestRefillMs,
      this.lastSeenMs,
    );
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('close', (code: number) => this.onClosed(`closed by worker (${code})`));
    ws.on('error', (err: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for oversized frames); we only record why.
      const code = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'WIRE_FRAME_TOO_LARGE' : 'WIRE_MALFORMED_FRAME';
      this.ctx.metrics.rejections.inc({ code });
      this.ctx.logger.warn({ event: 'worker_conn_error', connId: this.connId, code }, 'worker connection error');
    });
    this.link.after(ctx.config.helloTimeoutMs, () => {
      if (this.state === 'hello') this.fail('WIRE_HELLO_TIMEOUT', 'no hello in time');
    });
    this.link.every(Math.max(10, ctx.config.heartbeatIntervalMs), () => this.heartbeat());
  }

  get workerId(): string | undefined {
    return this.admitted?.workerId;
  }
  /** The committed prices from the verified claims (zero before admission; never routable then). */
  get prices(): ModelPrice {
    return this.admitted?.identity.prices ?? NO_PRICE;
  }
  /** hex of the admitted model id ('' before admission). */
  get modelIdHex(): string {
    return this.admitted?.modelIdHex ?? '';
  }
  get inFlight(): Map<string, Dispatch> {
    return this.requests.inFlight;
  }
  get queue(): Dispatch[] {
    return this.requests.queue;
  }
  get maxConcurrency(): number {
    return this.requests.maxConcurrency;
  }
  /** Exponentially weighted recent request latency (ms). */
  get latencyEwmaMs(): number {
    return this.requests.latencyEwmaMs;
  }
  get load(): number {
    return this.requests.load;
  }
  /** Serving: admitted, attestation valid, not draining, connection open. */
  isRoutable(nowMs: number): boolean {
    return (
      this.state === 'admitted' && !this.draining && this.admitted !== undefined && this.admitted.validUntilMs > nowMs
    );
  }

  send(frame: BrokerFrameInit): void {
    this.link.send(frame);
  }

  /** Queue or send a request; the pool has checked capacity. */
  dispatch(d: Dispatch): void {
    this.requests.dispatch(d);
  }

  /** Stop a request (client gone, timeout). Late frames for it are ignored. */
  cancel(requestId: string, code: string): void {
    this.requests.cancel(requestId, code);
  }

  /** Broker shutting down: ask the worker to finish and leave. */
  drain(reason: string, deadlineMs: number): void {
    this.draining = true;
    this.send({ drain: { reason, deadlineMs } });
  }

  close(code: string, message: string): void {
    this.fail(code, message);
  }

  private nowMs(): number {
    return this.ctx.clock.now().getTime();
  }

  private heartbeat(): void {
    if (this.state === 'closed') return;
    if (this.nowMs() - this.lastSeenMs > this.ctx.config.heartbeatTimeoutMs) {
      this.fail('WIRE_HEARTBEAT_TIMEOUT', 'worker silent');
      return;
    }
    this.send({ heartbeat: { seq: ++this.hbSeq, sentAtMs: this.nowMs(), reply: true } });
  }

  private issueChallenge(scheduled = false): void {
    const now = this.nowMs();
    const bytes = new Uint8Array(randomBytes(32));
    this.challenge = { bytes, expiresAtMs: now + this.ctx.config.challengeTtlMs, scheduled };
    this.send({
      challenge: {
        protocolVersion: this.protocolVersion,
        challenge: bytes,
        issuedAtMs: now,
        brokerId: this.ctx.config.brokerId,
        expiresAtMs: this.challenge.expiresAtMs,
      },
    });
    this.link.after(this.ctx.config.challengeTtlMs, () => {
      if (this.challenge?.bytes === bytes && !this.verifying) {
        if (this.state === 'challenged')
          this.refuse(new BrokerError('ADMISSION_CHALLENGE_EXPIRED', 'no bundle in time'));
      }
    });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.state === 'closed') return;
    this.lastSeenMs = this.nowMs();
    let f: WorkerFrame;
    try {
      if (!isBinary) throw new BrokerError('WIRE_MALFORMED_FRAME', 'text frames are not part of the protocol');
      f = decodeWorkerFrame(data);
    } catch (err) {
      this.fail(codeOf(err, 'WIRE_MALFORMED_FRAME'), 'malformed frame');
      return;
    }
    try {
      this.handle(f);
    } catch (err) {
      this.fail(codeOf(err, 'WIRE_MALFORMED_FRAME'), err instanceof ChrysalisError ? err.message : 'bad frame');
    }
  }

  private handle(f: WorkerFrame): void {
    switch (f.msg) {
      case 'hello':
        return this.onHello(f.hello!);
      case 'bundle':
        return this.onBundle(f.bundle!);
      case 'chunk':
        return this.requests.onChunk(f.chunk!);
      case 'receipt':
        return this.requests.onReceipt(f.receipt!);
      case 'failed':
        return this.requests.onFailed(f.failed!);
      case 'heartbeat': {
        const h = f.heartbeat!;
        if (h.reply) this.send({ heartbeat: { seq: h.seq ?? 0, sentAtMs: h.sentAtMs ?? 0, reply: false } });
        return;
      }
      case 'drain': {
        this.draining = true;
        this.ctx.logger.info(
          { event: 'worker_drain', connId: this.connId, workerId: this.workerId },
          'worker draining',
        );
        return;
      }
      case 'challengeRequest':
        return this.onChallengeRequest(f.challengeRequest!);
      case 'error': {
        const e = f.error!;
        this.ctx.logger.warn({ event: 'worker_error', connId: this.connId, code: e.code }, 'worker reported an error');
        if (e.fatal) this.ws.close(1000);
        return;
      }
      default:
        throw new BrokerError('WIRE_UNEXPECTED_FRAME', 'unknown frame');
    }
  }

  private onHello(h: NonNullable<WorkerFrame['hello']>): void {
    if (this.state !== 'hello') throw new BrokerError('WIRE_UNEXPECTED_FRAME', 'hello twice');
    const offered = new Set<number>([h.protocolVersion ?? 0, ...(h.supportedVersions ?? [])]);
    const v = SUPPORTED_PROTOCOL_VERSIONS.find((x) => offered.has(x));
    if (v === undefined) {
      this.fail('WIRE_UNSUPPORTED_VERSION', `broker speaks versions ${SUPPORTED_PROTOCOL_VERSIONS.join(',')}`);
      return;
    }
    this.protocolVersion = v;
    this.workerName = (h.workerName ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 64);
    const payout = parsePayoutAddress(h.payoutAddress ?? '', this.ctx.workerPayouts !== undefined);
    if (payout === null) {
      this.refuse(new BrokerError('ADMISSION_PAYOUT_ADDRESS_INVALID', 'hello names no valid TON payout address'));
      return;
    }
    this.payoutAddress = payout;
    const mc = h.maxConcurrency ?? 0;
    this.requests.maxConcurrency =
      mc > 0 ? Math.min(mc, this.ctx.config.maxWorkerConcurrency) : this.ctx.config.defaultWorkerConcurrency;
    this.state = 'challenged';
    this.issueChallenge();
  }

  private onBundle(b: NonNullable<WorkerFrame['bundle']>): void {
    if (this.state === 'hello') throw new BrokerError('WIRE_UNEXPECTED_FRAME', 'bundle before hello');
    const ch = this.challenge;
    if (!ch || this.verifying) throw new BrokerError('WIRE_UNEXPECTED_FRAME', 'bundle without an open challenge');
    const echoed = bytes(b.challenge);
    if (Buffer.compare(Buffer.from(echoed), Buffer.from(ch.bytes)) !== 0) {
      this.refuse(new BrokerError('ADMISSION_CHALLENGE_MISMATCH', 'bundle answers another challenge'));
      return;
    }
    if (this.nowMs() > ch.expiresAtMs) {
      this.refuse(new BrokerError('ADMISSION_CHALLENGE_EXPIRED', 'challenge expired'));
      return;
    }
    this.verifying = true;
    void this.admission
      .admit(bytes(b.bundle), ch.bytes, this.connId, ch.scheduled ? { scheduledFor: this.workerId } : {})
      .then(
        (w) => this.onAdmitted(w),
        (err: unknown) => this.refuse(err),
      )
      .finally(() => {
        this.verifying = false;
      });
    this.challenge = undefined;
  }

  private onChallengeRequest(r: NonNullable<WorkerFrame['challengeRequest']>): void {
    if (this.state !== 'admitted') throw new BrokerError('WIRE_UNEXPECTED_FRAME', 'challenge request before admission');
    if (!this.challengeRequests.take(this.nowMs())) {
      refuseChallengeRequest(this.ctx, { connId: this.connId, workerId: this.workerId, send: (f) => this.send(f) });
      return;
    }
    // At most one open challenge; requests while one is open or being verified are ignored.
    if (this.challenge || this.verifying) return;
    this.ctx.logger.info(
      {
        event: 'reattest_requested',
        connId: this.connId,
        workerId: this.workerId,
        reason: (r.reason ?? '').slice(0, 32),
      },
      'worker asked to re-attest',
    );
    this.issueChallenge();
  }

  private onAdmitted(w: AdmittedWorker): void {
    if (this.state === 'closed') return;
    const previous = this.admitted;
    this.admitted = w;
    this.state = 'admitted';
    if (previous && previous.workerId !== w.workerId) this.pool.remove(this, previous.workerId);
    this.pool.add(this);
    this.send({
      admission: {
        ok: true,
        code: '',
        workerId: w.workerId,
        validUntilMs: w.validUntilMs,
        bundleDigest: w.bundleDigest,
      },
    });
    // Periodic re-attestation; the admission lapses at validUntil unless renewed.
    const reattestAt = w.validUntilMs - this.ctx.config.reattestGraceMs;
    this.link.after(Math.max(0, reattestAt - this.nowMs()), () => {
      if (this.admitted === w && this.state === 'admitted') this.issueChallenge(true);
    });
    this.link.after(Math.max(0, w.validUntilMs - this.nowMs()), () => {
      if (this.admitted === w && this.state === 'admitted')
        this.refuse(new BrokerError('ADMISSION_LAPSED', 'attestation not renewed in time'));
    });
    this.requests.pump();
    notifyPayable(this.ctx, w, {
      connId: this.connId,
      payoutAddress: this.payoutAddress,
      isClosed: () => this.state === 'closed',
      send: (frame) => this.send(frame),
    });
  }

  /** Admission or re-attestation failed: leave the pool at once and close. */
  private refuse(err: unknown): void {
    if (this.state === 'closed') return;
    const code = codeOf(err, 'ADMISSION_BUNDLE_INVALID');
    if (
      code === 'ADMISSION_LAPSED' ||
      code === 'ADMISSION_PAYOUT_ADDRESS_INVALID' ||
      code === 'ADMISSION_CHALLENGE_EXPIRED' ||
      code === 'ADMISSION_CHALLENGE_MISMATCH'
    ) {
      // Recorded here: these never reach AdmissionService.
      this.ctx.metrics.admissions.inc({ result: 'rejected', code });
      this.ctx.metrics.rejections.inc({ code });
      this.ctx.logger.warn(
        { event: 'admission', ok: false, code, connId: this.connId, workerId: this.workerId },
        'worker refused',
      );
    }
    if (this.admitted) this.pool.remove(this, this.admitted.workerId);
    this.send({ admission: { ok: false, code, message: err instanceof ChrysalisError ? err.message : 'refused' } });
    this.closeWith(code, CLOSE_CODES.ADMISSION!);
  }

  private fail(code: string, message: string): void {
    if (this.state === 'closed') return;
    this.ctx.metrics.rejections.inc({ code });
    this.ctx.logger.warn(
      { event: 'worker_protocol_error', connId: this.connId, workerId: this.workerId, code },
      'closing worker connection',
    );
    this.send({ error: { code, message, fatal: true } });
    this.closeWith(code, CLOSE_CODES[code] ?? 4000);
  }

  private closeWith(code: string, wsCode: number): void {
    this.link.close(code, wsCode);
    // Don't wait for the peer's close handshake to stop serving.
    this.onClosed(code);
    this.link.terminateLater();
  }

  private onClosed(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.link.clearTimers();
    if (this.admitted) this.pool.remove(this, this.admitted.workerId);
    const lost = this.requests.takeAll();
    this.ctx.metrics.queueDepth.set(this.pool.totalQueued());
    for (const d of lost) d.sink.onLost('BROKER_WORKER_LOST');
    this.ctx.logger.info(
      { event: 'worker_disconnected', connId: this.connId, workerId: this.workerId, lost: lost.length, reason },
      'worker disconnected',
    );
    if (this.admitted) {
      notifySessionEnded(this.ctx, {
        workerId: this.admitted.workerId,
        workerName: this.workerName,
        reason,
        lost: lost.length,
      });
      this.ctx.workerPayouts?.ended(this.admitted.workerId, this.connId);
    }
  }
}
