import { ChrysalisError } from '../attestation/errors';
import { ExitCodes } from './constants';

/** Codes thrown by the off-chain contracts layer (wrappers, chain clients, devnet, settlement). */
export type ContractsErrorCode =
  | 'VOUCHER_MALFORMED'
  | 'VOUCHER_BAD_SIGNATURE'
  | 'VOUCHER_WRONG_CHANNEL'
  | 'VOUCHER_WRONG_NETWORK'
  | 'VOUCHER_STALE_SEQ'
  | 'VOUCHER_NOT_MONOTONIC'
  | 'VOUCHER_ABOVE_DEPOSIT'
  | 'VOUCHER_CHANNEL_CLOSED'
  | 'CHAIN_REQUEST_FAILED'
  | 'CHAIN_NOT_DEPLOYED'
  | 'CHAIN_TX_FAILED'
  | 'CHAIN_TIMEOUT'
  | 'CONTRACT_COMPILE_FAILED';

export class ContractsError extends ChrysalisError<ContractsErrorCode> {}

/** Exit code -> its Tolk name (`ERR_STALE_SEQ`), or undefined for TVM/system codes. */
export function exitCodeName(code: number): string | undefined {
  for (const [name, value] of Object.entries(ExitCodes)) if (value === code) return name;
  return undefined;
}
