import { toNano } from '@ton/core';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain/sandbox-chain';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { keyFromSeed, T0 } from './helpers';

describe('DevnetChain.openChannel (SIMULATED convenience)', () => {
  const payer = keyFromSeed('open-channel-payer');
  const payee = keyFromSeed('open-channel-payee');
  let dev: DevnetChain;

  beforeAll(async () => {
    dev = await startDevnetChain({ now: T0, params: { clientCloseDelay: 3600 } });
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('deploys an active channel holding the deposit, readable over the devnet HTTP API', async () => {
    const payeeAddr = dev.walletAddress(payee.publicKey);
    const addr = await dev.openChannel({ payerKey: payer.publicKey, payee: payeeAddr, deposit: toNano('2') });
    const ch = dev.blockchain.openContract(PaymentChannel.createFromAddress(addr));
    expect((await dev.blockchain.getContract(addr)).accountState?.type).toBe('active');
    const data = await ch.getChannelData();
    expect(data.deposit).toBe(toNano('2'));
    expect(data.claimed).toBe(0n);
    expect(data.status).toBe('open');
    expect(data.payer.equals(dev.walletAddress(payer.publicKey))).toBe(true);
    expect(data.payee.equals(payeeAddr)).toBe(true);
    expect(data.closeDelay).toBe(3600);
    expect(data.payerKey).toBe(BigInt('0x' + Buffer.from(payer.publicKey).toString('hex')));
    const chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    expect(await chain.getAccountState(addr)).toBe('active');
    expect((await chain.getChannel(addr))?.deposit).toBe(toNano('2'));

    // A second channel (another nonce) is a distinct contract; topping up an existing one adds to it.
    const second = await dev.openChannel({
      payerKey: payer.publicKey,
      payee: payeeAddr,
      deposit: toNano('1'),
      nonce: 1n,
    });
    expect(second.equals(addr)).toBe(false);
    expect((await dev.blockchain.openContract(PaymentChannel.createFromAddress(second)).getChannelData()).deposit).toBe(
      toNano('1'),
    );
    const again = await dev.openChannel({ payerKey: payer.publicKey, payee: payeeAddr, deposit: toNano('1') });
    expect(again.equals(addr)).toBe(true);
    expect((await ch.getChannelData()).deposit).toBe(toNano('3'));
  });
});
