/**
 * Test fixtures for the SDK and the gateway: an in-test broker that implements the documented client HTTP API
 * (broker/README.md: GET /v1/workers protobuf, POST /v1/requests -> length-prefixed StreamFrames, POST /v1/vouchers,
 * GET /v1/accounts/:key) and in-test workers doing REAL sealing (proto/sealing openRequest / ResponseSealer) and
 * REAL receipts (attestation/receipt signReceipt). Only the TDX quote is SIMULATED here: the bundle's `tdx_quote`
 * field carries an Ed25519 signature by a test root over REPORTDATA = SHA-512(claims), and `testBundleVerifier`
 * checks it (fail-closed) in place of DCAP. Everything else (claims encoding, binding, HPKE, frames, receipts,
 * client signatures, vouchers) is the production code. The broker's credit rule (dispatch only while
 * `vouched + credit >= charged + reserved + max_cost`) and its voucher checks (contracts `checkVoucherAgainst`) are
 * modelled as spec'd, so the client's prepayment runs against them.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address } from '@ton/core';
import { checkVoucherAgainst, decodeVoucherBoc } from '../../contracts/voucher';
import { chrysalis } from '../../proto/generated/chrysalis';
import { ACCOUNT_AUTH_HEADER, encodeAccountAuthMessage, parseAccountAuthHeader } from '../../proto/account-auth';
import { encodeSubmitSigningMessage } from '../../proto/submit-signing';
import { decodeReceipt } from '../../attestation/receipt';
import { decodeBundle } from '../../attestation/bundle/bundle';
import { decodeClaims } from '../../attestation/bundle/claims';
import { lengthPrefix } from '../../sdk/frame-reader';
import { CHANNEL, ed25519Verify, GLOBAL_ID, NOW, type TestWorker } from './fixtures-workers';
import { serveWithWorker, type FaultMode } from './fixtures-serve';

export * from './fixtures-workers';
export { answerFor, type FaultMode } from './fixtures-serve';

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export interface BrokerLog {
  requests: { workerId: string; sealed: Uint8Array; submit: chrysalis.v1.SubmitRequest }[];
  vouchers: {
    channel: string;
    cumulativeNano: number;
    voucher: Uint8Array;
    signature: Uint8Array;
    clientKey: Uint8Array;
    amount: bigint;
    seq: bigint;
    /** How it came: inside a SubmitRequest or posted alone. */
    via: 'request' | 'post';
  }[];
  /** Vouchers refused, with the code. */
  refusedVouchers: string[];
  bodies: Uint8Array[];
  /** Each accepted request's sealed body, opened by the worker (JSON). */
  opened: Record<string, unknown>[];
}

export class FakeBroker {
  server!: Server;
  url = '';
  workers: TestWorker[] = [];
  modes: FaultMode[] = [];
  readonly log: BrokerLog = { requests: [], vouchers: [], refusedVouchers: [], bodies: [], opened: [] };
  private seq = 0;
  private readonly nonces = new Set<string>();
  /** The latest voucher accepted (amount, seq, bytes). */
  vouched = 0n;
  lastSeq = 0n;
  lastVoucher: { voucher: Uint8Array; signature: Uint8Array } | undefined;
  charged = 0n;
  reserved = 0n;
  deposit = 10n ** 15n;
  globalId: number = GLOBAL_ID;
  /** Credit rule: undefined = no check; else dispatch only while vouched + credit >= charged + reserved + max_cost. */
  credit: bigint | undefined;
  /** Forget the next N vouchers sent inside requests (as if the broker lost them), dispatching anyway. */
  loseVouchers = 0;
  /** Overrides of the account answer (tests of syncAccount). */
  account: Record<string, unknown> | undefined;
  /** Whether GET /v1/accounts requires the chrysalis-auth header (default true). */
  requireAuth = true;
  /** Charged receipts by request id (GET /v1/receipts/:requestId serves them). */
  readonly receipts = new Map<string, { receipt: Uint8Array; signature: Uint8Array }>();
  /** When set, GET /v1/receipts answers 503 (the broker cannot be read right now). */
  receiptsDown = false;
  /** The client channel this broker is paid through (vouchers are checked against it). */
  channel: string = CHANNEL;
  /**
   * A hostile broker: `garbage` answers bytes that are no protobuf to the listing and the submission, `stall` never
   * answers them (`-submit`: only the submission), `refuse:<CODE>` refuses submissions with that broker code (e.g. BROKER_UNKNOWN_CLIENT, 403).
   */
  hostile: 'garbage' | 'stall' | 'garbage-submit' | 'stall-submit' | `refuse:${string}` | undefined;
  /** Dies (drops every connection) right after sending the next `accepted` frame. */
  dieAfterAccepted = false;
  /** Requests seen per route (`GET /v1/workers`, `POST /v1/requests`, ...). */
  readonly hits: Record<string, number> = {};

  nextMode(): FaultMode {
    return this.modes.shift() ?? 'ok';
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'BROKER_INTERNAL', message: 'internal error' }));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The broker's voucher checks: decode, then `checkVoucherAgainst` raised to the latest accepted voucher. */
  private acceptVoucher(v: chrysalis.v1.IVoucher, via: 'request' | 'post'): string | undefined {
    try {
      const d = decodeVoucherBoc(v.voucher ?? new Uint8Array(0));
      checkVoucherAgainst(
        { ...d, signature: v.signature ?? new Uint8Array(0) },
        {
          channel: Address.parse(this.channel),
          globalId: this.globalId,
          payerKey: v.clientKey ?? new Uint8Array(0),
          deposit: this.deposit,
          claimed: this.vouched,
          lastSeq: this.lastSeq,
          status: 'open',
        },
      );
      this.vouched = d.amount;
      this.lastSeq = d.seq;
      this.lastVoucher = { voucher: v.voucher!, signature: v.signature! };
      this.log.vouchers.push({
        channel: v.channel ?? '',
        cumulativeNano: Number(v.cumulativeNano ?? 0),
        voucher: v.voucher!,
        signature: v.signature!,
        clientKey: v.clientKey!,
        amount: d.amount,
        seq: d.seq,
        via,
      });
      return undefined;
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'VOUCHER_MALFORMED';
      this.log.refusedVouchers.push(code);
      return code;
    }
  }

  private async body(req: IncomingMessage): Promise<Uint8Array> {
    const parts: Buffer[] = [];
    for await (const p of req) parts.push(p as Buffer);
    const b = new Uint8Array(Buffer.concat(parts));
    this.log.bodies.push(b);
    return b;
  }

  private fail(res: ServerResponse, status: number, code: string): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, message: code }));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = `${req.method} ${url.pathname.startsWith('/v1/accounts/') ? '/v1/accounts' : url.pathname}`;
    this.hits[route] = (this.hits[route] ?? 0) + 1;
    const h = this.hostile;
    if (h && (route === 'POST /v1/requests' || (route === 'GET /v1/workers' && !h.includes('-')))) {
      if (h.startsWith('stall')) return; // never answers
      if (h.startsWith('garbage')) {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end(Buffer.from([0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff]));
        return;
      }
      if (route === 'POST /v1/requests') return this.fail(res, 403, h.slice('refuse:'.length));
    }
    if (req.method === 'GET' && url.pathname === '/v1/workers') {
      const list = chrysalis.v1.WorkerList.encode(
        chrysalis.v1.WorkerList.create({
          brokerId: 'fake',
          protocolVersion: 1,
          workers: this.workers.map((w) => {
            const c = decodeClaims(decodeBundle(w.bundle).claims);
            return chrysalis.v1.WorkerEntry.create({
              workerId: w.workerId,
              modelId: c.modelId,
              promptPriceNano: Number((w.listedPrices ?? w.prices).promptNano),
              completionPriceNano: Number((w.listedPrices ?? w.prices).completionNano),
              bundle: w.bundle,
              bundleDigest: sha256(w.bundle),
              signingPublicKey: c.signingPublicKey,
              hpkePublicKey: c.hpkePublicKey,
              imageId: c.imageId,
              platformId: c.platformId,
              queueDepth: w.queueDepth,
              maxConcurrency: 4,
            });
          }),
        }),
      ).finish();
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end(Buffer.from(list));
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/v1/accounts/')) {
      const keyHex = url.pathname.slice('/v1/accounts/'.length);
      const auth = parseAccountAuthHeader(String(req.headers[ACCOUNT_AUTH_HEADER] ?? ''));
      if (this.requireAuth) {
        if (!auth) return this.fail(res, 401, 'BROKER_AUTH_REQUIRED');
        const key = Buffer.from(keyHex, 'hex');
        if (!ed25519Verify(key, encodeAccountAuthMessage(key, auth.unixSeconds), auth.signature))
          return this.fail(res, 401, 'BROKER_BAD_SIGNATURE');
        if (Math.abs(NOW.getTime() / 1000 - auth.unixSeconds) > 120) return this.fail(res, 401, 'BROKER_AUTH_EXPIRED');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          channel: this.channel,
          depositNano: this.deposit.toString(),
          chargedNano: this.charged.toString(),
          vouchedNano: this.vouched.toString(),
          availableNano: (this.deposit - this.charged).toString(),
          voucher: this.lastVoucher
            ? { voucher: hex(this.lastVoucher.voucher), signature: hex(this.lastVoucher.signature) }
            : null,
          globalId: this.globalId,
          ...this.account,
        }),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/v1/receipts/')) {
      if (this.receiptsDown) return this.fail(res, 503, 'BROKER_INTERNAL');
      const keyHex = url.searchParams.get('clientKey') ?? '';
      const auth = parseAccountAuthHeader(String(req.headers[ACCOUNT_AUTH_HEADER] ?? ''));
      if (!auth) return this.fail(res, 401, 'BROKER_AUTH_REQUIRED');
      const key = Buffer.from(keyHex, 'hex');
      if (key.length !== 32 || !ed25519Verify(key, encodeAccountAuthMessage(key, auth.unixSeconds), auth.signature))
        return this.fail(res, 401, 'BROKER_BAD_SIGNATURE');
      const requestId = decodeURIComponent(url.pathname.slice('/v1/receipts/'.length));
      const r = this.receipts.get(requestId);
      if (!r) return this.fail(res, 404, 'BROKER_RECEIPT_UNKNOWN');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requestId, receipt: hex(r.receipt), signature: hex(r.signature) }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/vouchers') {
      const v = chrysalis.v1.Voucher.decode(await this.body(req));
      const refused = this.acceptVoucher(v, 'post');
      if (refused) return this.fail(res, 409, refused);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ channel: v.channel, cumulativeNano: v.cumulativeNano }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/requests') {
      const s = chrysalis.v1.SubmitRequest.decode(await this.body(req));
      const msg = encodeSubmitSigningMessage({
        sealedDigest: sha256(s.sealed),
        nonce: s.nonce,
        channel: s.channel,
        modelId: s.modelId,
        workerId: s.workerId,
        maxPromptPriceNano: Number(s.maxPromptPriceNano),
        maxCompletionPriceNano: Number(s.maxCompletionPriceNano),
        maxCostNano: Number(s.maxCostNano),
      });
      if (!ed25519Verify(s.clientKey, msg, s.signature)) return this.fail(res, 401, 'BROKER_BAD_SIGNATURE');
      const n = hex(s.nonce);
      if (this.nonces.has(n)) return this.fail(res, 409, 'BROKER_NONCE_REPLAYED');
      this.nonces.add(n);
      const maxCost = BigInt(Number(s.maxCostNano));
      if (maxCost <= 0n) return this.fail(res, 400, 'BROKER_RESERVATION_REQUIRED');
      if (s.voucher) {
        if (this.loseVouchers > 0) this.loseVouchers--;
        else {
          const refused = this.acceptVoucher(s.voucher, 'request');
          if (refused) return this.fail(res, 409, refused);
        }
      }
      if (this.credit !== undefined && this.vouched + this.credit < this.charged + this.reserved + maxCost)
        return this.fail(res, 402, 'BROKER_VOUCHER_REQUIRED');
      const w = this.workers.find((x) => x.workerId === s.workerId);
      if (
        !w ||
        w.prices.promptNano > BigInt(Number(s.maxPromptPriceNano)) ||
        w.prices.completionNano > BigInt(Number(s.maxCompletionPriceNano))
      )
        return this.fail(res, 404, 'BROKER_NO_WORKER');
      this.log.requests.push({ workerId: w.workerId, sealed: s.sealed, submit: s });
      const seq = ++this.seq;
      const mode = this.nextMode();
      this.reserved += maxCost;
      res.writeHead(200, { 'content-type': 'application/x-chrysalis-stream' });
      const frame = (f: chrysalis.v1.StreamFrame.$Properties): void => {
        if (f.receipt) {
          this.charged += decodeReceipt(f.receipt.receipt ?? new Uint8Array(0)).amountNano;
          this.receipts.set(`r${seq}`, { receipt: f.receipt.receipt!, signature: f.receipt.signature! });
          if (mode === 'drop-receipt') return;
        }
        res.write(
          Buffer.from(lengthPrefix(chrysalis.v1.StreamFrame.encode(chrysalis.v1.StreamFrame.create(f)).finish())),
        );
      };
      const accepted =
        mode === 'accept-other-prices'
          ? { promptNano: w.prices.promptNano + 1n, completionNano: w.prices.completionNano }
          : w.prices;
      frame({
        accepted: {
          requestId: `r${seq}`,
          workerId: w.workerId,
          promptPriceNano: Number(accepted.promptNano),
          completionPriceNano: Number(accepted.completionNano),
          maxCostNano: Number(maxCost) + (mode === 'accept-other-cost' ? 1 : 0),
          seq,
        },
      });
      if (this.dieAfterAccepted) {
        this.dieAfterAccepted = false;
        await new Promise((r) => setImmediate(r));
        this.server.closeAllConnections();
        this.server.close();
        return;
      }
      try {
        await serveWithWorker(w, s.sealed, { seq, channel: s.channel, maxCost, mode, log: this.log.opened }, frame);
      } finally {
        this.reserved -= maxCost;
      }
      res.end();
      return;
    }
    this.fail(res, 404, 'BROKER_NOT_FOUND');
  }
}
