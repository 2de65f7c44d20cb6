/**
 * The broker bench's helper processes, forked from bench/broker.ts: the load generator (keep-alive HTTP, signed
 * requests) and the fake worker dialing the broker over WebSocket (fast fake engine, real signed receipts). Each runs
 * when its flag is on the command line.
 */
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { request, Agent } from 'node:http';
import { signReceipt, ed25519RawPublicKey } from '../attestation/receipt';
import { StreamFrameReader, submitSigningMessage } from '../broker';
import { connectBroker, type LinkWorker } from '../enclave-runtime/broker-link';
import { chrysalis } from '../proto/generated/chrysalis';

export const v1 = chrysalis.v1;
export const CHILD_FLAG = '--chrysalis-broker-load';
export const WORKER_FLAG = '--chrysalis-broker-worker';
export const MODEL = createHash('sha256').update('bench@1').digest();
/** What every bench request accepts: prices at most 100 per token, at most 1000 nanoton in all. */
export const LIMITS = { maxPromptPriceNano: 100, maxCompletionPriceNano: 100, maxCostNano: 1_000 };

export const HMAC = Buffer.from('SIMULATED-bench-attestation');
export const FRAMES = 3;
export const FRAME_BYTES = 256;
export const SEALED_BYTES = 512;
/** The helper processes print nothing on stdout (it may carry `--json` results): their stdout goes to stderr. */
export const CHILD_STDIO: ['inherit', number, 'inherit', 'ipc'] = ['inherit', 2, 'inherit', 'ipc'];

export interface LoadJob {
  url: string;
  requests: number;
  concurrency: number;
  clients: { key: string; channel: string }[]; // pkcs8 hex
}
export interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  latenciesMs: number[];
  /** CPU time of the load generator process over the job (us). */
  cpuUs: number;
}

// ---------------------------------------------------------------- child: load generator

export async function child(): Promise<void> {
  process.on('message', async (job: LoadJob) => {
    const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
    const keys: { key: KeyObject; pub: Uint8Array; channel: string }[] = job.clients.map((c) => {
      const key = require('node:crypto').createPrivateKey({
        key: Buffer.from(c.key, 'hex'),
        format: 'der',
        type: 'pkcs8',
      }) as KeyObject;
      return { key, pub: ed25519RawPublicKey(key), channel: c.channel };
    });
    const u = new URL(job.url);
    const one = (i: number): Promise<boolean> =>
      new Promise((resolve) => {
        const c = keys[i % keys.length]!;
        const sealed = randomBytes(SEALED_BYTES);
        const nonce = randomBytes(16);
        const body = v1.SubmitRequest.encode({
          modelId: MODEL,
          sealed,
          clientKey: c.pub,
          nonce,
          signature: sign(
            null,
            submitSigningMessage({
              sealed,
              nonce,
              channel: c.channel,
              modelId: MODEL,
              workerId: '',
              ...LIMITS,
            }),
            c.key,
          ),
          channel: c.channel,
          ...LIMITS,
        }).finish();
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: '/v1/requests',
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
          },
          (res) => {
            const reader = new StreamFrameReader();
            let receipt = false;
            res.on('data', (d: Buffer) => {
              for (const f of reader.push(d)) if (f.msg === 'receipt') receipt = true;
            });
            res.on('end', () => resolve(res.statusCode === 200 && receipt));
            res.on('error', () => resolve(false));
          },
        );
        req.on('error', () => resolve(false));
        req.end(body);
      });
    const lat: number[] = [];
    let ok = 0;
    let failed = 0;
    let next = 0;
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (next < job.requests) {
          const i = next++;
          const s = process.hrtime.bigint();
          const good = await one(i);
          lat.push(Number(process.hrtime.bigint() - s) / 1e6);
          if (good) ok++;
          else failed++;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    agent.destroy();
    const cpu = process.cpuUsage(cpu0);
    process.send!({ ok, failed, seconds, latenciesMs: lat, cpuUs: cpu.user + cpu.system } satisfies LoadResult);
  });
}

/** Fast fake engine: FRAMES opaque frames and a real signed receipt, no inference. */
export function fakeWorker(): LinkWorker & { key: KeyObject; pub: Uint8Array } {
  const key = generateKeyPairSync('ed25519').privateKey;
  const pub = ed25519RawPublicKey(key);
  const hpke = randomBytes(32);
  const frame = new Uint8Array(randomBytes(FRAME_BYTES));
  return {
    key,
    pub,
    async bundle(challenge) {
      const body = JSON.stringify({
        s: Buffer.from(pub).toString('hex'),
        h: hpke.toString('hex'),
        c: Buffer.from(challenge).toString('hex'),
      });
      return Buffer.from(JSON.stringify({ body, mac: createHmac('sha256', HMAC).update(body).digest('hex') }));
    },
    async *handle(sealed, meta) {
      const rh = createHash('sha256');
      for (let i = 0; i < FRAMES; i++) {
        rh.update(frame);
        yield { frame };
      }
      const { bytes, signature } = signReceipt(
        {
          requestDigest: createHash('sha256').update(sealed).digest(),
          responseDigest: rh.digest(),
          modelId: MODEL,
          promptTokens: 10,
          completionTokens: 20,
          promptPriceNano: meta.promptPriceNano,
          completionPriceNano: meta.completionPriceNano,
          channel: meta.channel,
          seq: meta.seq,
          workerKey: pub,
        },
        key,
      );
      yield { receipt: bytes, signature };
    },
  };
}

if (process.argv.includes(CHILD_FLAG)) void child();
if (process.argv.includes(WORKER_FLAG)) {
  const url = process.argv[process.argv.indexOf(WORKER_FLAG) + 1]!;
  const link = connectBroker({
    url,
    worker: fakeWorker(),
    maxConcurrency: 256,
    reconnect: { enabled: false },
  });
  link.admitted().then(
    () => process.send!('admitted'),
    (err: { code?: string }) => process.send!(`refused ${err.code ?? ''}`),
  );
  process.on('disconnect', () => void link.close().then(() => process.exit(0)));
  process.on('message', (m) => {
    if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
  });
}
