import {
  type Address,
  type Cell,
  type Contract,
  type ContractProvider,
  type OpenedContract,
  type Sender,
  type Transaction,
} from '@ton/core';
import { type RegistryState } from '../wrappers/registry';
import { type ChannelData } from '../wrappers/payment-channel';

import type { Network } from '../constants';

export type { Network };

/** Registry state plus where and at which version it was read. */
export interface RegistrySnapshot extends RegistryState {
  readonly address: Address;
}

export interface WatchOptions {
  /** Deliver only transactions with lt greater than this (default: those after the current last one). */
  readonly sinceLt?: bigint;
  /** Polling interval, default 1000 ms. */
  readonly intervalMs?: number;
  /** Called when a poll fails (the watcher keeps polling). */
  readonly onError?: (err: unknown) => void;
}

export interface Watcher {
  stop(): void;
}

/**
 * The one chain interface the broker, the SDK and the worker use. `TonChainClient` implements it over
 * @ton/ton's `TonClient` (toncenter v2 JSON-RPC), which serves testnet, mainnet and the devnet alike
 * (the devnet speaks the same API: `startDevnetChain`).
 */
export interface ChainClient {
  readonly network: Network;
  /** Binds a wrapper (`Registry`, `PaymentChannel`, `AttestationLog`, a wallet) to this chain. */
  open<T extends Contract>(contract: T): OpenedContract<T>;
  provider(address: Address, init?: { code: Cell; data: Cell } | null): ContractProvider;
  getBalance(address: Address): Promise<bigint>;
  getAccountState(address: Address): Promise<'active' | 'uninit' | 'frozen'>;
  /**
   * Representation hash of the account's code cell (32 bytes), or null when the account is not active. Compare
   * with `paymentChannelCodeHash()` before trusting an address as a PaymentChannel.
   */
  getCodeHash(address: Address): Promise<Uint8Array | null>;
  /**
   * The whole registry from one `get_snapshot` call (all fields of one version); cached and re-read only when
   * `get_version` changes (one get call when unchanged).
   */
  readRegistry(address: Address): Promise<RegistrySnapshot>;
  /** Channel data, or null when the channel is not deployed. */
  getChannel(address: Address): Promise<ChannelData | null>;
  /** Newest first, like toncenter. */
  getTransactions(address: Address, opts?: { limit?: number }): Promise<Transaction[]>;
  /** Polls and calls `onTransaction` once per new transaction, oldest first. */
  watchTransactions(
    address: Address,
    onTransaction: (tx: Transaction) => void | Promise<void>,
    opts?: WatchOptions,
  ): Watcher;
  /** Sends a serialized external message (e.g. a signed wallet transfer). */
  sendExternal(message: Cell): Promise<void>;
  /** A Sender that signs with a wallet (v4r2 or v5r1) owned by this Ed25519 key. */
  walletSender(keys: WalletKeys): Promise<WalletHandle>;
}

export interface WalletKeys {
  readonly publicKey: Uint8Array;
  /** 64-byte Ed25519 secret key (tweetnacl / @ton/crypto form). */
  readonly secretKey: Uint8Array;
  readonly version?: 'v4' | 'v5r1';
  readonly workchain?: number;
}

export interface WalletHandle {
  readonly address: Address;
  readonly sender: Sender;
  getSeqno(): Promise<number>;
  /** Resolves once the wallet's seqno exceeds `seqno` (i.e. the transfer signed at `seqno` was applied). */
  waitForSeqno(seqno: number, opts?: { timeoutMs?: number; intervalMs?: number }): Promise<void>;
}
