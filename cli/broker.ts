/** `chrysalis broker`: the only file that touches `process` (flags, env, signals, exit). */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { ConfigError, parseConfig } from '../broker/config';
import { StaticChannels, StaticRegistry } from '../broker/adapters';
import { startBroker } from '../broker/server';
import type { RegistrySnapshot } from '../broker/ports';

const USAGE = `usage: chrysalis broker [--host H] [--port N] [--id ID] [--db FILE | --pg URL] [--registry-file F] [--clients-file F]
  --registry-file  JSON {"imageIds":[hex],"platformIds":[hex],"modelIds":[hex],"maxPriceNanoPerToken":n} (until the chain client is wired)
  --clients-file   JSON [{"clientKey":hex,"channel":addr,"depositNano":n}]
`;

export async function run(argv: string[]): Promise<number> {
  // Our own two flags first; the rest goes to the config schema.
  const rest: string[] = [];
  let registryFile: string | undefined;
  let clientsFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--registry-file') registryFile = argv[++i];
    else if (a === '--clients-file') clientsFile = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else rest.push(a);
  }
  let config;
  let registry: StaticRegistry;
  let channels: StaticChannels | undefined;
  try {
    config = parseConfig(rest, process.env);
    const snap = registryFile
      ? (JSON.parse(readFileSync(registryFile, 'utf8')) as RegistrySnapshot)
      : { version: 0, imageIds: [], platformIds: [], modelIds: [] };
    registry = new StaticRegistry({
      version: snap.version ?? 0,
      imageIds: snap.imageIds ?? [],
      platformIds: snap.platformIds ?? [],
      modelIds: snap.modelIds ?? [],
      ...(snap.maxPriceNanoPerToken ? { maxPriceNanoPerToken: snap.maxPriceNanoPerToken } : {}),
    });
    if (clientsFile)
      channels = new StaticChannels(
        JSON.parse(readFileSync(clientsFile, 'utf8')) as { clientKey: string; channel: string; depositNano: number }[],
      );
  } catch (err) {
    process.stderr.write(
      `chrysalis broker: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n${USAGE}`,
    );
    return 2;
  }
  const logger = pino({ name: 'broker', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'info' });
  if (!registryFile) logger.warn('no --registry-file: the registry is empty and every worker will be refused');
  const running = await startBroker({ config, logger, registry, ...(channels ? { channels } : {}) });
  process.stdout.write(`broker listening on ${running.url} (workers: ${running.workerUrl})\n`);
  return new Promise<number>((resolve) => {
    const stop = (sig: string): void => {
      logger.info({ signal: sig }, 'shutting down: draining in-flight streams');
      running.close().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
