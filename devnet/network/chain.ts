/** Step 3 of the devnet network: the sandbox TON chain, its contracts, and the client's payment channel. */
import { join } from 'node:path';
import type { Address } from '@ton/core';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { openChannelFromWallet } from '../../broker/chain';
import { createChainClient } from '../../contracts/chain';
import { compileContract } from '../../contracts/wrappers/compile';
import { startDevnetChain, type DevnetChain } from '../chain';
import { loadOrCreateSeed } from './files';
import type { DevnetModel, DevnetTrust, StepContext } from './types';

/** 100 TON, deposited into the client's channel. */
const CLIENT_DEPOSIT = 100_000_000_000n;

export interface DevnetChainStep {
  readonly chain: DevnetChain;
  readonly chainClient: ReturnType<typeof createChainClient>;
  readonly brokerKeys: KeyPair;
  readonly brokerWallet: Address;
  /** Where the broker is registered before it listens (its port may still change: see `registerBrokerEndpoint`). */
  readonly brokerUrlGuess: string;
  readonly clientSeed: Uint8Array;
  readonly clientChannel: Address;
}

/**
 * Starts the sandbox chain behind a toncenter-v2 API with the Registry (listing the devnet image, platform, model and
 * broker) and the AttestationLog, funds the broker's and the client's wallets, and opens the client's channel.
 * The broker and client keys come from seeds kept in the data directory.
 */
export async function startChainAndContracts(
  ctx: StepContext,
  model: DevnetModel,
  pkis: DevnetTrust,
): Promise<DevnetChainStep> {
  const { opts } = ctx;
  const brokerKeys = keyPairFromSeed(Buffer.from(loadOrCreateSeed(join(opts.dataDir, 'broker.key'))));
  const clientSeed = loadOrCreateSeed(join(opts.dataDir, 'client.key'));
  const clientKeys = keyPairFromSeed(Buffer.from(clientSeed));
  const brokerUrlGuess = `http://${opts.host}:${opts.brokerPort}`;
  const chain = await startDevnetChain({
    port: opts.chainPort,
    host: opts.host,
    images: [Buffer.from(pkis.imageId, 'hex')],
    platforms: [Buffer.from(pkis.platformId, 'hex')],
    models: [{ id: Buffer.from(model.id, 'hex'), multiplier: 10_000 }], // 10000 = 1x the registry price
    brokers: [{ key: new Uint8Array(brokerKeys.publicKey), endpoint: brokerUrlGuess }],
    fundWallets: [new Uint8Array(brokerKeys.publicKey), new Uint8Array(clientKeys.publicKey)],
  });
  ctx.onClose(() => chain.close());
  const brokerWallet = chain.walletAddress(new Uint8Array(brokerKeys.publicKey));
  const chainClient = createChainClient({ network: 'devnet', endpoint: chain.url });
  const clientChannel = await openClientChannel(chainClient, chain.registry, clientKeys, brokerWallet);
  return { chain, chainClient, brokerKeys, brokerWallet, brokerUrlGuess, clientSeed, clientChannel };
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
