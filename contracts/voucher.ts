/**
 * Payment-channel vouchers: the exact cell the PaymentChannel contract checks (payment_channel.tolk
 * `checkVoucher`, messages.tolk `Voucher`):
 *
 *   voucher#43685602 channel:MsgAddressInt global_id:int32 amount:Coins seq:uint64 = Voucher;
 *
 * The payer signs the cell's representation hash with Ed25519. `amount` is CUMULATIVE (everything owed on
 * this channel so far), `channel` binds the voucher to one contract address, `globalId` to one network
 * (config param 19, `NETWORK_GLOBAL_ID`), `seq` strictly increases.
 * Used by the SDK (client signs for the broker), the broker (signs for workers; verifies what clients send
 * with `checkVoucherAgainst`) and the settlement code (claims on-chain).
 */
import { Address, beginCell, Cell } from '@ton/core';
import { type KeyObject, sign as edSign, verify as edVerify } from 'node:crypto';
import { ed25519PrivateKey, ed25519PublicKey } from '../core/ed25519';
import { VOUCHER_TAG } from './constants';
import { ContractsError } from './errors';

export interface Voucher {
  readonly channel: Address;
  /** The network's global id (config param 19): `NETWORK_GLOBAL_ID[network]`. */
  readonly globalId: number;
  /** Cumulative nanoTON owed on the channel. */
  readonly amount: bigint;
  readonly seq: bigint;
}

export interface SignedVoucher extends Voucher {
  /** Ed25519 signature (64 bytes) over `voucherCell(v).hash()`. */
  readonly signature: Uint8Array;
}

const MAX_COINS = (1n << 120n) - 1n;
const MAX_U64 = (1n << 64n) - 1n;

function checkRanges(v: Voucher): void {
  if (!Number.isInteger(v.globalId) || v.globalId < -(2 ** 31) || v.globalId >= 2 ** 31)
    throw new RangeError('voucher globalId out of int32 range');
  if (typeof v.amount !== 'bigint' || v.amount < 0n || v.amount > MAX_COINS)
    throw new RangeError('voucher amount out of range');
  if (typeof v.seq !== 'bigint' || v.seq < 0n || v.seq > MAX_U64) throw new RangeError('voucher seq out of range');
}

/** The voucher cell exactly as the contract parses it. */
export function voucherCell(v: Voucher): Cell {
  checkRanges(v);
  return beginCell()
    .storeUint(VOUCHER_TAG, 32)
    .storeAddress(v.channel)
    .storeInt(v.globalId, 32)
    .storeCoins(v.amount)
    .storeUint(v.seq, 64)
    .endCell();
}

/** The 32 bytes that are signed: the voucher cell's representation hash. */
export function voucherHash(v: Voucher): Uint8Array {
  return Uint8Array.from(voucherCell(v).hash());
}

// Ed25519 through node:crypto (native; the pure-JS @ton/crypto / tweetnacl path is ~100x slower and the
// broker verifies one voucher per request).
function privateKeyObject(secretKey: Uint8Array): KeyObject {
  // A 64-byte tweetnacl secret key is seed || public key; the seed is what PKCS#8 carries.
  if (secretKey.length !== 32 && secretKey.length !== 64) {
    throw new RangeError('secret key must be a 32-byte seed or a 64-byte Ed25519 secret key');
  }
  return ed25519PrivateKey(secretKey.subarray(0, 32));
}

/** Signs a voucher with the payer's Ed25519 key (32-byte seed or 64-byte secret key). */
export function signVoucher(v: Voucher, secretKey: Uint8Array): SignedVoucher {
  const signature = Uint8Array.from(edSign(null, Buffer.from(voucherHash(v)), privateKeyObject(secretKey)));
  return { channel: v.channel, globalId: v.globalId, amount: v.amount, seq: v.seq, signature };
}

/** True when `signature` is the payer's signature over this voucher. Never throws on malformed input. */
export function verifyVoucher(sv: SignedVoucher, payerPublicKey: Uint8Array): boolean {
  try {
    if (!(sv.signature instanceof Uint8Array) || sv.signature.length !== 64 || payerPublicKey.length !== 32)
      return false;
    return edVerify(null, Buffer.from(voucherHash(sv)), ed25519PublicKey(payerPublicKey), Buffer.from(sv.signature));
  } catch {
    return false;
  }
}

/** The `SignedVoucher` struct as the contract reads it inline (signature:bits512 voucher:^Voucher). */
export function storeSignedVoucher(sv: SignedVoucher): (b: import('@ton/core').Builder) => void {
  return (b) => {
    if (sv.signature.length !== 64) throw new RangeError('signature must be 64 bytes');
    b.storeBuffer(Buffer.from(sv.signature)).storeRef(voucherCell(sv));
  };
}

/**
 * JSON form for wire protocols: amount/seq decimal strings, signature hex, channel friendly, globalId a number.
 */
export interface VoucherJson {
  readonly channel: string;
  readonly globalId: number;
  readonly amount: string;
  readonly seq: string;
  readonly signature: string;
}

export function voucherToJson(sv: SignedVoucher): VoucherJson {
  return {
    channel: sv.channel.toString(),
    globalId: sv.globalId,
    amount: sv.amount.toString(),
    seq: sv.seq.toString(),
    signature: Buffer.from(sv.signature).toString('hex'),
  };
}

/** Parses `VoucherJson`; throws `ContractsError('VOUCHER_MALFORMED')` on any malformed field. */
export function voucherFromJson(j: unknown): SignedVoucher {
  try {
    const o = j as Record<string, unknown>;
    if (
      typeof o.channel !== 'string' ||
      typeof o.globalId !== 'number' ||
      typeof o.amount !== 'string' ||
      typeof o.seq !== 'string' ||
      typeof o.signature !== 'string'
    ) {
      throw new Error('fields');
    }
    if (!/^[0-9]+$/.test(o.amount) || !/^[0-9]+$/.test(o.seq) || !/^[0-9a-fA-F]{128}$/.test(o.signature))
      throw new Error('format');
    const v: SignedVoucher = {
      channel: Address.parse(o.channel),
      globalId: o.globalId,
      amount: BigInt(o.amount),
      seq: BigInt(o.seq),
      signature: Uint8Array.from(Buffer.from(o.signature, 'hex')),
    };
    checkRanges(v);
    return v;
  } catch (err) {
    throw new ContractsError('VOUCHER_MALFORMED', 'malformed voucher', { cause: err });
  }
}

/** Voucher bytes for wire protocols: BoC of the voucher cell (one root, no index, no CRC). */
export function encodeVoucherBoc(v: Voucher): Uint8Array {
  return new Uint8Array(voucherCell(v).toBoc({ idx: false, crc32: false }));
}

/** Parses voucher bytes (`encodeVoucherBoc`); throws `ContractsError('VOUCHER_MALFORMED')` on anything else. */
export function decodeVoucherBoc(bytes: Uint8Array): Voucher {
  try {
    const cells = Cell.fromBoc(Buffer.from(bytes));
    if (cells.length !== 1) throw new Error('expected one root cell');
    const s = (cells[0] as Cell).beginParse();
    if (s.loadUint(32) !== VOUCHER_TAG) throw new Error('voucher tag');
    const v: Voucher = {
      channel: s.loadAddress(),
      globalId: s.loadInt(32),
      amount: s.loadCoins(),
      seq: s.loadUintBig(64),
    };
    if (s.remainingBits !== 0 || s.remainingRefs !== 0) throw new Error('trailing data');
    return v;
  } catch (err) {
    throw new ContractsError('VOUCHER_MALFORMED', 'malformed voucher bytes', { cause: err });
  }
}

/** A channel as the contract sees it when a Claim arrives: what `checkVoucherAgainst` checks a voucher against. */
export interface ChannelView {
  readonly channel: Address;
  /** Global id of the chain the channel lives on (config param 19). */
  readonly globalId: number;
  /** The payer's Ed25519 public key (32 bytes). */
  readonly payerKey: Uint8Array;
  readonly deposit: bigint;
  readonly claimed: bigint;
  readonly lastSeq: bigint;
  readonly status: 'open' | 'closing' | 'closed';
}

/**
 * The contract's Claim rules (payment_channel.tolk: the status check, then `checkVoucher`), off-chain: a voucher
 * that passes is one the channel pays, given `view`. Throws `ContractsError`, first failing rule wins, in the
 * contract's order: VOUCHER_CHANNEL_CLOSED (status closed), VOUCHER_BAD_SIGNATURE, VOUCHER_WRONG_CHANNEL,
 * VOUCHER_WRONG_NETWORK, VOUCHER_STALE_SEQ (seq <= lastSeq), VOUCHER_NOT_MONOTONIC (amount <= claimed; < with
 * `allowEqual`, the cooperative close's final voucher), VOUCHER_ABOVE_DEPOSIT (amount > deposit).
 * A payee that holds later vouchers than the chain passes `claimed`/`lastSeq` raised to its own latest one.
 */
export function checkVoucherAgainst(sv: SignedVoucher, view: ChannelView, opts: { allowEqual?: boolean } = {}): void {
  if (view.status === 'closed') throw new ContractsError('VOUCHER_CHANNEL_CLOSED', 'channel closed');
  if (!verifyVoucher(sv, view.payerKey))
    throw new ContractsError('VOUCHER_BAD_SIGNATURE', 'voucher signature does not verify under the payer key');
  if (!sv.channel.equals(view.channel))
    throw new ContractsError('VOUCHER_WRONG_CHANNEL', 'voucher names another channel');
  if (sv.globalId !== view.globalId) throw new ContractsError('VOUCHER_WRONG_NETWORK', 'voucher names another network');
  if (sv.seq <= view.lastSeq) throw new ContractsError('VOUCHER_STALE_SEQ', 'voucher sequence not above the last');
  if (opts.allowEqual ? sv.amount < view.claimed : sv.amount <= view.claimed)
    throw new ContractsError('VOUCHER_NOT_MONOTONIC', 'voucher amount not above the claimed amount');
  if (sv.amount > view.deposit) throw new ContractsError('VOUCHER_ABOVE_DEPOSIT', 'voucher amount above the deposit');
}
