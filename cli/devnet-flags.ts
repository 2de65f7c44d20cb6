/** `chrysalis devnet` flags: parsed once, validated, returned as a plain typed object. */
import { resolve } from 'node:path';
import { usageError } from './exit';
import { parseFlags, type CommandSpec } from './flags';

export const DEVNET_SPEC = {
  name: 'devnet',
  synopsis: '[options]',
  summary:
    'Run the whole network on this machine: TON sandbox + contracts, broker, workers (SIMULATED TDX + GPU), gateway.',
  options: {
    'data-dir': { type: 'string', arg: 'DIR', default: '.data/devnet', desc: 'keys, ledger, model, trust roots' },
    host: { type: 'string', arg: 'HOST', default: '127.0.0.1', desc: 'address every service listens on' },
    'gateway-port': { type: 'string', arg: 'N', default: '8787', desc: 'gateway port (0 picks a free port)' },
    'broker-port': { type: 'string', arg: 'N', default: '8788', desc: 'broker port (0 picks a free port)' },
    'chain-port': { type: 'string', arg: 'N', default: '8789', desc: 'chain API port (0 picks a free port)' },
    workers: { type: 'string', arg: 'N', default: '2', desc: 'number of workers, 1..16' },
    brokers: {
      type: 'string',
      arg: 'N',
      default: '1',
      desc: 'number of brokers, 1..8 (each its own process and port from --broker-port on; the gateway fails over)',
    },
    engine: { type: 'string', arg: 'onnx|openai-upstream', default: 'onnx', desc: 'inference engine of the workers' },
    'upstream-url': { type: 'string', arg: 'URL', desc: 'OpenAI-compatible upstream (with --engine openai-upstream)' },
    'upstream-model': { type: 'string', arg: 'NAME', desc: 'upstream model name (with --engine openai-upstream)' },
    seed: { type: 'string', arg: 'S', default: 'chrysalis-devnet', desc: 'seed of the SIMULATED PKIs and the model' },
    'settle-interval': {
      type: 'string',
      arg: 'SECONDS',
      default: '10',
      desc: 'how often the broker settles (claims vouchers, pays the workers)',
    },
  },
  notes: [
    'Once ready it prints, one per line: `gateway: <url>/v1`, `broker: <url>` (one line per broker), `chain-api: <url>`,',
    '`registry: <address>`, `attestation-log: <address>`.',
  ],
} as const satisfies CommandSpec;

export interface DevnetFlags {
  dataDir: string;
  host: string;
  gatewayPort: number;
  brokerPort: number;
  chainPort: number;
  workers: number;
  brokers: number;
  engine: 'onnx' | 'openai-upstream';
  upstreamUrl?: string;
  upstreamModel?: string;
  seed: string;
  settleIntervalMs: number;
}

/** @throws CliError (usage, exit 2) */
export function parseDevnetFlags(argv: string[]): DevnetFlags | 'help' {
  const parsed = parseFlags(DEVNET_SPEC, argv);
  if (parsed === 'help') return 'help';
  const v = parsed.values;
  const port = (s: string | undefined, name: string): number => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw usageError(`--${name}: not a port: ${s}`);
    return n;
  };
  const workers = Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw usageError('--workers must be 1..16');
  const brokers = Number(v.brokers ?? '1');
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > 8) throw usageError('--brokers must be 1..8');
  if (v.engine !== 'onnx' && v.engine !== 'openai-upstream')
    throw usageError('--engine must be onnx or openai-upstream');
  if (v.engine === 'openai-upstream' && (!v['upstream-url'] || !v['upstream-model']))
    throw usageError('--engine openai-upstream needs --upstream-url and --upstream-model');
  const settle = Number(v['settle-interval'] ?? '10');
  if (!Number.isFinite(settle) || settle < 0) throw usageError('--settle-interval must be a number of seconds');
  return {
    dataDir: resolve(v['data-dir']!),
    host: v.host!,
    gatewayPort: port(v['gateway-port'], 'gateway-port'),
    brokerPort: port(v['broker-port'], 'broker-port'),
    chainPort: port(v['chain-port'], 'chain-port'),
    workers,
    brokers,
    engine: v.engine,
    ...(v['upstream-url'] ? { upstreamUrl: v['upstream-url'] } : {}),
    ...(v['upstream-model'] ? { upstreamModel: v['upstream-model'] } : {}),
    seed: v.seed!,
    settleIntervalMs: settle * 1000,
  };
}
