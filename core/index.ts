/** `core`: the bottom layer. Bytes and hex, PEM, DER reading, X.509 constraint fields, Ed25519 keys, retry/poll, caches, clock. */
export { toHex, fromHex, tryFromHex, concatBytes, bytesEqual } from './bytes';
export { PemError, pemToDerList, derToPem } from './pem';
export {
  DerError,
  TAG,
  readTlv,
  children,
  parseDer,
  expectTag,
  oidToString,
  intToNumber,
  serialHex,
  timeToMs,
  type Tlv,
} from './der';
export {
  KEY_USAGE,
  parseBasicConstraints,
  parseKeyUsage,
  issuerConstraintViolation,
  signerConstraintViolation,
  type BasicConstraints,
  type CertConstraintFields,
} from './x509-constraints';
export { ed25519PublicKey, ed25519PrivateKey, ed25519RawPublicKey } from './ed25519';
export { sleep, backoffDelay, pollUntil, type BackoffOptions, type PollOptions } from './retry';
export { boundedCache, type BoundedCache } from './cache';
export { systemClock, manualClock, fixedClock, type Clock, type ManualClock } from './clock';
