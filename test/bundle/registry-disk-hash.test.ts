/**
 * The registry's model-disk root hash: for a model whose registry entry lists one, the bundle's runtime log must carry
 * `chrysalis.model-disk.v1` with exactly that hash; a model without one is appraised as before.
 */
import 'reflect-metadata';
import { BundlePolicyError, verifyBundle, type RuntimeEventRecord } from '../../attestation/bundle';
import { RUNTIME_EVENT_MODEL_DISK } from '../../attestation/eventlog';
import { MODEL_ID, registryFor, runtimeEvents, simulateBundle, verifyOptions } from '../../devnet/sim-bundle';
import { toVerifyRegistry, type LoadedRegistry } from '../../cli/registry-source';
import { registryAllowlists } from '../../contracts/wrappers/registry';
import { attestationBundleVerifier } from '../../broker/adapters';
import { toBrokerSnapshot } from '../../broker/chain/registry-view';

const ROOT = 'cd'.repeat(32);
const MODEL_HEX = Buffer.from(MODEL_ID).toString('hex');

function withDisk(root?: string): RuntimeEventRecord[] {
  const [config, model, ready] = runtimeEvents();
  const disk: RuntimeEventRecord[] = root
    ? [{ version: 1, name: RUNTIME_EVENT_MODEL_DISK, payload: Buffer.from(root, 'hex'), instanceSpecific: false }]
    : [];
  return [config!, model!, ...disk, ready!];
}

/** Violation codes of verifyBundle against a registry that lists `registryRoot` (or nothing) for the model. */
async function verdict(eventRoot: string | undefined, registryRoot: string | undefined): Promise<string[]> {
  const b = await simulateBundle({ events: withDisk(eventRoot) });
  const registry = {
    ...registryFor(),
    ...(registryRoot ? { modelDiskRootHashes: { [MODEL_HEX]: registryRoot } } : {}),
  };
  try {
    verifyBundle(b.encoded, verifyOptions({ registry, expectedChallenge: b.challenge }));
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BundlePolicyError);
    expect((err as BundlePolicyError).code).toBe('BUNDLE_POLICY_REJECTED');
    return (err as BundlePolicyError).violations.map((v) => v.code);
  }
}

describe('registry model-disk root hash in bundle verification', () => {
  it('passes a bundle whose model-disk event carries the registry hash', async () => {
    expect(await verdict(ROOT, ROOT)).toEqual([]);
  });

  it('refuses a bundle without the model-disk event when the registry lists a hash', async () => {
    expect(await verdict(undefined, ROOT)).toEqual(['RUNTIME_EVENT_MISSING']);
  });

  it('refuses a bundle whose model-disk event carries another hash', async () => {
    expect(await verdict('ef'.repeat(32), ROOT)).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
  });

  it('leaves a model without a registry hash as before: with or without the event', async () => {
    expect(await verdict(undefined, undefined)).toEqual([]);
    expect(await verdict(ROOT, undefined)).toEqual([]);
    // A hash listed for another model does not apply to this one.
    const b = await simulateBundle({ events: withDisk() });
    const registry = { ...registryFor(), modelDiskRootHashes: { ['ab'.repeat(32)]: ROOT } };
    expect(() => verifyBundle(b.encoded, verifyOptions({ registry, expectedChallenge: b.challenge }))).not.toThrow();
  });

  it('the CLI and wrapper snapshots carry each listed hash, keyed by lower-case model id', () => {
    const upper = MODEL_HEX.toUpperCase();
    const loaded: LoadedRegistry = {
      source: 'file x',
      address: null,
      version: 3,
      images: [],
      platforms: [],
      models: [
        { id: MODEL_HEX, multiplier: 10000, diskRootHash: ROOT },
        { id: 'ab'.repeat(32), multiplier: 10000 },
      ],
      params: undefined as never,
      modelPrices: {},
      brokers: [],
      attestationLog: null,
    };
    expect(toVerifyRegistry(loaded).modelDiskRootHashes).toEqual({ [MODEL_HEX]: ROOT });
    const models = [{ id: upper, multiplier: 1, diskRootHash: ROOT.toUpperCase() }];
    expect(registryAllowlists({ version: 1, images: [], platforms: [], models }).modelDiskRootHashes).toEqual({
      [MODEL_HEX]: ROOT,
    });
  });

  it("the broker's verifier enforces the hash from its chain registry snapshot", async () => {
    const reg = registryFor();
    const snap = toBrokerSnapshot({
      version: 1,
      images: reg.imageIds,
      platforms: reg.platformIds,
      models: [{ id: MODEL_HEX, multiplier: 10000, diskRootHash: ROOT }],
      params: { promptPricePerToken: 1000n, completionPricePerToken: 2000n } as never,
      brokers: [],
      attestationLog: null,
    });
    expect(snap.modelDiskRootHashes).toEqual({ [MODEL_HEX]: ROOT });
    const { trust, policy } = verifyOptions();
    const verifier = attestationBundleVerifier({
      registry: { snapshot: async () => snap },
      ...(trust ? { trust } : {}),
      ...(policy ? { policy } : {}),
    });
    const good = await simulateBundle({ events: withDisk(ROOT) });
    const now = verifyOptions().now;
    await expect(verifier.verify(good.encoded, { now, challenge: good.challenge })).resolves.toBeDefined();
    const bad = await simulateBundle({ events: withDisk() });
    await expect(verifier.verify(bad.encoded, { now, challenge: bad.challenge })).rejects.toMatchObject({
      code: 'BUNDLE_POLICY_REJECTED',
      violations: [expect.objectContaining({ code: 'RUNTIME_EVENT_MISSING' })],
    });
  });
});
