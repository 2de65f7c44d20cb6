/** The broker wallet's shapes, shared by the serialized wallet (`./wallet`) and the highload one (`./wallet-highload`). */
import type { Address, Sender } from '@ton/core';

export interface BrokerKeys {
  readonly publicKey: Uint8Array;
  /** 64-byte Ed25519 secret key (seed || public key), the @ton/crypto form. */
  readonly secretKey: Uint8Array;
}

export interface BrokerWallet {
  readonly address: Address;
  readonly publicKey: Uint8Array;
  /**
   * Runs `fn(sender)` alone (no other send of this wallet in between) and resolves once the wallet's seqno
   * advanced, i.e. the transfer was applied. Throws BrokerChainError BROKER_CHAIN_SEND_FAILED (the send itself
   * or the seqno wait failed; `details.cause` carries the underlying code) — errors thrown by `fn` before any
   * send (e.g. off-chain voucher checks) are rethrown unchanged.
   */
  send<T>(what: string, fn: (sender: Sender) => Promise<T>): Promise<T>;
}
