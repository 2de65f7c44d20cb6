/**
 * Contracts bench: gas and fees per operation (measured in @ton/sandbox with its bundled mainnet-like config),
 * and the on-chain cost of settling one million requests.
 *
 * Settlement scenario (stated, not hidden): 1,000,000 requests x 500 prompt tokens x promptPricePerToken
 * (DEFAULT_PARAMS: 1000 nanoTON/token) = 500 TON owed by one client over one client->broker channel; the
 * broker forwards 90 % (brokerFeeBps 1000) to one worker over one broker->worker channel.
 *   chrysalis (lazy cumulative claims): a voucher per request OFF-chain; on-chain only channel open, a claim
 *     each time `thresholdNano` (100 TON, the policy's bounded exposure) is owed, and the close.
 *   peer "Cocoon cadence" (reference/cocoon.md 5.5): a charge each time 1 TON is owed by the client and a
 *     worker payout each 10 TON; run here with the SAME contract so only the cadence differs, and also
 *     priced with Cocoon's published ~0.01 TON per on-chain operation.
 * Intermediate vouchers never touch the chain, so only claim-point vouchers are signed and submitted; every
 * on-chain operation below is actually executed in the sandbox and its fees summed (all transactions of the
 * trace, including the sender wallet's external-message transaction: real WalletContractV4 wallets).
 * The per-cell table (1 / 100 / 1,000 clients x 1 / 10 workers) under the broker's own claim policy is
 * bench/settlement.ts.
 */
import { type Address, Cell, toNano } from '@ton/core';
import { Blockchain, type SandboxContract } from '@ton/sandbox';
import { type KeyPair } from '@ton/crypto';
import { compileAll } from '../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry } from '../contracts/wrappers/registry';
import { AttestationLog } from '../contracts/wrappers/attestation-log';
import { PaymentChannel } from '../contracts/wrappers/payment-channel';
import { signVoucher, verifyVoucher } from '../contracts/voucher';
import { NETWORK_GLOBAL_ID } from '../contracts/constants';
import { emit } from './report';
import { runAdmin } from './contracts-admin';
import { contractTx, fmtTon, gasOf, id, key, measured, ton, TON, v4, type Wallet } from './contracts-sandbox';

/** @ton/sandbox's bundled config is mainnet's: param 19 = -239, so vouchers name mainnet. */
const G = NETWORK_GLOBAL_ID.mainnet;

/** `registry add-image` -> `registry_add_image`: the id segment of a table row. */
const slug = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

interface Row {
  op: string;
  gas: bigint;
  fee: bigint;
}

export async function run(): Promise<void> {
  const t0 = Date.now();
  const codes = await compileAll();
  const bc = await Blockchain.create();
  bc.now = 1767225600;
  const treasury = await bc.treasury('bench', { balance: toNano('100000000') });
  const owner = await v4(bc, treasury, 'owner');
  const brokerW = await v4(bc, treasury, 'broker');
  const clientW = await v4(bc, treasury, 'client');
  const workerW = await v4(bc, treasury, 'worker');
  const clientKey = key('client');
  const brokerKey = key('broker');
  const accounts: Address[] = [owner.address, brokerW.address, clientW.address, workerW.address];
  const rows: Row[] = [];
  /** Runs one operation sent from `w` to contract `at`; returns its fees, records a table row if labelled. */
  const op = async (label: string | null, w: Wallet, at: Address, fn: () => Promise<unknown>): Promise<bigint> => {
    if (!accounts.some((a) => a.equals(at))) accounts.push(at);
    const fee = await measured(bc, accounts, async () => void (await fn()));
    if (label) rows.push({ op: label, gas: gasOf(contractTx(w.last(), at)), fee });
    return fee;
  };

  // --- Registry and log ---
  const registry = bc.openContract(
    Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, codes.registry),
  );
  const log = bc.openContract(AttestationLog.createFromConfig({ registry: registry.address }, codes.attestationLog));
  accounts.push(registry.address, log.address);
  await op('registry deploy', owner, registry.address, () => registry.sendDeploy(owner.sender, toNano('1')));
  await op('registry add-image', owner, registry.address, () =>
    registry.sendAddImage(owner.sender, { imageId: id('img') }),
  );
  await op('registry add-platform', owner, registry.address, () =>
    registry.sendAddPlatform(owner.sender, { platformId: id('plt') }),
  );
  await op('registry add-model', owner, registry.address, () =>
    registry.sendAddModel(owner.sender, { modelId: id('mdl'), multiplier: 10000 }),
  );
  await op('registry add-broker', owner, registry.address, () =>
    registry.sendAddBroker(owner.sender, {
      brokerKey: brokerKey.publicKey,
      wallet: brokerW.address,
      endpoint: 'wss://broker.example.org/v1',
    }),
  );
  await op('registry set-params', owner, registry.address, () =>
    registry.sendSetParams(owner.sender, { params: DEFAULT_PARAMS }),
  );
  await op('log deploy', owner, log.address, () => log.sendDeploy(owner.sender, toNano('1')));
  await op('registry set-attestation-log', owner, registry.address, () =>
    registry.sendSetAttestationLog(owner.sender, { log: log.address }),
  );
  await op('admission (broker -> registry -> log)', brokerW, registry.address, () =>
    registry.sendSubmitAdmission(brokerW.sender, {
      brokerKey: brokerKey.publicKey,
      admission: {
        workerKey: id('w'),
        bundleDigest: id('b'),
        imageId: id('img'),
        platformId: id('plt'),
        modelId: id('mdl'),
      },
    }),
  );

  // --- PaymentChannel ---
  const channel = (payer: Wallet, payerKey: KeyPair, payee: Wallet, nonce: bigint): SandboxContract<PaymentChannel> =>
    bc.openContract(
      PaymentChannel.createFromConfig(
        { payer: payer.address, payee: payee.address, payerKey: payerKey.publicKey, closeDelay: 3600, nonce },
        codes.paymentChannel,
      ),
    );
  const ch = channel(clientW, clientKey, brokerW, 1n);
  await op('channel open (deploy + deposit)', clientW, ch.address, () =>
    ch.sendDeploy(clientW.sender, { amount: 10n * TON }),
  );
  await op('channel top-up', clientW, ch.address, () => ch.sendTopUp(clientW.sender, { amount: TON }));
  await op('channel claim', brokerW, ch.address, () =>
    ch.sendClaim(brokerW.sender, {
      voucher: signVoucher({ channel: ch.address, globalId: G, amount: TON, seq: 1n }, clientKey.secretKey),
    }),
  );
  await op('channel start-close', clientW, ch.address, () => ch.sendStartClose(clientW.sender));
  bc.now += 3600;
  await op('channel finish-close (refund)', clientW, ch.address, () => ch.sendFinishClose(clientW.sender));
  const ch2 = channel(clientW, clientKey, brokerW, 2n);
  await op(null, clientW, ch2.address, () => ch2.sendDeploy(clientW.sender, { amount: 10n * TON }));
  await op('channel cooperative close + final voucher', brokerW, ch2.address, () =>
    ch2.sendCooperativeClose(brokerW.sender, {
      final: signVoucher({ channel: ch2.address, globalId: G, amount: 2n * TON, seq: 1n }, clientKey.secretKey),
    }),
  );

  process.stdout.write(
    '\nGas and fees per operation (sandbox config; senders are real v4 wallets; fee = everything the network\n',
  );
  process.stdout.write('collected for the whole trace, from the summed balances of all accounts involved)\n\n');
  process.stdout.write('| operation | contract gas | fees (TON) |\n|---|---:|---:|\n');
  for (const r of rows) {
    emit({ id: `contracts.op.${slug(r.op)}.gas`, value: Number(r.gas), unit: 'gas' });
    emit({ id: `contracts.op.${slug(r.op)}.fee`, value: ton(r.fee), unit: 'TON' });
    process.stdout.write(`| ${r.op} | ${r.gas} | ${fmtTon(r.fee)} |\n`);
  }

  // --- one million requests ---
  const REQUESTS = 1_000_000n;
  const perRequest = 500n * DEFAULT_PARAMS.promptPricePerToken; // 500 prompt tokens
  const owed = REQUESTS * perRequest; // 500 TON
  const workerShare = (owed * BigInt(10000 - DEFAULT_PARAMS.brokerFeeBps)) / 10000n;

  /**
   * One client->broker and one broker->worker channel over the whole million requests. Claims at every
   * `step` of the cumulative amount; the last step is claimed by the cooperative close's final voucher.
   * `execute` caps how many claims per channel really run; the rest are priced at the measured mean (every
   * claim touches the same fixed-size state, so its fee is constant; the table says how many ran).
   */
  let nonce = 100n;
  const settle = async (
    clientStep: bigint,
    workerStep: bigint,
    execute: number,
  ): Promise<{ ops: number; fees: bigint; executed: number }> => {
    let fees = 0n;
    let ops = 0;
    let executed = 0;
    const leg = async (payer: Wallet, payerKey: KeyPair, payee: Wallet, total: bigint, step: bigint): Promise<void> => {
      const c = channel(payer, payerKey, payee, nonce++);
      fees += await op(null, payer, c.address, () => c.sendDeploy(payer.sender, { amount: total + TON }));
      ops++;
      executed++;
      const points: bigint[] = [];
      for (let a = step; a < total; a += step) points.push(a);
      let seq = 0n;
      let claimFees = 0n;
      const run = Math.min(points.length, execute);
      for (let i = 0; i < run; i++) {
        const amount = points[i] as bigint;
        claimFees += await op(null, payee, c.address, () =>
          c.sendClaim(payee.sender, {
            voucher: signVoucher({ channel: c.address, globalId: G, amount, seq: ++seq }, payerKey.secretKey),
          }),
        );
      }
      fees += claimFees + (run > 0 ? (claimFees / BigInt(run)) * BigInt(points.length - run) : 0n);
      ops += points.length;
      executed += run;
      const final = signVoucher({ channel: c.address, globalId: G, amount: total, seq: ++seq }, payerKey.secretKey);
      fees += await op(null, payee, c.address, () => c.sendCooperativeClose(payee.sender, { final }));
      ops++;
      executed++;
    };
    await leg(clientW, clientKey, brokerW, owed, clientStep);
    await leg(brokerW, brokerKey, workerW, workerShare, workerStep);
    return { ops, fees, executed };
  };
  const lazy = await settle(100n * TON, 100n * TON, 1_000_000);
  const cocoon = await settle(TON, 10n * TON, 40);
  const cocoonNominal = BigInt(cocoon.ops) * 10_000_000n; // ~0.01 TON per on-chain op (reference 5.5)

  // Off-chain per-request work: one voucher signature (client) and one verification (broker).
  const kp = key('voucher-bench');
  const N = 2000;
  const sigs = [];
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++)
    sigs.push(
      signVoucher(
        { channel: ch.address, globalId: G, amount: BigInt(i + 1) * perRequest, seq: BigInt(i + 1) },
        kp.secretKey,
      ),
    );
  const signUs = Number(process.hrtime.bigint() - t) / 1000 / N;
  t = process.hrtime.bigint();
  for (const sv of sigs) if (!verifyVoucher(sv, kp.publicKey)) throw new Error('verify failed');
  const verifyUs = Number(process.hrtime.bigint() - t) / 1000 / N;

  emit({ id: 'contracts.settle_1m.fees', value: ton(lazy.fees), unit: 'TON', baseline: ton(cocoon.fees) });
  emit({
    id: 'contracts.settle_1m.fees_vs_cocoon_nominal',
    value: ton(lazy.fees),
    unit: 'TON',
    baseline: ton(cocoonNominal),
  });
  emit({ id: 'contracts.settle_1m.onchain_ops', value: lazy.ops, unit: 'ops', baseline: cocoon.ops });
  emit({ id: 'contracts.voucher.sign', value: signUs, unit: 'us' });
  emit({ id: 'contracts.voucher.verify', value: verifyUs, unit: 'us' });
  process.stdout.write(
    `\nSettling ${REQUESTS} requests: ${fmtTon(owed)} TON owed by one client, ${fmtTon(workerShare)} TON passed on to one worker\n\n`,
  );
  process.stdout.write('| settlement | on-chain ops (executed) | fees (TON) | ratio |\n|---|---:|---:|---:|\n');
  process.stdout.write(
    `| chrysalis: lazy cumulative claims every 100 TON + close with final voucher | ${lazy.ops} (${lazy.executed}) | ${fmtTon(lazy.fees)} | 1.00x |\n`,
  );
  process.stdout.write(
    `| peer: Cocoon cadence (charge per 1 TON, worker payout per 10 TON), same contract | ${cocoon.ops} (${cocoon.executed}) | ${fmtTon(cocoon.fees)} | ${(Number(cocoon.fees) / Number(lazy.fees)).toFixed(1)}x |\n`,
  );
  process.stdout.write(
    `| peer: Cocoon cadence at Cocoon's ~0.01 TON per op (reference/cocoon.md 5.5) | ${cocoon.ops} | ${fmtTon(cocoonNominal)} | ${(Number(cocoonNominal) / Number(lazy.fees)).toFixed(1)}x |\n`,
  );
  process.stdout.write(
    `\ngoal < 0.1 TON per million requests: ${lazy.fees < TON / 10n ? 'met' : 'NOT met'} (${fmtTon(lazy.fees)} TON = ${(Number(lazy.fees) / Number(REQUESTS)).toFixed(1)} nanoTON per request)\n`,
  );
  process.stdout.write(
    `off-chain per request: voucher sign ${signUs.toFixed(1)} us, verify ${verifyUs.toFixed(1)} us (node:crypto Ed25519)\n`,
  );
  await runAdmin();
  process.stdout.write(`(bench wall time ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  void Cell;
}

if (require.main === module) {
  run().catch((err) => {
    process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
    process.exitCode = 1;
  });
}
