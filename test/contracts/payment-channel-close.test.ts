import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { Address, type Cell, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { signVoucher, type SignedVoucher } from '../../contracts/voucher';
import { ExitCodes, Fees, Opcodes } from '../../contracts/constants';
import { T0, type Treasury } from './helpers';
import { DELAY, G, openWorld, otherKp, payerKp, payerVoucher } from './payment-channel-fixture';

describe('PaymentChannel close', () => {
  let code: Cell;
  let bc: Blockchain;
  let payer: Treasury;
  let payee: Treasury;
  let stranger: Treasury;
  let ch: SandboxContract<PaymentChannel>;
  const v = (amount: bigint, seq: bigint, channel: Address = ch.address, globalId: number = G): SignedVoucher =>
    payerVoucher(amount, seq, channel, globalId);

  beforeAll(async () => {
    code = await compileContract('payment_channel');
  });

  beforeEach(async () => {
    ({ bc, payer, payee, stranger, ch } = await openWorld(code));
  });

  describe('unilateral close', () => {
    it('only the payer starts it; the payee can claim during the delay; refund only after the delay', async () => {
      let r = await ch.sendStartClose(stranger.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_PAYER });
      r = await ch.sendStartClose(payee.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_PAYER });

      bc.now = T0 + 100;
      await ch.sendStartClose(payer.getSender());
      expect(await ch.getChannelData()).toMatchObject({ status: 'closing', closeRequestedAt: T0 + 100 });
      r = await ch.sendStartClose(payer.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSING });
      r = await ch.sendTopUp(payer.getSender(), { amount: toNano('1') });
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSING });

      bc.now = T0 + 100 + DELAY - 1;
      r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('4'), 1n) });
      expect(r.transactions).toHaveTransaction({ from: ch.address, to: payee.address, op: Opcodes.payout });
      r = await ch.sendFinishClose(payer.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_TOO_EARLY });

      bc.now = T0 + 100 + DELAY;
      r = await ch.sendFinishClose(stranger.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_PARTY });
      r = await ch.sendFinishClose(payer.getSender());
      const refundTx = r.transactions.find(
        (t) =>
          t.inMessage?.info.dest instanceof Address &&
          t.inMessage.info.dest.equals(payer.address) &&
          t.inMessage.info.src instanceof Address &&
          t.inMessage.info.src.equals(ch.address),
      );
      const refundBody = refundTx!.inMessage!.body.beginParse();
      expect(refundBody.loadUint(32)).toBe(Opcodes.refund);
      expect(refundBody.loadCoins()).toBe(toNano('6'));
      const info = refundTx!.inMessage!.info;
      expect(info.type === 'internal' && info.value.coins >= toNano('6')).toBe(true);
      expect((await ch.getChannelData()).status).toBe('closed');
      // The account stays (no re-deploy with fresh counters) with about the storage buffer.
      expect((await bc.getContract(ch.address)).balance).toBeLessThanOrEqual(Fees.channelStorageReserve);

      r = await ch.sendClaim(payee.getSender(), { voucher: v(toNano('5'), 2n) });
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSED });
      r = await ch.sendFinishClose(payer.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSED });
      r = await ch.sendTopUp(payer.getSender(), { amount: toNano('1') });
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSING });
    });

    it('claims to an undeployed payee while closing are credited there; FinishClose refunds exactly the rest', async () => {
      const ghost = Address.parse('0:' + '31'.repeat(32));
      const gc = bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: ghost, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce: 0x31n },
          code,
        ),
      );
      await gc.sendDeploy(payer.getSender(), { amount: toNano('5') });
      await gc.sendClaim(stranger.getSender(), { voucher: v(toNano('1'), 1n, gc.address) });
      bc.now = T0 + 10;
      await gc.sendStartClose(payer.getSender());
      bc.now = T0 + 10 + DELAY - 1;
      const r = await gc.sendClaim(stranger.getSender(), { voucher: v(toNano('3'), 2n, gc.address) });
      expect(r.transactions).toHaveTransaction({ from: gc.address, to: ghost, op: Opcodes.payout, value: toNano('2') });
      expect(r.transactions).not.toHaveTransaction({ from: ghost, to: gc.address });
      expect(await gc.getChannelData()).toMatchObject({ status: 'closing', claimed: toNano('3'), lastSeq: 2n });
      const credited = await bc.getContract(ghost);
      expect(credited.accountState?.type).toBe('uninit');
      expect(credited.balance).toBeGreaterThan(toNano('2.99'));

      bc.now = T0 + 10 + DELAY;
      const fin = await gc.sendFinishClose(payer.getSender());
      const refund = fin.transactions.find(
        (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(payer.address),
      );
      const body = refund!.inMessage!.body.beginParse();
      expect(body.loadUint(32)).toBe(Opcodes.refund);
      expect(body.loadCoins()).toBe(toNano('2'));
      expect(await gc.getChannelData()).toMatchObject({ status: 'closed', claimed: toNano('3'), lastSeq: 2n });
      expect((await bc.getContract(ghost)).balance).toBe(credited.balance);
    });

    it('the payee may finish after the delay too; finishing without a start is refused', async () => {
      let r = await ch.sendFinishClose(payer.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_CLOSING });
      await ch.sendStartClose(payer.getSender());
      bc.now = T0 + DELAY;
      r = await ch.sendFinishClose(payee.getSender());
      expect(r.transactions).toHaveTransaction({ from: ch.address, to: payer.address, op: Opcodes.refund });
    });
  });

  describe('cooperative close', () => {
    it('payee closes at once with a final voucher: payee gets the delta, payer the rest', async () => {
      await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
      const r = await ch.sendCooperativeClose(payee.getSender(), { final: v(toNano('3'), 2n) });
      expect(r.transactions).toHaveTransaction({
        from: ch.address,
        to: payee.address,
        op: Opcodes.payout,
        value: (x?: bigint) => x !== undefined && x >= toNano('2'),
      });
      expect(r.transactions).toHaveTransaction({
        from: ch.address,
        to: payer.address,
        op: Opcodes.refund,
        value: toNano('7'),
      });
      expect(await ch.getChannelData()).toMatchObject({ status: 'closed', claimed: toNano('3'), lastSeq: 2n });
    });

    it('accepts a final voucher equal to the claimed amount, and no voucher at all', async () => {
      await ch.sendClaim(payee.getSender(), { voucher: v(toNano('1'), 1n) });
      const r = await ch.sendCooperativeClose(payee.getSender(), { final: v(toNano('1'), 2n) });
      expect(r.transactions).toHaveTransaction({
        from: ch.address,
        to: payer.address,
        op: Opcodes.refund,
        value: toNano('9'),
      });
      const ch2 = bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: payee.address, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce: 8n },
          code,
        ),
      );
      await ch2.sendDeploy(payer.getSender(), { amount: toNano('2') });
      const r2 = await ch2.sendCooperativeClose(payee.getSender());
      expect(r2.transactions).toHaveTransaction({
        from: ch2.address,
        to: payer.address,
        op: Opcodes.refund,
        value: toNano('2'),
      });
    });

    it('refuses the payer, bad final vouchers and a second close', async () => {
      let r = await ch.sendCooperativeClose(payer.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_PAYEE });
      r = await ch.sendCooperativeClose(payee.getSender(), {
        final: signVoucher({ channel: ch.address, globalId: G, amount: 1n, seq: 1n }, otherKp.secretKey),
      });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_BAD_SIGNATURE,
      });
      r = await ch.sendCooperativeClose(payee.getSender(), { final: v(toNano('11'), 1n) });
      expect(r.transactions).toHaveTransaction({
        to: ch.address,
        success: false,
        exitCode: ExitCodes.ERR_INSUFFICIENT_DEPOSIT,
      });
      await ch.sendCooperativeClose(payee.getSender());
      r = await ch.sendCooperativeClose(payee.getSender());
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_CLOSED });
    });
  });
});
