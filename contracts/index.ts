/**
 * chrysalis/contracts — the TON layer: contract sources (Tolk), their wrappers, vouchers, the chain client and
 * settlement. The sandbox chain used by the devnet is in `chrysalis/devnet`.
 */
export {
  Opcodes,
  VOUCHER_TAG,
  ADMISSION_TOPIC,
  ExitCodes,
  ChannelStatus,
  Fees,
  MULTIPLIER_ONE,
  NETWORK_GLOBAL_ID,
  globalIdOf,
  MIN_CLOSE_DELAY,
} from './constants';
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
  checkVoucherAgainst,
} from './voucher';
export type { Voucher, SignedVoucher, VoucherJson, ChannelView } from './voucher';
export { modelPrice, registryModelPrices } from './pricing';
export type { ModelPrice } from './pricing';
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
  configWithGlobalId,
  globalIdOfConfig,
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
  paymentChannelCode,
  paymentChannelCodeHash,
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
  LoggedAdmission,
  AdmissionLogRange,
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
  channelView,
  claimVoucher,
  closeCooperatively,
  DEFAULT_SETTLEMENT_POLICY,
} from './settlement';
export type { SettlementPolicy, ChannelSettlementView, SettlementDecision } from './settlement';
