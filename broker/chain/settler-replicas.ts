/**
 * What a chain-mode broker needs to share its PostgreSQL ledger and its wallet with other replicas (docs/replicas.md):
 * - highload-v3 wallet: query ids from the database (`PostgresLedger.nextQueryId`), so the replicas' sends never
 *   collide; the settler runs only while this replica holds the settler lock (`startSettlerElection`);
 * - seqno wallet (v4/v5r1) with `exclusive`: this broker holds the exclusive ledger lock for its whole life and
 *   refuses to start (BROKER_LEDGER_IN_USE) while another process holds it; it then settles alone.
 * SQLite and memory ledgers have one process: nothing to coordinate, the settler always runs.
 * Spread `chainOptions` into `startBrokerChain`.
 */
import { BrokerError } from '../errors';
import type { LedgerRepository } from '../ledger/types';
import type { PgSessionLock } from '../ledger/pg-coordination';
import type { ChainLogger } from './errors';
import { startSettlerElection, type SettlerElection, type SettlerRole } from './settler-leader';
import type { BrokerWalletVersion } from './wallet';

/** The part of PostgresLedger replicas coordinate through. */
export interface SharedLedger {
  readonly replicaId: string;
  sessionLock(kind: 'settler' | 'exclusive'): PgSessionLock;
  nextQueryId(): Promise<number>;
}

export const isSharedLedger = (l: LedgerRepository): l is LedgerRepository & SharedLedger =>
  typeof (l as Partial<SharedLedger>).sessionLock === 'function' &&
  typeof (l as Partial<SharedLedger>).nextQueryId === 'function';

export interface ReplicaOptions {
  readonly walletVersion: BrokerWalletVersion;
  /** Seqno wallet on PostgreSQL: hold the exclusive lock for life (required for v4/v5r1 there). */
  readonly exclusive?: boolean;
  /** Standby retry / leader check period of the settler lock (default 3000 ms). */
  readonly retryMs?: number;
  readonly onRole?: (role: SettlerRole, line: string) => void;
  readonly logger?: ChainLogger;
}

export interface ReplicaCoordination {
  /** Spread into `startBrokerChain` options. */
  readonly chainOptions: {
    readonly highload?: { readonly queryIds: () => Promise<number> };
    readonly settlement?: { readonly isLeader: () => boolean };
  };
  /** Present with a highload wallet on PostgreSQL. */
  readonly election: SettlerElection | undefined;
  /** Releases the locks (a standby takes over on its next try). */
  stop(): Promise<void>;
}

/**
 * Coordinates this broker with the other replicas of its ledger (nothing for SQLite/memory).
 * @throws BrokerError BROKER_LEDGER_IN_USE (exclusive lock held elsewhere); RangeError (seqno wallet on PostgreSQL
 *   without `exclusive`); BROKER_LEDGER_UNAVAILABLE (database unreachable)
 */
export async function coordinateReplicas(ledger: LedgerRepository, o: ReplicaOptions): Promise<ReplicaCoordination> {
  if (!isSharedLedger(ledger)) return { chainOptions: {}, election: undefined, stop: async () => undefined };
  if (o.walletVersion !== 'highload-v3') {
    if (!o.exclusive)
      throw new RangeError(`a ${o.walletVersion} wallet on PostgreSQL needs ledger.exclusive (or wallet highload-v3)`);
    const lock = ledger.sessionLock('exclusive');
    if (!(await lock.tryAcquire())) {
      await lock.release();
      throw new BrokerError('BROKER_LEDGER_IN_USE', 'another broker holds this PostgreSQL ledger exclusively', {
        details: { replicaId: ledger.replicaId },
      });
    }
    // Losing the lock connection means another process may start: stop settling at once.
    return {
      chainOptions: { settlement: { isLeader: () => lock.isHeld } },
      election: undefined,
      stop: () => lock.release(),
    };
  }
  const election = await startSettlerElection({
    lock: ledger.sessionLock('settler'),
    replicaId: ledger.replicaId,
    ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
    ...(o.onRole ? { onRole: o.onRole } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
  return {
    chainOptions: {
      highload: { queryIds: () => ledger.nextQueryId() },
      settlement: { isLeader: election.isLeader },
    },
    election,
    stop: () => election.stop(),
  };
}
