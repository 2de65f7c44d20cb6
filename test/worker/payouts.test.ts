/**
 * Worker payouts end to end on the devnet sandbox chain (TonClient -> toncenter-v2 HTTP -> sandbox) and a fake broker
 * on the real link: broker -> worker vouchers are checked against the channel on chain, kept in payouts.sqlite,
 * claimed over the threshold (the payout address's balance grows), refused with typed codes when bad, and the unpaid
 * bound stops and resumes dispatch.
 *
 * Claims go from the worker's operating wallet; the channel pays the separate payout address, which only receives.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Address, toNano } from '@ton/core';
import type { KeyPair } from '@ton/crypto';
import { encodeVoucherBoc, NETWORK_GLOBAL_ID, signVoucher, TonChainClient, type Voucher } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { connectBroker, type BrokerLink, type LinkWorker } from '../../enclave-runtime/broker-link';
import { Payouts, PayoutStore, type KeptVoucher } from '../../enclave-runtime/payouts';
import { signReceipt } from '../../attestation/receipt/receipt';
import { keyFromSeed, openChannelFromWallet } from '../broker-chain/helpers';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';
import { writeFileSync } from 'node:fs';
import { main } from '../../cli/index';
import { resolveWorkerSettings } from '../../cli/worker-config';
import { openPayouts } from '../../cli/worker-payouts';
import { Registry } from '../../contracts/wrappers/registry';

const broker = keyFromSeed('po-broker');
const operating = keyFromSeed('po-operating');
const stranger = keyFromSeed('po-stranger');
const owner = keyFromSeed('po-gpu-owner');
const CHALLENGE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

let dev: DevnetChain;
let chain: TonChainClient;
let payout: Address;
let channel: Address;
let otherPayeeChannel: Address;
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
  dev = await startDevnetChain({ fundWallets: [broker.publicKey, operating.publicKey, owner.publicKey] });
  chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  payout = dev.walletAddress(owner.publicKey);
  // The payout wallet must be active: the channel's Payout is bounceable, and a bounce from an uninit account would
  // restore the claim (the owner's first transfer deploys it).
  const ow = await chain.walletSender({ publicKey: owner.publicKey, secretKey: owner.secretKey });
  await ow.sender.send({ to: payout, value: toNano('0.01'), bounce: false });
  await ow.waitForSeqno(0, { intervalMs: 10, timeoutMs: 5000 });
  const code = dev.codes.paymentChannel;
  channel = await openChannelFromWallet(chain, broker, {
    payee: payout,
    deposit: toNano('10'),
    closeDelay: 86_400,
    code,
  });
  otherPayeeChannel = await openChannelFromWallet(chain, broker, {
    payee: dev.walletAddress(stranger.publicKey),
    deposit: toNano('1'),
    closeDelay: 86_400,
    nonce: 1n,
    code,
  });
}, 60_000);
afterAll(async () => {
  await dev?.close();
});

function frame(
  v: Voucher,
  key: KeyPair = broker,
): {
  channel: string;
  cumulativeNano: number;
  voucher: Uint8Array;
  signature: Uint8Array;
  earnedNano: number;
} {
  const sv = signVoucher(v, key.secretKey);
  return {
    channel: v.channel.toString(),
    cumulativeNano: Number(v.amount),
    voucher: encodeVoucherBoc(v),
    signature: sv.signature,
    earnedNano: Number(v.amount),
  };
}

const voucher = (amount: bigint, seq: bigint, over: Partial<Voucher> = {}): Voucher => ({
  channel,
  globalId: dev.globalId,
  amount,
  seq,
  ...over,
});

/** A worker whose every request yields one receipt charging `chargeNano` (prompt 1 token at that price). */
function chargingWorker(chargeNano: bigint): LinkWorker {
  return {
    bundle: async (c) => Uint8Array.from([0xb0, ...c]),
    handle: async function* () {
      yield { frame: new Uint8Array([1]) };
      yield {
        receipt: new Uint8Array([2]),
        signature: new Uint8Array(64),
        fields: { promptPriceNano: chargeNano, completionPriceNano: 0n, promptTokens: 1, completionTokens: 0 },
      };
    },
  };
}

async function admit(fb: FakeBroker, link: BrokerLink): Promise<Peer> {
  const peer = await fb.nextPeer();
  await peer.next('hello');
  const admitted = link.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: CHALLENGE } });
  await peer.next('bundle');
  peer.send({ admission: { ok: true, workerId: 'w-1', validUntilMs: 1, bundleDigest: new Uint8Array([9]) } });
  await admitted;
  return peer;
}

/** Sends a voucher frame and resolves with the link's verdict. */
function deliver(peer: Peer, link: BrokerLink, f: ReturnType<typeof frame>): Promise<KeptVoucher | { code: string }> {
  return new Promise((resolve) => {
    const ok = (k: KeptVoucher): void => {
      link.off('voucher_refused', no);
      resolve(k);
    };
    const no = (e: { code: string }): void => {
      link.off('voucher', ok);
      resolve(e);
    };
    link.once('voucher', ok);
    link.once('voucher_refused', no);
    peer.send({ workerVoucher: f });
  });
}

describe('worker payouts over the broker link', () => {
  let fb: FakeBroker;
  let dir: string;
  let payouts: Payouts;
  let link: BrokerLink;
  const logged: string[] = [];

  beforeEach(async () => {
    fb = await startFakeBroker();
    dir = mkdtempSync(join(tmpdir(), 'payouts-'));
    logged.length = 0;
  });
  afterEach(async () => {
    await link?.close();
    await payouts?.close();
    await fb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(o: { threshold: bigint; maxUnpaid?: bigint; charge?: bigint }): void {
    payouts = new Payouts({
      store: dir,
      chain,
      network: 'devnet',
      payoutAddress: payout,
      operatingWallet: { publicKey: operating.publicKey, secretKey: operating.secretKey },
      claimThresholdNano: o.threshold,
      ...(o.maxUnpaid !== undefined ? { maxUnpaidNano: o.maxUnpaid } : {}),
      brokerFeeBps: 1000,
      claim: { pollMs: 10, timeoutMs: 10_000 },
      logger: {
        info: (x) => logged.push(String((x as { event?: string }).event)),
        warn: (x) => logged.push(String((x as { event?: string }).event)),
      },
    });
    link = connectBroker({
      url: fb.url,
      worker: chargingWorker(o.charge ?? 0n),
      reconnect: { enabled: false },
      payouts: payouts.forBroker(fb.url),
    });
  }

  it('keeps a valid voucher, claims it once over the threshold, and the payout balance grows', async () => {
    start({ threshold: toNano('1') });
    const peer = await admit(fb, link);

    const small = await deliver(peer, link, frame(voucher(toNano('0.5'), 1n)));
    expect(small).toMatchObject({ amount: toNano('0.5'), seq: 1n, claimed: 0n });
    expect((await chain.getChannel(channel))!.claimed).toBe(0n);

    // The same voucher again (a broker re-send): accepted, nothing changes.
    expect(await deliver(peer, link, frame(voucher(toNano('0.5'), 1n)))).toMatchObject({ seq: 1n, claimed: 0n });

    const before = await chain.getBalance(payout);
    const big = await deliver(peer, link, frame(voucher(toNano('2'), 2n)));
    expect(big).toMatchObject({ amount: toNano('2'), seq: 2n, claimed: toNano('2') });
    expect((await chain.getChannel(channel))!.claimed).toBe(toNano('2'));
    // The payout wallet receives the delta and pays only its own receive compute; the claim's fees are the
    // operating wallet's.
    expect(await chain.getBalance(payout)).toBeGreaterThan(before + toNano('1.99'));
    expect(logged).toEqual(expect.arrayContaining(['payout_voucher', 'payout_claimed']));

    // Persisted: a fresh store over the same dir sees the kept, claimed voucher.
    const again = new PayoutStore(dir);
    expect(again.get(channel.toString())).toMatchObject({ amount: toNano('2'), claimed: toNano('2') });
    again.close();
  }, 60_000);

  it('refuses bad vouchers with typed codes and keeps what it had', async () => {
    channel = await freshChannel();
    start({ threshold: toNano('100') });
    const peer = await admit(fb, link);
    const kept = await deliver(peer, link, frame(voucher(toNano('3'), 10n)));
    expect(kept).toMatchObject({ amount: toNano('3'), seq: 10n });

    const bad: [string, ReturnType<typeof frame>][] = [
      ['PAYOUT_WRONG_PAYEE', frame(voucher(toNano('0.5'), 1n, { channel: otherPayeeChannel }))],
      ['VOUCHER_WRONG_NETWORK', frame(voucher(toNano('4'), 11n, { globalId: NETWORK_GLOBAL_ID.testnet }))],
      ['VOUCHER_BAD_SIGNATURE', frame(voucher(toNano('4'), 11n), stranger)],
      ['PAYOUT_VOUCHER_STALE', frame(voucher(toNano('2'), 11n))],
      ['PAYOUT_VOUCHER_STALE', frame(voucher(toNano('4'), 10n))],
      ['VOUCHER_ABOVE_DEPOSIT', frame(voucher(toNano('11'), 11n))],
      ['PAYOUT_NOT_A_CHANNEL', frame(voucher(toNano('1'), 1n, { channel: payout }))],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), cumulativeNano: 5 }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), voucher: new Uint8Array([1, 2, 3]) }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), signature: new Uint8Array(3) }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), channel: 'not an address' }],
      ['PAYOUT_VOUCHER_MALFORMED', { ...frame(voucher(toNano('4'), 11n)), channel: otherPayeeChannel.toString() }],
    ];
    for (const [code, f] of bad) {
      expect({ code, got: await deliver(peer, link, f) }).toEqual({ code, got: { code } });
    }
    expect(payouts.store.all()).toEqual([expect.objectContaining({ amount: toNano('3'), seq: 10n, claimed: 0n })]);
    expect(logged.filter((e) => e === 'payout_voucher_refused')).toHaveLength(bad.length);
  }, 60_000);

  it('stops dispatch from a broker that owes more than the bound, and resumes once a voucher catches up', async () => {
    // Each receipt charges 1 TON, of which the worker earns 0.9 (brokerFeeBps 1000); bound: 1.5 TON unpaid.
    channel = await freshChannel();
    start({ threshold: toNano('100'), maxUnpaid: toNano('1.5'), charge: toNano('1') });
    const peer = await admit(fb, link);
    const serve = async (id: string): Promise<string> => {
      peer.send({ request: { requestId: id, sealed: new Uint8Array([1]), channel: 'c', maxCostNano: 1 } });
      for (;;) {
        const f = peer.frames.find((x) => (x.receipt?.requestId ?? x.failed?.requestId) === id);
        if (f) return f.receipt ? 'receipt' : f.failed!.code!;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    expect(await serve('r1')).toBe('receipt');
    expect(await serve('r2')).toBe('receipt');
    expect(payouts.unpaid(fb.url)).toBe(toNano('1.8'));
    expect(await serve('r3')).toBe('WORKER_UNPAID');
    expect(logged).toContain('payout_unpaid');

    await deliver(peer, link, frame(voucher(toNano('1.8'), 20n)));
    expect(payouts.unpaid(fb.url)).toBe(0n);
    expect(logged).toContain('payout_resumed');
    expect(await serve('r4')).toBe('receipt');
  }, 60_000);
});

describe('payouts without a live link', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'payouts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts earned from receipt bytes when the worker gives no fields', async () => {
    channel = await freshChannel();
    const fb = await startFakeBroker();
    const store = new PayoutStore(join(dir, 'x.sqlite'));
    const payouts = new Payouts({
      store,
      chain,
      network: 'devnet',
      payoutAddress: payout.toString(),
      claimThresholdNano: 1n,
      brokerFeeBps: 0,
    });
    const workerKey = keyFromSeed('po-receipt');
    const { bytes, signature } = signReceipt(
      {
        requestDigest: new Uint8Array(32),
        responseDigest: new Uint8Array(32),
        modelId: new Uint8Array(32),
        promptTokens: 2,
        completionTokens: 3,
        promptPriceNano: 10n,
        completionPriceNano: 100n,
        channel: channel.toString(),
        seq: 1n,
        workerKey: workerKey.publicKey,
      },
      workerKey.secretKey.subarray(0, 32),
    );
    let n = 0;
    const link = connectBroker({
      url: fb.url,
      reconnect: { enabled: false },
      payouts: payouts.forBroker('b'),
      worker: {
        bundle: async (c) => c,
        handle: async function* () {
          yield n++ === 0 ? { receipt: bytes, signature } : { receipt: new Uint8Array([7]), signature };
        },
      },
    });
    const peer = await admit(fb, link);
    peer.send({ request: { requestId: 'a', sealed: new Uint8Array([1]), maxCostNano: 1 } });
    await peer.next('receipt');
    peer.send({ request: { requestId: 'b', sealed: new Uint8Array([1]), maxCostNano: 1 } });
    await peer.next('receipt');
    expect(payouts.earned('b')).toBe(320n);
    expect(payouts.forBroker('b').refusal()).toBeUndefined(); // no bound configured

    // Kept voucher without an operating wallet: never claimed.
    const kept = await payouts.forBroker('b').onVoucher(frame(voucher(toNano('0.1'), 30n)));
    expect(kept.claimed).toBe(0n);
    expect(await payouts.claimDue(1n)).toEqual([
      { channel: channel.toString(), amount: toNano('0.1'), code: 'PAYOUT_NO_OPERATING_WALLET' },
    ]);
    await link.close();
    await payouts.close();
    await fb.close();
  }, 30_000);

  it('ignores voucher frames on a link without payouts', async () => {
    const fb = await startFakeBroker();
    const events: string[] = [];
    const link = connectBroker({
      url: fb.url,
      reconnect: { enabled: false },
      worker: chargingWorker(0n),
      logger: { info: () => undefined, warn: (o) => events.push(String((o as { event?: string }).event)) },
    });
    const peer = await admit(fb, link);
    peer.send({ workerVoucher: frame(voucher(1n, 1n)) });
    for (let i = 0; i < 200 && !events.includes('link_voucher_ignored'); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(events).toContain('link_voucher_ignored');
    await link.close();
    await fb.close();
  });
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
          chain: { endpoints: ['http://127.0.0.1:9/jsonRPC'] },
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

  it('a chain it cannot read at start stops the worker with exit 4, not a guessed fee', async () => {
    const w = settings({ 'registry-address': dev.registry.toString() }, 'http://127.0.0.1:9/jsonRPC');
    await expect(openPayouts(w)).rejects.toMatchObject({ code: 'CLI_NETWORK_UNREACHABLE', exitCode: 4 });
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
        model: { id: 'ab'.repeat(32) },
        evidence: { tdx: 'simulated', gpu: 'simulated' },
        prices: { promptNano: '1', completionNano: '1' },
        payoutAddress: payout.toString(),
        dataDir: 'data',
        payments: {
          chain: { endpoints: ['http://127.0.0.1:9/jsonRPC'] },
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
