/**
 * SDK verification caches never outlive the evidence: an entry expires at the earlier of its TTL and the validity the
 * verifier reported (`validUntil`), on an injected clock. Oversized bundles are refused before hashing or verifying.
 */
import { MAX_BUNDLE_BYTES } from '../../attestation/bundle';
import { AttestationCache, defaultBundleVerifier, type BundleIdentity } from '../../sdk/attested';
import { BundleCache } from '../../sdk/bundle-cache';
import { NOW, simulateBundle, verifyOptions } from '../../devnet';

const at = (ms: number): Date => new Date(ms);

describe('BundleCache expiry', () => {
  test('an entry lives until the earlier of storedAt + ttl and validUntil', () => {
    const c = new BundleCache<string>({ ttlMs: 1000 });
    c.set('short', 'v', at(10_000), at(10_300));
    c.set('long', 'v', at(10_000), at(99_000));
    c.set('none', 'v', at(10_000));
    expect(c.get('short', at(10_299))).toBe('v');
    expect(c.get('short', at(10_300))).toBeUndefined();
    expect(c.get('long', at(10_999))).toBe('v');
    expect(c.get('long', at(11_000))).toBeUndefined();
    expect(c.get('none', at(10_999))).toBe('v');
    expect(c.get('none', at(11_000))).toBeUndefined();
  });

  test('evidence already expired is not stored (and replaces nothing stale)', () => {
    const c = new BundleCache<string>({ ttlMs: 1000 });
    c.set('d', 'old', at(0));
    c.set('d', 'new', at(500), at(500));
    expect(c.get('d', at(500))).toBeUndefined();
    expect(c.size).toBe(0);
  });

  test('an invalid validUntil falls back to the TTL; a clock going backwards misses', () => {
    const c = new BundleCache<string>({ ttlMs: 1000 });
    c.set('d', 'v', at(5000), new Date(Number.NaN));
    expect(c.get('d', at(5999))).toBe('v');
    expect(c.get('d', at(4999))).toBeUndefined();
  });
});

describe('AttestationCache expiry', () => {
  const identity = (validUntil?: Date): BundleIdentity => ({
    hpkePublicKey: new Uint8Array(32).fill(1),
    signingPublicKey: new Uint8Array(32).fill(2),
    imageId: 'aa',
    platformId: 'bb',
    modelId: 'cc',
    prices: { promptNano: 1n, completionNano: 2n },
    ...(validUntil ? { validUntil } : {}),
  });

  test('a verdict is reused only while the evidence is valid, then the bundle is verified again', async () => {
    let calls = 0;
    const cache = new AttestationCache(
      () => {
        calls++;
        return identity(at(20_000));
      },
      { ttlMs: 600_000 },
    );
    const bundle = new Uint8Array([1, 2, 3]);
    await cache.verify('w', bundle, at(10_000));
    await cache.verify('w', bundle, at(19_999));
    expect([calls, cache.stats.hits]).toEqual([1, 1]);
    await cache.verify('w', bundle, at(20_000));
    expect([calls, cache.stats.misses]).toEqual([2, 2]);
  });

  test('an oversized bundle is refused (BUNDLE_MALFORMED) without calling the verifier', async () => {
    let calls = 0;
    const cache = new AttestationCache(() => {
      calls++;
      return identity();
    });
    for (const size of [0, MAX_BUNDLE_BYTES + 1]) {
      await expect(cache.verify('w', new Uint8Array(size), at(0))).rejects.toMatchObject({
        code: 'SDK_BUNDLE_INVALID',
        details: { workerId: 'w', causeCode: 'BUNDLE_MALFORMED', bytes: size },
      });
    }
    expect([calls, cache.stats.failures]).toEqual([0, 2]);
  });

  test('the default verifier reports validUntil: a cached verdict ends with the bundle age limit, not the TTL', async () => {
    const { now: _now, ...cfg } = verifyOptions();
    const cache = new AttestationCache(defaultBundleVerifier(cfg), { ttlMs: 2 * 3600_000 });
    const { encoded } = await simulateBundle();
    const first = await cache.verify('w', encoded, NOW);
    expect(first.bundleDigest).toHaveLength(64);
    // issued_at = NOW, default maxAgeSeconds = 3600: valid until NOW + 1 h
    await cache.verify('w', encoded, at(NOW.getTime() + 3600_000 - 1));
    expect(cache.stats.hits).toBe(1);
    await expect(cache.verify('w', encoded, at(NOW.getTime() + 3601_000))).rejects.toMatchObject({
      code: 'SDK_BUNDLE_INVALID',
      details: { causeCode: 'BUNDLE_STALE' },
    });
  });
});
