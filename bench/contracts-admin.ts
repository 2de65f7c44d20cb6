/**
 * Contracts bench, administration and wallet figures (printed by `npm run bench -- contracts`):
 *   - the broker's highload wallet: the wallet-side fee of ONE external carrying N claim-shaped messages vs N separate
 *     v4 transfers (import, compute, forwarding: the balance drop minus the values delivered; the destinations' own
 *     processing is the same either way and is not counted);
 *   - Registry administration: ProposeOwner, AcceptOwner, CancelOwner, Upgrade (code only), sent from real v4 wallets;
 *     gas of the registry's transaction and the fees of the whole trace;
 *   - AttestationLog storage rent per year at its bounded maximum state (both dedupe generations full), from the
 *     account's cells/bits and basechain config param 18: (bits x bit_price_ps + cells x cell_price_ps) / 2^16
 *     nanoTON per second.
 */
import {
  Address,
  beginCell,
  Cell,
  internal,
  loadShardAccount,
  loadTransaction,
  SendMode,
  storeMessage,
  storeShardAccount,
  toNano,
} from '@ton/core';
import { internal as sandboxInternal } from '@ton/sandbox';
import { configParse18, loadConfigParamById, WalletContractV4 } from '@ton/ton';
import { NETWORK_GLOBAL_ID } from '../contracts/constants';
import { signVoucher } from '../contracts/voucher';
import { compileContract } from '../contracts/wrappers/compile';
import { AttestationLog } from '../contracts/wrappers/attestation-log';
import { buildHighloadExternal, HighloadWallet } from '../contracts/wrappers/highload-wallet';
import { PaymentChannel } from '../contracts/wrappers/payment-channel';
import { DEFAULT_PARAMS, Registry } from '../contracts/wrappers/registry';
import { emit } from './report';
import { contractTx, fmtTon, gasOf, key, measured, newChain, T0, ton, v4 } from './contracts-sandbox';

const YEAR_S = 365n * 24n * 3600n;

// --- highload wallet vs v4 ---

const FEE_KEY = key('fee broker');
const CLAIM_VALUE = toNano('0.02');

function claimBody(i: number): Cell {
  const channel = new Address(0, Buffer.alloc(32, (i % 255) + 1));
  const v = signVoucher(
    { channel, globalId: NETWORK_GLOBAL_ID.devnet, amount: toNano('10') + BigInt(i), seq: BigInt(i + 1) },
    FEE_KEY.secretKey,
  );
  return PaymentChannel.claimBody(v);
}

/** Wallet-side fees (nanoTON) of N claim-shaped messages: one highload external vs N v4 transfers. */
export async function measureHighloadFees(n: number): Promise<{ highload: bigint; v4: bigint }> {
  const bc = await newChain();
  const funder = await bc.treasury('funder');
  const dest = await bc.treasury('sink');
  const code = await compileContract('highload_wallet');
  const hw = bc.openContract(HighloadWallet.createFromConfig({ publicKey: FEE_KEY.publicKey, timeout: 3600 }, code));
  await hw.sendDeploy(funder.getSender(), toNano('100'));
  const wallet = bc.openContract(WalletContractV4.create({ workchain: 0, publicKey: FEE_KEY.publicKey }));
  await funder.send({ to: wallet.address, value: toNano('100'), init: wallet.init });
  // the first v4 transfer deploys it; not counted
  await wallet.sendTransfer({
    seqno: 0,
    secretKey: FEE_KEY.secretKey,
    messages: [],
    sendMode: SendMode.PAY_GAS_SEPARATELY,
  });

  const messages = Array.from({ length: n }, (_, i) =>
    internal({ to: dest.address, value: CLAIM_VALUE, body: claimBody(i) }),
  );
  const balance = async (a: Address): Promise<bigint> => (await bc.getContract(a)).balance;

  const h0 = await balance(hw.address);
  await hw.sendExternal(
    buildHighloadExternal({
      secretKey: FEE_KEY.secretKey,
      subwalletId: await hw.getSubwalletId(),
      timeout: 3600,
      queryId: 1,
      createdAt: (bc.now ?? T0) - 1,
      wallet: hw.address,
      messages: messages.map((message) => ({ message, mode: SendMode.PAY_GAS_SEPARATELY })),
    }),
  );
  const highload = h0 - (await balance(hw.address)) - BigInt(n) * CLAIM_VALUE;

  const v0 = await balance(wallet.address);
  for (const message of messages)
    await wallet.sendTransfer({
      seqno: await wallet.getSeqno(),
      secretKey: FEE_KEY.secretKey,
      messages: [message],
      sendMode: SendMode.PAY_GAS_SEPARATELY,
    });
  return { highload, v4: v0 - (await balance(wallet.address)) - BigInt(n) * CLAIM_VALUE };
}

// --- Registry administration ---

export interface AdminRow {
  /** Id segment: `propose_owner`, `accept_owner`, `cancel_owner`, `upgrade`. */
  readonly op: string;
  readonly label: string;
  readonly gas: bigint;
  readonly fee: bigint;
}

/** Gas of the registry's transaction and fees of the whole trace (v4 senders included) per administration op. */
export async function measureRegistryAdmin(): Promise<AdminRow[]> {
  const bc = await newChain();
  const code = await compileContract('registry');
  const treasury = await bc.treasury('admin-bench', { balance: toNano('1000000') });
  const owner = await v4(bc, treasury, 'admin owner');
  const next = await v4(bc, treasury, 'admin next owner');
  const registry = bc.openContract(Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, code));
  await registry.sendDeploy(owner.sender, toNano('1'));
  const accounts = [owner.address, next.address, registry.address];
  const rows: AdminRow[] = [];
  const op = async (opId: string, label: string, w: typeof owner, fn: () => Promise<unknown>): Promise<void> => {
    const fee = await measured(bc, accounts, async () => void (await fn()));
    const tx = contractTx(w.last(), registry.address);
    const d = tx?.description;
    if (!d || d.type !== 'generic' || d.aborted) throw new Error(`registry ${label} failed`);
    rows.push({ op: opId, label, gas: gasOf(tx), fee });
  };
  await op('propose_owner', 'ProposeOwner', owner, () =>
    registry.sendProposeOwner(owner.sender, { newOwner: next.address }),
  );
  await op('cancel_owner', 'CancelOwner', owner, () => registry.sendCancelOwner(owner.sender));
  await registry.sendProposeOwner(owner.sender, { newOwner: next.address });
  await op('accept_owner', 'AcceptOwner', next, () => registry.sendAcceptOwner(next.sender));
  await op('upgrade', 'Upgrade (code only)', next, () =>
    registry.sendUpgrade(next.sender, { code, value: toNano('0.1') }),
  );
  if (!(await registry.getState()).owner.equals(next.address)) throw new Error('registry owner did not change');
  return rows;
}

// --- AttestationLog rent ---

export interface LogRent {
  readonly admissions: number;
  /** The largest state seen (code included). */
  readonly cells: bigint;
  readonly bits: bigint;
  readonly nanoPerYear: bigint;
}

/**
 * Drives `admissions` distinct LogAdmissions through the log alone (each run through the sandbox's transaction
 * executor as if from its registry, as test/contracts/attestation-log-scale.test.ts does) and prices the largest
 * state seen at config param 18's basechain prices for one year.
 */
export async function measureLogRent(admissions: number): Promise<LogRent> {
  const bc = await newChain();
  const code = await compileContract('attestation_log');
  const registry = new Address(0, Buffer.alloc(32, 7));
  const excessTo = new Address(0, Buffer.alloc(32, 9));
  const log = bc.openContract(AttestationLog.createFromConfig({ registry }, code));
  await log.sendDeploy((await bc.treasury('log deployer')).getSender(), toNano('1000'));
  let shardAccount = beginCell()
    .store(storeShardAccount((await bc.getContract(log.address)).account))
    .endCell()
    .toBoc()
    .toString('base64');
  const ids = beginCell().storeUint(1n, 256).storeUint(2n, 256).storeUint(3n, 256).endCell();
  let lt = 10_000_000n;
  let cells = 0n;
  let bits = 0n;
  for (let i = 0; i < admissions; i++) {
    const admission = beginCell()
      .storeUint(BigInt(i) + 1n, 256)
      .storeUint(BigInt(i) * 7n + 5n, 256)
      .storeRef(ids)
      .endCell();
    const body = AttestationLog.logAdmissionBody(excessTo, { brokerKey: 11n, at: T0, admission }, BigInt(i));
    const msg = sandboxInternal({ from: registry, to: log.address, value: toNano('0.02'), body });
    lt += 1_000_000n;
    const res = await bc.executor.runTransaction({
      config: bc.configBase64,
      libs: null,
      verbosity: 'short',
      shardAccount,
      now: T0 + Math.floor(i / 10),
      lt,
      randomSeed: null,
      ignoreChksig: false,
      debugEnabled: false,
      message: beginCell().store(storeMessage(msg)).endCell(),
    });
    if (!res.result.success) throw new Error(`admission ${i}: ${res.result.error}`);
    const d = loadTransaction(Cell.fromBase64(res.result.transaction).beginParse()).description;
    if (d.type !== 'generic' || d.computePhase.type !== 'vm' || !d.computePhase.success || d.aborted)
      throw new Error(`admission ${i} failed`);
    shardAccount = res.result.shardAccount;
    const account = loadShardAccount(Cell.fromBase64(shardAccount).beginParse()).account;
    if (!account) throw new Error('the log account vanished');
    const used = account.storageStats.used;
    if (used.cells > cells) cells = used.cells;
    if (used.bits > bits) bits = used.bits;
  }
  const prices = configParse18(loadConfigParamById(bc.configBase64, 18).beginParse());
  const p = prices[prices.length - 1];
  if (!p) throw new Error('config param 18 has no storage prices');
  const nanoPerYear = ((bits * p.bit_price_ps + cells * p.cell_price_ps) * YEAR_S) >> 16n;
  return { admissions, cells, bits, nanoPerYear };
}

// --- the section's tables ---

export interface AdminOptions {
  readonly highloadN?: readonly number[];
  readonly logAdmissions?: number;
}

/** Measures, prints the three tables and emits `chain.highload_fee_n*`, `chain.v4_fee_n*`, `chain.registry_*`, `chain.log_rent_year`. */
export async function runAdmin(opts: AdminOptions = {}): Promise<void> {
  const out = (s: string): void => void process.stdout.write(s);
  out('\nBroker wallet fees: one highload v3 external carrying N claims vs N v4 transfers (wallet side only)\n\n');
  out('| N | highload (TON) | v4 (TON) | ratio |\n|---:|---:|---:|---:|\n');
  for (const n of opts.highloadN ?? [1, 10, 100]) {
    const f = await measureHighloadFees(n);
    emit({ id: `chain.highload_fee_n${n}`, value: ton(f.highload), unit: 'TON' });
    emit({ id: `chain.v4_fee_n${n}`, value: ton(f.v4), unit: 'TON' });
    out(`| ${n} | ${fmtTon(f.highload)} | ${fmtTon(f.v4)} | ${(Number(f.v4) / Number(f.highload)).toFixed(2)}x |\n`);
  }

  out('\nRegistry administration (senders are real v4 wallets; fee = the whole trace)\n\n');
  out('| operation | registry gas | fees (TON) |\n|---|---:|---:|\n');
  for (const r of await measureRegistryAdmin()) {
    emit({ id: `chain.registry_${r.op}_gas`, value: Number(r.gas), unit: 'gas' });
    emit({ id: `chain.registry_${r.op}_fee`, value: ton(r.fee), unit: 'TON' });
    out(`| ${r.label} | ${r.gas} | ${fmtTon(r.fee)} |\n`);
  }

  const rent = await measureLogRent(opts.logAdmissions ?? 600);
  emit({ id: 'chain.log_rent_year', value: ton(rent.nanoPerYear), unit: 'TON/year' });
  out(
    `\nAttestationLog storage rent at its largest state over ${rent.admissions} distinct admissions (config param 18)\n\n`,
  );
  out('| cells | bits | rent / year (TON) |\n|---:|---:|---:|\n');
  out(`| ${rent.cells} | ${rent.bits} | ${fmtTon(rent.nanoPerYear)} |\n`);
}
