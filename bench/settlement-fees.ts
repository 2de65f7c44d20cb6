/**
 * Measures, in @ton/sandbox (mainnet config; senders are real v4 wallets; the fee is everything the network collected
 * for the whole trace), the on-chain operations the settlement bench prices (bench/settlement.ts).
 */
import { type Address, internal, type Sender, type SenderArguments, SendMode, toNano } from '@ton/core';
import { Blockchain, type SandboxContract, type TreasuryContract } from '@ton/sandbox';
import { WalletContractV4 } from '@ton/ton';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { createHash } from 'node:crypto';
import { compileContract } from '../contracts/wrappers/compile';
import { PaymentChannel } from '../contracts/wrappers/payment-channel';
import { signVoucher } from '../contracts/voucher';
import { NETWORK_GLOBAL_ID } from '../contracts/constants';
import { PREVIOUS_WORKER_DEPOSIT_NANO, runWorkerTopUps } from './settlement-topups';

const TON = 1_000_000_000n;
const G = NETWORK_GLOBAL_ID.mainnet; // the sandbox's config is mainnet's

export interface MeasuredFees {
  /** Channel open: deploy + first deposit. */
  readonly openNano: bigint;
  /** One claim sent alone in one external message. */
  readonly claimNano: bigint;
  /** One claim's share of four claims sent in one v4 external. */
  readonly batchedClaimNano: bigint;
  /** One top-up of an open broker -> worker channel, sent alone. */
  readonly topUpNano: bigint;
}

const key = (label: string): KeyPair => keyPairFromSeed(createHash('sha256').update(label).digest());

interface V4 {
  readonly address: Address;
  /** Sends `msgs` in one external transfer. */
  send(msgs: readonly SenderArguments[]): Promise<void>;
  readonly sender: Sender;
}

async function v4(bc: Blockchain, funder: SandboxContract<TreasuryContract>, label: string): Promise<V4> {
  const kp = key(label);
  const w = bc.openContract(WalletContractV4.create({ workchain: 0, publicKey: kp.publicKey }));
  await funder.send({ to: w.address, value: toNano('100000'), bounce: false });
  await w.sendTransfer({ seqno: 0, secretKey: kp.secretKey, messages: [] });
  const send = async (msgs: readonly SenderArguments[]): Promise<void> => {
    await w.sendTransfer({
      seqno: await w.getSeqno(),
      secretKey: kp.secretKey,
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      messages: msgs.map((a) =>
        internal({ to: a.to, value: a.value, bounce: a.bounce ?? true, init: a.init ?? null, body: a.body ?? null }),
      ),
    });
  };
  return { address: w.address, send, sender: { address: w.address, send: (a) => send([a]) } };
}

/** The message a wrapper call would send, captured instead of sent. */
async function capture(
  bc: Blockchain,
  at: Address,
  call: (c: SandboxContract<PaymentChannel>, via: Sender) => Promise<void>,
): Promise<SenderArguments> {
  let got: SenderArguments | undefined;
  await call(bc.openContract(PaymentChannel.createFromAddress(at)), { send: async (a) => void (got = a) });
  return got!;
}

/** Measures a channel open, a claim alone and a claim batched four per external (whole traces). */
export async function measureFees(): Promise<MeasuredFees> {
  const code = await compileContract('payment_channel');
  const bc = await Blockchain.create();
  bc.now = 1767225600;
  const treasury = await bc.treasury('settlement', { balance: toNano('100000000') });
  const client = await v4(bc, treasury, 'client');
  const broker = await v4(bc, treasury, 'broker');
  const clientKey = key('client-key');
  const accounts: Address[] = [client.address, broker.address];
  const total = async (): Promise<bigint> => {
    let s = 0n;
    for (const a of accounts) s += (await bc.getContract(a)).balance;
    return s;
  };
  const fee = async (fn: () => Promise<void>): Promise<bigint> => {
    const before = await total();
    await fn();
    return before - (await total());
  };
  const channels: Address[] = [];
  let openNano = 0n;
  for (let i = 0; i < 9; i++) {
    const ch = bc.openContract(
      PaymentChannel.createFromConfig(
        {
          payer: client.address,
          payee: broker.address,
          payerKey: clientKey.publicKey,
          closeDelay: 86_400,
          nonce: BigInt(i),
        },
        code,
      ),
    );
    accounts.push(ch.address);
    channels.push(ch.address);
    const f = await fee(async () => {
      await ch.sendDeploy(client.sender, { amount: 1000n * TON });
    });
    if (i === 0) openNano = f;
  }
  const claimMsg = (at: Address, amount: bigint, seq: bigint): Promise<SenderArguments> =>
    capture(bc, at, async (c, via) => {
      await c.sendClaim(via, { voucher: signVoucher({ channel: at, globalId: G, amount, seq }, clientKey.secretKey) });
    });
  let single = 0n;
  for (let i = 0; i < 4; i++) {
    const m = await claimMsg(channels[i]!, TON, 1n);
    single += await fee(() => broker.send([m]));
  }
  let batched = 0n;
  for (const group of [channels.slice(4, 8), channels.slice(0, 4)]) {
    const msgs = await Promise.all(group.map((at, j) => claimMsg(at, 2n * TON + BigInt(j), 2n)));
    batched += await fee(() => broker.send(msgs));
  }
  // The broker's own open and top-up messages to a worker channel (payer = the broker's v4 wallet), replayed from it.
  const funding = await runWorkerTopUps({
    depositNano: PREVIOUS_WORKER_DEPOSIT_NANO,
    perPassNano: TON,
    passes: 12,
    code,
    wallet: { address: broker.address, publicKey: key('broker').publicKey },
    payee: client.address,
  });
  const [open, ...topUps] = funding.messages;
  accounts.push(open!.to);
  await broker.send([open!]);
  let topUpNano = 0n;
  for (const m of topUps.slice(0, 2)) topUpNano += await fee(() => broker.send([m]));
  return { openNano, claimNano: single / 4n, batchedClaimNano: batched / 8n, topUpNano: topUpNano / 2n };
}
