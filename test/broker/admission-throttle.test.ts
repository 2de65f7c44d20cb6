/**
 * The admission limits' parts: a token bucket (burst, refill, off at 0) and the per-key state (bounded, the on-chain
 * log skipped for an unchanged identity while valid, published again after a failed publication or a change).
 */
import { AdmissionThrottle, TokenBucket } from '../../broker/services/admission-throttle';
import type { AdmittedWorker } from '../../broker/services/types';

const fill = (n: number) => new Uint8Array(32).fill(n);

function worker(workerId: string, modelId = fill(5), validUntilMs = 1_000): AdmittedWorker {
  return {
    workerId,
    validUntilMs,
    identity: { imageId: fill(3), platformId: fill(4), modelId },
  } as unknown as AdmittedWorker;
}

describe('TokenBucket', () => {
  it('gives the burst, then one token per refill period, never more than the burst', () => {
    const b = new TokenBucket(2, 100, 0);
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([true, true, false]);
    expect(b.take(99)).toBe(false);
    expect(b.take(100)).toBe(true);
    expect(b.take(150)).toBe(false);
    expect(b.take(10_000)).toBe(true);
    expect(b.take(10_000)).toBe(true);
    expect(b.take(10_000)).toBe(false);
  });

  it('a burst of 0 never refuses; a refill of 0 never refills', () => {
    const off = new TokenBucket(0, 100, 0);
    expect(Array.from({ length: 50 }, () => off.take(0)).every(Boolean)).toBe(true);
    const once = new TokenBucket(1, 0, 0);
    expect([once.take(0), once.take(1e9)]).toEqual([true, false]);
  });
});

describe('AdmissionThrottle', () => {
  it('limits admissions per key, each key apart', () => {
    const t = new AdmissionThrottle({ admissionBurstPerKey: 1, admissionRefillMsPerKey: 1_000 });
    expect([t.admit('a', 0), t.admit('a', 0), t.admit('b', 0)]).toEqual([true, false, true]);
    expect(t.admit('a', 1_000)).toBe(true);
  });

  it('keeps at most admissionThrottleKeys keys (the least recently used is dropped)', () => {
    const t = new AdmissionThrottle({
      admissionBurstPerKey: 1,
      admissionRefillMsPerKey: 1_000,
      admissionThrottleKeys: 2,
    });
    expect(t.admit('a', 0)).toBe(true);
    expect(t.admit('b', 0)).toBe(true);
    expect(t.admit('c', 0)).toBe(true); // drops 'a'
    expect(t.admit('a', 0)).toBe(true);
    expect(t.admit('c', 0)).toBe(false);
  });

  it('without config it never refuses', () => {
    const t = new AdmissionThrottle({});
    expect(Array.from({ length: 20 }, () => t.admit('a', 0)).every(Boolean)).toBe(true);
  });

  it('publishes an unchanged identity once while valid; again after it lapses, a change or a failed publication', () => {
    const t = new AdmissionThrottle({});
    expect(t.shouldLog(worker('a'), 0)).toBe(true);
    expect(t.shouldLog(worker('a'), 999)).toBe(false);
    expect(t.shouldLog(worker('b'), 999)).toBe(true);
    expect(t.shouldLog(worker('a', fill(6)), 999)).toBe(true); // another model
    expect(t.shouldLog(worker('a', fill(6), 5_000), 1_000)).toBe(true); // the published one lapsed
    t.unlog('a');
    expect(t.shouldLog(worker('a', fill(6), 5_000), 1_001)).toBe(true);
    expect(t.shouldLog(worker('a', fill(6), 5_000), 1_002)).toBe(false);
    t.unlog('unknown');
  });
});
