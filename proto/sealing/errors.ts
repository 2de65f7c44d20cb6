import { ChrysalisError } from '../../attestation/errors';

/** Codes thrown by `proto/sealing`. A code keeps its meaning forever. */
export type SealErrorCode =
  /** The sealed request is shorter than its header or carries a bad header. */
  | 'SEAL_REQUEST_MALFORMED'
  /** The request's format version or HPKE suite ids are not ones this build speaks. */
  | 'SEAL_UNSUPPORTED_SUITE'
  /** The request was sealed to another worker's HPKE key (key id mismatch). */
  | 'SEAL_WRONG_KEY'
  /** HPKE decapsulation or AEAD open of the request failed (tampered, or wrong key with a colliding key id). */
  | 'SEAL_REQUEST_OPEN_FAILED'
  /** A response frame is shorter than its header, has an unknown version or unknown flag bits. */
  | 'SEAL_FRAME_MALFORMED'
  /** A response frame failed AEAD authentication (tampered, or spliced from another response). */
  | 'SEAL_FRAME_AUTH_FAILED'
  /** A response frame arrived with a sequence number ahead of the expected one (reordered or dropped frame). */
  | 'SEAL_FRAME_OUT_OF_ORDER'
  /** A response frame arrived with a sequence number already consumed (replayed or duplicated frame). */
  | 'SEAL_FRAME_REPLAYED'
  /** A frame arrived after the final frame, or the sealer was asked to seal after its final frame. */
  | 'SEAL_FRAME_AFTER_FINAL'
  /** The response stream ended without its final frame (truncation). */
  | 'SEAL_TRUNCATED'
  /** The stream already failed; it stays failed (fail closed). */
  | 'SEAL_STREAM_FAILED'
  /** The 32-bit frame counter is exhausted. */
  | 'SEAL_SEQ_EXHAUSTED'
  /** An opened frame's plaintext is not a valid response chunk (unknown type, bad length, invalid UTF-8). */
  | 'SEAL_CHUNK_MALFORMED';

export class SealError extends ChrysalisError<SealErrorCode> {}
