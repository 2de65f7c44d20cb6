/**
 * `checkVoucherAgainst` (the off-chain copy the broker uses) and the PaymentChannel contract's Claim agree: for
 * random vouchers of every kind (honest, replayed, out of order, forged, other channel, other network, above the
 * deposit, lower amount) against a live sandbox channel (open, then closing, then closed), both accept or both
 * refuse, for the same reason. The PRNG is seeded, so a failure replays exactly.
 */
import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { Address, type Cell, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { configWithGlobalId, toBytes32 } from '../../contracts/wrappers/codec';
import { checkVoucherAgainst, signVoucher, type ChannelView, type SignedVoucher } from '../../contracts/voucher';
import { ContractsError } from '../../contracts/errors';
import { exitCodeName } from '../../contracts/errors';
import { MIN_CLOSE_DELAY, NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { exitCode, keyFromSeed, newChain, T0, type Treasury } from './helpers';

const G = NETWORK_GLOBAL_ID.devnet;
const CASES = 50;

/** Exit code name -> the `checkVoucherAgainst` code for the same rule. */
const SAME_RULE: Record<string, string> = {
  ERR_BAD_SIGNATURE: 'VOUCHER_BAD_SIGNATURE',
  ERR_WRONG_CHANNEL: 'VOUCHER_WRONG_CHANNEL',
  ERR_WRONG_NETWORK: 'VOUCHER_WRONG_NETWORK',
  ERR_STALE_SEQ: 'VOUCHER_STALE_SEQ',
  ERR_NOT_MONOTONIC: 'VOUCHER_NOT_MONOTONIC',
  ERR_INSUFFICIENT_DEPOSIT: 'VOUCHER_ABOVE_DEPOSIT',
  ERR_CLOSED: 'VOUCHER_CHANNEL_CLOSED',
};

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind =
  | 'honest'
  | 'replayed'
  | 'out-of-order'
  | 'lower-amount'
  | 'forged'
  | 'other-channel'
  | 'other-network'
  | 'over-deposit';
const KINDS: readonly Kind[] = [
  'honest',
  'honest',
  'replayed',
  'out-of-order',
  'lower-amount',
  'forged',
  'other-channel',
  'other-network',
  'over-deposit',
];

describe('checkVoucherAgainst agrees with the contract (seeded property test)', () => {
  const payerKp = keyFromSeed('parity-payer');
  const forger = keyFromSeed('parity-forger');
  let code: Cell;
  let bc: Blockchain;
  let payer: Treasury;
  let payee: Treasury;
  let ch: SandboxContract<PaymentChannel>;

  beforeAll(async () => {
    code = await compileContract('payment_channel');
    bc = await newChain();
    bc.setConfig(configWithGlobalId(bc.config, G));
    payer = await bc.treasury('payer');
    payee = await bc.treasury('payee');
    ch = bc.openContract(
      PaymentChannel.createFromConfig(
        { payer: payer.address, payee: payee.address, payerKey: payerKp.publicKey, closeDelay: MIN_CLOSE_DELAY },
        code,
      ),
    );
    await ch.sendDeploy(payer.getSender(), { amount: toNano('10') });
  });

  async function view(): Promise<ChannelView> {
    const d = await ch.getChannelData();
    return {
      channel: ch.address,
      globalId: G,
      payerKey: toBytes32(d.payerKey),
      deposit: d.deposit,
      claimed: d.claimed,
      lastSeq: d.lastSeq,
      status: d.status,
    };
  }

  function offChain(sv: SignedVoucher, vw: ChannelView): string {
    try {
      checkVoucherAgainst(sv, vw);
      return 'ok';
    } catch (e) {
      if (!(e instanceof ContractsError)) throw e;
      return e.code;
    }
  }

  async function onChain(sv: SignedVoucher): Promise<string> {
    const r = await ch.sendClaim(payee.getSender(), { voucher: sv });
    const tx = r.transactions.find(
      (t) => t.inMessage?.info.type === 'internal' && t.inMessage.info.dest.equals(ch.address),
    );
    const c = exitCode(tx);
    if (c === 0) return 'ok';
    const name = exitCodeName(c ?? -1) ?? `exit ${c}`;
    return SAME_RULE[name] ?? name;
  }

  it(`${CASES} random vouchers: same verdict and same reason`, async () => {
    const rnd = prng(0x13c0ffee);
    const int = (n: number): bigint => BigInt(Math.floor(rnd() * n));
    const accepted: SignedVoucher[] = [];
    const otherChannel = Address.parse('0:' + '5a'.repeat(32));
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      if (i === 36) await ch.sendStartClose(payer.getSender()); // still claimable while closing
      if (i === 44) {
        bc.now = T0 + MIN_CLOSE_DELAY;
        await ch.sendFinishClose(payer.getSender()); // nothing is claimable once closed
      }
      const vw = await view();
      const kind = KINDS[Math.floor(rnd() * KINDS.length)] as Kind;
      const next = { amount: vw.claimed + 1n + int(300_000_000), seq: vw.lastSeq + 1n + int(3) };
      const base = { channel: ch.address, globalId: G, ...next };
      let sv: SignedVoucher;
      switch (kind) {
        case 'honest':
          sv = signVoucher(base, payerKp.secretKey);
          break;
        case 'replayed':
          sv = accepted.length
            ? (accepted[Math.floor(rnd() * accepted.length)] as SignedVoucher)
            : signVoucher({ ...base, seq: vw.lastSeq }, payerKp.secretKey);
          break;
        case 'out-of-order':
          sv = signVoucher({ ...base, seq: int(Number(vw.lastSeq) + 1) }, payerKp.secretKey);
          break;
        case 'lower-amount':
          sv = signVoucher({ ...base, amount: vw.claimed - int(Number(vw.claimed / 2n) + 1) }, payerKp.secretKey);
          if (sv.amount < 0n) sv = signVoucher({ ...base, amount: 0n }, payerKp.secretKey);
          break;
        case 'forged':
          sv =
            rnd() < 0.5
              ? signVoucher(base, forger.secretKey)
              : { ...signVoucher(base, payerKp.secretKey), amount: base.amount + 1n };
          break;
        case 'other-channel':
          sv = signVoucher({ ...base, channel: otherChannel }, payerKp.secretKey);
          break;
        case 'other-network':
          sv = signVoucher(
            { ...base, globalId: rnd() < 0.5 ? NETWORK_GLOBAL_ID.mainnet : NETWORK_GLOBAL_ID.testnet },
            payerKp.secretKey,
          );
          break;
        case 'over-deposit':
          sv = signVoucher({ ...base, amount: vw.deposit + 1n + int(1000) }, payerKp.secretKey);
          break;
      }
      const want = offChain(sv, vw);
      const got = await onChain(sv);
      expect({ i, kind, verdict: got }).toEqual({ i, kind, verdict: want });
      if (got === 'ok') accepted.push(sv);
      seen.set(want, (seen.get(want) ?? 0) + 1);
    }
    // The run exercised acceptance and every refusal reason (a seed that does not is a useless seed).
    expect([...seen.keys()].sort()).toEqual(
      [
        'ok',
        'VOUCHER_BAD_SIGNATURE',
        'VOUCHER_WRONG_CHANNEL',
        'VOUCHER_WRONG_NETWORK',
        'VOUCHER_STALE_SEQ',
        'VOUCHER_NOT_MONOTONIC',
        'VOUCHER_ABOVE_DEPOSIT',
        'VOUCHER_CHANNEL_CLOSED',
      ].sort(),
    );
  });
});
