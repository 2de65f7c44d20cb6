/** A fake broker for worker tests: a loopback WebSocket server that speaks chrysalis.v1 frames by hand. */
import type { AddressInfo } from 'node:net';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { chrysalis } from '../../proto/generated/chrysalis';

const v1 = chrysalis.v1;
export type BrokerFrameInit = ConstructorParameters<typeof v1.BrokerFrame>[0];

/** One worker connection as the fake broker sees it. */
export class Peer {
  readonly frames: chrysalis.v1.WorkerFrame[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(v1.WorkerFrame.decode(data));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  send(f: BrokerFrameInit): void {
    this.ws.send(v1.BrokerFrame.encode(f as chrysalis.v1.BrokerFrame).finish());
  }
  /** The next frame of kind `msg` not taken yet. */
  async next(msg: string): Promise<chrysalis.v1.WorkerFrame> {
    for (let i = 0; i < 2000; i++) {
      const at = this.frames.findIndex((f) => f.msg === msg);
      if (at >= 0) return this.frames.splice(at, 1)[0]!;
      if (this.closed) throw new Error(`connection closed before a ${msg} frame`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 20);
      });
    }
    throw new Error(`no ${msg} frame`);
  }
  async untilClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }
}

export interface FakeBroker {
  readonly url: string;
  readonly peers: Peer[];
  nextPeer(): Promise<Peer>;
  close(): Promise<void>;
}

export async function startFakeBroker(): Promise<FakeBroker> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const peers: Peer[] = [];
  const pending: Peer[] = [];
  const waiting: ((p: Peer) => void)[] = [];
  wss.on('connection', (ws) => {
    const p = new Peer(ws);
    peers.push(p);
    const w = waiting.shift();
    if (w) w(p);
    else pending.push(p);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/v1/worker`,
    peers,
    nextPeer: () => {
      const p = pending.shift();
      return p ? Promise.resolve(p) : new Promise((r) => waiting.push(r));
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}
