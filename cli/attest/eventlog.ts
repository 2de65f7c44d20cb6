/**
 * `chrysalis attest eventlog <event-log-file> [--table <ccel-acpi-table>] [--quote <file>] [--policy any|direct-boot] [--json]`
 *
 * Parses a TDX event log (binary CCEL data area / TCG crypto-agile log, or dstack's JSON rendering), replays it into
 * RTMR0..RTMR3, prints every event, appraises the boot sequence and, with --quote, compares the replayed registers with
 * the quote's. Exit 1: log refused, appraisal violation, mismatch with the quote; exit 3: an unreadable or
 * unparseable input file (including --quote and --table).
 */
import { readFileSync } from 'node:fs';
import {
  parseEventLog,
  parseCcelTable,
  replayEventLog,
  compareWithQuote,
  eventLogViolations,
  type BootLogPolicy,
  type CcelTable,
  type QuoteComparison,
} from '../../attestation/eventlog';
import { parseQuote } from '../../attestation/tdx';
import type { Violation } from '../../attestation/errors';
import { diagnoseRegister, type PredictedEvent, type RegisterDiagnosis } from '../../attestation/measure';
import { inputError, usageError } from '../exit';
import { runCommand, type CommandSpec } from '../flags';
import { toHex } from '../../core/bytes';

export const spec = {
  name: 'attest eventlog',
  synopsis: '<event-log-file> [options]',
  summary:
    'Replay a TDX event log (CCEL data area or a dstack JSON log) into RTMR0..3, print every event, appraise it.',
  positionals: [1, 1],
  options: {
    table: { type: 'string', arg: 'FILE', desc: 'CCEL ACPI table (/sys/firmware/acpi/tables/CCEL)' },
    quote: { type: 'string', arg: 'FILE', desc: 'TDX quote: binary, hex, or JSON with a "quote" field; compare RTMRs' },
    expect: {
      type: 'string',
      arg: 'FILE',
      desc: "'chrysalis image measure --json' output: report the first differing event per register",
    },
    policy: { type: 'string', arg: 'any|direct-boot', default: 'any', desc: 'boot-sequence appraisal' },
    json: { type: 'boolean', desc: 'print one JSON object (rtmr0..rtmr3, events, matchesQuote, violations)' },
  },
  notes: ['<event-log-file> is /sys/firmware/acpi/tables/data/CCEL inside a TD, or a dstack JSON event log.'],
} as const satisfies CommandSpec;

/** Binary quote, hex text, or JSON {quote: hex | number[]} / number[]. */
export function readQuoteFile(path: string): Uint8Array {
  const raw = new Uint8Array(readFileSync(path));
  const text = Buffer.from(raw.subarray(0, Math.min(raw.length, 64)))
    .toString('latin1')
    .trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    const j = JSON.parse(Buffer.from(raw).toString('utf8')) as unknown;
    const q = Array.isArray(j) ? j : (j as Record<string, unknown>)['quote'];
    if (typeof q === 'string') return new Uint8Array(Buffer.from(q.replace(/^0x/, ''), 'hex'));
    if (Array.isArray(q) && q.every((x) => Number.isInteger(x) && x >= 0 && x < 256))
      return new Uint8Array(q as number[]);
    throw new Error('JSON quote file has no "quote" hex string or byte array');
  }
  if (/^[0-9a-fA-F]+$/.test(text.slice(0, 8)) && /^[0-9a-fA-F\s]+$/.test(Buffer.from(raw).toString('latin1'))) {
    return new Uint8Array(Buffer.from(Buffer.from(raw).toString('latin1').replace(/\s+/g, ''), 'hex'));
  }
  return raw;
}

function tableJson(t: CcelTable): Record<string, unknown> {
  return {
    ccType: t.ccType,
    ccSubtype: t.ccSubtype,
    revision: t.revision,
    oemId: t.oemId,
    logAreaMinimumLength: t.logAreaMinimumLength.toString(),
    logAreaStartAddress: `0x${t.logAreaStartAddress.toString(16)}`,
  };
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values, positionals }) => {
    if (values.policy !== 'any' && values.policy !== 'direct-boot')
      throw usageError('--policy must be any or direct-boot');
    return report(values as { json?: boolean; table?: string; quote?: string; expect?: string }, positionals[0]!, {
      bootChain: values.policy,
    });
  });
}

async function report(
  values: { json?: boolean; table?: string; quote?: string; expect?: string },
  logFile: string,
  policy: BootLogPolicy,
): Promise<number> {
  let logBytes: Uint8Array;
  let table: CcelTable | undefined;
  let quoteRegs: Uint8Array[] | undefined;
  let expected: Array<{ value: string | null; events: PredictedEvent[] }> | undefined;
  try {
    if (values.expect) {
      const j = JSON.parse(readFileSync(values.expect, 'utf8')) as Record<
        string,
        { value?: string | null; events?: PredictedEvent[] }
      >;
      expected = [0, 1, 2].map((i) => {
        const r = j[`rtmr${i}`];
        if (!r || !Array.isArray(r.events))
          throw new Error(`--expect: no rtmr${i}.events (not a 'chrysalis image measure --json' document)`);
        return { value: r.value ?? null, events: r.events };
      });
    }
    logBytes = new Uint8Array(readFileSync(logFile));
    if (values.table) table = parseCcelTable(new Uint8Array(readFileSync(values.table)));
    if (values.quote) {
      const q = parseQuote(readQuoteFile(values.quote));
      if (q.teeType !== 'TDX') throw new Error('the quote is an SGX quote, not TDX');
      quoteRegs = [q.body.rtmr0, q.body.rtmr1, q.body.rtmr2, q.body.rtmr3];
    }
  } catch (err) {
    throw inputError('cannot read an input file (the event log, --table, --quote or --expect)', err);
  }

  const out: Record<string, unknown> = { ok: false };
  if (table) out['table'] = tableJson(table);
  let exit = 0;
  try {
    const log = parseEventLog(logBytes);
    const r = replayEventLog(log);
    out['format'] = log.format;
    if (log.format === 'tcg') {
      out['logEndOffset'] = log.logEndOffset;
      out['padding'] = log.padding;
      if (table && BigInt(log.logEndOffset) > table.logAreaMinimumLength)
        out['tableNote'] = 'log is longer than the table LAML';
    }
    for (let i = 0; i < 4; i++) out[`rtmr${i}`] = toHex(r.rtmr[i]!);
    out['events'] = r.events;
    const violations: Violation[] = eventLogViolations(log, policy);
    out['violations'] = violations;
    let cmp: QuoteComparison | undefined;
    if (quoteRegs) {
      cmp = compareWithQuote(r.rtmr, quoteRegs);
      out['matchesQuote'] = cmp.matches;
      out['registers'] = cmp.registers;
    }
    let predictionOk = true;
    if (expected) {
      const diag = expected.map((p, i) => ({
        ...diagnoseRegister(i, p.events, r.byRegister[i]!),
        predictedValue: p.value,
      }));
      out['prediction'] = diag;
      predictionOk = diag.every((d) => d.matches);
      out['matchesPrediction'] = predictionOk;
    }
    out['ok'] = violations.length === 0 && (cmp?.matches ?? true) && predictionOk;
    exit = out['ok'] ? 0 : 1;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    out['code'] = e.code ?? 'UNKNOWN';
    out['message'] = e.message;
    exit = 1;
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return exit;
  }
  const lines: string[] = [];
  if (out['code']) {
    lines.push(`REJECTED ${String(out['code'])}: ${String(out['message'])}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return exit;
  }
  if (table)
    lines.push(
      `CCEL table: CC type ${table.ccType}, LAML ${table.logAreaMinimumLength}, LASA 0x${table.logAreaStartAddress.toString(16)}`,
    );
  lines.push(
    `format ${String(out['format'])}${out['logEndOffset'] !== undefined ? `, log ends at ${String(out['logEndOffset'])} (${String(out['padding'])} after)` : ''}`,
  );
  lines.push('');
  lines.push(' seq  mr     type                              digest            description');
  for (const e of out['events'] as ReturnType<typeof replayEventLog>['events']) {
    const mr = e.rtmr === null ? '-' : `rtmr${e.rtmr}`;
    const check = e.dataCheck === 'match' ? ' [data ok]' : e.dataCheck === 'mismatch' ? ' [DATA MISMATCH]' : '';
    lines.push(
      `${String(e.seq).padStart(4)}  ${mr.padEnd(6)} ${e.typeName.padEnd(33)} ${e.digest.slice(0, 16).padEnd(17)} ${e.description.replace(/\s+/g, ' ').slice(0, 90)}${check}`,
    );
  }
  lines.push('');
  for (let i = 0; i < 4; i++) {
    const reg = (out['registers'] as QuoteComparison['registers'] | undefined)?.find((x) => x.index === i);
    lines.push(
      `RTMR${i} ${String(out[`rtmr${i}`])}${reg ? (reg.matches ? '  = quote' : `  != quote ${reg.quote}`) : ''}`,
    );
  }
  if (out['matchesQuote'] !== undefined) lines.push(`matches quote: ${out['matchesQuote'] ? 'yes' : 'NO'}`);
  for (const d of (out['prediction'] as RegisterDiagnosis[] | undefined) ?? []) {
    if (d.matches) lines.push(`RTMR${d.register} events = prediction`);
    else {
      lines.push(`RTMR${d.register} differs from the prediction at event ${d.firstDifference}:`);
      lines.push(
        `  predicted ${d.predicted ? `${d.predicted.name} ${d.predicted.digest.slice(0, 16)} (${d.predicted.covers})` : '(no event)'}`,
      );
      lines.push(`  actual    ${d.actual ? `${d.actual.description} ${d.actual.digest.slice(0, 16)}` : '(no event)'}`);
    }
  }
  const v = out['violations'] as Violation[];
  if (v.length) {
    lines.push('appraisal violations:');
    for (const x of v) lines.push(`  ${x.code} ${x.field}${x.actual ? `: ${x.actual}` : ''}`);
  } else lines.push(`appraisal (${policy.bootChain}): ok`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exit;
}
