import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { type Cell, toNano } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry } from '../../contracts/wrappers/registry';
import { admissionsFromTransactions, AttestationLog } from '../../contracts/wrappers/attestation-log';
import { ExitCodes, MIN_CLOSE_DELAY, Opcodes } from '../../contracts/constants';
import { hexId, keyFromSeed, newChain, type Treasury } from './helpers';

describe('Registry', () => {
  let code: Cell;
  let logCode: Cell;
  let bc: Blockchain;
  let owner: Treasury;
  let stranger: Treasury;
  let registry: SandboxContract<Registry>;

  beforeAll(async () => {
    code = await compileContract('registry');
    logCode = await compileContract('attestation_log');
  });

  beforeEach(async () => {
    bc = await newChain();
    owner = await bc.treasury('owner');
    stranger = await bc.treasury('stranger');
    registry = bc.openContract(Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, code));
    const r = await registry.sendDeploy(owner.getSender(), toNano('0.5'));
    expect(r.transactions).toHaveTransaction({ to: registry.address, deploy: true, success: true });
  });

  it('starts empty at version 0 with the configured params', async () => {
    const d = await registry.getRegistryData();
    expect(d.owner.equals(owner.address)).toBe(true);
    expect(d.version).toBe(0);
    expect(d.attestationLog).toBeNull();
    expect(await registry.getParams()).toEqual(DEFAULT_PARAMS);
    expect(await registry.getLists()).toEqual({ images: [], platforms: [], models: [], brokers: [] });
  });

  it('owner adds and removes images, platforms, models; each change bumps the version and returns excess', async () => {
    const img = hexId('image-1');
    const plt = hexId('platform-1');
    const mdl = hexId('model-1');
    const r = await registry.sendAddImage(owner.getSender(), { imageId: img });
    expect(r.transactions).toHaveTransaction({ from: registry.address, to: owner.address, op: Opcodes.excesses });
    await registry.sendAddPlatform(owner.getSender(), { platformId: plt });
    await registry.sendAddModel(owner.getSender(), { modelId: mdl, multiplier: 15000 });
    expect(await registry.getVersion()).toBe(3);
    expect(await registry.getImageAllowed(img)).toBe(true);
    expect(await registry.getImageAllowed(hexId('other'))).toBe(false);
    expect(await registry.getPlatformAllowed(plt)).toBe(true);
    expect(await registry.getModelMultiplier(mdl)).toBe(15000);
    expect(await registry.getModelMultiplier(hexId('other'))).toBe(0);
    expect(await registry.getLists()).toEqual({
      images: [img],
      platforms: [plt],
      models: [{ id: mdl, multiplier: 15000 }],
      brokers: [],
    });

    await registry.sendRemoveImage(owner.getSender(), { imageId: img });
    await registry.sendRemovePlatform(owner.getSender(), { platformId: plt });
    await registry.sendRemoveModel(owner.getSender(), { modelId: mdl });
    expect(await registry.getVersion()).toBe(6);
    expect(await registry.getImageAllowed(img)).toBe(false);
    expect(await registry.getPlatformAllowed(plt)).toBe(false);
    expect(await registry.getModelMultiplier(mdl)).toBe(0);
  });

  it('rejects removing what is not there and a zero model multiplier', async () => {
    let r = await registry.sendRemoveImage(owner.getSender(), { imageId: hexId('nope') });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_FOUND,
    });
    r = await registry.sendRemovePlatform(owner.getSender(), { platformId: hexId('nope') });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_FOUND,
    });
    r = await registry.sendRemoveModel(owner.getSender(), { modelId: hexId('nope') });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_FOUND,
    });
    r = await registry.sendRemoveBroker(owner.getSender(), { brokerKey: hexId('nope') });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_FOUND,
    });
    r = await registry.sendAddModel(owner.getSender(), { modelId: hexId('m'), multiplier: 0 });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_BAD_PARAMS,
    });
    expect(await registry.getVersion()).toBe(0);
  });

  it('refuses every owner operation from another sender, and the value bounces back', async () => {
    const s = stranger.getSender();
    const id = hexId('x');
    const ops = [
      () => registry.sendAddImage(s, { imageId: id }),
      () => registry.sendRemoveImage(s, { imageId: id }),
      () => registry.sendAddPlatform(s, { platformId: id }),
      () => registry.sendRemovePlatform(s, { platformId: id }),
      () => registry.sendAddModel(s, { modelId: id, multiplier: 10000 }),
      () => registry.sendRemoveModel(s, { modelId: id }),
      () => registry.sendAddBroker(s, { brokerKey: id, wallet: stranger.address, endpoint: 'https://evil' }),
      () => registry.sendRemoveBroker(s, { brokerKey: id }),
      () => registry.sendSetParams(s, { params: { ...DEFAULT_PARAMS, promptPricePerToken: 1n } }),
      () => registry.sendSetAttestationLog(s, { log: stranger.address }),
      () => registry.sendProposeOwner(s, { newOwner: stranger.address }),
      () => registry.sendCancelOwner(s),
      () => registry.sendUpgrade(s, { code }),
    ];
    for (const op of ops) {
      const r = await op();
      expect(r.transactions).toHaveTransaction({
        from: stranger.address,
        to: registry.address,
        success: false,
        exitCode: ExitCodes.ERR_NOT_OWNER,
      });
      expect(r.transactions).toHaveTransaction({
        from: registry.address,
        to: stranger.address,
        inMessageBounced: true,
      });
    }
    expect(await registry.getVersion()).toBe(0);
  });

  it('registers, replaces and removes brokers with their endpoint', async () => {
    const key = keyFromSeed('broker').publicKey;
    const endpoint = 'https://broker.example.org:8443/v1/' + 'x'.repeat(200); // longer than one cell
    await registry.sendAddBroker(owner.getSender(), { brokerKey: key, wallet: stranger.address, endpoint });
    const b = await registry.getBroker(key);
    expect(b?.wallet.equals(stranger.address)).toBe(true);
    expect(b?.endpoint).toBe(endpoint);
    await registry.sendAddBroker(owner.getSender(), { brokerKey: key, wallet: owner.address, endpoint: 'https://b2' });
    expect((await registry.getBroker(key))?.endpoint).toBe('https://b2');
    expect((await registry.getLists()).brokers).toHaveLength(1);
    await registry.sendRemoveBroker(owner.getSender(), { brokerKey: key });
    expect(await registry.getBroker(key)).toBeNull();
    expect(await registry.getVersion()).toBe(3);
  });

  it('sets params (two prices; fee at most 100 %; close delays at least MIN_CLOSE_DELAY) and the attestation log', async () => {
    const params = {
      ...DEFAULT_PARAMS,
      promptPricePerToken: 7n,
      completionPricePerToken: 21n,
      brokerFeeBps: 2500,
      clientCloseDelay: MIN_CLOSE_DELAY,
      workerCloseDelay: 7200,
    };
    await registry.sendSetParams(owner.getSender(), { params });
    expect(await registry.getParams()).toEqual(params);
    for (const bad of [
      { ...params, brokerFeeBps: 10001 },
      { ...params, clientCloseDelay: MIN_CLOSE_DELAY - 1 },
      { ...params, workerCloseDelay: 60 },
    ]) {
      const r = await registry.sendSetParams(owner.getSender(), { params: bad });
      expect(r.transactions).toHaveTransaction({
        to: registry.address,
        success: false,
        exitCode: ExitCodes.ERR_BAD_PARAMS,
      });
    }
    expect(await registry.getParams()).toEqual(params);
    await registry.sendSetAttestationLog(owner.getSender(), { log: stranger.address });
    expect((await registry.getRegistryData()).attestationLog?.equals(stranger.address)).toBe(true);
    expect(await registry.getVersion()).toBe(2);
  });

  it('the default params hold both prices and close delays the contracts accept', () => {
    expect(DEFAULT_PARAMS.promptPricePerToken).toBeGreaterThan(0n);
    expect(DEFAULT_PARAMS.completionPricePerToken).toBeGreaterThan(0n);
    expect(DEFAULT_PARAMS.clientCloseDelay).toBeGreaterThanOrEqual(MIN_CLOSE_DELAY);
    expect(DEFAULT_PARAMS.workerCloseDelay).toBeGreaterThanOrEqual(MIN_CLOSE_DELAY);
  });

  it('transfers ownership: the new owner rules, the old one is refused', async () => {
    await registry.sendProposeOwner(owner.getSender(), { newOwner: stranger.address });
    await registry.sendAcceptOwner(stranger.getSender());
    expect((await registry.getRegistryData()).owner.equals(stranger.address)).toBe(true);
    let r = await registry.sendAddImage(owner.getSender(), { imageId: hexId('i') });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_OWNER,
    });
    r = await registry.sendAddImage(stranger.getSender(), { imageId: hexId('i') });
    expect(r.transactions).toHaveTransaction({ to: registry.address, success: true });
    expect(await registry.getVersion()).toBe(3);
  });

  it('accepts plain top-ups and refuses unknown opcodes', async () => {
    let r = await owner.send({ to: registry.address, value: toNano('1') });
    expect(r.transactions).toHaveTransaction({ to: registry.address, success: true });
    r = await registry.sendAddImage(owner.getSender(), { imageId: hexId('i') });
    const bogus = Registry.body(0x12345678, 0n);
    r = await owner.send({ to: registry.address, value: toNano('0.1'), body: bogus });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_UNKNOWN_OP,
    });
  });

  describe('admissions', () => {
    const brokerKp = keyFromSeed('broker-1');
    const ids = { imageId: hexId('img'), platformId: hexId('plt'), modelId: hexId('mdl') };
    const admission = { workerKey: keyFromSeed('worker-1').publicKey, bundleDigest: hexId('bundle-1'), ...ids };
    let brokerWallet: Treasury;
    let log: SandboxContract<AttestationLog>;

    beforeEach(async () => {
      brokerWallet = await bc.treasury('broker-wallet');
      log = bc.openContract(AttestationLog.createFromConfig({ registry: registry.address }, logCode));
      await log.sendDeploy(owner.getSender(), toNano('0.2'));
      await registry.sendAddImage(owner.getSender(), { imageId: ids.imageId });
      await registry.sendAddPlatform(owner.getSender(), { platformId: ids.platformId });
      await registry.sendAddModel(owner.getSender(), { modelId: ids.modelId, multiplier: 10000 });
      await registry.sendAddBroker(owner.getSender(), {
        brokerKey: brokerKp.publicKey,
        wallet: brokerWallet.address,
        endpoint: 'wss://b1',
      });
    });

    it('refuses admissions while no log is configured', async () => {
      const r = await registry.sendSubmitAdmission(brokerWallet.getSender(), {
        brokerKey: brokerKp.publicKey,
        admission,
      });
      expect(r.transactions).toHaveTransaction({
        to: registry.address,
        success: false,
        exitCode: ExitCodes.ERR_NO_LOG,
      });
    });

    describe('with the log configured', () => {
      beforeEach(async () => {
        await registry.sendSetAttestationLog(owner.getSender(), { log: log.address });
      });

      it("forwards a registered broker's admission to the log, which stores it and returns the excess", async () => {
        bc.now = 1767229200;
        const r = await registry.sendSubmitAdmission(brokerWallet.getSender(), {
          brokerKey: brokerKp.publicKey,
          admission,
        });
        expect(r.transactions).toHaveTransaction({
          from: registry.address,
          to: log.address,
          op: Opcodes.logAdmission,
          success: true,
        });
        expect(r.transactions).toHaveTransaction({ from: log.address, to: brokerWallet.address, op: Opcodes.excesses });
        const [rec] = admissionsFromTransactions(
          r.transactions.filter((t) => t.inMessage?.info.dest?.toString() === log.address.toString()),
        );
        expect(rec).toMatchObject({
          brokerKey: Buffer.from(brokerKp.publicKey).toString('hex'),
          at: 1767229200,
          index: 0n,
          workerKey: Buffer.from(admission.workerKey).toString('hex'),
          bundleDigest: admission.bundleDigest,
          ...ids,
        });
        expect((await log.getLogData()).count).toBe(1n);
      });

      it('refuses an unregistered key, a wrong wallet, disallowed ids and too little value', async () => {
        const cases: [() => Promise<unknown>, number][] = [
          [
            () => registry.sendSubmitAdmission(brokerWallet.getSender(), { brokerKey: hexId('unknown'), admission }),
            ExitCodes.ERR_NOT_BROKER,
          ],
          [
            () => registry.sendSubmitAdmission(stranger.getSender(), { brokerKey: brokerKp.publicKey, admission }),
            ExitCodes.ERR_NOT_BROKER,
          ],
          [
            () =>
              registry.sendSubmitAdmission(brokerWallet.getSender(), {
                brokerKey: brokerKp.publicKey,
                admission: { ...admission, imageId: hexId('bad') },
              }),
            ExitCodes.ERR_IMAGE_NOT_ALLOWED,
          ],
          [
            () =>
              registry.sendSubmitAdmission(brokerWallet.getSender(), {
                brokerKey: brokerKp.publicKey,
                admission: { ...admission, platformId: hexId('bad') },
              }),
            ExitCodes.ERR_PLATFORM_NOT_ALLOWED,
          ],
          [
            () =>
              registry.sendSubmitAdmission(brokerWallet.getSender(), {
                brokerKey: brokerKp.publicKey,
                admission: { ...admission, modelId: hexId('bad') },
              }),
            ExitCodes.ERR_MODEL_NOT_ALLOWED,
          ],
          [
            () =>
              registry.sendSubmitAdmission(brokerWallet.getSender(), {
                brokerKey: brokerKp.publicKey,
                admission,
                value: toNano('0.01'),
              }),
            ExitCodes.ERR_LOW_VALUE,
          ],
        ];
        for (const [send, code] of cases) {
          const r = (await send()) as { transactions: unknown };
          expect(r.transactions).toHaveTransaction({ to: registry.address, success: false, exitCode: code });
        }
        expect((await log.getLogData()).count).toBe(0n);
      });

      it('handles a bounce from a log that refuses it (a log bound to another registry)', async () => {
        const foreignLog = bc.openContract(AttestationLog.createFromConfig({ registry: stranger.address }, logCode));
        await foreignLog.sendDeploy(owner.getSender(), toNano('0.2'));
        await registry.sendSetAttestationLog(owner.getSender(), { log: foreignLog.address });
        const version = await registry.getVersion();
        const r = await registry.sendSubmitAdmission(brokerWallet.getSender(), {
          brokerKey: brokerKp.publicKey,
          admission,
        });
        expect(r.transactions).toHaveTransaction({
          from: registry.address,
          to: foreignLog.address,
          success: false,
          exitCode: ExitCodes.ERR_NOT_REGISTRY,
        });
        expect(r.transactions).toHaveTransaction({
          from: foreignLog.address,
          to: registry.address,
          inMessageBounced: true,
          success: true,
        });
        expect(await registry.getVersion()).toBe(version);
        expect((await foreignLog.getLogData()).count).toBe(0n);
      });

      it('refuses a broker removed from the registry from then on', async () => {
        await registry.sendRemoveBroker(owner.getSender(), { brokerKey: brokerKp.publicKey });
        const r = await registry.sendSubmitAdmission(brokerWallet.getSender(), {
          brokerKey: brokerKp.publicKey,
          admission,
        });
        expect(r.transactions).toHaveTransaction({
          to: registry.address,
          success: false,
          exitCode: ExitCodes.ERR_NOT_BROKER,
        });
      });
    });
  });
});
