import { Address, toNano } from '@ton/core';
import {
  AttestationLog,
  admissionsFromTransactions,
  NETWORK_GLOBAL_ID,
  paymentChannelCodeHash,
  Registry,
  TonChainClient,
} from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import {
  ChainAdmissionLogger,
  ChainChannelDirectory,
  ChainRegistryView,
  openBrokerWallet,
  type BrokerWallet,
} from '../../broker/chain';
import { fakeClock, hexId, keyFromSeed, openChannelFromWallet, T0 } from './helpers';

describe('broker/chain against the devnet (TonClient -> toncenter-v2 HTTP -> sandbox)', () => {
  const broker = keyFromSeed('bc-broker');
  const client = keyFromSeed('bc-client');
  const ids = { imageId: hexId('bc-img'), platformId: hexId('bc-plt'), modelId: hexId('bc-mdl') };
  let dev: DevnetChain;
  let chain: TonChainClient;
  let wallet: BrokerWallet;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [ids.imageId],
      platforms: [ids.platformId],
      models: [{ id: ids.modelId, multiplier: 15000 }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      params: { promptPricePerToken: 1000n, completionPricePerToken: 3000n },
      fundWallets: [client.publicKey],
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    wallet = openBrokerWallet(chain, broker, { pollMs: 10, confirmTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await dev?.close();
  });

  describe('ChainRegistryView', () => {
    it('maps the populated registry to the admission snapshot and follows a version bump', async () => {
      const clock = fakeClock();
      const view = new ChainRegistryView({ chain, registry: dev.registry, versionCheckMs: 5000, clock });
      const s1 = await view.snapshot();
      expect(s1).toMatchObject({
        imageIds: [ids.imageId],
        platformIds: [ids.platformId],
        modelIds: [ids.modelId],
        modelPrices: { [ids.modelId]: { promptNano: 1500n, completionNano: 4500n } },
      });
      expect(s1.modelMultipliers[ids.modelId]).toBe(15000);
      expect(s1.brokers.map((b) => b.key)).toEqual([Buffer.from(broker.publicKey).toString('hex')]);
      expect(view.reads).toBe(1);

      // Within the interval: served from cache, no chain request.
      expect(await view.snapshot()).toBe(s1);
      expect(view.reads).toBe(1);

      const owner = dev.blockchain.openContract(Registry.createFromAddress(dev.registry));
      await owner.sendAddImage(dev.deployer.getSender(), { imageId: hexId('bc-img-2') });
      expect(await view.snapshot()).toBe(s1); // not re-checked yet
      clock.advance(5000);
      const s2 = await view.snapshot();
      expect(view.reads).toBe(2);
      expect(s2.version).toBe(s1.version + 1);
      expect(s2.imageIds).toContain(hexId('bc-img-2'));

      // Version unchanged after the interval: same snapshot object (only get_version was asked).
      clock.advance(5000);
      expect(await view.snapshot()).toBe(s2);

      await owner.sendRemoveImage(dev.deployer.getSender(), { imageId: hexId('bc-img-2') });
      view.invalidate();
      expect((await view.snapshot()).imageIds).toEqual([ids.imageId]);
    });

    it('fails closed when the chain is unreachable and the snapshot is too old', async () => {
      const clock = fakeClock();
      const dead = new TonChainClient({ network: 'devnet', endpoint: 'http://127.0.0.1:9/jsonRPC', timeoutMs: 2000 });
      const view = new ChainRegistryView({ chain: dead, registry: dev.registry, clock });
      await expect(view.snapshot()).rejects.toMatchObject({ code: 'BROKER_CHAIN_REGISTRY_UNAVAILABLE' });
    });
  });

  describe('ChainAdmissionLogger', () => {
    it('appends admissions to the AttestationLog from the broker wallet; a refused one is dropped with a code, never thrown', async () => {
      const logger = new ChainAdmissionLogger({
        chain,
        registry: dev.registry,
        wallet,
        pollMs: 10,
        confirmTimeoutMs: 5000,
        retryDelayMs: 10,
      });
      const w1 = keyFromSeed('bc-worker-1').publicKey;
      const w2 = keyFromSeed('bc-worker-2').publicKey;
      const ev = (w: Uint8Array, digest: string, imageId = ids.imageId, platformId = ids.platformId) => ({
        workerId: 'x',
        signingPublicKey: w,
        imageId: Buffer.from(imageId, 'hex'),
        platformId: Buffer.from(platformId, 'hex'),
        modelId: Buffer.from(ids.modelId, 'hex'),
        bundleDigest: Buffer.from(digest, 'hex'),
        at: new Date(T0 * 1000),
      });
      await logger.logAdmission(ev(w1, hexId('bundle-1')));
      await logger.logAdmission(ev(w2, hexId('bundle-2')));
      await logger.logAdmission(ev(w2, hexId('bundle-3'), hexId('not-allowed')));
      await logger.logAdmission(ev(w2, hexId('bundle-4'), ids.imageId, hexId('platform-not-allowed'))); // the event's own platform: refused, not replaced
      await logger.logAdmission({ ...ev(w2, hexId('bundle-5')), platformId: new Uint8Array(0) });
      await logger.drain();
      expect(logger.outcomes.map((o) => o.code)).toEqual([
        'OK',
        'OK',
        'BROKER_CHAIN_ADMISSION_REJECTED',
        'BROKER_CHAIN_ADMISSION_REJECTED',
        'BROKER_CHAIN_ADMISSION_PLATFORM_UNKNOWN',
      ]);

      const log = chain.open(AttestationLog.createFromAddress(dev.attestationLog));
      expect(await log.getAdmission(w1)).toMatchObject({
        bundleDigest: hexId('bundle-1'),
        imageId: ids.imageId,
        platformId: ids.platformId,
        modelId: ids.modelId,
      });
      expect(await log.getAdmission(w2)).toMatchObject({ bundleDigest: hexId('bundle-2') });
      const history = admissionsFromTransactions(await chain.getTransactions(dev.attestationLog, { limit: 20 }));
      expect(history.map((h) => h.bundleDigest)).toEqual([hexId('bundle-1'), hexId('bundle-2')]);
      // A re-attestation of an unchanged bundle within its validity sends nothing.
      const before = (await chain.getTransactions(dev.attestationLog, { limit: 50 })).length;
      await logger.logAdmission(ev(w1, hexId('bundle-1')));
      await logger.drain();
      expect(logger.outcomes.at(-1)?.code).toBe('UNCHANGED');
      expect((await chain.getTransactions(dev.attestationLog, { limit: 50 })).length).toBe(before);
      await logger.stop();
    });

    it('retries a failed send and gives up with a code after maxAttempts', async () => {
      const dead = new TonChainClient({ network: 'devnet', endpoint: 'http://127.0.0.1:9/jsonRPC', timeoutMs: 2000 });
      const logger = new ChainAdmissionLogger({
        chain: dead,
        registry: dev.registry,
        wallet,
        maxAttempts: 2,
        retryDelayMs: 1,
      });
      const t0 = logger.logAdmission({
        workerId: 'y',
        signingPublicKey: keyFromSeed('bc-worker-3').publicKey,
        imageId: Buffer.from(ids.imageId, 'hex'),
        platformId: Buffer.from(ids.platformId, 'hex'),
        modelId: Buffer.from(ids.modelId, 'hex'),
        bundleDigest: Buffer.alloc(32, 7),
        at: new Date(T0 * 1000),
      });
      await expect(t0).resolves.toBeUndefined();
      await logger.drain();
      expect(logger.outcomes).toEqual([
        { workerKey: expect.any(String), ok: false, code: 'CHAIN_REQUEST_FAILED', attempts: 2 },
      ]);
    });
  });

  describe('ChainChannelDirectory', () => {
    it('serves the code hash of an account, null when it is not active', async () => {
      const code = await chain.getCodeHash(dev.walletAddress(broker.publicKey));
      expect(code).toEqual(await dev.getCodeHash(dev.walletAddress(broker.publicKey)));
      expect(Buffer.from(code!).equals(Buffer.from(paymentChannelCodeHash()))).toBe(false);
      expect(await chain.getCodeHash(dev.walletAddress(keyFromSeed('nobody').publicKey))).toBeNull();
      expect(await dev.getCodeHash(dev.walletAddress(keyFromSeed('nobody').publicKey))).toBeNull();
      expect(dev.globalId).toBe(NETWORK_GLOBAL_ID.devnet);
    });

    it('knows a client iff its channel names the broker as payee and the client key as payer key', async () => {
      const clock = fakeClock();
      const dir = new ChainChannelDirectory({
        chain,
        brokerWallet: wallet.address,
        clock,
        cacheMs: 1000,
        derive: { paymentChannelCode: dev.codes.paymentChannel, closeDelay: 86_400 },
      });
      expect(await dir.lookup(client.publicKey)).toBeNull(); // no channel yet (cached as unknown)

      const ch = await openChannelFromWallet(chain, client, {
        payee: wallet.address,
        deposit: toNano('3'),
        closeDelay: 86_400,
        code: dev.codes.paymentChannel,
      });
      expect(await dir.lookup(client.publicKey)).toBeNull(); // still cached
      clock.advance(1000);
      expect(await dir.lookup(client.publicKey)).toMatchObject({
        channel: ch.toString(),
        depositNano: Number(toNano('3')),
        view: { globalId: NETWORK_GLOBAL_ID.devnet, deposit: toNano('3'), claimed: 0n, lastSeq: 0n, status: 'open' },
      });
      expect(Buffer.from(paymentChannelCodeHash()).equals(Buffer.from((await chain.getCodeHash(ch))!))).toBe(true);

      // A channel to another payee, registered explicitly: refused.
      const other = keyFromSeed('bc-other-client');
      await dev.fund(dev.walletAddress(other.publicKey), toNano('5'));
      const foreign = await openChannelFromWallet(chain, other, {
        payee: dev.walletAddress(keyFromSeed('someone').publicKey),
        deposit: toNano('1'),
        closeDelay: 86_400,
        code: dev.codes.paymentChannel,
      });
      dir.register(other.publicKey, foreign);
      expect(await dir.lookup(other.publicKey)).toBeNull();
      // The client's own channel registered under a different key: refused (payer key mismatch).
      const third = keyFromSeed('bc-third');
      dir.register(third.publicKey, ch);
      expect(await dir.lookup(third.publicKey)).toBeNull();
      expect(Address.parse(ch.toString()).equals(ch)).toBe(true);

      // A lookalike: the client's own wallet registered as its channel (another contract's code) is refused with a code.
      const fourth = keyFromSeed('bc-fourth');
      await dev.fund(dev.walletAddress(fourth.publicKey), toNano('5'));
      const w4 = await chain.walletSender(fourth);
      await w4.sender.send({ to: dev.walletAddress(fourth.publicKey), value: toNano('0.01') }); // deploys the wallet
      await w4.waitForSeqno(0, { intervalMs: 10, timeoutMs: 5000 });
      dir.register(fourth.publicKey, dev.walletAddress(fourth.publicKey));
      await expect(dir.lookup(fourth.publicKey)).rejects.toMatchObject({ code: 'BROKER_CHANNEL_CODE_MISMATCH' });
    });
  });
});
