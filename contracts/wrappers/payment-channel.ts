import {
  type Address,
  beginCell,
  type Builder,
  Cell,
  type Contract,
  contractAddress,
  type ContractProvider,
  type Sender,
  SendMode,
} from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { ChannelStatus, Fees, Opcodes } from '../constants';
import { PAYMENT_CHANNEL_CODE_BOC64 } from './payment-channel-code';
import { type SignedVoucher, storeSignedVoucher } from '../voucher';
import { type Id256, toUint256 } from './codec';

export interface PaymentChannelConfig {
  readonly payer: Address;
  readonly payee: Address;
  /** The payer's Ed25519 public key (32 bytes / hex / bigint): it signs vouchers. */
  readonly payerKey: Id256;
  /** Seconds between StartClose and FinishClose. */
  readonly closeDelay: number;
  /** Distinguishes channels between the same parties (part of the address). Use a fresh one per channel. */
  readonly nonce?: bigint;
}

export type ChannelStatusName = 'open' | 'closing' | 'closed';

export interface ChannelData {
  readonly payer: Address;
  readonly payee: Address;
  readonly payerKey: bigint;
  readonly nonce: bigint;
  readonly closeDelay: number;
  readonly deposit: bigint;
  readonly claimed: bigint;
  readonly lastSeq: bigint;
  readonly status: ChannelStatusName;
  /** Unix seconds of StartClose, 0 while open. */
  readonly closeRequestedAt: number;
}

/** Initial data cell, in `ChannelStorage` order (storage.tolk). */
export function paymentChannelConfigToCell(c: PaymentChannelConfig): Cell {
  const parties = beginCell()
    .storeAddress(c.payer)
    .storeAddress(c.payee)
    .storeUint(toUint256(c.payerKey), 256)
    .endCell();
  return beginCell()
    .storeRef(parties)
    .storeUint(c.nonce ?? 0n, 64)
    .storeUint(c.closeDelay, 32)
    .storeCoins(0n) // deposit
    .storeCoins(0n) // claimed
    .storeUint(0n, 64) // lastSeq
    .storeUint(ChannelStatus.open, 2)
    .storeUint(0, 32) // closeRequestedAt
    .endCell();
}

let codeCell: Cell | undefined;

/** The PaymentChannel code cell this release deploys (the compiled payment_channel.tolk). */
export function paymentChannelCode(): Cell {
  codeCell ??= Cell.fromBase64(PAYMENT_CHANNEL_CODE_BOC64);
  return codeCell;
}

/** Hash of the PaymentChannel code: an account is a genuine channel only when its code hash equals this. */
export function paymentChannelCodeHash(): Uint8Array {
  return Uint8Array.from(paymentChannelCode().hash());
}

export interface ClientChannelOptions {
  /** The client's channel key (Ed25519 public key, 32 bytes / hex / bigint): the payer key. */
  readonly payerKey: Uint8Array;
  /** The broker's wallet (from the Registry). */
  readonly payee: Address;
  /** The registry's clientCloseDelay, in seconds. */
  readonly closeDelay: number;
  /** Default 0. */
  readonly nonce?: bigint;
  /** PaymentChannel code (default `paymentChannelCode()`). */
  readonly code?: Cell;
  /** The paying wallet (default: the v4 wallet of `payerKey` on workchain 0). */
  readonly payer?: Address;
}

/**
 * The client -> broker channel: payer = the v4 wallet of the client's channel key (workchain 0), payee = the broker's
 * wallet, payer key = the channel key, closeDelay = the registry's clientCloseDelay, nonce 0. Its address is a pure
 * function of these: what a client deploys (`openChannelFromWallet`) and what a broker derives for the key.
 */
export function clientChannel(o: ClientChannelOptions): PaymentChannel {
  const payer = o.payer ?? WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(o.payerKey) }).address;
  return PaymentChannel.createFromConfig(
    { payer, payee: o.payee, payerKey: o.payerKey, closeDelay: o.closeDelay, nonce: o.nonce ?? 0n },
    o.code ?? paymentChannelCode(),
  );
}

/** The address of `clientChannel(o)`. */
export function clientChannelAddress(o: ClientChannelOptions): Address {
  return clientChannel(o).address;
}

const STATUS_NAMES: Record<number, ChannelStatusName> = { 0: 'open', 1: 'closing', 2: 'closed' };

export interface ChannelSendOpts {
  readonly value?: bigint;
  readonly queryId?: bigint;
}

/** Default value attached to channel operations (the contract requires Fees.channelOpMinValue). */
export const CHANNEL_OP_VALUE = 50_000_000n;

/** Blueprint-style wrapper of payment_channel.tolk. */
export class PaymentChannel implements Contract {
  constructor(
    readonly address: Address,
    readonly init?: { code: Cell; data: Cell },
  ) {}

  static createFromAddress(address: Address): PaymentChannel {
    return new PaymentChannel(address);
  }

  static createFromConfig(config: PaymentChannelConfig, code: Cell, workchain = 0): PaymentChannel {
    const init = { code, data: paymentChannelConfigToCell(config) };
    return new PaymentChannel(contractAddress(workchain, init), init);
  }

  // ---------- bodies ----------

  private static body(op: number, queryId: bigint, rest?: (b: Builder) => void): Cell {
    const b = beginCell().storeUint(op, 32).storeUint(queryId, 64);
    if (rest) rest(b);
    return b.endCell();
  }

  static topUpBody(amount: bigint, queryId = 0n): Cell {
    return PaymentChannel.body(Opcodes.topUp, queryId, (b) => b.storeCoins(amount));
  }

  static claimBody(voucher: SignedVoucher, queryId = 0n): Cell {
    return PaymentChannel.body(Opcodes.claim, queryId, storeSignedVoucher(voucher));
  }

  static startCloseBody(queryId = 0n): Cell {
    return PaymentChannel.body(Opcodes.startClose, queryId);
  }

  static finishCloseBody(queryId = 0n): Cell {
    return PaymentChannel.body(Opcodes.finishClose, queryId);
  }

  static cooperativeCloseBody(final?: SignedVoucher, queryId = 0n): Cell {
    return PaymentChannel.body(Opcodes.cooperativeClose, queryId, (b) =>
      b.storeMaybeRef(final ? beginCell().store(storeSignedVoucher(final)).endCell() : null),
    );
  }

  /** Value to attach to a TopUp of `amount`. */
  static topUpValue(amount: bigint): bigint {
    return amount + CHANNEL_OP_VALUE;
  }

  // ---------- messages ----------

  /** Deploys the channel with a first deposit of `amount` (sent from the payer). */
  async sendDeploy(p: ContractProvider, via: Sender, o: ChannelSendOpts & { amount: bigint }): Promise<void> {
    await this.sendTopUp(p, via, o);
  }

  async sendTopUp(p: ContractProvider, via: Sender, o: ChannelSendOpts & { amount: bigint }): Promise<void> {
    await p.internal(via, {
      value: o.value ?? PaymentChannel.topUpValue(o.amount),
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      body: PaymentChannel.topUpBody(o.amount, o.queryId),
    });
  }

  /**
   * Claims `voucher` from any wallet: the channel pays its payee exactly the voucher's amount above `claimed` and
   * returns the unspent attached value to `via`.
   */
  async sendClaim(p: ContractProvider, via: Sender, o: ChannelSendOpts & { voucher: SignedVoucher }): Promise<void> {
    await p.internal(via, {
      value: o.value ?? CHANNEL_OP_VALUE,
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      body: PaymentChannel.claimBody(o.voucher, o.queryId),
    });
  }

  async sendStartClose(p: ContractProvider, via: Sender, o: ChannelSendOpts = {}): Promise<void> {
    await p.internal(via, {
      value: o.value ?? CHANNEL_OP_VALUE,
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      body: PaymentChannel.startCloseBody(o.queryId),
    });
  }

  async sendFinishClose(p: ContractProvider, via: Sender, o: ChannelSendOpts = {}): Promise<void> {
    await p.internal(via, {
      value: o.value ?? CHANNEL_OP_VALUE,
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      body: PaymentChannel.finishCloseBody(o.queryId),
    });
  }

  async sendCooperativeClose(
    p: ContractProvider,
    via: Sender,
    o: ChannelSendOpts & { final?: SignedVoucher } = {},
  ): Promise<void> {
    await p.internal(via, {
      value: o.value ?? CHANNEL_OP_VALUE,
      sendMode: SendMode.PAY_GAS_SEPARATELY,
      body: PaymentChannel.cooperativeCloseBody(o.final, o.queryId),
    });
  }

  // ---------- get-methods ----------

  async getChannelData(p: ContractProvider): Promise<ChannelData> {
    const { stack } = await p.get('get_channel_data', []);
    return {
      payer: stack.readAddress(),
      payee: stack.readAddress(),
      payerKey: stack.readBigNumber(),
      nonce: stack.readBigNumber(),
      closeDelay: stack.readNumber(),
      deposit: stack.readBigNumber(),
      claimed: stack.readBigNumber(),
      lastSeq: stack.readBigNumber(),
      status: STATUS_NAMES[stack.readNumber()] ?? 'closed',
      closeRequestedAt: stack.readNumber(),
    };
  }

  /** deposit - claimed. */
  async getUnclaimed(p: ContractProvider): Promise<bigint> {
    const { stack } = await p.get('get_unclaimed', []);
    return stack.readBigNumber();
  }

  async getBalance(p: ContractProvider): Promise<bigint> {
    return (await p.getState()).balance;
  }
}

export { Fees };
