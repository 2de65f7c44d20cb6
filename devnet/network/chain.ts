/** Step 3 of the devnet network: the sandbox TON chain, its contracts, and the client's payment channel per broker. */
import { join } from 'node:path';
import type { Address } from '@ton/core';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { openChannelFromWallet } from '../../broker/chain';
import { createChainClient } from '../../contracts/chain';
import { compileContract } from '../../contracts/wrappers/compile';
import { startDevnetChain, type DevnetChain } from '../chain';
import { loadOrCreateSeed } from './files';
import type { DevnetModel, DevnetOptions, DevnetTrust, StepContext } from './types';

/** 100 TON, deposited into the client's channel. */
const CLIENT_DEPOSIT = 100_000_000_000n;

/** One broker's chain identity: its key, its funded wallet, its registry entry and the client's channel to it. */
export interface DevnetChainBroker {
  /** 1-based: broker 1 keeps `broker.key`, broker i >= 2 uses `broker-i.key`. */
  readonly index: number;
  readonly keyFile: string;
  readonly keys: KeyPair;
  readonly wallet: Address;
  /** Where the broker is registered before it listens (its port may still change: see `registerBrokerEndpoint`). */
  readonly urlGuess: string;
  /** The client's channel to this broker: payer = the client's wallet, payee = `wallet`, nonce 0. */
  readonly clientChannel: Address;
}

export interface DevnetChainStep {
  readonly chain: DevnetChain;
  readonly chainClient: ReturnType<typeof createChainClient>;
  /** Every broker, in order (at least one). */
  readonly brokers: readonly DevnetChainBroker[];
  readonly clientSeed: Uint8Array;
  /** The client's channel to the first broker. */
  readonly clientChannel: Address;
}

/**
 * Broker `i`'s (1-based) port: `--broker-port` + i - 1, or 0 (a free one) when that is 0 or is the gateway's or the
 * chain's port.
 */
export function devnetBrokerPort(opts: DevnetOptions, i: number): number {
  const p = opts.brokerPort + i - 1;
  return opts.brokerPort === 0 || p === opts.gatewayPort || p === opts.chainPort ? 0 : p;
}

/** Broker `i`'s (1-based) file name: `broker.<ext>` for the first, `broker-<i>.<ext>` for the others. */
export function brokerFile(i: number, ext: string): string {
  return i === 1 ? `broker.${ext}` : `broker-${i}.${ext}`;
}

/**
 * Starts the sandbox chain behind a toncenter-v2 API with the Registry (listing the devnet image, platform, model and
 * every broker) and the AttestationLog, funds each broker's and the client's wallets, and opens the client's channel
 * to each broker. The broker and client keys come from seeds kept in the data directory.
 */
export async function startChainAndContracts(
  ctx: StepContext,
  model: DevnetModel,
  pkis: DevnetTrust,
): Promise<DevnetChainStep> {
  const { opts } = ctx;
  const count = opts.brokers ?? 1;
  const keyed = Array.from({ length: count }, (_, k) => {
    const index = k + 1;
    const keyFile = join(opts.dataDir, brokerFile(index, 'key'));
    const keys = keyPairFromSeed(Buffer.from(loadOrCreateSeed(keyFile)));
    const port = devnetBrokerPort(opts, index);
    return { index, keyFile, keys, urlGuess: `http://${opts.host}:${port}` };
  });
  const clientSeed = loadOrCreateSeed(join(opts.dataDir, 'client.key'));
  const clientKeys = keyPairFromSeed(Buffer.from(clientSeed));
  const chain = await startDevnetChain({
    port: opts.chainPort,
    host: opts.host,
    images: [Buffer.from(pkis.imageId, 'hex')],
    platforms: [Buffer.from(pkis.platformId, 'hex')],
    models: [{ id: Buffer.from(model.id, 'hex'), multiplier: 10_000 }], // 10000 = 1x the registry price
    brokers: keyed.map((b) => ({ key: new Uint8Array(b.keys.publicKey), endpoint: b.urlGuess })),
    fundWallets: [...keyed.map((b) => new Uint8Array(b.keys.publicKey)), new Uint8Array(clientKeys.publicKey)],
  });
  ctx.onClose(() => chain.close());
  const chainClient = createChainClient({ network: 'devnet', endpoint: chain.url });
  const brokers: DevnetChainBroker[] = [];
  for (const b of keyed) {
    const wallet = chain.walletAddress(new Uint8Array(b.keys.publicKey));
    const clientChannel = await openClientChannel(chainClient, chain.registry, clientKeys, wallet);
    brokers.push({ ...b, wallet, clientChannel });
  }
  return { chain, chainClient, brokers, clientSeed, clientChannel: brokers[0]!.clientChannel };
}

/** The client opens its channel from its own wallet, exactly as on testnet. */
async function openClientChannel(
  chainClient: ReturnType<typeof createChainClient>,
  registry: Address,
  clientKeys: KeyPair,
  payee: Address,
): Promise<Address> {
  const regState = await chainClient.readRegistry(registry);
  return openChannelFromWallet(
    chainClient,
    { publicKey: new Uint8Array(clientKeys.publicKey), secretKey: new Uint8Array(clientKeys.secretKey) },
    {
      payee,
      deposit: CLIENT_DEPOSIT,
      closeDelay: regState.params.clientCloseDelay,
      code: await compileContract('payment_channel'),
      pollMs: 50,
    },
  );
}
