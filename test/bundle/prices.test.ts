/**
 * Committed prices: claims carry the worker's prompt and completion prices (exact u64, canonical), verifyBundle
 * reports them as `VerifiedWorker.prices` and, when the registry snapshot carries `modelPrices`, refuses a bundle
 * priced above the registry (BUNDLE_PRICE_ABOVE_REGISTRY) or for a model without a price (BUNDLE_PRICE_UNKNOWN).
 * Trust files carry `registry.modelPrices` as decimal strings, parsed strictly. SIMULATED devnet artefacts only.
 */
import {
  verifyBundle,
  encodeClaims,
  decodeClaims,
  BundlePriceError,
  BundlePolicyError,
  BUNDLE_PRICE_CODES,
  type WorkerClaims,
} from '../../attestation/bundle';
import {
  modelPricesFromJson,
  parseTrustFile,
  trustFileFromJson,
  trustFileToJson,
  trustFileRoots,
} from '../../attestation/trust-file';
import {
  DEFAULT_SIM_PRICES,
  MODEL_ID,
  pkis,
  registryFor,
  simulateBundle,
  verifyOptions,
} from '../../devnet/sim-bundle';
import { codeOf } from '../helpers/codes';

const U64_MAX = (1n << 64n) - 1n;
const MODEL_HEX = Buffer.from(MODEL_ID).toString('hex');

describe('claimed prices in verifyBundle', () => {
  let encoded: Uint8Array;
  let claims: WorkerClaims;
  beforeAll(async () => {
    const b = await simulateBundle({ prices: { promptNano: 300n, completionNano: 900n } });
    encoded = b.encoded;
    claims = b.claims;
  });
  const withPrices = (modelPrices: Record<string, { promptNano: bigint; completionNano: bigint }>) =>
    verifyOptions({ registry: { ...registryFor(), modelPrices } });

  it('the claims carry the prices and VerifiedWorker.prices reports them', async () => {
    expect(claims.promptPriceNano).toBe(300n);
    expect(claims.completionPriceNano).toBe(900n);
    const w = verifyBundle(encoded, verifyOptions());
    expect(w.prices).toEqual({ promptNano: 300n, completionNano: 900n });
    expect(Object.isFrozen(w.prices)).toBe(true);
    const d = await simulateBundle();
    expect(d.claims.promptPriceNano).toBe(DEFAULT_SIM_PRICES.promptNano);
    expect(d.claims.completionPriceNano).toBe(DEFAULT_SIM_PRICES.completionNano);
  });

  it('prices at or below the registry are accepted', () => {
    const at = { [MODEL_HEX]: { promptNano: 300n, completionNano: 900n } };
    expect(verifyBundle(encoded, withPrices(at)).prices.completionNano).toBe(900n);
    const above = { [MODEL_HEX]: { promptNano: 301n, completionNano: 10_000n } };
    expect(verifyBundle(encoded, withPrices(above)).prices.promptNano).toBe(300n);
    // registryFor builds the same entry from a ModelPrice
    const reg = registryFor(undefined, MODEL_ID, { promptNano: 300n, completionNano: 900n });
    expect(verifyBundle(encoded, verifyOptions({ registry: reg })).modelId).toBe(MODEL_HEX);
  });

  it.each<[string, bigint, bigint]>([
    ['prompt', 299n, 900n],
    ['completion', 300n, 899n],
    ['both', 0n, 0n],
  ])('a claimed %s price above the registry is BUNDLE_PRICE_ABOVE_REGISTRY', (_which, prompt, completion) => {
    const opts = withPrices({ [MODEL_HEX]: { promptNano: prompt, completionNano: completion } });
    expect(codeOf(() => verifyBundle(encoded, opts))).toBe('BUNDLE_PRICE_ABOVE_REGISTRY');
    try {
      verifyBundle(encoded, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(BundlePriceError);
      expect((e as BundlePriceError).details).toMatchObject({
        modelId: MODEL_HEX,
        promptPriceNano: '300',
        completionPriceNano: '900',
        registryPromptNano: String(prompt),
        registryCompletionNano: String(completion),
      });
    }
  });

  it('a registry without a price for the model is BUNDLE_PRICE_UNKNOWN (also for an inherited key)', () => {
    const other = { ['ab'.repeat(32)]: { promptNano: 1000n, completionNano: 1000n } };
    expect(codeOf(() => verifyBundle(encoded, withPrices(other)))).toBe('BUNDLE_PRICE_UNKNOWN');
    expect(codeOf(() => verifyBundle(encoded, withPrices({})))).toBe('BUNDLE_PRICE_UNKNOWN');
    const inherited = Object.create({ [MODEL_HEX]: { promptNano: U64_MAX, completionNano: U64_MAX } }) as Record<
      string,
      { promptNano: bigint; completionNano: bigint }
    >;
    expect(codeOf(() => verifyBundle(encoded, withPrices(inherited)))).toBe('BUNDLE_PRICE_UNKNOWN');
  });

  it('without modelPrices prices are not checked (offline audit)', async () => {
    const dear = await simulateBundle({ prices: { promptNano: U64_MAX, completionNano: U64_MAX } });
    expect(verifyBundle(dear.encoded, verifyOptions()).prices).toEqual({
      promptNano: U64_MAX,
      completionNano: U64_MAX,
    });
  });

  it('a policy rejection is reported before the price check', () => {
    const opts = verifyOptions({
      registry: {
        ...registryFor(),
        imageIds: [],
        modelPrices: { [MODEL_HEX]: { promptNano: 0n, completionNano: 0n } },
      },
    });
    expect(codeOf(() => verifyBundle(encoded, opts))).toBe('BUNDLE_POLICY_REJECTED');
    expect(() => verifyBundle(encoded, opts)).toThrow(BundlePolicyError);
  });

  it('the price codes are exported', () => {
    expect([...BUNDLE_PRICE_CODES]).toEqual(['BUNDLE_PRICE_ABOVE_REGISTRY', 'BUNDLE_PRICE_UNKNOWN']);
  });
});

describe('claims price encoding', () => {
  let claims: WorkerClaims;
  beforeAll(async () => {
    claims = (await simulateBundle()).claims;
  });

  it('u64 prices round-trip exactly, up to 2^64-1 and beyond 2^53', () => {
    for (const p of [1n, 2n ** 53n + 1n, U64_MAX]) {
      const c = decodeClaims(encodeClaims({ ...claims, promptPriceNano: p, completionPriceNano: U64_MAX - p }));
      expect(c.promptPriceNano).toBe(p);
      expect(c.completionPriceNano).toBe(U64_MAX - p);
    }
  });

  it('zero prices are omitted (proto3 default): the encoding has no fields 13 and 14', () => {
    const zero = encodeClaims({ ...claims, promptPriceNano: 0n, completionPriceNano: 0n });
    const priced = encodeClaims(claims);
    expect(priced.length).toBeGreaterThan(zero.length);
    const c = decodeClaims(zero);
    expect([c.promptPriceNano, c.completionPriceNano]).toEqual([0n, 0n]);
    // field 13 = 0 written explicitly is not canonical
    const explicitZero = Buffer.concat([Buffer.from(zero), Buffer.from([0x68, 0x00])]);
    expect(codeOf(() => decodeClaims(explicitZero))).toBe('BUNDLE_CLAIMS_NOT_CANONICAL');
    // a non-minimal varint for field 14 is not canonical either
    const padded = Buffer.concat([Buffer.from(zero), Buffer.from([0x70, 0x85, 0x00])]);
    expect(codeOf(() => decodeClaims(padded))).toBe('BUNDLE_CLAIMS_NOT_CANONICAL');
  });

  it.each<[string, Partial<WorkerClaims>]>([
    ['a negative prompt price', { promptPriceNano: -1n }],
    ['a completion price above u64', { completionPriceNano: U64_MAX + 1n }],
    ['a number price', { promptPriceNano: 5 as unknown as bigint }],
    ['a missing price', { completionPriceNano: undefined as unknown as bigint }],
  ])('%s is BUNDLE_CLAIMS_FIELD_INVALID', (_name, change) => {
    expect(codeOf(() => encodeClaims({ ...claims, ...change }))).toBe('BUNDLE_CLAIMS_FIELD_INVALID');
  });
});

describe('trust file registry.modelPrices', () => {
  const { intel } = pkis();
  const roots = {
    kind: 'devnet',
    intel: { intelRootCaDer: [{ b64: Buffer.from(intel.rootCaDer).toString('base64') }] },
  };
  const file = (registry: unknown): string => JSON.stringify({ ...roots, registry });
  const id = 'ab'.repeat(32);

  it('parses decimal strings into bigints, exposed as TrustFileRoots.modelPrices, and round-trips', () => {
    const text = file({ modelPrices: { [id]: { promptNano: '123', completionNano: '18446744073709551615' } } });
    const r = parseTrustFile(text);
    expect(r.modelPrices).toEqual({ [id]: { promptNano: 123n, completionNano: U64_MAX } });
    const t = trustFileFromJson(text);
    expect(trustFileFromJson(trustFileToJson(t))).toEqual(t);
    expect(JSON.parse(trustFileToJson(t)).registry.modelPrices[id]).toEqual({
      promptNano: '123',
      completionNano: '18446744073709551615',
    });
  });

  it('a file without registry, or with an empty registry, has no modelPrices', () => {
    expect(parseTrustFile(JSON.stringify(roots)).modelPrices).toBeUndefined();
    expect(parseTrustFile(file({})).modelPrices).toBeUndefined();
    expect(trustFileRoots(trustFileFromJson(file({}))).modelPrices).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['registry not an object', 'prices'],
    ['registry an array', []],
    ['an unknown registry field', { imageIds: [] }],
    ['modelPrices an array', { modelPrices: [] }],
    ['modelPrices null', { modelPrices: null }],
    ['an upper-case model id', { modelPrices: { ['AB'.repeat(32)]: { promptNano: '1', completionNano: '1' } } }],
    ['a short model id', { modelPrices: { abcd: { promptNano: '1', completionNano: '1' } } }],
    ['an entry that is not an object', { modelPrices: { [id]: '1' } }],
    ['an entry that is an array', { modelPrices: { [id]: ['1', '1'] } }],
    ['a number price', { modelPrices: { [id]: { promptNano: 1, completionNano: '1' } } }],
    ['a negative price', { modelPrices: { [id]: { promptNano: '-1', completionNano: '1' } } }],
    ['a leading zero', { modelPrices: { [id]: { promptNano: '01', completionNano: '1' } } }],
    ['a fraction', { modelPrices: { [id]: { promptNano: '1.5', completionNano: '1' } } }],
    ['a price above u64', { modelPrices: { [id]: { promptNano: '1', completionNano: '18446744073709551616' } } }],
    ['a missing price', { modelPrices: { [id]: { promptNano: '1' } } }],
    ['an extra field', { modelPrices: { [id]: { promptNano: '1', completionNano: '1', multiplier: '1' } } }],
  ])('%s is TRUST_FILE_INVALID', (_name, registry) => {
    expect(codeOf(() => parseTrustFile(file(registry)))).toBe('TRUST_FILE_INVALID');
  });

  it('modelPricesFromJson is the same strict parser, naming the field it was given', () => {
    expect(modelPricesFromJson({ [id]: { promptNano: '0', completionNano: '7' } })).toEqual({
      [id]: { promptNano: 0n, completionNano: 7n },
    });
    try {
      modelPricesFromJson('x', 'prices');
      throw new Error('accepted');
    } catch (e) {
      expect((e as Error).message).toContain('prices must be an object');
    }
  });
});
