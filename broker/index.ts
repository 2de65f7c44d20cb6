/** chrysalis broker — admission, scheduling, relay, ledger. See README.md. */
export { createBroker, WORKER_WS_PATH, type Broker, type BrokerDeps } from './app';
export { startBroker, openLedger, type RunningBroker, type StartBrokerOptions } from './server';
export { makeConfig, parseConfig, DEFAULT_CONFIG, ConfigError, type BrokerConfig } from './config';
export { BrokerError, BROKER_CODES, HTTP_STATUS, httpStatusOf, type BrokerCode } from './errors';
export { createMetrics, type BrokerMetrics } from './metrics';
export {
  attestationBundleVerifier,
  attestationReceiptVerifier,
  StaticRegistry,
  StaticChannels,
  type AttestationVerifierOptions,
} from './adapters';
export {
  submitSigningMessage,
  legacySubmitSigningMessage,
  legacyV2SigningMessages,
  contractVoucherVerifier,
  type VoucherSubmission,
} from './services/accounts';
export {
  encodeAccountAuthMessage,
  formatAccountAuthHeader,
  ACCOUNT_AUTH_HEADER,
  ACCOUNT_AUTH_MAX_SKEW_S,
} from '../proto/account-auth';
export { encodeSubmitSigningMessage, SUBMIT_SIGNING_DOMAIN, type SubmitSigningFields } from '../proto/submit-signing';
export { STREAM_CONTENT_TYPE } from './services/relay';
export { CLOSE_CODES } from './services/worker-session';
export { encodeStreamFrame, StreamFrameReader, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './wire';
export { workerIdOf } from './crypto';
export { systemClock } from './ports';
export type {
  AdmittedIdentity,
  BundleVerifier,
  ModelPrice,
  RegistrySnapshot,
  RegistryView,
  AdmissionEvent,
  AdmissionLogger,
  ClientChannel,
  ChannelDirectory,
  ReceiptFacts,
  ReceiptVerifier,
  VoucherVerifier,
  Clock,
  WorkerSessionEnded,
  WorkerPayoutSink,
  PayableWorker,
  WorkerVoucherFrame,
} from './ports';
export { workerSessionLine } from './session-line';
export { MemoryLedger, SqliteLedger, PostgresLedger } from './ledger';
export type {
  Account,
  AdmissionRecord,
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
} from './ledger';
export {
  BrokerChainError,
  openBrokerWallet,
  ChainRegistryView,
  toBrokerSnapshot,
  ChainAdmissionLogger,
  ChainChannelDirectory,
  parseClientVoucher,
  startSettler,
  wrapLedger,
  startBrokerChain,
  openChannelFromWallet,
  WorkerPayoutBook,
} from './chain';
export type {
  BrokerChainCode,
  ChainLogger,
  BrokerWallet,
  BrokerKeys,
  BrokerWalletOptions,
  ChainRegistrySnapshot,
  ChainRegistryViewOptions,
  ChainAdmissionEvent,
  ChainAdmissionLoggerOptions,
  AdmissionLogOutcome,
  ChainChannelDirectoryOptions,
  Settler,
  SettlerOptions,
  WorkerPayments,
  ClaimRecord,
  ChannelSettlement,
  WorkerSettlement,
  BrokerChain,
  BrokerChainOptions,
  OpenChannelFromWalletOptions,
  WorkerPayoutOptions,
} from './chain';
