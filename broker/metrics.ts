import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BROKER_CODES } from './errors';
import {
  BUNDLE_PARSE_CODES,
  BUNDLE_POLICY_ERROR_CODES,
  BUNDLE_POLICY_VIOLATION_CODES,
  BUNDLE_VERIFY_CODES,
} from '../attestation/bundle/errors';
import { COLLATERAL_CODES } from '../attestation/collateral/errors';
import {
  EVENTLOG_APPRAISAL_CODES,
  EVENTLOG_APPRAISAL_ERROR_CODES,
  EVENTLOG_PARSE_CODES,
  EVENTLOG_REPLAY_CODES,
  RUNTIME_EVENT_CODES,
  RUNTIME_LOG_ERROR_CODES,
  RUNTIME_LOG_VIOLATION_CODES,
} from '../attestation/eventlog/errors';
import {
  GPU_PARSE_CODES,
  GPU_POLICY_ERROR_CODES,
  GPU_POLICY_VIOLATION_CODES,
  GPU_VERIFY_CODES,
} from '../attestation/gpu/errors';
import { POLICY_ERROR_CODES, POLICY_VIOLATION_CODES } from '../attestation/policy/errors';
import { RECEIPT_CODES } from '../attestation/receipt/errors';
import { TDX_PARSE_CODES, TDX_VERIFY_CODES } from '../attestation/tdx/errors';

/** Prometheus metrics, on a registry of their own so several brokers can live in one process (tests, devnet). */
export interface BrokerMetrics {
  readonly registry: Registry;
  readonly admissions: Counter<'result' | 'code'>;
  readonly rejections: Counter<'code'>;
  readonly requests: Counter<'outcome'>;
  readonly queueDepth: Gauge;
  readonly workers: Gauge;
  readonly duration: Histogram<'outcome'>;
  readonly firstChunk: Histogram;
  readonly relayBytes: Counter<'direction'>;
  readonly chargedNano: Counter;
}

/** The label value that stands for every value outside a label's fixed set. */
export const OTHER_LABEL = 'other';

/**
 * Every code a label may carry: the broker's own and the attestation library's (admission refusals). Codes that
 * come from elsewhere (a worker's RequestFailed, a client) are not trusted label values: they become `other`, so no
 * one can grow the number of series.
 */
export const CODE_LABELS: ReadonlySet<string> = new Set<string>([
  ...BROKER_CODES,
  'OK',
  ...BUNDLE_PARSE_CODES,
  ...BUNDLE_VERIFY_CODES,
  ...BUNDLE_POLICY_VIOLATION_CODES,
  ...BUNDLE_POLICY_ERROR_CODES,
  ...COLLATERAL_CODES,
  ...EVENTLOG_PARSE_CODES,
  ...EVENTLOG_REPLAY_CODES,
  ...EVENTLOG_APPRAISAL_CODES,
  ...EVENTLOG_APPRAISAL_ERROR_CODES,
  ...RUNTIME_EVENT_CODES,
  ...RUNTIME_LOG_VIOLATION_CODES,
  ...RUNTIME_LOG_ERROR_CODES,
  ...GPU_PARSE_CODES,
  ...GPU_VERIFY_CODES,
  ...GPU_POLICY_VIOLATION_CODES,
  ...GPU_POLICY_ERROR_CODES,
  ...POLICY_VIOLATION_CODES,
  ...POLICY_ERROR_CODES,
  ...RECEIPT_CODES,
  ...TDX_PARSE_CODES,
  ...TDX_VERIFY_CODES,
]);

/** Fixed value set per label name. */
const LABEL_SETS: Readonly<Record<string, ReadonlySet<string>>> = {
  code: CODE_LABELS,
  // A request's outcome is `completed` or the code it ended with.
  outcome: new Set<string>(['completed', ...CODE_LABELS]),
  result: new Set<string>(['admitted', 'rejected']),
  direction: new Set<string>(['client_to_worker', 'worker_to_client']),
};

/** `value` when it belongs to the fixed set of label `name`, else `other`. */
export function boundedLabel(name: string, value: unknown): string {
  const set = LABEL_SETS[name];
  return typeof value === 'string' && set !== undefined && set.has(value) ? value : OTHER_LABEL;
}

function boundLabels(labels: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[k] = boundedLabel(k, v);
  return out;
}

type Labelled = {
  labels: (...args: unknown[]) => unknown;
  inc?: (...args: unknown[]) => unknown;
  observe?: (...args: unknown[]) => unknown;
};

/**
 * Makes every label value of `m` pass through `boundedLabel`, whichever way callers set it (`inc(labels, n)`,
 * `observe(labels, n)`, `labels({...})`, `labels(v1, v2)`).
 */
function bounded<M>(m: M, labelNames: readonly string[]): M {
  const t = m as unknown as Labelled;
  const fix = (a: unknown): unknown =>
    typeof a === 'object' && a !== null ? boundLabels(a as Record<string, unknown>) : a;
  const labels = t.labels.bind(t);
  t.labels = (...args: unknown[]) =>
    args.length === 1 && typeof args[0] === 'object'
      ? labels(fix(args[0]))
      : labels(...args.map((v, i) => boundedLabel(labelNames[i] ?? '', v)));
  for (const method of ['inc', 'observe'] as const) {
    const f = t[method]?.bind(t);
    if (f) t[method] = (first?: unknown, ...rest: unknown[]) => f(fix(first), ...rest);
  }
  return m;
}

export function createMetrics(): BrokerMetrics {
  const registry = new Registry();
  const m: BrokerMetrics = {
    registry,
    admissions: bounded(
      new Counter({
        name: 'chrysalis_broker_admissions_total',
        help: 'worker admission attempts',
        labelNames: ['result', 'code'],
        registers: [registry],
      }),
      ['result', 'code'],
    ),
    rejections: bounded(
      new Counter({
        name: 'chrysalis_broker_rejections_total',
        help: 'refused requests, frames and admissions by code',
        labelNames: ['code'],
        registers: [registry],
      }),
      ['code'],
    ),
    requests: bounded(
      new Counter({
        name: 'chrysalis_broker_requests_total',
        help: 'relayed requests by outcome',
        labelNames: ['outcome'],
        registers: [registry],
      }),
      ['outcome'],
    ),
    queueDepth: new Gauge({
      name: 'chrysalis_broker_queue_depth',
      help: 'requests waiting for a worker slot',
      registers: [registry],
    }),
    workers: new Gauge({
      name: 'chrysalis_broker_workers',
      help: 'admitted workers in the pool',
      registers: [registry],
    }),
    duration: bounded(
      new Histogram({
        name: 'chrysalis_broker_request_duration_seconds',
        help: 'request duration from acceptance to terminal frame',
        labelNames: ['outcome'],
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
        registers: [registry],
      }),
      ['outcome'],
    ),
    firstChunk: new Histogram({
      name: 'chrysalis_broker_first_chunk_seconds',
      help: 'time to first sealed chunk',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15],
      registers: [registry],
    }),
    relayBytes: bounded(
      new Counter({
        name: 'chrysalis_broker_relay_bytes_total',
        help: 'sealed bytes relayed',
        labelNames: ['direction'],
        registers: [registry],
      }),
      ['direction'],
    ),
    chargedNano: new Counter({
      name: 'chrysalis_broker_charged_nano_total',
      help: 'nanoton charged against receipts',
      registers: [registry],
    }),
  };
  return m;
}
