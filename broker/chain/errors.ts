import { ChrysalisError } from '../../attestation/errors';

/** Codes of the broker <-> TON glue (broker/chain). */
export type BrokerChainCode =
  | 'BROKER_CHAIN_REGISTRY_UNAVAILABLE'
  | 'BROKER_CHAIN_SEND_FAILED'
  | 'BROKER_CHAIN_NOT_APPLIED'
  | 'BROKER_CHAIN_ADMISSION_REJECTED'
  | 'BROKER_CHAIN_ADMISSION_PLATFORM_UNKNOWN'
  | 'BROKER_CHAIN_QUEUE_FULL'
  | 'BROKER_CHAIN_STOPPED'
  | 'BROKER_CHAIN_VOUCHER_INVALID'
  | 'BROKER_CHAIN_CLAIM_REFUSED'
  | 'BROKER_CHAIN_CHANNEL_UNAVAILABLE';

export class BrokerChainError extends ChrysalisError<BrokerChainCode> {}

/** The `code` of any ChrysalisError (ContractsError included), else `fallback`. */
export function codeOf(err: unknown, fallback: string): string {
  return err instanceof ChrysalisError ? err.code : fallback;
}

/** Minimal logger (pino-compatible). Never given keys, prompts or answers. */
export interface ChainLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
export const silentLogger: ChainLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
