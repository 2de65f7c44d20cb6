import type { IncomingHttpHeaders } from 'node:http';
import { BrokerError } from './errors';
import { v1, toNum, bytes } from './wire';
import type { chrysalis } from '../proto/generated/chrysalis';
import type { Submit, VoucherInput } from './services/relay';

export type { VoucherInput };

/** What the decoders read of a request: its headers and its raw body (an express Request, or the relay fast path). */
export interface BodyRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
}

const PROTO_TYPES = ['application/x-protobuf', 'application/protobuf', 'application/octet-stream'];

function isProto(req: BodyRequest): boolean {
  const ct = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (PROTO_TYPES.includes(ct)) return true;
  if (ct === 'application/json') return false;
  throw new BrokerError('BROKER_UNSUPPORTED_MEDIA_TYPE', 'use application/x-protobuf or application/json');
}

/** Decodes a body as protobuf or JSON (protobufjs toObject form, bytes base64) into a message. */
function decodeBody<T>(
  req: BodyRequest,
  type: { decode(b: Uint8Array): T; fromObject(o: Record<string, unknown>): T },
): T {
  const raw = req.body as unknown;
  const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  try {
    if (isProto(req)) return type.decode(body);
    const obj = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error('not an object');
    return type.fromObject(obj as Record<string, unknown>);
  } catch (err) {
    if (err instanceof BrokerError) throw err;
    throw new BrokerError('BROKER_BAD_REQUEST', 'body does not decode', { cause: err });
  }
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new BrokerError('BROKER_BAD_REQUEST', `invalid ${what}`);
}
const CHANNEL_RE = /^[A-Za-z0-9:_\-+/=]{1,128}$/;
const WORKER_ID_RE = /^([0-9a-f]{64})?$/;

export function decodeSubmit(req: BodyRequest): Submit {
  const m = decodeBody(req, v1.SubmitRequest);
  const s: Submit = {
    workerId: (m.workerId ?? '').toLowerCase(),
    modelId: bytes(m.modelId),
    sealed: bytes(m.sealed),
    clientKey: bytes(m.clientKey),
    nonce: bytes(m.nonce),
    signature: bytes(m.signature),
    channel: m.channel ?? '',
    maxPromptPriceNano: toNum(m.maxPromptPriceNano),
    maxCompletionPriceNano: toNum(m.maxCompletionPriceNano),
    maxCostNano: toNum(m.maxCostNano),
    ...(m.voucher ? { voucher: voucherInput(m.voucher) } : {}),
  };
  check(WORKER_ID_RE.test(s.workerId), 'workerId');
  check(s.modelId.length === 32, 'modelId');
  check(s.sealed.length > 0, 'sealed');
  check(s.clientKey.length === 32, 'clientKey');
  check(s.nonce.length >= 16 && s.nonce.length <= 64, 'nonce');
  check(s.signature.length === 64, 'signature');
  check(CHANNEL_RE.test(s.channel), 'channel');
  check(isAmount(s.maxPromptPriceNano), 'maxPromptPriceNano');
  check(isAmount(s.maxCompletionPriceNano), 'maxCompletionPriceNano');
  // 0 passes here: AccountService.authorize refuses it with BROKER_RESERVATION_REQUIRED.
  check(isAmount(s.maxCostNano), 'maxCostNano');
  if (s.voucher) {
    // A voucher riding on a request is the requesting client's own, for the request's channel.
    check(Buffer.from(s.voucher.clientKey).equals(Buffer.from(s.clientKey)), 'voucher.clientKey');
    check(s.voucher.channel === s.channel, 'voucher.channel');
  }
  return s;
}

function isAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Validates a chrysalis.v1.Voucher (the POST /v1/vouchers body, or SubmitRequest.voucher). */
function voucherInput(m: chrysalis.v1.IVoucher): VoucherInput {
  const v: VoucherInput = {
    channel: m.channel ?? '',
    cumulativeNano: toNum(m.cumulativeNano),
    voucher: bytes(m.voucher),
    signature: bytes(m.signature),
    clientKey: bytes(m.clientKey),
  };
  check(CHANNEL_RE.test(v.channel), 'channel');
  check(Number.isSafeInteger(v.cumulativeNano) && v.cumulativeNano > 0, 'cumulativeNano');
  check(v.voucher.length > 0 && v.voucher.length <= 4096, 'voucher');
  check(v.signature.length === 64, 'signature');
  check(v.clientKey.length === 32, 'clientKey');
  return v;
}

export function decodeVoucher(req: BodyRequest): VoucherInput {
  return voucherInput(decodeBody(req, v1.Voucher));
}
