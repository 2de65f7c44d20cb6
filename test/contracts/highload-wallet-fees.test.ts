import { type SandboxContract } from '@ton/sandbox';
import { Address, type Cell, fromNano, internal, SendMode, toNano } from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { signVoucher } from '../../contracts/voucher';
import { buildHighloadExternal, compileContract, HighloadWallet, PaymentChannel } from '../../contracts/wrappers';
import { keyFromSeed, newChain } from './helpers';

/**
 * Wallet-side fees (import, compute, forwarding; the balance drop minus the values delivered) of N claim-shaped
 * messages sent from one highload external vs N separate v4 transfers. The destinations' own processing is the
 * same either way and is not counted.
 */
const key = keyFromSeed('fee broker');
const VALUE = toNano('0.02');

function claimBody(i: number): Cell {
  const channel = new Address(0, Buffer.alloc(32, i + 1));
  const v = signVoucher(
    { channel, globalId: NETWORK_GLOBAL_ID.devnet, amount: toNano('10') + BigInt(i), seq: BigInt(i + 1) },
    key.secretKey,
  );
  return PaymentChannel.claimBody(v);
}

async function measure(n: number): Promise<{ highload: bigint; v4: bigint }> {
  const bc = await newChain();
  const funder = await bc.treasury('funder');
  const dest = await bc.treasury('sink');
  const code = await compileContract('highload_wallet');
  const hw: SandboxContract<HighloadWallet> = bc.openContract(
    HighloadWallet.createFromConfig({ publicKey: key.publicKey, timeout: 3600 }, code),
  );
  await hw.sendDeploy(funder.getSender(), toNano('100'));
  const v4 = bc.openContract(WalletContractV4.create({ workchain: 0, publicKey: key.publicKey }));
  await funder.send({ to: v4.address, value: toNano('100'), init: v4.init });
  // first v4 transfer deploys it; not counted
  await v4.sendTransfer({ seqno: 0, secretKey: key.secretKey, messages: [], sendMode: SendMode.PAY_GAS_SEPARATELY });

  const messages = Array.from({ length: n }, (_, i) =>
    internal({ to: dest.address, value: VALUE, body: claimBody(i) }),
  );
  const balance = async (a: Address): Promise<bigint> => (await bc.getContract(a)).balance;

  const h0 = await balance(hw.address);
  await hw.sendExternal(
    buildHighloadExternal({
      secretKey: key.secretKey,
      subwalletId: await hw.getSubwalletId(),
      timeout: 3600,
      queryId: 1,
      createdAt: bc.now! - 1,
      wallet: hw.address,
      messages: messages.map((message) => ({ message, mode: SendMode.PAY_GAS_SEPARATELY })),
    }),
  );
  const highload = h0 - (await balance(hw.address)) - BigInt(n) * VALUE;

  const v0 = await balance(v4.address);
  for (let i = 0; i < n; i++) {
    await v4.sendTransfer({
      seqno: await v4.getSeqno(),
      secretKey: key.secretKey,
      messages: [messages[i]!],
      sendMode: SendMode.PAY_GAS_SEPARATELY,
    });
  }
  const v4Fee = v0 - (await balance(v4.address)) - BigInt(n) * VALUE;
  return { highload, v4: v4Fee };
}

describe('highload wallet fees vs one v4 transfer per claim', () => {
  it.each([1, 10, 100])('N = %i claims', async (n) => {
    const f = await measure(n);
    process.stdout.write(
      `${JSON.stringify({ id: `chain.highload_fee_n${n}`, highload: fromNano(f.highload), v4: fromNano(f.v4), unit: 'TON' })}\n`,
    );
    expect(f.highload).toBeGreaterThan(0n);
    expect(f.v4).toBeGreaterThan(0n);
    if (n > 1) expect(f.highload).toBeLessThan(f.v4);
  });
});
