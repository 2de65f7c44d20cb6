import { type Blockchain, createShardAccount, internal, type SandboxContract } from '@ton/sandbox';
import { Address, beginCell, type Cell, toNano } from '@ton/core';
import { sign } from '@ton/crypto';
import { compileContract } from '../../contracts/wrappers/compile';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { signVoucher, type SignedVoucher } from '../../contracts/voucher';
import { ExitCodes, Fees, MIN_CLOSE_DELAY, NETWORK_GLOBAL_ID, Opcodes } from '../../contracts/constants';
import { configWithGlobalId } from '../../contracts/wrappers/codec';
import { keyFromSeed, newChain, T0, type Treasury } from './helpers';

const DELAY = MIN_CLOSE_DELAY;
/** The chain these tests run on is the devnet (config param 19 = -4242), not the sandbox's default -239. */
const G = NETWORK_GLOBAL_ID.devnet;

describe('PaymentChannel', () => {
  const payerKp = keyFromSeed('payer');
  const otherKp = keyFromSeed('other');
  let code: Cell;
  let bc: Blockchain;
  let payer: Treasury;
  let payee: Treasury;
  let stranger: Treasury;
  let ch: SandboxContract<PaymentChannel>;

  const v = (amount: bigint, seq: bigint, channel: Address = ch.address, globalId: number = G): SignedVoucher =>
    signVoucher({ channel, globalId, amount, seq }, payerKp.secretKey);

  async function expectSolvent(): Promise<void> {
    const d = await ch.getChannelData();
    if (d.status === 'closed') return;
    const balance = (await bc.getContract(ch.address)).balance;
    expect(balance).toBeGreaterThanOrEqual(d.deposit - d.claimed);
  }

  beforeAll(async () => {
    code = await compileContract('payment_channel');
  });

  beforeEach(async () => {
    bc = await newChain();
    bc.setConfig(configWithGlobalId(bc.config, G));
    payer = await bc.treasury('payer');
    payee = await bc.treasury('payee');
    stranger = await bc.treasury('stranger');
    ch = bc.openContract(
      PaymentChannel.createFromConfig(
        { payer: payer.address, payee: payee.address, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce: 7n },
        code,
      ),
    );
    const r = await ch.sendDeploy(payer.getSender(), { amount: toNano('10') });
    expect(r.transactions).toHaveTransaction({ to: ch.address, deploy: true, success: true });
    expect(r.transactions).toHaveTransaction({ from: ch.address, to: payer.address, op: Opcodes.excesses });
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

  describe('claims', () => {
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
      const foreign = signVoucher(
        { channel: ch.address, globalId: G, amount: toNano('1'), seq: 1n },
        otherKp.secretKey,
      );
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

    it('restores claimed and the sequence when the payout bounces, so the same voucher pays later', async () => {
      // A payee address with no account: the bounceable payout bounces back.
      const ghost = Address.parse('0:' + '11'.repeat(32));
      const ch2 = bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: ghost, payerKey: payerKp.publicKey, closeDelay: DELAY },
          code,
        ),
      );
      await ch2.sendDeploy(payer.getSender(), { amount: toNano('5') });
      const voucher = v(toNano('1'), 1n, ch2.address);
      const r = await ch2.sendClaim(bc.sender(ghost), { voucher, value: toNano('0.05') });
      expect(r.transactions).toHaveTransaction({ from: ch2.address, to: ghost, op: Opcodes.payout, aborted: true });
      expect(r.transactions).toHaveTransaction({ from: ghost, to: ch2.address, inMessageBounced: true, success: true });
      const d = await ch2.getChannelData();
      expect(d).toMatchObject({ claimed: 0n, lastSeq: 0n });
      expect((await bc.getContract(ch2.address)).balance).toBeGreaterThanOrEqual(toNano('5'));
    });
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

    /** A channel to `ghost`, an address with no account: every bounceable payout to it bounces. */
    async function ghostChannel(nonce: bigint): Promise<{ ghost: Address; gc: SandboxContract<PaymentChannel> }> {
      const ghost = Address.parse('0:' + nonce.toString(16).padStart(2, '0').repeat(32));
      const gc = bc.openContract(
        PaymentChannel.createFromConfig(
          { payer: payer.address, payee: ghost, payerKey: payerKp.publicKey, closeDelay: DELAY, nonce },
          code,
        ),
      );
      await gc.sendDeploy(payer.getSender(), { amount: toNano('5') });
      return { ghost, gc };
    }

    it('a payout that bounces while closing restores claimed/lastSeq; the voucher stays claimable during the delay', async () => {
      const { ghost, gc } = await ghostChannel(0x31n);
      await gc.sendClaim(bc.sender(ghost), { voucher: v(toNano('1'), 1n, gc.address), value: toNano('0.05') });
      bc.now = T0 + 10;
      await gc.sendStartClose(payer.getSender());
      bc.now = T0 + 10 + DELAY - 5;
      const r = await gc.sendClaim(bc.sender(ghost), {
        voucher: v(toNano('3'), 2n, gc.address),
        value: toNano('0.05'),
      });
      expect(r.transactions).toHaveTransaction({ from: gc.address, to: ghost, op: Opcodes.payout, aborted: true });
      expect(r.transactions).toHaveTransaction({ from: ghost, to: gc.address, inMessageBounced: true, success: true });
      // Both bounces (the first claim's and this one) were restored: nothing counts as paid.
      expect(await gc.getChannelData()).toMatchObject({ status: 'closing', claimed: 0n, lastSeq: 0n });
      expect((await bc.getContract(gc.address)).balance).toBeGreaterThanOrEqual(toNano('5'));

      // The payee becomes able to receive (an account whose code accepts anything) and claims again in time.
      await bc.setShardAccount(
        ghost,
        createShardAccount({ address: ghost, code: beginCell().endCell(), data: beginCell().endCell(), balance: 0n }),
      );
      bc.now = T0 + 10 + DELAY - 1;
      const again = await gc.sendClaim(bc.sender(ghost), {
        voucher: v(toNano('3'), 2n, gc.address),
        value: toNano('0.05'),
      });
      expect(again.transactions).toHaveTransaction({ from: gc.address, to: ghost, op: Opcodes.payout, success: true });
      expect(await gc.getChannelData()).toMatchObject({ claimed: toNano('3'), lastSeq: 2n });
      bc.now = T0 + 10 + DELAY;
      const fin = await gc.sendFinishClose(payer.getSender());
      const refund = fin.transactions.find(
        (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(payer.address),
      );
      const body = refund!.inMessage!.body.beginParse();
      expect(body.loadUint(32)).toBe(Opcodes.refund);
      expect(body.loadCoins()).toBe(toNano('2'));
    });

    it('a payout that bounces after FinishClose settled the channel goes to the payer; nothing is claimable again', async () => {
      const { ghost, gc } = await ghostChannel(0x32n);
      bc.now = T0 + 10;
      await gc.sendStartClose(payer.getSender());
      bc.now = T0 + 10 + DELAY;
      // The payee's Claim is processed first (still closing), then FinishClose, then the payout's bounce arrives.
      const claimIter = await bc.sendMessageIter(
        internal({
          from: ghost,
          to: gc.address,
          value: toNano('0.05'),
          body: PaymentChannel.claimBody(v(toNano('2'), 1n, gc.address)),
        }),
        { allowParallel: true },
      );
      const claimTx = await claimIter.next();
      expect(claimTx.done).toBe(false);
      expect(await gc.getChannelData()).toMatchObject({ status: 'closing', claimed: toNano('2'), lastSeq: 1n });

      const fin = await gc.sendFinishClose(payer.getSender());
      const refundTx = fin.transactions.find(
        (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(payer.address),
      );
      const refundBody = refundTx!.inMessage!.body.beginParse();
      expect(refundBody.loadUint(32)).toBe(Opcodes.refund);
      expect(refundBody.loadCoins()).toBe(toNano('3'));
      expect((await gc.getChannelData()).status).toBe('closed');

      const payerBefore = (await bc.getContract(payer.address)).balance;
      const rest: { address: bigint; bounced: boolean }[] = [];
      for (let step = await claimIter.next(); !step.done; step = await claimIter.next()) {
        const tx = step.value;
        rest.push({
          address: tx.address,
          bounced: tx.inMessage?.info.type === 'internal' && tx.inMessage.info.bounced,
        });
      }
      // payout -> ghost (bounces), excess -> ghost (the Claim's sender), bounce -> channel, refund of the bounced
      // amount -> payer.
      expect(rest.length).toBe(4);
      expect(rest.filter((t) => t.bounced)).toEqual([
        { address: BigInt('0x' + gc.address.hash.toString('hex')), bounced: true },
      ]);
      const payerAfter = (await bc.getContract(payer.address)).balance;
      expect(payerAfter - payerBefore).toBeGreaterThan(toNano('1.99'));
      // The closed channel keeps its counters and only the storage buffer.
      expect(await gc.getChannelData()).toMatchObject({ status: 'closed', claimed: toNano('2'), lastSeq: 1n });
      expect((await bc.getContract(gc.address)).balance).toBeLessThanOrEqual(Fees.channelStorageReserve);
      const late = await gc.sendClaim(bc.sender(ghost), { voucher: v(toNano('2'), 2n, gc.address) });
      expect(late.transactions).toHaveTransaction({ to: gc.address, success: false, exitCode: ExitCodes.ERR_CLOSED });
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

  it('refuses unknown opcodes', async () => {
    const r = await payer.send({
      to: ch.address,
      value: toNano('0.1'),
      body: beginCell().storeUint(0x1234, 32).storeUint(0, 64).endCell(),
    });
    expect(r.transactions).toHaveTransaction({ to: ch.address, success: false, exitCode: ExitCodes.ERR_UNKNOWN_OP });
  });
});
