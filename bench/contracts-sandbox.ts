/**
 * Sandbox helpers shared by the contracts bench files: deterministic keys, real v4 wallets as senders, fee and gas
 * readings from a trace.
 */
import { Address, internal, type Sender, type SenderArguments, SendMode, toNano, type Transaction } from '@ton/core';
import { Blockchain, type SandboxContract, type SendMessageResult, type TreasuryContract } from '@ton/sandbox';
import { WalletContractV4 } from '@ton/ton';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { createHash } from 'node:crypto';

/** The bench's fixed start time (2026-01-01T00:00:00Z). */
export const T0 = 1767225600;

export const TON = 1_000_000_000n;
export const fmtTon = (n: bigint): string => (Number(n) / 1e9).toFixed(6);
export const ton = (n: bigint): number => Number(n) / 1e9;
export const key = (label: string): KeyPair => keyPairFromSeed(createHash('sha256').update(label).digest());
export const id = (label: string): string => createHash('sha256').update(label).digest('hex');

/** A sandbox chain (@ton/sandbox's bundled mainnet config) with its clock at `T0`. */
export async function newChain(): Promise<Blockchain> {
  const bc = await Blockchain.create();
  bc.now = T0;
  return bc;
}

/** Fees the network collected during `fn`: the drop of the summed balances of every account involved. */
export async function measured(bc: Blockchain, accounts: readonly Address[], fn: () => Promise<void>): Promise<bigint> {
  const total = async (): Promise<bigint> => {
    let s = 0n;
    for (const a of accounts) s += (await bc.getContract(a)).balance;
    return s;
  };
  const before = await total();
  await fn();
  return before - (await total());
}

export function gasOf(tx: Transaction | undefined): bigint {
  const d = tx?.description;
  return d && d.type === 'generic' && d.computePhase.type === 'vm' ? d.computePhase.gasUsed : 0n;
}

export function contractTx(r: SendMessageResult, address: Address): Transaction | undefined {
  return r.transactions.find(
    (t) =>
      t.inMessage?.info.dest instanceof Address &&
      (t.inMessage.info.dest as Address).equals(address) &&
      t.inMessage.info.type === 'internal',
  );
}

export interface Wallet {
  address: Address;
  sender: Sender;
  last(): SendMessageResult;
}

/** A real WalletContractV4 in the sandbox; `sender` signs external transfers and remembers the trace. */
export async function v4(bc: Blockchain, funder: SandboxContract<TreasuryContract>, label: string): Promise<Wallet> {
  const kp = key(label);
  const w = bc.openContract(WalletContractV4.create({ workchain: 0, publicKey: kp.publicKey }));
  await funder.send({ to: w.address, value: toNano('100000'), bounce: false });
  await w.sendTransfer({ seqno: 0, secretKey: kp.secretKey, messages: [] }); // deploys the wallet
  let last: SendMessageResult | undefined;
  const sender: Sender = {
    address: w.address,
    async send(args: SenderArguments) {
      last = await w.sendTransfer({
        seqno: await w.getSeqno(),
        secretKey: kp.secretKey,
        sendMode: args.sendMode ?? SendMode.PAY_GAS_SEPARATELY,
        messages: [
          internal({
            to: args.to,
            value: args.value,
            bounce: args.bounce ?? true,
            init: args.init ?? null,
            body: args.body ?? null,
          }),
        ],
      });
    },
  };
  return { address: w.address, sender, last: () => last as SendMessageResult };
}
