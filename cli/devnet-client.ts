/** Shared by `chrysalis chat` and `chrysalis status`: find a running devnet and build an SDK client for it. */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Address } from '@ton/core';
import { loadTrustFile } from '../attestation/trust-file';
import type { TrustRoots } from '../attestation/collateral';
import { createChainClient } from '../contracts/chain';
import { ChrysalisClient, tonVoucherSigner } from '../sdk';
import type { DevnetInfo } from './devnet';

export function loadDevnetInfo(dataDir: string): DevnetInfo {
  const file = join(resolve(dataDir), 'devnet.json');
  if (!existsSync(file)) throw new Error(`no running devnet found (${file} is missing): start one with \`npm start\``);
  return JSON.parse(readFileSync(file, 'utf8')) as DevnetInfo;
}

export function devnetChain(info: DevnetInfo): ReturnType<typeof createChainClient> {
  return createChainClient({ network: 'devnet', endpoint: info.chainApi });
}

export async function devnetClient(info: DevnetInfo): Promise<ChrysalisClient> {
  const tf = loadTrustFile(info.trustFile);
  const intel = tf.intel as TrustRoots;
  const chain = devnetChain(info);
  const reg = await chain.readRegistry(Address.parse(info.registry));
  const modelIds = reg.models.map((m) => m.id);
  const clientSeed = new Uint8Array(Buffer.from(readFileSync(info.clientKeyFile, 'utf8').trim(), 'hex'));
  return new ChrysalisClient({
    broker: info.broker,
    channel: info.clientChannel,
    channelKey: clientSeed,
    verify: {
      registry: { version: reg.version, imageIds: reg.images, platformIds: reg.platforms, modelIds },
      trust: { intel, nvidia: tf.nvidia as never },
      policy: {
        quote: { allowedRoots: intel.intelRootCaDer.map((d) => createHash('sha256').update(d).digest('hex')) },
      },
    },
    voucherSigner: tonVoucherSigner(clientSeed),
    models: { [info.modelName]: info.modelId },
  });
}

export const nanoToTon = (n: bigint): string => {
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 1_000_000_000n}.${(a % 1_000_000_000n).toString().padStart(9, '0')}`;
};
