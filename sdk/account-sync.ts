/**
 * `syncAccount` helpers: the authenticated GET /v1/accounts header, and the check of the voucher the broker says it
 * holds. The client adopts only a voucher it can prove it signed itself: decoded (contracts `decodeVoucherBoc`),
 * naming this channel and this network, and verifying under the channel key (contracts `verifyVoucher`).
 */
import { Address } from '@ton/core';
import { encodeAccountAuthMessage, formatAccountAuthHeader } from '../proto/account-auth';
import { decodeVoucherBoc, verifyVoucher, type Voucher } from '../contracts/voucher';
import type { BrokerAccount } from './broker-api';
import type { Ed25519Signer } from './bytes';
import { SdkError } from './errors';
import type { StoredVoucher } from './voucher-state';

/** The `chrysalis-auth` header value: `<unix seconds>.<hex Ed25519 signature>`. */
export async function accountAuthHeader(signer: Ed25519Signer, unixSeconds: number): Promise<string> {
  const sig = await signer.sign(encodeAccountAuthMessage(signer.publicKey, unixSeconds));
  return formatAccountAuthHeader(unixSeconds, sig);
}

function invalid(message: string, cause?: unknown): SdkError {
  return new SdkError('SDK_ACCOUNT_INVALID', message, cause === undefined ? undefined : { cause });
}

/**
 * The broker's voucher as a `StoredVoucher`, or undefined when it holds none and reports nothing vouched.
 * Throws SDK_ACCOUNT_UNSIGNED (a vouched amount without a voucher to back it, or above it) or SDK_ACCOUNT_INVALID.
 */
export function checkAccountVoucher(
  acct: BrokerAccount,
  expect: { readonly channel: string; readonly globalId: number; readonly clientKey: Uint8Array },
): StoredVoucher | undefined {
  if (acct.globalId !== undefined && acct.globalId !== expect.globalId)
    throw invalid('broker settles on another network');
  if (!acct.voucher) {
    if (acct.vouchedNano > 0n)
      throw new SdkError('SDK_ACCOUNT_UNSIGNED', 'broker reports a vouched amount without a signed voucher');
    return undefined;
  }
  let v: Voucher;
  try {
    v = decodeVoucherBoc(acct.voucher.voucher);
  } catch (cause) {
    throw invalid('broker voucher is not a voucher cell', cause);
  }
  let channel: Address;
  try {
    channel = Address.parse(expect.channel);
  } catch (cause) {
    throw invalid('channel is not a TON address', cause);
  }
  if (!v.channel.equals(channel)) throw invalid('broker voucher names another channel');
  if (v.globalId !== expect.globalId) throw invalid('broker voucher names another network');
  if (!verifyVoucher({ ...v, signature: acct.voucher.signature }, expect.clientKey))
    throw invalid('broker voucher is not signed by the channel key');
  if (acct.vouchedNano > v.amount)
    throw new SdkError('SDK_ACCOUNT_UNSIGNED', 'broker reports more vouched than its voucher signs');
  if (acct.vouchedNano < v.amount) throw invalid('broker reports less vouched than its voucher signs');
  return { voucher: acct.voucher.voucher, signature: acct.voucher.signature, amountNano: v.amount, seq: v.seq };
}
