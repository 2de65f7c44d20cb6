import { RuntimeEventError } from './errors';
import { concatBytes, tryFromHex, sha384, toHex, view, SHA384_SIZE } from './bytes';
import { extendRtmr } from './replay';

/**
 * chrysalis runtime (RTMR3) event record, version 1 — specified in attestation/README.md "Runtime RTMR3 log".
 *
 * Canonical encoding (big-endian lengths, no optional fields, so one record has exactly one encoding):
 *   0   22  domain tag: ASCII "chrysalis-rtmr3-event" followed by one 0x00
 *   22  2   u16 version = 1
 *   24  1   u8 kind: 0x01 deterministic, 0x02 instance
 *   25  2   u16 name length N (1..128), then N bytes of name (ASCII [a-z0-9._-], starts with [a-z0-9])
 *   27+N 4  u32 payload length P (0..65536), then P payload bytes
 * digest = SHA-384(encoding); RTMR3 := SHA-384(RTMR3 || digest), starting from 48 zero bytes.
 * Unlike dstack's v1 colon join, the length prefixes make (name, payload) unambiguous, and the kind is hashed so a
 * verifier cannot be told an instance value is deterministic.
 */
export type RuntimeEventKind = 'deterministic' | 'instance';

export interface RuntimeEvent {
  readonly version: 1;
  readonly name: string;
  readonly payload: Uint8Array;
  readonly kind: RuntimeEventKind;
}

/** JSON form carried in the evidence bundle. */
export interface RuntimeEventJson {
  readonly version: number;
  readonly name: string;
  readonly kind: string;
  /** lowercase hex */
  readonly payload: string;
}

export const RUNTIME_EVENT_DOMAIN = 'chrysalis-rtmr3-event';
export const RUNTIME_EVENT_VERSION = 1;
export const RUNTIME_EVENT_MAX_NAME = 128;
export const RUNTIME_EVENT_MAX_PAYLOAD = 65536;
const DOMAIN_BYTES = new Uint8Array([...Buffer.from(RUNTIME_EVENT_DOMAIN, 'latin1'), 0]);
const KIND_CODE: Record<RuntimeEventKind, number> = { deterministic: 1, instance: 2 };
const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

/** Well-known chrysalis runtime events, in the order the worker extends them. */
export const RUNTIME_EVENT_CONFIG = 'chrysalis.config.v1';
export const RUNTIME_EVENT_MODEL = 'chrysalis.model.v1';
/** Optional, right after the model event: the dm-verity root hash of the model disk the model id was computed on. */
export const RUNTIME_EVENT_MODEL_DISK = 'chrysalis.model-disk.v1';
export const RUNTIME_EVENT_READY = 'chrysalis.ready.v1';

function check(e: RuntimeEvent): void {
  if (e.version !== RUNTIME_EVENT_VERSION)
    throw new RuntimeEventError('RUNTIME_EVENT_BAD_VERSION', `version ${String(e.version)} is not 1`);
  if (
    typeof e.name !== 'string' ||
    e.name.length === 0 ||
    e.name.length > RUNTIME_EVENT_MAX_NAME ||
    !NAME_RE.test(e.name)
  ) {
    throw new RuntimeEventError('RUNTIME_EVENT_BAD_NAME', `bad runtime event name '${String(e.name).slice(0, 40)}'`);
  }
  if (e.kind !== 'deterministic' && e.kind !== 'instance')
    throw new RuntimeEventError('RUNTIME_EVENT_BAD_KIND', `bad kind '${String(e.kind)}'`);
  if (!(e.payload instanceof Uint8Array))
    throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'payload must be bytes');
  if (e.payload.length > RUNTIME_EVENT_MAX_PAYLOAD)
    throw new RuntimeEventError('RUNTIME_EVENT_PAYLOAD_TOO_LARGE', `payload ${e.payload.length} bytes`);
}

/** @throws RuntimeEventError RUNTIME_EVENT_BAD_VERSION | RUNTIME_EVENT_BAD_NAME | RUNTIME_EVENT_BAD_KIND | RUNTIME_EVENT_PAYLOAD_TOO_LARGE | RUNTIME_EVENT_MALFORMED */
export function encodeRuntimeEvent(e: RuntimeEvent): Uint8Array {
  check(e);
  const name = Buffer.from(e.name, 'latin1');
  const fixed = new Uint8Array(2 + 1 + 2);
  const dv = view(fixed);
  dv.setUint16(0, e.version, false);
  fixed[2] = KIND_CODE[e.kind];
  dv.setUint16(3, name.length, false);
  const plen = new Uint8Array(4);
  view(plen).setUint32(0, e.payload.length, false);
  return concatBytes(DOMAIN_BYTES, fixed, name, plen, e.payload);
}

/** Strict inverse of encodeRuntimeEvent (no trailing bytes). @throws RuntimeEventError */
export function decodeRuntimeEvent(bytes: Uint8Array): RuntimeEvent {
  const min = DOMAIN_BYTES.length + 5 + 4;
  if (bytes.length < min)
    throw new RuntimeEventError('RUNTIME_EVENT_TRUNCATED', 'record shorter than its fixed header');
  for (let i = 0; i < DOMAIN_BYTES.length; i++) {
    if (bytes[i] !== DOMAIN_BYTES[i]) throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'bad domain tag');
  }
  const dv = view(bytes);
  let o = DOMAIN_BYTES.length;
  const version = dv.getUint16(o, false);
  const kindCode = bytes[o + 2];
  const nlen = dv.getUint16(o + 3, false);
  o += 5;
  if (o + nlen + 4 > bytes.length) throw new RuntimeEventError('RUNTIME_EVENT_TRUNCATED', 'name runs past the record');
  const name = Buffer.from(bytes.subarray(o, o + nlen)).toString('latin1');
  o += nlen;
  const plen = dv.getUint32(o, false);
  o += 4;
  if (o + plen > bytes.length) throw new RuntimeEventError('RUNTIME_EVENT_TRUNCATED', 'payload runs past the record');
  if (o + plen !== bytes.length)
    throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'trailing bytes after the record');
  const kind: RuntimeEventKind | undefined = kindCode === 1 ? 'deterministic' : kindCode === 2 ? 'instance' : undefined;
  if (kind === undefined) throw new RuntimeEventError('RUNTIME_EVENT_BAD_KIND', `kind code ${String(kindCode)}`);
  if (version !== RUNTIME_EVENT_VERSION) throw new RuntimeEventError('RUNTIME_EVENT_BAD_VERSION', `version ${version}`);
  const e: RuntimeEvent = { version: 1, name, kind, payload: bytes.slice(o, o + plen) };
  check(e);
  return e;
}

/** SHA-384 over the canonical encoding. @throws RuntimeEventError */
export function runtimeEventDigest(e: RuntimeEvent): Uint8Array {
  return sha384(encodeRuntimeEvent(e));
}

/** RTMR3 value the records produce, from 48 zero bytes. @throws RuntimeEventError */
export function replayRuntimeLog(events: readonly RuntimeEvent[]): Uint8Array {
  let mr: Uint8Array = new Uint8Array(SHA384_SIZE);
  for (const e of events) mr = extendRtmr(mr, runtimeEventDigest(e));
  return mr;
}

export function runtimeEventToJson(e: RuntimeEvent): RuntimeEventJson {
  check(e);
  return { version: e.version, name: e.name, kind: e.kind, payload: toHex(e.payload) };
}

/** @throws RuntimeEventError RUNTIME_EVENT_MALFORMED and the checks of encodeRuntimeEvent */
export function runtimeEventFromJson(j: unknown): RuntimeEvent {
  if (j === null || typeof j !== 'object')
    throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'record is not an object');
  const o = j as Record<string, unknown>;
  if (
    typeof o['payload'] !== 'string' ||
    typeof o['name'] !== 'string' ||
    typeof o['kind'] !== 'string' ||
    typeof o['version'] !== 'number'
  ) {
    throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'record fields have the wrong types');
  }
  const payload = tryFromHex(o['payload']);
  if (payload === undefined) throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'payload is not hex');
  const e = { version: o['version'], name: o['name'], kind: o['kind'], payload } as unknown as RuntimeEvent;
  check(e);
  return e;
}

/** Deterministic event: the worker's static configuration digest. */
export function configRuntimeEvent(configDigest: Uint8Array): RuntimeEvent {
  return { version: 1, name: RUNTIME_EVENT_CONFIG, kind: 'deterministic', payload: configDigest.slice() };
}
/** Deterministic event: the model id (32 bytes, or its hex string). */
export function modelRuntimeEvent(modelId: Uint8Array | string): RuntimeEvent {
  const payload = typeof modelId === 'string' ? tryFromHex(modelId) : modelId.slice();
  if (payload === undefined) throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'model id is not hex');
  return { version: 1, name: RUNTIME_EVENT_MODEL, kind: 'deterministic', payload };
}
/** Deterministic event: the model disk's dm-verity root hash (32 bytes, or its hex string). */
export function modelDiskRuntimeEvent(rootHash: Uint8Array | string): RuntimeEvent {
  const payload = typeof rootHash === 'string' ? tryFromHex(rootHash) : rootHash.slice();
  if (payload === undefined || payload.length !== 32)
    throw new RuntimeEventError('RUNTIME_EVENT_MALFORMED', 'model disk root hash is not 32 bytes');
  return { version: 1, name: RUNTIME_EVENT_MODEL_DISK, kind: 'deterministic', payload };
}
/** Final marker: nothing may follow it. */
export function readyRuntimeEvent(): RuntimeEvent {
  return { version: 1, name: RUNTIME_EVENT_READY, kind: 'deterministic', payload: new Uint8Array(0) };
}
/** An explicitly per-instance event (policy checks its presence and kind, never its value). */
export function instanceRuntimeEvent(name: string, payload: Uint8Array): RuntimeEvent {
  return { version: 1, name, kind: 'instance', payload: payload.slice() };
}
