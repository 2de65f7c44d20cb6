/**
 * GPU-owner payouts on the devnet (part of steps 4 and 5): the broker pays every admitted worker through a channel
 * to the worker's payout address, and each worker claims its vouchers from its own operating wallet.
 *
 * Per worker `i` (0-based) this prepares, in the sandbox:
 *   - the payout address (the v4 wallet of `devnetPayoutKeys(seed, i)`), left UNDEPLOYED like a GPU owner's fresh
 *     wallet that has never sent anything: a Payout is non-bounceable, so it is credited there all the same;
 *   - the operating wallet (its own devnet key, `<data-dir>/workers/worker-<i+1>/operating.key`), funded: it pays the
 *     claim fees, the payout address only receives;
 *   - the worker's data directory (`payouts.sqlite`, the vouchers it keeps).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toNano } from '@ton/core';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { walletV4Address } from '../../contracts/chain';
import type { DevnetChainStep } from './chain';
import { loadOrCreateSeed } from './files';
import type { StepContext } from './types';

/** What the broker deposits into each worker's channel (10 TON; the broker wallet is funded with 1000 TON). */
export const DEVNET_WORKER_CHANNEL_DEPOSIT_NANO = 10_000_000_000n;
/**
 * A worker claims once its latest voucher is this far above what it claimed: 0.001 TON, a DEVNET setting (the
 * worker's default is the measured claim point, `WORKER_CLAIM_THRESHOLD_NANO`) so that a few tiny-model requests
 * already pay out. Every claim grows the payout balance (the payout address only receives).
 */
export const DEVNET_CLAIM_THRESHOLD_NANO = 1_000_000n;
/** What each operating wallet is funded with (claim fees). */
const OPERATING_FUNDS = toNano('10');

/** One worker's payout settings. */
export interface DevnetWorkerPayout {
  /** The GPU owner's address (non-bounceable, test-only form; its wallet is deployed). */
  readonly payoutAddress: string;
  /** The operating wallet's 32-byte Ed25519 seed, hex (mode 0600). */
  readonly operatingKeyFile: string;
  /** The worker's data directory. */
  readonly dataDir: string;
}

/** The key of worker `i`'s payout wallet: derived from the devnet seed, so every run pays the same addresses. */
export function devnetPayoutKeys(seed: string, i: number): KeyPair {
  return keyPairFromSeed(createHash('sha256').update(`${seed}:worker-payout:${i}`).digest());
}

/** Funds every operating wallet and returns the workers' payout settings (payout addresses stay undeployed). */
export async function prepareWorkerPayouts(ctx: StepContext, c: DevnetChainStep): Promise<DevnetWorkerPayout[]> {
  const { opts } = ctx;
  const out: DevnetWorkerPayout[] = [];
  for (let i = 0; i < opts.workers; i++) {
    const payout = walletV4Address(devnetPayoutKeys(opts.seed, i).publicKey);
    const dataDir = join(opts.dataDir, 'workers', `worker-${i + 1}`);
    mkdirSync(dataDir, { recursive: true });
    // The chain is new at every start: so are the worker's kept vouchers.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `payouts.sqlite${suffix}`), { force: true });
    const operatingKeyFile = join(dataDir, 'operating.key');
    const operating = keyPairFromSeed(Buffer.from(loadOrCreateSeed(operatingKeyFile)));
    await c.chain.fund(c.chain.walletAddress(new Uint8Array(operating.publicKey)), OPERATING_FUNDS);
    out.push({
      payoutAddress: payout.toString({ bounceable: false, testOnly: true }),
      operatingKeyFile,
      dataDir,
    });
  }
  return out;
}
