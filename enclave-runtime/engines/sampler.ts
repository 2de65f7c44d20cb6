/** Token sampling: temperature, nucleus (top-p), greedy at temperature 0, seeded PRNG for reproducibility. */
import { createHash, randomBytes } from 'node:crypto';

/** xoshiro128** seeded through SHA-256 (any integer seed; a random one when absent). Returns floats in [0, 1). */
export function createRng(seed?: number): () => number {
  const h = seed === undefined ? randomBytes(16) : createHash('sha256').update(`seed:${seed}`).digest();
  let a = h.readUInt32LE(0) | 1;
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r / 4294967296;
  };
}

export interface SamplingParams {
  readonly temperature: number;
  readonly topP: number;
}

/** Pick the next token from `logits` (length = vocab). */
export function sampleToken(logits: Float32Array, p: SamplingParams, rng: () => number): number {
  const V = logits.length;
  if (p.temperature <= 0 || p.topP <= 0) {
    let best = 0;
    for (let i = 1; i < V; i++) if (logits[i]! > logits[best]!) best = i;
    return best;
  }
  let max = -Infinity;
  for (let i = 0; i < V; i++) if (logits[i]! > max) max = logits[i]!;
  const probs = new Float64Array(V);
  let sum = 0;
  for (let i = 0; i < V; i++) {
    const e = Math.exp((logits[i]! - max) / p.temperature);
    probs[i] = e;
    sum += e;
  }
  if (p.topP >= 1) {
    let r = rng() * sum;
    for (let i = 0; i < V; i++) {
      r -= probs[i]!;
      if (r <= 0) return i;
    }
    return V - 1;
  }
  // nucleus: smallest set of most probable tokens whose mass reaches topP
  const order = Array.from({ length: V }, (_, i) => i).filter((i) => probs[i]! / sum > 1e-12);
  order.sort((x, y) => probs[y]! - probs[x]! || x - y);
  let mass = 0;
  let cut = order.length;
  for (let k = 0; k < order.length; k++) {
    mass += probs[order[k]!]!;
    if (mass / sum >= p.topP) {
      cut = k + 1;
      break;
    }
  }
  let r = rng() * mass;
  for (let k = 0; k < cut; k++) {
    r -= probs[order[k]!]!;
    if (r <= 0) return order[k]!;
  }
  return order[cut - 1]!;
}
