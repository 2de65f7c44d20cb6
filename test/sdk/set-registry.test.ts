/**
 * `ChrysalisClient.setRegistry`: a client built with `verify` follows a newer registry snapshot (only a higher
 * version); from then on every bundle is verified again under it and its model prices are the default caps. A worker
 * whose image the new registry no longer lists gets no prompt. A client built with a custom `bundleVerifier` cannot
 * follow a registry. A REAL worker on SIMULATED devnet TDX evidence behind an honest relaying broker double.
 */
import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { ChrysalisClient, type ModelPrice } from '../../sdk';
import type { RegistrySnapshot } from '../../attestation/bundle/verify-types';
import { createNoGpuProvider, createWorker, type Worker } from '../../enclave-runtime';
import { createDevnetIntelPki, createSimulatedTdx, type DevnetIntelPki } from '../../devnet';
import {
  CHANNEL,
  COMMITTED,
  HostileBroker,
  MODEL_HEX,
  NOW,
  REGISTRY,
  engine,
} from '../adversarial/hostile-broker-double';
import { testBundleVerifier } from './fixtures';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('ChrysalisClient.setRegistry', () => {
  jest.setTimeout(60_000);
  let pki: DevnetIntelPki;
  let worker: Worker;
  let broker: HostileBroker;
  const seed = new Uint8Array(randomBytes(32));

  const snapshot = (version: number, o: { image?: string; prices?: ModelPrice } = {}): RegistrySnapshot => ({
    version,
    imageIds: [o.image ?? hex(worker.imageId)],
    platformIds: [hex(worker.platformId)],
    modelIds: [MODEL_HEX],
    modelPrices: { [MODEL_HEX]: o.prices ?? REGISTRY },
  });
  const client = (registry: RegistrySnapshot): ChrysalisClient =>
    new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: seed,
      verify: {
        trust: { intel: { intelRootCaDer: [pki.rootCaDer] } },
        policy: { minGpus: 0, quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } },
        registry,
        collateral: pki.collateral,
      },
      now: () => NOW,
      listingTtlMs: 0,
    });
  const codeOf = async (c: ChrysalisClient): Promise<string> => {
    try {
      await c.chat({ model: MODEL_HEX, messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 });
      return 'ANSWERED';
    } catch (e) {
      return String((e as { code?: string }).code);
    }
  };

  beforeAll(async () => {
    pki = createDevnetIntelPki({ seed: 'set-registry', issuedAt: new Date(NOW.getTime() - 86_400_000) });
    worker = await createWorker({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: { now: () => NOW },
      reattestIntervalMs: 0,
      logger: pino({ level: 'silent' }),
      prices: COMMITTED,
    });
  });
  afterAll(async () => {
    await worker?.close();
  });
  beforeEach(async () => {
    broker = new HostileBroker();
    await broker.start();
    broker.listed = [{ worker }];
  });
  afterEach(async () => {
    await broker.close();
  });

  it('adopts only a higher version', () => {
    const c = client(snapshot(5));
    expect(c.registryVersion).toBe(5);
    expect(c.setRegistry(snapshot(5))).toBe(false);
    expect(c.setRegistry(snapshot(4))).toBe(false);
    expect(c.registryVersion).toBe(5);
    expect(c.setRegistry(snapshot(6))).toBe(true);
    expect(c.registryVersion).toBe(6);
  });

  it('a snapshot without a version never replaces one with a version', () => {
    const c = client(snapshot(1));
    const { version: _v, ...unversioned } = snapshot(9);
    expect(c.setRegistry(unversioned)).toBe(false);
    expect(c.registryVersion).toBe(1);
  });

  it('refuses a client built with a custom bundleVerifier: SDK_CONFIG_INVALID', () => {
    const c = new ChrysalisClient({
      broker: 'http://127.0.0.1:1',
      channel: CHANNEL,
      channelKey: seed,
      bundleVerifier: testBundleVerifier(),
    });
    expect(c.registryVersion).toBeUndefined();
    expect(() => c.setRegistry(snapshot(2))).toThrow(expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }));
  });

  it('after adoption a worker whose image the registry no longer lists gets no prompt', async () => {
    const c = client(snapshot(1));
    expect(await codeOf(c)).toBe('ANSWERED');
    expect(await c.listWorkers({ refresh: true })).toHaveLength(1);
    const submits = broker.submits.length;
    expect(c.setRegistry(snapshot(2, { image: 'ee'.repeat(32) }))).toBe(true);
    expect(await c.listWorkers({ refresh: true })).toHaveLength(0);
    expect(await codeOf(c)).toBe('SDK_BUNDLE_INVALID');
    expect(broker.submits).toHaveLength(submits);
  });

  it("after adoption the new registry's model prices are the caps", async () => {
    // The worker commits to 7/9; a registry at 5/9 is below its prompt price.
    const c = client(snapshot(1, { prices: { promptNano: 5n, completionNano: 9n } }));
    expect(await codeOf(c)).toBe('SDK_PRICE_ABOVE_REGISTRY');
    expect(c.setRegistry(snapshot(2, { prices: { promptNano: 7n, completionNano: 9n } }))).toBe(true);
    expect(await codeOf(c)).toBe('ANSWERED');
    expect(c.setRegistry(snapshot(3, { prices: { promptNano: 7n, completionNano: 8n } }))).toBe(true);
    expect(await codeOf(c)).toBe('SDK_PRICE_ABOVE_REGISTRY');
    expect(broker.submits).toHaveLength(1);
  });
});
