import { EventLogParseError, EventLogReplayError } from './errors';
import type { EventLog, LogEvent } from './types';
import { bytesEqual, sha384, toHex, SHA384_SIZE } from './bytes';
import { EV_NO_ACTION, RTMR_COUNT, eventTypeName } from './constants';
import { checkEventData, describeEvent, type DataCheck } from './describe';

/** One entry of the per-event report (what a human reads to follow the boot). */
export interface EventReport {
  readonly seq: number;
  /** RTMR index 0..3, or null when the entry is not extended (EV_NO_ACTION). */
  readonly rtmr: number | null;
  readonly mrIndex: number;
  readonly type: number;
  readonly typeName: string;
  /** SHA-384 digest, hex ('' when none). */
  readonly digest: string;
  readonly description: string;
  readonly dataCheck: DataCheck;
  readonly digestRecomputed: boolean;
}

export interface ReplayResult {
  /** RTMR0..RTMR3, 48 bytes each. */
  readonly rtmr: Uint8Array[];
  /** Every entry in log order. */
  readonly events: EventReport[];
  /** The extended entries of each RTMR, in order. */
  readonly byRegister: EventReport[][];
}

/** RTMR := SHA-384(RTMR || digest). @throws RangeError on wrong sizes. */
export function extendRtmr(mr: Uint8Array, digest: Uint8Array): Uint8Array {
  if (mr.length !== SHA384_SIZE || digest.length !== SHA384_SIZE)
    throw new RangeError('RTMR and digest must be 48 bytes');
  return sha384(mr, digest);
}

/** Fold a list of 48-byte digests into a register starting from 48 zero bytes. */
export function foldDigests(digests: readonly Uint8Array[]): Uint8Array {
  let mr: Uint8Array = new Uint8Array(SHA384_SIZE);
  for (const d of digests) mr = extendRtmr(mr, d);
  return mr;
}

export function reportEvent(e: LogEvent): EventReport {
  const extended = e.type !== EV_NO_ACTION;
  return {
    seq: e.seq,
    rtmr: extended ? e.mrIndex - 1 : null,
    mrIndex: e.mrIndex,
    type: e.type,
    typeName: eventTypeName(e.type),
    digest: e.sha384 ? toHex(e.sha384) : '',
    description: describeEvent(e),
    dataCheck: checkEventData(e),
    digestRecomputed: e.digestRecomputed,
  };
}

/**
 * Replay a parsed log into RTMR0..RTMR3 (reference §0 rule 1): each register starts as 48 zero bytes; every entry
 * except EV_NO_ACTION extends RTMR[MR index - 1] with its SHA-384 digest, in log order.
 * @throws EventLogParseError EVENTLOG_BAD_MR_INDEX | EVENTLOG_MISSING_SHA384_DIGEST (hand-built logs only; the
 *   parsers already refuse these)
 */
export function replayEventLog(log: EventLog): ReplayResult {
  const rtmr: Uint8Array[] = Array.from({ length: RTMR_COUNT }, () => new Uint8Array(SHA384_SIZE));
  const events: EventReport[] = [];
  const byRegister: EventReport[][] = Array.from({ length: RTMR_COUNT }, () => []);
  for (const e of log.events) {
    const r = reportEvent(e);
    events.push(r);
    if (e.type === EV_NO_ACTION) continue;
    const i = e.mrIndex - 1;
    if (i < 0 || i >= RTMR_COUNT) {
      throw new EventLogParseError('EVENTLOG_BAD_MR_INDEX', `entry ${e.seq}: MR index ${e.mrIndex}`, {
        details: { seq: e.seq },
      });
    }
    if (e.sha384 === undefined || e.sha384.length !== SHA384_SIZE) {
      throw new EventLogParseError('EVENTLOG_MISSING_SHA384_DIGEST', `entry ${e.seq}: no SHA-384 digest`, {
        details: { seq: e.seq },
      });
    }
    rtmr[i] = sha384(rtmr[i] as Uint8Array, e.sha384);
    (byRegister[i] as EventReport[]).push(r);
  }
  return { rtmr, events, byRegister };
}

/** The registers of a quote, as plain bytes (any TD report parser can supply them). */
export interface QuoteRtmrs {
  readonly rtmr0: Uint8Array;
  readonly rtmr1: Uint8Array;
  readonly rtmr2: Uint8Array;
  readonly rtmr3: Uint8Array;
}

export interface RegisterComparison {
  readonly index: number;
  readonly replayed: string;
  readonly quote: string;
  readonly matches: boolean;
}

export interface QuoteComparison {
  readonly matches: boolean;
  readonly registers: RegisterComparison[];
}

function quoteList(q: QuoteRtmrs | readonly Uint8Array[]): readonly Uint8Array[] {
  return Array.isArray(q)
    ? (q as readonly Uint8Array[])
    : [(q as QuoteRtmrs).rtmr0, (q as QuoteRtmrs).rtmr1, (q as QuoteRtmrs).rtmr2, (q as QuoteRtmrs).rtmr3];
}

/**
 * Compare replayed registers with a quote's. `only` restricts the comparison (e.g. [3] for RTMR3 alone).
 * @throws RangeError when a register is not 48 bytes
 */
export function compareWithQuote(
  replayed: readonly Uint8Array[],
  quote: QuoteRtmrs | readonly Uint8Array[],
  only: readonly number[] = [0, 1, 2, 3],
): QuoteComparison {
  const q = quoteList(quote);
  const registers = only.map((i): RegisterComparison => {
    const a = replayed[i];
    const b = q[i];
    if (!a || !b || a.length !== SHA384_SIZE || b.length !== SHA384_SIZE)
      throw new RangeError(`register ${i} must be 48 bytes`);
    return { index: i, replayed: toHex(a), quote: toHex(b), matches: bytesEqual(a, b) };
  });
  return { matches: registers.every((r) => r.matches), registers };
}

/**
 * Replay and require equality with the quote's registers.
 * @throws EventLogReplayError EVENTLOG_RTMR_MISMATCH (details.registers lists the differing indices)
 */
export function assertLogMatchesQuote(
  log: EventLog,
  quote: QuoteRtmrs | readonly Uint8Array[],
  only?: readonly number[],
): ReplayResult {
  const r = replayEventLog(log);
  const c = compareWithQuote(r.rtmr, quote, only);
  if (!c.matches) {
    const bad = c.registers.filter((x) => !x.matches).map((x) => x.index);
    throw new EventLogReplayError(
      'EVENTLOG_RTMR_MISMATCH',
      `replayed RTMR${bad.join(', RTMR')} differ from the quote`,
      {
        details: { registers: bad },
      },
    );
  }
  return r;
}
