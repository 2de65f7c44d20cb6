/**
 * Broker -> worker channel top-ups for the settlement bench, counted by the broker's own code: `WorkerPayoutBook`
 * (broker/chain/settler-workers.ts) opens each worker channel with `depositNano` and tops it up by `depositNano` once
 * the latest signed voucher comes within `topUpMarginNano` (default depositNano / 2) of the deposit. Here it runs
 * against an in-memory chain that applies each funding message at once; each pass signs min(owed, deposit) as the
 * settler does (settler-pay.ts). The messages it sends are captured, so the bench measures the real top-up message.
 */
import {
  type Address,
  type Cell,
  type Contract,
  type ContractProvider,
  openContract,
  type Sender,
  type SenderArguments,
} from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { keyPairFromSeed } from '@ton/crypto';
import { createHash } from 'node:crypto';
import type { ChainClient } from '../contracts/chain/types';
import type { SignedVoucher } from '../contracts/voucher';
import { PaymentChannel, paymentChannelCode, type ChannelData } from '../contracts/wrappers/payment-channel';
import { WorkerPayoutBook } from '../broker/chain/settler-workers';
import type { BrokerWallet } from '../broker/chain/wallet-types';

/** The broker -> worker deposit (`settlement.workerChannelDepositNano`) the README recommends: 320 TON. */
export const RECOMMENDED_WORKER_DEPOSIT_NANO = 320_000_000_000n;
/** The deposit of the previous README example. */
export const PREVIOUS_WORKER_DEPOSIT_NANO = 5_000_000_000n;

export interface TopUpRun {
  /** Top-ups sent (the open not counted). */
  readonly topUps: number;
  /** TON moved to the worker per top-up in steady state (nanoTON signed between the first and the last top-up). */
  readonly nanoPerTopUp: number;
  /** Every funding message the broker sent (the open first, with its StateInit), as its wallet would send it. */
  readonly messages: readonly SenderArguments[];
}

/**
 * A provider that hands each internal message to its sender, with the StateInit only while the account is not
 * deployed (as @ton/ton's TonClient provider does).
 */
function providerFor(address: Address, init: Contract['init'], deployed: () => boolean): ContractProvider {
  return {
    internal: async (via: Sender, args: { value: bigint | string; bounce?: boolean | null; body?: Cell | null }) => {
      await via.send({
        to: address,
        value: typeof args.value === 'bigint' ? args.value : BigInt(args.value),
        bounce: args.bounce ?? true,
        init: deployed() ? null : (init ?? null),
        body: args.body ?? null,
      });
    },
  } as unknown as ContractProvider;
}

/**
 * Runs one worker's payouts through `WorkerPayoutBook`: `passes` settler passes, the worker earning `perPassNano` in
 * each. `wallet` names the broker wallet (address + key): the channel is the one the broker would derive for it.
 */
export async function runWorkerTopUps(o: {
  readonly depositNano: bigint;
  readonly perPassNano: bigint;
  readonly passes: number;
  readonly code: Cell;
  readonly wallet: { readonly address: Address; readonly publicKey: Uint8Array };
  readonly payee: Address;
  readonly closeDelay?: number;
}): Promise<TopUpRun> {
  const deposits = new Map<string, bigint>();
  const messages: SenderArguments[] = [];
  const chain = {
    open: <T extends Contract>(c: T) =>
      openContract(c, (p) => providerFor(p.address, p.init ?? c.init, () => deposits.has(p.address.toRawString()))),
    getChannel: async (a: Address): Promise<ChannelData | null> => {
      const deposit = deposits.get(a.toRawString());
      return deposit === undefined
        ? null
        : ({ deposit, claimed: 0n, lastSeq: 0n, status: 'open', closeRequestedAt: 0 } as unknown as ChannelData);
    },
  } as unknown as ChainClient;
  const sender: Sender = {
    address: o.wallet.address,
    send: async (args) => {
      messages.push(args);
      const k = args.to.toRawString();
      deposits.set(k, (deposits.get(k) ?? 0n) + args.value - PaymentChannel.topUpValue(0n));
    },
  };
  const wallet: BrokerWallet = { ...o.wallet, send: (_what, fn) => fn(sender) };
  const book = new WorkerPayoutBook({
    chain,
    wallet,
    code: o.code,
    closeDelay: o.closeDelay ?? 86_400,
    depositNano: o.depositNano,
    timeoutMs: 0,
    pollMs: 0,
  });
  const id = 'worker';
  book.admitted({ workerId: id, connId: 'c', payoutAddress: o.payee.toRawString(), sendVoucher: () => undefined });
  book.ended(id, 'c'); // vouchers are kept, not delivered: the bench needs only the broker's side
  let owed = 0n;
  let signed = 0n;
  const signedAtTopUp: bigint[] = [];
  for (let pass = 0; pass < o.passes; pass++) {
    owed += o.perPassNano;
    const before = messages.length;
    const ch = await book.channelOf(id);
    if (!ch) throw new Error('worker channel not opened');
    if (messages.length > before && before > 0) signedAtTopUp.push(signed);
    const deposit = deposits.get(ch.toRawString()) ?? 0n;
    const amount = owed < deposit ? owed : deposit;
    if (amount <= signed) continue;
    signed = amount;
    book.onVoucher(id, { channel: ch, amount, seq: BigInt(pass + 1) } as SignedVoucher);
  }
  const k = signedAtTopUp.length;
  const span = k >= 2 ? Number(signedAtTopUp[k - 1]! - signedAtTopUp[0]!) / (k - 1) : Number(o.depositNano);
  return { topUps: Math.max(0, messages.length - 1), nanoPerTopUp: span, messages };
}

const seedKey = (label: string): Buffer => keyPairFromSeed(createHash('sha256').update(label).digest()).publicKey;

/**
 * Top-ups per 1M requests at `depositNano`, all workers together: the broker's `WorkerPayoutBook` pays one worker
 * over `cycles` + 2 deposits' worth of passes (each pass 1/`grain` of the deposit); steady state = the TON it signs
 * between top-ups, so the count does not depend on how the requests are spread over workers.
 */
export async function topUpsPer1M(
  depositNano: bigint,
  workerPerRequestNano: bigint,
  opts: { cycles?: number; grain?: number } = {},
): Promise<number> {
  if (depositNano <= 0n) return 0;
  const grain = opts.grain ?? 50;
  const perPassNano = depositNano / BigInt(grain) > 0n ? depositNano / BigInt(grain) : 1n;
  const wallet = WalletContractV4.create({ workchain: 0, publicKey: seedKey('broker') });
  const r = await runWorkerTopUps({
    depositNano,
    perPassNano,
    passes: grain * ((opts.cycles ?? 4) + 2),
    code: paymentChannelCode(),
    wallet: { address: wallet.address, publicKey: wallet.publicKey },
    payee: WalletContractV4.create({ workchain: 0, publicKey: seedKey('worker') }).address,
  });
  return Number(1_000_000n * workerPerRequestNano) / r.nanoPerTopUp;
}
