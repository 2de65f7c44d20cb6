/**
 * The message a client signs for `POST /v1/requests` (chrysalis.v1.SubmitRequest), version 3. Pure: Uint8Array
 * only (no node:crypto), shared by the broker (verifier) and the SDK (signer) so both build the same bytes.
 *
 * Layout (every variable-length field is prefixed by its length as one byte, so the encoding is injective):
 *
 *   "chrysalis/submit-request/v3" 0x00   28 bytes  domain separation tag (never a valid prefix of anything else we sign)
 *   SHA-256(sealed)                      32 bytes
 *   len(nonce)      u8 || nonce          16..64 bytes
 *   len(channel)    u8 || channel        UTF-8 of the channel string exactly as sent (1..128 bytes)
 *   len(model_id)   u8 || model_id       32 bytes
 *   len(worker_id)  u8 || worker_id      0 bytes (any worker) or the 32 raw bytes of the hex worker id
 *   max_prompt_price_nano      u64 BE    8 bytes
 *   max_completion_price_nano  u64 BE    8 bytes
 *   max_cost_nano              u64 BE    8 bytes
 *
 * signature = Ed25519(client_key, message) over the message itself (not a hash of it).
 * Version 1 (`SHA-256(sealed) || nonce`) and version 2 (one `max_price_nano` for every token, no cost bound) are
 * refused by brokers with `BROKER_SIGNATURE_OUTDATED`; the v2 encoder stays here only so a verifier can recognise it.
 */

export const SUBMIT_SIGNING_DOMAIN = 'chrysalis/submit-request/v3';
export const SUBMIT_SIGNING_DOMAIN_V2 = 'chrysalis/submit-request/v2';

export interface SubmitSigningFields {
  /** SHA-256 of the sealed request bytes (32 bytes). */
  readonly sealedDigest: Uint8Array;
  readonly nonce: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  /** Hex worker id (64 hex digits, any case) or '' for "any worker". */
  readonly workerId: string;
  readonly maxPromptPriceNano: bigint | number;
  readonly maxCompletionPriceNano: bigint | number;
  readonly maxCostNano: bigint | number;
}

/** The retired v2 fields: one maximum price for every token. */
export interface SubmitSigningFieldsV2 {
  readonly sealedDigest: Uint8Array;
  readonly nonce: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  readonly workerId: string;
  readonly maxPriceNano: bigint | number;
}

const U64_MAX = (1n << 64n) - 1n;

function workerIdBytes(id: string): Uint8Array {
  if (id === '') return new Uint8Array(0);
  if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new RangeError('workerId must be empty or 64 hex digits');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function u64(v: bigint | number, what: string): bigint {
  if (typeof v !== 'bigint' && !Number.isSafeInteger(v)) throw new RangeError(`${what} is not an integer`);
  const b = BigInt(v);
  if (b < 0n || b > U64_MAX) throw new RangeError(`${what} out of u64 range`);
  return b;
}

/** domain 0x00 || digest || length-prefixed vars || u64 BE tail. */
function encode(
  domain: string,
  f: Pick<SubmitSigningFields, 'sealedDigest' | 'nonce' | 'channel' | 'modelId' | 'workerId'>,
  tail: readonly bigint[],
): Uint8Array {
  if (f.sealedDigest.length !== 32) throw new RangeError('sealedDigest must be 32 bytes');
  const domainBytes = new TextEncoder().encode(`${domain}\0`);
  const vars = [f.nonce, new TextEncoder().encode(f.channel), f.modelId, workerIdBytes(f.workerId)];
  for (const v of vars) if (v.length > 255) throw new RangeError('field longer than 255 bytes');
  const len = domainBytes.length + 32 + vars.reduce((n, v) => n + 1 + v.length, 0) + 8 * tail.length;
  const out = new Uint8Array(len);
  let o = 0;
  out.set(domainBytes, o);
  o += domainBytes.length;
  out.set(f.sealedDigest, o);
  o += 32;
  for (const v of vars) {
    out[o++] = v.length;
    out.set(v, o);
    o += v.length;
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (const t of tail) {
    view.setBigUint64(o, t, false);
    o += 8;
  }
  return out;
}

/** Encodes the v3 signing message. Throws RangeError on fields that do not fit the layout. */
export function encodeSubmitSigningMessage(f: SubmitSigningFields): Uint8Array {
  return encode(SUBMIT_SIGNING_DOMAIN, f, [
    u64(f.maxPromptPriceNano, 'maxPromptPriceNano'),
    u64(f.maxCompletionPriceNano, 'maxCompletionPriceNano'),
    u64(f.maxCostNano, 'maxCostNano'),
  ]);
}

/** Encodes the retired v2 message, only so a verifier can recognise (and refuse) a v2 signature. */
export function encodeSubmitSigningMessageV2(f: SubmitSigningFieldsV2): Uint8Array {
  return encode(SUBMIT_SIGNING_DOMAIN_V2, f, [u64(f.maxPriceNano, 'maxPriceNano')]);
}
