/**
 * Client-owned voucher state, per (channel, network): what the client has signed and what verified receipts say it
 * owes. The client never signs for more than `owed + reservations of the requests in flight`:
 *
 *   vouchedNano  cumulative amount of the last voucher signed
 *   seq          seq of the last voucher signed (the next one is seq + 1, never reused, across processes too)
 *   owedNano     sum of the amounts of verified receipts
 *   reservations one row per request in flight (its max_cost_nano), removed when the request ends; once the broker
 *                accepted the request and no receipt was counted (broken stream, dead process), the row keeps the
 *                accepted request until its receipt is recovered (receipt-recovery.ts)
 *
 * `VoucherStore` is the seam; `MemoryVoucherStore` (one process, tests, browsers) is here, the SQLite store shared by
 * several processes (`SqliteVoucherStore`) is in the Node-only voucher-store.ts.
 */
import { Address } from '@ton/core';

export interface VoucherKey {
  /** The channel address (normalised by `voucherKey`). */
  readonly channel: string;
  /** The network id the vouchers name (contracts NETWORK_GLOBAL_ID). */
  readonly globalId: number;
}

export interface StoredVoucher {
  /** Voucher BoC as signed. */
  readonly voucher: Uint8Array;
  readonly signature: Uint8Array;
  readonly amountNano: bigint;
  readonly seq: bigint;
}

export interface VoucherAccountState {
  readonly vouchedNano: bigint;
  readonly seq: bigint;
  readonly owedNano: bigint;
  /** Sum of the reservations of requests in flight (every process sharing the store). */
  readonly reservedNano: bigint;
  readonly lastVoucher?: StoredVoucher;
}

export interface Reservation {
  /** Unique per request. */
  readonly id: string;
  readonly amountNano: bigint;
  readonly nowMs: number;
  /** Reservations older than this (a crashed process's) are swept before the target is computed. */
  readonly staleAfterMs: number;
}

/**
 * What a reservation row records once the broker accepted its request, so that a receipt the client never saw (its
 * process died, or the stream broke after the broker charged) can be fetched and verified later (receipt-recovery.ts).
 * Hex strings are lower case.
 */
export interface AcceptedRequest {
  /** The broker's request id (the `accepted` frame). */
  readonly requestId: string;
  /** The attested worker's receipt signing key (hex). */
  readonly workerKey: string;
  /** SHA-256 of the sealed request (hex). */
  readonly requestDigest: string;
  /** The attested model id (hex). */
  readonly modelId: string;
  readonly promptPriceNano: bigint;
  readonly completionPriceNano: bigint;
  /** The reservation the request was sent with. */
  readonly maxCostNano: bigint;
  /** The seq the broker accepted the request at. */
  readonly seq: bigint;
}

/** A reservation row whose request was accepted and whose receipt has not been counted yet. */
export interface PendingReceipt extends AcceptedRequest {
  /** The reservation id. */
  readonly id: string;
  readonly createdMs: number;
}

/** Signs the voucher for `amountNano` at `seq` (called inside the store's transaction). */
export type SignAt = (amountNano: bigint, seq: bigint) => Promise<{ voucher: Uint8Array; signature: Uint8Array }>;

export interface VoucherStore {
  read(key: VoucherKey): Promise<VoucherAccountState>;
  /**
   * Atomically: adds the reservation; when `vouched < owed + all reservations`, signs a voucher for exactly that
   * target at seq + 1 and records it. `signed` is that new voucher (absent when the store already covered it).
   */
  reserve(
    key: VoucherKey,
    r: Reservation,
    sign: SignAt,
  ): Promise<{ state: VoucherAccountState; signed?: StoredVoucher }>;
  /** Removes a reservation (the request ended without a verified receipt). */
  release(key: VoucherKey, id: string): Promise<void>;
  /**
   * Removes the reservation and adds a verified receipt's amount to `owedNano`. With `requestId`, at most once per
   * request id: a receipt already counted (by recovery) is not added again.
   */
  settle(key: VoucherKey, id: string, amountNano: bigint, requestId?: string): Promise<VoucherAccountState>;
  /** Records on reservation `id` that the broker accepted its request (no-op when the row is gone). */
  accept(key: VoucherKey, id: string, a: AcceptedRequest): Promise<void>;
  /** The reservation rows with an accepted request (candidates for receipt recovery). */
  pending(key: VoucherKey): Promise<PendingReceipt[]>;
  /**
   * Atomically drops reservation `id` and, with `amountNano` (a verified receipt for `requestId`), adds it to
   * `owedNano` unless that request id was counted before. `counted` says whether it was added now.
   */
  resolve(
    key: VoucherKey,
    id: string,
    requestId: string,
    amountNano?: bigint,
  ): Promise<{ counted: boolean; state: VoucherAccountState }>;
  /**
   * Moves the state forward to a voucher the client signed earlier (verified by the caller, e.g. the one the broker
   * holds): vouched and seq to at least the voucher's; when the store was behind it, owed to at least the new vouched
   * amount (what was owed since is unknown); when in step, owed is left as the sum of verified receipts.
   */
  adopt(key: VoucherKey, v: StoredVoucher): Promise<VoucherAccountState>;
  close?(): void;
}

/** The store key for a channel: the raw form of a TON address (any form accepted), else the string as given. */
export function voucherKey(channel: string, globalId: number): VoucherKey {
  let c = channel;
  try {
    c = Address.parse(channel).toRawString();
  } catch {
    /* not a TON address: kept as given */
  }
  return { channel: c, globalId };
}

/** What `reserve` must do given the row and the reservations (after adding this one). */
export function reservationTarget(
  row: { readonly vouchedNano: bigint; readonly owedNano: bigint },
  reservedNano: bigint,
): bigint | undefined {
  const target = row.owedNano + reservedNano;
  return row.vouchedNano < target ? target : undefined;
}

/**
 * Moves a row forward to a voucher the client signed earlier (`VoucherStore.adopt`): vouched and seq to at least the
 * voucher's. Behind it (state lost, or another copy of the key signed it), what is owed since is unknown, so
 * everything vouched counts as owed (the safe side); in step, owed stays the sum of receipts, so the prepaid part of
 * a reservation is not given away by a sync.
 */
export function adoptVoucher(
  r: { vouchedNano: bigint; seq: bigint; owedNano: bigint; lastVoucher?: StoredVoucher },
  v: StoredVoucher,
): void {
  const behind = v.amountNano > r.vouchedNano || v.seq > r.seq;
  if (v.amountNano > r.vouchedNano || (v.amountNano === r.vouchedNano && v.seq > r.seq)) {
    r.vouchedNano = v.amountNano;
    r.lastVoucher = v;
  }
  if (v.seq > r.seq) r.seq = v.seq;
  if (behind && r.vouchedNano > r.owedNano) r.owedNano = r.vouchedNano;
}

interface MemRow {
  vouchedNano: bigint;
  seq: bigint;
  owedNano: bigint;
  lastVoucher?: StoredVoucher;
  reservations: Map<string, { amountNano: bigint; atMs: number; accepted?: AcceptedRequest }>;
  counted: Set<string>;
}

/** In-memory `VoucherStore`: one process only (tests, browsers, short-lived clients). Forgets everything on exit. */
export class MemoryVoucherStore implements VoucherStore {
  private readonly rows = new Map<string, MemRow>();
  private chain: Promise<unknown> = Promise.resolve();

  private row(key: VoucherKey): MemRow {
    const k = `${key.globalId}:${key.channel}`;
    let r = this.rows.get(k);
    if (!r) {
      r = { vouchedNano: 0n, seq: 0n, owedNano: 0n, reservations: new Map(), counted: new Set() };
      this.rows.set(k, r);
    }
    return r;
  }

  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private static state(r: MemRow): VoucherAccountState {
    let reservedNano = 0n;
    for (const x of r.reservations.values()) reservedNano += x.amountNano;
    return {
      vouchedNano: r.vouchedNano,
      seq: r.seq,
      owedNano: r.owedNano,
      reservedNano,
      ...(r.lastVoucher ? { lastVoucher: r.lastVoucher } : {}),
    };
  }

  read(key: VoucherKey): Promise<VoucherAccountState> {
    return this.serial(() => MemoryVoucherStore.state(this.row(key)));
  }

  reserve(
    key: VoucherKey,
    res: Reservation,
    sign: SignAt,
  ): Promise<{ state: VoucherAccountState; signed?: StoredVoucher }> {
    return this.serial(async () => {
      const r = this.row(key);
      // Accepted rows stay until their receipt is recovered: the broker may have charged them.
      for (const [id, x] of r.reservations)
        if (!x.accepted && res.nowMs - x.atMs > res.staleAfterMs) r.reservations.delete(id);
      const reservations = new Map(r.reservations).set(res.id, { amountNano: res.amountNano, atMs: res.nowMs });
      let reservedNano = 0n;
      for (const x of reservations.values()) reservedNano += x.amountNano;
      const target = reservationTarget(r, reservedNano);
      let signed: StoredVoucher | undefined;
      if (target !== undefined) {
        const seq = r.seq + 1n;
        const s = await sign(target, seq);
        signed = { voucher: s.voucher, signature: s.signature, amountNano: target, seq };
        r.vouchedNano = target;
        r.seq = seq;
        r.lastVoucher = signed;
      }
      r.reservations = reservations;
      return { state: MemoryVoucherStore.state(r), ...(signed ? { signed } : {}) };
    });
  }

  release(key: VoucherKey, id: string): Promise<void> {
    return this.serial(() => {
      this.row(key).reservations.delete(id);
    });
  }

  settle(key: VoucherKey, id: string, amountNano: bigint, requestId?: string): Promise<VoucherAccountState> {
    return this.serial(() => {
      const r = this.row(key);
      r.reservations.delete(id);
      if (requestId === undefined || !r.counted.has(requestId)) r.owedNano += amountNano;
      if (requestId !== undefined) r.counted.add(requestId);
      return MemoryVoucherStore.state(r);
    });
  }

  accept(key: VoucherKey, id: string, a: AcceptedRequest): Promise<void> {
    return this.serial(() => {
      const x = this.row(key).reservations.get(id);
      if (x) x.accepted = a;
    });
  }

  pending(key: VoucherKey): Promise<PendingReceipt[]> {
    return this.serial(() => {
      const out: PendingReceipt[] = [];
      for (const [id, x] of this.row(key).reservations)
        if (x.accepted) out.push({ ...x.accepted, id, createdMs: x.atMs });
      return out;
    });
  }

  resolve(
    key: VoucherKey,
    id: string,
    requestId: string,
    amountNano?: bigint,
  ): Promise<{ counted: boolean; state: VoucherAccountState }> {
    return this.serial(() => {
      const r = this.row(key);
      r.reservations.delete(id);
      let counted = false;
      if (amountNano !== undefined && !r.counted.has(requestId)) {
        r.owedNano += amountNano;
        r.counted.add(requestId);
        counted = true;
      }
      return { counted, state: MemoryVoucherStore.state(r) };
    });
  }

  adopt(key: VoucherKey, v: StoredVoucher): Promise<VoucherAccountState> {
    return this.serial(() => {
      const r = this.row(key);
      adoptVoucher(r, v);
      return MemoryVoucherStore.state(r);
    });
  }
}
