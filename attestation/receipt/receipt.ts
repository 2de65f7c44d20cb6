/**
 * Worker receipts: a canonical, fixed-layout binary encoding signed with the worker's attested Ed25519 key.
 *
 * Layout, version 2 (integers big-endian; total 220 bytes for a 32-byte channel, 224 for a TON address):
 *   off  size  field
 *     0    18  domain  "chrysalis/receipt\0"
 *    18     1  version (= 2)
 *    19    32  requestDigest    SHA-256 of the exact sealed request bytes
 *    51    32  responseDigest   SHA-256 over the sealed response frames, concatenated in order
 *    83    32  modelId          (model id, SHA-256; see scripts/make-tiny-model.ts)
 *   115     4  promptTokens     u32
 *   119     4  completionTokens u32
 *   123     8  promptPriceNano      u64, nanotons per prompt token
 *   131     8  completionPriceNano  u64, nanotons per completion token
 *   139     8  amountNano       u64, = promptPriceNano * promptTokens + completionPriceNano * completionTokens
 *   147     8  seq              u64, per-channel sequence number
 *   155    32  workerKey        Ed25519 raw public key
 *   187     1  channel kind     0 = 32 raw bytes, 1 = TON address (i32 workchain + 32-byte account hash)
 *   188  32|36 channel
 * Version 1 (still decoded, never written) has one 8-byte `priceNano` at 123 in place of the two prices, so every
 * later field sits 8 bytes earlier; it decodes with both prices equal to that price.
 * The Ed25519 signature (64 bytes) is over these exact bytes (the domain prefix keeps it from ever being valid
 * for another chrysalis message). Pure: no clock, no I/O.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { ed25519PrivateKey, ed25519PublicKey as ed25519KeyFromRaw, ed25519RawPublicKey } from '../../core/ed25519';
import { Address } from '@ton/core';
import { ReceiptError } from './errors';

export const RECEIPT_DOMAIN = Buffer.from('chrysalis/receipt\0', 'latin1');
/** The version `encodeReceipt` writes. */
export const RECEIPT_VERSION = 2;
/** Every version `decodeReceipt` reads. */
export const RECEIPT_VERSIONS_READ: readonly number[] = Object.freeze([1, 2]);
const OFF_VERSION = 18;
const OFF_REQ = 19;
const OFF_RESP = 51;
const OFF_MODEL = 83;
const OFF_PROMPT = 115;
const OFF_COMPLETION = 119;
const OFF_PRICES = 123;

/** Offsets of the fields after the prices, per version (v1 has one price, v2 two). */
interface Tail {
  readonly amount: number;
  readonly seq: number;
  readonly worker: number;
  readonly channelKind: number;
  readonly channel: number;
}
function tail(pricesBytes: number): Tail {
  const amount = OFF_PRICES + pricesBytes;
  return { amount, seq: amount + 8, worker: amount + 16, channelKind: amount + 48, channel: amount + 49 };
}
const TAIL_V1 = tail(8);
const TAIL_V2 = tail(16);
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
  /** Nanotons per prompt token (the worker's committed prompt price). */
  readonly promptPriceNano: bigint;
  /** Nanotons per completion token (the worker's committed completion price). */
  readonly completionPriceNano: bigint;
  /** Optional on input (computed); always present on decode. */
  readonly amountNano?: bigint;
  readonly channel: Uint8Array | string;
  readonly seq: bigint;
  readonly workerKey: Uint8Array;
  /** Optional on input (only `RECEIPT_VERSION` is written); the version the bytes carried, on decode. */
  readonly version?: number;
}

/** A decoded receipt: the amount and the version are always present. */
export type DecodedReceipt = Receipt & { readonly amountNano: bigint; readonly version: number };

/** The amount a receipt charges: promptPriceNano * promptTokens + completionPriceNano * completionTokens. */
export function receiptAmount(
  r: Pick<Receipt, 'promptPriceNano' | 'completionPriceNano' | 'promptTokens' | 'completionTokens'>,
): bigint {
  return r.promptPriceNano * BigInt(r.promptTokens) + r.completionPriceNano * BigInt(r.completionTokens);
}

function field(cond: boolean, name: string): void {
  if (!cond)
    throw new ReceiptError('RECEIPT_FIELD_INVALID', `receipt field ${name} is invalid`, { details: { field: name } });
}
const is32 = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.length === 32;
const isU32 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffffffff;
const isU64 = (n: unknown): n is bigint => typeof n === 'bigint' && n >= 0n && n <= U64_MAX;

function channelBytes(c: Uint8Array | string): { kind: number; bytes: Buffer } {
  if (typeof c === 'string') {
    let a: Address;
    try {
      a = Address.parse(c);
    } catch {
      throw new ReceiptError('RECEIPT_FIELD_INVALID', 'receipt channel is not a TON address', {
        details: { field: 'channel' },
      });
    }
    const bytes = Buffer.alloc(36);
    bytes.writeInt32BE(a.workChain, 0);
    a.hash.copy(bytes, 4);
    return { kind: CHANNEL_TON, bytes };
  }
  field(is32(c), 'channel');
  return { kind: CHANNEL_RAW, bytes: Buffer.from(c) };
}

/** Canonical bytes of a receipt (always version 2). Throws RECEIPT_FIELD_INVALID, RECEIPT_VERSION_UNSUPPORTED. */
export function encodeReceipt(r: Receipt): Uint8Array {
  if (r.version !== undefined && r.version !== RECEIPT_VERSION)
    throw new ReceiptError('RECEIPT_VERSION_UNSUPPORTED', `receipts are written as version ${RECEIPT_VERSION} only`);
  field(is32(r.requestDigest), 'requestDigest');
  field(is32(r.responseDigest), 'responseDigest');
  field(is32(r.modelId), 'modelId');
  field(isU32(r.promptTokens), 'promptTokens');
  field(isU32(r.completionTokens), 'completionTokens');
  field(isU64(r.promptPriceNano), 'promptPriceNano');
  field(isU64(r.completionPriceNano), 'completionPriceNano');
  field(isU64(r.seq), 'seq');
  field(is32(r.workerKey), 'workerKey');
  const amount = receiptAmount(r);
  field(isU64(amount), 'amountNano');
  field(r.amountNano === undefined || r.amountNano === amount, 'amountNano');
  const channel = channelBytes(r.channel);
  const t = TAIL_V2;
  const out = Buffer.alloc(t.channel + channel.bytes.length);
  RECEIPT_DOMAIN.copy(out, 0);
  out[OFF_VERSION] = RECEIPT_VERSION;
  out.set(r.requestDigest, OFF_REQ);
  out.set(r.responseDigest, OFF_RESP);
  out.set(r.modelId, OFF_MODEL);
  out.writeUInt32BE(r.promptTokens, OFF_PROMPT);
  out.writeUInt32BE(r.completionTokens, OFF_COMPLETION);
  out.writeBigUInt64BE(r.promptPriceNano, OFF_PRICES);
  out.writeBigUInt64BE(r.completionPriceNano, OFF_PRICES + 8);
  out.writeBigUInt64BE(amount, t.amount);
  out.writeBigUInt64BE(r.seq, t.seq);
  out.set(r.workerKey, t.worker);
  out[t.channelKind] = channel.kind;
  channel.bytes.copy(out, t.channel);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/**
 * Parse receipt bytes, version 2 or 1 (structure and consistency only; a version 1 receipt decodes with both prices
 * equal to its single price). Throws RECEIPT_MALFORMED, RECEIPT_VERSION_UNSUPPORTED, RECEIPT_FIELD_INVALID.
 */
export function decodeReceipt(bytes: Uint8Array): DecodedReceipt {
  if (!(bytes instanceof Uint8Array) || bytes.length <= OFF_VERSION)
    throw new ReceiptError('RECEIPT_MALFORMED', 'receipt too short');
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!b.subarray(0, RECEIPT_DOMAIN.length).equals(RECEIPT_DOMAIN))
    throw new ReceiptError('RECEIPT_MALFORMED', 'receipt domain prefix missing');
  const version = b[OFF_VERSION] as number;
  if (version !== 1 && version !== 2)
    throw new ReceiptError('RECEIPT_VERSION_UNSUPPORTED', `receipt version ${version} not supported`);
  const t = version === 1 ? TAIL_V1 : TAIL_V2;
  if (b.length <= t.channelKind) throw new ReceiptError('RECEIPT_MALFORMED', 'receipt too short');
  const kind = b[t.channelKind];
  const expectLen = kind === CHANNEL_RAW ? t.channel + 32 : kind === CHANNEL_TON ? t.channel + 36 : -1;
  if (b.length !== expectLen) throw new ReceiptError('RECEIPT_MALFORMED', 'receipt channel kind or length invalid');
  const copy = (o: number, n = 32): Uint8Array => new Uint8Array(b.subarray(o, o + n));
  const channel =
    kind === CHANNEL_RAW
      ? copy(t.channel)
      : `${b.readInt32BE(t.channel)}:${b.subarray(t.channel + 4, t.channel + 36).toString('hex')}`;
  const promptPriceNano = b.readBigUInt64BE(OFF_PRICES);
  const completionPriceNano = version === 1 ? promptPriceNano : b.readBigUInt64BE(OFF_PRICES + 8);
  const r = {
    requestDigest: copy(OFF_REQ),
    responseDigest: copy(OFF_RESP),
    modelId: copy(OFF_MODEL),
    promptTokens: b.readUInt32BE(OFF_PROMPT),
    completionTokens: b.readUInt32BE(OFF_COMPLETION),
    promptPriceNano,
    completionPriceNano,
    amountNano: b.readBigUInt64BE(t.amount),
    seq: b.readBigUInt64BE(t.seq),
    workerKey: copy(t.worker),
    channel,
    version,
  };
  if (r.amountNano !== receiptAmount(r))
    throw new ReceiptError('RECEIPT_FIELD_INVALID', 'receipt amount != prices * tokens', {
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
): DecodedReceipt {
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
