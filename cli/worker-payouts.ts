/**
 * The worker's payouts from its config: the chain client (`payments.chain`), the operating wallet's keys
 * (`operatingWallet`, read here and never logged) and the payout book in `dataDir`. Shared by `chrysalis worker`
 * and `chrysalis worker claim`.
 */
import { readFileSync } from 'node:fs';
import { keyPairFromSeed, mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { TonChainClient } from '../contracts/chain/ton-client';
import type { WalletKeys } from '../contracts/chain/types';
import type { LinkLogger } from '../enclave-runtime/broker-link-types';
import { Payouts } from '../enclave-runtime/payouts';
import { inputError, usageError } from './exit';
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
 * The payouts of this worker, or undefined when no `payments.network` is configured (vouchers are then ignored and
 * no unpaid bound applies). The chain API is the first of `payments.chain.endpoints` (toncenter's by default).
 */
export async function openPayouts(w: WorkerSettings, logger?: LinkLogger): Promise<Payouts | undefined> {
  const p = w.payments;
  if (!p.network) return undefined;
  if (!w.dataDir) throw usageError('dataDir is required with payments.network');
  const endpoint = p.chain?.endpoints?.[0];
  const chain = new TonChainClient({
    network: p.network,
    ...(endpoint ? { endpoint } : {}),
    ...(p.chain?.apiKey ? { apiKey: p.chain.apiKey } : {}),
  });
  const operatingWallet = await loadOperatingWallet(w);
  return new Payouts({
    store: w.dataDir,
    chain,
    network: p.network,
    payoutAddress: w.payoutAddress,
    claimThresholdNano: p.claimThresholdNano,
    maxUnpaidNano: p.maxUnpaidNano,
    brokerFeeBps: p.brokerFeeBps!, // required with payments.network (cli/worker-config.ts)
    ...(operatingWallet ? { operatingWallet } : {}),
    ...(logger ? { logger } : {}),
  });
}
