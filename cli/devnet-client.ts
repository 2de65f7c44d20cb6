/** Shared by `chrysalis chat` and `chrysalis status`: find a running devnet and build an SDK client for it. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Address } from '@ton/core';
import { createChainClient } from '../contracts/chain';
import { NETWORK_GLOBAL_ID } from '../contracts/constants';
import { registryModelPrices } from '../contracts/pricing';
import { ChrysalisClient, loadTrustFile, tonVoucherSigner, type VoucherStore } from '../sdk';
import type { DevnetInfo } from '../devnet';
import { CliError, EXIT, inputError } from './exit';

export function loadDevnetInfo(dataDir: string): DevnetInfo {
  const file = join(resolve(dataDir), 'devnet.json');
  if (!existsSync(file))
    throw new CliError('CLI_NO_DEVNET', EXIT.NETWORK, `no running devnet found (${file} is missing)`, {
      hint: 'start one with `npm start` (or pass --data-dir DIR of a running devnet)',
    });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevnetInfo;
  } catch (e) {
    throw inputError(`cannot read ${file}`, e, 'restart the devnet: it rewrites this file');
  }
}

export function devnetChain(info: DevnetInfo): ReturnType<typeof createChainClient> {
  return createChainClient({ network: 'devnet', endpoint: info.chainApi });
}

/** An SDK client on the devnet's channel; with `voucherStore` it pays (vouchers naming the devnet's global id). */
export async function devnetClient(
  info: DevnetInfo,
  opts: { readonly voucherStore?: VoucherStore } = {},
): Promise<ChrysalisClient> {
  // The devnet's SIMULATED roots, opted in explicitly through the trust file it wrote (roots and quote policy).
  const roots = loadTrustFile(info.trustFile);
  const chain = devnetChain(info);
  const reg = await chain.readRegistry(Address.parse(info.registry));
  const modelIds = reg.models.map((m) => m.id);
  const modelPrices = registryModelPrices(reg.params, reg.models);
  const globalId = NETWORK_GLOBAL_ID.devnet;
  const clientSeed = new Uint8Array(Buffer.from(readFileSync(info.clientKeyFile, 'utf8').trim(), 'hex'));
  return new ChrysalisClient({
    broker: info.broker,
    channel: info.clientChannel,
    channelKey: clientSeed,
    verify: {
      registry: { version: reg.version, imageIds: reg.images, platformIds: reg.platforms, modelIds, modelPrices },
      trust: roots.trust,
      policy: roots.policy,
    },
    globalId,
    ...(opts.voucherStore
      ? { voucherSigner: tonVoucherSigner(clientSeed, { globalId }), voucherStore: opts.voucherStore }
      : {}),
    models: { [info.modelName]: info.modelId },
  });
}

export const nanoToTon = (n: bigint): string => {
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 1_000_000_000n}.${(a % 1_000_000_000n).toString().padStart(9, '0')}`;
};
