import { parseTcgEventLog, type ParseTcgOptions } from './tcg';
import { parseDstackEventLog } from './dstack-json';
import type { EventLog } from './types';

/**
 * Parse an event log in either supported format: a binary TCG crypto-agile log (CCEL data area), or dstack's JSON
 * rendering (text/bytes starting with `[` or `{`, or an already-parsed value).
 * @throws EventLogParseError (see parseTcgEventLog / parseDstackEventLog)
 */
export function parseEventLog(input: Uint8Array | string | readonly unknown[], opts: ParseTcgOptions = {}): EventLog {
  if (typeof input === 'string' || Array.isArray(input)) return parseDstackEventLog(input);
  const bytes = input as Uint8Array;
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  // A TCG log starts with a u32 MR index whose low byte is 0..4, never '[' (0x5b) or '{' (0x7b).
  if (bytes[i] === 0x5b || bytes[i] === 0x7b) return parseDstackEventLog(Buffer.from(bytes).toString('utf8'));
  return parseTcgEventLog(bytes, opts);
}
