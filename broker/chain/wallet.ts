/**
 * The broker's wallet (WalletContractV4 of its Ed25519 key, via `ChainClient.walletSender`), with every
 * send SERIALIZED: a v4 wallet accepts exactly one external per seqno, so the admission logger and the settler
 * share one `BrokerWallet` and each transfer waits until the wallet's seqno has moved past the one it was signed at.
 */
import type { Address, Sender } from '@ton/core';
import { openWallet } from '../../contracts/chain/ton-client';
import type { ChainClient, WalletHandle } from '../../contracts/chain/types';
import { BrokerChainError, codeOf } from './errors';

export interface BrokerKeys {
  readonly publicKey: Uint8Array;
  /** 64-byte Ed25519 secret key (seed || public key), the @ton/crypto form. */
  readonly secretKey: Uint8Array;
}

export interface BrokerWalletOptions {
  /** How long to wait for the seqno to advance after a send (default 60 s; the devnet applies at once). */
  readonly confirmTimeoutMs?: number;
  /** Seqno polling interval (default 1000 ms). */
  readonly pollMs?: number;
  /** Wallet contract of the key (default v4r2). */
  readonly version?: 'v4' | 'v5r1';
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

/** Opens the broker's wallet (v4r2 unless `opts.version` says v5r1) on `chain` with serialized sends. */
export function openBrokerWallet(chain: ChainClient, keys: BrokerKeys, opts: BrokerWalletOptions = {}): BrokerWallet {
  const handle: WalletHandle = openWallet(chain, {
    publicKey: keys.publicKey,
    secretKey: keys.secretKey,
    version: opts.version ?? 'v4',
  });
  let tail: Promise<unknown> = Promise.resolve();
  const confirmTimeoutMs = opts.confirmTimeoutMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;

  const sendOne = async <T>(what: string, fn: (sender: Sender) => Promise<T>): Promise<T> => {
    let seqno: number;
    try {
      seqno = await handle.getSeqno();
    } catch {
      seqno = 0; // not deployed yet: the first transfer deploys it (TonClient attaches the StateInit)
    }
    // Tracks whether fn reached the network: errors before that are the caller's (e.g. a voucher check).
    let sent = false;
    const tracking: Sender = {
      ...(handle.sender.address ? { address: handle.sender.address } : {}),
      send: async (args) => {
        sent = true;
        await handle.sender.send(args);
      },
    };
    let out: T;
    try {
      out = await fn(tracking);
    } catch (err) {
      if (!sent) throw err;
      throw new BrokerChainError('BROKER_CHAIN_SEND_FAILED', `${what}: send failed`, {
        cause: err,
        details: { cause: codeOf(err, 'UNKNOWN') },
      });
    }
    if (!sent) return out;
    try {
      await handle.waitForSeqno(seqno, { timeoutMs: confirmTimeoutMs, intervalMs: pollMs });
    } catch (err) {
      throw new BrokerChainError('BROKER_CHAIN_SEND_FAILED', `${what}: not applied`, {
        cause: err,
        details: { cause: codeOf(err, 'UNKNOWN') },
      });
    }
    return out;
  };

  return {
    address: handle.address,
    publicKey: Uint8Array.from(keys.publicKey),
    send<T>(what: string, fn: (sender: Sender) => Promise<T>): Promise<T> {
      const run = tail.then(() => sendOne(what, fn));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
