/**
 * Failover bench: what a client of the gateway sees when one of two brokers dies.
 *
 * Runs `chrysalis devnet --brokers 2` from this build (its own process, temporary data directory, free ports: the
 * chain, two brokers, two workers with the tiny ONNX test model, the gateway taking its brokers from the Registry).
 * CONCURRENCY clients send non-streaming chat completions through the gateway's OpenAI-compatible HTTP API, each one
 * request after the other (after a typed refusal a client waits REFUSAL_PAUSE_MS, as a client backing off would).
 * After STEADY_MS of steady load, a broker relaying a request right then (a queue depth > 0 in its `/v1/workers`) is
 * killed with SIGKILL; the load goes on for AFTER_MS. Every request in flight at the kill or issued in the AFTER_MS
 * after it is classified:
 *   served         200 with a receipt
 *   refused_typed  an OpenAI error JSON whose code is an SDK code (the client knows what happened and what it paid)
 *   lost           anything else: a transport error, an untyped 500 (GATEWAY_INTERNAL), no answer within REQUEST_TIMEOUT_MS
 * Figures: failover.recover_ms (kill -> first answer served to a request issued after the kill), failover.p50_ms and
 * failover.p99_ms (latency of every request issued in the 20 s after the kill, whatever its outcome),
 * failover.floor_p50_ms (p50 of the steady load before the kill, the same requests without a fault),
 * failover.refused_typed, failover.lost (target 0), failover.served.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Address } from '@ton/core';
import { emit } from './report';

const raw = (a: string): string => Address.parse(a).toRawString();

const CONCURRENCY = 8;
const STEADY_MS = 10_000;
const AFTER_MS = 30_000;
/** The window after the kill whose latencies make p50/p99 (the failover bound). */
const WINDOW_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;
const REFUSAL_PAUSE_MS = 100;
const START_TIMEOUT_MS = 300_000;

type Kind = 'served' | 'refused_typed' | 'lost';
interface Sample {
  readonly kind: Kind;
  readonly startMs: number;
  readonly endMs: number;
  readonly channel?: string;
  readonly code?: string;
}

interface Info {
  readonly gateway: string;
  readonly modelName: string;
  readonly brokers: readonly string[];
  readonly clientChannels: readonly string[];
  readonly configFiles: { readonly brokers: readonly string[] };
}

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
};

/** Starts the devnet CLI; resolves with its process and `devnet.json` once it says it is ready. */
async function startDevnetProcess(dir: string): Promise<{ proc: ChildProcess; info: Info }> {
  const bin = resolve(__dirname, '..', '..', 'bin', 'chrysalis.js');
  const args = ['devnet', '--brokers', '2', '--workers', '2', '--data-dir', dir, '--seed', 'bench-failover'];
  const ports = ['--gateway-port', '0', '--broker-port', '0', '--chain-port', '0', '--settle-interval', '0'];
  const proc = spawn(process.execPath, [bin, ...args, ...ports], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`devnet not ready in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops everything.')) {
        clearTimeout(timer);
        ok();
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`devnet exited (${code}) before it was ready: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  return { proc, info: JSON.parse(readFileSync(join(dir, 'devnet.json'), 'utf8')) as Info };
}

/** The pid of the devnet's child started with `--config <configFile>` (ps: Linux and macOS). */
function childPid(parent: number, configFile: string): number {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  for (const row of rows) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    if (m && Number(m[2]) === parent && m[3]!.includes(`--config ${configFile}`)) return Number(m[1]);
  }
  throw new Error(`no process of the devnet runs --config ${configFile}`);
}

/** The index of a broker with a request in flight to a worker now (its `/v1/workers` queue depth). */
async function brokerRelaying(brokers: readonly string[]): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const [i, b] of brokers.entries()) {
      const j = (await (await fetch(`${b}/v1/workers`)).json()) as { workers: { queueDepth: number }[] };
      if (j.workers.some((w) => w.queueDepth > 0)) return i;
    }
  }
  throw new Error('no broker relayed a request within 30 s');
}

async function request(gateway: string, model: string, i: number): Promise<Sample> {
  const startMs = Date.now();
  try {
    const r = await fetch(`${gateway}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: `Failover ${i}` }], max_tokens: 16 }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await r.json()) as { chrysalis?: { channel?: string }; error?: { code?: string } };
    const endMs = Date.now();
    if (r.ok && body.chrysalis?.channel) return { kind: 'served', startMs, endMs, channel: body.chrysalis.channel };
    const code = body.error?.code;
    if (!r.ok && typeof code === 'string' && /^SDK_[A-Z_]+$/.test(code))
      return { kind: 'refused_typed', startMs, endMs, code };
    return { kind: 'lost', startMs, endMs, code: `${r.status} ${code ?? ''}` };
  } catch (e) {
    return { kind: 'lost', startMs, endMs: Date.now(), code: (e as Error).name };
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chrysalis-bench-failover-'));
  let proc: ChildProcess | undefined;
  try {
    const started = await startDevnetProcess(dir);
    proc = started.proc;
    const { info } = started;
    const samples: Sample[] = [];
    let stop = false;
    let n = 0;
    const clients = Array.from({ length: CONCURRENCY }, async () => {
      while (!stop) {
        const s = await request(info.gateway, info.modelName, n++);
        samples.push(s);
        if (s.kind !== 'served') await new Promise((r) => setTimeout(r, REFUSAL_PAUSE_MS));
      }
    });
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, STEADY_MS));
    const steady = samples.filter((s) => s.startMs >= t0 + STEADY_MS / 2 && s.kind === 'served');
    if (steady.length === 0) throw new Error('no request was served before the kill');
    const victim = await brokerRelaying(info.brokers);
    const pid = childPid(proc.pid!, info.configFiles.brokers[victim]!);
    process.kill(pid, 'SIGKILL');
    const killAt = Date.now();
    await new Promise((r) => setTimeout(r, AFTER_MS));
    stop = true;
    await Promise.all(clients);

    const after = samples.filter((s) => s.endMs >= killAt && s.startMs < killAt + AFTER_MS);
    const issued = after.filter((s) => s.startMs >= killAt);
    const window = issued.filter((s) => s.startMs < killAt + WINDOW_MS).map((s) => s.endMs - s.startMs);
    const firstServed = issued.filter((s) => s.kind === 'served').reduce((m, s) => Math.min(m, s.endMs), Infinity);
    const count = (k: Kind): number => after.filter((s) => s.kind === k).length;
    const floor = pct(
      steady.map((s) => s.endMs - s.startMs),
      50,
    );
    const figures = {
      recover_ms: firstServed - killAt,
      p50_ms: pct(window, 50),
      p99_ms: pct(window, 99),
      floor_p50_ms: floor,
      served: count('served'),
      refused_typed: count('refused_typed'),
      lost: count('lost'),
    };
    const inFlight = after.filter((s) => s.startMs < killAt);
    const viaVictim = inFlight.filter(
      (s) => s.kind === 'served' && raw(s.channel!) === raw(info.clientChannels[victim]!),
    );
    const codes = [...new Set(after.map((s) => s.code).filter((c) => c))].join(', ') || 'none';
    process.stdout.write(
      [
        `devnet --brokers 2 --workers 2 (tiny ONNX test model), ${CONCURRENCY} concurrent clients through the gateway;`,
        `broker ${victim + 1} (relaying a request then) SIGKILLed after ${STEADY_MS / 1000} s of steady load; requests in flight at the kill or issued in the ${AFTER_MS / 1000} s after it:`,
        '',
        '| recover ms | p50 ms (20 s after kill) | p99 ms | floor p50 ms (steady) | served | refused (typed) | lost |',
        '|---:|---:|---:|---:|---:|---:|---:|',
        `| ${figures.recover_ms} | ${figures.p50_ms} | ${figures.p99_ms} | ${floor} | ${figures.served} | ${figures.refused_typed} | ${figures.lost} |`,
        '',
        `refusal / loss codes: ${codes}; in flight at the kill: ${inFlight.length} (served: ${inFlight.filter((s) => s.kind === 'served').length}, of them through the killed broker: ${viaVictim.length})`,
        '',
      ].join('\n'),
    );
    emit({ id: 'failover.recover_ms', value: figures.recover_ms, unit: 'ms' });
    emit({ id: 'failover.p50_ms', value: figures.p50_ms, unit: 'ms', baseline: floor });
    emit({ id: 'failover.p99_ms', value: figures.p99_ms, unit: 'ms', baseline: floor });
    emit({ id: 'failover.floor_p50_ms', value: floor, unit: 'ms' });
    emit({ id: 'failover.served', value: figures.served, unit: 'req' });
    emit({ id: 'failover.refused_typed', value: figures.refused_typed, unit: 'req' });
    emit({ id: 'failover.lost', value: figures.lost, unit: 'req' });
  } finally {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
