/**
 * The `chrysalis` command line. Each command exports `run(argv: string[]): Promise<number>` returning its exit code
 * (the table is in cli/exit.ts). Modules are loaded lazily so `chrysalis attest quote` never loads onnxruntime or the
 * TON sandbox.
 */
import { EXIT, EXIT_CODES_HELP, reportError, setDebug } from './exit';
import { CONTRACTS_SUBCOMMANDS } from './contracts-commands';
import { packageVersion } from './version';

type CommandModule = { run(argv: string[], sub?: readonly string[]): Promise<number> };
export interface CommandEntry {
  readonly path: readonly string[];
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
  /** Subcommand words passed to a module that serves several (contracts). */
  readonly sub?: readonly string[];
}

/** Resolved at run time (not by tsc) so each command's module is loaded only when used. */
function lazy(rel: string): () => Promise<CommandModule> {
  return async () => require(require('node:path').join(__dirname, rel)) as CommandModule;
}

/** Command groups: `chrysalis <group> --help` lists their commands. */
export const GROUPS: Readonly<Record<string, string>> = {
  attest: 'verify attestation evidence, receipts and the on-chain admission log offline',
  image: 'predict the measurements of a worker VM image',
  model: 'compute model ids and build test models',
  contracts: 'deploy and administer the TON contracts (Registry, AttestationLog, PaymentChannel)',
  'contracts channel': 'open, fund, close and inspect payment channels',
};

export const COMMANDS: readonly CommandEntry[] = [
  {
    path: ['devnet'],
    summary: 'run the whole network locally (TON sandbox, contracts, broker, workers, gateway)',
    load: lazy('./devnet'),
  },
  {
    path: ['chat'],
    summary: 'send one prompt through a running devnet and print answer, receipt and balance',
    load: lazy('./chat'),
  },
  {
    path: ['status'],
    summary: 'show brokers, admitted workers, registry version and channel balances',
    load: lazy('./status'),
  },
  {
    path: ['attest', 'quote'],
    summary: 'verify an Intel TDX/SGX DCAP quote offline against collateral',
    load: lazy('./attest/quote'),
  },
  {
    path: ['attest', 'gpu'],
    summary: 'verify an NVIDIA H100/H200 SPDM attestation report, chain and RIMs offline',
    load: lazy('./attest/gpu'),
  },
  {
    path: ['attest', 'bundle'],
    summary: 'verify a whole worker evidence bundle offline',
    load: lazy('./attest/bundle'),
  },
  {
    path: ['attest', 'eventlog'],
    summary: 'replay a TDX event log (CCEL) and compare with a quote',
    load: lazy('./attest/eventlog'),
  },
  {
    path: ['attest', 'admissions'],
    summary: 'walk the on-chain admission log and re-verify every bundle it can fetch',
    load: lazy('./attest/admissions'),
  },
  {
    path: ['attest', 'receipt'],
    summary: 'verify a worker-signed receipt against the key in a verified bundle',
    load: lazy('./attest/receipt'),
  },
  {
    path: ['image', 'measure'],
    summary: 'predict MRTD/RTMR0..2, image id and platform id from VM image artefacts',
    load: lazy('./image'),
  },
  {
    path: ['model', 'make-tiny'],
    summary: 'build the tiny deterministic TEST model (ONNX + tokenizer.json) from a seed',
    load: lazy('./model'),
  },
  {
    path: ['model', 'id'],
    summary: 'print the model id of a model directory (never loads the model)',
    load: lazy('./model'),
    sub: ['model', 'id'],
  },
  { path: ['worker'], summary: 'run a confidential worker (inside a TDX CVM, or simulated)', load: lazy('./worker') },
  { path: ['worker', 'claim'], summary: 'claim the vouchers the worker keeps, now', load: lazy('./worker-claim') },
  { path: ['broker'], summary: 'run a broker', load: lazy('./broker') },
  {
    path: ['gateway'],
    summary: 'run the local OpenAI-compatible gateway on top of the SDK',
    load: lazy('./gateway'),
  },
  ...CONTRACTS_SUBCOMMANDS.map((c): CommandEntry => ({
    path: ['contracts', ...c.path],
    summary: c.summary,
    load: lazy('./contracts'),
    sub: c.path,
  })),
];

const GLOBAL_OPTIONS = `options:
  -h, --help        show this help (also after any command or group)
  -V, --version     print the version
  --debug           print the stack of unexpected errors (or set CHRYSALIS_DEBUG=1)
`;

function commandLines(entries: readonly CommandEntry[]): string[] {
  const width = Math.max(...entries.map((c) => c.path.join(' ').length)) + 2;
  return entries.map((c) => `  chrysalis ${c.path.join(' ').padEnd(width)}${c.summary}`);
}

/** `chrysalis --help`. */
export function usage(): string {
  return [
    'usage: chrysalis <command> [options]',
    '',
    'Confidential AI inference on TON: run the devnet, chat through it, and verify attestation evidence.',
    '',
    GLOBAL_OPTIONS,
    'commands:',
    ...commandLines(COMMANDS),
    '',
    'Run `chrysalis <command> --help` for the options of a command.',
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

/** `chrysalis <group> --help`: same layout as a command's help. */
export function groupUsage(group: string): string {
  const prefix = group.split(' ');
  const entries = COMMANDS.filter((c) => prefix.every((p, i) => c.path[i] === p) && c.path.length > prefix.length);
  return [
    `usage: chrysalis ${group} <command> [options]`,
    '',
    GROUPS[group] ?? '',
    '',
    'options:',
    '  -h, --help        show this help',
    '',
    'commands:',
    ...commandLines(entries),
    '',
    `Run \`chrysalis ${group} <command> --help\` for the options of a command.`,
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h';

export async function main(argvIn: readonly string[]): Promise<number> {
  const argv = argvIn.filter((a) => a !== '--debug');
  if (argv.length !== argvIn.length) setDebug(true);
  const first = argv[0];
  if (first === '--version' || first === '-V') {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.OK;
  }
  if (isHelp(first) || first === 'help') {
    process.stdout.write(usage());
    return EXIT.OK;
  }
  if (argv.length === 0) {
    process.stderr.write(usage());
    return EXIT.USAGE;
  }
  // Longest matching command path wins.
  const match = [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((p, i) => argv[i] === p));
  if (!match) {
    const group = Object.keys(GROUPS)
      .sort((a, b) => b.split(' ').length - a.split(' ').length)
      .find((g) => g.split(' ').every((p, i) => argv[i] === p));
    if (group) {
      const rest = argv.slice(group.split(' ').length);
      if (isHelp(rest[0])) {
        process.stdout.write(groupUsage(group));
        return EXIT.OK;
      }
      if (rest.length > 0) process.stderr.write(`chrysalis ${group}: usage: unknown command '${rest.join(' ')}'\n\n`);
      process.stderr.write(groupUsage(group));
      return EXIT.USAGE;
    }
    process.stderr.write(`chrysalis: usage: unknown command '${argv.join(' ')}'\n\n${usage()}`);
    return EXIT.USAGE;
  }
  const name = match.path.join(' ');
  try {
    const mod = await match.load();
    return await mod.run(argv.slice(match.path.length), match.sub);
  } catch (err) {
    return reportError(name, err);
  }
}
