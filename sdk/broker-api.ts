/**
 * The broker's client HTTP API (broker/README.md, proto/chrysalis/v1/wire.proto), over `fetch` with protobuf bodies.
 * Nothing the broker says is trusted beyond routing: bundles are re-verified, keys compared with the attested ones,
 * receipts checked against the attested signing key.
 *
 *   GET  /v1/workers              -> WorkerList            (Accept: application/x-protobuf)
 *   POST /v1/requests             SubmitRequest (with an optional prepay Voucher) -> length-prefixed StreamFrame
 *                                 stream (accepted, chunk*, receipt | error)
 *   POST /v1/vouchers             Voucher -> 2xx
 *   GET  /v1/accounts/:clientKey  -> JSON account, authenticated by the `chrysalis-auth` header (proto/account-auth.ts)
 *   GET  /v1/receipts/:requestId?clientKey=<hex> -> JSON { requestId, receipt, signature } (same header), 404
 *                                 BROKER_RECEIPT_UNKNOWN when nothing was charged
 */
import { ACCOUNT_AUTH_HEADER } from '../proto/account-auth';
import { chrysalis } from '../proto/generated/chrysalis';
import { SdkError } from './errors';
import { readLengthPrefixed } from './frame-reader';
import { fromHex, toHex } from './bytes';
import type { WorkerListing } from './types';

const PROTOBUF = 'application/x-protobuf';

export interface SubmitParams {
  readonly workerId: string;
  readonly modelId: Uint8Array;
  readonly sealed: Uint8Array;
  readonly clientKey: Uint8Array;
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  readonly channel: string;
  readonly maxPromptPriceNano: bigint;
  readonly maxCompletionPriceNano: bigint;
  /** The reservation: the most this request may cost. */
  readonly maxCostNano: bigint;
  /** Prepay voucher sent with the request. */
  readonly voucher?: VoucherPost;
}

export type StreamEvent =
  | {
      readonly kind: 'accepted';
      readonly requestId: string;
      readonly workerId: string;
      readonly promptPriceNano: bigint;
      readonly completionPriceNano: bigint;
      readonly maxCostNano: bigint;
      readonly seq: bigint;
    }
  | { readonly kind: 'chunk'; readonly frame: Uint8Array }
  | { readonly kind: 'receipt'; readonly receipt: Uint8Array; readonly signature: Uint8Array }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly fatal: boolean };

export interface VoucherPost {
  readonly channel: string;
  readonly cumulativeNano: bigint;
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  readonly clientKey: Uint8Array;
}

/** `GET /v1/accounts/:clientKey` (amounts in nanotons). */
export interface BrokerAccount {
  readonly channel: string;
  readonly depositNano: bigint;
  readonly chargedNano: bigint;
  readonly vouchedNano: bigint;
  readonly availableNano: bigint;
  /** The latest voucher the broker holds for the channel (to be verified by the caller), or null. */
  readonly voucher: { readonly voucher: Uint8Array; readonly signature: Uint8Array } | null;
  /** The network id the broker settles on, when it says. */
  readonly globalId?: number;
}

/** What the SDK needs from a broker; `HttpBrokerApi` is the real one, tests may substitute their own. */
export interface BrokerApi {
  listWorkers(filter?: { readonly modelId?: string }, signal?: AbortSignal): Promise<WorkerListing[]>;
  /** `auth` is the `chrysalis-auth` header value (`<unix seconds>.<hex signature>`). */
  getAccount(clientKeyHex: string, auth: string, signal?: AbortSignal): Promise<BrokerAccount>;
  submit(params: SubmitParams, signal?: AbortSignal): Promise<AsyncIterable<StreamEvent>>;
  postVoucher(v: VoucherPost, signal?: AbortSignal): Promise<void>;
  /**
   * The receipt the broker charged for `requestId` (this client's), or null when it charged nothing
   * (404 BROKER_RECEIPT_UNKNOWN). `auth` as for `getAccount`. Optional: without it receipts are not recovered.
   */
  getReceipt?(
    requestId: string,
    clientKeyHex: string,
    auth: string,
    signal?: AbortSignal,
  ): Promise<BrokerReceipt | null>;
}

/** `GET /v1/receipts/:requestId`: the receipt bytes and the worker's signature, to be verified by the caller. */
export interface BrokerReceipt {
  readonly receipt: Uint8Array;
  readonly signature: Uint8Array;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function toBig(n: number | bigint | { toString(): string } | null | undefined): bigint {
  if (n === null || n === undefined) return 0n;
  return typeof n === 'bigint' ? n : BigInt(n.toString());
}

function toUint64Number(v: bigint, what: string): number {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new SdkError('SDK_REQUEST_INVALID', `${what} out of range`);
  return Number(v);
}

function voucherMessage(v: VoucherPost): chrysalis.v1.Voucher {
  return chrysalis.v1.Voucher.create({
    channel: v.channel,
    cumulativeNano: toUint64Number(v.cumulativeNano, 'cumulativeNano'),
    voucher: v.voucher,
    signature: v.signature,
    clientKey: v.clientKey,
  });
}

/** The account answer's `voucher`: `{ voucher: <hex BoC>, signature: <128 hex> }` or null/absent. */
function accountVoucher(v: unknown): BrokerAccount['voucher'] {
  if (v === null || v === undefined) return null;
  const o = v as { voucher?: unknown; signature?: unknown };
  if (
    typeof o !== 'object' ||
    typeof o.voucher !== 'string' ||
    !/^([0-9a-fA-F]{2})+$/.test(o.voucher) ||
    typeof o.signature !== 'string' ||
    !/^[0-9a-fA-F]{128}$/.test(o.signature)
  ) {
    throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'account field voucher is malformed');
  }
  return { voucher: fromHex(o.voucher), signature: fromHex(o.signature) };
}

export class HttpBrokerApi implements BrokerApi {
  private readonly base: string;
  private readonly fetchFn: FetchLike;

  constructor(baseUrl: string, opts: { readonly fetch?: FetchLike } = {}) {
    let u: URL;
    try {
      u = new URL(baseUrl);
    } catch (cause) {
      throw new SdkError('SDK_CONFIG_INVALID', 'broker URL is not a valid URL', { cause });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new SdkError('SDK_CONFIG_INVALID', 'broker URL must be http(s)');
    this.base = u.toString().replace(/\/+$/, '');
    const f = opts.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!f) throw new SdkError('SDK_CONFIG_INVALID', 'no fetch implementation available');
    this.fetchFn = f;
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, init);
    } catch (cause) {
      if (init.signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted', { cause });
      throw new SdkError('SDK_BROKER_UNREACHABLE', 'broker unreachable', { cause, retryable: true });
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let code = '';
    let message = '';
    try {
      const j = JSON.parse(text) as {
        code?: unknown;
        message?: unknown;
        error?: { code?: unknown; message?: unknown };
      };
      const src = j.error && typeof j.error === 'object' ? j.error : j;
      if (typeof src.code === 'string') code = src.code;
      if (typeof src.message === 'string') message = src.message;
    } catch {
      /* non-JSON error body */
    }
    const details = { status: res.status, brokerCode: code };
    if (res.status === 429) {
      const ra = Number(res.headers.get('retry-after'));
      throw new SdkError('SDK_RATE_LIMITED', message || 'broker is rate limiting', {
        details: { ...details, retryAfterS: Number.isFinite(ra) ? ra : undefined },
        retryable: true,
      });
    }
    throw new SdkError('SDK_BROKER_ERROR', `broker answered ${res.status}${code ? ` ${code}` : ''}`, {
      details,
      retryable: res.status >= 500,
    });
  }

  async getAccount(clientKeyHex: string, auth: string, signal?: AbortSignal): Promise<BrokerAccount> {
    if (!/^[0-9a-f]{64}$/.test(clientKeyHex))
      throw new SdkError('SDK_REQUEST_INVALID', 'client key must be 64 lower-case hex digits');
    const res = await this.call(`/v1/accounts/${clientKeyHex}`, {
      method: 'GET',
      headers: { accept: 'application/json', [ACCOUNT_AUTH_HEADER]: auth },
      ...(signal ? { signal } : {}),
    });
    let j: Record<string, unknown>;
    try {
      j = (await res.json()) as Record<string, unknown>;
    } catch (cause) {
      throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'account answer is not JSON', { cause });
    }
    const big = (k: string): bigint => {
      const v = j[k];
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
      if (typeof v === 'string' && /^[0-9]+$/.test(v)) return BigInt(v);
      throw new SdkError('SDK_BROKER_RESPONSE_INVALID', `account field ${k} missing or invalid`);
    };
    return {
      channel: typeof j.channel === 'string' ? j.channel : '',
      depositNano: big('depositNano'),
      chargedNano: big('chargedNano'),
      vouchedNano: big('vouchedNano'),
      availableNano: big('availableNano'),
      voucher: accountVoucher(j.voucher),
      ...(typeof j.globalId === 'number' && Number.isInteger(j.globalId) ? { globalId: j.globalId } : {}),
    };
  }

  async getReceipt(
    requestId: string,
    clientKeyHex: string,
    auth: string,
    signal?: AbortSignal,
  ): Promise<BrokerReceipt | null> {
    if (!/^[0-9a-f]{64}$/.test(clientKeyHex))
      throw new SdkError('SDK_REQUEST_INVALID', 'client key must be 64 lower-case hex digits');
    let res: Response;
    try {
      res = await this.call(`/v1/receipts/${encodeURIComponent(requestId)}?clientKey=${clientKeyHex}`, {
        method: 'GET',
        headers: { accept: 'application/json', [ACCOUNT_AUTH_HEADER]: auth },
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (e instanceof SdkError && e.details?.brokerCode === 'BROKER_RECEIPT_UNKNOWN') return null;
      throw e;
    }
    let j: { receipt?: unknown; signature?: unknown };
    try {
      j = (await res.json()) as { receipt?: unknown; signature?: unknown };
    } catch (cause) {
      throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'receipt answer is not JSON', { cause });
    }
    if (
      typeof j.receipt !== 'string' ||
      !/^([0-9a-fA-F]{2})+$/.test(j.receipt) ||
      typeof j.signature !== 'string' ||
      !/^[0-9a-fA-F]{128}$/.test(j.signature)
    )
      throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'receipt answer is malformed');
    return { receipt: fromHex(j.receipt), signature: fromHex(j.signature) };
  }

  async listWorkers(filter: { readonly modelId?: string } = {}, signal?: AbortSignal): Promise<WorkerListing[]> {
    const q = filter.modelId ? `?model=${encodeURIComponent(filter.modelId)}` : '';
    const res = await this.call(`/v1/workers${q}`, {
      method: 'GET',
      headers: { accept: PROTOBUF },
      ...(signal ? { signal } : {}),
    });
    const body = new Uint8Array(await res.arrayBuffer());
    let list: chrysalis.v1.WorkerList;
    try {
      list = chrysalis.v1.WorkerList.decode(body);
    } catch (cause) {
      throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'worker list is not a valid WorkerList', { cause });
    }
    return list.workers.map((w) => {
      const modelId = toHex(w.modelId ?? new Uint8Array(0));
      const named = (w as unknown as { modelName?: unknown }).modelName;
      const listing: WorkerListing = {
        workerId: w.workerId ?? '',
        model: typeof named === 'string' && named ? named : modelId,
        modelId,
        prices: { promptNano: toBig(w.promptPriceNano), completionNano: toBig(w.completionPriceNano) },
        load: (w.queueDepth ?? 0) / Math.max(1, w.maxConcurrency ?? 1),
        bundle: new Uint8Array(w.bundle ?? []),
        ...(w.hpkePublicKey?.length ? { hpkePublicKey: new Uint8Array(w.hpkePublicKey) } : {}),
        ...(w.signingPublicKey?.length ? { signingPublicKey: new Uint8Array(w.signingPublicKey) } : {}),
      };
      return listing;
    });
  }

  async submit(p: SubmitParams, signal?: AbortSignal): Promise<AsyncIterable<StreamEvent>> {
    const msg = chrysalis.v1.SubmitRequest.encode(
      chrysalis.v1.SubmitRequest.create({
        workerId: p.workerId,
        modelId: p.modelId,
        sealed: p.sealed,
        clientKey: p.clientKey,
        nonce: p.nonce,
        signature: p.signature,
        channel: p.channel,
        maxPromptPriceNano: toUint64Number(p.maxPromptPriceNano, 'maxPromptPriceNano'),
        maxCompletionPriceNano: toUint64Number(p.maxCompletionPriceNano, 'maxCompletionPriceNano'),
        maxCostNano: toUint64Number(p.maxCostNano, 'maxCostNano'),
        ...(p.voucher ? { voucher: voucherMessage(p.voucher) } : {}),
      }),
    ).finish();
    const res = await this.call('/v1/requests', {
      method: 'POST',
      headers: { 'content-type': PROTOBUF, accept: 'application/x-chrysalis-stream' },
      body: msg,
      ...(signal ? { signal } : {}),
    });
    if (!res.body) throw new SdkError('SDK_BROKER_RESPONSE_INVALID', 'request stream has no body');
    return decodeStream(res.body as unknown as AsyncIterable<Uint8Array>, signal);
  }

  async postVoucher(v: VoucherPost, signal?: AbortSignal): Promise<void> {
    const msg = chrysalis.v1.Voucher.encode(voucherMessage(v)).finish();
    const res = await this.call('/v1/vouchers', {
      method: 'POST',
      headers: { 'content-type': PROTOBUF },
      body: msg,
      ...(signal ? { signal } : {}),
    });
    await res.arrayBuffer().catch(() => undefined);
  }
}

/** Decodes StreamFrames from a length-prefixed body into StreamEvents (throws SDK_STREAM_* on damage). */
export async function* decodeStream(
  body: AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<StreamEvent> {
  try {
    for await (const raw of readLengthPrefixed(body)) {
      let f: chrysalis.v1.StreamFrame;
      try {
        f = chrysalis.v1.StreamFrame.decode(raw);
      } catch (cause) {
        throw new SdkError('SDK_STREAM_CORRUPT', 'undecodable stream frame', { cause });
      }
      if (f.accepted) {
        yield {
          kind: 'accepted',
          requestId: f.accepted.requestId ?? '',
          workerId: f.accepted.workerId ?? '',
          promptPriceNano: toBig(f.accepted.promptPriceNano),
          completionPriceNano: toBig(f.accepted.completionPriceNano),
          maxCostNano: toBig(f.accepted.maxCostNano),
          seq: toBig(f.accepted.seq),
        };
      } else if (f.chunk) {
        yield { kind: 'chunk', frame: new Uint8Array(f.chunk.frame ?? []) };
      } else if (f.receipt) {
        yield {
          kind: 'receipt',
          receipt: new Uint8Array(f.receipt.receipt ?? []),
          signature: new Uint8Array(f.receipt.signature ?? []),
        };
      } else if (f.error) {
        yield {
          kind: 'error',
          code: f.error.code ?? '',
          message: f.error.message ?? '',
          fatal: f.error.fatal !== false,
        };
      } else {
        throw new SdkError('SDK_STREAM_CORRUPT', 'empty stream frame');
      }
    }
  } catch (e) {
    if (e instanceof SdkError) throw e;
    if (signal?.aborted) throw new SdkError('SDK_ABORTED', 'request aborted', { cause: e });
    // The connection broke mid-body.
    throw new SdkError('SDK_STREAM_TRUNCATED', 'request stream broke off', { cause: e });
  }
}
