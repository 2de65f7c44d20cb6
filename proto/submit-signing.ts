/**
 * The message a client signs for `POST /v1/requests` (chrysalis.v1.SubmitRequest), version 2. Pure: Uint8Array
 * only (no node:crypto), shared by the broker (verifier) and the SDK (signer) so both build the same bytes.
 *
 * Layout (every variable-length field is prefixed by its length as one byte, so the encoding is injective):
 *
 *   "chrysalis/submit-request/v2" 0x00   28 bytes  domain separation tag (never a valid prefix of anything else we sign)
 *   SHA-256(sealed)                      32 bytes
 *   len(nonce)      u8 || nonce          16..64 bytes
 *   len(channel)    u8 || channel        UTF-8 of the channel string exactly as sent (1..128 bytes)
 *   len(model_id)   u8 || model_id       32 bytes
 *   len(worker_id)  u8 || worker_id      0 bytes (any worker) or the 32 raw bytes of the hex worker id
 *   max_price_nano  u64 big-endian       8 bytes
 *
 * signature = Ed25519(client_key, message) over the message itself (not a hash of it).
 * Version 1 (`SHA-256(sealed) || nonce`) left max price, worker, model and channel unauthenticated; brokers refuse
 * it with `BROKER_SIGNATURE_OUTDATED`.
 */

export const SUBMIT_SIGNING_DOMAIN = 'chrysalis/submit-request/v2';

export interface SubmitSigningFields {
  /** SHA-256 of the sealed request bytes (32 bytes). */
  readonly sealedDigest: Uint8Array;
  readonly nonce: Uint8Array;
  readonly channel: string;
  readonly modelId: Uint8Array;
  /** Hex worker id (64 hex digits, any case) or '' for "any worker". */
  readonly workerId: string;
  readonly maxPriceNano: bigint | number;
}

const DOMAIN_BYTES = new TextEncoder().encode(`${SUBMIT_SIGNING_DOMAIN}\0`);
const U64_MAX = (1n << 64n) - 1n;

function workerIdBytes(id: string): Uint8Array {
  if (id === '') return new Uint8Array(0);
  if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new RangeError('workerId must be empty or 64 hex digits');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Encodes the v2 signing message. Throws RangeError on fields that do not fit the layout. */
export function encodeSubmitSigningMessage(f: SubmitSigningFields): Uint8Array {
  if (f.sealedDigest.length !== 32) throw new RangeError('sealedDigest must be 32 bytes');
  const channel = new TextEncoder().encode(f.channel);
  const worker = workerIdBytes(f.workerId);
  const price = BigInt(f.maxPriceNano);
  if (price < 0n || price > U64_MAX) throw new RangeError('maxPriceNano out of u64 range');
  const vars = [f.nonce, channel, f.modelId, worker];
  for (const v of vars) if (v.length > 255) throw new RangeError('field longer than 255 bytes');
  const len = DOMAIN_BYTES.length + 32 + vars.reduce((n, v) => n + 1 + v.length, 0) + 8;
  const out = new Uint8Array(len);
  let o = 0;
  out.set(DOMAIN_BYTES, o);
  o += DOMAIN_BYTES.length;
  out.set(f.sealedDigest, o);
  o += 32;
  for (const v of vars) {
    out[o++] = v.length;
    out.set(v, o);
    o += v.length;
  }
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigUint64(o, price, false);
  return out;
}
