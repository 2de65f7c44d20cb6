/**
 * `chrysalis contracts <sub>`: deploy and administer the chrysalis TON contracts from a wallet (v4r2 by
 * default, v5r1 with --wallet v5r1) whose mnemonic is read from --mnemonic-file. Every command goes through
 * the toncenter v2 API (`TonChainClient`): testnet/mainnet, or the devnet server (--network devnet
 * --endpoint <url printed by the devnet>). After sending, it waits until the wallet's seqno moves and then
 * checks the target contract's transaction, so a refused operation exits 1 with the contract's exit code.
 *
 *   deploy          --network testnet|mainnet|devnet --mnemonic-file f [--price-per-token n ...]
 *   add-image | remove-image        --registry A --id HEX
 *   add-platform | remove-platform  --registry A --id HEX
 *   add-model       --registry A --id HEX [--multiplier 10000]      remove-model --registry A --id HEX
 *   add-broker      --registry A --key HEX --wallet A --endpoint URL   remove-broker --registry A --key HEX
 *   set-params      --registry A [--price-per-token n] [--broker-fee-bps n] [--min-broker-stake TON]
 *                   [--min-client-deposit TON] [--client-close-delay s] [--worker-close-delay s]  (others kept)
 *   set-log         --registry A --log A          change-owner --registry A --new-owner A
 *   registry        --registry A                  (read-only: prints the registry as JSON)
 *   channel open    --payee A --deposit TON [--close-delay s] [--nonce n] [--registry A]
 *   channel top-up  --channel A --amount TON
 *   channel close   --channel A        (payer: StartClose)
 *   channel finish  --channel A        (after the delay: refund)
 *   channel status  --channel A
 * Common: --network (default testnet) --endpoint URL --api-key K (or TONCENTER_API_KEY) --wallet v4|v5r1
 *         --value TON (attached, default 0.05) --no-wait --timeout s
 * Exit: 0 ok, 1 refused / failed on chain, 2 bad usage or unreadable input.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Address, fromNano, OpenedContract, toNano, Transaction } from '@ton/core';
import { mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { TonChainClient } from '../contracts/chain/ton-client';
import { Network, WalletHandle } from '../contracts/chain/types';
import { compileAll } from '../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry, RegistryParams } from '../contracts/wrappers/registry';
import { AttestationLog } from '../contracts/wrappers/attestation-log';
import { PaymentChannel } from '../contracts/wrappers/payment-channel';
import { exitCodeName } from '../contracts/errors';

class UsageError extends Error {}

const OPTIONS = {
  network: { type: 'string' },
  endpoint: { type: 'string' },
  'api-key': { type: 'string' },
  'mnemonic-file': { type: 'string' },
  wallet: { type: 'string' },
  value: { type: 'string' },
  'no-wait': { type: 'boolean' },
  timeout: { type: 'string' },
  'poll-ms': { type: 'string' },
  registry: { type: 'string' },
  id: { type: 'string' },
  multiplier: { type: 'string' },
  key: { type: 'string' },
  'wallet-address': { type: 'string' },
  'broker-endpoint': { type: 'string' },
  'price-per-token': { type: 'string' },
  'broker-fee-bps': { type: 'string' },
  'min-broker-stake': { type: 'string' },
  'min-client-deposit': { type: 'string' },
  'client-close-delay': { type: 'string' },
  'worker-close-delay': { type: 'string' },
  log: { type: 'string' },
  'new-owner': { type: 'string' },
  payee: { type: 'string' },
  deposit: { type: 'string' },
  amount: { type: 'string' },
  'close-delay': { type: 'string' },
  nonce: { type: 'string' },
  channel: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const USAGE = `usage: chrysalis contracts <deploy|add-image|remove-image|add-platform|remove-platform|add-model|remove-model|
                           add-broker|remove-broker|set-params|set-log|change-owner|registry|channel <open|top-up|close|finish|status>>
  [--network testnet|mainnet|devnet] [--endpoint URL] [--api-key K] [--mnemonic-file F] [--wallet v4|v5r1] ...
  add-broker takes --key HEX --wallet-address ADDR --broker-endpoint URL (see contracts/README.md)
`;

function need(v: Values, name: keyof Values): string {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw new UsageError(`--${name} is required`);
  return x;
}

function addr(v: Values, name: keyof Values): Address {
  const s = need(v, name);
  try {
    return Address.parse(s);
  } catch {
    throw new UsageError(`--${name}: not a TON address`);
  }
}

function hex256(v: Values, name: keyof Values): string {
  const s = need(v, name).replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(s)) throw new UsageError(`--${name}: expected 64 hex digits`);
  return s.toLowerCase();
}

function ton(s: string, name: string): bigint {
  try {
    const n = toNano(s);
    if (n < 0n) throw new Error('negative');
    return n;
  } catch {
    throw new UsageError(`--${name}: not a TON amount`);
  }
}

function int(s: string | undefined, name: string, max: number): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) > max) throw new UsageError(`--${name}: expected an integer 0..${max}`);
  return Number(s);
}

function out(obj: unknown): void {
  process.stdout.write(
    JSON.stringify(
      obj,
      (_k, x) => (typeof x === 'bigint' ? x.toString() : Address.isAddress(x) ? x.toString() : x),
      2,
    ) + '\n',
  );
}

interface Ctx {
  chain: TonChainClient;
  v: Values;
  wallet(): Promise<{ w: WalletHandle; publicKey: Uint8Array }>;
  /** Sends via the wallet, waits for it, and returns whether `target` accepted it. */
  send(target: Address, fn: (w: WalletHandle) => Promise<void>): Promise<number>;
}

async function makeCtx(v: Values): Promise<Ctx> {
  const network = (v.network ?? 'testnet') as Network;
  if (!['testnet', 'mainnet', 'devnet'].includes(network))
    throw new UsageError('--network must be testnet, mainnet or devnet');
  if (network === 'devnet' && !v.endpoint)
    throw new UsageError('--network devnet needs --endpoint (printed by `chrysalis devnet`)');
  const apiKey = v['api-key'] ?? process.env.TONCENTER_API_KEY;
  const chain = new TonChainClient({
    network,
    ...(v.endpoint ? { endpoint: v.endpoint } : {}),
    ...(apiKey ? { apiKey } : {}),
  });
  const pollMs = int(v['poll-ms'], 'poll-ms', 60_000) ?? 1500;
  const timeoutMs = (int(v.timeout, 'timeout', 3600) ?? 90) * 1000;
  let cached: { w: WalletHandle; publicKey: Uint8Array } | undefined;
  const wallet = async (): Promise<{ w: WalletHandle; publicKey: Uint8Array }> => {
    if (cached) return cached;
    const file = need(v, 'mnemonic-file');
    let words: string[];
    try {
      words = readFileSync(file, 'utf8').trim().split(/\s+/);
    } catch {
      throw new UsageError(`cannot read --mnemonic-file ${file}`);
    }
    if (!(await mnemonicValidate(words))) throw new UsageError('--mnemonic-file: not a valid TON mnemonic');
    const kp = await mnemonicToPrivateKey(words);
    const version = v.wallet === 'v5r1' ? 'v5r1' : v.wallet === undefined || v.wallet === 'v4' ? 'v4' : undefined;
    if (!version) throw new UsageError('--wallet must be v4 or v5r1');
    const w = await chain.walletSender({ publicKey: kp.publicKey, secretKey: kp.secretKey, version });
    cached = { w, publicKey: Uint8Array.from(kp.publicKey) };
    return cached;
  };
  const send = async (target: Address, fn: (w: WalletHandle) => Promise<void>): Promise<number> => {
    const { w } = await wallet();
    const seqno = await w.getSeqno().catch(() => 0);
    const before = (await chain.getTransactions(target, { limit: 1 }).catch(() => []))[0]?.lt ?? 0n;
    await fn(w);
    if (v['no-wait']) {
      process.stderr.write('sent (not waiting)\n');
      return 0;
    }
    await w.waitForSeqno(seqno, { timeoutMs, intervalMs: pollMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const txs = await chain.getTransactions(target, { limit: 10 });
      const tx = txs.find(
        (t) => t.lt > before && t.inMessage?.info.type === 'internal' && t.inMessage.info.src.equals(w.address),
      );
      if (tx) return reportTx(tx);
      if (Date.now() > deadline) {
        process.stderr.write('timed out waiting for the contract transaction\n');
        return 1;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
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

async function currentParams(ctx: Ctx, registry: Address): Promise<RegistryParams> {
  return ctx.chain.open(Registry.createFromAddress(registry)).getParams();
}

async function dispatch(sub: string[], v: Values): Promise<number> {
  const ctx = await makeCtx(v);
  const value = v.value !== undefined ? ton(v.value, 'value') : undefined;
  const withValue = value !== undefined ? { value } : {};
  const reg = (): OpenedContract<Registry> => ctx.chain.open(Registry.createFromAddress(addr(v, 'registry')));
  const registryAddr = (): Address => addr(v, 'registry');
  switch (sub[0]) {
    case 'deploy': {
      const { w } = await wallet(ctx);
      const codes = await compileAll();
      const params: RegistryParams = {
        pricePerToken:
          v['price-per-token'] !== undefined
            ? BigInt(int(v['price-per-token'], 'price-per-token', Number.MAX_SAFE_INTEGER) ?? 0)
            : DEFAULT_PARAMS.pricePerToken,
        brokerFeeBps: int(v['broker-fee-bps'], 'broker-fee-bps', 10000) ?? DEFAULT_PARAMS.brokerFeeBps,
        minBrokerStake: v['min-broker-stake']
          ? ton(v['min-broker-stake'], 'min-broker-stake')
          : DEFAULT_PARAMS.minBrokerStake,
        minClientDeposit: v['min-client-deposit']
          ? ton(v['min-client-deposit'], 'min-client-deposit')
          : DEFAULT_PARAMS.minClientDeposit,
        clientCloseDelay:
          int(v['client-close-delay'], 'client-close-delay', 2 ** 32 - 1) ?? DEFAULT_PARAMS.clientCloseDelay,
        workerCloseDelay:
          int(v['worker-close-delay'], 'worker-close-delay', 2 ** 32 - 1) ?? DEFAULT_PARAMS.workerCloseDelay,
      };
      const registry = ctx.chain.open(Registry.createFromConfig({ owner: w.address, params }, codes.registry));
      const log = ctx.chain.open(AttestationLog.createFromConfig({ registry: registry.address }, codes.attestationLog));
      let rc = await ctx.send(registry.address, (ww) => registry.sendDeploy(ww.sender, value ?? toNano('0.2')));
      if (rc !== 0) return rc;
      rc = await ctx.send(log.address, (ww) => log.sendDeploy(ww.sender, value ?? toNano('0.2')));
      if (rc !== 0) return rc;
      rc = await ctx.send(registry.address, (ww) => registry.sendSetAttestationLog(ww.sender, { log: log.address }));
      if (rc !== 0) return rc;
      out({
        network: ctx.chain.network,
        owner: w.address,
        registry: registry.address,
        attestationLog: log.address,
        params,
      });
      return 0;
    }
    case 'add-image':
      return ctx.send(registryAddr(), (w) => reg().sendAddImage(w.sender, { imageId: hex256(v, 'id'), ...withValue }));
    case 'remove-image':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemoveImage(w.sender, { imageId: hex256(v, 'id'), ...withValue }),
      );
    case 'add-platform':
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddPlatform(w.sender, { platformId: hex256(v, 'id'), ...withValue }),
      );
    case 'remove-platform':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemovePlatform(w.sender, { platformId: hex256(v, 'id'), ...withValue }),
      );
    case 'add-model': {
      const multiplier = int(v.multiplier, 'multiplier', 2 ** 32 - 1) ?? 10000;
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddModel(w.sender, { modelId: hex256(v, 'id'), multiplier, ...withValue }),
      );
    }
    case 'remove-model':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemoveModel(w.sender, { modelId: hex256(v, 'id'), ...withValue }),
      );
    case 'add-broker': {
      const brokerKey = hex256(v, 'key');
      const walletAddress = addr(v, 'wallet-address');
      const endpoint = need(v, 'broker-endpoint');
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddBroker(w.sender, { brokerKey, wallet: walletAddress, endpoint, ...withValue }),
      );
    }
    case 'remove-broker':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemoveBroker(w.sender, { brokerKey: hex256(v, 'key'), ...withValue }),
      );
    case 'set-params': {
      const cur = await currentParams(ctx, registryAddr());
      const params: RegistryParams = {
        pricePerToken:
          v['price-per-token'] !== undefined
            ? BigInt(int(v['price-per-token'], 'price-per-token', Number.MAX_SAFE_INTEGER) ?? 0)
            : cur.pricePerToken,
        brokerFeeBps: int(v['broker-fee-bps'], 'broker-fee-bps', 65535) ?? cur.brokerFeeBps,
        minBrokerStake: v['min-broker-stake'] ? ton(v['min-broker-stake'], 'min-broker-stake') : cur.minBrokerStake,
        minClientDeposit: v['min-client-deposit']
          ? ton(v['min-client-deposit'], 'min-client-deposit')
          : cur.minClientDeposit,
        clientCloseDelay: int(v['client-close-delay'], 'client-close-delay', 2 ** 32 - 1) ?? cur.clientCloseDelay,
        workerCloseDelay: int(v['worker-close-delay'], 'worker-close-delay', 2 ** 32 - 1) ?? cur.workerCloseDelay,
      };
      return ctx.send(registryAddr(), (w) => reg().sendSetParams(w.sender, { params, ...withValue }));
    }
    case 'set-log':
      return ctx.send(registryAddr(), (w) =>
        reg().sendSetAttestationLog(w.sender, { log: addr(v, 'log'), ...withValue }),
      );
    case 'change-owner':
      return ctx.send(registryAddr(), (w) =>
        reg().sendChangeOwner(w.sender, { newOwner: addr(v, 'new-owner'), ...withValue }),
      );
    case 'registry': {
      const snap = await ctx.chain.readRegistry(registryAddr());
      out(snap);
      return 0;
    }
    case 'channel':
      return channelCommand(ctx, sub.slice(1), v, value);
    default:
      throw new UsageError(`unknown subcommand '${sub.join(' ')}'`);
  }
}

async function wallet(ctx: Ctx): Promise<{ w: WalletHandle; publicKey: Uint8Array }> {
  return ctx.wallet();
}

async function channelCommand(ctx: Ctx, sub: string[], v: Values, value: bigint | undefined): Promise<number> {
  const withValue = value !== undefined ? { value } : {};
  switch (sub[0]) {
    case 'open': {
      const { w, publicKey } = await wallet(ctx);
      const payee = addr(v, 'payee');
      const deposit = ton(need(v, 'deposit'), 'deposit');
      let closeDelay = int(v['close-delay'], 'close-delay', 2 ** 32 - 1);
      if (closeDelay === undefined && v.registry)
        closeDelay = (await currentParams(ctx, addr(v, 'registry'))).clientCloseDelay;
      const nonce =
        v.nonce !== undefined
          ? BigInt(int(v.nonce, 'nonce', Number.MAX_SAFE_INTEGER) ?? 0)
          : randomBytes(6).readUIntBE(0, 6);
      const codes = await compileAll();
      const ch = ctx.chain.open(
        PaymentChannel.createFromConfig(
          {
            payer: w.address,
            payee,
            payerKey: publicKey,
            closeDelay: closeDelay ?? DEFAULT_PARAMS.clientCloseDelay,
            nonce: BigInt(nonce),
          },
          codes.paymentChannel,
        ),
      );
      const rc = await ctx.send(ch.address, (ww) => ch.sendDeploy(ww.sender, { amount: deposit, ...withValue }));
      if (rc === 0)
        out({
          channel: ch.address,
          payer: w.address,
          payee,
          deposit: fromNano(deposit),
          closeDelay,
          nonce: String(nonce),
        });
      return rc;
    }
    case 'top-up': {
      const channel = addr(v, 'channel');
      const amount = ton(need(v, 'amount'), 'amount');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendTopUp(w.sender, { amount, ...withValue }),
      );
    }
    case 'close': {
      const channel = addr(v, 'channel');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendStartClose(w.sender, withValue),
      );
    }
    case 'finish': {
      const channel = addr(v, 'channel');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendFinishClose(w.sender, withValue),
      );
    }
    case 'status': {
      const channel = addr(v, 'channel');
      const data = await ctx.chain.getChannel(channel);
      if (!data) {
        process.stderr.write('channel not deployed\n');
        return 1;
      }
      out({
        channel,
        ...data,
        deposit: fromNano(data.deposit),
        claimed: fromNano(data.claimed),
        balance: fromNano(await ctx.chain.getBalance(channel)),
      });
      return 0;
    }
    default:
      throw new UsageError(`unknown channel subcommand '${sub.join(' ')}'`);
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`chrysalis contracts: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const v = parsed.values as Values;
  if (v.help || parsed.positionals.length === 0) {
    process.stdout.write(USAGE);
    return v.help ? 0 : 2;
  }
  try {
    return await dispatch(parsed.positionals, v);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`chrysalis contracts: ${err.message}\n${USAGE}`);
      return 2;
    }
    const code = (err as { code?: string }).code;
    process.stderr.write(
      `chrysalis contracts: ${code ? code + ': ' : ''}${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
}
