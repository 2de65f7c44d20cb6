/**
 * The `chrysalis` command line. Each subcommand lives in the folder that owns it and exports
 * `run(argv: string[]): Promise<number>` returning the exit code (0 ok, 1 rejected/failed, 2 usage or input error).
 * Modules are loaded lazily so `chrysalis attest quote` never loads onnxruntime or the TON sandbox.
 */
import 'reflect-metadata';

type CommandModule = { run(argv: string[]): Promise<number> };
interface CommandEntry {
  readonly path: string[];
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/** Resolved at run time (not by tsc) so each command's module can land independently. */
function lazy(rel: string): () => Promise<CommandModule> {
  return async () => require(require('node:path').join(__dirname, rel)) as CommandModule;
}

const COMMANDS: readonly CommandEntry[] = [
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
    summary: 'verify a worker-signed receipt offline',
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
    path: ['worker'],
    summary: 'run a confidential worker (inside a TDX CVM, or simulated)',
    load: lazy('./worker'),
  },
  { path: ['broker'], summary: 'run a broker', load: lazy('./broker') },
  {
    path: ['gateway'],
    summary: 'run the local OpenAI-compatible gateway on top of the SDK',
    load: lazy('./gateway'),
  },
  {
    path: ['contracts'],
    summary:
      'deploy and administer the TON contracts (deploy, add-image, add-model, add-broker, set-params, channel ...)',
    load: lazy('./contracts'),
  },
];

function usage(): string {
  const lines = COMMANDS.map((c) => `  chrysalis ${c.path.join(' ').padEnd(16)} ${c.summary}`);
  return ['usage: chrysalis <command> [options]', '', 'commands:', ...lines, ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(usage());
    return argv.length === 0 ? 2 : 0;
  }
  // Longest matching command path wins.
  const match = [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((p, i) => argv[i] === p));
  if (!match) {
    process.stderr.write(`chrysalis: unknown command '${argv.join(' ')}'\n\n${usage()}`);
    return 2;
  }
  let mod: CommandModule;
  try {
    mod = await match.load();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(match.path[match.path.length - 1] ?? '')) {
      process.stderr.write(`chrysalis: '${match.path.join(' ')}' is not built in this version\n`);
      return 2;
    }
    throw err;
  }
  return mod.run(argv.slice(match.path.length));
}
