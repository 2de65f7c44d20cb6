import {
  type Address,
  beginCell,
  type Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  type Sender,
  SendMode,
  TupleBuilder,
} from '@ton/core';
import { Opcodes } from '../constants';
import { type Id256, readSnakeText, toHex256, toUint256 } from './codec';
import {
  addBrokerBody,
  addModelBody,
  addressBody,
  admissionCell,
  idBody,
  messageBody,
  setParamsBody,
  submitAdmissionBody,
  upgradeBody,
} from './registry-messages';
import {
  type AdmissionInput,
  type BrokerEntry,
  type ModelEntry,
  type RegistryConfig,
  parseLists,
  parseRegistryData,
  registryConfigToCell,
  type RegistryParams,
  type RegistryState,
} from './registry-storage';

export type {
  AdmissionInput,
  BrokerEntry,
  ModelEntry,
  RegistryConfig,
  RegistryParams,
  RegistryState,
} from './registry-storage';
export {
  DEFAULT_PARAMS,
  loadRegistryParams,
  parseRegistryData,
  registryConfigToCell,
  storeRegistryParams,
} from './registry-storage';

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

  static readonly body = messageBody;
  static readonly idBody = idBody;
  static readonly addModelBody = addModelBody;
  static readonly addBrokerBody = addBrokerBody;
  static readonly setParamsBody = setParamsBody;
  static readonly addressBody = addressBody;
  static readonly admissionCell = admissionCell;
  static readonly submitAdmissionBody = submitAdmissionBody;
  static readonly upgradeBody = upgradeBody;

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
    o: SendOpts & { modelId: Id256; multiplier: number; diskRootHash?: Id256 },
  ): Promise<void> {
    await this.sendBody(p, via, Registry.addModelBody(o.modelId, o.multiplier, o.queryId, o.diskRootHash), o.value);
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
  /** Owner: propose `newOwner`; it takes over only when it sends AcceptOwner. */
  async sendProposeOwner(p: ContractProvider, via: Sender, o: SendOpts & { newOwner: Address }): Promise<void> {
    await this.sendBody(p, via, Registry.addressBody(Opcodes.proposeOwner, o.newOwner, o.queryId), o.value);
  }
  /** From the proposed owner. */
  async sendAcceptOwner(p: ContractProvider, via: Sender, o: SendOpts = {}): Promise<void> {
    await this.sendBody(p, via, Registry.body(Opcodes.acceptOwner, o.queryId ?? 0n), o.value);
  }
  async sendCancelOwner(p: ContractProvider, via: Sender, o: SendOpts = {}): Promise<void> {
    await this.sendBody(p, via, Registry.body(Opcodes.cancelOwner, o.queryId ?? 0n), o.value);
  }
  /** Owner: new code, and optionally migrated data (same owner, version + 1: `registryConfigToCell` of the snapshot with `version + 1`). */
  async sendUpgrade(p: ContractProvider, via: Sender, o: SendOpts & { code: Cell; data?: Cell | null }): Promise<void> {
    await this.sendBody(p, via, Registry.upgradeBody(o.code, o.data ?? null, o.queryId), o.value);
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
      promptPricePerToken: stack.readBigNumber(),
      completionPricePerToken: stack.readBigNumber(),
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

  /** The model's entry (`get_model`); null when the model is not allowed. */
  async getModel(p: ContractProvider, modelId: Id256): Promise<ModelEntry | null> {
    const { stack } = await p.get('get_model', idArg(modelId));
    const multiplier = stack.readNumber();
    const disk = stack.readBigNumber();
    if (multiplier === 0) return null;
    const entry = { id: toHex256(toUint256(modelId)), multiplier };
    return disk === 0n ? entry : { ...entry, diskRootHash: toHex256(disk) };
  }

  async getBroker(p: ContractProvider, brokerKey: Id256): Promise<BrokerEntry | null> {
    const { stack } = await p.get('get_broker', idArg(brokerKey));
    const found = stack.readBoolean();
    const wallet = stack.readAddressOpt();
    const endpoint = stack.readCellOpt();
    if (!found || !wallet || !endpoint) return null;
    return { key: toHex256(toUint256(brokerKey)), wallet, endpoint: readSnakeText(endpoint) };
  }

  /** The storage cell (`get_snapshot`): every field of one version in one call. */
  async getSnapshotCell(p: ContractProvider): Promise<Cell> {
    const { stack } = await p.get('get_snapshot', []);
    return stack.readCell();
  }

  /** The whole registry from one `get_snapshot` call, so no field comes from another version. */
  async getState(p: ContractProvider): Promise<RegistryState> {
    return parseRegistryData(await this.getSnapshotCell(p));
  }

  /** Revision of the running code (`get_code_version`). */
  async getCodeVersion(p: ContractProvider): Promise<number> {
    const { stack } = await p.get('get_code_version', []);
    return stack.readNumber();
  }
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
  modelDiskRootHashes: Record<string, string>;
} {
  return {
    version: s.version,
    imageIds: [...s.images],
    platformIds: [...s.platforms],
    modelIds: s.models.map((m) => m.id),
    modelDiskRootHashes: modelDiskRootHashes(s.models),
  };
}

/** Model id -> disk root hash (lowercase hex) for the models that list one (`RegistrySnapshot.modelDiskRootHashes`). */
export function modelDiskRootHashes(models: readonly ModelEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of models) if (m.diskRootHash !== undefined) out[m.id.toLowerCase()] = m.diskRootHash.toLowerCase();
  return out;
}
