import pino from 'pino';
import { toNano } from '@ton/core';
import { AttestationLog, encodeVoucherBoc, signVoucher, TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet';
import { startBroker, type RunningBroker } from '../../broker';
import { MemoryLedger } from '../../broker/ledger/memory';
import { startBrokerChain, type BrokerChain } from '../../broker/chain';
import { hexId, keyFromSeed, openChannelFromWallet, T0 } from './helpers';

describe('startBrokerChain wired into the broker (startBroker) on the devnet', () => {
  const broker = keyFromSeed('bw-broker');
  const client = keyFromSeed('bw-client');
  const ids = { imageId: hexId('bw-img'), platformId: hexId('bw-plt'), modelId: hexId('bw-mdl') };
  let dev: DevnetChain;
  let chain: TonChainClient;
  let bc: BrokerChain;
  let running: RunningBroker;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [ids.imageId],
      platforms: [ids.platformId],
      models: [{ id: ids.modelId }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [client.publicKey],
      params: { clientCloseDelay: 3600 },
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    bc = await startBrokerChain({
      chain,
      registry: dev.registry,
      brokerKey: broker,
      ledger: new MemoryLedger(), // channel code compiled lazily (memoised)
      pollMs: 10,
      confirmTimeoutMs: 5000,
      settlement: { intervalMs: 0 },
    });
    running = await startBroker({
      config: { port: 0, host: '127.0.0.1', dbPath: ':memory:' },
      logger: pino({ level: 'silent' }),
      ...bc.deps,
    });
  });
  afterAll(async () => {
    await running?.close();
    await bc?.stop();
    await dev?.close();
  });

  it('serves the on-chain registry to admission, finds the client channel by derivation, and settles a voucher POSTed to the broker', async () => {
    expect(await bc.deps.registry.snapshot()).toMatchObject({
      imageIds: [ids.imageId],
      platformIds: [ids.platformId],
      modelIds: [ids.modelId],
    });

    // The client opens its channel to the broker's wallet from its own wallet, with the registry's close delay.
    const ch = await openChannelFromWallet(chain, client, {
      payee: bc.wallet.address,
      deposit: toNano('4'),
      closeDelay: 3600,
      code: dev.codes.paymentChannel,
    });
    const found = await bc.deps.channels.lookup(client.publicKey);
    expect(found).toEqual({ channel: ch.toString(), depositNano: Number(toNano('4')) });
    const clientKey = Buffer.from(client.publicKey).toString('hex');
    await bc.deps.ledger.upsertAccount({ clientKey, ...found! }); // what the broker does on the client's first request

    const post = (amount: bigint, seq: bigint, signature?: Uint8Array) => {
      const v = signVoucher({ channel: ch, amount, seq }, client.secretKey);
      return fetch(`${running.url}/v1/vouchers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: ch.toString(),
          cumulativeNano: Number(amount),
          voucher: Buffer.from(encodeVoucherBoc(v)).toString('base64'),
          signature: Buffer.from(signature ?? v.signature).toString('base64'),
          clientKey: Buffer.from(client.publicKey).toString('base64'),
        }),
      });
    };
    expect((await post(toNano('0.25'), 1n)).status).toBe(200);
    expect((await post(toNano('0.5'), 2n, new Uint8Array(64))).status).toBe(401); // TON voucher verifier: bad signature
    expect((await post(toNano('0.75'), 3n)).status).toBe(200);

    await bc.settler.flush();
    expect((await chain.getChannel(ch))?.claimed).toBe(toNano('0.75'));
    expect(bc.settler.claimedTotal()).toBe(toNano('0.75'));
  });

  it('logs an admission through the shared wallet (platform id from the event, i.e. the verified identity)', async () => {
    const workerKey = keyFromSeed('bw-worker').publicKey;
    await bc.deps.admissionLogger.logAdmission({
      workerId: 'w',
      signingPublicKey: workerKey,
      imageId: Buffer.from(ids.imageId, 'hex'),
      platformId: Buffer.from(ids.platformId, 'hex'),
      modelId: Buffer.from(ids.modelId, 'hex'),
      bundleDigest: Buffer.from(hexId('bw-bundle'), 'hex'),
      at: new Date(T0 * 1000),
    });
    await bc.admissionLogger.drain();
    const log = chain.open(AttestationLog.createFromAddress(dev.attestationLog));
    expect(await log.getAdmission(workerKey)).toMatchObject({
      bundleDigest: hexId('bw-bundle'),
      platformId: ids.platformId,
    });
  });
});
