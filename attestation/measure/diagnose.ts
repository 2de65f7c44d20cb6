import type { PredictedEvent } from './events';

/** Where a replayed register's events first differ from a prediction (dstack-mr `diagnose`). */
export interface RegisterDiagnosis {
  readonly register: number;
  readonly matches: boolean;
  /** Index (within the register's ordered events) of the first differing event; -1 when all agree. */
  readonly firstDifference: number;
  readonly predicted: PredictedEvent | null;
  /** The replayed event at that index: digest and description (null when the log has fewer events). */
  readonly actual: { readonly digest: string; readonly typeName: string; readonly description: string } | null;
}

/**
 * Compare one register's replayed events (e.g. `replayEventLog(log).byRegister[i]`) with predicted events
 * (`predictMeasurements(...).rtmrI.events`), by digest, in order.
 */
export function diagnoseRegister(
  register: number,
  predicted: readonly PredictedEvent[],
  replayed: readonly { readonly digest: string; readonly typeName: string; readonly description: string }[],
): RegisterDiagnosis {
  const n = Math.max(predicted.length, replayed.length);
  for (let i = 0; i < n; i++) {
    const p = predicted[i];
    const a = replayed[i];
    if (!p || !a || p.digest !== a.digest) {
      return {
        register,
        matches: false,
        firstDifference: i,
        predicted: p ?? null,
        actual: a ? { digest: a.digest, typeName: a.typeName, description: a.description } : null,
      };
    }
  }
  return { register, matches: true, firstDifference: -1, predicted: null, actual: null };
}
