import {
  type Address,
  beginCell,
  type Builder,
  type Cell,
  Dictionary,
  type DictionaryValue,
  type Slice,
} from '@ton/core';

/** A 256-bit identifier: hex string (64 hex digits, optional 0x), 32 bytes, or bigint. */
export type Id256 = string | Uint8Array | bigint;

/** Converts an id to the uint256 the contracts store. Throws RangeError on a malformed id. */
export function toUint256(id: Id256): bigint {
  if (typeof id === 'bigint') {
    if (id < 0n || id >= 1n << 256n) throw new RangeError('id out of uint256 range');
    return id;
  }
  if (typeof id === 'string') {
    const hex = id.startsWith('0x') ? id.slice(2) : id;
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new RangeError('id must be 64 hex digits');
    return BigInt('0x' + hex);
  }
  if (id.length !== 32) throw new RangeError('id must be 32 bytes');
  return BigInt('0x' + Buffer.from(id).toString('hex'));
}

/** uint256 -> 64 lowercase hex digits (the form the rest of chrysalis uses for ids and keys). */
export function toHex256(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}

/** uint256 -> 32 bytes. */
export function toBytes32(v: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(toHex256(v), 'hex'));
}

/** UTF-8 text as a snake cell (Tolk `cell`, read back by `readSnakeText`). */
export function snakeText(text: string): Cell {
  const bytes = Buffer.from(text, 'utf8');
  const chunk = 127; // whole bytes that fit one cell (1016 of 1023 bits)
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  let tail: Cell | null = null;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const b = beginCell().storeBuffer(pieces[i] as Buffer);
    if (tail) b.storeRef(tail);
    tail = b.endCell();
  }
  return tail ?? beginCell().endCell();
}

/** Reads a snake cell written by `snakeText`. */
export function readSnakeText(cell: Cell): string {
  const parts: Buffer[] = [];
  let s: Slice | null = cell.beginParse();
  while (s) {
    parts.push(s.loadBuffer(s.remainingBits >> 3));
    s = s.remainingRefs > 0 ? s.loadRef().beginParse() : null;
  }
  return Buffer.concat(parts).toString('utf8');
}

export const uint256Key = Dictionary.Keys.BigUint(256);

/** Value codec that stores nothing useful but a `true` bit (Tolk `map<uint256, bool>`). */
export const boolValue: DictionaryValue<boolean> = Dictionary.Values.Bool();

/** Helper for values that are whole structs. */
export function structValue<T>(store: (v: T, b: Builder) => void, load: (s: Slice) => T): DictionaryValue<T> {
  return { serialize: (v, b) => store(v, b), parse: (s) => load(s) };
}

export function addressEq(a: Address | null, b: Address | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

/**
 * A copy of the blockchain config dictionary (`ConfigParams`' root, as @ton/sandbox's `Blockchain.config`) with
 * param 19 (`_ global_id:int32 = ConfigParam 19`) set to `globalId`, or removed when `globalId` is null. The
 * PaymentChannel reads it to refuse vouchers naming another network.
 */
export function configWithGlobalId(config: Cell, globalId: number | null): Cell {
  const dict = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), config);
  if (globalId === null) dict.delete(19);
  else dict.set(19, beginCell().storeInt(globalId, 32).endCell());
  return beginCell().storeDictDirect(dict).endCell();
}

/** Param 19 of a config dictionary (the network's global id), or null when it is absent. */
export function globalIdOfConfig(config: Cell): number | null {
  const dict = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), config);
  const p = dict.get(19);
  return p ? p.beginParse().loadInt(32) : null;
}
