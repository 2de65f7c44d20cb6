/**
 * Broker relay bench: throughput and added latency of the relay path, measured against a direct peer in the same run.
 *
 *   peer "direct": an HTTP server that streams the same length-prefixed frames a worker would (what a client talking
 *                  straight to a worker over loopback would see) — no admission, scheduling, ledger or WebSocket hop.
 *   chrysalis:     client -> broker (express, Ed25519 client signature, nonce + request + receipt in the SQLite ledger,
 *                  receipt verification) -> WebSocket -> worker (fast fake engine, real signed receipts) and back.
 *
 * The load generator runs in one child process (loopback, keep-alive HTTP), the fake worker (dialing the broker over
 * WebSocket, as in production) in another; the parent runs only the broker (or the direct peer), so "server CPU
 * us/req" is the broker's own cost per request, next to what the direct peer spends streaming the same answer.
 * The evidence bundle check is SIMULATED here (admission is not on the relay path); see bench/bundle.ts for that.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { encodeStreamFrame } from '../broker';
import { SqliteLedger } from '../broker/ledger';
import { connectBroker } from '../enclave-runtime/broker-link';
import { emit } from './report';
import { benchClients, startBenchBroker } from './broker-setup';
import {
  CHILD_FLAG,
  CHILD_STDIO,
  fakeWorker,
  FRAME_BYTES,
  FRAMES,
  SEALED_BYTES,
  v1,
  WORKER_FLAG,
  type LoadJob,
  type LoadResult,
} from './broker-children';

/** The helper processes' module (forked with a flag). */
const CHILDREN = require.resolve('./broker-children');

// ---------------------------------------------------------------- parent

function runLoad(proc: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as LoadResult));
    proc.send(job);
  });
}

async function waitUntil(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The peer: streams the same frames straight back, no broker. */
async function startDirect(): Promise<{ url: string; server: Server }> {
  const w = fakeWorker();
  const server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const sub = v1.SubmitRequest.decode(Buffer.concat(parts));
    const requestId = 'direct';
    res.writeHead(200, { 'content-type': 'application/x-chrysalis-stream' });
    res.write(
      encodeStreamFrame({ accepted: { requestId, workerId: 'w', promptPriceNano: 1, completionPriceNano: 1, seq: 1 } }),
    );
    for await (const item of w.handle(sub.sealed, {
      requestId,
      channel: sub.channel,
      promptPriceNano: 1n,
      completionPriceNano: 1n,
      maxCostNano: BigInt(sub.maxCostNano),
      seq: 1n,
    })) {
      if ('frame' in item) res.write(encodeStreamFrame({ chunk: { requestId, frame: item.frame } }));
      else res.end(encodeStreamFrame({ receipt: { requestId, receipt: item.receipt, signature: item.signature } }));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function run(): Promise<void> {
  if (process.argv.includes(CHILD_FLAG) || process.argv.includes(WORKER_FLAG)) return;
  const loadAvg = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'chrysalis-bench-broker-'));
  const { channels, job } = benchClients(16);
  const ledger = new SqliteLedger(join(dir, 'ledger.sqlite'));
  const broker = await startBenchBroker(ledger, channels);
  const workerProc = fork(CHILDREN, [WORKER_FLAG, broker.workerUrl], { stdio: CHILD_STDIO });
  await new Promise<void>((resolve, reject) => {
    workerProc.once('message', (m) => (m === 'admitted' ? resolve() : reject(new Error(`worker: ${String(m)}`))));
    workerProc.once('exit', () => reject(new Error('worker exited')));
  });
  const direct = await startDirect();
  const proc = fork(CHILDREN, [CHILD_FLAG], { stdio: CHILD_STDIO });
  let inproc: ReturnType<typeof connectBroker> | undefined;
  try {
    const serialN = 1000;
    const loadN = 6000;
    const conc = 64;
    const us = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage, n: number): number =>
      (b.user - a.user + b.system - a.system) / n;
    /** The worker process's own CPU time (us), asked over IPC. */
    const workerCpuUs = (): Promise<number> =>
      new Promise((resolve) => {
        workerProc.once('message', (m) => {
          const c = (m as { cpu: NodeJS.CpuUsage }).cpu;
          resolve(c.user + c.system);
        });
        workerProc.send('cpu');
      });
    type Measured = { serial: LoadResult; load: LoadResult; cpuUs: number; workerUs?: number };
    /** warm-up, serial latency, then throughput at `conc` with this process's CPU time per request. */
    const measure = async (url: string, separateWorker = false): Promise<Measured> => {
      await runLoad(proc, job(url, 300, 8));
      const serial = await runLoad(proc, job(url, serialN, 1));
      // CPU time of this process per request: robust to a loaded machine, unlike wall-clock throughput.
      const w0 = separateWorker ? await workerCpuUs() : 0;
      const c0 = process.cpuUsage();
      const load = await runLoad(proc, job(url, loadN, conc));
      const n = load.ok + load.failed;
      const cpuUs = us(c0, process.cpuUsage(), n);
      return separateWorker
        ? { serial, load, cpuUs, workerUs: ((await workerCpuUs()) - w0) / n }
        : { serial, load, cpuUs };
    };
    const d = await measure(direct.url);
    const bSep = await measure(broker.url, true); // worker in its own process (production shape)
    workerProc.kill();
    await waitUntil(() => broker.broker.pool.all().length === 0);
    inproc = connectBroker({
      url: broker.workerUrl,
      worker: fakeWorker(),
      maxConcurrency: 256,
      reconnect: { enabled: false },
    });
    await inproc.admitted();
    const bIn = await measure(broker.url); // worker inside this process: CPU = broker + the same worker work as the peer
    const rps = (r: LoadResult): number => r.ok / r.seconds;
    const f = (n: number, dd = 2): string => n.toFixed(dd);
    const row = (name: string, m: Measured, cpuNote = ''): string =>
      `| ${name} | ${f(pct(m.serial.latenciesMs, 50), 3)} | ${f(pct(m.serial.latenciesMs, 99), 3)} | ${f(rps(m.load), 0)} | ${f(pct(m.load.latenciesMs, 50))} | ${f(pct(m.load.latenciesMs, 99))} | ${f(m.cpuUs, 0)}${cpuNote} | ${m.serial.failed + m.load.failed} |`;
    const p50d = pct(d.serial.latenciesMs, 50);
    const cpuTotal = (m: Measured): number => m.cpuUs + (m.workerUs ?? 0) + m.load.cpuUs / loadN;
    emit({ id: 'broker.relay.serial_p50', value: pct(bIn.serial.latenciesMs, 50), unit: 'ms', baseline: p50d });
    emit({
      id: 'broker.relay.serial_p50_worker_process',
      value: pct(bSep.serial.latenciesMs, 50),
      unit: 'ms',
      baseline: p50d,
    });
    emit({ id: 'broker.relay.serial_p99', value: pct(bIn.serial.latenciesMs, 99), unit: 'ms' });
    emit({ id: 'broker.relay.throughput', value: rps(bSep.load), unit: 'req/s' });
    emit({ id: 'broker.direct.throughput', value: rps(d.load), unit: 'req/s' });
    emit({ id: 'broker.relay.cpu_per_request', value: bSep.cpuUs, unit: 'us' });
    emit({ id: 'broker.relay.cpu_per_request_in_process', value: bIn.cpuUs, unit: 'us', baseline: d.cpuUs });
    const lines = [
      `relay of ${SEALED_BYTES}-byte sealed requests, ${FRAMES} x ${FRAME_BYTES}-byte sealed chunks + signed receipt; load generator in a child process; SQLite ledger (WAL); load average at start: ${loadAvg}`,
      '',
      `| path | serial p50 ms | serial p99 ms | req/s @ c=${conc} | p50 ms @ c=${conc} | p99 ms @ c=${conc} | server-process CPU us/req | failed |`,
      '|---|---|---|---|---|---|---|---|',
      row('direct (peer: the fake worker answering HTTP itself)', d),
      row('chrysalis broker, worker in its own process', bSep, ' (broker only)'),
      row('chrysalis broker, worker in the broker process', bIn, ' (broker + worker)'),
      '',
      `broker added p50 latency (serial): **${f(pct(bIn.serial.latenciesMs, 50) - p50d, 3)} ms** with the worker in-process, ` +
        `${f(pct(bSep.serial.latenciesMs, 50) - p50d, 3)} ms with the worker in its own process (one more process hop each way; goal < 1 ms). ` +
        `Throughput **${f(rps(bSep.load), 0)} sealed req/s** (${f(rps(bSep.load) / rps(d.load), 2)}x the direct peer; goal >= 2000). ` +
        `Broker CPU per request: ${f(bSep.cpuUs, 0)} us measured alone, ${f(bIn.cpuUs - d.cpuUs, 0)} us above the peer in-process ` +
        `(=> ~${f(1e6 / bSep.cpuUs, 0)} req/s per core).`,
      '',
      // Every process of the bench shares this machine's cores: the CPU they spend per request bounds the throughput.
      `CPU per request of all the bench's processes at c=${conc}: direct = server ${f(d.cpuUs, 0)} + load generator ${f(d.load.cpuUs / loadN, 0)} = ` +
        `${f(d.cpuUs + d.load.cpuUs / loadN, 0)} us; broker path = broker ${f(bSep.cpuUs, 0)} + worker ${f(bSep.workerUs ?? NaN, 0)} + load generator ` +
        `${f(bSep.load.cpuUs / loadN, 0)} = ${f(cpuTotal(bSep), 0)} us => at most ~${f((availableParallelism() * 1e6) / cpuTotal(bSep), 0)} req/s on ` +
        `these ${availableParallelism()} cores with everything saturated.`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    proc.kill();
    workerProc.kill();
    await inproc?.close();
    await broker.close();
    await ledger.close();
    direct.server.closeAllConnections();
    direct.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
