/**
 * Shared pieces of the adversarial suite, built only from the package's public entry points (`../../broker`,
 * `../../contracts`, `../../devnet`, `../../sdk`, `../../enclave-runtime`) and third-party packages: a REAL broker
 * wired to the devnet's sandbox chain (channels are real PaymentChannel contracts, looked up through the toncenter
 * API the devnet serves), and raw-HTTP client moves (vouchers, signed requests, authenticated account reads).
 */
import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { type Address, toNano } from '@ton/core';
import { keyPairFromSeed, sign, type KeyPair } from '@ton/crypto';
import type { SandboxContract, TreasuryContract } from '@ton/sandbox';
import {
  ChainChannelDirectory,
  formatAccountAuthHeader,
  encodeAccountAuthMessage,
  startBroker,
  submitSigningMessage,
  type BrokerConfig,
  type RunningBroker,
} from '../../broker';
import {
  encodeVoucherBoc,
  MIN_CLOSE_DELAY,
  signVoucher,
  TonChainClient,
  type SignedVoucher,
  type Voucher,
} from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet';

export function keyFromSeed(label: string): KeyPair {
  return keyPairFromSeed(createHash('sha256').update(label).digest());
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** A client of the harness: its keys and the address of its (real, funded) channel to the broker. */
export interface ChainClientParty {
  readonly keys: KeyPair;
  readonly channel: Address;
  readonly deposit: bigint;
}

export interface ChainHarness {
  readonly dev: DevnetChain;
  readonly broker: RunningBroker;
  readonly directory: ChainChannelDirectory;
  /** The broker's payee wallet: a sandbox treasury, so a test can send the payee's Claim itself. */
  readonly payee: SandboxContract<TreasuryContract>;
  /** A new client with a PaymentChannel to the broker (the address the broker derives for its key). */
  openClient(label: string, deposit?: bigint): Promise<ChainClientParty>;
  close(): Promise<void>;
}

/**
 * Starts the devnet sandbox chain and a REAL broker (`startBroker`, its own SQLite ledger in memory) whose channel directory reads that chain over
 * its toncenter API (code hash, get_channel_data), with the devnet's global id and, unless `channelCacheMs` is given, no
 * cache (each lookup reads the chain; a voucher above the cached deposit re-reads it either way). No settler runs: on-chain claims are the test's to make.
 */
export async function startChainHarness(
  config: Partial<BrokerConfig> = {},
  o: { channelCacheMs?: number } = {},
): Promise<ChainHarness> {
  const dev = await startDevnetChain({});
  const payee = await dev.blockchain.treasury('adversarial-broker-payee');
  const chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  const directory = new ChainChannelDirectory({
    chain,
    brokerWallet: payee.address,
    cacheMs: o.channelCacheMs ?? 0,
    derive: { paymentChannelCode: dev.codes.paymentChannel, closeDelay: MIN_CLOSE_DELAY },
    globalId: dev.globalId,
  });
  const broker = await startBroker({
    config: { port: 0, host: '127.0.0.1', dbPath: ':memory:', globalId: dev.globalId, rateLimitPerSec: 0, ...config },
    logger: pino({ level: 'silent' }),
    channels: directory,
  });
  return {
    dev,
    broker,
    directory,
    payee,
    async openClient(label, deposit = toNano('10')) {
      const keys = keyFromSeed(label);
      const channel = await dev.openChannel({
        payerKey: keys.publicKey,
        payee: payee.address,
        deposit,
        closeDelay: MIN_CLOSE_DELAY,
      });
      return { keys, channel, deposit };
    },
    async close() {
      await broker.close();
      await dev.close();
    },
  };
}

/** A voucher signed by `signer` (default: the client's own key). */
export function voucherOf(
  c: ChainClientParty,
  v: Partial<Voucher> & { amount: bigint; seq: bigint; globalId: number },
  signer: KeyPair = c.keys,
): SignedVoucher {
  return signVoucher(
    { channel: v.channel ?? c.channel, globalId: v.globalId, amount: v.amount, seq: v.seq },
    signer.secretKey,
  );
}

/** The chrysalis.v1.Voucher JSON body of a signed voucher, as the client posts it. */
export function voucherBody(
  c: ChainClientParty,
  sv: SignedVoucher,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    channel: sv.channel.toString(),
    cumulativeNano: Number(sv.amount),
    voucher: b64(encodeVoucherBoc(sv)),
    signature: b64(sv.signature),
    clientKey: b64(c.keys.publicKey),
    ...over,
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function answer(r: Response): Promise<HttpAnswer> {
  const text = await r.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: r.status, body };
}

/** POST /v1/vouchers with a JSON body (object, or raw text for malformed bodies). */
export async function postVoucher(url: string, body: Record<string, unknown> | string): Promise<HttpAnswer> {
  return answer(
    await fetch(`${url}/v1/vouchers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** The `Chrysalis-Auth` header of a read of `account`'s account, signed by `signer`. */
export function authHeader(
  signer: KeyPair,
  account: Uint8Array = signer.publicKey,
  unixSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const sig = sign(Buffer.from(encodeAccountAuthMessage(account, unixSeconds)), signer.secretKey);
  return { 'chrysalis-auth': formatAccountAuthHeader(unixSeconds, sig) };
}

/** GET /v1/accounts/:key, signed by the client itself unless other headers are given. */
export async function readAccount(
  url: string,
  account: Uint8Array,
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  return answer(await fetch(`${url}/v1/accounts/${hex(account)}`, { headers }));
}

export interface SubmitFields {
  readonly maxCostNano: number;
  readonly maxPromptPriceNano?: number;
  readonly maxCompletionPriceNano?: number;
  readonly modelId?: Uint8Array;
  readonly channel?: string;
  readonly voucher?: Record<string, unknown>;
}

/** POST /v1/requests: a v3-signed SubmitRequest (JSON) for the client's channel; the sealed body is opaque bytes. */
export async function submitRequest(url: string, c: ChainClientParty, f: SubmitFields): Promise<HttpAnswer> {
  const sealed = randomBytes(64);
  const nonce = randomBytes(16);
  const modelId = f.modelId ?? createHash('sha256').update('adversarial-model').digest();
  const channel = f.channel ?? c.channel.toString();
  const fields = {
    sealed,
    nonce,
    channel,
    modelId,
    workerId: '',
    maxPromptPriceNano: f.maxPromptPriceNano ?? 1000,
    maxCompletionPriceNano: f.maxCompletionPriceNano ?? 1000,
    maxCostNano: f.maxCostNano,
  };
  const signature = sign(Buffer.from(submitSigningMessage(fields)), c.keys.secretKey);
  const body = {
    ...fields,
    sealed: b64(sealed),
    nonce: b64(nonce),
    modelId: b64(modelId),
    clientKey: b64(c.keys.publicKey),
    signature: b64(signature),
    ...(f.voucher ? { voucher: f.voucher } : {}),
  };
  return answer(
    await fetch(`${url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** A seeded PRNG (mulberry32): the same seed gives the same sequence on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
