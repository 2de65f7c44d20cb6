import { LRUCache } from 'lru-cache';
import type { BrokerConfig } from '../config';
import type { AdmittedWorker } from './types';

/** A token bucket: `burst` tokens, one more every `refillMs`; a burst of 0 never refuses. */
export class TokenBucket {
  private tokens: number;
  private atMs: number;

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.atMs = nowMs;
  }

  /** Takes one token; false when none is left. */
  take(nowMs: number): boolean {
    if (this.burst <= 0) return true;
    if (this.refillMs > 0 && nowMs > this.atMs) {
      const add = Math.floor((nowMs - this.atMs) / this.refillMs);
      this.tokens = Math.min(this.burst, this.tokens + add);
      this.atMs = this.tokens === this.burst ? nowMs : this.atMs + add * this.refillMs;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

type ThrottleConfig = Pick<
  BrokerConfig,
  | 'admissionBurstPerKey'
  | 'admissionRefillMsPerKey'
  | 'admissionThrottleKeys'
  | 'reattestIntervalMs'
  | 'reattestGraceMs'
>;

interface KeyState {
  bucket: TokenBucket;
  /** The identity last published to the on-chain log and until when that admission is valid. */
  logged?: { identity: string; untilMs: number };
}

/**
 * Per worker key admission state, across connections: a token bucket for admissions the worker caused (first
 * admission on a connection, a re-attestation it asked for), and the identity last published on chain. Bounded: at
 * most `admissionThrottleKeys` keys, least recently used dropped first.
 */
export class AdmissionThrottle {
  private readonly keys: LRUCache<string, KeyState>;
  private readonly burst: number;
  private readonly refillMs: number;

  constructor(config: Partial<ThrottleConfig>) {
    this.burst = config.admissionBurstPerKey ?? 0;
    this.refillMs = config.admissionRefillMsPerKey ?? 0;
    this.keys = new LRUCache({ max: Math.max(1, config.admissionThrottleKeys ?? 10_000) });
  }

  private state(workerId: string, nowMs: number): KeyState {
    let s = this.keys.get(workerId);
    if (!s) {
      s = { bucket: new TokenBucket(this.burst, this.refillMs, nowMs) };
      this.keys.set(workerId, s);
    }
    return s;
  }

  /** Counts one worker-caused admission of this key; false when the key is over its limit. */
  admit(workerId: string, nowMs: number): boolean {
    return this.state(workerId, nowMs).bucket.take(nowMs);
  }

  /**
   * Whether this admission goes to the on-chain log: not when the same key with the same image, platform and model was
   * published and that admission is still valid. Marks it published when it does.
   */
  shouldLog(w: AdmittedWorker, nowMs: number): boolean {
    const s = this.state(w.workerId, nowMs);
    const id = w.identity;
    const identity = [id.imageId, id.platformId, id.modelId].map((b) => Buffer.from(b).toString('hex')).join(':');
    if (s.logged && s.logged.identity === identity && nowMs < s.logged.untilMs) return false;
    s.logged = { identity, untilMs: w.validUntilMs };
    return true;
  }

  /** The publication of this admission failed: the next admission of the key is published again. */
  unlog(workerId: string): void {
    const s = this.keys.get(workerId);
    if (s) delete s.logged;
  }
}
