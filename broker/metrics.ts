import { Counter, Gauge, Histogram, Registry } from 'prom-client';

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

export function createMetrics(): BrokerMetrics {
  const registry = new Registry();
  const m: BrokerMetrics = {
    registry,
    admissions: new Counter({
      name: 'chrysalis_broker_admissions_total',
      help: 'worker admission attempts',
      labelNames: ['result', 'code'],
      registers: [registry],
    }),
    rejections: new Counter({
      name: 'chrysalis_broker_rejections_total',
      help: 'refused requests, frames and admissions by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    requests: new Counter({
      name: 'chrysalis_broker_requests_total',
      help: 'relayed requests by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
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
    duration: new Histogram({
      name: 'chrysalis_broker_request_duration_seconds',
      help: 'request duration from acceptance to terminal frame',
      labelNames: ['outcome'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers: [registry],
    }),
    firstChunk: new Histogram({
      name: 'chrysalis_broker_first_chunk_seconds',
      help: 'time to first sealed chunk',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15],
      registers: [registry],
    }),
    relayBytes: new Counter({
      name: 'chrysalis_broker_relay_bytes_total',
      help: 'sealed bytes relayed',
      labelNames: ['direction'],
      registers: [registry],
    }),
    chargedNano: new Counter({
      name: 'chrysalis_broker_charged_nano_total',
      help: 'nanoton charged against receipts',
      registers: [registry],
    }),
  };
  return m;
}
