/**
 * The hostile broker double: speaks the real client wire protocol (HTTP + protobuf stream frames) to a real
 * ChrysalisClient and relays to a real worker whose dispatch it controls, lying as its `Lie` says; and the
 * deterministic engine behind that worker.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address } from '@ton/core';
import { type ModelPrice } from '../../sdk';
import { completionTokenLimit, type InferenceEngine, type Worker } from '../../enclave-runtime';
import { NETWORK_GLOBAL_ID } from '../../contracts';
import { decode, encode, hex, sha256, type Msg } from './helpers-a2';

export const NOW = new Date('2026-11-25T12:00:00Z');
export const MODEL = sha256(Buffer.from('hostile-broker@1'));
export const MODEL_HEX = hex(MODEL);
export const REGISTRY: ModelPrice = { promptNano: 100n, completionNano: 200n };
export const COMMITTED: ModelPrice = { promptNano: 7n, completionNano: 9n };
export const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;
export const CHANNEL = new Address(0, Buffer.alloc(32, 3)).toString();
export const PROMPT_TOKENS = 3;
export const WORDS = 40;

/** A deterministic engine that honours the worker's cost cap (finish `length` when the cap ends it). */
export function engine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: new Uint8Array(MODEL),
    modelName: 'hostile-broker@1',
    async *generate(req) {
      const limit = req.costCap ? completionTokenLimit(req.costCap, PROMPT_TOKENS) : undefined;
      const n = Math.min(WORDS, limit ?? WORDS, req.maxTokens ?? WORDS);
      for (let i = 0; i < n; i++) yield { text: ` w${i}` };
      yield {
        usage: { promptTokens: PROMPT_TOKENS, completionTokens: n },
        finishReason: n < WORDS ? 'length' : 'stop',
      };
    },
    async close() {},
  };
}

export type Lie =
  | 'none'
  | 'accept-other-prices'
  | 'accept-other-cost'
  | 'dispatch-other-prices'
  | 'dispatch-lower-reservation'
  | 'replay-old-receipt';

export interface AccountAnswer {
  vouchedNano: string;
  voucher: { voucher: string; signature: string } | null;
  globalId?: number;
}

/** The hostile broker: lists what it likes, dispatches as it likes, answers the account as it likes. */
export class HostileBroker {
  server!: Server;
  url = '';
  listed: { worker: Worker; prices?: ModelPrice }[] = [];
  lie: Lie = 'none';
  /** The reservation the broker dispatches with under 'dispatch-lower-reservation'. */
  lowerReservation = 0n;
  account: AccountAnswer = { vouchedNano: '0', voucher: null };
  readonly submits: Msg[] = [];
  readonly workerRefusals: string[] = [];
  readonly receipts: Msg[] = [];
  private seq = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 'DOUBLE_FAILED', message: String(e) }));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'GET' && path === '/v1/workers') return this.workers(res);
    if (req.method === 'POST' && path === '/v1/requests') return this.request(decode('SubmitRequest', body), res);
    if (req.method === 'POST' && path === '/v1/vouchers') {
      res.statusCode = 200;
      return void res.end(JSON.stringify({ ok: true }));
    }
    if (req.method === 'GET' && path.startsWith('/v1/accounts/')) {
      res.setHeader('content-type', 'application/json');
      return void res.end(
        JSON.stringify({
          channel: CHANNEL,
          depositNano: '1000000000',
          chargedNano: '0',
          availableNano: '1000000000',
          ...this.account,
        }),
      );
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'no route' }));
  }

  private async workers(res: ServerResponse): Promise<void> {
    const workers = await Promise.all(
      this.listed.map(async ({ worker, prices }) => {
        const b = await worker.bundle(new Uint8Array(32));
        const p = prices ?? worker.prices;
        return {
          workerId: hex(sha256(worker.keys.signingPublicKey)),
          modelId: worker.modelId,
          bundle: b.encoded,
          maxConcurrency: 4,
          queueDepth: 0,
          promptPriceNano: Number(p.promptNano),
          completionPriceNano: Number(p.completionNano),
        };
      }),
    );
    res.setHeader('content-type', 'application/x-protobuf');
    res.end(Buffer.from(encode('WorkerList', { workers, protocolVersion: 1 })));
  }

  private async request(sub: Msg, res: ServerResponse): Promise<void> {
    this.submits.push(sub);
    const entry = this.listed.find((l) => hex(sha256(l.worker.keys.signingPublicKey)) === sub.workerId);
    if (!entry) {
      res.statusCode = 404;
      return void res.end(JSON.stringify({ code: 'BROKER_NO_WORKER', message: 'none' }));
    }
    const w = entry.worker;
    const seq = BigInt(++this.seq);
    const requestId = `r${seq}`;
    const frame = (f: Msg): Buffer => {
      const bytes = encode('StreamFrame', f);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      return Buffer.concat([len, bytes]);
    };
    const accepted = {
      requestId,
      workerId: sub.workerId,
      seq: Number(seq),
      promptPriceNano: Number(w.prices.promptNano) + (this.lie === 'accept-other-prices' ? 1 : 0),
      completionPriceNano: Number(w.prices.completionNano),
      maxCostNano: Number(sub.maxCostNano) + (this.lie === 'accept-other-cost' ? 1000 : 0),
    };
    const dispatch = {
      requestId,
      channel: String(sub.channel),
      seq,
      promptPriceNano: w.prices.promptNano + (this.lie === 'dispatch-other-prices' ? 1n : 0n),
      completionPriceNano: w.prices.completionNano,
      maxCostNano: this.lie === 'dispatch-lower-reservation' ? this.lowerReservation : BigInt(Number(sub.maxCostNano)),
    };
    res.setHeader('content-type', 'application/x-chrysalis-stream');
    res.write(frame({ accepted }));
    try {
      for await (const out of w.handle(sub.sealed as Uint8Array, dispatch)) {
        if ('frame' in out) res.write(frame({ chunk: { requestId, frame: out.frame } }));
        else {
          const current = { requestId, receipt: out.receipt, signature: out.signature };
          const old = this.receipts.at(-1);
          this.receipts.push(current);
          res.write(frame({ receipt: this.lie === 'replay-old-receipt' && old ? old : current }));
        }
      }
    } catch (e) {
      const code = String((e as { code?: string }).code);
      this.workerRefusals.push(code);
      res.write(frame({ error: { code, message: 'worker refused', fatal: true } }));
    }
    res.end();
  }
}
