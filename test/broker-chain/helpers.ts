import { createHash } from 'node:crypto';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { manualClock, type ManualClock } from '../../core/clock';

/** A fixed chain start time (2026-01-01T00:00:00Z); tests never read the wall clock for decisions. */
export const T0 = 1767225600;

export function keyFromSeed(label: string): KeyPair {
  return keyPairFromSeed(createHash('sha256').update(label).digest());
}

export function hexId(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

/** A clock that moves only when the test advances it, starting at T0. */
export function fakeClock(startMs = T0 * 1000): ManualClock {
  return manualClock(startMs);
}

import { type Address, type Cell, toNano } from '@ton/core';
import { encodeVoucherBoc, NETWORK_GLOBAL_ID, signVoucher, type ChainClient } from '../../contracts';
import { openChannelFromWallet as open, startSettler, type Settler, type SettlerOptions } from '../../broker/chain';

/** `openChannelFromWallet` with fast polling for the devnet. */
export function openChannelFromWallet(
  chain: ChainClient,
  payerKeys: KeyPair,
  o: { payee: Address; deposit: bigint; closeDelay: number; nonce?: bigint; code: Cell },
): Promise<Address> {
  return open(chain, payerKeys, { ...o, pollMs: 10, timeoutMs: 5000 });
}

/** The ledger row of a voucher `payer` signs for `amount` (cumulative) at `seq` on `channel`, recorded at `atMs`. */
export function voucherRow(
  payer: KeyPair,
  channel: Address,
  amount: bigint,
  seq: bigint,
  atMs: number,
  globalId: number = NETWORK_GLOBAL_ID.devnet,
) {
  const v = signVoucher({ channel, globalId, amount, seq }, payer.secretKey);
  return {
    clientKey: Buffer.from(payer.publicKey).toString('hex'),
    channel: channel.toString(),
    cumulativeNano: Number(amount),
    seq: Number(v.seq),
    voucher: encodeVoucherBoc(v),
    signature: v.signature,
    atMs,
  };
}

/**
 * A settler the test drives (no timer: `flush()`/`tick()`), fast devnet polling, nothing claimed on stop and a lazy
 * policy that claims only on flush; its ledger is initialised (the settler's state loaded) as the broker does at start.
 */
export async function startTestSettler(o: SettlerOptions): Promise<Settler> {
  const s = startSettler({
    intervalMs: 0,
    pollMs: 10,
    confirmTimeoutMs: 5000,
    claimOnStop: false,
    policy: { thresholdNano: toNano('100'), minClaimNano: toNano('0.05'), idleMs: 3_600_000 },
    ...o,
  });
  await s.ledger.init();
  return s;
}
