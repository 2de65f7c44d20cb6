/**
 * Per-broker health for MultiBrokerClient: a broker that failed in a way that is its own (unreachable, garbage,
 * stalled, lying about its workers) or that refuses this client ("not here": unknown client, unfunded channel) is down
 * with a typed reason for a back-off period: 2 s, doubling per consecutive failure, at most 60 s; a success resets it.
 */
import { SdkError } from './errors';

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 60_000;

/** Why a broker is down: the SdkError code it failed with (and the broker's own code when it gave one). */
export interface BrokerDownReason {
  readonly code: string;
  readonly brokerCode?: string;
  readonly message: string;
}

/** One broker as `MultiBrokerClient.brokers()` reports it. */
export interface BrokerStatus {
  readonly url: string;
  readonly channel: string;
  readonly state: 'up' | 'down';
  /** Why it was last marked down (kept while down). */
  readonly reason?: BrokerDownReason;
  /** While down: epoch ms until which no request goes to it. */
  readonly downUntil?: number;
  /** The lowest load it advertised for a verified worker at its last listing. */
  readonly load?: number;
  /** Consecutive failures (the back-off exponent). */
  readonly failures: number;
}

/** Broker refusals that mean "this client has no usable channel here": skip the broker for this client. */
export const NOT_HERE_CODES: ReadonlySet<string> = new Set([
  'BROKER_UNKNOWN_CLIENT',
  'BROKER_UNFUNDED',
  'BROKER_CHANNEL_CODE_MISMATCH',
  'BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT',
]);

/** SDK codes that are the broker's fault when they happen before the request was accepted. */
const BROKER_FAULT_CODES: ReadonlySet<string> = new Set([
  'SDK_BROKER_UNREACHABLE',
  'SDK_BROKER_RESPONSE_INVALID',
  'SDK_STREAM_CORRUPT',
  'SDK_STREAM_TRUNCATED',
  'SDK_TIMEOUT',
  'SDK_BUNDLE_INVALID',
  'SDK_BUNDLE_KEY_MISMATCH',
]);

/**
 * How an error before acceptance counts against the broker: `down` (its fault, or it refuses this client) or `next`
 * (not its fault: try another broker, leave this one up), or `fatal` (the same for every broker: give up).
 */
export function classify(e: unknown): 'down' | 'next' | 'fatal' {
  if (!(e instanceof SdkError)) return 'down';
  const brokerCode = typeof e.details?.brokerCode === 'string' ? e.details.brokerCode : '';
  if (NOT_HERE_CODES.has(brokerCode)) return 'down';
  if (BROKER_FAULT_CODES.has(e.code)) return 'down';
  if (e.code === 'SDK_BROKER_ERROR')
    return typeof e.details?.status === 'number' && e.details.status >= 500 ? 'down' : 'next';
  if (e.code === 'SDK_REQUEST_INVALID' || e.code === 'SDK_CONFIG_INVALID' || e.code === 'SDK_VOUCHER_FAILED')
    return 'fatal';
  return 'next';
}

export function reasonOf(e: unknown): BrokerDownReason {
  if (e instanceof SdkError) {
    const brokerCode = typeof e.details?.brokerCode === 'string' && e.details.brokerCode ? e.details.brokerCode : '';
    return { code: e.code, ...(brokerCode ? { brokerCode } : {}), message: e.message };
  }
  return { code: 'SDK_BROKER_ERROR', message: e instanceof Error ? e.message : String(e) };
}

/** The health of one broker (mutable; owned by MultiBrokerClient). */
export class BrokerHealth {
  failures = 0;
  downUntil = 0;
  reason: BrokerDownReason | undefined;
  load: number | undefined;

  /** Up, or down with its back-off expired (then it may be tried again). */
  usable(nowMs: number): boolean {
    return nowMs >= this.downUntil;
  }

  markDown(e: unknown, nowMs: number): BrokerDownReason {
    this.failures += 1;
    const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.failures - 1, 16));
    this.downUntil = nowMs + wait;
    this.reason = reasonOf(e);
    return this.reason;
  }

  markUp(): void {
    this.failures = 0;
    this.downUntil = 0;
    this.reason = undefined;
  }

  status(url: string, channel: string, nowMs: number): BrokerStatus {
    const down = !this.usable(nowMs);
    return {
      url,
      channel,
      state: down ? 'down' : 'up',
      ...(down && this.reason ? { reason: this.reason } : {}),
      ...(down ? { downUntil: this.downUntil } : {}),
      ...(this.load !== undefined ? { load: this.load } : {}),
      failures: this.failures,
    };
  }
}

/** SDK_NO_BROKER with each broker's state and reason. */
export function noBrokerError(brokers: readonly BrokerStatus[], cause?: unknown): SdkError {
  return new SdkError('SDK_NO_BROKER', 'no broker is usable right now', {
    retryable: true,
    ...(cause !== undefined ? { cause } : {}),
    details: {
      brokers: brokers.map((b) => ({
        url: b.url,
        channel: b.channel,
        state: b.state,
        ...(b.reason ? { reason: b.reason } : {}),
        ...(b.downUntil !== undefined ? { downUntil: b.downUntil } : {}),
      })),
    },
  });
}
