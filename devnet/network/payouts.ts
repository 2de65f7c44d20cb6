/**
 * GPU-owner payouts on the devnet (part of steps 4 and 5): the broker pays every admitted worker through a channel
 * to the worker's payout address, and each worker claims its vouchers from its own operating wallet.
 *
 * Per worker `i` (0-based) this prepares, in the sandbox:
 *   - the payout wallet (`devnetPayoutKeys(seed, i)`), DEPLOYED: a Payout is bounceable, and a bounceable message to
 *     an undeployed address bounces (the channel then restores the claim and nobody is paid);
 *   - the operating wallet (its own devnet key, `<data-dir>/workers/worker-<i+1>/operating.key`), funded: it pays the
 *     claim fees, the payout address only receives;
 *   - the worker's data directory (`payouts.sqlite`, the vouchers it keeps).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toNano, type Address } from '@ton/core';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { WalletContractV4 } from '@ton/ton';
import type { DevnetChainStep } from './chain';
import { loadOrCreateSeed } from './files';
import type { StepContext } from './types';

/** What the broker deposits into each worker's channel (10 TON; the broker wallet is funded with 1000 TON). */
export const DEVNET_WORKER_CHANNEL_DEPOSIT_NANO = 10_000_000_000n;
/**
 * A worker claims once its latest voucher is this far above what it claimed: 0.001 TON, a DEVNET setting (the
 * worker's default is 1 TON) so that a few tiny-model requests already pay out. It stays above what the payout
 * wallet spends to receive a Payout, so every claim grows the payout balance.
 */
export const DEVNET_CLAIM_THRESHOLD_NANO = 1_000_000n;
/** What each operating wallet is funded with (claim fees). */
const OPERATING_FUNDS = toNano('10');
/** What each payout wallet is deployed with (its storage). */
const PAYOUT_FUNDS = toNano('1');

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

/** Deploys every worker's payout wallet, funds every operating wallet, and returns the workers' payout settings. */
export async function prepareWorkerPayouts(ctx: StepContext, c: DevnetChainStep): Promise<DevnetWorkerPayout[]> {
  const { opts } = ctx;
  const out: DevnetWorkerPayout[] = [];
  for (let i = 0; i < opts.workers; i++) {
    const payout = await deployWallet(c, devnetPayoutKeys(opts.seed, i));
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

/** Funds the v4 wallet of `keys` and deploys it (its first external message carries the StateInit). */
async function deployWallet(c: DevnetChainStep, keys: KeyPair): Promise<Address> {
  const bc = c.chain.blockchain;
  const wallet = WalletContractV4.create({ workchain: 0, publicKey: keys.publicKey });
  await c.chain.fund(wallet.address, PAYOUT_FUNDS);
  const body = wallet.createTransfer({ seqno: 0, secretKey: keys.secretKey, messages: [] });
  await bc.sendMessage({
    info: { type: 'external-in', dest: wallet.address, importFee: 0n },
    init: wallet.init,
    body,
  });
  if ((await bc.getContract(wallet.address)).accountState?.type !== 'active')
    throw new Error('devnet: payout wallet deploy failed');
  return wallet.address;
}
