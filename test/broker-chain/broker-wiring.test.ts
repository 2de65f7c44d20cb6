import pino from 'pino';
import { toNano } from '@ton/core';
import { AttestationLog, encodeVoucherBoc, NETWORK_GLOBAL_ID, signVoucher, TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
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
      params: { clientCloseDelay: 3600, promptPricePerToken: 1000n, completionPricePerToken: 2000n },
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
      config: { port: 0, host: '127.0.0.1', dbPath: ':memory:', globalId: dev.globalId },
      logger: pino({ level: 'silent' }),
      ...bc.deps,
    });
  });
  afterAll(async () => {
    await running?.close();
    await bc?.stop();
    await dev?.close();
  });

  it('serves the on-chain registry to admission, finds the client channel by derivation, checks vouchers against it, and settles the accepted one', async () => {
    expect(await bc.deps.registry.snapshot()).toMatchObject({
      imageIds: [ids.imageId],
      platformIds: [ids.platformId],
      modelIds: [ids.modelId],
      modelPrices: { [ids.modelId]: { promptNano: 1000n, completionNano: 2000n } },
    });

    // The client opens its channel to the broker's wallet from its own wallet, with the registry's close delay.
    const ch = await openChannelFromWallet(chain, client, {
      payee: bc.wallet.address,
      deposit: toNano('4'),
      closeDelay: 3600,
      code: dev.codes.paymentChannel,
    });
    const found = await bc.deps.channels.lookup(client.publicKey);
    expect(found).toMatchObject({ channel: ch.toString(), depositNano: Number(toNano('4')) });
    const clientKey = Buffer.from(client.publicKey).toString('hex');
    await bc.deps.ledger.upsertAccount({ clientKey, channel: found!.channel, depositNano: found!.depositNano }); // what the broker does on the client's first request

    const post = (amount: bigint, seq: bigint, o: { signature?: Uint8Array; globalId?: number } = {}) => {
      const v = signVoucher({ channel: ch, globalId: o.globalId ?? dev.globalId, amount, seq }, client.secretKey);
      return fetch(`${running.url}/v1/vouchers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: ch.toString(),
          cumulativeNano: Number(amount),
          voucher: Buffer.from(encodeVoucherBoc(v)).toString('base64'),
          signature: Buffer.from(o.signature ?? v.signature).toString('base64'),
          clientKey: Buffer.from(client.publicKey).toString('base64'),
        }),
      });
    };
    const refused = async (r: Response): Promise<string> => ((await r.json()) as { code: string }).code;
    expect((await post(toNano('0.25'), 1n)).status).toBe(200);
    expect(await refused(await post(toNano('0.5'), 2n, { signature: new Uint8Array(64) }))).toBe(
      'VOUCHER_BAD_SIGNATURE',
    );
    // Same key, same channel, another network's id: never claimable here, so never accepted.
    expect(await refused(await post(toNano('0.5'), 2n, { globalId: NETWORK_GLOBAL_ID.mainnet }))).toBe(
      'VOUCHER_WRONG_NETWORK',
    );
    expect(await refused(await post(toNano('5'), 2n))).toBe('VOUCHER_ABOVE_DEPOSIT'); // the on-chain deposit is 4 TON
    expect((await post(toNano('0.75'), 3n)).status).toBe(200);
    expect(await refused(await post(toNano('0.8'), 3n))).toBe('VOUCHER_STALE_SEQ'); // seq already accepted

    await bc.settler.flush();
    expect((await chain.getChannel(ch))?.claimed).toBe(toNano('0.75'));
    expect(bc.settler.claimedTotal()).toBe(toNano('0.75'));
  });

  it('refuses a client whose registered channel is a lookalike contract (403 BROKER_CHANNEL_CODE_MISMATCH)', async () => {
    const mallory = keyFromSeed('bw-mallory');
    const wallet = dev.walletAddress(mallory.publicKey);
    await dev.fund(wallet, toNano('5'));
    const w = await chain.walletSender(mallory);
    await w.sender.send({ to: wallet, value: toNano('0.01') }); // deploys the wallet: an active contract, not a channel
    await w.waitForSeqno(0, { intervalMs: 10, timeoutMs: 5000 });
    bc.channels.register(mallory.publicKey, wallet);
    const v = signVoucher({ channel: wallet, globalId: dev.globalId, amount: toNano('1'), seq: 1n }, mallory.secretKey);
    const r = await fetch(`${running.url}/v1/vouchers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: wallet.toString(),
        cumulativeNano: Number(toNano('1')),
        voucher: Buffer.from(encodeVoucherBoc(v)).toString('base64'),
        signature: Buffer.from(v.signature).toString('base64'),
        clientKey: Buffer.from(mallory.publicKey).toString('base64'),
      }),
    });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { code: string }).code).toBe('BROKER_CHANNEL_CODE_MISMATCH');
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
