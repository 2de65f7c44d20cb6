/** Flag readers for `chrysalis contracts` (each throws a usage error naming the flag) and the JSON printer. */
import { Address, toNano } from '@ton/core';
import { MIN_CLOSE_DELAY } from '../../contracts/constants';
import { usageError } from '../exit';
import type { Values } from './options';

export function need(v: Values, name: keyof Values): string {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw usageError(`--${name} is required`);
  return x;
}

export function addr(v: Values, name: keyof Values): Address {
  const s = need(v, name);
  try {
    return Address.parse(s);
  } catch {
    throw usageError(`--${name}: not a TON address`);
  }
}

export function hex256(v: Values, name: keyof Values): string {
  const s = need(v, name).replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(s)) throw usageError(`--${name}: expected 64 hex digits`);
  return s.toLowerCase();
}

export function ton(s: string, name: string): bigint {
  try {
    const n = toNano(s);
    if (n < 0n) throw new Error('negative');
    return n;
  } catch {
    throw usageError(`--${name}: not a TON amount`);
  }
}

export function int(s: string | undefined, name: string, max: number): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) > max) throw usageError(`--${name}: expected an integer 0..${max}`);
  return Number(s);
}

/** A close-delay flag: at least MIN_CLOSE_DELAY seconds (the contracts refuse shorter ones). */
export function closeDelayFlag(s: string | undefined, name: string): number | undefined {
  const n = int(s, name, 2 ** 32 - 1);
  if (n !== undefined && n < MIN_CLOSE_DELAY)
    throw usageError(`--${name}: at least ${MIN_CLOSE_DELAY} seconds (the payee's time to claim after a close starts)`);
  return n;
}

export function out(obj: unknown): void {
  process.stdout.write(
    JSON.stringify(
      obj,
      (_k, x) => (typeof x === 'bigint' ? x.toString() : Address.isAddress(x) ? x.toString() : x),
      2,
    ) + '\n',
  );
}
