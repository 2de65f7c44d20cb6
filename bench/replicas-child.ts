/**
 * One broker replica for the replicas bench (forked by bench/replicas.ts with REPLICA_FLAG): a broker on the shared
 * PostgreSQL ledger (its own replica id), the bench's simulated admission, the clients' channels sent over IPC.
 * Answers `{ url, workerUrl }` once listening; closes on 'stop'.
 */
import { PostgresLedger } from '../broker/ledger';
import { startBenchBroker, type BenchChannel } from './broker-setup';

export const REPLICA_FLAG = '--chrysalis-broker-replica';

export interface ReplicaJob {
  readonly pgUrl: string;
  readonly schema: string;
  readonly replicaId: string;
  readonly clients: BenchChannel[];
}

async function replica(job: ReplicaJob): Promise<void> {
  const ledger = new PostgresLedger(job.pgUrl, { schema: job.schema, replicaId: job.replicaId, max: 16 });
  const broker = await startBenchBroker(ledger, job.clients, job.replicaId);
  process.on('message', (m) => {
    if (m === 'stop')
      void broker
        .close()
        .then(() => ledger.close())
        .finally(() => process.exit(0));
  });
  process.send!({ url: broker.url, workerUrl: broker.workerUrl });
}

if (process.argv.includes(REPLICA_FLAG)) process.once('message', (job: ReplicaJob) => void replica(job));
