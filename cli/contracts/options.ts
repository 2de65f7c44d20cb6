/** The `chrysalis contracts` flags, which subcommand takes which, and each subcommand's help spec. */
import { CONTRACTS_SUBCOMMANDS } from '../contracts-commands';
import type { CommandSpec, FlagValues, OptionSpec, OptionSpecs } from '../flags';

export const OPTIONS = {
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
  'model-dir': {
    type: 'string',
    arg: 'DIR',
    desc: 'instead of --id: the model directory, whose model id is computed as the worker computes it',
  },
  multiplier: { type: 'string', arg: 'N', desc: 'price multiplier, 10000 = 1x (default 10000)' },
  'disk-root-hash': {
    type: 'string',
    arg: 'HEX',
    desc: "the model disk's dm-verity root hash (64 hex digits); verifiers then require it in the worker's RTMR3",
  },
  key: { type: 'string', arg: 'HEX', desc: "the broker's Ed25519 public key (64 hex digits)" },
  'wallet-address': { type: 'string', arg: 'ADDR', desc: "the broker's wallet" },
  'broker-endpoint': { type: 'string', arg: 'URL', desc: "the broker's public URL" },
  'prompt-price-per-token': { type: 'string', arg: 'NANO', desc: 'nanoTON per prompt token at multiplier 10000' },
  'completion-price-per-token': {
    type: 'string',
    arg: 'NANO',
    desc: 'nanoTON per completion token at multiplier 10000',
  },
  'broker-fee-bps': { type: 'string', arg: 'BPS', desc: "broker's share, basis points" },
  'min-broker-stake': { type: 'string', arg: 'TON', desc: 'smallest broker stake' },
  'min-client-deposit': { type: 'string', arg: 'TON', desc: 'smallest client deposit' },
  'client-close-delay': { type: 'string', arg: 'SECONDS', desc: 'client channel close delay (>= 3600)' },
  'worker-close-delay': { type: 'string', arg: 'SECONDS', desc: 'worker channel close delay (>= 3600)' },
  log: { type: 'string', arg: 'ADDR', desc: 'the AttestationLog contract' },
  'new-owner': { type: 'string', arg: 'ADDR', desc: 'the proposed owner (it takes over when it accepts)' },
  code: {
    type: 'string',
    arg: 'FILE',
    desc: "the new code BoC (binary, hex or base64; default: this release's registry.tolk)",
  },
  data: {
    type: 'string',
    arg: 'FILE',
    desc: 'migrated storage BoC: same owner, version + 1 (default: keep the storage)',
  },
  payee: { type: 'string', arg: 'ADDR', desc: 'who the channel pays (the broker wallet)' },
  deposit: { type: 'string', arg: 'TON', desc: 'initial deposit' },
  amount: { type: 'string', arg: 'TON', desc: 'amount to add' },
  'close-delay': {
    type: 'string',
    arg: 'SECONDS',
    desc: "close delay, >= 3600 (default: the registry's, or the default)",
  },
  nonce: { type: 'string', arg: 'N', desc: 'channel nonce (default random)' },
  channel: { type: 'string', arg: 'ADDR', desc: 'the PaymentChannel contract' },
  voucher: {
    type: 'string',
    arg: 'FILE|HEX',
    desc: 'the payer-signed voucher BoC (hex, or a file: binary, hex or base64)',
  },
  signature: { type: 'string', arg: 'HEX', desc: "the payer's Ed25519 signature of the voucher (128 hex digits)" },
} as const satisfies OptionSpecs;

export type Values = FlagValues<typeof OPTIONS>;
export type OptionName = keyof typeof OPTIONS;

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
  'prompt-price-per-token',
  'completion-price-per-token',
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
    synopsis: '--registry-address ADDR --id HEX | --model-dir DIR [--multiplier N] [--disk-root-hash HEX] [options]',
    options: [...COMMON, 'registry-address', 'id', 'model-dir', 'multiplier', 'disk-root-hash'],
  },
  'remove-model': {
    synopsis: '--registry-address ADDR --id HEX | --model-dir DIR [options]',
    options: [...COMMON, 'registry-address', 'id', 'model-dir'],
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
  registry: { synopsis: '--registry-address ADDR [options]', options: [...COMMON, 'registry-address'] },
  'registry propose-owner': {
    synopsis: '--registry-address ADDR --new-owner ADDR [options]',
    options: [...COMMON, 'registry-address', 'new-owner'],
  },
  'registry accept-owner': {
    synopsis: '--registry-address ADDR [options]  (from the proposed owner wallet)',
    options: [...COMMON, 'registry-address'],
  },
  'registry cancel-owner': { synopsis: '--registry-address ADDR [options]', options: [...COMMON, 'registry-address'] },
  'registry upgrade': {
    synopsis: '--registry-address ADDR [--code FILE] [--data FILE] [options]',
    options: [...COMMON, 'registry-address', 'code', 'data'],
  },
  'channel open': {
    synopsis: '--payee ADDR --deposit TON [options]',
    options: [...COMMON, 'payee', 'deposit', 'close-delay', 'nonce', 'registry-address'],
  },
  'channel top-up': { synopsis: '--channel ADDR --amount TON [options]', options: [...COMMON, 'channel', 'amount'] },
  'channel close': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
  'channel finish': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
  'channel status': { synopsis: '--channel ADDR [options]', options: [...COMMON, 'channel'] },
  'channel claim': {
    synopsis: '--channel ADDR --voucher FILE|HEX --signature HEX [options]',
    options: [...COMMON, 'channel', 'voucher', 'signature'],
  },
};

export function specFor(sub: readonly string[]): CommandSpec {
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
