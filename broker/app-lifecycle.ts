/**
 * The broker's lifecycle: the `/v1/worker` WebSocket endpoint (one WorkerSession per connection), draining (503 to new
 * work, Drain to workers, wait for in-flight streams) and closing.
 */
import type { Server, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AdmissionService } from './services/admission';
import type { WorkerPool } from './services/pool';
import type { RelayService } from './services/relay';
import { WorkerSession } from './services/worker-session';
import type { BrokerContext } from './services/types';

export const WORKER_WS_PATH = '/v1/worker';

export interface LifecycleDeps {
  readonly ctx: BrokerContext;
  readonly admission: AdmissionService;
  readonly pool: WorkerPool;
  readonly relay: RelayService;
}

export interface Lifecycle {
  isDraining(): boolean;
  attach(server: Server): void;
  drain(timeoutMs?: number): Promise<void>;
  close(timeoutMs?: number): Promise<void>;
}

export function createLifecycle({ ctx, admission, pool, relay }: LifecycleDeps): Lifecycle {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.config.maxFrameBytes, perMessageDeflate: false });
  const sessions = new Set<WorkerSession>();
  let draining = false;

  wss.on('connection', (ws) => {
    const s = new WorkerSession(ws, ctx, admission, pool);
    sessions.add(s);
    ws.on('close', () => sessions.delete(s));
    ctx.logger.info({ event: 'worker_connected', connId: s.connId }, 'worker connected');
  });

  const drain = async (timeoutMs = ctx.config.drainTimeoutMs): Promise<void> => {
    if (!draining) {
      draining = true;
      const deadline = ctx.clock.now().getTime() + timeoutMs;
      for (const s of sessions) s.drain('broker shutting down', deadline);
    }
    await relay.drain(timeoutMs);
  };

  return {
    isDraining: () => draining,
    attach(server: Server): void {
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = (req.url ?? '').split('?')[0];
        if (path !== WORKER_WS_PATH || draining) {
          socket.end(
            `HTTP/1.1 ${draining ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
          );
          return;
        }
        socket.on('error', () => undefined);
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    drain,
    async close(timeoutMs?: number): Promise<void> {
      await drain(timeoutMs);
      for (const s of [...sessions]) s.close('BROKER_DRAINING', 'broker closed');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
