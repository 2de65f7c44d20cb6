/**
 * chrysalis/contracts — the TON layer: contract sources (Tolk), their wrappers, vouchers, the chain client and
 * settlement. The sandbox chain used by the devnet is in `chrysalis/devnet`.
 */
export { Opcodes, VOUCHER_TAG, ADMISSION_TOPIC, ExitCodes, ChannelStatus, Fees, MULTIPLIER_ONE } from './constants';
export type { ExitCodeName } from './constants';
export { exitCodeName, ContractsError } from './errors';
export type { ContractsErrorCode } from './errors';
export {
  voucherCell,
  voucherHash,
  signVoucher,
  verifyVoucher,
  storeSignedVoucher,
  voucherToJson,
  voucherFromJson,
  encodeVoucherBoc,
  decodeVoucherBoc,
} from './voucher';
export type { Voucher, SignedVoucher, VoucherJson } from './voucher';
export {
  toUint256,
  toHex256,
  toBytes32,
  snakeText,
  readSnakeText,
  structValue,
  addressEq,
  uint256Key,
  boolValue,
  compileContract,
  compileAll,
  TOLK_DIR,
  storeRegistryParams,
  loadRegistryParams,
  registryConfigToCell,
  registryAllowlists,
  DEFAULT_PARAMS,
  Registry,
  paymentChannelConfigToCell,
  CHANNEL_OP_VALUE,
  PaymentChannel,
  attestationLogConfigToCell,
  loadAdmissionRecord,
  admissionsFromTransactions,
  AttestationLog,
} from './wrappers';
export type {
  Id256,
  ContractName,
  RegistryParams,
  BrokerEntry,
  ModelEntry,
  RegistryState,
  RegistryConfig,
  SendOpts,
  AdmissionInput,
  PaymentChannelConfig,
  ChannelStatusName,
  ChannelData,
  ChannelSendOpts,
  AttestationLogConfig,
  AdmissionRecord,
} from './wrappers';
export {
  walletV4Address,
  parseStackIn,
  serializeStackOut,
  transactionJson,
  openWallet,
  createChainClient,
  TONCENTER_ENDPOINTS,
  TonChainClient,
} from './chain';
export type {
  Network,
  RegistrySnapshot,
  WatchOptions,
  Watcher,
  ChainClient,
  WalletKeys,
  WalletHandle,
  TonChainClientOptions,
} from './chain';
export {
  decideSettlement,
  checkVoucherAgainst,
  claimVoucher,
  closeCooperatively,
  DEFAULT_SETTLEMENT_POLICY,
} from './settlement';
export type { SettlementPolicy, ChannelSettlementView, SettlementDecision } from './settlement';
