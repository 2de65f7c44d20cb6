/** `chrysalis broker`'s settlement lines: SIGUSR2 = settle now, and what the flush left undone. */
import type { BrokerChain } from '../broker/chain';
import type { SettlerElection } from '../broker/chain/settler-leader';

/** What a flush left undone: channels still above their on-chain claim, workers unpaid, each with its last error. */
export function flushOutcome(
  st: Pick<BrokerChain['settler'], 'channels' | 'workers'>,
): { ok: true } | { ok: false; code: string; pending: number } {
  const stuck = [
    ...st.channels().filter((c) => c.latestNano > c.claimedOnChainNano && c.lastError),
    ...st.workers().filter((w) => w.lastError),
  ];
  return stuck.length === 0 ? { ok: true } : { ok: false, code: stuck[0]!.lastError!, pending: stuck.length };
}

/** Printed on SIGUSR2 by a replica that does not hold the settler lock (the leader settles). */
export const STANDBY_FLUSH_LINE = 'settlement: flush skipped (standby)';

/** The line the broker prints after a settlement flush asked for with SIGUSR2. */
export function settleLine(outcome: ReturnType<typeof flushOutcome>): string {
  return outcome.ok
    ? 'settlement: flushed (every voucher held claimed on chain, workers paid)'
    : `settlement: flush failed (${outcome.code}; ${outcome.pending} pending); the next pass retries`;
}

/**
 * SIGUSR2 = settle now: claims every voucher the broker holds and pays the workers, whatever the thresholds (the
 * devnet's `settle` and an operator's `kill -USR2` before maintenance). One flush at a time; returns the remover.
 */
export function settleOnSignal(brokerChain: BrokerChain, election?: SettlerElection): () => void {
  let running = false;
  const onSignal = (): void => {
    if (running) return;
    if (election && !election.isLeader()) {
      process.stdout.write(`${STANDBY_FLUSH_LINE}\n`);
      return;
    }
    running = true;
    void brokerChain.settler
      .flush()
      .then(
        () => flushOutcome(brokerChain.settler),
        (e: unknown) => ({ ok: false as const, code: (e as { code?: string }).code ?? 'UNKNOWN', pending: 1 }),
      )
      .then((o) => process.stdout.write(`${settleLine(o)}\n`))
      .finally(() => {
        running = false;
      });
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}
