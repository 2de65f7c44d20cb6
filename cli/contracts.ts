/**
 * `chrysalis contracts <sub>`: deploy and administer the chrysalis TON contracts from a wallet (v4r2 by
 * default, v5r1 with --wallet v5r1) whose mnemonic is read from --mnemonic-file. Every command goes through
 * the toncenter v2 API (`TonChainClient`): testnet/mainnet, or the devnet server (--network devnet
 * --endpoint <url printed by the devnet>). After sending, it waits until the wallet's seqno moves and then
 * checks the target contract's transaction, so a refused operation exits 1 with the contract's exit code.
 * Each subcommand's flags are in SUBCOMMANDS in contracts/options.ts (`chrysalis contracts <sub> --help` prints
 * them); a registry is named by `--registry-address`, as everywhere in the CLI.
 */
import { CONTRACTS_SUBCOMMANDS } from './contracts-commands';
import { EXIT, reportError, usageError } from './exit';
import { runCommand } from './flags';
import { ton } from './contracts/args';
import { channelCommand } from './contracts/channel-commands';
import { makeCtx } from './contracts/context';
import { specFor, type Values } from './contracts/options';
import { deployCommand, registryCommand } from './contracts/registry-commands';

async function dispatch(sub: string[], v: Values): Promise<number> {
  const ctx = makeCtx(v);
  const value = v.value !== undefined ? ton(v.value, 'value') : undefined;
  switch (sub[0]) {
    case 'deploy':
      return deployCommand(ctx, v, value);
    case 'channel':
      return channelCommand(ctx, sub.slice(1), v, value);
    default:
      return registryCommand(ctx, sub, v, value);
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
