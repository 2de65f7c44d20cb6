import {
  type Address,
  beginCell,
  type Builder,
  type Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  Dictionary,
  type Sender,
  SendMode,
  type Slice,
  TupleBuilder,
} from '@ton/core';
import { Opcodes } from '../constants';
import { boolValue, type Id256, readSnakeText, snakeText, structValue, toHex256, toUint256, uint256Key } from './codec';

/** Economic params (storage.tolk `RegistryParams`). */
export interface RegistryParams {
  /** nanoTON per adjusted token at multiplier 10000. */
  readonly pricePerToken: bigint;
  /** Broker's share of each client payment, basis points (<= 10000). */
  readonly brokerFeeBps: number;
  readonly minBrokerStake: bigint;
  readonly minClientDeposit: bigint;
  /** Seconds between StartClose and FinishClose for client -> broker channels. */
  readonly clientCloseDelay: number;
  /** Same for broker -> worker channels. */
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
}

export interface RegistryConfig {
  readonly owner: Address;
  readonly params: RegistryParams;
  readonly attestationLog?: Address | null;
  readonly images?: readonly Id256[];
  readonly platforms?: readonly Id256[];
  readonly models?: readonly { id: Id256; multiplier: number }[];
  readonly brokers?: readonly { key: Id256; wallet: Address; endpoint: string }[];
  /** Distinguishes registries with the same owner (part of the address); default 0. */
  readonly version?: number;
}

export const DEFAULT_PARAMS: RegistryParams = {
  pricePerToken: 1000n,
  brokerFeeBps: 1000,
  minBrokerStake: 10_000_000_000n,
  minClientDeposit: 1_000_000_000n,
  clientCloseDelay: 86_400,
  workerCloseDelay: 86_400,
};

export function storeRegistryParams(p: RegistryParams): (b: Builder) => void {
  return (b) => {
    b.storeCoins(p.pricePerToken)
      .storeUint(p.brokerFeeBps, 16)
      .storeCoins(p.minBrokerStake)
      .storeCoins(p.minClientDeposit)
      .storeUint(p.clientCloseDelay, 32)
      .storeUint(p.workerCloseDelay, 32);
  };
}

export function loadRegistryParams(s: Slice): RegistryParams {
  return {
    pricePerToken: s.loadCoins(),
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

function emptyLists(): {
  images: Dictionary<bigint, boolean>;
  platforms: Dictionary<bigint, boolean>;
  models: Dictionary<bigint, number>;
  brokers: Dictionary<bigint, BrokerValue>;
} {
  return {
    images: Dictionary.empty(uint256Key, boolValue),
    platforms: Dictionary.empty(uint256Key, boolValue),
    models: Dictionary.empty(uint256Key, Dictionary.Values.Uint(32)),
    brokers: Dictionary.empty(uint256Key, brokerValue),
  };
}

/** Initial data cell, field by field in `RegistryStorage` order. */
export function registryConfigToCell(c: RegistryConfig): Cell {
  const l = emptyLists();
  for (const id of c.images ?? []) l.images.set(toUint256(id), true);
  for (const id of c.platforms ?? []) l.platforms.set(toUint256(id), true);
  for (const m of c.models ?? []) l.models.set(toUint256(m.id), m.multiplier);
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
    .endCell();
}

/** Decodes the `RegistryLists` cell (also what `get_lists` returns, field by field). */
function parseLists(
  images: Cell | null,
  platforms: Cell | null,
  models: Cell | null,
  brokers: Cell | null,
): Pick<RegistryState, 'images' | 'platforms' | 'models' | 'brokers'> {
  const img = Dictionary.loadDirect(uint256Key, boolValue, images);
  const plt = Dictionary.loadDirect(uint256Key, boolValue, platforms);
  const mdl = Dictionary.loadDirect(uint256Key, Dictionary.Values.Uint(32), models);
  const brk = Dictionary.loadDirect(uint256Key, brokerValue, brokers);
  return {
    images: img.keys().map(toHex256).sort(),
    platforms: plt.keys().map(toHex256).sort(),
    models: mdl
      .keys()
      .sort((a, b) => (a < b ? -1 : 1))
      .map((k) => ({ id: toHex256(k), multiplier: mdl.get(k) ?? 0 })),
    brokers: brk
      .keys()
      .sort((a, b) => (a < b ? -1 : 1))
      .map((k) => {
        const v = brk.get(k) as BrokerValue;
        return { key: toHex256(k), wallet: v.wallet, endpoint: readSnakeText(v.endpoint) };
      }),
  };
}

export interface SendOpts {
  readonly value?: bigint;
  readonly queryId?: bigint;
}

const ADMIN_VALUE = 50_000_000n; // 0.05 TON; the unspent part comes back as Excesses

/** Blueprint-style wrapper of registry.tolk. */
export class Registry implements Contract {
  constructor(
    readonly address: Address,
    readonly init?: { code: Cell; data: Cell },
  ) {}

  static createFromAddress(address: Address): Registry {
    return new Registry(address);
  }

  static createFromConfig(config: RegistryConfig, code: Cell, workchain = 0): Registry {
    const data = registryConfigToCell(config);
    const init = { code, data };
    return new Registry(contractAddress(workchain, init), init);
  }

  // ---------- message bodies (shared by wrappers, CLI and tests) ----------

  static body(op: number, queryId: bigint, rest?: (b: Builder) => void): Cell {
    const b = beginCell().storeUint(op, 32).storeUint(queryId, 64);
    if (rest) rest(b);
    return b.endCell();
  }

  static idBody(op: number, id: Id256, queryId = 0n): Cell {
    return Registry.body(op, queryId, (b) => b.storeUint(toUint256(id), 256));
  }

  static addModelBody(modelId: Id256, multiplier: number, queryId = 0n): Cell {
    return Registry.body(Opcodes.addModel, queryId, (b) =>
      b.storeUint(toUint256(modelId), 256).storeUint(multiplier, 32),
    );
  }

  static addBrokerBody(key: Id256, wallet: Address, endpoint: string, queryId = 0n): Cell {
    return Registry.body(Opcodes.addBroker, queryId, (b) =>
      b.storeUint(toUint256(key), 256).storeAddress(wallet).storeRef(snakeText(endpoint)),
    );
  }

  static setParamsBody(params: RegistryParams, queryId = 0n): Cell {
    return Registry.body(Opcodes.setParams, queryId, (b) =>
      b.storeRef(beginCell().store(storeRegistryParams(params)).endCell()),
    );
  }

  static addressBody(op: number, address: Address, queryId = 0n): Cell {
    return Registry.body(op, queryId, (b) => b.storeAddress(address));
  }

  /** `Admission` cell (storage.tolk). */
  static admissionCell(a: AdmissionInput): Cell {
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

  static submitAdmissionBody(brokerKey: Id256, a: AdmissionInput, queryId = 0n): Cell {
    return Registry.body(Opcodes.submitAdmission, queryId, (b) =>
      b.storeUint(toUint256(brokerKey), 256).storeRef(Registry.admissionCell(a)),
    );
  }

  // ---------- messages ----------

  async sendDeploy(provider: ContractProvider, via: Sender, value: bigint): Promise<void> {
    await provider.internal(via, { value, sendMode: SendMode.PAY_GAS_SEPARATELY, body: beginCell().endCell() });
  }

  private async sendBody(provider: ContractProvider, via: Sender, body: Cell, value?: bigint): Promise<void> {
    await provider.internal(via, { value: value ?? ADMIN_VALUE, sendMode: SendMode.PAY_GAS_SEPARATELY, body });
  }

  async sendAddImage(p: ContractProvider, via: Sender, o: SendOpts & { imageId: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.addImage, o.imageId, o.queryId), o.value);
  }
  async sendRemoveImage(p: ContractProvider, via: Sender, o: SendOpts & { imageId: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.removeImage, o.imageId, o.queryId), o.value);
  }
  async sendAddPlatform(p: ContractProvider, via: Sender, o: SendOpts & { platformId: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.addPlatform, o.platformId, o.queryId), o.value);
  }
  async sendRemovePlatform(p: ContractProvider, via: Sender, o: SendOpts & { platformId: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.removePlatform, o.platformId, o.queryId), o.value);
  }
  async sendAddModel(
    p: ContractProvider,
    via: Sender,
    o: SendOpts & { modelId: Id256; multiplier: number },
  ): Promise<void> {
    await this.sendBody(p, via, Registry.addModelBody(o.modelId, o.multiplier, o.queryId), o.value);
  }
  async sendRemoveModel(p: ContractProvider, via: Sender, o: SendOpts & { modelId: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.removeModel, o.modelId, o.queryId), o.value);
  }
  async sendAddBroker(
    p: ContractProvider,
    via: Sender,
    o: SendOpts & { brokerKey: Id256; wallet: Address; endpoint: string },
  ): Promise<void> {
    await this.sendBody(p, via, Registry.addBrokerBody(o.brokerKey, o.wallet, o.endpoint, o.queryId), o.value);
  }
  async sendRemoveBroker(p: ContractProvider, via: Sender, o: SendOpts & { brokerKey: Id256 }): Promise<void> {
    await this.sendBody(p, via, Registry.idBody(Opcodes.removeBroker, o.brokerKey, o.queryId), o.value);
  }
  async sendSetParams(p: ContractProvider, via: Sender, o: SendOpts & { params: RegistryParams }): Promise<void> {
    await this.sendBody(p, via, Registry.setParamsBody(o.params, o.queryId), o.value);
  }
  async sendSetAttestationLog(p: ContractProvider, via: Sender, o: SendOpts & { log: Address }): Promise<void> {
    await this.sendBody(p, via, Registry.addressBody(Opcodes.setAttestationLog, o.log, o.queryId), o.value);
  }
  async sendChangeOwner(p: ContractProvider, via: Sender, o: SendOpts & { newOwner: Address }): Promise<void> {
    await this.sendBody(p, via, Registry.addressBody(Opcodes.changeOwner, o.newOwner, o.queryId), o.value);
  }
  /** From the broker's registered wallet; value >= Fees.admissionMinValue (default 0.1 TON). */
  async sendSubmitAdmission(
    p: ContractProvider,
    via: Sender,
    o: SendOpts & { brokerKey: Id256; admission: AdmissionInput },
  ): Promise<void> {
    await this.sendBody(
      p,
      via,
      Registry.submitAdmissionBody(o.brokerKey, o.admission, o.queryId),
      o.value ?? 100_000_000n,
    );
  }

  // ---------- get-methods ----------

  async getRegistryData(
    p: ContractProvider,
  ): Promise<{ owner: Address; version: number; attestationLog: Address | null }> {
    const { stack } = await p.get('get_registry_data', []);
    return { owner: stack.readAddress(), version: stack.readNumber(), attestationLog: stack.readAddressOpt() };
  }

  async getVersion(p: ContractProvider): Promise<number> {
    const { stack } = await p.get('get_version', []);
    return stack.readNumber();
  }

  async getParams(p: ContractProvider): Promise<RegistryParams> {
    const { stack } = await p.get('get_params', []);
    return {
      pricePerToken: stack.readBigNumber(),
      brokerFeeBps: stack.readNumber(),
      minBrokerStake: stack.readBigNumber(),
      minClientDeposit: stack.readBigNumber(),
      clientCloseDelay: stack.readNumber(),
      workerCloseDelay: stack.readNumber(),
    };
  }

  async getLists(p: ContractProvider): Promise<Pick<RegistryState, 'images' | 'platforms' | 'models' | 'brokers'>> {
    const { stack } = await p.get('get_lists', []);
    return parseLists(stack.readCellOpt(), stack.readCellOpt(), stack.readCellOpt(), stack.readCellOpt());
  }

  async getImageAllowed(p: ContractProvider, imageId: Id256): Promise<boolean> {
    const { stack } = await p.get('is_image_allowed', idArg(imageId));
    return stack.readBoolean();
  }

  async getPlatformAllowed(p: ContractProvider, platformId: Id256): Promise<boolean> {
    const { stack } = await p.get('is_platform_allowed', idArg(platformId));
    return stack.readBoolean();
  }

  /** 0 when the model is not allowed. */
  async getModelMultiplier(p: ContractProvider, modelId: Id256): Promise<number> {
    const { stack } = await p.get('get_model_multiplier', idArg(modelId));
    return stack.readNumber();
  }

  async getBroker(p: ContractProvider, brokerKey: Id256): Promise<BrokerEntry | null> {
    const { stack } = await p.get('get_broker', idArg(brokerKey));
    const found = stack.readBoolean();
    const wallet = stack.readAddressOpt();
    const endpoint = stack.readCellOpt();
    if (!found || !wallet || !endpoint) return null;
    return { key: toHex256(toUint256(brokerKey)), wallet, endpoint: readSnakeText(endpoint) };
  }

  /** The whole registry in three get-method calls. */
  async getState(p: ContractProvider): Promise<RegistryState> {
    const data = await this.getRegistryData(p);
    const params = await this.getParams(p);
    const lists = await this.getLists(p);
    return { ...data, ...lists, params };
  }
}

export interface AdmissionInput {
  readonly workerKey: Id256;
  readonly bundleDigest: Id256;
  readonly imageId: Id256;
  readonly platformId: Id256;
  readonly modelId: Id256;
}

function idArg(id: Id256): { type: 'int'; value: bigint }[] {
  const t = new TupleBuilder();
  t.writeNumber(toUint256(id));
  return t.build() as { type: 'int'; value: bigint }[];
}

/**
 * The allowlists in the shape `verifyBundle`'s `registry` option takes (attestation/bundle
 * `RegistrySnapshot`: lower-case hex ids).
 */
export function registryAllowlists(s: Pick<RegistryState, 'version' | 'images' | 'platforms' | 'models'>): {
  version: number;
  imageIds: string[];
  platformIds: string[];
  modelIds: string[];
} {
  return {
    version: s.version,
    imageIds: [...s.images],
    platformIds: [...s.platforms],
    modelIds: s.models.map((m) => m.id),
  };
}
