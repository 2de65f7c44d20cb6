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
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address } from '@ton/core';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { checkVoucherAgainst, decodeVoucherBoc } from '../../contracts/voucher';
import { chrysalis } from '../../proto/generated/chrysalis';
import { ACCOUNT_AUTH_HEADER, encodeAccountAuthMessage, parseAccountAuthHeader } from '../../proto/account-auth';
import {
  encodeResponseChunk,
  generateHpkeKeyPair,
  openRequest,
  type HpkeKeyPair,
  type ResponseChunk,
} from '../../proto/sealing';
import { encodeSubmitSigningMessage } from '../../proto/submit-signing';
import { decodeReceipt, signReceipt } from '../../attestation/receipt';
import { bindingReportData } from '../../attestation/bundle/binding';
import { decodeBundle, encodeBundle } from '../../attestation/bundle/bundle';
import { decodeClaims, encodeClaims, type WorkerClaims } from '../../attestation/bundle/claims';
import { lengthPrefix } from '../../sdk/frame-reader';
import type { BundleIdentity } from '../../sdk/attested';
import type { ModelPrice } from '../../sdk/types';

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519FromSeed(seed: Uint8Array): { seed: Uint8Array; publicKey: Uint8Array } {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const pub = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(SPKI.length);
  return { seed, publicKey: new Uint8Array(pub) };
}
export function ed25519Sign(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return new Uint8Array(
    sign(null, msg, createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' })),
  );
}
export function ed25519Verify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    return verify(null, msg, createPublicKey({ key: Buffer.concat([SPKI, pub]), format: 'der', type: 'spki' }), sig);
  } catch {
    return false;
  }
}
const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A fixed test root (SIMULATED attestation root). */
export const TEST_ROOT = ed25519FromSeed(new Uint8Array(32).fill(42));
export const MODEL_ID = sha256(Buffer.from('tiny@1:weights'));
export const MODEL_HEX = hex(MODEL_ID);
export const IMAGE_ID = sha256(Buffer.from('image'));
export const PLATFORM_ID = sha256(Buffer.from('platform'));
export const CHANNEL = new Address(0, Buffer.alloc(32, 7)).toString();
export const CLIENT_SEED = new Uint8Array(32).fill(9);
/** Pinned "now" for bundle freshness. */
export const NOW = new Date('2026-11-25T20:00:00Z');
/** The network the test channel's vouchers name. */
export const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;
/** A test worker's committed prices (the default). */
export const WORKER_PRICES: ModelPrice = { promptNano: 100n, completionNano: 100n };
/** The registry's prices of the test model: the client's default cap. */
export const REGISTRY_PRICES: ModelPrice = { promptNano: 150n, completionNano: 200n };
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = { [hex(MODEL_ID)]: REGISTRY_PRICES };

export interface TestWorker {
  readonly workerId: string;
  hpke: HpkeKeyPair;
  signing: { seed: Uint8Array; publicKey: Uint8Array };
  bundle: Uint8Array;
  /** Committed in the claims. */
  prices: ModelPrice;
  /** What the broker advertises (default: the committed prices). */
  listedPrices?: ModelPrice;
  queueDepth: number;
}

export async function makeTestWorker(
  opts: { modelId?: Uint8Array; prices?: ModelPrice; root?: typeof TEST_ROOT } = {},
): Promise<TestWorker> {
  const prices = opts.prices ?? WORKER_PRICES;
  const hpke = await generateHpkeKeyPair();
  const signing = ed25519FromSeed(new Uint8Array(randomBytes(32)));
  const claims: WorkerClaims = {
    version: 1,
    hpkePublicKey: hpke.publicKey,
    signingPublicKey: signing.publicKey,
    imageId: IMAGE_ID,
    platformId: PLATFORM_ID,
    modelId: opts.modelId ?? MODEL_ID,
    gpuEvidenceDigest: new Uint8Array(32),
    gpuCount: 0,
    brokerChallenge: new Uint8Array(32).fill(1),
    issuedAt: Math.floor(NOW.getTime() / 1000) - 60,
    workerVersion: 'test',
    configDigest: new Uint8Array(0),
    promptPriceNano: prices.promptNano,
    completionPriceNano: prices.completionNano,
  };
  const claimsBytes = encodeClaims(claims);
  // SIMULATED quote: the test root's signature over REPORTDATA.
  const quote = ed25519Sign((opts.root ?? TEST_ROOT).seed, bindingReportData(claimsBytes));
  const bundle = encodeBundle({ version: 1, claims: claimsBytes, tdxQuote: quote, gpus: [], runtimeEvents: [] });
  return {
    workerId: hex(sha256(signing.publicKey)),
    hpke,
    signing,
    bundle,
    prices,
    queueDepth: 0,
  };
}

/** Fail-closed verifier for the SIMULATED bundles above (real claims decoding and binding; Ed25519 in place of DCAP). */
export function testBundleVerifier(allowedModels: readonly string[] = [MODEL_HEX]) {
  return (bytes: Uint8Array): BundleIdentity => {
    const b = decodeBundle(bytes);
    const c = decodeClaims(b.claims);
    if (!ed25519Verify(TEST_ROOT.publicKey, bindingReportData(b.claims), b.tdxQuote)) {
      throw Object.assign(new Error('simulated quote signature invalid'), { code: 'BUNDLE_TDX_INVALID' });
    }
    if (!allowedModels.includes(hex(c.modelId)))
      throw Object.assign(new Error('model not allowed'), { code: 'BUNDLE_POLICY_REJECTED' });
    return {
      hpkePublicKey: c.hpkePublicKey,
      signingPublicKey: c.signingPublicKey,
      imageId: hex(c.imageId),
      platformId: hex(c.platformId),
      modelId: hex(c.modelId),
      prices: { promptNano: c.promptPriceNano, completionNano: c.completionPriceNano },
      tcbStatus: 'UpToDate',
    };
  };
}

export type FaultMode =
  | 'ok'
  | 'truncate' // body ends after the first sealed frame
  | 'wrong-key-receipt' // receipt signed by a key that is not the attested one
  | 'no-receipt' // final frame, then the body ends
  | 'lost-before-first' // terminal error BROKER_WORKER_LOST (fatal false) before any chunk
  | 'tamper-frame' // one bit flipped in a sealed frame
  | 'inflate-tokens' // receipt claims more completion tokens than the sealed usage
  | 'other-prices' // receipt signed at prices other than the committed ones
  | 'accept-other-prices' // the accepted frame names prices other than the committed ones
  | 'accept-other-cost' // the accepted frame names another max_cost_nano
  | 'worker-error' // final sealed frame is {"error": {...}} (inference failed after the request opened)
  | 'drop-receipt'; // the broker charges the receipt (GET /v1/receipts serves it) but the stream ends before it

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

/** The answer a test worker gives: deterministic words from the prompt. */
export function answerFor(prompt: string): string[] {
  return ['Echo', ':', ...prompt.split(/\s+/).filter(Boolean)].map((w, i) => (i === 0 ? w : ` ${w}`));
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
          channel: Address.parse(CHANNEL),
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
          channel: CHANNEL,
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

/** The in-test worker: opens the request (real HPKE), answers in sealed frames, signs a real receipt. */
async function serveWithWorker(
  w: TestWorker,
  sealed: Uint8Array,
  meta: { seq: number; channel: string; maxCost: bigint; mode: FaultMode; log: Record<string, unknown>[] },
  frame: (f: chrysalis.v1.StreamFrame.$Properties) => void,
): Promise<void> {
  const requestId = `r${meta.seq}`;
  if (meta.mode === 'lost-before-first') {
    frame({ error: { code: 'BROKER_WORKER_LOST', message: 'worker lost', fatal: false } });
    return;
  }
  let opened;
  try {
    opened = await openRequest(w.hpke, sealed);
  } catch {
    frame({ error: { code: 'WORKER_SEAL_OPEN_FAILED', message: 'cannot open', fatal: false } });
    return;
  }
  const body = JSON.parse(Buffer.from(opened.plaintext).toString('utf8')) as {
    messages: { content: string }[];
    max_tokens?: number;
    max_cost_nano?: string;
  };
  meta.log.push(body);
  const prompt = body.messages.map((m) => m.content).join(' ');
  let words = answerFor(body.messages[body.messages.length - 1]?.content ?? '');
  let finishReason = 'stop';
  if (body.max_tokens !== undefined && words.length > body.max_tokens) {
    words = words.slice(0, body.max_tokens);
    finishReason = 'length';
  }
  const promptTokens = prompt.split(/\s+/).filter(Boolean).length;
  // The worker's cost cap: min(sealed, dispatched) max_cost_nano; completion tokens stop where the cap is spent.
  const sealedCap = body.max_cost_nano === undefined ? meta.maxCost : BigInt(body.max_cost_nano);
  const cap = sealedCap < meta.maxCost ? sealedCap : meta.maxCost;
  const promptCost = w.prices.promptNano * BigInt(promptTokens);
  if (promptCost > cap) {
    frame({ error: { code: 'WORKER_BUDGET_EXCEEDED', message: 'budget exceeded', fatal: true } });
    return;
  }
  if (w.prices.completionNano > 0n) {
    const most = Number((cap - promptCost) / w.prices.completionNano);
    if (words.length > most) {
      words = words.slice(0, most);
      finishReason = 'length';
    }
  }
  const frames: Uint8Array[] = [];
  const enc = (o: ResponseChunk): Uint8Array => encodeResponseChunk(o);
  for (const word of words) frames.push(opened.responder.seal(enc({ text: word }), false));
  // proto/sealing/response-chunk.ts: the final frame carries finish_reason and usage.
  frames.push(
    opened.responder.seal(
      meta.mode === 'worker-error'
        ? enc({ error: { code: 'WORKER_ENGINE_FAILED' } })
        : enc({
            finish_reason: finishReason as 'stop' | 'length',
            usage: { prompt_tokens: promptTokens, completion_tokens: words.length },
          }),
      true,
    ),
  );
  const responseDigest = sha256(Buffer.concat(frames));
  if (meta.mode === 'tamper-frame') {
    const f = frames[1]!;
    f[f.length - 1]! ^= 1;
  }
  for (const [i, f] of frames.entries()) {
    frame({ chunk: { requestId, frame: f } });
    if (meta.mode === 'truncate' && i === 0) return;
  }
  if (meta.mode === 'no-receipt' || meta.mode === 'worker-error') return;
  const signer = meta.mode === 'wrong-key-receipt' ? ed25519FromSeed(new Uint8Array(32).fill(3)) : w.signing;
  const { bytes, signature } = signReceipt(
    {
      requestDigest: sha256(sealed),
      responseDigest,
      modelId: decodeClaims(decodeBundle(w.bundle).claims).modelId,
      promptTokens,
      completionTokens: words.length + (meta.mode === 'inflate-tokens' ? 5 : 0),
      promptPriceNano: w.prices.promptNano + (meta.mode === 'other-prices' ? 1n : 0n),
      completionPriceNano: w.prices.completionNano,
      channel: meta.channel,
      seq: BigInt(meta.seq),
      workerKey: meta.mode === 'wrong-key-receipt' ? signer.publicKey : w.signing.publicKey,
    },
    signer.seed,
  );
  frame({ receipt: { requestId, receipt: bytes, signature } });
}

/** Flip one bit of a bundle inside its claims (so the simulated quote no longer covers them). */
export function tamperBundle(bundle: Uint8Array): Uint8Array {
  const b = decodeBundle(bundle);
  const claims = new Uint8Array(b.claims);
  const c = decodeClaims(claims);
  const changed = encodeClaims({ ...c, issuedAt: c.issuedAt + 1 });
  return encodeBundle({ ...b, claims: changed });
}
