export * from './types';
export * from './ton-client';
export { parseStackIn, serializeStackOut, transactionJson } from './toncenter-codec';
import type { Address } from '@ton/core';

/** Address of the v4r2 wallet (workchain 0) of an Ed25519 public key. */
export function walletV4Address(publicKey: Uint8Array): Address {
  const { WalletContractV4 } = require('@ton/ton') as typeof import('@ton/ton');
  return WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(publicKey) }).address;
}
