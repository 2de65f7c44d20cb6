/**
 * The broker's wallet. Default: WalletContractV4 of its Ed25519 key (via `ChainClient.walletSender`), with every
 * send SERIALIZED: a v4 wallet accepts exactly one external per seqno, so the admission logger and the settler
 * share one `BrokerWallet` and each transfer waits until the wallet's seqno has moved past the one it was signed at.
 * `version: 'highload-v3'` opens the broker's highload wallet instead (`./wallet-highload`): parallel, batched
 * sends confirmed by query id. The two are different addresses: fund and register the one you use.
 */
import type { Sender } from '@ton/core';
import { openWallet } from '../../contracts/chain/ton-client';
import type { ChainClient, WalletHandle } from '../../contracts/chain/types';
import { BrokerChainError, codeOf } from './errors';
import { type HighloadBrokerWalletOptions, openHighloadBrokerWallet } from './wallet-highload';
import type { BrokerKeys, BrokerWallet } from './wallet-types';

export type { BrokerKeys, BrokerWallet } from './wallet-types';

/** Wallet contracts the broker can send from. */
export type BrokerWalletVersion = 'v4' | 'v5r1' | 'highload-v3';

export interface BrokerWalletOptions {
  /** How long to wait for the seqno to advance after a send (default 60 s; the devnet applies at once). */
  readonly confirmTimeoutMs?: number;
  /** Seqno polling interval (default 1000 ms). */
  readonly pollMs?: number;
  /** Wallet contract of the key (default v4r2). */
  readonly version?: BrokerWalletVersion;
  /** Settings of the highload wallet (version 'highload-v3' only). */
  readonly highload?: Omit<HighloadBrokerWalletOptions, 'confirmTimeoutMs' | 'pollMs'>;
}

/**
 * Opens the broker's wallet on `chain`: v4r2 (default) or v5r1 with serialized sends, or the highload wallet
 * (`version: 'highload-v3'`) with parallel ones.
 */
export function openBrokerWallet(chain: ChainClient, keys: BrokerKeys, opts: BrokerWalletOptions = {}): BrokerWallet {
  if (opts.version === 'highload-v3') {
    return openHighloadBrokerWallet(chain, keys, {
      ...opts.highload,
      ...(opts.confirmTimeoutMs !== undefined ? { confirmTimeoutMs: opts.confirmTimeoutMs } : {}),
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    });
  }
  const handle: WalletHandle = openWallet(chain, {
    publicKey: keys.publicKey,
    secretKey: keys.secretKey,
    version: opts.version === 'v5r1' ? 'v5r1' : 'v4',
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
