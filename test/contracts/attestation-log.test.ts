import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { type Cell, type Transaction, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { admissionsFromTransactions, AttestationLog } from '../../contracts/wrappers/attestation-log';
import { DEFAULT_PARAMS, Registry } from '../../contracts/wrappers/registry';
import { ExitCodes, Opcodes } from '../../contracts/constants';
import { hexId, keyFromSeed, newChain, T0, type Treasury } from './helpers';

describe('AttestationLog', () => {
  let code: Cell;
  let bc: Blockchain;
  let registryStandIn: Treasury; // plays the registry: the log trusts exactly this address
  let stranger: Treasury;
  let log: SandboxContract<AttestationLog>;

  const admission = (worker: string, bundle: string): Cell =>
    Registry.admissionCell({
      workerKey: hexId(worker),
      bundleDigest: hexId(bundle),
      imageId: hexId('i'),
      platformId: hexId('p'),
      modelId: hexId('m'),
    });
  const append = (worker: string, bundle: string, at = T0, from?: Treasury) =>
    (from ?? registryStandIn).send({
      to: log.address,
      value: toNano('0.05'),
      body: AttestationLog.logAdmissionBody(stranger.address, {
        brokerKey: hexId('b'),
        at,
        admission: admission(worker, bundle),
      }),
    });
  const logTxs = (txs: readonly Transaction[]) =>
    txs.filter((t) => t.inMessage?.info.dest?.toString() === log.address.toString());

  beforeAll(async () => {
    code = await compileContract('attestation_log');
  });

  beforeEach(async () => {
    bc = await newChain();
    registryStandIn = await bc.treasury('registry');
    stranger = await bc.treasury('stranger');
    log = bc.openContract(AttestationLog.createFromConfig({ registry: registryStandIn.address }, code));
    await log.sendDeploy(stranger.getSender(), toNano('0.1'));
  });

  it('appends from the registry, indexes records, emits one event each and keeps no per-worker state', async () => {
    const r1 = await append('w1', 'bundle-a');
    expect(r1.transactions).toHaveTransaction({ to: log.address, success: true });
    expect(r1.transactions).toHaveTransaction({ from: log.address, to: stranger.address, op: Opcodes.excesses });
    const r2 = await append('w1', 'bundle-b', T0 + 5);
    const r3 = await append('w2', 'bundle-c', T0 + 6);

    expect((await log.getLogData()).count).toBe(3n);
    expect((await log.getLogData()).registry.equals(registryStandIn.address)).toBe(true);
    const history = admissionsFromTransactions(logTxs([...r1.transactions, ...r2.transactions, ...r3.transactions]));
    expect(history.map((h) => [h.index, h.workerKey, h.bundleDigest, h.at])).toEqual([
      [0n, hexId('w1'), hexId('bundle-a'), T0],
      [1n, hexId('w1'), hexId('bundle-b'), T0 + 5],
      [2n, hexId('w2'), hexId('bundle-c'), T0 + 6],
    ]);
    expect(history[0]).toMatchObject({ brokerKey: hexId('b'), imageId: hexId('i'), modelId: hexId('m') });
    expect(await log.getIsRecent(hexId('w1'), hexId('bundle-a'))).toBe(true);
    expect(await log.getIsRecent(hexId('w1'), hexId('bundle-z'))).toBe(false);
  });

  it('a replayed (worker key, bundle digest) emits nothing, keeps the count and still returns the excess', async () => {
    await append('w1', 'bundle-a');
    const again = await append('w1', 'bundle-a', T0 + 60);
    expect(again.transactions).toHaveTransaction({ to: log.address, success: true });
    expect(again.transactions).toHaveTransaction({ from: log.address, to: stranger.address, op: Opcodes.excesses });
    expect(admissionsFromTransactions(logTxs(again.transactions))).toEqual([]);
    expect((await log.getLogData()).count).toBe(1n);
    // The same worker with a new bundle is a new record.
    const next = await append('w1', 'bundle-b', T0 + 61);
    expect(admissionsFromTransactions(logTxs(next.transactions)).map((h) => h.index)).toEqual([1n]);
  });

  it('refuses a forged admission (not from its registry) with ERR_NOT_REGISTRY', async () => {
    const r = await append('w1', 'x', T0, stranger);
    expect(r.transactions).toHaveTransaction({ to: log.address, success: false, exitCode: ExitCodes.ERR_NOT_REGISTRY });
    expect((await log.getLogData()).count).toBe(0n);
  });

  it('refuses unknown opcodes', async () => {
    const r = await stranger.send({ to: log.address, value: toNano('0.05'), body: Registry.body(0x1, 0n) });
    expect(r.transactions).toHaveTransaction({ to: log.address, success: false, exitCode: ExitCodes.ERR_UNKNOWN_OP });
  });
});

describe('AttestationLog behind the Registry: records are scoped to the broker that wrote them', () => {
  const ids = { imageId: hexId('img'), platformId: hexId('plt'), modelId: hexId('mdl') };
  const keyX = keyFromSeed('broker-x').publicKey;
  const keyY = keyFromSeed('broker-y').publicKey;
  const worker = keyFromSeed('worker-of-x').publicKey;
  let bc: Blockchain;
  let owner: Treasury;
  let walletX: Treasury;
  let walletY: Treasury;
  let registry: SandboxContract<Registry>;
  let log: SandboxContract<AttestationLog>;

  beforeEach(async () => {
    bc = await newChain();
    owner = await bc.treasury('owner');
    walletX = await bc.treasury('wallet-x');
    walletY = await bc.treasury('wallet-y');
    registry = bc.openContract(
      Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, await compileContract('registry')),
    );
    await registry.sendDeploy(owner.getSender(), toNano('0.5'));
    log = bc.openContract(
      AttestationLog.createFromConfig({ registry: registry.address }, await compileContract('attestation_log')),
    );
    await log.sendDeploy(owner.getSender(), toNano('0.2'));
    await registry.sendAddImage(owner.getSender(), { imageId: ids.imageId });
    await registry.sendAddPlatform(owner.getSender(), { platformId: ids.platformId });
    await registry.sendAddModel(owner.getSender(), { modelId: ids.modelId, multiplier: 10000 });
    await registry.sendAddBroker(owner.getSender(), { brokerKey: keyX, wallet: walletX.address, endpoint: 'wss://x' });
    await registry.sendAddBroker(owner.getSender(), { brokerKey: keyY, wallet: walletY.address, endpoint: 'wss://y' });
    await registry.sendSetAttestationLog(owner.getSender(), { log: log.address });
  });

  it("broker Y cannot write under X's key, nor shadow X's record of X's worker", async () => {
    const admission = { workerKey: worker, bundleDigest: hexId('bundle-x'), ...ids };
    const byX = await registry.sendSubmitAdmission(walletX.getSender(), { brokerKey: keyX, admission });
    const first = admissionsFromTransactions(
      byX.transactions.filter((t) => t.inMessage?.info.dest?.toString() === log.address.toString()),
    );
    expect(first).toHaveLength(1);
    expect(first[0]?.brokerKey).toBe(Buffer.from(keyX).toString('hex'));

    // Y signs as X from its own wallet: the registry refuses it, nothing reaches the log.
    const forged = await registry.sendSubmitAdmission(walletY.getSender(), { brokerKey: keyX, admission });
    expect(forged.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_BROKER,
    });
    expect(forged.transactions).not.toHaveTransaction({ to: log.address });

    // Y reports X's worker with X's bundle under its own key: the pair is taken, the log emits nothing.
    const shadow = await registry.sendSubmitAdmission(walletY.getSender(), { brokerKey: keyY, admission });
    expect(shadow.transactions).toHaveTransaction({ to: log.address, success: true });
    expect(
      admissionsFromTransactions(
        shadow.transactions.filter((t) => t.inMessage?.info.dest?.toString() === log.address.toString()),
      ),
    ).toEqual([]);
    expect((await log.getLogData()).count).toBe(1n);
  });
});
