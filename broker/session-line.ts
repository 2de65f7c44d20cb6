/** The one line a broker prints when an admitted worker's session ends (`chrysalis broker`, the devnet). */
import type { WorkerSessionEnded } from './ports';

export function workerSessionLine(e: WorkerSessionEnded): string {
  return `worker ${e.workerName || '(unnamed)'} (${e.workerId.slice(0, 16)}…) left the broker: ${e.reason}; ${e.lost} request(s) lost`;
}
