/**
 * The broker fee in force: each charged receipt counts under the registry's `brokerFeeBps` as the broker's registry
 * view knows it when the receipt is recorded, so a fee changed on chain changes what the broker owes from then on,
 * not before (the worker's own count, enclave-runtime/payouts).
 */
import { toNano } from '@ton/core';
import { TonChainClient } from '../../contracts';
import { Registry, type RegistryParams } from '../../contracts/wrappers/registry';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { startBrokerChain, type BrokerChain, type BrokerChainOptions } from '../../broker/chain';
import { waitFor } from '../broker/helpers';
import { hexId, keyFromSeed, T0 } from './helpers';

describe('broker fee in force at each receipt (devnet chain)', () => {
  const broker = keyFromSeed('fee-broker');
  let dev: DevnetChain;
  let chain: TonChainClient;
  let start: RegistryParams;
  const opened: BrokerChain[] = [];

  const setFee = async (brokerFeeBps: number): Promise<void> => {
    const reg = dev.blockchain.openContract(Registry.createFromAddress(dev.registry));
    await reg.sendSetParams(dev.deployer.getSender(), { params: { ...start, brokerFeeBps } });
  };
  const open = async (o: Partial<BrokerChainOptions> = {}, fixedBps?: number): Promise<BrokerChain> => {
    const bc = await startBrokerChain({
      chain,
      registry: dev.registry,
      brokerKey: broker,
      ledger: new MemoryLedger(),
      paymentChannelCode: dev.codes.paymentChannel,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      settlement: {
        intervalMs: 0,
        claimOnStop: false,
        workers: { channelOf: () => null, ...(fixedBps !== undefined ? { brokerFeeBps: fixedBps } : {}) },
      },
      ...o,
    });
    opened.push(bc);
    return bc;
  };
  const owed = (bc: BrokerChain, workerId: string): bigint | undefined =>
    bc.settler.workers().find((w) => w.workerId === workerId)?.owedNano;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [hexId('fee-img')],
      platforms: [hexId('fee-plt')],
      models: [{ id: hexId('fee-mdl') }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      params: { brokerFeeBps: 1000 },
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    start = (await chain.readRegistry(dev.registry)).params;
  });
  afterEach(async () => {
    for (const bc of opened.splice(0)) await bc.stop();
    await setFee(1000);
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('receipts before and after a fee change count at their own fee; the worker is never underpaid by its count', async () => {
    const bc = await open({ registryVersionCheckMs: 0 }); // every snapshot() is a version check
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    expect(owed(bc, 'w1')).toBe(toNano('0.9'));

    await setFee(2500);
    expect((await bc.registryView.snapshot()).params.brokerFeeBps).toBe(2500);
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    expect(owed(bc, 'w1')).toBe(toNano('0.9') + toNano('0.75'));

    await setFee(0);
    await bc.registryView.snapshot();
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    expect(owed(bc, 'w1')).toBe(toNano('0.9') + toNano('0.75') + toNano('1'));

    // Rounded per fee over the sum, as the worker counts (3 x 1 nano at 10 % is 2, not 3 x 0).
    await setFee(1000);
    await bc.registryView.snapshot();
    for (let i = 0; i < 3; i++) bc.settler.noteReceipt({ workerId: 'w2', chargeNano: 1n });
    expect(owed(bc, 'w2')).toBe(2n);
  });

  it('the registry view keeps checking the version on its own, without admissions', async () => {
    const bc = await open({ registryVersionCheckMs: 20 });
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    await setFee(5000);
    await waitFor(() => bc.registryView.current?.params.brokerFeeBps === 5000, 'the fee change seen');
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    expect(owed(bc, 'w1')).toBe(toNano('0.9') + toNano('0.5'));
  });

  it('a fee stated in the settlement options wins over the registry', async () => {
    const bc = await open({ registryVersionCheckMs: 0 }, 500);
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    await setFee(3000);
    await bc.registryView.snapshot();
    bc.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    expect(owed(bc, 'w1')).toBe(toNano('1.9'));
  });
});
