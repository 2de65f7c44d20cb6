/**
 * What every `chrysalis contracts` command runs on: the toncenter client chosen by --network/--endpoint, the
 * sending wallet from --mnemonic-file (loaded once, on first use), and `send`, which sends through the wallet,
 * waits until its seqno moves and reports the target contract's transaction.
 */
import { readFileSync } from 'node:fs';
import { type Address, type Transaction } from '@ton/core';
import { mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { type Network, type WalletHandle } from '../../contracts/chain/types';
import { Registry, type RegistryParams } from '../../contracts/wrappers/registry';
import { exitCodeName } from '../../contracts/errors';
import { inputError, usageError } from '../exit';
import { pollUntil } from '../../core/retry';
import { int, need } from './args';
import type { Values } from './options';

export interface LoadedWallet {
  w: WalletHandle;
  publicKey: Uint8Array;
}

export interface Ctx {
  chain: TonChainClient;
  v: Values;
  wallet(): Promise<LoadedWallet>;
  /** Sends via the wallet, waits for it, and returns whether `target` accepted it. */
  send(target: Address, fn: (w: WalletHandle) => Promise<void>): Promise<number>;
}

interface Timing {
  timeoutMs: number;
  intervalMs: number;
}

function openChain(v: Values): TonChainClient {
  const network = (v.network ?? 'testnet') as Network;
  if (!['testnet', 'mainnet', 'devnet'].includes(network))
    throw usageError('--network must be testnet, mainnet or devnet');
  if (network === 'devnet' && !v.endpoint)
    throw usageError('--network devnet needs --endpoint (printed by `chrysalis devnet`)');
  const apiKey = v['api-key'] ?? process.env.TONCENTER_API_KEY;
  return new TonChainClient({
    network,
    ...(v.endpoint ? { endpoint: v.endpoint } : {}),
    ...(apiKey ? { apiKey } : {}),
  });
}

async function loadWallet(chain: TonChainClient, v: Values): Promise<LoadedWallet> {
  const file = need(v, 'mnemonic-file');
  let words: string[];
  try {
    words = readFileSync(file, 'utf8').trim().split(/\s+/);
  } catch (e) {
    throw inputError(`cannot read --mnemonic-file ${file}`, e);
  }
  if (!(await mnemonicValidate(words))) throw inputError(`--mnemonic-file ${file}: not a valid TON mnemonic`);
  const kp = await mnemonicToPrivateKey(words);
  const version = v.wallet === 'v5r1' ? 'v5r1' : v.wallet === undefined || v.wallet === 'v4' ? 'v4' : undefined;
  if (!version) throw usageError('--wallet must be v4 or v5r1');
  const w = await chain.walletSender({ publicKey: kp.publicKey, secretKey: kp.secretKey, version });
  return { w, publicKey: Uint8Array.from(kp.publicKey) };
}

async function sendAndWait(
  chain: TonChainClient,
  w: WalletHandle,
  target: Address,
  fn: (w: WalletHandle) => Promise<void>,
  noWait: boolean,
  timing: Timing,
): Promise<number> {
  const seqno = await w.getSeqno().catch(() => 0);
  const before = (await chain.getTransactions(target, { limit: 1 }).catch(() => []))[0]?.lt ?? 0n;
  await fn(w);
  if (noWait) {
    process.stderr.write('sent (not waiting)\n');
    return 0;
  }
  await w.waitForSeqno(seqno, timing);
  const tx = await pollUntil(
    async () =>
      (await chain.getTransactions(target, { limit: 10 })).find(
        (t) => t.lt > before && t.inMessage?.info.type === 'internal' && t.inMessage.info.src.equals(w.address),
      ),
    timing,
  );
  if (tx) return reportTx(tx);
  process.stderr.write('timed out waiting for the contract transaction\n');
  return 1;
}

export function makeCtx(v: Values): Ctx {
  const chain = openChain(v);
  const intervalMs = int(v['poll-ms'], 'poll-ms', 60_000) ?? 1500;
  const timeoutMs = (int(v.timeout, 'timeout', 3600) ?? 90) * 1000;
  let cached: LoadedWallet | undefined;
  const wallet = async (): Promise<LoadedWallet> => {
    if (cached) return cached;
    cached = await loadWallet(chain, v);
    return cached;
  };
  const send = async (target: Address, fn: (w: WalletHandle) => Promise<void>): Promise<number> => {
    const { w } = await wallet();
    return sendAndWait(chain, w, target, fn, Boolean(v['no-wait']), { timeoutMs, intervalMs });
  };
  return { chain, v, wallet, send };
}

function reportTx(tx: Transaction): number {
  const d = tx.description;
  if (d.type === 'generic' && d.computePhase.type === 'vm' && d.computePhase.success && !d.aborted) {
    process.stderr.write(`ok: transaction ${tx.hash().toString('hex')} (lt ${tx.lt})\n`);
    return 0;
  }
  const code = d.type === 'generic' && d.computePhase.type === 'vm' ? d.computePhase.exitCode : -1;
  process.stderr.write(
    `refused by the contract: exit code ${code}${exitCodeName(code) ? ` (${exitCodeName(code)})` : ''}\n`,
  );
  return 1;
}

export async function currentParams(ctx: Ctx, registry: Address): Promise<RegistryParams> {
  return ctx.chain.open(Registry.createFromAddress(registry)).getParams();
}
