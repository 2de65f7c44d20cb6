/**
 * `chrysalis gateway`: the local OpenAI-compatible endpoint. The only gateway file that touches `process`:
 * config, logger (pino), client, listen, graceful shutdown on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { ChrysalisClient } from '../sdk/client';
import { tonVoucherSigner } from '../sdk/ton-voucher';
import { fromHex } from '../sdk/bytes';
import { startGateway } from '../sdk/gateway/server';
import { ConfigError, GATEWAY_USAGE, parseGatewayConfig, type GatewayConfig } from '../sdk/gateway/config';
import type { BundleVerifyConfig } from '../sdk/attested';

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

function loadVerifyConfig(cfg: GatewayConfig): BundleVerifyConfig {
  const reg = readJson(cfg.registryFile, 'registry') as {
    imageIds?: unknown;
    platformIds?: unknown;
    modelIds?: unknown;
    version?: unknown;
  };
  const list = (v: unknown, k: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && /^[0-9a-fA-F]{64}$/.test(x))) {
      throw new ConfigError(`registry.${k} must be an array of 64-hex ids`);
    }
    return v.map((x: string) => x.toLowerCase());
  };
  const registry = {
    imageIds: list(reg.imageIds, 'imageIds'),
    platformIds: list(reg.platformIds, 'platformIds'),
    modelIds: list(reg.modelIds, 'modelIds'),
    ...(typeof reg.version === 'number' ? { version: reg.version } : {}),
  };
  let trust: BundleVerifyConfig['trust'];
  if (cfg.trustFile) {
    const { loadTrustFile } = require('../attestation/trust-file') as typeof import('../attestation/trust-file');
    const t = loadTrustFile(cfg.trustFile);
    trust = {
      ...(t.intel ? { intel: t.intel } : {}),
      ...(t.nvidia ? { nvidia: t.nvidia } : {}),
    } as BundleVerifyConfig['trust'];
  }
  const policy = cfg.policyFile ? (readJson(cfg.policyFile, 'policy') as BundleVerifyConfig['policy']) : undefined;
  return { registry, ...(trust ? { trust } : {}), ...(policy ? { policy } : {}) };
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(GATEWAY_USAGE);
    return 0;
  }
  let cfg: GatewayConfig;
  let verify: BundleVerifyConfig;
  let seed: Uint8Array;
  try {
    cfg = parseGatewayConfig(argv, process.env);
    verify = loadVerifyConfig(cfg);
    const keyHex = cfg.channelKeyFile ? readFileSync(cfg.channelKeyFile, 'utf8').trim() : (cfg.channelKeyHex as string);
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new ConfigError('channel key must be 64 hex digits (Ed25519 seed)');
    seed = fromHex(keyHex);
  } catch (e) {
    process.stderr.write(`chrysalis gateway: ${(e as Error).message}\n${GATEWAY_USAGE}`);
    return 2;
  }
  const logger = pino({ name: 'chrysalis-gateway' });
  const client = new ChrysalisClient({
    broker: cfg.broker,
    channel: cfg.channel,
    channelKey: seed,
    verify,
    models: cfg.models,
    ...(cfg.maxPriceNano !== undefined ? { maxPriceNano: cfg.maxPriceNano } : {}),
    ...(cfg.settle ? { voucherSigner: tonVoucherSigner(seed) } : {}),
  });
  if (cfg.settle) {
    try {
      await client.syncAccount();
    } catch (e) {
      logger.warn(
        { code: (e as { code?: string }).code },
        'could not read the channel account from the broker; starting from 0',
      );
    }
  }
  const gw = await startGateway({ client, port: cfg.port, host: cfg.host, logger });
  process.stdout.write(`gateway: ${gw.url}\n`);
  logger.info({ url: gw.url, broker: cfg.broker }, 'gateway listening');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  logger.info('shutting down');
  await gw.close();
  return 0;
}
