import { CollateralError } from './errors';

/**
 * The exact source text of the value of top-level key `key` in the JSON object `text`, without re-serialising.
 * Intel signs the served bytes of `tcbInfo` / `enclaveIdentity`; JSON.parse + stringify may change them.
 * The whole document must also be valid JSON (checked with JSON.parse first).
 */
export function rawTopLevelValue(text: string, key: string, what: string): string {
  try {
    JSON.parse(text);
  } catch (cause) {
    throw new CollateralError('COLLATERAL_MALFORMED', `${what}: invalid JSON`, { cause });
  }
  let i = skipWs(text, 0);
  if (text[i] !== '{') throw new CollateralError('COLLATERAL_MALFORMED', `${what}: not a JSON object`);
  i++;
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === '}') break;
    const keyEnd = scanString(text, i);
    const k = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    i++; // ':'
    const vStart = skipWs(text, i);
    const vEnd = scanValue(text, vStart);
    if (k === key) return text.slice(vStart, vEnd);
    i = skipWs(text, vEnd);
    if (text[i] === ',') i++;
  }
  throw new CollateralError('COLLATERAL_MALFORMED', `${what}: no "${key}"`);
}

function skipWs(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\n' || t[i] === '\r' || t[i] === '\t')) i++;
  return i;
}
/** `i` at an opening quote; returns the index after the closing quote. Input already validated by JSON.parse. */
function scanString(t: string, i: number): number {
  i++;
  while (i < t.length) {
    const c = t[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}
function scanValue(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return scanString(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < t.length) {
      const d = t[i];
      if (d === '"') {
        i = scanString(t, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < t.length && !',}] \n\r\t'.includes(t[i] as string)) i++;
  return i;
}
