import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { type Address, type Cell, toNano } from '@ton/core';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { signVoucher, type SignedVoucher } from '../../contracts/voucher';
import { MIN_CLOSE_DELAY, NETWORK_GLOBAL_ID, Opcodes } from '../../contracts/constants';
import { configWithGlobalId } from '../../contracts/wrappers/codec';
import { keyFromSeed, newChain, type Treasury } from './helpers';

/** Shared set-up of the PaymentChannel sandbox tests (payment-channel*.test.ts). */
export const DELAY = MIN_CLOSE_DELAY;
/** The chain these tests run on is the devnet (config param 19 = -4242), not the sandbox's default -239. */
export const G = NETWORK_GLOBAL_ID.devnet;
export const payerKp = keyFromSeed('payer');
export const otherKp = keyFromSeed('other');

export interface ChannelWorld {
  bc: Blockchain;
  payer: Treasury;
  payee: Treasury;
  stranger: Treasury;
  /** A channel payer -> payee (nonce 7, close delay DELAY) deployed with a 10 TON deposit. */
  ch: SandboxContract<PaymentChannel>;
}

export async function openWorld(code: Cell): Promise<ChannelWorld> {
  const bc = await newChain();
  bc.setConfig(configWithGlobalId(bc.config, G));
  const payer = await bc.treasury('payer');
  const payee = await bc.treasury('payee');
  const stranger = await bc.treasury('stranger');
  const ch = bc.openContract(
    PaymentChannel.createFromConfig(
      { payer: payer.address, payee: payee.address, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce: 7n },
      code,
    ),
  );
  const r = await ch.sendDeploy(payer.getSender(), { amount: toNano('10') });
  expect(r.transactions).toHaveTransaction({ to: ch.address, deploy: true, success: true });
  expect(r.transactions).toHaveTransaction({ from: ch.address, to: payer.address, op: Opcodes.excesses });
  return { bc, payer, payee, stranger, ch };
}

/** A voucher signed by the payer's key. */
export function payerVoucher(amount: bigint, seq: bigint, channel: Address, globalId: number = G): SignedVoucher {
  return signVoucher({ channel, globalId, amount, seq }, payerKp.secretKey);
}

/** I3: while not closed, the channel's balance covers what it still owes. */
export async function expectSolventOf(bc: Blockchain, ch: SandboxContract<PaymentChannel>): Promise<void> {
  const d = await ch.getChannelData();
  if (d.status === 'closed') return;
  const balance = (await bc.getContract(ch.address)).balance;
  expect(balance).toBeGreaterThanOrEqual(d.deposit - d.claimed);
}
