/**
 * chrysalis/sdk — the client library: attested, end-to-end encrypted, receipted inference through a broker,
 * and the OpenAI-compatible local gateway on top of it. See README.md.
 */
export { SdkError, isSdkError, type SdkErrorCode } from './errors';
export {
  ChrysalisClient,
  type ChrysalisClientOptions,
  type ChatStream,
  type ModelInfo,
  type VerifiedListing,
} from './client';
export {
  MultiBrokerClient,
  type BrokerDownReason,
  type BrokerEndpoint,
  type BrokerStatus,
  type BrokerSyncResult,
  type MultiBrokerClientOptions,
} from './multi-broker';
export { brokersFromRegistry, type RegistryBrokers, type SkippedBroker } from './broker-registry';
export type {
  AttestedWorker,
  ChatMessage,
  ChatOptions,
  ChatRequest,
  ChatResult,
  ChatStreamEvent,
  ModelPrice,
  Usage,
  VerifiedReceipt,
  WorkerListing,
} from './types';
export {
  AttestationCache,
  defaultBundleVerifier,
  type BundleIdentity,
  type BundleVerifier,
  type BundleVerifyConfig,
} from './attested';
export { BundleCache, type BundleCacheOptions } from './bundle-cache';
export {
  HttpBrokerApi,
  decodeStream,
  type BrokerAccount,
  type BrokerApi,
  type FetchLike,
  type StreamEvent,
  type BrokerReceipt,
  type SubmitParams,
  type VoucherPost,
} from './broker-api';
export { checkReceipt, sameChannel, type ReceiptExpectations } from './receipt-check';
export { checkRecoveredReceipt, recoverPending, type RecoveryDeps, type RecoveryReport } from './receipt-recovery';
export { consumeStream, type ExchangeContext, type ExchangeEvent } from './exchange';
export { Prepayment } from './settlement';
export {
  MemoryVoucherStore,
  voucherKey,
  type AcceptedRequest,
  type PendingReceipt,
  type Reservation,
  type SignAt,
  type StoredVoucher,
  type VoucherAccountState,
  type VoucherKey,
  type VoucherStore,
} from './voucher-state';
export { DEFAULT_MAX_TOKENS, promptTokenBound, reservationNano } from './reservation';
export { accountAuthHeader, checkAccountVoucher } from './account-sync';
export { encodeChatRequest, decodeResponseChunk, type ResponsePiece } from './response-format';
export { chooseWorker, filterListings, resolveModelId, type Candidate } from './select';
export type { SignedVoucher, VoucherRequest, VoucherSigner } from './voucher';
export { tonVoucherSigner, decodeTonVoucher } from './ton-voucher';
export { ed25519SignerFromSeed, type Ed25519Signer } from './bytes';
export { loadTrustFile, type TrustFileRoots } from './trust-file';
export { readLengthPrefixed, lengthPrefix, MAX_STREAM_FRAME_BYTES } from './frame-reader';
export { startGateway, type StartGatewayOptions, type RunningGateway } from './gateway/server';
export { createGatewayApp, type GatewayAppOptions, type GatewayClient, type GatewayLogger } from './gateway/app';
