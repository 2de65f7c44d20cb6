/** A worker played by hand over the worker WebSocket: raw protobuf frames, no BrokerLink. */
import WebSocket from 'ws';
import { v1, type Harness } from './helpers';

export interface Raw {
  ws: WebSocket;
  frames: InstanceType<typeof v1.BrokerFrame>[];
  closed: Promise<number>;
  send(f: Parameters<typeof v1.WorkerFrame.create>[0]): void;
  next(kind: string): Promise<InstanceType<typeof v1.BrokerFrame>>;
}

/** Connects to the harness broker; `next(kind)` takes the first frame of that kind, throwing once the socket closed. */
export async function raw(h: Harness): Promise<Raw> {
  const ws = new WebSocket(h.broker.workerUrl);
  await new Promise((r) => ws.once('open', r));
  const frames: InstanceType<typeof v1.BrokerFrame>[] = [];
  const waiters: Array<() => void> = [];
  let isClosed = false;
  ws.on('message', (d: Buffer) => {
    frames.push(v1.BrokerFrame.decode(d));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((r) =>
    ws.once('close', (c) => {
      isClosed = true;
      for (const w of waiters.splice(0)) w();
      r(c);
    }),
  );
  return {
    ws,
    frames,
    closed,
    send: (f) => ws.send(v1.WorkerFrame.encode(v1.WorkerFrame.create(f)).finish()),
    async next(kind) {
      for (;;) {
        const i = frames.findIndex((f) => f.msg === kind);
        if (i >= 0) return frames.splice(i, 1)[0]!;
        if (isClosed) throw new Error(`closed without a ${kind} frame`);
        await new Promise<void>((r) => waiters.push(r));
      }
    },
  };
}
