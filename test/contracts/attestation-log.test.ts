import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { type Cell, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { admissionsFromTransactions, AttestationLog } from '../../contracts/wrappers/attestation-log';
import { Registry } from '../../contracts/wrappers/registry';
import { ExitCodes, Opcodes } from '../../contracts/constants';
import { hexId, newChain, T0, type Treasury } from './helpers';

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

  it('appends from the registry, indexes records, keeps the latest per worker, emits one event each', async () => {
    const body1 = AttestationLog.logAdmissionBody(stranger.address, {
      brokerKey: hexId('b'),
      at: T0,
      admission: admission('w1', 'bundle-a'),
    });
    const r1 = await registryStandIn.send({ to: log.address, value: toNano('0.05'), body: body1 });
    expect(r1.transactions).toHaveTransaction({ to: log.address, success: true });
    expect(r1.transactions).toHaveTransaction({ from: log.address, to: stranger.address, op: Opcodes.excesses });
    const body2 = AttestationLog.logAdmissionBody(stranger.address, {
      brokerKey: hexId('b'),
      at: T0 + 5,
      admission: admission('w1', 'bundle-b'),
    });
    const r2 = await registryStandIn.send({ to: log.address, value: toNano('0.05'), body: body2 });
    const body3 = AttestationLog.logAdmissionBody(stranger.address, {
      brokerKey: hexId('b'),
      at: T0 + 6,
      admission: admission('w2', 'bundle-c'),
    });
    const r3 = await registryStandIn.send({ to: log.address, value: toNano('0.05'), body: body3 });

    expect((await log.getLogData()).count).toBe(3n);
    expect((await log.getLogData()).registry.equals(registryStandIn.address)).toBe(true);
    expect(await log.getAdmission(hexId('w1'))).toMatchObject({
      index: 1n,
      at: T0 + 5,
      bundleDigest: hexId('bundle-b'),
      imageId: hexId('i'),
    });
    expect(await log.getAdmission(hexId('w2'))).toMatchObject({ index: 2n, bundleDigest: hexId('bundle-c') });
    expect(await log.getAdmission(hexId('nobody'))).toBeNull();

    const logTxs = [...r1.transactions, ...r2.transactions, ...r3.transactions].filter(
      (t) => t.inMessage?.info.dest?.toString() === log.address.toString(),
    );
    const history = admissionsFromTransactions(logTxs);
    expect(history.map((h) => [h.index, h.workerKey, h.bundleDigest])).toEqual([
      [0n, hexId('w1'), hexId('bundle-a')],
      [1n, hexId('w1'), hexId('bundle-b')],
      [2n, hexId('w2'), hexId('bundle-c')],
    ]);
  });

  it('refuses writes from anyone but its registry', async () => {
    const body = AttestationLog.logAdmissionBody(stranger.address, {
      brokerKey: hexId('b'),
      at: T0,
      admission: admission('w1', 'x'),
    });
    const r = await stranger.send({ to: log.address, value: toNano('0.05'), body });
    expect(r.transactions).toHaveTransaction({ to: log.address, success: false, exitCode: ExitCodes.ERR_NOT_REGISTRY });
    expect((await log.getLogData()).count).toBe(0n);
  });

  it('refuses unknown opcodes', async () => {
    const r = await stranger.send({ to: log.address, value: toNano('0.05'), body: Registry.body(0x1, 0n) });
    expect(r.transactions).toHaveTransaction({ to: log.address, success: false, exitCode: ExitCodes.ERR_UNKNOWN_OP });
  });
});
