export type {
  Account,
  AdmissionRecord,
  CreditBound,
  CreditRefusal,
  SettlementClaim,
  LedgerRepository,
  WorkerBalance,
  WorkerVoucherRecord,
  ReceiptRecord,
  RequestRecord,
  RequestStatus,
  StoredRequest,
  VoucherOutcome,
  VoucherRecord,
} from './types';
export { MemoryLedger } from './memory';
export { SqliteLedger } from './sqlite';
export { PostgresLedger } from './postgres';
