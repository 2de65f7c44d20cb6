import { EventLogParseError } from './errors';
import type { EventLog, LogEvent } from './types';
import { bytesEqual, tryFromHex, sha384 } from './bytes';
import { DSTACK_RUNTIME_EVENT, EV_NO_ACTION, RTMR_COUNT, TPM_ALG_SHA384 } from './constants';

/*
 * dstack JSON event log (dstack guest-agent `GetQuote` `event_log`, cc-eventlog `src/tcg.rs`): a list of
 *   { imr: 0-based RTMR index, event_type: u32, digest: hex SHA-384 or "" , event: name, event_payload: hex }
 * Boot entries are the CCEL entries with imr = MR index - 1. RTMR3 entries of type 0x08000001 are dstack runtime
 * events with digest v1 = SHA-384(u32le(0x08000001) || ":" || name || ":" || payload) (cc-eventlog
 * `runtime_events.rs`); an empty digest is recomputed, a present one must match.
 */
const MAX_EVENTS = 100_000;

function bad(msg: string, seq?: number): EventLogParseError {
  return new EventLogParseError('EVENTLOG_BAD_JSON', msg, seq === undefined ? undefined : { details: { seq } });
}

/** dstack runtime event digest, v1 rule. */
export function dstackRuntimeEventDigest(name: string, payload: Uint8Array): Uint8Array {
  const t = new Uint8Array(4);
  new DataView(t.buffer).setUint32(0, DSTACK_RUNTIME_EVENT, true);
  return sha384(t, Buffer.from(':'), Buffer.from(name, 'utf8'), Buffer.from(':'), payload);
}

/** Accepts the list, its JSON text, or an object carrying it as `event_log` (string or list). */
function entriesOf(input: unknown): unknown[] {
  let v = input;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw bad('event log is not valid JSON');
    }
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'event_log' in v) {
    return entriesOf((v as { event_log: unknown }).event_log);
  }
  if (!Array.isArray(v)) throw bad('dstack event log must be a JSON list');
  return v;
}

/**
 * Parse a dstack JSON event log.
 * @throws EventLogParseError EVENTLOG_BAD_JSON | EVENTLOG_BAD_MR_INDEX | EVENTLOG_MISSING_SHA384_DIGEST |
 *   EVENTLOG_RUNTIME_DIGEST_MISMATCH | EVENTLOG_TOO_LARGE
 */
export function parseDstackEventLog(input: unknown): EventLog {
  const list = entriesOf(input);
  if (list.length > MAX_EVENTS) throw new EventLogParseError('EVENTLOG_TOO_LARGE', `more than ${MAX_EVENTS} entries`);
  const events: LogEvent[] = list.map((raw, seq): LogEvent => {
    if (raw === null || typeof raw !== 'object') throw bad(`entry ${seq} is not an object`, seq);
    const e = raw as Record<string, unknown>;
    const imr = e['imr'];
    const type = e['event_type'];
    const digestHex = e['digest'] ?? '';
    const name = e['event'] ?? '';
    const payloadHex = e['event_payload'] ?? '';
    if (typeof imr !== 'number' || !Number.isInteger(imr)) throw bad(`entry ${seq}: imr is not an integer`, seq);
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 0xffffffff) {
      throw bad(`entry ${seq}: event_type is not a u32`, seq);
    }
    if (typeof digestHex !== 'string' || typeof name !== 'string' || typeof payloadHex !== 'string') {
      throw bad(`entry ${seq}: digest/event/event_payload must be strings`, seq);
    }
    const payload = tryFromHex(payloadHex);
    if (payload === undefined) throw bad(`entry ${seq}: event_payload is not hex`, seq);
    let digest: Uint8Array | undefined;
    if (digestHex !== '') {
      digest = tryFromHex(digestHex);
      if (digest === undefined || digest.length !== 48) throw bad(`entry ${seq}: digest is not 48 bytes of hex`, seq);
    }
    const measured = type !== EV_NO_ACTION;
    if (measured && (imr < 0 || imr >= RTMR_COUNT)) {
      throw new EventLogParseError('EVENTLOG_BAD_MR_INDEX', `entry ${seq}: imr ${imr} is not an RTMR`, {
        details: { seq },
      });
    }
    let recomputed = false;
    if (type === DSTACK_RUNTIME_EVENT) {
      const d = dstackRuntimeEventDigest(name, payload);
      if (digest === undefined) {
        digest = d;
        recomputed = true;
      } else if (!bytesEqual(d, digest)) {
        throw new EventLogParseError(
          'EVENTLOG_RUNTIME_DIGEST_MISMATCH',
          `entry ${seq}: runtime event '${name}' digest does not match`,
          {
            details: { seq },
          },
        );
      }
    }
    if (measured && digest === undefined) {
      throw new EventLogParseError('EVENTLOG_MISSING_SHA384_DIGEST', `entry ${seq}: no digest`, { details: { seq } });
    }
    return {
      seq,
      mrIndex: imr + 1,
      type,
      digests: digest === undefined ? [] : [{ algorithmId: TPM_ALG_SHA384, digest }],
      sha384: digest,
      data: payload,
      name,
      offset: -1,
      digestRecomputed: recomputed,
    };
  });
  return { format: 'dstack-json', header: undefined, events, logEndOffset: 0, padding: 'none' };
}
