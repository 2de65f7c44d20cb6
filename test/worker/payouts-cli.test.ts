/**
 * The worker's payout commands on the devnet sandbox chain: `chrysalis worker claim --config FILE` claims kept vouchers
 * from the operating wallet, and the broker fee is read from the devnet Registry (or overridden, or refused).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, toNano } from '@ton/core';
import { encodeVoucherBoc, type TonChainClient, type Voucher } from '../../contracts';
import { type DevnetChain } from '../../devnet/chain';
import { Payouts, PayoutStore } from '../../enclave-runtime/payouts';
import { openChannelFromWallet } from '../broker-chain/helpers';
import { writeFileSync } from 'node:fs';
import { main } from '../../cli/index';
import { resolveWorkerSettings } from '../../cli/worker-config';
import { openPayouts } from '../../cli/worker-payouts';
import { Registry } from '../../contracts/wrappers/registry';
import { broker, frame, startPayoutChain } from './payouts-fixture';

let dev: DevnetChain;
let chain: TonChainClient;
let payout: Address;
let channel: Address;
let nonce = 10n;

/** A new broker -> worker channel paying `payout` (tests do not share claimed amounts). */
async function freshChannel(): Promise<Address> {
  return openChannelFromWallet(chain, broker, {
    payee: payout,
    deposit: toNano('10'),
    closeDelay: 86_400,
    nonce: nonce++,
    code: dev.codes.paymentChannel,
  });
}

beforeAll(async () => {
  ({ dev, chain, payout, channel } = await startPayoutChain());
}, 60_000);
afterAll(async () => {
  await dev?.close();
});

const voucher = (amount: bigint, seq: bigint, over: Partial<Voucher> = {}): Voucher => ({
  channel,
  globalId: dev.globalId,
  amount,
  seq,
  ...over,
});

describe('chrysalis worker claim --config FILE', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'payouts-cli-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims the kept voucher from the operating wallet and the payout balance grows', async () => {
    channel = await freshChannel();
    const dataDir = join(dir, 'data');
    // What a running worker left behind: a kept voucher it did not claim (below its threshold).
    const worker = new Payouts({
      store: dataDir,
      chain,
      network: 'devnet',
      payoutAddress: payout,
      claimThresholdNano: toNano('100'),
      brokerFeeBps: 0,
    });
    await worker.forBroker('ws://b').onVoucher(frame(voucher(toNano('0.7'), 1n)));
    await worker.close();

    writeFileSync(
      join(dir, 'operating.key'),
      Buffer.from(createHash('sha256').update('po-operating').digest()).toString('hex'),
    );
    const config = join(dir, 'worker.json');
    writeFileSync(
      config,
      JSON.stringify({
        brokers: ['ws://127.0.0.1:9/v1/worker'],
        model: { tiny: 'tiny' },
        evidence: { tdx: 'simulated', gpu: 'simulated' },
        prices: { promptNano: '1', completionNano: '1' },
        payoutAddress: payout.toString(),
        operatingWallet: { keyFile: 'operating.key' },
        dataDir: 'data',
        payments: { chain: { endpoints: [dev.url] }, network: 'devnet', brokerFeeBps: 1000 },
      }),
    );
    const out: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const before = await chain.getBalance(payout);
    expect(await main(['worker', 'claim', '--config', config])).toBe(0);
    expect(out.join('')).toBe(`claimed ${channel.toString()} ${toNano('0.7')}\n`);
    expect((await chain.getChannel(channel))!.claimed).toBe(toNano('0.7'));
    expect(await chain.getBalance(payout)).toBeGreaterThan(before + toNano('0.69'));

    // Nothing left: a second run claims nothing.
    out.length = 0;
    expect(await main(['worker', 'claim', '--config', config])).toBe(0);
    expect(out.join('')).toBe('nothing to claim\n');
  }, 60_000);

  it('--help exits 0; a claim the chain API cannot take is reported per channel and exits 4', async () => {
    const out: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    expect(await main(['worker', 'claim', '--help'])).toBe(0);
    expect(out.join('')).toMatch(/^usage: chrysalis worker claim/);

    const store = new PayoutStore(join(dir, 'data'));
    store.keep({
      channel: channel.toString(),
      broker: 'ws://b',
      amount: 5n,
      seq: 1n,
      voucher: encodeVoucherBoc(voucher(5n, 1n)),
      signature: new Uint8Array(64),
      claimed: 0n,
    });
    store.close();
    writeFileSync(join(dir, 'operating.key'), 'ab'.repeat(32));
    const config = join(dir, 'worker.json');
    writeFileSync(
      config,
      JSON.stringify({
        brokers: ['ws://127.0.0.1:9/v1/worker'],
        model: { tiny: 'tiny' },
        prices: { promptNano: '1', completionNano: '1' },
        payoutAddress: payout.toString(),
        operatingWallet: { keyFile: 'operating.key' },
        dataDir: 'data',
        // A registry and no fee: a claim reads no fee, so the unreachable chain fails the claim, not the start.
        payments: {
          chain: { endpoints: ['http://127.0.0.1:9/jsonRPC'], startupTimeoutMs: 0 },
          network: 'devnet',
          registry: dev.registry.toString(),
        },
      }),
    );
    out.length = 0;
    expect(await main(['worker', 'claim', '--config', config])).toBe(4);
    expect(out.join('')).toBe(`failed ${channel.toString()} PAYOUT_CHAIN_UNAVAILABLE\n`);
  }, 30_000);

  it('refuses without a chain API or an operating wallet (usage)', async () => {
    const config = join(dir, 'worker.json');
    const base = {
      brokers: ['ws://127.0.0.1:9/v1/worker'],
      model: { tiny: 'tiny' },
      prices: { promptNano: '1', completionNano: '1' },
      payoutAddress: payout.toString(),
    };
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeFileSync(config, JSON.stringify(base));
    expect(await main(['worker', 'claim', '--config', config])).toBe(2);
    writeFileSync(
      config,
      JSON.stringify({
        ...base,
        dataDir: 'data',
        payments: { chain: { endpoints: [dev.url] }, network: 'devnet', brokerFeeBps: 1000 },
      }),
    );
    expect(await main(['worker', 'claim', '--config', config])).toBe(2);
  });
});

describe('the broker fee from the devnet Registry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'payouts-fee-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Worker settings with payments on the devnet chain at `endpoint`; `pay` adds registry / fee. */
  const settings = (pay: Record<string, unknown>, endpoint = dev.url) =>
    resolveWorkerSettings({
      broker: ['ws://127.0.0.1:9/v1/worker'],
      tiny: 'tiny',
      'prompt-price-nano': '1',
      'completion-price-nano': '1',
      'payout-address': payout.toString(),
      'data-dir': join(dir, 'data'),
      network: 'devnet',
      'chain-api': [endpoint],
      ...pay,
    });
  const logger = (): { events: Record<string, unknown>[]; info: (o: object) => void; warn: (o: object) => void } => {
    const events: Record<string, unknown>[] = [];
    return { events, info: (o) => events.push(o as never), warn: (o) => events.push(o as never) };
  };

  it('reads params.brokerFeeBps at start and counts new receipts under a fee changed on chain', async () => {
    const reg = dev.blockchain.openContract(Registry.createFromAddress(dev.registry));
    const start = await chain.readRegistry(dev.registry);
    const log = logger();
    const payouts = (await openPayouts(settings({ 'registry-address': dev.registry.toString() }), log, {
      feeRefreshMs: 0,
    }))!;
    try {
      expect(payouts.brokerFeeBps).toBe(start.params.brokerFeeBps);
      expect(log.events).toContainEqual(
        expect.objectContaining({ event: 'payout_fee', brokerFeeBps: start.params.brokerFeeBps }),
      );
      const b = payouts.forBroker('ws://b');
      b.onReceipt(10_000n);
      const before = (10_000n * BigInt(10_000 - start.params.brokerFeeBps)) / 10_000n;
      expect(payouts.earned('ws://b')).toBe(before);

      const next = start.params.brokerFeeBps + 500;
      await reg.sendSetParams(dev.deployer.getSender(), { params: { ...start.params, brokerFeeBps: next } });
      expect(await payouts.refreshFee()).toBe(next);
      expect(log.events).toContainEqual(
        expect.objectContaining({ event: 'payout_fee_changed', fromBps: start.params.brokerFeeBps, toBps: next }),
      );
      b.onReceipt(10_000n);
      expect(payouts.earned('ws://b')).toBe(before + (10_000n * BigInt(10_000 - next)) / 10_000n);
    } finally {
      await payouts.close();
      await reg.sendSetParams(dev.deployer.getSender(), { params: start.params });
    }
  }, 30_000);

  it('--broker-fee-bps overrides the registry and says so (the chain is not read for it)', async () => {
    const log = logger();
    const w = settings(
      { 'registry-address': dev.registry.toString(), 'broker-fee-bps': '1234' },
      'http://127.0.0.1:9/jsonRPC',
    );
    const payouts = (await openPayouts(w, log))!;
    expect(payouts.brokerFeeBps).toBe(1234);
    expect(log.events).toEqual([
      expect.objectContaining({ event: 'payout_fee_override', brokerFeeBps: 1234, registry: dev.registry.toString() }),
    ]);
    await payouts.close();
  });

  it('neither a registry nor a fee is refused (usage)', async () => {
    expect(() => settings({})).toThrow(/--registry-address \(payments.registry\) or --broker-fee-bps/);
    // Settings built without resolveWorkerSettings's check are refused by openPayouts too.
    const w = settings({ 'broker-fee-bps': '0' });
    const { brokerFeeBps: _fee, ...payments } = w.payments;
    await expect(openPayouts({ ...w, payments })).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
  });

  it('a chain it cannot read at start is retried with backoff, then stops the worker with exit 4, not a guessed fee', async () => {
    const w = settings(
      { 'registry-address': dev.registry.toString(), 'chain-startup-timeout-ms': '600' },
      'http://127.0.0.1:9/jsonRPC',
    );
    const retries: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
      retries.push(String(s));
      return true;
    });
    try {
      await expect(openPayouts(w)).rejects.toMatchObject({ code: 'CLI_NETWORK_UNREACHABLE', exitCode: 4 });
    } finally {
      spy.mockRestore();
    }
    expect(retries.filter((l) => /unreachable; retrying in \d+ ms/.test(l)).length).toBeGreaterThanOrEqual(2);
    // Not a Registry at the address: rejected (exit 1), also never a guess.
    await expect(openPayouts(settings({ 'registry-address': dev.attestationLog.toString() }))).rejects.toMatchObject({
      code: 'CLI_NOT_A_REGISTRY',
      exitCode: 1,
    });

    const config = join(dir, 'worker.json');
    writeFileSync(
      config,
      JSON.stringify({
        brokers: ['ws://127.0.0.1:9/v1/worker'],
        engine: { kind: 'openai-upstream', upstreamUrl: 'http://127.0.0.1:9/v1', upstreamModel: 'm' },
        model: { dir: 'model' },
        evidence: { tdx: 'simulated', gpu: 'simulated' },
        prices: { promptNano: '1', completionNano: '1' },
        payoutAddress: payout.toString(),
        dataDir: 'data',
        payments: {
          chain: { endpoints: ['http://127.0.0.1:9/jsonRPC'], startupTimeoutMs: 0 },
          network: 'devnet',
          registry: dev.registry.toString(),
        },
      }),
    );
    const err: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
      err.push(String(s));
      return true;
    });
    expect(await main(['worker', '--config', config])).toBe(4);
    expect(err.join('')).toContain('cannot read the broker fee from the registry');
  }, 30_000);
});
