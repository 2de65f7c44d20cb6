/**
 * Opens (deploys with a first deposit) a PaymentChannel from the payer's own v4 wallet through the chain client:
 * what a client does towards the broker, and what the broker does towards each worker (payer = broker key). Same
 * path on the devnet and testnet. (On the devnet, `DevnetChain.openChannel` sends through a sandbox sender
 * that drops the StateInit, so it does not deploy the channel; use this instead.)
 */
import type { Address, Cell } from '@ton/core';
import { clientChannel, PaymentChannel, type ChannelData } from '../../contracts/wrappers/payment-channel';
import type { ChainClient } from '../../contracts/chain/types';
import { BrokerChainError } from './errors';
import type { BrokerKeys, BrokerWallet } from './wallet';
import { pollUntil } from '../../core/retry';

export interface OpenChannelFromWalletOptions {
  readonly payee: Address;
  readonly deposit: bigint;
  /** Seconds between StartClose and FinishClose (the registry's clientCloseDelay / workerCloseDelay). */
  readonly closeDelay: number;
  readonly nonce?: bigint;
  /** PaymentChannel code (`compileContract('payment_channel')`, or `DevnetChain.codes.paymentChannel`). */
  readonly code: Cell;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/** Returns the channel address once the chain shows the deposit. Throws BROKER_CHAIN_NOT_APPLIED otherwise. */
export async function openChannelFromWallet(
  chain: ChainClient,
  payer: BrokerKeys,
  o: OpenChannelFromWalletOptions,
): Promise<Address> {
  const w = await chain.walletSender({ publicKey: payer.publicKey, secretKey: payer.secretKey });
  const ch = clientChannel({
    payer: w.address,
    payee: o.payee,
    payerKey: payer.publicKey,
    closeDelay: o.closeDelay,
    nonce: o.nonce ?? 0n,
    code: o.code,
  });
  const timeoutMs = o.timeoutMs ?? 60_000;
  const pollMs = o.pollMs ?? 1000;
  const s = await w.getSeqno().catch(() => 0);
  await chain.open(ch).sendDeploy(w.sender, { amount: o.deposit });
  await w.waitForSeqno(s, { intervalMs: pollMs, timeoutMs });
  const opened = await pollUntil(
    async () => {
      const d = await chain.getChannel(ch.address).catch(() => null);
      return d && d.deposit >= o.deposit ? ch.address : undefined;
    },
    { timeoutMs, intervalMs: pollMs },
  );
  if (!opened) throw new BrokerChainError('BROKER_CHAIN_NOT_APPLIED', 'channel not opened');
  return opened;
}

export interface WorkerChannelOptions {
  /** The worker's payout address: the payee. */
  readonly payee: Address;
  /** Seconds between StartClose and FinishClose (the registry's workerCloseDelay). */
  readonly closeDelay: number;
  readonly nonce?: bigint;
  readonly code: Cell;
}

/** The broker -> worker channel contract (payer = the broker wallet, payer key = the broker key). Deterministic. */
export function workerChannel(wallet: BrokerWallet, o: WorkerChannelOptions): PaymentChannel {
  return PaymentChannel.createFromConfig(
    {
      payer: wallet.address,
      payee: o.payee,
      payerKey: wallet.publicKey,
      closeDelay: o.closeDelay,
      nonce: o.nonce ?? 0n,
    },
    o.code,
  );
}

/**
 * Deploys `ch` with a first deposit (or tops it up) through the broker's serialized wallet, then waits until the
 * chain shows a deposit of at least `atLeast`. Throws BROKER_CHAIN_SEND_FAILED / BROKER_CHAIN_NOT_APPLIED.
 */
export async function fundChannelVia(
  chain: ChainClient,
  wallet: BrokerWallet,
  ch: PaymentChannel,
  o: { readonly amount: bigint; readonly atLeast: bigint; readonly timeoutMs?: number; readonly pollMs?: number },
): Promise<ChannelData> {
  await wallet.send('fund worker channel', (sender) => chain.open(ch).sendTopUp(sender, { amount: o.amount }));
  const d = await pollUntil(
    async () => {
      const got = await chain.getChannel(ch.address).catch(() => null);
      return got && got.deposit >= o.atLeast ? got : undefined;
    },
    { timeoutMs: o.timeoutMs ?? 60_000, intervalMs: o.pollMs ?? 1000 },
  );
  if (!d) throw new BrokerChainError('BROKER_CHAIN_NOT_APPLIED', 'worker channel not funded');
  return d;
}
