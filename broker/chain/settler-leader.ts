/**
 * One settler at a time among broker replicas sharing a PostgreSQL ledger: a replica settles only while it holds the
 * settler's session advisory lock (`PostgresLedger.sessionLock('settler')`, on a connection of its own). The others
 * stay standby and try again every `retryMs`; when the holder dies its connection closes, PostgreSQL frees the lock
 * and the next try takes it over. A lost lock connection makes `isLeader()` false at once (the settler checks it
 * before every claim and worker voucher), so no claim goes out without the lock.
 */
import { codeOf, silentLogger, type ChainLogger } from './errors';

/** The lock the election holds (`PgSessionLock`). */
export interface LeaderLock {
  readonly isHeld: boolean;
  tryAcquire(): Promise<boolean>;
  onLost(fn: () => void): void;
  /** Runs a no-op on the lock connection: rejects (and fires onLost) when the connection is gone. */
  check?(): Promise<void>;
  release(): Promise<void>;
}

export type SettlerRole = 'leader' | 'standby';

export interface SettlerElection {
  /** Pass as `SettlerOptions.isLeader`. */
  readonly isLeader: () => boolean;
  role(): SettlerRole;
  /** Gives the lock up (a standby takes over on its next try) and stops trying. */
  stop(): Promise<void>;
}

export interface SettlerElectionOptions {
  readonly lock: LeaderLock;
  readonly replicaId: string;
  /** How often a standby tries to take the lock, and a leader checks its connection (default 3000 ms). */
  readonly retryMs?: number;
  /** Called on every role change, first with the role found at start (`settlement: leader (replica X)`). */
  readonly onRole?: (role: SettlerRole, line: string) => void;
  readonly logger?: ChainLogger;
}

/** The line printed on each role change. */
export const roleLine = (role: SettlerRole, replicaId: string): string => `settlement: ${role} (replica ${replicaId})`;

/** Tries the lock once now, then keeps trying (standby) or checking (leader) every `retryMs`. */
export async function startSettlerElection(o: SettlerElectionOptions): Promise<SettlerElection> {
  const logger = o.logger ?? silentLogger;
  let role: SettlerRole | null = null;
  let stopped = false;
  const become = (next: SettlerRole): void => {
    if (role === next) return;
    role = next;
    logger.info({ event: 'settle_role', role: next, replicaId: o.replicaId }, roleLine(next, o.replicaId));
    o.onRole?.(next, roleLine(next, o.replicaId));
  };
  o.lock.onLost(() => {
    if (!stopped) become('standby');
  });
  const attempt = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (o.lock.isHeld && o.lock.check) await o.lock.check();
      become((await o.lock.tryAcquire()) ? 'leader' : 'standby');
    } catch (err) {
      logger.warn(
        { event: 'settle_role', ok: false, code: codeOf(err, 'BROKER_LEDGER_UNAVAILABLE'), replicaId: o.replicaId },
        'settler lock unreachable',
      );
      become('standby');
    }
  };
  await attempt();
  const timer = setInterval(() => void attempt(), o.retryMs ?? 3000);
  timer.unref();
  return {
    isLeader: () => !stopped && role === 'leader' && o.lock.isHeld,
    role: () => (role === 'leader' && o.lock.isHeld ? 'leader' : 'standby'),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await o.lock.release();
    },
  };
}
