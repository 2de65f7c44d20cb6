import { type Address, beginCell, type Builder, type Cell } from '@ton/core';
import { Opcodes } from '../constants';
import { type Id256, snakeText, toUint256 } from './codec';
import { type AdmissionInput, type RegistryParams, storeRegistryParams } from './registry-storage';

/** Registry message bodies (messages.tolk), shared by the wrapper, the CLI and tests: op, query id, then the fields. */
export function messageBody(op: number, queryId: bigint, rest?: (b: Builder) => void): Cell {
  const b = beginCell().storeUint(op, 32).storeUint(queryId, 64);
  if (rest) rest(b);
  return b.endCell();
}

export function idBody(op: number, id: Id256, queryId = 0n): Cell {
  return messageBody(op, queryId, (b) => b.storeUint(toUint256(id), 256));
}

/**
 * `AddModel`. `diskRootHash`: the model disk's dm-verity root hash (appended as 256 bits); absent, the body ends after
 * the multiplier and the registry lists no disk hash (0).
 */
export function addModelBody(modelId: Id256, multiplier: number, queryId = 0n, diskRootHash?: Id256): Cell {
  return messageBody(Opcodes.addModel, queryId, (b) => {
    b.storeUint(toUint256(modelId), 256).storeUint(multiplier, 32);
    if (diskRootHash !== undefined) b.storeUint(toUint256(diskRootHash), 256);
  });
}

export function addBrokerBody(key: Id256, wallet: Address, endpoint: string, queryId = 0n): Cell {
  return messageBody(Opcodes.addBroker, queryId, (b) =>
    b.storeUint(toUint256(key), 256).storeAddress(wallet).storeRef(snakeText(endpoint)),
  );
}

export function setParamsBody(params: RegistryParams, queryId = 0n): Cell {
  return messageBody(Opcodes.setParams, queryId, (b) =>
    b.storeRef(beginCell().store(storeRegistryParams(params)).endCell()),
  );
}

export function addressBody(op: number, address: Address, queryId = 0n): Cell {
  return messageBody(op, queryId, (b) => b.storeAddress(address));
}

/** `Admission` cell (storage.tolk). */
export function admissionCell(a: AdmissionInput): Cell {
  const ids = beginCell()
    .storeUint(toUint256(a.imageId), 256)
    .storeUint(toUint256(a.platformId), 256)
    .storeUint(toUint256(a.modelId), 256)
    .endCell();
  return beginCell()
    .storeUint(toUint256(a.workerKey), 256)
    .storeUint(toUint256(a.bundleDigest), 256)
    .storeRef(ids)
    .endCell();
}

export function submitAdmissionBody(brokerKey: Id256, a: AdmissionInput, queryId = 0n): Cell {
  return messageBody(Opcodes.submitAdmission, queryId, (b) =>
    b.storeUint(toUint256(brokerKey), 256).storeRef(admissionCell(a)),
  );
}

/** `Upgrade`: the new code and, optionally, the migrated storage (must keep the owner and carry version + 1). */
export function upgradeBody(code: Cell, data: Cell | null, queryId = 0n): Cell {
  return messageBody(Opcodes.upgrade, queryId, (b) => b.storeRef(code).storeMaybeRef(data));
}
