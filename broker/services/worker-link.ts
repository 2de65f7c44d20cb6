import type WebSocket from 'ws';
import { encodeBrokerFrame, type BrokerFrameInit } from '../wire';

/** WebSocket close codes (private range 4000-4999, plus 1009 "message too big" from RFC 6455). */
export const CLOSE_CODES: Readonly<Record<string, number>> = Object.freeze({
  WIRE_UNSUPPORTED_VERSION: 4001,
  WIRE_MALFORMED_FRAME: 4002,
  WIRE_UNEXPECTED_FRAME: 4003,
  WIRE_HEARTBEAT_TIMEOUT: 4004,
  WIRE_HELLO_TIMEOUT: 4005,
  WIRE_FRAME_TOO_LARGE: 1009,
  BROKER_DRAINING: 1001,
  ADMISSION: 4010,
});

/** The socket side of one worker connection: frames out (one write per tick), timers that die with it, closing. */
export class WorkerLink {
  private corked = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ws: WebSocket) {}

  send(frame: BrokerFrameInit): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // Frames sent in the same tick (several dispatches) leave in one write.
    const sock = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (sock && !this.corked) {
      this.corked = true;
      sock.cork();
      process.nextTick(() => {
        this.corked = false;
        sock.uncork();
      });
    }
    this.ws.send(encodeBrokerFrame(frame));
  }

  /** Runs `fn` once after `ms` unless the link closes first. */
  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** Runs `fn` every `ms` until the link closes. */
  every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.add(t);
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Starts the close handshake (or drops the socket if that throws). */
  close(code: string, wsCode: number): void {
    try {
      this.ws.close(wsCode, code.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }

  /** Drops the socket if the peer has not finished the close handshake within 2 s. */
  terminateLater(): void {
    const t = setTimeout(() => this.ws.terminate(), 2000);
    t.unref();
  }
}
