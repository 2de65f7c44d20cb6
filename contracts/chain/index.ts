export * from './types';
export * from './ton-client';
export { parseStackIn, serializeStackOut, transactionJson } from './toncenter-codec';
export type { DevnetChain, DevnetChainOptions, DevnetBroker, OpenChannelOptions } from './devnet';
export type { ToncenterServer } from './devnet-server';

import type { DevnetChain, DevnetChainOptions } from './devnet';
import type { ToncenterServer } from './devnet-server';
import type { Blockchain } from '@ton/sandbox';
import type { Address } from '@ton/core';

// The devnet pulls in @ton/sandbox (~0.7 s to load); loaded on first use so production code importing
// `contracts` does not pay for it.

/** See chain/devnet.ts. Starts the SIMULATED devnet chain (sandbox + toncenter-v2 HTTP server). */
export async function startDevnetChain(opts: DevnetChainOptions = {}): Promise<DevnetChain> {
  const m = await import('./devnet');
  return m.startDevnetChain(opts);
}

/** See chain/devnet-server.ts. */
export async function startToncenterServer(
  bc: Blockchain,
  opts: { host?: string; port?: number } = {},
): Promise<ToncenterServer> {
  const m = await import('./devnet-server');
  return m.startToncenterServer(bc, opts);
}

/** Address of the v4r2 wallet (workchain 0) of an Ed25519 public key. */
export function walletV4Address(publicKey: Uint8Array): Address {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WalletContractV4 } = require('@ton/ton') as typeof import('@ton/ton');
  return WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(publicKey) }).address;
}
