/**
 * Client-side voucher and account-read helpers for the broker tests: real TON vouchers (contracts/voucher.ts) signed
 * by a test Client's key, the POST /v1/vouchers body, and the signed `Chrysalis-Auth` header. Not a test file.
 */
import { randomBytes, sign } from 'node:crypto';
import { Address } from '@ton/core';
import { encodeVoucherBoc, signVoucher } from '../../contracts/voucher';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { encodeAccountAuthMessage, formatAccountAuthHeader, ACCOUNT_AUTH_HEADER } from '../../proto/account-auth';
import { Client, NOW, v1 } from './helpers';

/** The network a harness broker checks vouchers against (BrokerConfig.globalId default). */
export const GLOBAL_ID = NETWORK_GLOBAL_ID.mainnet;

/** A test client on a channel of its own (vouchers are per channel). */
export function channelClient(): Client {
  return new Client(new Address(0, randomBytes(32)).toString());
}

/** The 32-byte Ed25519 seed of a test client's key. */
export function seedOf(c: Client): Uint8Array {
  const jwk = c.key.export({ format: 'jwk' }) as { d: string };
  return Buffer.from(jwk.d, 'base64url');
}

export interface VoucherOpts {
  channel?: string;
  globalId?: number;
  /** sign with this client's key instead */
  signer?: Client;
  /** posted cumulativeNano (default: the amount) */
  posted?: number;
}

/** A chrysalis.v1.Voucher for `amount`/`seq`, signed by the client (a real voucher cell, BoC). */
export function voucherMsg(c: Client, amount: number, seq: number, o: VoucherOpts = {}): chrysalisVoucher {
  const v = {
    channel: Address.parse(o.channel ?? c.channel),
    globalId: o.globalId ?? GLOBAL_ID,
    amount: BigInt(amount),
    seq: BigInt(seq),
  };
  const sv = signVoucher(v, seedOf(o.signer ?? c));
  return v1.Voucher.create({
    channel: o.channel ?? c.channel,
    cumulativeNano: o.posted ?? amount,
    voucher: encodeVoucherBoc(v),
    signature: sv.signature,
    clientKey: c.publicKey,
  });
}
type chrysalisVoucher = ReturnType<typeof v1.Voucher.create>;

/** POSTs a voucher (protobuf); returns status and JSON body. */
export async function postVoucher(
  url: string,
  msg: chrysalisVoucher | Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const bytes = msg instanceof Uint8Array ? msg : v1.Voucher.encode(msg).finish();
  const res = await fetch(`${url}/v1/vouchers`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** `Chrysalis-Auth` for reading `forKey`'s account, signed by `signer` at `unixSeconds` (default: the test clock). */
export function authHeader(
  signer: Client,
  forKey: Uint8Array = signer.publicKey,
  unixSeconds = Math.floor(NOW.getTime() / 1000),
): Record<string, string> {
  const sig = sign(null, encodeAccountAuthMessage(forKey, unixSeconds), signer.key);
  return { [ACCOUNT_AUTH_HEADER]: formatAccountAuthHeader(unixSeconds, sig) };
}

/** GET /v1/accounts/:key with the given headers. */
export async function getAccount(
  url: string,
  key: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/accounts/${Buffer.from(key).toString('hex')}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
