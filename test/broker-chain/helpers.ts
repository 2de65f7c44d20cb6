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

import type { Address, Cell } from '@ton/core';
import type { ChainClient } from '../../contracts';
import { openChannelFromWallet as open } from '../../broker/chain';

/** `openChannelFromWallet` with fast polling for the devnet. */
export function openChannelFromWallet(
  chain: ChainClient,
  payerKeys: KeyPair,
  o: { payee: Address; deposit: bigint; closeDelay: number; nonce?: bigint; code: Cell },
): Promise<Address> {
  return open(chain, payerKeys, { ...o, pollMs: 10, timeoutMs: 5000 });
}
