/** `chrysalis broker`: the only file that touches `process` (flags, env, signals, exit). */
import { readFileSync } from 'node:fs';
import { Address } from '@ton/core';
import pino from 'pino';
import { parseConfig } from '../broker/config';
import { StaticChannels, StaticRegistry } from '../broker/adapters';
import { ChainRegistryView, toBrokerSnapshot } from '../broker/chain';
import { startBroker } from '../broker/server';
import type { RegistryView } from '../broker/ports';
import { systemClock } from '../core/clock';
import { inputError, usageError } from './exit';
import { runCommand, type CommandSpec } from './flags';
import { REGISTRY_OPTIONS, addressFlag, chainFor, loadRegistry } from './registry-source';
import { untilShutdown, type RunOptions } from './shutdown';

/** Flags handed to the broker's own config schema (broker/config.ts). */
const CONFIG_FLAGS = [
  'host',
  'port',
  'id',
  'db',
  'pg',
  'request-timeout-ms',
  'reattest-interval-ms',
  'max-body-bytes',
  'global-id',
  'default-credit-nano',
] as const;

export const spec = {
  name: 'broker',
  synopsis: '[--registry-file FILE | --registry-address ADDR --endpoint URL] [options]',
  summary: 'Run a broker: admit attested workers listed by the registry, route sealed requests, keep the ledger.',
  options: {
    host: { type: 'string', arg: 'HOST', desc: 'listen address (default 127.0.0.1, env CHRYSALIS_BROKER_HOST)' },
    port: { type: 'string', arg: 'N', desc: 'listen port (default 8080, env CHRYSALIS_BROKER_PORT)' },
    id: { type: 'string', arg: 'ID', desc: 'broker id (default broker-1)' },
    db: { type: 'string', arg: 'FILE', desc: 'SQLite ledger file (default .data/broker.sqlite)' },
    pg: { type: 'string', arg: 'URL', desc: 'PostgreSQL ledger instead of SQLite' },
    'request-timeout-ms': { type: 'string', arg: 'MS', desc: 'per-request timeout' },
    'reattest-interval-ms': { type: 'string', arg: 'MS', desc: 'how often workers re-attest' },
    'max-body-bytes': { type: 'string', arg: 'N', desc: 'largest request body' },
    'global-id': {
      type: 'string',
      arg: 'N',
      desc: 'network global id every client voucher must name (default -239 mainnet; testnet -3, devnet -4242)',
    },
    'default-credit-nano': {
      type: 'string',
      arg: 'N',
      desc: 'credit every client gets beyond what it has vouched (default 0)',
    },
    ...REGISTRY_OPTIONS,
    'clients-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'JSON [{"clientKey":hex,"channel":addr,"depositNano":n}] (static client channels)',
    },
  },
} as const satisfies CommandSpec;

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  return runCommand(spec, argv, async ({ values }) => {
    const configArgv = CONFIG_FLAGS.flatMap((k) => (values[k] !== undefined ? [`--${k}=${values[k]}`] : []));
    let config;
    try {
      config = parseConfig(configArgv, process.env);
    } catch (e) {
      throw usageError((e as Error).message);
    }
    let registry: RegistryView;
    if (values['registry-address']) {
      registry = new ChainRegistryView({
        clock: systemClock,
        chain: chainFor(values.endpoint),
        registry: addressFlag(values['registry-address'], 'registry-address'),
      });
    } else {
      const r = await loadRegistry(values, false);
      if (!r) process.stderr.write('warning: no registry given: it is empty and every worker will be refused\n');
      registry = new StaticRegistry(
        r
          ? toBrokerSnapshot({
              ...r,
              brokers: [],
              attestationLog: r.attestationLog ? Address.parse(r.attestationLog) : null,
            })
          : { version: 0, imageIds: [], platformIds: [], modelIds: [] },
      );
    }
    let channels: StaticChannels | undefined;
    if (values['clients-file']) {
      let clients;
      try {
        clients = JSON.parse(readFileSync(values['clients-file'], 'utf8')) as {
          clientKey: string;
          channel: string;
          depositNano: number;
        }[];
      } catch (e) {
        throw inputError(`cannot read --clients-file ${values['clients-file']}`, e);
      }
      channels = new StaticChannels(clients);
    }
    const logger = pino({ name: 'broker', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'info' });
    const running = await startBroker({
      config,
      logger,
      registry,
      clock: systemClock,
      ...(channels ? { channels } : {}),
    });
    process.stdout.write(`broker listening on ${running.url} (workers: ${running.workerUrl})\n`);
    const why = await untilShutdown(opts.signal);
    logger.info({ signal: why }, 'shutting down: draining in-flight streams');
    try {
      await running.close();
      return 0;
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      return 1;
    }
  });
}
