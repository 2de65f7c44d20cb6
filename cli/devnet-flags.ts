/** `chrysalis devnet` flags: parsed once, validated, returned as a plain typed object (or a usage message). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEVNET_USAGE = `usage: chrysalis devnet [--data-dir DIR] [--host 127.0.0.1] [--gateway-port N] [--broker-port N] [--chain-port N]
                      [--workers N] [--engine onnx|openai-upstream] [--upstream-url URL --upstream-model NAME]
                      [--seed S] [--settle-interval SECONDS]
  Ports default to 8787 (gateway), 8788 (broker), 8789 (chain API); 0 picks free ports.
`;

export interface DevnetFlags {
  dataDir: string;
  host: string;
  gatewayPort: number;
  brokerPort: number;
  chainPort: number;
  workers: number;
  engine: 'onnx' | 'openai-upstream';
  upstreamUrl?: string;
  upstreamModel?: string;
  seed: string;
  settleIntervalMs: number;
}

export function parseDevnetFlags(argv: string[]): DevnetFlags | string {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string', default: '.data/devnet' },
        host: { type: 'string', default: '127.0.0.1' },
        'gateway-port': { type: 'string', default: '8787' },
        'broker-port': { type: 'string', default: '8788' },
        'chain-port': { type: 'string', default: '8789' },
        workers: { type: 'string', default: '2' },
        engine: { type: 'string', default: 'onnx' },
        'upstream-url': { type: 'string' },
        'upstream-model': { type: 'string' },
        seed: { type: 'string', default: 'chrysalis-devnet' },
        'settle-interval': { type: 'string', default: '10' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    return (err as Error).message;
  }
  if (v.help) return '';
  const port = (s: string | undefined, name: string): number => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name}: not a port: ${s}`);
    return n;
  };
  try {
    const workers = Number(v.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) return '--workers must be 1..16';
    if (v.engine !== 'onnx' && v.engine !== 'openai-upstream') return '--engine must be onnx or openai-upstream';
    if (v.engine === 'openai-upstream' && (!v['upstream-url'] || !v['upstream-model'])) {
      return '--engine openai-upstream needs --upstream-url and --upstream-model';
    }
    return {
      dataDir: resolve(v['data-dir']!),
      host: v.host!,
      gatewayPort: port(v['gateway-port'], 'gateway-port'),
      brokerPort: port(v['broker-port'], 'broker-port'),
      chainPort: port(v['chain-port'], 'chain-port'),
      workers,
      engine: v.engine,
      ...(v['upstream-url'] ? { upstreamUrl: v['upstream-url'] } : {}),
      ...(v['upstream-model'] ? { upstreamModel: v['upstream-model'] } : {}),
      seed: v.seed!,
      settleIntervalMs: Number(v['settle-interval'] ?? '10') * 1000,
    };
  } catch (err) {
    return (err as Error).message;
  }
}
