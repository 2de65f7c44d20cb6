/**
 * Authentication of `GET /v1/accounts/:clientKey`: only the holder of the client key reads its account. Pure:
 * Uint8Array only (no node:crypto), shared by the broker (verifier) and the SDK (signer) so both build the same bytes.
 *
 * Header `Chrysalis-Auth: <unix-seconds>.<signature as 128 hex digits>`, where
 *
 *   signature = Ed25519(client_key, message)
 *   message   = "chrysalis/account-read/v1" 0x00   26 bytes  domain separation tag
 *               client_key                         32 bytes  the key in the path
 *               unix_seconds  u64 big-endian        8 bytes  the time in the header
 *
 * The broker accepts it while |now - unix_seconds| <= ACCOUNT_AUTH_MAX_SKEW_S.
 */

export const ACCOUNT_AUTH_DOMAIN = 'chrysalis/account-read/v1';
/** Header name (lowercase, as node's `IncomingMessage.headers` spells it). */
export const ACCOUNT_AUTH_HEADER = 'chrysalis-auth';
/** Largest accepted difference between the header's time and the broker's clock, in seconds. */
export const ACCOUNT_AUTH_MAX_SKEW_S = 120;

const DOMAIN_BYTES = new TextEncoder().encode(`${ACCOUNT_AUTH_DOMAIN}\0`);

/** The signed message. Throws RangeError unless the key is 32 bytes and the time a non-negative integer. */
export function encodeAccountAuthMessage(clientKey: Uint8Array, unixSeconds: number): Uint8Array {
  if (clientKey.length !== 32) throw new RangeError('clientKey must be 32 bytes');
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) throw new RangeError('unixSeconds must be >= 0');
  const out = new Uint8Array(DOMAIN_BYTES.length + 32 + 8);
  out.set(DOMAIN_BYTES, 0);
  out.set(clientKey, DOMAIN_BYTES.length);
  new DataView(out.buffer).setBigUint64(DOMAIN_BYTES.length + 32, BigInt(unixSeconds), false);
  return out;
}

/** The header value for a signature made over `encodeAccountAuthMessage(clientKey, unixSeconds)`. */
export function formatAccountAuthHeader(unixSeconds: number, signature: Uint8Array): string {
  if (signature.length !== 64) throw new RangeError('signature must be 64 bytes');
  let hex = '';
  for (const b of signature) hex += b.toString(16).padStart(2, '0');
  return `${unixSeconds}.${hex}`;
}

/** Parses a header value; null when it is not `<digits>.<128 hex>`. */
export function parseAccountAuthHeader(value: string): { unixSeconds: number; signature: Uint8Array } | null {
  const m = /^([0-9]{1,15})\.([0-9a-fA-F]{128})$/.exec(value);
  if (!m) return null;
  const signature = new Uint8Array(64);
  for (let i = 0; i < 64; i++) signature[i] = parseInt(m[2]!.slice(2 * i, 2 * i + 2), 16);
  return { unixSeconds: Number(m[1]), signature };
}
