import {
  type Address,
  beginCell,
  type Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  type Sender,
  SendMode,
  type Slice,
  type Transaction,
  TupleBuilder,
} from '@ton/core';
import { Opcodes } from '../constants';
import { type Id256, toHex256, toUint256 } from './codec';

export interface AttestationLogConfig {
  /** The only address allowed to append (the registry). */
  readonly registry: Address;
}

/** One logged admission; ids and keys as 64 lowercase hex digits. */
export interface AdmissionRecord {
  readonly brokerKey: string;
  /** Chain time (unix seconds) the registry accepted it. */
  readonly at: number;
  /** Position in the log: 0, 1, 2, ... */
  readonly index: bigint;
  readonly workerKey: string;
  readonly bundleDigest: string;
  readonly imageId: string;
  readonly platformId: string;
  readonly modelId: string;
}

/** An admission record as read from the chain, with the transaction that emitted it. */
export interface LoggedAdmission extends AdmissionRecord {
  /** Logical time and hash (64 hex digits) of the log transaction that emitted the event. */
  readonly txLt: bigint;
  readonly txHash: string;
}

/** The log's events over a time range, with whether every transaction in the range was walked. */
export interface AdmissionLogRange {
  /** Oldest first. */
  readonly records: LoggedAdmission[];
  /**
   * True when the walk followed the account's transaction chain (each transaction's prev lt/hash) without a gap
   * from the newest transaction down to one older than `from` (or the account's first transaction).
   */
  readonly complete: boolean;
  /** Transactions walked, in and out of the range. */
  readonly walked: number;
  /** Why the walk stopped: 'range-start', 'account-start', 'no-transactions', 'limit' or 'gap'. */
  readonly stop: 'range-start' | 'account-start' | 'no-transactions' | 'limit' | 'gap';
  /** The newest transaction at the time of the walk (the chain head it started from), or null. */
  readonly head: { readonly lt: bigint; readonly hash: string } | null;
}

export function attestationLogConfigToCell(c: AttestationLogConfig): Cell {
  return beginCell()
    .storeAddress(c.registry)
    .storeUint(0, 64)
    .storeUint(0, 16)
    .storeDict(null)
    .storeDict(null)
    .endCell();
}

const hashHex = (h: bigint): string => h.toString(16).padStart(64, '0');

/** The admission events of one transaction (none unless its compute phase succeeded). */
function admissionsOf(tx: Transaction): LoggedAdmission[] {
  const d = tx.description;
  if (d.type !== 'generic' || d.aborted || d.computePhase.type !== 'vm' || !d.computePhase.success) return [];
  const out: LoggedAdmission[] = [];
  for (const m of tx.outMessages.values()) {
    if (m.info.type !== 'external-out') continue;
    try {
      out.push({ ...loadAdmissionRecord(m.body.beginParse()), txLt: tx.lt, txHash: tx.hash().toString('hex') });
    } catch {
      // not an admission record: ignore
    }
  }
  return out;
}

/**
 * Walks the log account's transactions newest first by following each transaction's prev lt/hash, paging
 * through `p.getTransactions` (inclusive of the requested one). Yields each transaction; returns why it stopped.
 */
async function* walkTransactions(
  p: ContractProvider,
  address: Address,
  maxTransactions: number,
  head: { lt: bigint; hash: Buffer },
  pageSize = 100,
): AsyncGenerator<Transaction, 'account-start' | 'limit' | 'gap'> {
  let lt = head.lt;
  let hash = head.hash;
  let walked = 0;
  for (;;) {
    const page = await p.getTransactions(address, lt, hash, Math.min(pageSize, maxTransactions - walked + 1));
    let advanced = false;
    for (const tx of page) {
      if (tx.lt !== lt || !tx.hash().equals(hash)) break;
      if (walked >= maxTransactions) return 'limit';
      walked++;
      advanced = true;
      yield tx;
      if (tx.prevTransactionLt === 0n) return 'account-start';
      lt = tx.prevTransactionLt;
      hash = Buffer.from(hashHex(tx.prevTransactionHash), 'hex');
    }
    if (!advanced) return 'gap';
  }
}

/** Parses an `AdmissionRecord` (storage.tolk) from a slice. */
export function loadAdmissionRecord(s: Slice): AdmissionRecord {
  const brokerKey = s.loadUintBig(256);
  const at = s.loadUint(32);
  const index = s.loadUintBig(64);
  const a = s.loadRef().beginParse();
  const workerKey = a.loadUintBig(256);
  const bundleDigest = a.loadUintBig(256);
  const ids = a.loadRef().beginParse();
  return {
    brokerKey: toHex256(brokerKey),
    at,
    index,
    workerKey: toHex256(workerKey),
    bundleDigest: toHex256(bundleDigest),
    imageId: toHex256(ids.loadUintBig(256)),
    platformId: toHex256(ids.loadUintBig(256)),
    modelId: toHex256(ids.loadUintBig(256)),
  };
}

/**
 * Admissions recorded in the given transactions of the log contract, oldest first: each successful
 * LogAdmission transaction that is not a repeat emits one external-out message whose body is the AdmissionRecord
 * with its index.
 */
export function admissionsFromTransactions(txs: readonly Transaction[]): LoggedAdmission[] {
  return txs.flatMap(admissionsOf).sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
}

/** Blueprint-style wrapper of attestation_log.tolk. */
export class AttestationLog implements Contract {
  constructor(
    readonly address: Address,
    readonly init?: { code: Cell; data: Cell },
  ) {}

  static createFromAddress(address: Address): AttestationLog {
    return new AttestationLog(address);
  }

  static createFromConfig(config: AttestationLogConfig, code: Cell, workchain = 0): AttestationLog {
    const init = { code, data: attestationLogConfigToCell(config) };
    return new AttestationLog(contractAddress(workchain, init), init);
  }

  async sendDeploy(p: ContractProvider, via: Sender, value: bigint): Promise<void> {
    await p.internal(via, { value, sendMode: SendMode.PAY_GAS_SEPARATELY, body: beginCell().endCell() });
  }

  /** Raw LogAdmission (only the registry may send it; exposed for tests of the access rule). */
  static logAdmissionBody(
    excessTo: Address,
    record: { brokerKey: Id256; at: number; admission: Cell },
    queryId = 0n,
  ): Cell {
    return beginCell()
      .storeUint(Opcodes.logAdmission, 32)
      .storeUint(queryId, 64)
      .storeAddress(excessTo)
      .storeUint(toUint256(record.brokerKey), 256)
      .storeUint(record.at, 32)
      .storeUint(0, 64)
      .storeRef(record.admission)
      .endCell();
  }

  async getLogData(p: ContractProvider): Promise<{ registry: Address; count: bigint }> {
    const { stack } = await p.get('get_log_data', []);
    return { registry: stack.readAddress(), count: stack.readBigNumber() };
  }

  /** True while (worker key, bundle digest) is in the log's dedupe window: a repeat would emit nothing. */
  async getIsRecent(p: ContractProvider, workerKey: Id256, bundleDigest: Id256): Promise<boolean> {
    const t = new TupleBuilder();
    t.writeNumber(toUint256(workerKey));
    t.writeNumber(toUint256(bundleDigest));
    const { stack } = await p.get('is_recent', t.build());
    return stack.readBoolean();
  }

  /**
   * The newest admission event of a worker key (optionally written under `brokerKey` and/or for `bundleDigest`),
   * found by walking the log's last `maxTransactions` transactions (default 500); null when none matches. Needs a
   * provider that pages transactions by lt/hash (TonClient's; @ton/sandbox's does not: read its transactions with
   * `admissionsFromTransactions` there).
   */
  async getAdmission(
    p: ContractProvider,
    workerKey: Id256,
    opts: { brokerKey?: Id256; bundleDigest?: Id256; maxTransactions?: number } = {},
  ): Promise<LoggedAdmission | null> {
    const want = toHex256(toUint256(workerKey));
    const broker = opts.brokerKey === undefined ? undefined : toHex256(toUint256(opts.brokerKey));
    const digest = opts.bundleDigest === undefined ? undefined : toHex256(toUint256(opts.bundleDigest));
    const { last } = await p.getState();
    if (!last) return null;
    for await (const tx of walkTransactions(p, this.address, opts.maxTransactions ?? 500, last)) {
      const hit = admissionsOf(tx).find(
        (r) =>
          r.workerKey === want &&
          (broker === undefined || r.brokerKey === broker) &&
          (digest === undefined || r.bundleDigest === digest),
      );
      if (hit) return hit;
    }
    return null;
  }

  /**
   * Every admission event with chain time in [from, to] (unix seconds; open ends by default), and whether the
   * walk proved it saw every transaction of the log in that range (see `AdmissionLogRange.complete`).
   */
  async getAdmissionLog(
    p: ContractProvider,
    opts: { from?: number; to?: number; maxTransactions?: number } = {},
  ): Promise<AdmissionLogRange> {
    const from = opts.from ?? 0;
    const to = opts.to ?? Number.MAX_SAFE_INTEGER;
    const { last } = await p.getState();
    if (!last) return { records: [], complete: true, walked: 0, stop: 'no-transactions', head: null };
    const records: LoggedAdmission[] = [];
    let walked = 0;
    let stop: AdmissionLogRange['stop'] | undefined;
    const it = walkTransactions(p, this.address, opts.maxTransactions ?? 10_000, last);
    for (;;) {
      const n = await it.next();
      if (n.done) {
        stop = n.value;
        break;
      }
      walked++;
      if (n.value.now < from) {
        stop = 'range-start';
        break;
      }
      if (n.value.now <= to) records.push(...admissionsOf(n.value));
    }
    records.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
    const complete = stop === 'range-start' || stop === 'account-start';
    return { records, complete, walked, stop, head: { lt: last.lt, hash: last.hash.toString('hex') } };
  }
}
