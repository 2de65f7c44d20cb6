/**
 * Invariant 3, as a property: every voucher the broker accepts is one the PaymentChannel contract pays in full.
 *
 * A seeded PRNG drives ~100 voucher sequences (honest, replayed, out-of-order, lower, forged, other-channel,
 * over-sequence, over-deposit, foreign-network) through the REAL broker's POST /v1/vouchers; the broker reads each
 * channel from the devnet sandbox chain, where the channels are real, funded PaymentChannel contracts. Then, in the
 * same sandbox:
 *   (1) the payee claims the latest voucher the broker accepted on each channel: the contract pays it, and its
 *       `claimed` becomes exactly that voucher's amount;
 *   (2) on a fresh copy of the chain (the state before (1)), every voucher is replayed in the order it was posted:
 *       each one the broker accepted is claimed and paid in full; each one it refused is refused by the contract
 *       too (so where the contract refuses, the broker had refused), for the same reason when the broker's code
 *       names one of the contract's checks. The broker is stricter than the contract in one documented place only:
 *       amounts and seqs above 2^53 - 1 (VOUCHER_MALFORMED), which the ledger cannot hold.
 */
import type { Address, Transaction } from '@ton/core';
import type { KeyPair } from '@ton/crypto';
import { exitCodeName, NETWORK_GLOBAL_ID, PaymentChannel, type SignedVoucher } from '../../contracts';
import {
  keyFromSeed,
  postVoucher,
  prng,
  startChainHarness,
  voucherBody,
  voucherOf,
  type ChainClientParty,
  type ChainHarness,
} from './helpers';

const SEED = 0x13c0ffee;
const SEQUENCES = 100;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type Kind =
  | 'honest'
  | 'replayed'
  | 'out-of-order'
  | 'lower'
  | 'forged'
  | 'other-channel'
  | 'over-sequence'
  | 'over-deposit'
  | 'foreign-network';
const KINDS: readonly Kind[] = [
  'honest',
  'honest',
  'honest',
  'replayed',
  'out-of-order',
  'lower',
  'forged',
  'other-channel',
  'over-sequence',
  'over-deposit',
  'foreign-network',
];

interface Posted {
  readonly kind: Kind;
  readonly voucher: SignedVoucher;
  readonly code: string | null; // null: accepted
}

/** The broker's VOUCHER_* code each contract exit code stands for. */
const CONTRACT_TO_BROKER: Record<string, string> = {
  ERR_BAD_SIGNATURE: 'VOUCHER_BAD_SIGNATURE',
  ERR_WRONG_CHANNEL: 'VOUCHER_WRONG_CHANNEL',
  ERR_WRONG_NETWORK: 'VOUCHER_WRONG_NETWORK',
  ERR_STALE_SEQ: 'VOUCHER_STALE_SEQ',
  ERR_NOT_MONOTONIC: 'VOUCHER_NOT_MONOTONIC',
  ERR_INSUFFICIENT_DEPOSIT: 'VOUCHER_ABOVE_DEPOSIT',
  ERR_BAD_VOUCHER: 'VOUCHER_MALFORMED',
};

describe('invariant 3 (property): every voucher the broker accepts, the contract pays in full', () => {
  let h: ChainHarness;
  beforeAll(async () => {
    h = await startChainHarness({}, { channelCacheMs: 60_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends the payee's Claim; the contract's exit code (0 = paid) and the payout it sent to the payee. */
  async function claim(channel: Address, v: SignedVoucher): Promise<{ exit: number; paid: bigint }> {
    const c = h.dev.blockchain.openContract(PaymentChannel.createFromAddress(channel));
    const r = (await c.sendClaim(h.payee.getSender(), { voucher: v })) as unknown as { transactions: Transaction[] };
    const onChannel = r.transactions.find((t) => t.inMessage?.info.dest?.toString() === channel.toString());
    const d = onChannel?.description;
    if (!d || d.type !== 'generic' || d.computePhase.type !== 'vm') throw new Error('claim: no channel transaction');
    if (!d.computePhase.success || d.aborted) return { exit: d.computePhase.exitCode || -1, paid: 0n };
    let paid = 0n;
    for (const m of onChannel!.outMessages.values())
      if (m.info.type === 'internal' && m.info.dest.equals(h.payee.address)) paid += m.info.value.coins;
    return { exit: 0, paid };
  }

  const channelData = (a: Address) =>
    h.dev.blockchain.openContract(PaymentChannel.createFromAddress(a)).getChannelData();

  it(`${SEQUENCES} seeded random sequences through POST /v1/vouchers, then claimed on-chain`, async () => {
    const rnd = prng(SEED);
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const mallory: KeyPair = keyFromSeed('vp-mallory');
    const gid = h.dev.globalId;

    const parties: ChainClientParty[] = [];
    for (let i = 0; i < SEQUENCES; i++)
      parties.push(await h.openClient(`vp-client-${i}`, BigInt(int(1_000_000, 50_000_000))));
    const runs: Posted[][] = [];
    const kindsSeen = new Map<Kind, { accepted: number; refused: number }>();
    for (let i = 0; i < SEQUENCES; i++) {
      const c = parties[i]!;
      const posted: Posted[] = [];
      let seq = 0n; // highest seq this client has signed
      let amount = 0n; // highest amount this client has signed
      const steps = int(3, 6);
      for (let s = 0; s < steps; s++) {
        const kind: Kind = s === 0 ? 'honest' : pick(KINDS);
        const step = BigInt(int(1, Math.max(1, Number(c.deposit) / 6)));
        let v: SignedVoucher;
        switch (kind) {
          case 'honest':
            seq += BigInt(int(1, 3));
            amount = amount + step > c.deposit ? c.deposit : amount + step;
            v = voucherOf(c, { amount, seq, globalId: gid });
            break;
          case 'replayed':
            v = posted.length > 0 ? pick(posted).voucher : voucherOf(c, { amount: 1n, seq: 1n, globalId: gid });
            break;
          case 'out-of-order':
            v = voucherOf(c, { amount: amount + step, seq: BigInt(int(0, Number(seq))), globalId: gid });
            break;
          case 'lower':
            seq += 1n;
            v = voucherOf(c, { amount: BigInt(int(1, Number(amount))), seq, globalId: gid });
            break;
          case 'forged':
            seq += 1n;
            v = voucherOf(c, { amount: amount + step, seq, globalId: gid }, mallory);
            break;
          case 'other-channel':
            seq += 1n;
            v = voucherOf(c, {
              channel: pick(parties.filter((x) => x !== c)).channel,
              amount: amount + step,
              seq,
              globalId: gid,
            });
            break;
          case 'over-sequence':
            seq += 1n;
            v = voucherOf(c, { amount: amount + step, seq: MAX_SAFE + BigInt(int(1, 1000)), globalId: gid });
            break;
          case 'over-deposit':
            seq += 1n;
            v = voucherOf(c, { amount: c.deposit + BigInt(int(1, 1000)), seq, globalId: gid });
            break;
          case 'foreign-network':
            seq += 1n;
            v = voucherOf(c, {
              amount: amount + step,
              seq,
              globalId: pick([NETWORK_GLOBAL_ID.mainnet, NETWORK_GLOBAL_ID.testnet, int(0, 2147483647)]),
            });
            break;
        }
        if (v.seq > seq && v.seq <= MAX_SAFE) seq = v.seq;
        const r = await postVoucher(h.broker.url, voucherBody(c, v));
        const code = r.status === 200 ? null : String(r.body.code);
        if (code !== null) expect(code).toMatch(/^VOUCHER_/);
        posted.push({ kind, voucher: v, code });
        const k = kindsSeen.get(kind) ?? { accepted: 0, refused: 0 };
        if (code === null) k.accepted++;
        else k.refused++;
        kindsSeen.set(kind, k);
      }
      runs.push(posted);
    }
    // The generator really exercised every kind, and the honest path really was accepted.
    const count = (kind: Kind, what: 'accepted' | 'refused'): number => kindsSeen.get(kind)?.[what] ?? 0;
    for (const kind of new Set(KINDS))
      if (kind !== 'honest') expect([kind, count(kind, 'refused') > 0]).toEqual([kind, true]);
    expect(count('honest', 'accepted')).toBeGreaterThan(SEQUENCES);
    // Invalid by construction (an out-of-order seq may be one never accepted before, so it can be valid).
    for (const kind of [
      'replayed',
      'lower',
      'forged',
      'other-channel',
      'over-sequence',
      'over-deposit',
      'foreign-network',
    ] as const)
      expect([kind, count(kind, 'accepted')]).toEqual([kind, 0]);

    const before = h.dev.blockchain.snapshot();

    // (1) The latest accepted voucher of each channel: paid in full.
    for (let i = 0; i < SEQUENCES; i++) {
      const accepted = runs[i]!.filter((p) => p.code === null);
      const latest = accepted[accepted.length - 1]!;
      const r = await claim(parties[i]!.channel, latest.voucher);
      expect({ i, exit: r.exit, paid: r.paid >= latest.voucher.amount }).toEqual({ i, exit: 0, paid: true });
      const d = await channelData(parties[i]!.channel);
      expect({ i, claimed: d.claimed, lastSeq: d.lastSeq }).toEqual({
        i,
        claimed: latest.voucher.amount,
        lastSeq: latest.voucher.seq,
      });
    }

    // (2) A fresh copy: every voucher in posting order; accepted => paid in full, refused => refused on-chain too.
    await h.dev.blockchain.loadFrom(before);
    let stricter = 0;
    for (let i = 0; i < SEQUENCES; i++) {
      const ch = parties[i]!.channel;
      let claimed = 0n;
      for (const [n, p] of runs[i]!.entries()) {
        const at = { i, n, kind: p.kind, broker: p.code };
        if (p.code === null) {
          const r = await claim(ch, p.voucher);
          expect({ ...at, exit: r.exit, paid: r.paid >= p.voucher.amount - claimed }).toEqual({
            ...at,
            exit: 0,
            paid: true,
          });
          claimed = p.voucher.amount;
          continue;
        }
        const snap = p.code === 'VOUCHER_MALFORMED' ? h.dev.blockchain.snapshot() : null;
        const r = await claim(ch, p.voucher);
        if (snap && r.exit === 0) {
          // The broker's one stricter rule: out of the ledger's range, though the contract would take it.
          expect(p.voucher.seq > MAX_SAFE || p.voucher.amount > MAX_SAFE).toBe(true);
          stricter++;
          await h.dev.blockchain.loadFrom(snap);
          continue;
        }
        const name = exitCodeName(r.exit) ?? String(r.exit);
        expect({ ...at, contractRefused: r.exit !== 0 }).toEqual({ ...at, contractRefused: true });
        if (CONTRACT_TO_BROKER[name] && p.code !== 'VOUCHER_MALFORMED')
          expect({ ...at, contract: CONTRACT_TO_BROKER[name] }).toEqual({ ...at, contract: p.code });
      }
      expect({ i, claimed: (await channelData(ch)).claimed }).toEqual({ i, claimed });
    }
    expect(stricter).toBeGreaterThan(0);
  });
});
