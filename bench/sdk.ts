/**
 * `npm run bench -- sdk`: the SDK's bundle check on a cache hit (digest memoised per listing, or SHA-256 of fresh
 * bundle bytes, then the LRU lookup) against a
 * cold verification (`verifyBundle`: DCAP chain, quote signature, binding, RTMR3 replay, appraisal)
 * of the same real bundle, in the same run. Goal from the issue: cached < 0.1 ms.
 * The bundle is a real one from the worker on a SIMULATED TDX (the devnet Intel PKI) with one SIMULATED GPU (the devnet
 * NVIDIA PKI).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { createDevnetIntelPki } from '../devnet/intel';
import { createWorker, type InferenceEngine } from '../enclave-runtime';
import { createSimulatedGpuProvider, createSimulatedTdx } from '../devnet';
import { createDevnetNvidiaPki } from '../devnet';
import { AttestationCache, defaultBundleVerifier } from '../sdk/attested';
import { emit } from './report';
import { toHex } from '../core/bytes';
import { fixedClock } from '../core/clock';

const NOW = new Date('2026-11-25T12:00:00Z');

interface Stat {
  readonly name: string;
  readonly n: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function measure(name: string, n: number, fn: () => Promise<unknown> | unknown): Promise<Stat> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    await fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / n;
  return { name, n, meanMs: mean, p50Ms: t[Math.floor(n / 2)] ?? mean, p99Ms: t[Math.floor(n * 0.99)] ?? mean };
}

export async function run(): Promise<void> {
  const pki = createDevnetIntelPki({ seed: 'bench-sdk', issuedAt: new Date(NOW.getTime() - 86_400_000) });
  const gpuPki = createDevnetNvidiaPki({ seed: 'bench-sdk' });
  const engine: InferenceEngine = {
    kind: 'bench',
    modelId: new Uint8Array(createHash('sha256').update('bench-model').digest()),
    modelName: 'bench-model',
    async *generate() {
      yield { usage: { promptTokens: 0, completionTokens: 0 }, finishReason: 'stop' as const };
    },
    async close() {},
  };
  const worker = await createWorker({
    engine,
    tdx: createSimulatedTdx({ pki }),
    gpu: createSimulatedGpuProvider({ pki: gpuPki }),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
    prices: { promptNano: 1000n, completionNano: 2000n },
  });
  const { encoded } = await worker.bundle(new Uint8Array(32).fill(7));
  const verify = defaultBundleVerifier({
    registry: {
      imageIds: [toHex(worker.imageId)],
      platformIds: [toHex(worker.platformId)],
      modelIds: [toHex(engine.modelId)],
    },
    trust: { intel: { intelRootCaDer: [pki.rootCaDer] }, nvidia: gpuPki.trust },
    collateral: pki.collateral,
    policy: { quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } },
  });

  const warmCache = new AttestationCache(verify);
  await warmCache.verify('w', encoded, NOW);
  const cached = await measure('SDK verify, cached bundle, listing reused (digest memoised + LRU hit)', 5000, () =>
    warmCache.verify('w', encoded, NOW),
  );
  const fresh = await measure('SDK verify, cached bundle, fresh bytes (SHA-256 + LRU hit)', 2000, () =>
    warmCache.verify('w', encoded.slice(), NOW),
  );
  const cold = await measure('SDK verify, cold (verifyBundle + cache fill)', 30, () =>
    new AttestationCache(verify).verify('w', encoded, NOW),
  );
  const raw = await measure('verifyBundle alone (peer: no SDK cache)', 30, () => verify(encoded, NOW));
  await worker.close();

  emit({ id: 'sdk.verify.cached', value: cached.p50Ms, unit: 'ms', baseline: raw.p50Ms });
  emit({ id: 'sdk.verify.cached_fresh_bytes', value: fresh.p50Ms, unit: 'ms', baseline: raw.p50Ms });
  emit({ id: 'sdk.verify.cold', value: cold.p50Ms, unit: 'ms', baseline: raw.p50Ms });
  emit({ id: 'sdk.verify_bundle', value: raw.p50Ms, unit: 'ms' });
  const f = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
  const rows = [cached, fresh, cold, raw];
  const lines = [
    `bundle: ${encoded.length} bytes (simulated TDX quote v4 + 1 simulated H100 SPDM report with RIMs); goal: cached < 0.1 ms -> ` +
      `${cached.p50Ms < 0.1 ? 'MET' : 'NOT MET'} (p50 ${f(cached.p50Ms)} per request with a reused listing; ${f(fresh.p50Ms)} when the bytes are new)`,
    '',
    '| path | n | mean | p50 | p99 | cold / this (p50) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.n} | ${f(r.meanMs)} | ${f(r.p50Ms)} | ${f(r.p99Ms)} | ${(cold.p50Ms / r.p50Ms).toFixed(1)}x |`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

if (require.main === module) {
  run().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
