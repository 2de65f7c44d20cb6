export * from './types';
export * from './ton-client';
export * from './devnet-server';
export * from './devnet';
export { parseStackIn, serializeStackOut, transactionJson } from './toncenter-codec';
