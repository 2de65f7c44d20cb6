import type {
  Account,
  AdmissionRecord,
  ReceiptRecord,
  RequestStatus,
  SettlementClaim,
  StoredRequest,
  VoucherRecord,
  WorkerBalance,
  WorkerVoucherRecord,
} from './types';

/** A result row as both drivers return it (column name -> value). */
export type Row = Record<string, unknown>;

export function accountFromRow(r: Row): Account {
  return {
    clientKey: String(r.client_key),
    channel: String(r.channel),
    depositNano: Number(r.deposit_nano),
    chargedNano: Number(r.charged_nano),
    vouchedNano: Number(r.vouched_nano),
    nextSeq: Number(r.next_seq),
  };
}
export function requestFromRow(r: Row): StoredRequest {
  return {
    requestId: String(r.request_id),
    clientKey: String(r.client_key),
    channel: String(r.channel),
    workerId: String(r.worker_id),
    sealedDigest: String(r.sealed_digest),
    priceNano: Number(r.price_nano),
    createdAtMs: Number(r.created_at_ms),
    replicaId: r.replica_id === null || r.replica_id === undefined ? 'default' : String(r.replica_id),
    seq: Number(r.seq),
    status: String(r.status) as RequestStatus,
    code: r.code === null || r.code === undefined ? null : String(r.code),
    chargedNano: Number(r.charged_nano),
  };
}
export function receiptFromRow(r: Row): ReceiptRecord {
  return {
    requestId: String(r.request_id),
    clientKey: String(r.client_key),
    workerId: String(r.worker_id),
    receipt: new Uint8Array(r.receipt as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    chargeNano: Number(r.charge_nano),
    atMs: Number(r.at_ms),
  };
}
export function voucherFromRow(r: Row): VoucherRecord {
  return {
    clientKey: String(r.client_key),
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    seq: Number(r.seq ?? 0),
    voucher: new Uint8Array(r.voucher as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    atMs: Number(r.at_ms),
  };
}
export function claimFromRow(r: Row): SettlementClaim {
  return {
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    seq: Number(r.seq),
    txHash: r.tx_hash === null || r.tx_hash === undefined ? null : String(r.tx_hash),
    atMs: Number(r.at_ms),
  };
}
export function workerVoucherFromRow(r: Row): WorkerVoucherRecord {
  return {
    workerId: String(r.worker_id),
    channel: String(r.channel),
    cumulativeNano: Number(r.cumulative_nano),
    seq: Number(r.seq),
    voucher: new Uint8Array(r.voucher as Buffer),
    signature: new Uint8Array(r.signature as Buffer),
    atMs: Number(r.at_ms),
  };
}

export function admissionFromRow(r: Row): AdmissionRecord {
  return {
    workerId: String(r.worker_id),
    ok: Number(r.ok) === 1,
    code: String(r.code),
    bundleDigest: String(r.bundle_digest),
    imageId: String(r.image_id),
    modelId: String(r.model_id),
    atMs: Number(r.at_ms),
  };
}

/** Merges per-worker charged sums and latest worker vouchers into balances (sorted by worker id). */
export function workerBalancesFrom(charged: Row[], vouchers: Row[], workerId?: string): WorkerBalance[] {
  const out = new Map<string, { chargedNano: number; voucher: WorkerVoucherRecord | null }>();
  if (workerId !== undefined) out.set(workerId, { chargedNano: 0, voucher: null });
  for (const r of charged) out.set(String(r.worker_id), { chargedNano: Number(r.charged), voucher: null });
  for (const r of vouchers) {
    const v = workerVoucherFromRow(r);
    out.set(v.workerId, { chargedNano: out.get(v.workerId)?.chargedNano ?? 0, voucher: v });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, b]) => ({ workerId: id, ...b }));
}
