import {
  type Address,
  beginCell,
  type Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  Dictionary,
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

export function attestationLogConfigToCell(c: AttestationLogConfig): Cell {
  return beginCell()
    .storeAddress(c.registry)
    .storeUint(0, 64)
    .storeDict(Dictionary.empty(Dictionary.Keys.BigUint(256), Dictionary.Values.Cell()))
    .endCell();
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
 * LogAdmission transaction emits one external-out message whose body is the AdmissionRecord with its index.
 */
export function admissionsFromTransactions(txs: readonly Transaction[]): AdmissionRecord[] {
  const out: AdmissionRecord[] = [];
  for (const tx of txs) {
    const d = tx.description;
    if (d.type !== 'generic' || d.aborted || d.computePhase.type !== 'vm' || !d.computePhase.success) continue;
    for (const m of tx.outMessages.values()) {
      if (m.info.type !== 'external-out') continue;
      try {
        out.push(loadAdmissionRecord(m.body.beginParse()));
      } catch {
        // not an admission record: ignore
      }
    }
  }
  return out.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
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

  /** The latest admission of a worker key, or null. */
  async getAdmission(p: ContractProvider, workerKey: Id256): Promise<AdmissionRecord | null> {
    const t = new TupleBuilder();
    t.writeNumber(toUint256(workerKey));
    const { stack } = await p.get('get_admission', t.build());
    const found = stack.readBoolean();
    const brokerKey = stack.readBigNumber();
    const at = stack.readNumber();
    const index = stack.readBigNumber();
    const wk = stack.readBigNumber();
    const bundleDigest = stack.readBigNumber();
    const imageId = stack.readBigNumber();
    const platformId = stack.readBigNumber();
    const modelId = stack.readBigNumber();
    if (!found) return null;
    return {
      brokerKey: toHex256(brokerKey),
      at,
      index,
      workerKey: toHex256(wk),
      bundleDigest: toHex256(bundleDigest),
      imageId: toHex256(imageId),
      platformId: toHex256(platformId),
      modelId: toHex256(modelId),
    };
  }
}
