/**
 * `chrysalis contracts <sub>`: deploy and administer the chrysalis TON contracts from a wallet (v4r2 by
 * default, v5r1 with --wallet v5r1) whose mnemonic is read from --mnemonic-file. Every command goes through
 * the toncenter v2 API (`TonChainClient`): testnet/mainnet, or the devnet server (--network devnet
 * --endpoint <url printed by the devnet>). After sending, it waits until the wallet's seqno moves and then
 * checks the target contract's transaction, so a refused operation exits 1 with the contract's exit code.
 * Each subcommand's flags are in SUBCOMMANDS below (`chrysalis contracts <sub> --help` prints them); a registry
 * is named by `--registry-address`, as everywhere in the CLI.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Address, fromNano, type OpenedContract, toNano, type Transaction } from '@ton/core';
import { mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { TonChainClient } from '../contracts/chain/ton-client';
import { type Network, type WalletHandle } from '../contracts/chain/types';
import { compileAll } from '../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry, type RegistryParams } from '../contracts/wrappers/registry';
import { AttestationLog } from '../contracts/wrappers/attestation-log';
import { PaymentChannel } from '../contracts/wrappers/payment-channel';
import { exitCodeName } from '../contracts/errors';
import { CONTRACTS_SUBCOMMANDS } from './contracts-commands';
import { EXIT, inputError, reportError, usageError } from './exit';
import { runCommand, type CommandSpec, type FlagValues, type OptionSpec, type OptionSpecs } from './flags';
import { pollUntil } from '../core/retry';

const OPTIONS = {
  network: { type: 'string', arg: 'testnet|mainnet|devnet', desc: 'which chain (default testnet)' },
  endpoint: { type: 'string', arg: 'URL', desc: 'toncenter v2 JSON-RPC endpoint (devnet: the `chain-api:` it prints)' },
  'api-key': { type: 'string', arg: 'KEY', desc: 'toncenter API key (or env TONCENTER_API_KEY)' },
  'mnemonic-file': { type: 'string', arg: 'FILE', desc: 'the 24 words of the sending wallet' },
  wallet: { type: 'string', arg: 'v4|v5r1', desc: 'wallet contract version (default v4)' },
  value: { type: 'string', arg: 'TON', desc: 'TON attached to the message (default 0.05)' },
  'no-wait': { type: 'boolean', desc: 'send and do not wait for the transaction' },
  timeout: { type: 'string', arg: 'SECONDS', desc: 'how long to wait for the transaction (default 90)' },
  'poll-ms': { type: 'string', arg: 'MS', desc: 'polling interval (default 1500)' },
  'registry-address': { type: 'string', arg: 'ADDR', desc: 'the Registry contract' },
  id: { type: 'string', arg: 'HEX', desc: 'the id (64 hex digits)' },
  multiplier: { type: 'string', arg: 'N', desc: 'price multiplier, 10000 = 1x (default 10000)' },
  key: { type: 'string', arg: 'HEX', desc: "the broker's Ed25519 public key (64 hex digits)" },
  'wallet-address': { type: 'string', arg: 'ADDR', desc: "the broker's wallet" },
  'broker-endpoint': { type: 'string', arg: 'URL', desc: "the broker's public URL" },
  'price-per-token': { type: 'string', arg: 'NANO', desc: 'nanoTON per token at multiplier 10000' },
  'broker-fee-bps': { type: 'string', arg: 'BPS', desc: "broker's share, basis points" },
  'min-broker-stake': { type: 'string', arg: 'TON', desc: 'smallest broker stake' },
  'min-client-deposit': { type: 'string', arg: 'TON', desc: 'smallest client deposit' },
  'client-close-delay': { type: 'string', arg: 'SECONDS', desc: 'client channel close delay' },
  'worker-close-delay': { type: 'string', arg: 'SECONDS', desc: 'worker channel close delay' },
  log: { type: 'string', arg: 'ADDR', desc: 'the AttestationLog contract' },
  'new-owner': { type: 'string', arg: 'ADDR', desc: 'the new owner' },
  payee: { type: 'string', arg: 'ADDR', desc: 'who the channel pays (the broker wallet)' },
  deposit: { type: 'string', arg: 'TON', desc: 'initial deposit' },
  amount: { type: 'string', arg: 'TON', desc: 'amount to add' },
  'close-delay': { type: 'string', arg: 'SECONDS', desc: "close delay (default: the registry's, or the default)" },
  nonce: { type: 'string', arg: 'N', desc: 'channel nonce (default random)' },
  channel: { type: 'string', arg: 'ADDR', desc: 'the PaymentChannel contract' },
} as const satisfies OptionSpecs;

type Values = FlagValues<typeof OPTIONS>;
type OptionName = keyof typeof OPTIONS;

const COMMON: readonly OptionName[] = [
  'network',
  'endpoint',
  'api-key',
  'mnemonic-file',
  'wallet',
  'value',
  'no-wait',
  'timeout',
  'poll-ms',
];
const PARAMS: readonly OptionName[] = [
  'price-per-token',
  'broker-fee-bps',
  'min-broker-stake',
  'min-client-deposit',
  'client-close-delay',
  'worker-close-delay',
];

/** Each subcommand's own flags and usage line. */
const SUBCOMMANDS: Readonly<Record<string, { synopsis: string; options: readonly OptionName[] }>> = {
  deploy: { synopsis: '--mnemonic-file FILE [params] [options]', options: [...COMMON, ...PARAMS] },
  'add-image': {
    synopsis: '--registry-address ADDR --id HEX [options]',
    options: [...COMMON, 'registry-address', 'id'],
  },
  'remove-image': {
    synopsis: '--registry-address ADDR --id HEX [options]',
    options: [...COMMON, 'registry-address', 'id'],
  },
  'add-platform': {
    synopsis: '--registry-address ADDR --id HEX [options]',
    options: [...COMMON, 'registry-address', 'id'],
  },
  'remove-platform': {
    synopsis: '--registry-address ADDR --id HEX [options]',
    options: [...COMMON, 'registry-address', 'id'],
  },
  'add-model': {
    synopsis: '--registry-address ADDR --id HEX [--multiplier N] [options]',
    options: [...COMMON, 'registry-address', 'id', 'multiplier'],
  },
  'remove-model': {
    synopsis: '--registry-address ADDR --id HEX [options]',
    options: [...COMMON, 'registry-address', 'id'],
  },
  'add-broker': {
    synopsis: '--registry-address ADDR --key HEX --wallet-address ADDR --broker-endpoint URL [options]',
    options: [...COMMON, 'registry-address', 'key', 'wallet-address', 'broker-endpoint'],
  },
  'remove-broker': {
    synopsis: '--registry-address ADDR --key HEX [options]',
    options: [...COMMON, 'registry-address', 'key'],
  },
  'set-params': {
    synopsis: '--registry-address ADDR [params] [options]',
    options: [...COMMON, 'registry-address', ...PARAMS],
  },
  'set-log': {
    synopsis: '--registry-address ADDR --log ADDR [options]',
    options: [...COMMON, 'registry-address', 'log'],
  },
  'change-owner': {
    synopsis: '--registry-address ADDR --new-owner ADDR [options]',
    options: [...COMMON, 'registry-address', 'new-owner'],
  },
  registry: { synopsis: '--registry-address ADDR [options]', options: [...COMMON, 'registry-address'] },
  'channel open': {
    synopsis: '--payee ADDR --deposit TON [options]',
    options: [...COMMON, 'payee', 'deposit', 'close-delay', 'nonce', 'registry-address'],
  },
  'channel top-up': { synopsis: '--channel ADDR --amount TON [options]', options: [...COMMON, 'channel', 'amount'] },
  'channel close': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
  'channel finish': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
  'channel status': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
};

function specFor(sub: readonly string[]): CommandSpec {
  const key = sub.join(' ');
  const def = SUBCOMMANDS[key]!;
  const options: Record<string, OptionSpec> = {};
  for (const k of def.options) options[k] = OPTIONS[k];
  return {
    name: `contracts ${key}`,
    synopsis: def.synopsis,
    summary: CONTRACTS_SUBCOMMANDS.find((c) => c.path.join(' ') === key)?.summary ?? '',
    options,
    notes: [
      'Sends from the wallet in --mnemonic-file through the toncenter v2 API, waits until the wallet seqno moves,',
      "then checks the target contract's transaction: a refused operation exits 1 with the contract's exit code.",
    ],
  };
}

function need(v: Values, name: keyof Values): string {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw usageError(`--${name} is required`);
  return x;
}

function addr(v: Values, name: keyof Values): Address {
  const s = need(v, name);
  try {
    return Address.parse(s);
  } catch {
    throw usageError(`--${name}: not a TON address`);
  }
}

function hex256(v: Values, name: keyof Values): string {
  const s = need(v, name).replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(s)) throw usageError(`--${name}: expected 64 hex digits`);
  return s.toLowerCase();
}

function ton(s: string, name: string): bigint {
  try {
    const n = toNano(s);
    if (n < 0n) throw new Error('negative');
    return n;
  } catch {
    throw usageError(`--${name}: not a TON amount`);
  }
}

function int(s: string | undefined, name: string, max: number): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) > max) throw usageError(`--${name}: expected an integer 0..${max}`);
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
    throw usageError('--network must be testnet, mainnet or devnet');
  if (network === 'devnet' && !v.endpoint)
    throw usageError('--network devnet needs --endpoint (printed by `chrysalis devnet`)');
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
    } catch (e) {
      throw inputError(`cannot read --mnemonic-file ${file}`, e);
    }
    if (!(await mnemonicValidate(words))) throw inputError(`--mnemonic-file ${file}: not a valid TON mnemonic`);
    const kp = await mnemonicToPrivateKey(words);
    const version = v.wallet === 'v5r1' ? 'v5r1' : v.wallet === undefined || v.wallet === 'v4' ? 'v4' : undefined;
    if (!version) throw usageError('--wallet must be v4 or v5r1');
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
    const tx = await pollUntil(
      async () =>
        (await chain.getTransactions(target, { limit: 10 })).find(
          (t) => t.lt > before && t.inMessage?.info.type === 'internal' && t.inMessage.info.src.equals(w.address),
        ),
      { timeoutMs, intervalMs: pollMs },
    );
    if (tx) return reportTx(tx);
    process.stderr.write('timed out waiting for the contract transaction\n');
    return 1;
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
  const reg = (): OpenedContract<Registry> => ctx.chain.open(Registry.createFromAddress(addr(v, 'registry-address')));
  const registryAddr = (): Address => addr(v, 'registry-address');
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
      throw usageError(`unknown subcommand '${sub.join(' ')}'`);
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
      if (closeDelay === undefined && v['registry-address'])
        closeDelay = (await currentParams(ctx, addr(v, 'registry-address'))).clientCloseDelay;
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
      throw usageError(`unknown channel subcommand '${sub.join(' ')}'`);
  }
}

/** `chrysalis contracts ... --help` without a known subcommand: the subcommands, in the help layout. */
function groupHelp(): string {
  const lines = CONTRACTS_SUBCOMMANDS.map((c) => `  chrysalis contracts ${c.path.join(' ').padEnd(16)} ${c.summary}`);
  return [
    'usage: chrysalis contracts <command> [options]',
    '',
    'Deploy and administer the TON contracts (Registry, AttestationLog, PaymentChannel).',
    '',
    'commands:',
    ...lines,
    '',
    'Run `chrysalis contracts <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** `sub` is given by the dispatcher; called directly, the subcommand is the first word(s) of argv. */
export async function run(argv: string[], sub?: readonly string[]): Promise<number> {
  const found =
    sub ??
    CONTRACTS_SUBCOMMANDS.map((c) => c.path as readonly string[])
      .sort((x, y) => y.length - x.length)
      .find((p) => p.every((w, i) => argv[i] === w));
  if (!found) {
    const help = argv.includes('--help') || argv.includes('-h');
    if (help) {
      process.stdout.write(groupHelp());
      return EXIT.OK;
    }
    const word = argv.find((x) => !x.startsWith('-'));
    return reportError('contracts', usageError(word ? `unknown subcommand '${word}'` : 'missing subcommand'), {
      usage: groupHelp(),
    });
  }
  const rest = sub ? argv : argv.slice(found.length);
  return runCommand(specFor(found), rest, ({ values }) => dispatch([...found], values as Values));
}
