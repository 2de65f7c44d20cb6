/**
 * Socket-level pieces of the broker link: opening the WebSocket, the silence watchdog that drops a connection the
 * broker stopped talking on, the hello frame the worker opens each connection with, frame encoding and decoding,
 * and waiting for the next admission.
 */
import type { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { chrysalis } from '../proto/generated/chrysalis';
import type { AdmissionInfo, BrokerLinkOptions, LinkLogger } from './broker-link-types';
import type { WorkerFrameInit } from './link-serve';

const v1 = chrysalis.v1;

export const LINK_PROTOCOL_VERSION = 1;

/** Whether the link's socket is corked until the next tick. */
export interface CorkState {
  corked: boolean;
}

export function openBrokerSocket(opts: BrokerLinkOptions): WebSocket {
  const ws = new WebSocket(opts.url, {
    maxPayload: opts.maxFrameBytes ?? 16 * 1024 * 1024,
    perMessageDeflate: false,
  });
  ws.binaryType = 'nodebuffer';
  return ws;
}

/**
 * Terminates `ws` once nothing came from the broker for `silenceMs` (0 disables); the caller clears the returned
 * timer when the socket closes.
 */
export function startSilenceWatchdog(
  ws: WebSocket,
  silenceMs: number,
  lastSeen: () => number,
  log: LinkLogger,
): NodeJS.Timeout | undefined {
  const watchdog =
    silenceMs > 0
      ? setInterval(
          () => {
            if (Date.now() - lastSeen() > silenceMs) {
              log.warn({ event: 'link_silent' }, 'broker silent: reconnecting');
              ws.terminate();
            }
          },
          Math.min(silenceMs, 5_000),
        )
      : undefined;
  watchdog?.unref();
  return watchdog;
}

export function helloFrame(opts: BrokerLinkOptions): WorkerFrameInit {
  const pv = opts.protocolVersion ?? LINK_PROTOCOL_VERSION;
  return {
    hello: {
      protocolVersion: pv,
      supportedVersions: [pv],
      workerVersion: opts.workerVersion ?? '',
      maxConcurrency: opts.maxConcurrency ?? opts.budget?.limit ?? 0,
      workerName: opts.workerName ?? '',
      payoutAddress: opts.payoutAddress ?? '',
    },
  };
}

/** Encodes and sends one WorkerFrame on an open socket. */
export function sendWorkerFrame(ws: WebSocket, frame: WorkerFrameInit, cork: CorkState): void {
  // Frames produced in the same tick (a burst of chunks + receipt) leave in one write: cork until the next tick.
  const sock = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  if (sock && !cork.corked) {
    cork.corked = true;
    sock.cork();
    process.nextTick(() => {
      cork.corked = false;
      sock.uncork();
    });
  }
  ws.send(v1.WorkerFrame.encode(frame as chrysalis.v1.WorkerFrame).finish());
}

/** The BrokerFrame in a binary message, or undefined (logged) when it does not decode. */
export function decodeBrokerFrame(data: Buffer, log: LinkLogger): chrysalis.v1.BrokerFrame | undefined {
  try {
    return v1.BrokerFrame.decode(data);
  } catch {
    log.warn({ event: 'link_bad_frame' }, 'undecodable frame from broker');
    return undefined;
  }
}

/** Resolves at the link's next 'admitted'; rejects on 'refused' (code: the refusal code) or 'closed' (LINK_CLOSED). */
export function nextAdmission(link: EventEmitter): Promise<AdmissionInfo> {
  return new Promise((resolve, reject) => {
    const ok = (info: AdmissionInfo): void => {
      link.off('refused', no);
      link.off('closed', gone);
      resolve(info);
    };
    const no = (e: { code: string; message: string }): void => {
      link.off('admitted', ok);
      link.off('closed', gone);
      reject(Object.assign(new Error(`admission refused: ${e.code}`), { code: e.code }));
    };
    const gone = (): void => {
      link.off('admitted', ok);
      link.off('refused', no);
      reject(Object.assign(new Error('link closed'), { code: 'LINK_CLOSED' }));
    };
    link.once('admitted', ok);
    link.once('refused', no);
    link.once('closed', gone);
  });
}
