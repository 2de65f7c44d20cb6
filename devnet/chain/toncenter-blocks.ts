/**
 * SIMULATED blocks for the devnet toncenter server. The sandbox has no blocks, so the server seals one: every batch of
 * transactions the sandbox recorded since the last call becomes masterchain block N plus one basechain shard block
 * (workchain 0, the single shard 0x8000000000000000) with the same seqno N. Block 0 is an empty genesis; block 1 holds
 * whatever the chain did before the server started. Blocks carry no proofs; their hashes are synthetic.
 *
 * toncenter v2 methods answered from this ledger: `shards`, `getBlockTransactions`, `tryLocateResultTx` (alias
 * `tryLocateTx`) and `tryLocateSourceTx`, in the shapes @ton/ton's HttpApi validates.
 */
import { createHash } from 'node:crypto';
import { Address, type Transaction } from '@ton/core';
import { type Blockchain } from '@ton/sandbox';
import { transactionJson } from '../../contracts/chain/toncenter-codec';

/** The one shard of each workchain, as toncenter writes it (signed int64 of 0x8000000000000000). */
export const SHARD_ALL = '-9223372036854775808';

/** toncenter's default and largest `count` for getBlockTransactions. */
const DEFAULT_COUNT = 40;
const MAX_COUNT = 256;

/** Raised by the ledger; the server turns it into `{ ok: false, code: status }`. */
export class BlockError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Transactions the sandbox recorded (its public getTransactions reverses its array in place; avoid it). */
export function allTransactions(bc: Blockchain): Transaction[] {
  return (bc as unknown as { transactions: Transaction[] }).transactions;
}

function workchainOf(tx: Transaction): number {
  return tx.inMessage?.info.dest && Address.isAddress(tx.inMessage.info.dest) ? tx.inMessage.info.dest.workChain : 0;
}

/** `ton.blockIdExt` of block `seqno` of `workchain` (synthetic hashes, distinct per workchain and seqno). */
export function devnetBlockId(seqno: number, workchain: number): Record<string, unknown> {
  const h = createHash('sha256').update(`chrysalis-devnet-block:${workchain}:${seqno}`).digest('base64');
  return { '@type': 'ton.blockIdExt', workchain, shard: SHARD_ALL, seqno, root_hash: h, file_hash: h };
}

function rawAccount(tx: Transaction): string {
  return `${workchainOf(tx)}:${tx.address.toString(16).padStart(64, '0')}`;
}

function hashOf(v: unknown): string {
  const s = String(v ?? '');
  return /^[0-9a-fA-F]{64}$/.test(s) ? s.toLowerCase() : Buffer.from(s, 'base64').toString('hex');
}

export class BlockLedger {
  /** blocks[n] = transactions of masterchain seqno n (both workchains); blocks[0] is genesis. */
  private readonly blocks: Transaction[][] = [[]];
  private sealed = 0;

  constructor(private readonly bc: Blockchain) {
    this.blocks.push(allTransactions(bc).slice());
    this.sealed = allTransactions(bc).length;
  }

  /** The last sealed masterchain seqno. */
  get seqno(): number {
    return this.blocks.length - 1;
  }

  /** Seals the transactions recorded since the last call into a new block (none new: no block). */
  sync(): void {
    const all = allTransactions(this.bc);
    if (all.length < this.sealed) this.sealed = all.length; // the sandbox was restored from a snapshot
    if (all.length === this.sealed) return;
    this.blocks.push(all.slice(this.sealed));
    this.sealed = all.length;
  }

  private block(seqno: unknown): Transaction[] {
    const n = Number(seqno);
    if (!Number.isInteger(n) || n < 0) throw new BlockError(400, 'invalid seqno');
    const b = this.blocks[n];
    if (!b) throw new BlockError(404, `block ${n} not found (last is ${this.seqno})`);
    return b;
  }

  /** `shards`: the basechain shard blocks of masterchain block `seqno`. */
  shards(params: Record<string, unknown>): Record<string, unknown> {
    this.block(params.seqno);
    return { '@type': 'blocks.shards', shards: [devnetBlockId(Number(params.seqno), 0)] };
  }

  /** `getBlockTransactions`: short ids ordered by account then lt, `count` at a time after (after_hash, after_lt). */
  blockTransactions(params: Record<string, unknown>): Record<string, unknown> {
    const workchain = Number(params.workchain);
    if (workchain !== -1 && workchain !== 0) throw new BlockError(400, 'invalid workchain');
    if (String(params.shard) !== SHARD_ALL && String(params.shard) !== '8000000000000000')
      throw new BlockError(404, `shard ${String(params.shard)} not found`);
    const seqno = Number(params.seqno);
    const id = devnetBlockId(seqno, workchain);
    const txs = this.block(params.seqno)
      .filter((t) => workchainOf(t) === workchain)
      .sort((a, b) => (a.address !== b.address ? (a.address < b.address ? -1 : 1) : a.lt < b.lt ? -1 : 1));
    for (const key of ['root_hash', 'file_hash'] as const)
      if (params[key] && hashOf(params[key]) !== hashOf(id[key])) throw new BlockError(404, `${key} does not match`);
    const count = Math.max(1, Math.min(MAX_COUNT, Number(params.count ?? DEFAULT_COUNT) || DEFAULT_COUNT));
    let from = txs;
    if (params.after_lt !== undefined && params.after_lt !== '' && params.after_hash) {
      const account = BigInt('0x' + hashOf(params.after_hash));
      const lt = BigInt(String(params.after_lt));
      from = txs.filter((t) => t.address > account || (t.address === account && t.lt > lt));
    }
    const page = from.slice(0, count);
    return {
      '@type': 'blocks.transactions',
      id,
      req_count: count,
      incomplete: from.length > count,
      transactions: page.map((t) => ({
        '@type': 'blocks.shortTxId',
        mode: 135,
        account: rawAccount(t),
        lt: t.lt.toString(),
        hash: t.hash().toString('base64'),
      })),
    };
  }

  /**
   * `tryLocateResultTx` (source, destination, created_lt): the destination's transaction whose inbound message came
   * from source with that created_lt. `tryLocateSourceTx`: the source's transaction that sent that message.
   */
  locate(params: Record<string, unknown>, which: 'result' | 'source'): Record<string, unknown> {
    let source: Address;
    let destination: Address;
    try {
      source = Address.parse(String(params.source));
      destination = Address.parse(String(params.destination));
    } catch {
      throw new BlockError(416, 'invalid address');
    }
    let createdLt: bigint;
    try {
      createdLt = BigInt(String(params.created_lt));
    } catch {
      throw new BlockError(400, 'invalid created_lt');
    }
    const matches = (m: Transaction['inMessage']): boolean =>
      m?.info.type === 'internal' &&
      m.info.createdLt === createdLt &&
      m.info.src.equals(source) &&
      m.info.dest.equals(destination);
    const all = allTransactions(this.bc);
    const found =
      which === 'result'
        ? all.find((t) => matches(t.inMessage))
        : all.find((t) => [...t.outMessages.values()].some((m) => matches(m)));
    // toncenter words these as lite server errors; the devnet keeps the message, with a 404.
    if (!found) throw new BlockError(404, `cannot locate ${which} transaction`);
    return transactionJson(found);
  }
}
