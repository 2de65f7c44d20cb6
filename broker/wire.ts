/**
 * Edge between the generated `chrysalis.v1` code and broker domain values (fromProto/toProto).
 * Decoding never throws anything but BrokerError('WIRE_MALFORMED_FRAME').
 */
import { chrysalis } from '../proto/generated/chrysalis';
import { BrokerError } from './errors';

export const v1 = chrysalis.v1;
/** Versions of the worker<->broker protocol this broker speaks, highest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];
export const PROTOCOL_VERSION = 1;

export type WorkerFrame = chrysalis.v1.WorkerFrame;
export type BrokerFrameInit = ConstructorParameters<typeof chrysalis.v1.BrokerFrame>[0];
export type StreamFrameInit = ConstructorParameters<typeof chrysalis.v1.StreamFrame>[0];

/** protobufjs yields Long (or number) for 64-bit fields; amounts here stay below 2^53. */
export function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'bigint') return Number(v);
  const l = v as { toNumber?: () => number };
  if (typeof l.toNumber === 'function') return l.toNumber();
  return Number(v);
}

export function bytes(v: Uint8Array | null | undefined): Uint8Array {
  return v ?? new Uint8Array(0);
}

export function decodeWorkerFrame(data: Uint8Array): WorkerFrame {
  let f: WorkerFrame;
  try {
    f = v1.WorkerFrame.decode(data);
  } catch (err) {
    throw new BrokerError('WIRE_MALFORMED_FRAME', 'worker frame is not a valid chrysalis.v1.WorkerFrame', {
      cause: err,
    });
  }
  if (!f.msg) throw new BrokerError('WIRE_MALFORMED_FRAME', 'worker frame carries no message');
  return f;
}

export function encodeBrokerFrame(f: BrokerFrameInit): Uint8Array {
  return v1.BrokerFrame.encode(f as chrysalis.v1.BrokerFrame).finish();
}

/** One length-prefixed StreamFrame: u32 big-endian length || protobuf bytes. */
export function encodeStreamFrame(f: StreamFrameInit): Buffer {
  const body = v1.StreamFrame.encode(f as chrysalis.v1.StreamFrame).finish();
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.set(body, 4);
  return out;
}

/** Protobuf varint (lengths here are < 2^32). */
function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}
function putVarint(out: Buffer, o: number, n: number): number {
  while (n >= 0x80) {
    out[o++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[o++] = n;
  return o;
}

/**
 * Hot-path twins of `encodeStreamFrame` for the two per-request relay frames, written straight into the one output
 * buffer (length prefix included) instead of through protobufjs' Writer and a second copy. Byte-identical to
 * `encodeStreamFrame({ chunk: { requestId, frame } })` / `encodeStreamFrame({ receipt: { requestId, receipt, signature } })`
 * (fields in order, empty ones omitted, as protobufjs writes them; test/broker/fast-path.test.ts checks it).
 */
export function encodeChunkStreamFrame(requestId: string, frame: Uint8Array): Buffer {
  return encodeLenFields(2, [requestId, frame]);
}
export function encodeReceiptStreamFrame(requestId: string, receipt: Uint8Array, signature: Uint8Array): Buffer {
  return encodeLenFields(3, [requestId, receipt, signature]);
}
/** u32 BE length || StreamFrame{ field `oneofField` = message{ field i+1 = fields[i] (string or bytes) } }. */
function encodeLenFields(oneofField: number, fields: readonly (string | Uint8Array)[]): Buffer {
  const parts: Uint8Array[] = fields.map((f) => (typeof f === 'string' ? Buffer.from(f, 'utf8') : f));
  let inner = 0;
  // proto3 implicit presence: empty strings/bytes are not written (as protobufjs does).
  for (const p of parts) if (p.length > 0) inner += 1 + varintLength(p.length) + p.length;
  const body = 1 + varintLength(inner) + inner;
  const out = Buffer.allocUnsafe(4 + body);
  out.writeUInt32BE(body, 0);
  let o = 4;
  out[o++] = (oneofField << 3) | 2;
  o = putVarint(out, o, inner);
  parts.forEach((p, i) => {
    if (p.length === 0) return;
    out[o++] = ((i + 1) << 3) | 2;
    o = putVarint(out, o, p.length);
    out.set(p, o);
    o += p.length;
  });
  return out;
}

/**
 * Incremental parser of a length-prefixed StreamFrame body (used by tests, the bench and usable by clients).
 * `push` returns every complete frame; throws WIRE_MALFORMED_FRAME / WIRE_FRAME_TOO_LARGE.
 */
export class StreamFrameReader {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly maxFrameBytes = 16 * 1024 * 1024) {}
  push(chunk: Uint8Array): chrysalis.v1.StreamFrame[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: chrysalis.v1.StreamFrame[] = [];
    while (this.buf.length >= 4) {
      const n = this.buf.readUInt32BE(0);
      if (n > this.maxFrameBytes) throw new BrokerError('WIRE_FRAME_TOO_LARGE', `stream frame of ${n} bytes`);
      if (this.buf.length < 4 + n) break;
      try {
        out.push(v1.StreamFrame.decode(this.buf.subarray(4, 4 + n)));
      } catch (err) {
        throw new BrokerError('WIRE_MALFORMED_FRAME', 'stream frame is not a valid chrysalis.v1.StreamFrame', {
          cause: err,
        });
      }
      this.buf = this.buf.subarray(4 + n);
    }
    return out;
  }
  get pendingBytes(): number {
    return this.buf.length;
  }
}
