/**
 * The worker's payouts from its config: the chain client (`payments.chain`), the operating wallet's keys
 * (`operatingWallet`, read here and never logged), the broker fee (the registry's, or an override) and the payout
 * book in `dataDir`. Shared by `chrysalis worker` and `chrysalis worker claim`.
 */
import { readFileSync } from 'node:fs';
import { Address } from '@ton/core';
import { keyPairFromSeed, mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { TonChainClient } from '../contracts/chain/ton-client';
import type { ChainClient, WalletKeys } from '../contracts/chain/types';
import type { LinkLogger } from '../enclave-runtime/broker-link-types';
import { Payouts } from '../enclave-runtime/payouts';
import { backoffDelay } from '../core/retry';
import { CliError, inputError, networkError, usageError } from './exit';
import { readRegistryFromChain } from './registry-source';
import type { WorkerSettings } from './worker-config';

/** The operating wallet's keys, or undefined when the config names none. */
export async function loadOperatingWallet(w: WorkerSettings): Promise<WalletKeys | undefined> {
  const ow = w.operatingWallet;
  if (!ow?.mnemonicFile && !ow?.keyFile) return undefined;
  const version = ow.version ?? 'v4';
  if (ow.mnemonicFile) {
    let words: string[];
    try {
      words = readFileSync(ow.mnemonicFile, 'utf8').trim().split(/\s+/);
    } catch (e) {
      throw inputError(`cannot read operatingWallet.mnemonicFile ${ow.mnemonicFile}`, e);
    }
    if (!(await mnemonicValidate(words)))
      throw inputError(`operatingWallet.mnemonicFile ${ow.mnemonicFile}: not a valid TON mnemonic`);
    const kp = await mnemonicToPrivateKey(words);
    return { publicKey: kp.publicKey, secretKey: kp.secretKey, version };
  }
  let hex: string;
  try {
    hex = readFileSync(ow.keyFile!, 'utf8').trim();
  } catch (e) {
    throw inputError(`cannot read operatingWallet.keyFile ${ow.keyFile!}`, e);
  }
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw inputError(`operatingWallet.keyFile ${ow.keyFile!}: expected a 32-byte Ed25519 seed as 64 hex`);
  const kp = keyPairFromSeed(Buffer.from(hex, 'hex'));
  return { publicKey: kp.publicKey, secretKey: kp.secretKey, version };
}

/**
 * The registry's `params.brokerFeeBps`, read from the chain. An unreachable chain is retried with exponential backoff
 * (said so on stderr) for `startupTimeoutMs`, then it is a network error (exit 4), never a guessed fee; no contract
 * or not a Registry at the address: exit 1 at once.
 */
export async function readBrokerFee(
  chain: ChainClient,
  registry: string,
  endpoint: string | undefined,
  o: { startupTimeoutMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<{ brokerFeeBps: number; version: number }> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await readRegistryFromChain(chain, Address.parse(registry));
      return { brokerFeeBps: r.params.brokerFeeBps, version: r.version };
    } catch (e) {
      if (e instanceof CliError) throw e;
      const left = (o.startupTimeoutMs ?? 300_000) - (now() - start);
      if (left <= 0)
        throw networkError(
          `cannot read the broker fee from the registry ${registry} (payments.registry) via ${endpoint ?? 'toncenter'}`,
          e,
          'check --chain-api and --registry-address, or state the fee with --broker-fee-bps',
        );
      const ms = Math.min(backoffDelay(attempt, { initialMs: 250, maxMs: 30_000 }), left);
      process.stderr.write(`chain API ${endpoint ?? 'toncenter'} unreachable; retrying in ${Math.ceil(ms)} ms\n`);
      await sleep(ms);
    }
  }
}

/**
 * The worker's chain client (`payments.chain`: the first endpoint, toncenter's by default), or undefined without
 * `payments.network`. One client serves the payouts and the registry's broker list (its registry cache is shared).
 */
export function workerChainClient(w: WorkerSettings): ChainClient | undefined {
  const p = w.payments;
  if (!p.network) return undefined;
  const endpoint = p.chain?.endpoints?.[0];
  return new TonChainClient({
    network: p.network,
    ...(endpoint ? { endpoint } : {}),
    ...(p.chain?.apiKey ? { apiKey: p.chain.apiKey } : {}),
  });
}

/**
 * The payouts of this worker, or undefined when no `payments.network` is configured (vouchers are then ignored and
 * no unpaid bound applies). The chain API is the first of `payments.chain.endpoints` (toncenter's by default).
 * The broker fee is `payments.brokerFeeBps` when given (it overrides the registry, and says so); otherwise it is read
 * from `payments.registry` now (unreadable: exit 4) and followed from then on (`feeRefreshMs`). `claimsOnly`: the
 * caller counts no receipts (`chrysalis worker claim`), so no fee is read.
 */
export async function openPayouts(
  w: WorkerSettings,
  logger?: LinkLogger,
  o: { feeRefreshMs?: number; claimsOnly?: boolean; chain?: ChainClient } = {},
): Promise<Payouts | undefined> {
  const p = w.payments;
  if (!p.network) return undefined;
  if (!w.dataDir) throw usageError('dataDir is required with payments.network');
  const endpoint = p.chain?.endpoints?.[0];
  const chain = o.chain ?? workerChainClient(w)!;
  const operatingWallet = await loadOperatingWallet(w);
  let brokerFeeBps = p.brokerFeeBps;
  let feeRegistry: { address: string; refreshMs?: number } | undefined;
  if (o.claimsOnly) brokerFeeBps ??= 0;
  else if (brokerFeeBps !== undefined) {
    if (p.registry)
      logger?.info(
        { event: 'payout_fee_override', brokerFeeBps, registry: p.registry },
        "payments.brokerFeeBps (--broker-fee-bps) overrides the registry's brokerFeeBps",
      );
  } else if (p.registry) {
    const read = await readBrokerFee(chain, p.registry, endpoint, {
      ...(p.chain?.startupTimeoutMs !== undefined ? { startupTimeoutMs: p.chain.startupTimeoutMs } : {}),
    });
    brokerFeeBps = read.brokerFeeBps;
    feeRegistry = { address: p.registry, ...(o.feeRefreshMs !== undefined ? { refreshMs: o.feeRefreshMs } : {}) };
    logger?.info(
      { event: 'payout_fee', brokerFeeBps, registry: p.registry, registryVersion: read.version },
      "counting earned with the registry's brokerFeeBps",
    );
  } else throw usageError('--registry-address or --broker-fee-bps is required with payments.network');
  return new Payouts({
    store: w.dataDir,
    chain,
    network: p.network,
    payoutAddress: w.payoutAddress,
    claimThresholdNano: p.claimThresholdNano,
    maxUnpaidNano: p.maxUnpaidNano,
    brokerFeeBps,
    ...(feeRegistry ? { feeRegistry } : {}),
    ...(operatingWallet ? { operatingWallet } : {}),
    ...(logger ? { logger } : {}),
  });
}
