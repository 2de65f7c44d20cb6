/**
 * `AdmissionLogger` (broker/ports.ts) that appends each admission to the on-chain AttestationLog: the broker's
 * wallet sends `SubmitAdmission` to the Registry, which checks the wallet is the one registered for the broker's key
 * and that the ids are allowed, then forwards to the log (the contracts' design, contracts/README.md).
 *
 * `logAdmission` only enqueues (never blocks admission, never throws for chain reasons). One background loop sends
 * the queue in order through the shared, serialized `BrokerWallet`, retries transient failures with exponential
 * backoff, and confirms each entry by finding its event among the log's recent transactions. An unchanged bundle
 * (same worker key + bundle digest) already logged within `validityMs`, or still in the log's on-chain dedupe
 * window (`is_recent`), is not sent again: re-attestations cost nothing on chain. Every failure is logged with
 * a code; entries the registry would refuse (broker not registered from this wallet, ids not allowed) are checked
 * off-chain first and dropped with BROKER_CHAIN_ADMISSION_REJECTED instead of wasting a transaction.
 *
 * The log's `at` is the chain time at which the registry accepted the entry (the contract stamps it); the broker's
 * `AdmissionEvent.at` is not sent.
 */
import type { Address } from '@ton/core';
import { AttestationLog } from '../../contracts/wrappers/attestation-log';
import { Registry } from '../../contracts/wrappers/registry';
import type { ChainClient } from '../../contracts/chain/types';
import type { AdmissionEvent, AdmissionLogger } from '../ports';
import { BrokerChainError, codeOf, silentLogger, type ChainLogger } from './errors';
import type { BrokerWallet } from './wallet';
import { toHex } from '../../core/bytes';
import { backoffDelay, pollUntil } from '../../core/retry';

/** The broker's event as is (it carries the verified platform id, which the contract records and checks). Kept as an alias. */
export type ChainAdmissionEvent = AdmissionEvent;

export interface ChainAdmissionLoggerOptions {
  readonly chain: ChainClient;
  readonly registry: Address;
  readonly wallet: BrokerWallet;
  /** Value attached to SubmitAdmission (default 0.1 TON; the unspent part comes back). */
  readonly valueNano?: bigint;
  /** Attempts per entry before giving up (default 5). */
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at 60 s (default 2000 ms). */
  readonly retryDelayMs?: number;
  /** How long to wait for the entry to show in the log after the wallet applied the transfer (default 30 s). */
  readonly confirmTimeoutMs?: number;
  readonly pollMs?: number;
  /** How long a logged (worker key, bundle digest) is not sent again (default 24 h, the bundle validity). */
  readonly validityMs?: number;
  /** Entries beyond this are dropped with BROKER_CHAIN_QUEUE_FULL (default 10000). */
  readonly maxQueue?: number;
  readonly logger?: ChainLogger;
}

export interface AdmissionLogOutcome {
  readonly workerKey: string;
  readonly ok: boolean;
  /** 'OK', 'UNCHANGED' (already logged within its validity: nothing sent) or the failure code. */
  readonly code: string;
  readonly attempts: number;
}

interface Entry {
  readonly workerKey: string;
  readonly bundleDigest: string;
  readonly imageId: string;
  readonly modelId: string;
  readonly platformId: string;
  attempts: number;
}

export class ChainAdmissionLogger implements AdmissionLogger {
  private readonly queue: Entry[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly logger: ChainLogger;
  /** `workerKey:bundleDigest` -> when it was logged (ms), pruned past `validityMs`. */
  private readonly logged = new Map<string, number>();
  /** Outcomes in completion order (bounded to the last 1000). */
  readonly outcomes: AdmissionLogOutcome[] = [];

  constructor(private readonly opts: ChainAdmissionLoggerOptions) {
    this.logger = opts.logger ?? silentLogger;
  }

  /** Enqueues the admission and returns at once. */
  async logAdmission(e: ChainAdmissionEvent): Promise<void> {
    if (this.stopped) {
      this.logger.warn(
        { event: 'admission_log', ok: false, code: 'BROKER_CHAIN_STOPPED' },
        'admission log stopped: entry dropped',
      );
      return;
    }
    const workerKey = toHex(e.signingPublicKey);
    const pair = `${workerKey}:${toHex(e.bundleDigest)}`;
    if (this.isLogged(pair) || this.queue.some((q) => `${q.workerKey}:${q.bundleDigest}` === pair)) {
      this.record({ workerKey, ok: true, code: 'UNCHANGED', attempts: 0 });
      return;
    }
    if (this.queue.length >= (this.opts.maxQueue ?? 10_000)) {
      this.record({ workerKey: toHex(e.signingPublicKey), ok: false, code: 'BROKER_CHAIN_QUEUE_FULL', attempts: 0 });
      return;
    }
    this.queue.push({
      workerKey: toHex(e.signingPublicKey),
      bundleDigest: toHex(e.bundleDigest),
      imageId: toHex(e.imageId),
      modelId: toHex(e.modelId),
      platformId: toHex(e.platformId ?? new Uint8Array(0)),
      attempts: 0,
    });
    this.kick();
  }

  /** Resolves once every queued entry has been logged or given up (retries included). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking entries; waits for the current one, drops the rest (logged). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    for (const e of this.queue.splice(0))
      this.record({ workerKey: e.workerKey, ok: false, code: 'BROKER_CHAIN_STOPPED', attempts: e.attempts });
  }

  private isLogged(pair: string): boolean {
    const at = this.logged.get(pair);
    return at !== undefined && Date.now() - at < (this.opts.validityMs ?? 86_400_000);
  }

  private markLogged(e: Entry): void {
    const now = Date.now();
    if (this.logged.size >= (this.opts.maxQueue ?? 10_000))
      for (const [k, at] of this.logged) if (now - at >= (this.opts.validityMs ?? 86_400_000)) this.logged.delete(k);
    if (this.logged.size >= (this.opts.maxQueue ?? 10_000))
      this.logged.delete(this.logged.keys().next().value as string);
    this.logged.set(`${e.workerKey}:${e.bundleDigest}`, now);
  }

  get pending(): number {
    return this.queue.length;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.queue.length > 0 && !this.stopped) this.kick();
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const e = this.queue[0];
      if (!e) return;
      e.attempts++;
      try {
        const sent = await this.submit(e);
        this.queue.shift();
        this.markLogged(e);
        this.record({ workerKey: e.workerKey, ok: true, code: sent ? 'OK' : 'UNCHANGED', attempts: e.attempts });
      } catch (err) {
        const code = codeOf(err, 'BROKER_CHAIN_SEND_FAILED');
        const permanent =
          code === 'BROKER_CHAIN_ADMISSION_REJECTED' || code === 'BROKER_CHAIN_ADMISSION_PLATFORM_UNKNOWN';
        if (permanent || e.attempts >= (this.opts.maxAttempts ?? 5)) {
          this.queue.shift();
          this.record({ workerKey: e.workerKey, ok: false, code, attempts: e.attempts });
        } else {
          this.logger.warn(
            { event: 'admission_log', ok: false, code, attempt: e.attempts, workerKey: e.workerKey },
            'admission log: retrying',
          );
          const delay = backoffDelay(e.attempts - 1, { initialMs: this.opts.retryDelayMs ?? 2000, maxMs: 60_000 });
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, delay);
            this.wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    }
  }

  private record(o: AdmissionLogOutcome): void {
    this.outcomes.push(o);
    if (this.outcomes.length > 1000) this.outcomes.shift();
    if (o.ok)
      this.logger.info(
        { event: 'admission_log', ok: true, workerKey: o.workerKey, attempts: o.attempts },
        'admission logged on-chain',
      );
    else
      this.logger.error(
        { event: 'admission_log', ok: false, code: o.code, workerKey: o.workerKey, attempts: o.attempts },
        'admission not logged on-chain',
      );
  }

  /** Sends and confirms the entry; false when the log already holds the pair (nothing sent). */
  private async submit(e: Entry): Promise<boolean> {
    const { chain, registry, wallet } = this.opts;
    const reg = await chain.readRegistry(registry); // cached on version: one get call when unchanged
    const brokerKey = toHex(wallet.publicKey);
    const me = reg.brokers.find((b) => b.key === brokerKey);
    if (!me || !me.wallet.equals(wallet.address))
      throw new BrokerChainError('BROKER_CHAIN_ADMISSION_REJECTED', 'broker not registered from this wallet');
    // The platform id is the verified identity's (AdmissionEvent.platformId); never guessed from the registry.
    const platformId = e.platformId;
    if (platformId.length !== 64)
      throw new BrokerChainError(
        'BROKER_CHAIN_ADMISSION_PLATFORM_UNKNOWN',
        'admission event has no 32-byte platform id',
      );
    if (
      !reg.images.includes(e.imageId) ||
      !reg.platforms.includes(platformId) ||
      !reg.models.some((m) => m.id === e.modelId)
    ) {
      throw new BrokerChainError('BROKER_CHAIN_ADMISSION_REJECTED', 'ids not allowed by the registry now');
    }
    if (!reg.attestationLog)
      throw new BrokerChainError('BROKER_CHAIN_ADMISSION_REJECTED', 'registry has no attestation log');
    const log = chain.open(AttestationLog.createFromAddress(reg.attestationLog));
    const admission = {
      workerKey: e.workerKey,
      bundleDigest: e.bundleDigest,
      imageId: e.imageId,
      platformId,
      modelId: e.modelId,
    };
    if (await log.getIsRecent(e.workerKey, e.bundleDigest)) return false;
    await wallet.send('SubmitAdmission', (sender) =>
      chain.open(Registry.createFromAddress(registry)).sendSubmitAdmission(sender, {
        brokerKey,
        admission,
        ...(this.opts.valueNano !== undefined ? { value: this.opts.valueNano } : {}),
      }),
    );
    // The wallet applied the transfer; the registry -> log hop may take a little longer on a real network.
    let readError: unknown;
    const found = await pollUntil(
      async () => {
        try {
          const got = await log.getAdmission(e.workerKey, {
            brokerKey,
            bundleDigest: e.bundleDigest,
            maxTransactions: 200,
          });
          readError = undefined;
          return got ? true : undefined;
        } catch (err) {
          readError = err;
          return undefined;
        }
      },
      { timeoutMs: this.opts.confirmTimeoutMs ?? 30_000, intervalMs: this.opts.pollMs ?? 1000 },
    );
    if (found) return true;
    if (readError !== undefined)
      throw new BrokerChainError('BROKER_CHAIN_NOT_APPLIED', 'admission log unreadable', { cause: readError });
    throw new BrokerChainError('BROKER_CHAIN_NOT_APPLIED', 'admission not in the log');
  }
}
