/** chrysalis broker — admission, scheduling, relay, ledger. See README.md. */
export { createBroker, ed25519VoucherVerifier, WORKER_WS_PATH, type Broker, type BrokerDeps } from './app';
export { startBroker, openLedger, type RunningBroker, type StartBrokerOptions } from './server';
export { makeConfig, parseConfig, DEFAULT_CONFIG, ConfigError, type BrokerConfig } from './config';
export { BrokerError, HTTP_STATUS, httpStatusOf, type BrokerCode } from './errors';
export { createMetrics, type BrokerMetrics } from './metrics';
export {
  attestationBundleVerifier,
  attestationReceiptVerifier,
  StaticRegistry,
  StaticChannels,
  type AttestationVerifierOptions,
} from './adapters';
export { submitSigningMessage, legacySubmitSigningMessage } from './services/accounts';
export { encodeSubmitSigningMessage, SUBMIT_SIGNING_DOMAIN, type SubmitSigningFields } from '../proto/submit-signing';
export { STREAM_CONTENT_TYPE } from './services/relay';
export { CLOSE_CODES } from './services/worker-session';
export { encodeStreamFrame, StreamFrameReader, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './wire';
export { workerIdOf } from './crypto';
export * from './ports';
export * from './ledger';
export * from './chain';
