/** broker <-> TON glue: registry view, admission log, channel directory, voucher parsing, settlement. See README.md. */
export { BrokerChainError, type BrokerChainCode, type ChainLogger } from './errors';
export {
  openBrokerWallet,
  type BrokerWallet,
  type BrokerKeys,
  type BrokerWalletOptions,
  type BrokerWalletVersion,
} from './wallet';
export { openHighloadBrokerWallet, ClockQueryIds, type HighloadBrokerWalletOptions } from './wallet-highload';
export {
  ChainRegistryView,
  toBrokerSnapshot,
  type ChainRegistrySnapshot,
  type ChainRegistryViewOptions,
} from './registry-view';
export {
  ChainAdmissionLogger,
  type ChainAdmissionEvent,
  type ChainAdmissionLoggerOptions,
  type AdmissionLogOutcome,
} from './admission-logger';
export { ChainChannelDirectory, type ChainChannelDirectoryOptions } from './channel-directory';
export { parseClientVoucher } from './voucher-verifier';
export {
  startSettler,
  wrapLedger,
  type Settler,
  type SettlerOptions,
  type WorkerPayments,
  type ClaimRecord,
  type ChannelSettlement,
  type WorkerSettlement,
} from './settler';
export { startBrokerChain, type BrokerChain, type BrokerChainOptions } from './wire';
export {
  openChannelFromWallet,
  fundChannelVia,
  workerChannel,
  type OpenChannelFromWalletOptions,
  type WorkerChannelOptions,
} from './channel-open';
export { WorkerPayoutBook, type WorkerPayoutOptions } from './settler-workers';
