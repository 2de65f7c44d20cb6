/**
 * Reads the broker's `application/x-chrysalis-stream` body: a sequence of frames, each prefixed by its length as a
 * 4-byte big-endian unsigned integer (proto/chrysalis/v1/wire.proto, `StreamFrame`). Pure: works on any
 * AsyncIterable<Uint8Array> (a WHATWG ReadableStream in browsers and Node >= 20 is one).
 */
import { SdkError } from './errors';

/** Largest single frame the SDK accepts (a sealed chunk is a few KiB; a receipt a few hundred bytes). */
export const MAX_STREAM_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Yields each frame's payload. Throws SdkError SDK_STREAM_CORRUPT on an oversized length and
 * SDK_STREAM_TRUNCATED when the body ends inside a frame.
 */
export async function* readLengthPrefixed(
  body: AsyncIterable<Uint8Array>,
  maxFrame = MAX_STREAM_FRAME_BYTES,
): AsyncGenerator<Uint8Array> {
  let buf = new Uint8Array(0);
  for await (const piece of body) {
    if (piece.length === 0) continue;
    const next = new Uint8Array(buf.length + piece.length);
    next.set(buf);
    next.set(piece, buf.length);
    buf = next;
    for (;;) {
      if (buf.length < 4) break;
      const len =
        (((buf[0] as number) << 24) >>> 0) +
        ((buf[1] as number) << 16) +
        ((buf[2] as number) << 8) +
        (buf[3] as number);
      if (len > maxFrame) throw new SdkError('SDK_STREAM_CORRUPT', `stream frame of ${len} bytes exceeds ${maxFrame}`);
      if (buf.length < 4 + len) break;
      yield buf.slice(4, 4 + len);
      buf = buf.slice(4 + len);
    }
  }
  if (buf.length !== 0)
    throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended inside a frame', { details: { pending: buf.length } });
}

/** Encodes one frame (used by tests and fake brokers). */
export function lengthPrefix(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length, false);
  out.set(payload, 4);
  return out;
}
