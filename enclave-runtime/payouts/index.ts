export { PayoutStore, PAYOUTS_FILE, type KeptVoucher } from './store';
export { checkWorkerVoucher, type AcceptedVoucher, type IntakeContext, type WorkerVoucherFrame } from './intake';
export { claimVoucher, type ClaimOptions } from './claimer';
export {
  DEFAULT_FEE_REFRESH_MS,
  Payouts,
  type BrokerPayouts,
  type ClaimOutcome,
  type PayoutLogger,
  type PayoutsOptions,
} from './payouts';
