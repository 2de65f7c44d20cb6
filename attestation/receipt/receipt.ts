/**
 * Worker receipts: a canonical, fixed-layout binary encoding signed with the worker's attested Ed25519 key.
 *
 * Layout (integers big-endian; total 212 bytes for a 32-byte channel, 216 for a TON address):
 *   off  size  field
 *     0    18  domain  "chrysalis/receipt\0"
 *    18     1  version (= 1)
 *    19    32  requestDigest    SHA-256 of the exact sealed request bytes
 *    51    32  responseDigest   SHA-256 over the sealed response frames, concatenated in order
 *    83    32  modelId          (model id, SHA-256; see scripts/make-tiny-model.ts)
 *   115     4  promptTokens     u32
 *   119     4  completionTokens u32
 *   123     8  priceNano        u64, nanotons per token
 *   131     8  amountNano       u64, = priceNano * (promptTokens + completionTokens)
 *   139     8  seq              u64, per-channel sequence number
 *   147    32  workerKey        Ed25519 raw public key
 *   179     1  channel kind     0 = 32 raw bytes, 1 = TON address (i32 workchain + 32-byte account hash)
 *   180  32|36 channel
 * The Ed25519 signature (64 bytes) is over these exact bytes (the domain prefix keeps it from ever being valid
 * for another chrysalis message). Pure: no clock, no I/O.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { ed25519PrivateKey, ed25519PublicKey as ed25519KeyFromRaw, ed25519RawPublicKey } from '../../core/ed25519';
import { Address } from '@ton/core';
import { ReceiptError } from './errors';

export const RECEIPT_DOMAIN = Buffer.from('chrysalis/receipt\0', 'latin1');
export const RECEIPT_VERSION = 1;
const OFF_VERSION = 18;
const OFF_REQ = 19;
const OFF_RESP = 51;
const OFF_MODEL = 83;
const OFF_PROMPT = 115;
const OFF_COMPLETION = 119;
const OFF_PRICE = 123;
const OFF_AMOUNT = 131;
const OFF_SEQ = 139;
const OFF_WORKER = 147;
const OFF_CHANNEL_KIND = 179;
const OFF_CHANNEL = 180;
const CHANNEL_RAW = 0;
const CHANNEL_TON = 1;
const U64_MAX = (1n << 64n) - 1n;

/** A receipt. `channel` is 32 raw bytes or a TON address string (any form `Address.parse` accepts; decoded as raw `wc:hex`). */
export interface Receipt {
  readonly requestDigest: Uint8Array;
  readonly responseDigest: Uint8Array;
  readonly modelId: Uint8Array;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly priceNano: bigint;
  /** Optional on input (computed); always present on decode. */
  readonly amountNano?: bigint;
  readonly channel: Uint8Array | string;
  readonly seq: bigint;
  readonly workerKey: Uint8Array;
}

/** The amount a receipt charges: priceNano * (promptTokens + completionTokens). */
export function receiptAmount(r: Pick<Receipt, 'priceNano' | 'promptTokens' | 'completionTokens'>): bigint {
  return r.priceNano * BigInt(r.promptTokens + r.completionTokens);
}

function field(cond: boolean, name: string): void {
  if (!cond)
    throw new ReceiptError('RECEIPT_FIELD_INVALID', `receipt field ${name} is invalid`, { details: { field: name } });
}
const is32 = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.length === 32;
const isU32 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffffffff;
const isU64 = (n: unknown): n is bigint => typeof n === 'bigint' && n >= 0n && n <= U64_MAX;

/** Canonical bytes of a receipt. Throws RECEIPT_FIELD_INVALID. */
export function encodeReceipt(r: Receipt): Uint8Array {
  field(is32(r.requestDigest), 'requestDigest');
  field(is32(r.responseDigest), 'responseDigest');
  field(is32(r.modelId), 'modelId');
  field(isU32(r.promptTokens), 'promptTokens');
  field(isU32(r.completionTokens), 'completionTokens');
  field(isU64(r.priceNano), 'priceNano');
  field(isU64(r.seq), 'seq');
  field(is32(r.workerKey), 'workerKey');
  const amount = receiptAmount(r);
  field(isU64(amount), 'amountNano');
  field(r.amountNano === undefined || r.amountNano === amount, 'amountNano');
  let channel: Buffer;
  let kind: number;
  if (typeof r.channel === 'string') {
    let a: Address;
    try {
      a = Address.parse(r.channel);
    } catch {
      throw new ReceiptError('RECEIPT_FIELD_INVALID', 'receipt channel is not a TON address', {
        details: { field: 'channel' },
      });
    }
    kind = CHANNEL_TON;
    channel = Buffer.alloc(36);
    channel.writeInt32BE(a.workChain, 0);
    a.hash.copy(channel, 4);
  } else {
    field(is32(r.channel), 'channel');
    kind = CHANNEL_RAW;
    channel = Buffer.from(r.channel);
  }
  const out = Buffer.alloc(OFF_CHANNEL + channel.length);
  RECEIPT_DOMAIN.copy(out, 0);
  out[OFF_VERSION] = RECEIPT_VERSION;
  out.set(r.requestDigest, OFF_REQ);
  out.set(r.responseDigest, OFF_RESP);
  out.set(r.modelId, OFF_MODEL);
  out.writeUInt32BE(r.promptTokens, OFF_PROMPT);
  out.writeUInt32BE(r.completionTokens, OFF_COMPLETION);
  out.writeBigUInt64BE(r.priceNano, OFF_PRICE);
  out.writeBigUInt64BE(amount, OFF_AMOUNT);
  out.writeBigUInt64BE(r.seq, OFF_SEQ);
  out.set(r.workerKey, OFF_WORKER);
  out[OFF_CHANNEL_KIND] = kind;
  channel.copy(out, OFF_CHANNEL);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Parse receipt bytes (structure and consistency only). Throws RECEIPT_MALFORMED, RECEIPT_VERSION_UNSUPPORTED, RECEIPT_FIELD_INVALID. */
export function decodeReceipt(bytes: Uint8Array): Receipt & { readonly amountNano: bigint } {
  if (!(bytes instanceof Uint8Array) || bytes.length < OFF_CHANNEL)
    throw new ReceiptError('RECEIPT_MALFORMED', 'receipt too short');
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!b.subarray(0, RECEIPT_DOMAIN.length).equals(RECEIPT_DOMAIN))
    throw new ReceiptError('RECEIPT_MALFORMED', 'receipt domain prefix missing');
  if (b[OFF_VERSION] !== RECEIPT_VERSION)
    throw new ReceiptError('RECEIPT_VERSION_UNSUPPORTED', `receipt version ${b[OFF_VERSION]} not supported`);
  const kind = b[OFF_CHANNEL_KIND];
  const expectLen = kind === CHANNEL_RAW ? OFF_CHANNEL + 32 : kind === CHANNEL_TON ? OFF_CHANNEL + 36 : -1;
  if (b.length !== expectLen) throw new ReceiptError('RECEIPT_MALFORMED', 'receipt channel kind or length invalid');
  const copy = (o: number, n = 32): Uint8Array => new Uint8Array(b.subarray(o, o + n));
  const channel =
    kind === CHANNEL_RAW
      ? copy(OFF_CHANNEL)
      : `${b.readInt32BE(OFF_CHANNEL)}:${b.subarray(OFF_CHANNEL + 4, OFF_CHANNEL + 36).toString('hex')}`;
  const r = {
    requestDigest: copy(OFF_REQ),
    responseDigest: copy(OFF_RESP),
    modelId: copy(OFF_MODEL),
    promptTokens: b.readUInt32BE(OFF_PROMPT),
    completionTokens: b.readUInt32BE(OFF_COMPLETION),
    priceNano: b.readBigUInt64BE(OFF_PRICE),
    amountNano: b.readBigUInt64BE(OFF_AMOUNT),
    seq: b.readBigUInt64BE(OFF_SEQ),
    workerKey: copy(OFF_WORKER),
    channel,
  };
  if (r.amountNano !== receiptAmount(r))
    throw new ReceiptError('RECEIPT_FIELD_INVALID', 'receipt amount != price * tokens', {
      details: { field: 'amountNano' },
    });
  return r;
}

/** SHA-256 of the exact sealed request bytes. */
export function requestDigest(sealedRequest: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(sealedRequest).digest());
}

/** Incremental SHA-256 over sealed response frames, in order (the receipt's responseDigest). */
export class ResponseDigest {
  readonly #h = createHash('sha256');
  update(frame: Uint8Array): this {
    this.#h.update(frame);
    return this;
  }
  digest(): Uint8Array {
    return new Uint8Array(this.#h.digest());
  }
}

function privateKey(k: KeyObject | Uint8Array): KeyObject {
  if (k instanceof Uint8Array) {
    if (k.length !== 32) throw new TypeError('Ed25519 private key seed must be 32 bytes');
    return ed25519PrivateKey(k);
  }
  if (k.asymmetricKeyType !== 'ed25519' || k.type !== 'private') throw new TypeError('not an Ed25519 private key');
  return k;
}

/** Ed25519 public key object from 32 raw bytes (throws RECEIPT_FIELD_INVALID on a bad length). */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  field(is32(raw), 'workerKey');
  return ed25519KeyFromRaw(raw);
}

export { ed25519RawPublicKey };

/** Sign a receipt: returns the canonical bytes and the 64-byte Ed25519 signature over them. */
export function signReceipt(
  r: Receipt,
  ed25519PrivateKey: KeyObject | Uint8Array,
): { bytes: Uint8Array; signature: Uint8Array } {
  const bytes = encodeReceipt(r);
  const signature = new Uint8Array(sign(null, bytes, privateKey(ed25519PrivateKey)));
  return { bytes, signature };
}

/**
 * Verify a receipt (bytes as received, or a receipt value that is re-encoded canonically) against the worker's
 * attested Ed25519 key. Returns the decoded receipt. Throws ReceiptError: RECEIPT_MALFORMED,
 * RECEIPT_VERSION_UNSUPPORTED, RECEIPT_FIELD_INVALID, RECEIPT_WORKER_KEY_MISMATCH, RECEIPT_SIGNATURE_INVALID.
 */
export function verifyReceipt(
  receipt: Uint8Array | Receipt,
  signature: Uint8Array,
  workerKey: Uint8Array,
): Receipt & { readonly amountNano: bigint } {
  const bytes = receipt instanceof Uint8Array ? receipt : encodeReceipt(receipt);
  const r = decodeReceipt(bytes);
  const key = ed25519PublicKey(workerKey);
  if (!Buffer.from(r.workerKey).equals(Buffer.from(workerKey))) {
    throw new ReceiptError('RECEIPT_WORKER_KEY_MISMATCH', 'receipt names another worker key');
  }
  if (!(signature instanceof Uint8Array) || signature.length !== 64 || !verify(null, bytes, key, signature)) {
    throw new ReceiptError('RECEIPT_SIGNATURE_INVALID', 'receipt signature does not verify');
  }
  return r;
}
