/**
 * Wrapper of highload_wallet.tolk (the highload wallet v3 design, see the contract's header): deploy, build
 * signed externals that carry one message or a batch of up to 254, and read the get-methods.
 */
import {
  type Address,
  beginCell,
  type Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  Dictionary,
  internal,
  type MessageRelaxed,
  type OutActionSendMsg,
  type Sender,
  SendMode,
  storeMessageRelaxed,
  storeOutList,
  toNano,
  TupleBuilder,
} from '@ton/core';
import { sign } from '@ton/crypto';

/** Opcode of the message the wallet sends itself to install a batch of actions. */
export const HIGHLOAD_INTERNAL_TRANSFER = 0xae42e5a4;
/** Most out messages one batch (one external) may carry. */
export const HIGHLOAD_MAX_BATCH = 254;
/** Largest query id: shift 8191, bit number 1022. */
export const HIGHLOAD_MAX_QUERY_ID = (8191 << 10) | 1022;
/** Default validity window / rotation period of processed query ids (seconds). */
export const HIGHLOAD_DEFAULT_TIMEOUT = 3600;
/** Default subwallet id (the value the original wrappers use). */
export const HIGHLOAD_DEFAULT_SUBWALLET = 0x10ad;

export interface HighloadWalletConfig {
  readonly publicKey: Uint8Array;
  readonly subwalletId?: number;
  /** Seconds an external stays valid after its created_at, and the rotation period (< 2^22). */
  readonly timeout?: number;
}

/** Whether `id` is a usable query id (shift < 8192, bit number <= 1022). */
export function isValidQueryId(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= HIGHLOAD_MAX_QUERY_ID && (id & 1023) !== 1023;
}

/** The query id after `id`, skipping bit number 1023 and wrapping to 0 after the last one. */
export function nextQueryId(id: number): number {
  if (id >= HIGHLOAD_MAX_QUERY_ID) return 0;
  const n = id + 1;
  return (n & 1023) === 1023 ? n + 1 : n;
}

export function highloadWalletConfigToCell(c: HighloadWalletConfig): Cell {
  if (c.publicKey.length !== 32) throw new RangeError('public key must be 32 bytes');
  return beginCell()
    .storeBuffer(Buffer.from(c.publicKey))
    .storeUint(c.subwalletId ?? HIGHLOAD_DEFAULT_SUBWALLET, 32)
    .storeBit(false)
    .storeBit(false)
    .storeUint(0, 64)
    .storeUint(c.timeout ?? HIGHLOAD_DEFAULT_TIMEOUT, 22)
    .endCell();
}

export interface HighloadExternalArgs {
  readonly secretKey: Uint8Array;
  readonly subwalletId: number;
  readonly timeout: number;
  readonly queryId: number;
  /** Unix seconds; valid while in (now - timeout, now]. */
  readonly createdAt: number;
  /** Messages to send: one goes out directly, several in one self-addressed batch. */
  readonly messages: readonly { message: MessageRelaxed; mode: number }[];
  /** The wallet's own address (needed for a batch). */
  readonly wallet: Address;
  /** Value of the self-addressed batch message (comes back to the wallet; default 0.05 TON). */
  readonly batchValue?: bigint;
}

/** The message the external carries: the single message, or a self-addressed batch of actions. */
export function highloadMessageToSend(a: HighloadExternalArgs): { message: Cell; mode: number } {
  const n = a.messages.length;
  if (n < 1 || n > HIGHLOAD_MAX_BATCH) throw new RangeError(`a batch holds 1..${HIGHLOAD_MAX_BATCH} messages`);
  if (n === 1) {
    const only = a.messages[0]!;
    return { message: beginCell().store(storeMessageRelaxed(only.message)).endCell(), mode: only.mode };
  }
  const actions: OutActionSendMsg[] = a.messages.map((m) => ({ type: 'sendMsg', mode: m.mode, outMsg: m.message }));
  const body = beginCell()
    .storeUint(HIGHLOAD_INTERNAL_TRANSFER, 32)
    .storeUint(a.queryId, 64)
    .storeRef(beginCell().store(storeOutList(actions)).endCell())
    .endCell();
  const self = internal({ to: a.wallet, value: a.batchValue ?? toNano('0.05'), bounce: false, body });
  return {
    message: beginCell().store(storeMessageRelaxed(self)).endCell(),
    mode: SendMode.PAY_GAS_SEPARATELY + SendMode.IGNORE_ERRORS,
  };
}

/** The signed external body: signature(512) + ^[subwallet, ^message, mode, query id, created_at, timeout]. */
export function buildHighloadExternal(a: HighloadExternalArgs): Cell {
  if (!isValidQueryId(a.queryId)) throw new RangeError(`invalid query id ${a.queryId}`);
  const { message, mode } = highloadMessageToSend(a);
  const inner = beginCell()
    .storeUint(a.subwalletId, 32)
    .storeRef(message)
    .storeUint(mode, 8)
    .storeUint(a.queryId, 23)
    .storeUint(a.createdAt, 64)
    .storeUint(a.timeout, 22)
    .endCell();
  const signature = sign(inner.hash(), Buffer.from(a.secretKey));
  return beginCell().storeBuffer(signature).storeRef(inner).endCell();
}

/** Blueprint-style wrapper of highload_wallet.tolk. */
export class HighloadWallet implements Contract {
  constructor(
    readonly address: Address,
    readonly init?: { code: Cell; data: Cell },
  ) {}

  static createFromAddress(address: Address): HighloadWallet {
    return new HighloadWallet(address);
  }

  static createFromConfig(config: HighloadWalletConfig, code: Cell, workchain = 0): HighloadWallet {
    const init = { code, data: highloadWalletConfigToCell(config) };
    return new HighloadWallet(contractAddress(workchain, init), init);
  }

  async sendDeploy(p: ContractProvider, via: Sender, value: bigint): Promise<void> {
    await p.internal(via, { value, sendMode: SendMode.PAY_GAS_SEPARATELY, body: beginCell().endCell() });
  }

  /** Sends a signed external (see `buildHighloadExternal`). */
  async sendExternal(p: ContractProvider, body: Cell): Promise<void> {
    await p.external(body);
  }

  async getPublicKey(p: ContractProvider): Promise<bigint> {
    return (await p.get('get_public_key', [])).stack.readBigNumber();
  }

  async getSubwalletId(p: ContractProvider): Promise<number> {
    return (await p.get('get_subwallet_id', [])).stack.readNumber();
  }

  async getTimeout(p: ContractProvider): Promise<number> {
    return (await p.get('get_timeout', [])).stack.readNumber();
  }

  async getLastCleanTime(p: ContractProvider): Promise<number> {
    return (await p.get('get_last_clean_time', [])).stack.readNumber();
  }

  /** Whether `queryId` was processed (with `needClean`, as if a rotation ran at the current chain time). */
  async getProcessed(p: ContractProvider, queryId: number, needClean = true): Promise<boolean> {
    const args = new TupleBuilder();
    args.writeNumber(queryId);
    args.writeBoolean(needClean);
    return (await p.get('processed?', args.build())).stack.readBoolean();
  }
}

/** Number of bitmaps (shifts) held in the two query dicts of a wallet's data cell. */
export function highloadStoredShifts(data: Cell): { queries: number; oldQueries: number } {
  const s = data.beginParse();
  s.skip(256 + 32);
  const old = s.loadDict(Dictionary.Keys.Uint(13), Dictionary.Values.Cell());
  const cur = s.loadDict(Dictionary.Keys.Uint(13), Dictionary.Values.Cell());
  return { queries: cur.size, oldQueries: old.size };
}
