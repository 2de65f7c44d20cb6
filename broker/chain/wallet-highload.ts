/**
 * The broker's wallet as a highload wallet (contracts/tolk/highload_wallet.tolk, the highload v3 design): sends
 * are NOT serialized. Concurrent `send()` calls are collected for `batchWindowMs` and go out together, up to 254
 * messages in one signed external with one query id; each call resolves once the wallet reports that query id as
 * processed (`processed?` get-method). Until then the SAME external is re-broadcast every `resendMs` (the wallet
 * applies a query id at most once, so a lost broadcast is repaired and a repeated one is harmless); after
 * `confirmTimeoutMs` the call fails with BROKER_CHAIN_SEND_FAILED, `details.queryId` naming the id.
 *
 * Query ids come from the local clock, not from storage: id = (unix second mod 8192) << 10 | n, n = 0..1022 the
 * n-th external of that second. A shift repeats only after 8192 s, and the wallet forgets an id at most about
 * 3 x timeout after using it, so with `timeout` <= 2600 s an id is never reused while the wallet still remembers
 * it, across restarts too: a process takes no id in the second it started in (the one before may have used it)
 * and waits while the clock stands behind the last second it used. Several processes sharing the wallet (broker
 * replicas) take ids from `queryIds` (the database) instead.
 */
import {
  beginCell,
  type Cell,
  external,
  internal,
  type Sender,
  type SenderArguments,
  SendMode,
  storeMessage,
} from '@ton/core';
import { systemClock, type Clock } from '../../core/clock';
import type { ChainClient } from '../../contracts/chain/types';
import {
  buildHighloadExternal,
  HIGHLOAD_DEFAULT_SUBWALLET,
  HIGHLOAD_MAX_BATCH,
  HighloadWallet,
  highloadWalletCode,
} from '../../contracts/wrappers';
import { BrokerChainError, codeOf } from './errors';
import type { BrokerKeys, BrokerWallet } from './wallet-types';

/** Largest wallet timeout for which clock-derived query ids never collide with remembered ones. */
export const HIGHLOAD_BROKER_MAX_TIMEOUT = 2600;

export interface HighloadBrokerWalletOptions {
  readonly confirmTimeoutMs?: number;
  readonly pollMs?: number;
  /** Re-broadcast interval of an unconfirmed external (default 5 x pollMs). */
  readonly resendMs?: number;
  /** How long to collect concurrent sends into one external (default 5 ms). */
  readonly batchWindowMs?: number;
  readonly subwalletId?: number;
  /** Wallet timeout in seconds (default 1800, at most HIGHLOAD_BROKER_MAX_TIMEOUT); part of the address. */
  readonly timeout?: number;
  /** Seconds created_at lies behind the local clock, for a chain clock that lags (default 30). */
  readonly createdAtSlackS?: number;
  readonly clock?: Clock;
  readonly workchain?: number;
  /**
   * Where query ids come from instead of the clock: replicas sharing the wallet take them from the database
   * (`PostgresLedger.nextQueryId`, a sequence walked in order, so an id comes back only after all 8,380,416 others:
   * safe while the replicas together send fewer externals than that per 3 x `timeout`).
   */
  readonly queryIds?: () => Promise<number>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Clock-derived query ids (see the file comment). */
export class ClockQueryIds {
  private sec: number;
  private n = 0;

  constructor(private readonly clock: Clock) {
    this.sec = Math.floor(clock.now().getTime() / 1000);
    this.n = 1023; // nothing left in the start second
  }

  /** The next id, or null when none is free now (start second, clock behind, 1023 used this second). */
  tryNext(): number | null {
    const s = Math.floor(this.clock.now().getTime() / 1000);
    if (s < this.sec) return null;
    if (s > this.sec) {
      this.sec = s;
      this.n = 0;
    }
    if (this.n > 1022) return null;
    return ((s % 8192) << 10) | this.n++;
  }
}

interface Pending {
  readonly args: SenderArguments;
  readonly broadcast: Deferred<void>;
  readonly confirmed: Deferred<number>;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Opens the broker's highload wallet on `chain` (deployed by its first external; fund its address first). */
export function openHighloadBrokerWallet(
  chain: ChainClient,
  keys: BrokerKeys,
  opts: HighloadBrokerWalletOptions = {},
): BrokerWallet {
  const timeout = opts.timeout ?? 1800;
  if (!Number.isInteger(timeout) || timeout < 60 || timeout > HIGHLOAD_BROKER_MAX_TIMEOUT)
    throw new RangeError(`highload wallet timeout must be 60..${HIGHLOAD_BROKER_MAX_TIMEOUT} s`);
  const subwalletId = opts.subwalletId ?? HIGHLOAD_DEFAULT_SUBWALLET;
  const contract = HighloadWallet.createFromConfig(
    { publicKey: keys.publicKey, subwalletId, timeout },
    highloadWalletCode(),
    opts.workchain ?? 0,
  );
  const opened = chain.open(HighloadWallet.createFromAddress(contract.address));
  const clock = opts.clock ?? systemClock;
  const ids = new ClockQueryIds(clock);
  const confirmTimeoutMs = opts.confirmTimeoutMs ?? 60_000;
  const pollMs = opts.pollMs ?? 1000;
  const resendMs = opts.resendMs ?? pollMs * 5;
  const slack = opts.createdAtSlackS ?? 30;
  let queue: Pending[] = [];
  let scheduled = false;
  let active = false;

  const nextId = async (): Promise<number> => {
    for (;;) {
      const id = ids.tryNext();
      if (id !== null) return id;
      await sleep(Math.min(pollMs, 100));
    }
  };

  const externalOf = async (body: Cell): Promise<Cell> => {
    if (!active) active = (await chain.getAccountState(contract.address)) === 'active';
    const init = active ? undefined : contract.init;
    return beginCell()
      .store(storeMessage(external({ to: contract.address, ...(init ? { init } : {}), body })))
      .endCell();
  };

  const confirm = async (queryId: number, ext: Cell): Promise<void> => {
    const deadline = clock.now().getTime() + confirmTimeoutMs;
    let lastSend = clock.now().getTime();
    for (;;) {
      try {
        if (await opened.getProcessed(queryId, false)) return;
      } catch {
        // not deployed yet, or a transient read error: keep polling
      }
      const now = clock.now().getTime();
      if (now >= deadline)
        throw new BrokerChainError('BROKER_CHAIN_NOT_APPLIED', `query ${queryId} not processed`, {
          details: { queryId },
        });
      if (now - lastSend >= resendMs) {
        lastSend = now;
        await chain.sendExternal(ext).catch(() => undefined);
      }
      await sleep(pollMs);
    }
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = queue.slice(0, HIGHLOAD_MAX_BATCH);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule(0);
    if (batch.length === 0) return;
    let queryId = -1;
    let ext: Cell;
    try {
      queryId = opts.queryIds ? await opts.queryIds() : await nextId();
      const body = buildHighloadExternal({
        secretKey: keys.secretKey,
        subwalletId,
        timeout,
        queryId,
        createdAt: Math.floor(clock.now().getTime() / 1000) - slack,
        wallet: contract.address,
        messages: batch.map((p) => ({
          message: internal({
            to: p.args.to,
            value: p.args.value,
            bounce: p.args.bounce ?? true,
            ...(p.args.body ? { body: p.args.body } : {}),
            ...(p.args.init ? { init: p.args.init } : {}),
          }),
          // In a batch one failing message must not abort the others' (one action phase for all).
          mode: (p.args.sendMode ?? SendMode.PAY_GAS_SEPARATELY) | (batch.length > 1 ? SendMode.IGNORE_ERRORS : 0),
        })),
      });
      ext = await externalOf(body);
      await chain.sendExternal(ext);
    } catch (err) {
      for (const p of batch) p.broadcast.reject(err);
      return;
    }
    for (const p of batch) p.broadcast.resolve();
    const id = queryId;
    confirm(id, ext).then(
      () => batch.forEach((p) => p.confirmed.resolve(id)),
      (err: unknown) => batch.forEach((p) => p.confirmed.reject(err)),
    );
  };

  function schedule(ms: number): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void flush(), ms);
  }

  const failed = (what: string, msg: string, err: unknown): BrokerChainError => {
    const queryId = err instanceof BrokerChainError ? err.details?.['queryId'] : undefined;
    return new BrokerChainError('BROKER_CHAIN_SEND_FAILED', `${what}: ${msg}`, {
      cause: err,
      details: { cause: codeOf(err, 'UNKNOWN'), ...(queryId !== undefined ? { queryId } : {}) },
    });
  };

  return {
    address: contract.address,
    publicKey: Uint8Array.from(keys.publicKey),
    async send<T>(what: string, fn: (sender: Sender) => Promise<T>): Promise<T> {
      const mine: Pending[] = [];
      const sender: Sender = {
        address: contract.address,
        send: async (args) => {
          const p: Pending = { args, broadcast: deferred<void>(), confirmed: deferred<number>() };
          mine.push(p);
          queue.push(p);
          schedule(opts.batchWindowMs ?? 5);
          await p.broadcast.promise;
        },
      };
      let out: T;
      try {
        out = await fn(sender);
      } catch (err) {
        if (mine.length === 0) throw err;
        throw failed(what, 'send failed', err);
      }
      try {
        await Promise.all(mine.map((p) => p.confirmed.promise));
      } catch (err) {
        throw failed(what, 'not applied', err);
      }
      return out;
    },
  };
}
