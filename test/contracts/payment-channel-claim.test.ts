import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { type Address, beginCell, type Cell, internal, SendMode, toNano } from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { compileContract } from '../../contracts/wrappers/compile';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { sign } from '@ton/crypto';
import { signVoucher, type SignedVoucher } from '../../contracts/voucher';
import { configWithGlobalId } from '../../contracts/wrappers/codec';
import { ExitCodes, NETWORK_GLOBAL_ID, Opcodes } from '../../contracts/constants';
import { keyFromSeed, type Treasury } from './helpers';
import { DELAY, expectSolventOf, G, openWorld, otherKp, payerKp, payerVoucher } from './payment-channel-fixture';

describe('PaymentChannel claims', () => {
  let code: Cell;
  let bc: Blockchain;
  let payer: Treasury;
  let payee: Treasury;
  let stranger: Treasury;
  let ch: SandboxContract<PaymentChannel>;
  const v = (amount: bigint, seq: bigint, channel: Address = ch.address, globalId: number = G): SignedVoucher =>
    payerVoucher(amount, seq, channel, globalId);
  const expectSolvent = (): Promise<void> => expectSolventOf(bc, ch);

  beforeAll(async () => {
    code = await compileContract('payment_channel');
  });

  beforeEach(async () => {
    ({ bc, payer, payee, stranger, ch } = await openWorld(code));
  });

  it('pays the payee the delta of each cumulative voucher', async () => {
    let r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
    expect(r.transactions).toHaveTransaction({
      from: ch.address,
      to: payee.address,
      op: Opcodes.payout,
      value: toNano('1'),
    });
    r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('3.5'), 5n) });
    const payoutTx = r.transactions.find(
      (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(payee.address),
    );
    const info = payoutTx?.inMessage?.info;
    expect(info?.type === 'internal' && info.value.coins).toBe(toNano('2.5'));
    const body = payoutTx!.inMessage!.body.beginParse();
    expect(body.loadUint(32)).toBe(Opcodes.payout);
    expect(body.loadCoins()).toBe(toNano('2.5'));
    const d = await ch.getChannelData();
    expect(d).toMatchObject({ claimed: toNano('3.5'), lastSeq: 5n, deposit: toNano('10') });
    await expectSolvent();
  });

  it('rejects a replayed voucher', async () => {
    const voucher = v(toNano('1'), 1n);
    await ch.sendClaim(payee.getSender(), { voucher });
    const r = await ch.sendClaim(payee.getSender(), { voucher });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_STALE_SEQ });
    expect((await ch.getChannelData()).claimed).toBe(toNano('1'));
  });

  it('rejects reordered vouchers (an older one after a newer one)', async () => {
    const older = v(toNano('1'), 1n);
    const newer = v(toNano('2'), 2n);
    await ch.sendClaim(payee.getSender(), { voucher: newer });
    const r = await ch.sendClaim(payee.getSender(), { voucher: older });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_STALE_SEQ });
    expect((await ch.getChannelData()).claimed).toBe(toNano('2'));
  });

  it('rejects a non-increasing cumulative amount even with a higher sequence', async () => {
    await ch.sendClaim(payee.getSender(), { voucher: v(toNano('2'), 1n) });
    for (const amount of [toNano('2'), toNano('1')]) {
      const r = await ch.sendClaim(payee.getSender(), { voucher: v(amount, 9n) });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_NOT_MONOTONIC,
      });
    }
  });

  it('rejects a voucher for another channel address', async () => {
    const r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n, stranger.address) });
    expect(r.transactions).toHaveTransaction({
      to: ch.address,
      success: false,
      exitCode: ExitCodes.ERR_WRONG_CHANNEL,
    });
  });

  it('rejects bad signatures: another key, a tampered amount, a zero signature', async () => {
    const foreign = signVoucher({ channel: ch.address, globalId: G, amount: toNano('1'), seq: 1n }, otherKp.secretKey);
    const tampered = { ...v(toNano('1'), 1n), amount: toNano('5') };
    const zero = { ...v(toNano('1'), 1n), signature: new Uint8Array(64) };
    for (const voucher of [foreign, tampered, zero]) {
      const r = await ch.sendClaim(payee.getSender(), { voucher });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_BAD_SIGNATURE,
      });
    }
  });

  it('rejects a correctly signed cell that is not a voucher: another tag, or the layout without a network', async () => {
    const foreign = beginCell()
      .storeUint(0xdeadbeef, 32)
      .storeAddress(ch.address)
      .storeInt(G, 32)
      .storeCoins(toNano('1'))
      .storeUint(1n, 64)
      .endCell();
    const legacy = beginCell()
      .storeUint(0x43685601, 32)
      .storeAddress(ch.address)
      .storeCoins(toNano('1'))
      .storeUint(1n, 64)
      .endCell();
    for (const cell of [foreign, legacy]) {
      const signature = sign(cell.hash(), payerKp.secretKey);
      const body = beginCell()
        .storeUint(Opcodes.claim, 32)
        .storeUint(0, 64)
        .storeBuffer(signature)
        .storeRef(cell)
        .endCell();
      const r = await payee.send({ to: ch.address, value: toNano('0.05'), body });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_BAD_VOUCHER,
      });
    }
    expect((await ch.getChannelData()).claimed).toBe(0n);
  });

  it('refuses a voucher naming another network (same key, same channel), then pays the right one', async () => {
    for (const globalId of [NETWORK_GLOBAL_ID.mainnet, NETWORK_GLOBAL_ID.testnet, 0]) {
      const r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n, ch.address, globalId) });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_WRONG_NETWORK,
      });
    }
    expect(await ch.getChannelData()).toMatchObject({ claimed: 0n, lastSeq: 0n });
    const ok = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
    expect(ok.transactions).toHaveTransaction({ from: ch.address, to: payee.address, op: Opcodes.payout });
    expect(await ch.getChannelData()).toMatchObject({ claimed: toNano('1'), lastSeq: 1n });
  });

  it('follows the running chain: the same voucher fails once param 19 changes, and without param 19', async () => {
    bc.setConfig(configWithGlobalId(bc.config, NETWORK_GLOBAL_ID.mainnet));
    let r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
    expect(r.transactions).toHaveTransaction({
      to: ch.address,
      success: false,
      exitCode: ExitCodes.ERR_WRONG_NETWORK,
    });
    bc.setConfig(configWithGlobalId(bc.config, null));
    r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
    expect(r.transactions).toHaveTransaction({
      to: ch.address,
      success: false,
      exitCode: ExitCodes.ERR_WRONG_NETWORK,
    });
    bc.setConfig(configWithGlobalId(bc.config, G));
    r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: true });
  });

  it('rejects a cumulative amount above the deposit', async () => {
    const r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('10.000000001'), 1n) });
    expect(r.transactions).toHaveTransaction({
      to: ch.address,
      success: false,
      exitCode: ExitCodes.ERR_INSUFFICIENT_DEPOSIT,
    });
    const ok = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('10'), 2n) });
    expect(ok.transactions).toHaveTransaction({ to: ch.address, success: true });
    await expectSolvent();
  });

  it('accepts a claim from anyone: the payee gets exactly the delta, the sender the unspent value', async () => {
    // The worker's operating wallet (here `stranger`) claims; the payout address (`payee`) only receives.
    const payeeBefore = await payee.getBalance();
    const senderBefore = await stranger.getBalance();
    const r = await ch.sendClaim(stranger.getSender(), { voucher: v(toNano('1.5'), 1n), value: toNano('0.05') });
    expect(r.transactions).toHaveTransaction({
      from: ch.address,
      to: payee.address,
      op: Opcodes.payout,
      value: toNano('1.5'),
      success: true,
    });
    expect(r.transactions).toHaveTransaction({ from: ch.address, to: stranger.address, op: Opcodes.excesses });
    const excess = r.transactions.find(
      (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(stranger.address),
    )?.inMessage?.info;
    const excessNano = excess?.type === 'internal' ? excess.value.coins : 0n;
    expect(excessNano).toBeGreaterThan(toNano('0.03')); // 0.05 attached minus the channel's gas and forward fees
    expect(excessNano).toBeLessThan(toNano('0.05'));
    const payoutFee = r.transactions.find(
      (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(payee.address),
    )!.totalFees.coins;
    expect((await payee.getBalance()) - payeeBefore).toBe(toNano('1.5') - payoutFee); // the payee spent nothing else
    expect(senderBefore - (await stranger.getBalance())).toBeLessThan(toNano('0.02')); // fees only, no delta
    expect(await ch.getChannelData()).toMatchObject({ claimed: toNano('1.5'), lastSeq: 1n });
    await expectSolvent();
    // The payer may claim too: still only the payee is paid.
    const r2 = await ch.sendClaim(payer.getSender(), { voucher: v(toNano('2'), 2n) });
    expect(r2.transactions).toHaveTransaction({ from: ch.address, to: payee.address, value: toNano('0.5') });
    expect(r2.transactions).toHaveTransaction({ from: ch.address, to: payer.address, op: Opcodes.excesses });
    await expectSolvent();
  });

  it('refuses a claim with too little value, whoever sends it', async () => {
    let r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n), value: toNano('0.01') });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_LOW_VALUE });
    r = await ch.sendClaim(stranger.getSender(), { voucher: v(toNano('1'), 1n), value: toNano('0.01') });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_LOW_VALUE });
    expect(await ch.getChannelData()).toMatchObject({ claimed: 0n, lastSeq: 0n });
  });

  describe('payee address never deployed (a fresh wallet)', () => {
    const ownerKp = keyFromSeed('gpu-owner');
    /** The GPU owner's wallet: its address is known, its account does not exist yet. */
    const ownerWallet = (): WalletContractV4 => WalletContractV4.create({ workchain: 0, publicKey: ownerKp.publicKey });

    async function channelTo(payeeAddr: Address, nonce: bigint): Promise<SandboxContract<PaymentChannel>> {
      const c = bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: payeeAddr, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce },
          code,
        ),
      );
      await c.sendDeploy(payer.getSender(), { amount: toNano('5') });
      return c;
    }

    it('a claim credits the undeployed address (uninit account) and marks the voucher claimed', async () => {
      const owner = ownerWallet().address;
      expect((await bc.getContract(owner)).balance).toBe(0n); // no account at that address yet
      const c = await channelTo(owner, 0x41n);
      // The worker's operating wallet (`stranger`) claims; the payout address has never sent anything.
      const r = await c.sendClaim(stranger.getSender(), { voucher: v(toNano('1'), 1n, c.address) });
      expect(r.transactions).toHaveTransaction({ from: c.address, to: owner, op: Opcodes.payout, value: toNano('1') });
      expect(r.transactions).not.toHaveTransaction({ from: owner, to: c.address });
      const acct = await bc.getContract(owner);
      expect(acct.accountState?.type).toBe('uninit');
      expect(acct.balance).toBeGreaterThan(toNano('0.99'));
      expect(acct.balance).toBeLessThanOrEqual(toNano('1'));
      expect(await c.getChannelData()).toMatchObject({ claimed: toNano('1'), lastSeq: 1n });
      expect(await c.getUnclaimed()).toBe(toNano('4'));
      // The voucher is spent: claiming it again is refused, nothing is paid twice.
      const again = await c.sendClaim(stranger.getSender(), { voucher: v(toNano('1'), 1n, c.address) });
      expect(again.transactions).toHaveTransaction({
        to: c.address,
        success: false,
        exitCode: ExitCodes.ERR_STALE_SEQ,
      });
      expect((await bc.getContract(owner)).balance).toBe(acct.balance);
      await expectSolventOf(bc, c);
    });

    it('the owner deploys the wallet later and holds what was paid to it', async () => {
      const wallet = bc.openContract(ownerWallet());
      const c = await channelTo(wallet.address, 0x42n);
      await c.sendClaim(stranger.getSender(), { voucher: v(toNano('1'), 1n, c.address) });
      await c.sendClaim(stranger.getSender(), { voucher: v(toNano('2.5'), 2n, c.address) });
      expect((await bc.getContract(wallet.address)).accountState?.type).toBe('uninit');
      // The first external message carries the wallet's code: the account becomes active, paying from the payout.
      const seqno = 0;
      await wallet.sendTransfer({
        seqno,
        secretKey: ownerKp.secretKey,
        sendMode: SendMode.PAY_GAS_SEPARATELY,
        messages: [internal({ to: payer.address, value: toNano('0.5'), bounce: false })],
      });
      const acct = await bc.getContract(wallet.address);
      expect(acct.accountState?.type).toBe('active');
      expect(await wallet.getSeqno()).toBe(1);
      const held = acct.balance;
      expect(held).toBeGreaterThan(toNano('1.99')); // 2.5 paid, 0.5 sent on, the deploy's fees
      expect(held).toBeLessThan(toNano('2'));
      expect(await c.getChannelData()).toMatchObject({ claimed: toNano('2.5'), lastSeq: 2n });
    });
  });
});
