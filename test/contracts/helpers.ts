import '@ton/test-utils';
import { Blockchain, type SandboxContract, type TreasuryContract } from '@ton/sandbox';
import { type Cell, type Transaction } from '@ton/core';
import { keyPairFromSeed, type KeyPair } from '@ton/crypto';
import { createHash } from 'node:crypto';

/** A fixed start time for every test (2026-01-01T00:00:00Z); tests move the clock explicitly. */
export const T0 = 1767225600;

export function keyFromSeed(label: string): KeyPair {
  return keyPairFromSeed(createHash('sha256').update(label).digest());
}

export function hexId(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

export async function newChain(): Promise<Blockchain> {
  const bc = await Blockchain.create();
  bc.now = T0;
  return bc;
}

/** Exit code of the compute phase of `tx` (undefined when not a VM compute phase). */
export function exitCode(tx: Transaction | undefined): number | undefined {
  if (!tx) return undefined;
  const d = tx.description;
  if (d.type !== 'generic' || d.computePhase.type !== 'vm') return undefined;
  return d.computePhase.exitCode;
}

export function gasUsed(tx: Transaction | undefined): bigint {
  if (!tx) return 0n;
  const d = tx.description;
  if (d.type !== 'generic' || d.computePhase.type !== 'vm') return 0n;
  return d.computePhase.gasUsed;
}

export type Treasury = SandboxContract<TreasuryContract>;
export type { Cell };
