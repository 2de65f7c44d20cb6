/**
 * Broker replicas bench: throughput of sealed requests through ONE broker replica vs TWO replicas on one PostgreSQL
 * ledger, same load generator (bench/broker-children: two load processes, each at half the concurrency; with one
 * replica both aim at it). Each replica is its own process with its own fake worker process, as in production.
 * Needs a PostgreSQL server: CHRYSALIS_BENCH_PG_URL or CHRYSALIS_TEST_PG_URL (skipped with one line otherwise).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';
import { emit } from './report';
import { benchClients } from './broker-setup';
import { CHILD_FLAG, CHILD_STDIO, WORKER_FLAG, type LoadResult } from './broker-children';
import { REPLICA_FLAG, type ReplicaJob } from './replicas-child';

const CHILDREN = require.resolve('./broker-children');
const REPLICA = require.resolve('./replicas-child');

const once = <T>(p: ChildProcess): Promise<T> =>
  new Promise((resolve, reject) => {
    p.once('message', (m) => resolve(m as T));
    p.once('exit', (code) => reject(new Error(`child exited (${code})`)));
  });

export async function run(): Promise<void> {
  const pgUrl = process.env.CHRYSALIS_BENCH_PG_URL ?? process.env.CHRYSALIS_TEST_PG_URL;
  if (!pgUrl) {
    process.stdout.write('skipped: no PostgreSQL (set CHRYSALIS_BENCH_PG_URL or CHRYSALIS_TEST_PG_URL)\n');
    return;
  }
  const schema = `chrysalis_bench_rep_${process.pid}`;
  const { channels, job } = benchClients(16);
  const procs: ChildProcess[] = [];
  const replicas = new Set<ChildProcess>();
  const spawn = (flag: string, file: string, args: string[] = []): ChildProcess => {
    const p = fork(file, [flag, ...args], { stdio: CHILD_STDIO });
    procs.push(p);
    return p;
  };
  const loads = [spawn(CHILD_FLAG, CHILDREN), spawn(CHILD_FLAG, CHILDREN)];
  const startReplica = async (replicaId: string): Promise<string> => {
    const p = spawn(REPLICA_FLAG, REPLICA);
    replicas.add(p);
    const ready = once<{ url: string; workerUrl: string }>(p);
    p.send({ pgUrl, schema, replicaId, clients: channels } satisfies ReplicaJob);
    const { url, workerUrl } = await ready;
    const w = spawn(WORKER_FLAG, CHILDREN, [workerUrl]);
    if ((await once<string>(w)) !== 'admitted') throw new Error('worker not admitted');
    return url;
  };
  /** Both load processes at once, each `n` requests at concurrency `conc`; requests/s over the slower one. */
  const drive = async (urls: [string, string], n: number, conc: number): Promise<{ rps: number; failed: number }> => {
    const rs = await Promise.all(
      loads.map((p, i) => {
        const r = once<LoadResult>(p);
        p.send(job(urls[i]!, n, conc));
        return r;
      }),
    );
    return {
      rps: rs.reduce((a, r) => a + r.ok, 0) / Math.max(...rs.map((r) => r.seconds)),
      failed: rs.reduce((a, r) => a + r.failed, 0),
    };
  };
  try {
    const r1 = await startReplica('bench-r1');
    const n = 3000;
    const conc = 32;
    await drive([r1, r1], 300, 8); // warm-up
    const one = await drive([r1, r1], n, conc);
    const r2 = await startReplica('bench-r2');
    await drive([r1, r2], 300, 8);
    const two = await drive([r1, r2], n, conc);
    emit({ id: 'broker.replicas1_rps', value: one.rps, unit: 'req/s' });
    emit({ id: 'broker.replicas2_rps', value: two.rps, unit: 'req/s' });
    emit({ id: 'broker.replicas_scale', value: two.rps / one.rps, unit: 'x' });
    process.stdout.write(
      [
        `sealed requests through broker replicas on one PostgreSQL ledger (${new URL(pgUrl).host}); 2 load processes x c=${conc}, ${2 * n} requests; each replica + its fake worker in their own processes; ${availableParallelism()} cores`,
        '',
        '| replicas | req/s | failed |',
        '|---|---|---|',
        `| 1 | ${one.rps.toFixed(0)} | ${one.failed} |`,
        `| 2 | ${two.rps.toFixed(0)} | ${two.failed} |`,
        '',
        `scale: **${(two.rps / one.rps).toFixed(2)}x** (every process shares these cores and the database: on one small machine the load generator, the workers and PostgreSQL compete with the replicas)`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const p of procs) {
      if (replicas.has(p) && p.connected) p.send('stop');
      else p.kill();
      setTimeout(() => p.kill(), 2000).unref();
    }
    const c = new Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
