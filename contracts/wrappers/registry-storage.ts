import { type Address, beginCell, type Builder, type Cell, Dictionary, type Slice } from '@ton/core';
import { boolValue, type Id256, readSnakeText, snakeText, structValue, toHex256, toUint256, uint256Key } from './codec';

/** Economic params (storage.tolk `RegistryParams`). */
export interface RegistryParams {
  /** nanoTON per prompt token at multiplier 10000 (`modelPrice` scales it per model). */
  readonly promptPricePerToken: bigint;
  /** nanoTON per completion token at multiplier 10000. */
  readonly completionPricePerToken: bigint;
  /** Broker's share of each client payment, basis points (<= 10000). */
  readonly brokerFeeBps: number;
  readonly minBrokerStake: bigint;
  readonly minClientDeposit: bigint;
  /** Seconds between StartClose and FinishClose for client -> broker channels (>= MIN_CLOSE_DELAY). */
  readonly clientCloseDelay: number;
  /** Same for broker -> worker channels (>= MIN_CLOSE_DELAY). */
  readonly workerCloseDelay: number;
}

export interface BrokerEntry {
  /** Ed25519 public key, 64 hex digits. */
  readonly key: string;
  /** The wallet the broker sends admissions from. */
  readonly wallet: Address;
  readonly endpoint: string;
}

export interface ModelEntry {
  readonly id: string;
  /** 10000 = 1x. */
  readonly multiplier: number;
  /** The model disk's dm-verity root hash, 64 lowercase hex digits; absent when none is listed (0 on chain). */
  readonly diskRootHash?: string;
}

/** Everything the registry holds, ids as 64 lowercase hex digits. */
export interface RegistryState {
  readonly owner: Address;
  readonly version: number;
  readonly attestationLog: Address | null;
  readonly images: readonly string[];
  readonly platforms: readonly string[];
  readonly models: readonly ModelEntry[];
  readonly brokers: readonly BrokerEntry[];
  readonly params: RegistryParams;
  /** The address proposed as next owner (ProposeOwner), until it accepts or the owner cancels; read from the chain. */
  readonly pendingOwner?: Address | null;
}

export interface RegistryConfig {
  readonly owner: Address;
  readonly params: RegistryParams;
  readonly attestationLog?: Address | null;
  readonly images?: readonly Id256[];
  readonly platforms?: readonly Id256[];
  readonly models?: readonly { id: Id256; multiplier: number; diskRootHash?: Id256 }[];
  readonly brokers?: readonly { key: Id256; wallet: Address; endpoint: string }[];
  /** Distinguishes registries with the same owner (part of the address); default 0. */
  readonly version?: number;
  readonly pendingOwner?: Address | null;
}

export interface AdmissionInput {
  readonly workerKey: Id256;
  readonly bundleDigest: Id256;
  readonly imageId: Id256;
  readonly platformId: Id256;
  readonly modelId: Id256;
}

export const DEFAULT_PARAMS: RegistryParams = {
  promptPricePerToken: 1000n,
  completionPricePerToken: 2000n,
  brokerFeeBps: 1000,
  minBrokerStake: 10_000_000_000n,
  minClientDeposit: 1_000_000_000n,
  clientCloseDelay: 86_400,
  workerCloseDelay: 86_400,
};

export function storeRegistryParams(p: RegistryParams): (b: Builder) => void {
  return (b) => {
    b.storeCoins(p.promptPricePerToken)
      .storeCoins(p.completionPricePerToken)
      .storeUint(p.brokerFeeBps, 16)
      .storeCoins(p.minBrokerStake)
      .storeCoins(p.minClientDeposit)
      .storeUint(p.clientCloseDelay, 32)
      .storeUint(p.workerCloseDelay, 32);
  };
}

export function loadRegistryParams(s: Slice): RegistryParams {
  return {
    promptPricePerToken: s.loadCoins(),
    completionPricePerToken: s.loadCoins(),
    brokerFeeBps: s.loadUint(16),
    minBrokerStake: s.loadCoins(),
    minClientDeposit: s.loadCoins(),
    clientCloseDelay: s.loadUint(32),
    workerCloseDelay: s.loadUint(32),
  };
}

interface BrokerValue {
  wallet: Address;
  endpoint: Cell;
}
const brokerValue = structValue<BrokerValue>(
  (v, b) => b.storeAddress(v.wallet).storeRef(v.endpoint),
  (s) => ({ wallet: s.loadAddress(), endpoint: s.loadRef() }),
);

interface ModelValue {
  multiplier: number;
  diskRootHash: bigint;
}
/** `ModelInfo` (storage.tolk): multiplier, then the disk root hash (0: none). */
const modelValue = structValue<ModelValue>(
  (v, b) => b.storeUint(v.multiplier, 32).storeUint(v.diskRootHash, 256),
  (s) => ({ multiplier: s.loadUint(32), diskRootHash: s.loadUintBig(256) }),
);

function emptyLists(): {
  images: Dictionary<bigint, boolean>;
  platforms: Dictionary<bigint, boolean>;
  models: Dictionary<bigint, ModelValue>;
  brokers: Dictionary<bigint, BrokerValue>;
} {
  return {
    images: Dictionary.empty(uint256Key, boolValue),
    platforms: Dictionary.empty(uint256Key, boolValue),
    models: Dictionary.empty(uint256Key, modelValue),
    brokers: Dictionary.empty(uint256Key, brokerValue),
  };
}

/** Initial data cell, field by field in `RegistryStorage` order. */
export function registryConfigToCell(c: RegistryConfig): Cell {
  const l = emptyLists();
  for (const id of c.images ?? []) l.images.set(toUint256(id), true);
  for (const id of c.platforms ?? []) l.platforms.set(toUint256(id), true);
  for (const m of c.models ?? [])
    l.models.set(toUint256(m.id), {
      multiplier: m.multiplier,
      diskRootHash: m.diskRootHash === undefined ? 0n : toUint256(m.diskRootHash),
    });
  for (const br of c.brokers ?? [])
    l.brokers.set(toUint256(br.key), { wallet: br.wallet, endpoint: snakeText(br.endpoint) });
  const lists = beginCell()
    .storeDict(l.images)
    .storeDict(l.platforms)
    .storeDict(l.models)
    .storeDict(l.brokers)
    .endCell();
  return beginCell()
    .storeAddress(c.owner)
    .storeUint(c.version ?? 0, 32)
    .storeAddress(c.attestationLog ?? null)
    .storeRef(lists)
    .storeRef(beginCell().store(storeRegistryParams(c.params)).endCell())
    .storeAddress(c.pendingOwner ?? null)
    .endCell();
}

/**
 * Decodes the storage cell (`get_snapshot`, `RegistryStorage` field by field) into the whole state: one cell, so
 * every field comes from the same version. Fields a later code version appends after `pendingOwner` are ignored.
 */
export function parseRegistryData(data: Cell): RegistryState {
  const s = data.beginParse();
  const owner = s.loadAddress();
  const version = s.loadUint(32);
  const attestationLog = s.loadMaybeAddress();
  const lists = s.loadRef().beginParse();
  const params = loadRegistryParams(s.loadRef().beginParse());
  const pendingOwner = s.loadMaybeAddress();
  const parsed = parseLists(lists.loadMaybeRef(), lists.loadMaybeRef(), lists.loadMaybeRef(), lists.loadMaybeRef());
  return { owner, version, attestationLog, ...parsed, params, pendingOwner };
}

/** Decodes the `RegistryLists` cell (also what `get_lists` returns, field by field). */
export function parseLists(
  images: Cell | null,
  platforms: Cell | null,
  models: Cell | null,
  brokers: Cell | null,
): Pick<RegistryState, 'images' | 'platforms' | 'models' | 'brokers'> {
  const img = Dictionary.loadDirect(uint256Key, boolValue, images);
  const plt = Dictionary.loadDirect(uint256Key, boolValue, platforms);
  const mdl = Dictionary.loadDirect(uint256Key, modelValue, models);
  const brk = Dictionary.loadDirect(uint256Key, brokerValue, brokers);
  return {
    images: img.keys().map(toHex256).sort(),
    platforms: plt.keys().map(toHex256).sort(),
    models: mdl
      .keys()
      .sort((a, b) => (a < b ? -1 : 1))
      .map((k) => modelEntry(k, mdl.get(k) as ModelValue)),
    brokers: brk
      .keys()
      .sort((a, b) => (a < b ? -1 : 1))
      .map((k) => {
        const v = brk.get(k) as BrokerValue;
        return { key: toHex256(k), wallet: v.wallet, endpoint: readSnakeText(v.endpoint) };
      }),
  };
}

function modelEntry(id: bigint, v: ModelValue): ModelEntry {
  const entry = { id: toHex256(id), multiplier: v.multiplier };
  return v.diskRootHash === 0n ? entry : { ...entry, diskRootHash: toHex256(v.diskRootHash) };
}
