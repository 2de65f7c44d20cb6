/**
 * The AttestationLog's state stays bounded whatever the number of admissions. The fast path drives the log
 * contract alone: each LogAdmission is run through the sandbox's transaction executor directly (one emulated
 * transaction per admission, as if from the registry), skipping the sandbox's bookkeeping and the excess reply's
 * own transaction. `CHRYSALIS_LOG_SCALE` sets the number (default 1,000: four rotations of the dedupe window; run 100000 for
 * the full figure: 1,309 s, about 13 ms per admission, on a shared 2-core box).
 */
import {
  Address,
  beginCell,
  Cell,
  loadShardAccount,
  loadTransaction,
  type ShardAccount,
  storeMessage,
  storeShardAccount,
  toNano,
} from '@ton/core';
import { type Blockchain, internal, type SandboxContract } from '@ton/sandbox';
import { appendFileSync } from 'node:fs';
import { compileContract } from '../../contracts/wrappers/compile';
import { AttestationLog } from '../../contracts/wrappers/attestation-log';
import { newChain, T0 } from './helpers';

const used = (a: ShardAccount): { cells: bigint; bits: bigint } => {
  if (!a.account) throw new Error('no account');
  return a.account.storageStats.used;
};

describe('AttestationLog at scale', () => {
  const N = Number(process.env.CHRYSALIS_LOG_SCALE ?? 1_000);
  const progress = process.env.CHRYSALIS_LOG_SCALE_PROGRESS;
  let bc: Blockchain;
  let code: Cell;
  let log: SandboxContract<AttestationLog>;
  const registry = new Address(0, Buffer.alloc(32, 7)); // the log's registry: admissions come from it
  const excessTo = new Address(0, Buffer.alloc(32, 9));

  beforeAll(async () => {
    code = await compileContract('attestation_log');
    bc = await newChain();
    log = bc.openContract(AttestationLog.createFromConfig({ registry }, code));
    const t = await bc.treasury('deployer');
    await log.sendDeploy(t.getSender(), toNano('1000'));
  });

  it(`takes ${N} distinct admissions without a failure; its state stays bounded`, async () => {
    const contract = await bc.getContract(log.address);
    let shardAccount = beginCell().store(storeShardAccount(contract.account)).endCell().toBoc().toString('base64');
    const config = bc.configBase64;
    const ids = beginCell().storeUint(1n, 256).storeUint(2n, 256).storeUint(3n, 256).endCell();
    let lt = 10_000_000n;
    let maxCells = 0n;
    let maxBits = 0n;
    let events = 0;
    const started = Date.now();
    for (let i = 0; i < N; i++) {
      const admission = beginCell()
        .storeUint(BigInt(i) + 1n, 256)
        .storeUint(BigInt(i) * 7n + 5n, 256)
        .storeRef(ids)
        .endCell();
      const body = AttestationLog.logAdmissionBody(excessTo, { brokerKey: 11n, at: T0, admission }, BigInt(i));
      const msg = internal({ from: registry, to: log.address, value: toNano('0.02'), body });
      lt += 1_000_000n;
      const res = await bc.executor.runTransaction({
        config,
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
      const tx = loadTransaction(Cell.fromBase64(res.result.transaction).beginParse());
      const d = tx.description;
      if (d.type !== 'generic' || d.computePhase.type !== 'vm' || !d.computePhase.success || d.aborted)
        throw new Error(`admission ${i} failed`);
      events += [...tx.outMessages.values()].filter((m) => m.info.type === 'external-out').length;
      shardAccount = res.result.shardAccount;
      if (i % 997 === 0 || i === N - 1) {
        const u = used(loadShardAccount(Cell.fromBase64(shardAccount).beginParse()));
        if (u.cells > maxCells) maxCells = u.cells;
        if (u.bits > maxBits) maxBits = u.bits;
        if (progress) appendFileSync(progress, `${i + 1} ${Date.now() - started} ms ${u.cells} cells ${u.bits} bits\n`);
      }
    }
    const secs = (Date.now() - started) / 1000;
    contract.account = loadShardAccount(Cell.fromBase64(shardAccount).beginParse());
    process.stdout.write(
      `attestation-log scale: ${N} admissions in ${secs.toFixed(1)} s; state at most ${maxCells} cells / ${maxBits} bits\n`,
    );
    expect(events).toBe(N);
    expect((await log.getLogData()).count).toBe(BigInt(N));
    // Bounded: code + root + two dedupe generations of at most 256 pairs each (a dict of n keys has 2n-1 cells).
    expect(maxCells).toBeLessThan(2n * (2n * 256n) + 64n);
  }, 3_600_000);
});
