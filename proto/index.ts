/**
 * chrysalis/proto — the generated chrysalis.v1 wire and attestation messages (protobufjs static code) and the
 * HPKE request / sealed response-stream protocol shared by the worker and the SDK.
 */
export { chrysalis } from './generated/chrysalis';
export * from './sealing';
export * from './submit-signing';
