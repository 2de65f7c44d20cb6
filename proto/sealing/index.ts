/**
 * chrysalis/proto/sealing — end-to-end encryption between client and worker: HPKE-sealed requests (RFC 9180,
 * X25519 / HKDF-SHA256 / ChaCha20-Poly1305) and a sealed, ordered, truncation-evident response stream keyed by an
 * export from the same HPKE context. Used by enclave-runtime (worker) and sdk (client). See README.md.
 */
export { SealError, type SealErrorCode } from './errors';
export { AEAD_ID, KDF_ID, KEM_ID, generateHpkeKeyPair, hpkeKeyId, type HpkeKeyPair } from './suite';
export { REQUEST_VERSION, openRequest, parseSealedRequest, sealRequest, type SealedRequestHeader } from './request';
export { FLAG_FINAL, FLAG_NONCE, FRAME_VERSION, ResponseOpener, ResponseSealer } from './response';
export {
  CHUNK_ERROR,
  CHUNK_FINAL,
  CHUNK_TEXT,
  decodeResponseChunk,
  encodeResponseChunk,
  type ResponseChunk,
  type ResponseErrorChunk,
  type ResponseFinalChunk,
  type ResponseTextChunk,
} from './response-chunk';
