/**
 * bench worker: the tiny TEST model's decode speed on this machine, the latency that sealing + receipts add to a
 * 256-token streamed completion against the bare engine in the same run, and the peak memory of one worker
 * serving 32 concurrent sealed requests. Goal: added latency < 1% of the request and < 1 ms on time to first token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevnetIntelPki } from '../devnet/intel';
import { verifyReceipt } from '../attestation/receipt';
import { encodeResponseChunk, openRequest, sealRequest, generateHpkeKeyPair } from '../proto/sealing';
import { signReceipt, ResponseDigest, requestDigest, ed25519RawPublicKey } from '../attestation/receipt';
import {
  createNoGpuProvider,
  createOnnxEngine,
  createWorker,
  parseChatRequest,
  type InferenceEngine,
} from '../enclave-runtime';
import { createSimulatedTdx } from '../devnet';
import { ensureTinyModel } from '../enclave-runtime/tiny-model';
import { generateKeyPairSync } from 'node:crypto';
import { emit } from './report';

const TOKENS = 256;
/** Committed prices of the bench workers; every sealed request is dispatched at exactly these. */
const BENCH_PRICES = { promptNano: 1000n, completionNano: 1000n };

const body = {
  messages: [{ role: 'user', content: 'Tell me what Alice saw down the rabbit hole.' }],
  max_tokens: TOKENS,
  temperature: 1,
  top_p: 0.95,
  seed: 11,
  ignore_eos: true,
};
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const min = (xs: number[]): number => Math.min(...xs);
const f = (x: number, d = 2): string => x.toFixed(d);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function bare(engine: InferenceEngine): Promise<{ total: number; ttft: number; tokens: number; cpu: number }> {
  const c0 = cpu();
  const t0 = now();
  let ttft = 0;
  let tokens = 0;
  for await (const ev of engine.generate(parseChatRequest(body), new AbortController().signal)) {
    if ('text' in ev) ttft ||= now() - t0;
    else tokens = ev.usage.completionTokens;
  }
  return { total: now() - t0, ttft, tokens, cpu: cpu() - c0 };
}

export async function run(): Promise<void> {
  const dir = join(mkdtempSync(join(tmpdir(), 'chrysalis-bench-')), 'tiny');
  const tb = now();
  const info = await ensureTinyModel(dir, { seed: 'bench' });
  const buildMs = now() - tb;
  const engine = await createOnnxEngine({ modelDir: info.dir });
  const pki = createDevnetIntelPki({ seed: 'bench' });
  const worker = await createWorker({
    engine,
    tdx: createSimulatedTdx({ pki }),
    gpu: createNoGpuProvider(),
    reattestIntervalMs: 0,
    prices: BENCH_PRICES,
  });
  const enc = new TextEncoder().encode(JSON.stringify(body));

  let lastFrames = 0;
  async function sealed(): Promise<{ total: number; ttft: number; cpu: number }> {
    const c0 = cpu();
    const t0 = now();
    let ttft = 0;
    let frames = 0;
    const { sealed: s, opener } = await sealRequest(worker.keys.hpkePublicKey, enc);
    for await (const o of worker.handle(s, {
      requestId: 'bench',
      channel: new Uint8Array(32),
      promptPriceNano: 1000n,
      completionPriceNano: 1000n,
      maxCostNano: 1n << 62n,
      seq: 1n,
    })) {
      if ('frame' in o) {
        opener.open(o.frame);
        frames++;
        ttft ||= now() - t0;
      } else verifyReceipt(o.receipt, o.signature, worker.keys.signingPublicKey);
    }
    opener.finish();
    lastFrames = frames;
    return { total: now() - t0, ttft, cpu: cpu() - c0 };
  }

  // warm up both paths
  await bare(engine);
  await sealed();
  const N = 21;
  const b: Array<{ total: number; ttft: number; tokens: number; cpu: number }> = [];
  const s: Array<{ total: number; ttft: number; cpu: number }> = [];
  for (let i = 0; i < N; i++) {
    // alternate the order so that neither path always runs right after the other
    if (i % 2 === 0) {
      b.push(await bare(engine));
      s.push(await sealed());
    } else {
      s.push(await sealed());
      b.push(await bare(engine));
    }
  }
  const bareTotal = min(b.map((x) => x.total));
  const sealedTotal = min(s.map((x) => x.total));
  const bareTtft = min(b.map((x) => x.ttft));
  const sealedTtft = min(s.map((x) => x.ttft));
  const bareCpu = median(b.map((x) => x.cpu));
  const sealedCpu = median(s.map((x) => x.cpu));
  const bareMed = median(b.map((x) => x.total));
  const sealedMed = median(s.map((x) => x.total));
  const tps = (b[0]!.tokens / bareTotal) * 1000; // best run

  // The crypto alone, isolated from engine jitter: what sealing + receipt add per 256-token request.
  const kp = await generateHpkeKeyPair();
  const { privateKey } = generateKeyPairSync('ed25519');
  const wk = ed25519RawPublicKey(privateKey);
  const chunk = encodeResponseChunk({ text: ' rabbit' });
  const M = 200;
  const setups: number[] = [];
  const streams: number[] = [];
  const receipts: number[] = [];
  for (let i = 0; i < M; i++) {
    // CPU time (this thread's work incl. GC, not the waits of a shared host), per phase
    const t0 = cpu();
    const { sealed: sr, opener } = await sealRequest(kp.publicKey, enc);
    const { responder } = await openRequest(kp, sr);
    const t1 = cpu();
    const d = new ResponseDigest();
    for (let k = 0; k <= TOKENS; k++) {
      const fr = responder.seal(chunk, k === TOKENS);
      d.update(fr);
      opener.open(fr);
    }
    opener.finish();
    const t2 = cpu();
    const r = signReceipt(
      {
        requestDigest: requestDigest(sr),
        responseDigest: d.digest(),
        modelId: worker.modelId,
        promptTokens: 20,
        completionTokens: TOKENS,
        promptPriceNano: 1000n,
        completionPriceNano: 2000n,
        channel: new Uint8Array(32),
        seq: BigInt(i),
        workerKey: wk,
      },
      privateKey,
    );
    verifyReceipt(r.bytes, r.signature, wk);
    const t3 = cpu();
    setups.push(t1 - t0);
    streams.push(t2 - t1);
    receipts.push(t3 - t2);
  }
  const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
  const setup = mean(setups);
  const stream = mean(streams);
  const receipt = mean(receipts);
  const crypto = setup + stream + receipt;

  // The whole sealed path (request seal/open, pump, framing, digest, client open, receipt sign + verify) against an
  // engine that costs nothing: 256 deltas, one per event-loop turn like the onnx engine. Same engine bare vs sealed,
  // so the difference is chrysalis's own per-request cost, free of model jitter.
  const instant: InferenceEngine = {
    kind: 'instant',
    modelId: new Uint8Array(32).fill(1),
    modelName: 'instant (bench)',
    async *generate() {
      for (let i = 0; i < TOKENS; i++) {
        await new Promise((r) => setImmediate(r));
        yield { text: ' rabbit' };
      }
      yield { usage: { promptTokens: 12, completionTokens: TOKENS }, finishReason: 'length' as const };
    },
    async close() {},
  };
  const iw = await createWorker({
    engine: instant,
    tdx: createSimulatedTdx({ pki }),
    gpu: createNoGpuProvider(),
    reattestIntervalMs: 0,
    prices: BENCH_PRICES,
  });
  const instantBare = async (): Promise<number> => {
    const t0 = now();
    for await (const ev of instant.generate(parseChatRequest(body), new AbortController().signal)) void ev;
    return now() - t0;
  };
  const instantSealed = async (): Promise<number> => {
    const t0 = now();
    const { sealed: sr, opener } = await sealRequest(iw.keys.hpkePublicKey, enc);
    for await (const o of iw.handle(sr, {
      requestId: 'bench',
      channel: new Uint8Array(32),
      promptPriceNano: 1000n,
      completionPriceNano: 1000n,
      maxCostNano: 1n << 62n,
      seq: 1n,
    })) {
      if ('frame' in o) opener.open(o.frame);
      else verifyReceipt(o.receipt, o.signature, iw.keys.signingPublicKey);
    }
    opener.finish();
    return now() - t0;
  };
  for (let i = 0; i < 20; i++) await (i % 2 ? instantBare() : instantSealed());
  const ib: number[] = [];
  const is: number[] = [];
  for (let i = 0; i < 101; i++) {
    if (i % 2) {
      ib.push(await instantBare());
      is.push(await instantSealed());
    } else {
      is.push(await instantSealed());
      ib.push(await instantBare());
    }
  }
  await iw.close();
  const pathAdded = median(is) - median(ib);

  const serialFrames = lastFrames; // frames of the last serial request (consumer keeps up: one per token + final)
  // 32 concurrent sealed requests on one worker: peak RSS over the baseline.
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const tc = now();
  await Promise.all(Array.from({ length: 32 }, () => sealed()));
  const concMs = now() - tc;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  emit({ id: 'worker.tiny_model.decode', value: tps, unit: 'tokens/s' });
  emit({ id: 'worker.completion256.best', value: sealedTotal, unit: 'ms', baseline: bareTotal });
  emit({ id: 'worker.completion256.median', value: sealedMed, unit: 'ms', baseline: bareMed });
  emit({ id: 'worker.completion256.cpu', value: sealedCpu, unit: 'ms', baseline: bareCpu });
  emit({ id: 'worker.completion256.ttft', value: sealedTtft, unit: 'ms', baseline: bareTtft });
  emit({ id: 'worker.instant_engine.sealed_path', value: median(is), unit: 'ms', baseline: median(ib) });
  emit({ id: 'worker.crypto.request_seal_open', value: setup, unit: 'ms' });
  emit({ id: 'worker.crypto.frames257', value: stream, unit: 'ms' });
  emit({ id: 'worker.crypto.receipt_sign_verify', value: receipt, unit: 'ms' });
  emit({ id: 'worker.crypto.total', value: crypto, unit: 'ms' });
  emit({ id: 'worker.concurrent32.throughput', value: (32 * TOKENS * 1000) / concMs, unit: 'tokens/s' });
  emit({ id: 'worker.concurrent32.peak_rss_added', value: (peak - base) / 2 ** 20, unit: 'MiB' });
  const rows = [
    '| measurement | bare engine | chrysalis (sealed + receipt) | added | ratio |',
    '|---|---:|---:|---:|---:|',
    `| 256-token streamed completion, best of ${N} (ms) | ${f(bareTotal)} | ${f(sealedTotal)} | ${f(sealedTotal - bareTotal)} | ${f(sealedTotal / bareTotal, 3)}x |`,
    `| 256-token streamed completion, median of ${N} (ms) | ${f(bareMed)} | ${f(sealedMed)} | ${f(sealedMed - bareMed)} | ${f(sealedMed / bareMed, 3)}x |`,
    `| process CPU time per request, median of ${N} (ms) | ${f(bareCpu)} | ${f(sealedCpu)} | ${f(sealedCpu - bareCpu)} | ${f(sealedCpu / bareCpu, 3)}x |`,
    `| time to first token, best of ${N} (ms) | ${f(bareTtft, 3)} | ${f(sealedTtft, 3)} | ${f(sealedTtft - bareTtft, 3)} | ${f(sealedTtft / bareTtft, 2)}x |`,
    `| whole sealed path, instant engine (256 deltas, 1/turn), median of 101 (ms): added per request / as a share of the tiny model's best request | ${f(median(ib))} | ${f(median(is))} | ${f(pathAdded)} | ${f((100 * pathAdded) / bareTotal, 2)}% |`,
    `| crypto only, CPU mean of ${M}: request seal (client) + open (worker) = TTFT cost (ms) | - | ${f(setup, 3)} | ${f(setup, 3)} | - |`,
    `| crypto only, CPU: 257 frames seal + open + digest (ms) | - | ${f(stream, 3)} | ${f(stream, 3)} | ${f((100 * stream) / bareCpu, 2)}% of bare CPU |`,
    `| crypto only, CPU: receipt sign + verify (ms) | - | ${f(receipt, 3)} | ${f(receipt, 3)} | - |`,
    `| crypto only, CPU total per request (ms) | - | ${f(crypto, 3)} | ${f(crypto, 3)} | ${f((100 * crypto) / bareCpu, 2)}% of bare CPU |`,
  ];
  process.stdout.write(
    `tiny TEST model: built in ${f(buildMs, 0)} ms, ${f(tps, 0)} tokens/s decode (1 thread, batch 1, KV cache)\n\n${rows.join('\n')}\n\n` +
      `serial sealed request: ${serialFrames} frames for ${TOKENS} tokens (frames coalesce only when the consumer lags)\n` +
      `32 concurrent sealed 256-token requests on one worker: ${f(concMs, 0)} ms wall, ${f((32 * TOKENS * 1000) / concMs, 0)} tokens/s aggregate, ` +
      `peak RSS ${f(peak / 2 ** 20, 1)} MiB (+${f((peak - base) / 2 ** 20, 1)} MiB over the idle worker's ${f(base / 2 ** 20, 1)} MiB)\n`,
  );
  await worker.close();
  await engine.close();
}
