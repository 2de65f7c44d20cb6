/**
 * `workerIntervalMs` (broker config `settlement.workerPayoutIntervalMs`): worker vouchers get their own, shorter
 * pass; the client-claim pass keeps its period. The same devnet chain and registry-followed fee as fee.test.ts.
 */
import { toNano } from '@ton/core';
import { TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { MemoryLedger } from '../../broker/ledger/memory';
import { startBrokerChain, type BrokerChain } from '../../broker/chain';
import { waitFor } from '../broker/helpers';
import { hexId, keyFromSeed, T0 } from './helpers';

describe('worker-voucher pass on its own period (devnet chain)', () => {
  const broker = keyFromSeed('wi-broker');
  let dev: DevnetChain;
  let chain: TonChainClient;
  let bc: BrokerChain | undefined;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [hexId('wi-img')],
      platforms: [hexId('wi-plt')],
      models: [{ id: hexId('wi-mdl') }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      params: { brokerFeeBps: 1000 },
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  });
  afterEach(async () => {
    await bc?.stop();
    bc = undefined;
  });
  afterAll(async () => {
    await dev?.close();
  });

  const start = async (settlement: { intervalMs: number; workerIntervalMs?: number }, asked: string[]) => {
    bc = await startBrokerChain({
      chain,
      registry: dev.registry,
      brokerKey: broker,
      ledger: new MemoryLedger(),
      paymentChannelCode: dev.codes.paymentChannel,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      settlement: {
        ...settlement,
        claimOnStop: false,
        workers: {
          channelOf: (id) => {
            asked.push(id);
            return null; // no channel: the pass records why the worker is not paid
          },
        },
      },
    });
    return bc;
  };

  it('signs worker vouchers every workerIntervalMs while the client pass waits its hour', async () => {
    const asked: string[] = [];
    const b = await start({ intervalMs: 3_600_000, workerIntervalMs: 20 }, asked);
    b.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    await waitFor(() => asked.length >= 2, 'two worker passes');
    expect(asked.every((id) => id === 'w1')).toBe(true);
    expect(b.settler.workers()).toEqual([
      expect.objectContaining({
        workerId: 'w1',
        owedNano: toNano('0.9'),
        lastError: 'BROKER_CHAIN_CHANNEL_UNAVAILABLE',
      }),
    ]);
    expect(b.settler.claims).toEqual([]);
  });

  it('defaults to the settlement interval: no separate worker pass', async () => {
    const asked: string[] = [];
    const b = await start({ intervalMs: 0 }, asked);
    b.settler.noteReceipt({ workerId: 'w1', chargeNano: toNano('1') });
    await new Promise((r) => setTimeout(r, 100));
    expect(asked).toEqual([]); // no timer at all: passes run on tick()
    await b.settler.tick();
    expect(asked).toEqual(['w1']);
  });
});
