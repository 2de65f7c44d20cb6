/**
 * toncenter v2 methods of the devnet server that read or emulate one account: `estimateFee` (what @ton/ton's
 * `TonClient.estimateExternalMessageFee` calls) and `getWalletInformation`. SIMULATED: fees come from running the
 * message on a throw-away copy of the account in the sandbox emulator with the devnet's config, not from a node.
 */
import { type Address, Cell, external, type Transaction } from '@ton/core';
import { type Blockchain } from '@ton/sandbox';
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';

export class EmulateError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function cellOrNull(b64: unknown, what: string): Cell | null {
  const s = typeof b64 === 'string' ? b64 : '';
  if (s === '') return null;
  try {
    return Cell.fromBase64(s);
  } catch {
    throw new EmulateError(400, `invalid ${what}`);
  }
}

/** toncenter's `query.fees.source_fees` split of one transaction (numbers, as toncenter sends them). */
function sourceFees(tx: Transaction): Record<string, unknown> {
  const d = tx.description;
  let storage = 0n;
  let gas = 0n;
  let actionFees = 0n;
  let fwd = 0n;
  if (d.type === 'generic') {
    storage = d.storagePhase?.storageFeesCollected ?? 0n;
    gas = d.computePhase.type === 'vm' ? d.computePhase.gasFees : 0n;
    actionFees = d.actionPhase?.totalActionFees ?? 0n;
    fwd = d.actionPhase?.totalFwdFees ?? 0n;
  }
  // What the transaction charged besides storage, gas and its own actions: the import fee of the external message.
  const inFwd = tx.totalFees.coins - storage - gas - actionFees;
  return {
    '@type': 'fees',
    in_fwd_fee: Number(inFwd > 0n ? inFwd : 0n),
    storage_fee: Number(storage),
    gas_fee: Number(gas),
    fwd_fee: Number(fwd),
  };
}

/**
 * `estimateFee` {address, body, init_code?, init_data?, ignore_chksig?}: runs the external message against a snapshot
 * of the account (restored afterwards; nothing is recorded) and answers `{ '@type': 'query.fees', source_fees,
 * destination_fees: [] }`. A message the account does not accept: 500, as toncenter answers.
 */
export async function estimateFee(bc: Blockchain, address: Address, params: Record<string, unknown>): Promise<unknown> {
  const body = cellOrNull(params.body, 'body') ?? Cell.EMPTY;
  const code = cellOrNull(params.init_code, 'init_code');
  const data = cellOrNull(params.init_data, 'init_data');
  const ignoreChksig = params.ignore_chksig === true || params.ignore_chksig === 'true';
  const contract = await bc.getContract(address);
  const init = code && data && contract.accountState?.type !== 'active' ? { code, data } : undefined;
  const msg = external({ to: address, body, ...(init ? { init } : {}) });
  const snapshot = contract.snapshot();
  try {
    const tx = await contract.receiveMessage(msg, { ignoreChksig });
    return { '@type': 'query.fees', source_fees: sourceFees(tx), destination_fees: [] };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new EmulateError(500, `external message not accepted: ${reason}`);
  } finally {
    contract.loadFrom(snapshot);
  }
}

/** Wallet codes toncenter names, by code hash (hex). */
function walletKinds(): Map<string, string> {
  const pk = Buffer.alloc(32);
  const kinds = new Map<string, string>();
  const put = (code: Cell, name: string): void => {
    kinds.set(code.hash().toString('hex'), name);
  };
  put(WalletContractV3R2.create({ workchain: 0, publicKey: pk }).init.code, 'wallet v3 r2');
  put(WalletContractV4.create({ workchain: 0, publicKey: pk }).init.code, 'wallet v4 r2');
  put(WalletContractV5R1.create({ workchain: 0, publicKey: pk }).init.code, 'wallet v5 r1');
  return kinds;
}
let kindsCache: Map<string, string> | undefined;

/** seqno and wallet id from a wallet's data cell (v3/v4: seqno:32 id:32; v5r1: sig_allowed:1 seqno:32 id:32). */
function walletFields(kind: string, data: Cell): { seqno: number; wallet_id: number } {
  const s = data.beginParse();
  if (kind === 'wallet v5 r1') s.loadBit();
  const seqno = s.loadUint(32);
  const id = kind === 'wallet v5 r1' ? s.loadInt(32) : s.loadUint(32);
  return { seqno, wallet_id: id };
}

/**
 * `getWalletInformation`: `{ wallet, balance, account_state, last_transaction_id }` for any account, plus
 * `wallet_type`, `seqno` and `wallet_id` when its code is a wallet toncenter knows (v3r2, v4r2, v5r1).
 */
export async function walletInformation(
  bc: Blockchain,
  address: Address,
  info: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const base = {
    wallet: false,
    balance: info.balance,
    account_state: info.state,
    last_transaction_id: info.last_transaction_id,
  };
  const st = (await bc.getContract(address)).accountState;
  if (st?.type !== 'active' || !st.state.code || !st.state.data) return base;
  kindsCache ??= walletKinds();
  const kind = kindsCache.get(st.state.code.hash().toString('hex'));
  if (!kind) return base;
  return { ...base, wallet: true, wallet_type: kind, ...walletFields(kind, st.state.data) };
}
