import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { beginCell, type Cell, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { ExitCodes, Fees, MIN_CLOSE_DELAY } from '../../contracts/constants';
import { type Treasury } from './helpers';
import { DELAY, expectSolventOf, openWorld, payerKp } from './payment-channel-fixture';

describe('PaymentChannel', () => {
  let code: Cell;
  let bc: Blockchain;
  let payer: Treasury;
  let payee: Treasury;
  let stranger: Treasury;
  let ch: SandboxContract<PaymentChannel>;
  const expectSolvent = (): Promise<void> => expectSolventOf(bc, ch);

  beforeAll(async () => {
    code = await compileContract('payment_channel');
  });

  beforeEach(async () => {
    ({ bc, payer, payee, stranger, ch } = await openWorld(code));
  });

  it('deploys with the first deposit and exposes its data', async () => {
    const d = await ch.getChannelData();
    expect(d.payer.equals(payer.address) && d.payee.equals(payee.address)).toBe(true);
    expect(d.payerKey).toBe(BigInt('0x' + Buffer.from(payerKp.publicKey).toString('hex')));
    expect(d).toMatchObject({
      nonce: 7n,
      closeDelay: DELAY,
      deposit: toNano('10'),
      claimed: 0n,
      lastSeq: 0n,
      status: 'open',
      closeRequestedAt: 0,
    });
    expect(await ch.getUnclaimed()).toBe(toNano('10'));
    // Only the deposit plus the storage buffer stays: the rest of the attached value came back.
    const balance = (await bc.getContract(ch.address)).balance;
    expect(balance).toBeGreaterThanOrEqual(toNano('10'));
    expect(balance).toBeLessThanOrEqual(toNano('10') + Fees.channelStorageReserve);
  });

  describe('top-up', () => {
    it('payer tops up; deposit grows by exactly the amount', async () => {
      await ch.sendTopUp(payer.getSender(), { amount: toNano('2') });
      expect((await ch.getChannelData()).deposit).toBe(toNano('12'));
      await expectSolvent();
    });
    it('refuses other senders (value bounces) and too little attached value', async () => {
      let r = await ch.sendTopUp(stranger.getSender(), { amount: toNano('1') });
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_NOT_PAYER });
      expect(r.transactions).toHaveTransaction({ from: ch.address, to: stranger.address, inMessageBounced: true });
      r = await ch.sendTopUp(payer.getSender(), { amount: toNano('1'), value: toNano('1') });
      expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_LOW_VALUE });
      expect((await ch.getChannelData()).deposit).toBe(toNano('10'));
    });
  });

  describe('minimum close delay', () => {
    const open = (closeDelay: number, nonce: bigint): SandboxContract<PaymentChannel> =>
      bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: payee.address, payerKey: payerKp.publicKey, closeDelay, nonce },
          code,
        ),
      );
    it('a channel whose close delay is below MIN_CLOSE_DELAY refuses every deposit, so it never holds money', async () => {
      for (const [delay, nonce] of [
        [0, 20n],
        [60, 21n],
        [MIN_CLOSE_DELAY - 1, 22n],
      ] as const) {
        const short = open(delay, nonce);
        const r = await short.sendDeploy(payer.getSender(), { amount: toNano('1') });
        expect(r.transactions).toHaveTransaction({
          to: short.address,
          success: false,
          exitCode: ExitCodes.ERR_CLOSE_DELAY_TOO_SHORT,
        });
        expect(r.transactions).toHaveTransaction({ from: short.address, to: payer.address, inMessageBounced: true });
        const left = await bc.getContract(short.address);
        expect(left.balance).toBeLessThan(toNano('0.01'));
      }
    });
    it('accepts exactly MIN_CLOSE_DELAY and more', async () => {
      for (const [delay, nonce] of [
        [MIN_CLOSE_DELAY, 23n],
        [86_400, 24n],
      ] as const) {
        const okCh = open(delay, nonce);
        const r = await okCh.sendDeploy(payer.getSender(), { amount: toNano('1') });
        expect(r.transactions).toHaveTransaction({ to: okCh.address, success: true });
        expect((await okCh.getChannelData()).deposit).toBe(toNano('1'));
      }
    });
  });

  it('refuses unknown opcodes', async () => {
    const r = await payer.send({
      to: ch.address,
      value: toNano('0.1'),
      body: beginCell().storeUint(0x1234, 32).storeUint(0, 64).endCell(),
    });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_UNKNOWN_OP });
  });
});
