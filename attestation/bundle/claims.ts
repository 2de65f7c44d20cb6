/**
 * WorkerClaims: the domain type and its canonical encoding (proto/chrysalis/v1/attestation.proto).
 * Canonical rule: protobufjs static encoding (ascending field numbers, defaults omitted); decoding
 * re-encodes and rejects any difference, so exactly one byte string exists for a given claims value.
 * The two prices are uint64 fields carried as bigint (exact over the whole u64 range).
 */
import { chrysalis } from '../../proto/generated/chrysalis';
import { BundleParseError } from './errors';

export const CLAIMS_VERSION = 1;

export interface WorkerClaims {
  readonly version: number;
  readonly hpkePublicKey: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  readonly imageId: Uint8Array;
  readonly platformId: Uint8Array;
  readonly modelId: Uint8Array;
  readonly gpuEvidenceDigest: Uint8Array;
  readonly gpuCount: number;
  readonly brokerChallenge: Uint8Array;
  /** Unix seconds. */
  readonly issuedAt: number;
  readonly workerVersion: string;
  readonly configDigest: Uint8Array;
  /** The worker's committed price per prompt token, nanotons (u64). */
  readonly promptPriceNano: bigint;
  /** The worker's committed price per completion token, nanotons (u64). */
  readonly completionPriceNano: bigint;
}

const U64_MAX = (1n << 64n) - 1n;
const isU64 = (n: unknown): n is bigint => typeof n === 'bigint' && n >= 0n && n <= U64_MAX;

const FIXED: ReadonlyArray<[keyof WorkerClaims, number]> = [
  ['hpkePublicKey', 32],
  ['signingPublicKey', 32],
  ['imageId', 32],
  ['platformId', 32],
  ['modelId', 32],
  ['gpuEvidenceDigest', 32],
];

function check(c: WorkerClaims): void {
  for (const [field, len] of FIXED) {
    const v = c[field] as Uint8Array;
    if (!(v instanceof Uint8Array) || v.length !== len) {
      throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', `claims.${field} must be ${len} bytes`);
    }
  }
  if (c.brokerChallenge.length < 16 || c.brokerChallenge.length > 64) {
    throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', 'claims.brokerChallenge must be 16..64 bytes');
  }
  if (c.configDigest.length !== 0 && c.configDigest.length !== 32) {
    throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', 'claims.configDigest must be empty or 32 bytes');
  }
  if (!Number.isSafeInteger(c.issuedAt) || c.issuedAt <= 0) {
    throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', 'claims.issuedAt must be a positive integer');
  }
  if (!Number.isInteger(c.gpuCount) || c.gpuCount < 0 || c.gpuCount > 64) {
    throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', 'claims.gpuCount must be 0..64');
  }
  for (const f of ['promptPriceNano', 'completionPriceNano'] as const) {
    if (!isU64(c[f])) throw new BundleParseError('BUNDLE_CLAIMS_FIELD_INVALID', `claims.${f} must be a u64 bigint`);
  }
}

/** A u64 for protobufjs: omitted when 0 (proto3 default), else its decimal string (exact; read as a Long). */
const u64Field = (v: bigint): string | undefined => (v === 0n ? undefined : v.toString());

/** The canonical bytes of a claims value (what REPORTDATA commits to). */
export function encodeClaims(c: WorkerClaims): Uint8Array {
  if (c.version !== CLAIMS_VERSION) {
    throw new BundleParseError('BUNDLE_CLAIMS_VERSION_UNSUPPORTED', `claims version ${c.version} is not supported`);
  }
  check(c);
  const { promptPriceNano, completionPriceNano, ...rest } = c;
  const msg = chrysalis.v1.WorkerClaims.create({ ...rest });
  const prompt = u64Field(promptPriceNano);
  const completion = u64Field(completionPriceNano);
  if (prompt !== undefined) (msg as { promptPriceNano: unknown }).promptPriceNano = prompt;
  if (completion !== undefined) (msg as { completionPriceNano: unknown }).completionPriceNano = completion;
  return chrysalis.v1.WorkerClaims.encode(msg).finish();
}

function bytes(v: Uint8Array | null | undefined): Uint8Array {
  return v ? new Uint8Array(v) : new Uint8Array(0);
}

/** A decoded uint64 (a Long, default 0 when absent) as bigint, exactly. */
const u64 = (v: unknown): bigint => BigInt(String(v));

/** Decode claims bytes, rejecting anything that is not the canonical encoding of a valid claims value. */
export function decodeClaims(data: Uint8Array): WorkerClaims {
  let m: chrysalis.v1.WorkerClaims;
  try {
    m = chrysalis.v1.WorkerClaims.decode(data);
  } catch (cause) {
    throw new BundleParseError('BUNDLE_CLAIMS_MALFORMED', 'claims are not a valid WorkerClaims message', { cause });
  }
  const c: WorkerClaims = {
    version: m.version,
    hpkePublicKey: bytes(m.hpkePublicKey),
    signingPublicKey: bytes(m.signingPublicKey),
    imageId: bytes(m.imageId),
    platformId: bytes(m.platformId),
    modelId: bytes(m.modelId),
    gpuEvidenceDigest: bytes(m.gpuEvidenceDigest),
    gpuCount: m.gpuCount,
    brokerChallenge: bytes(m.brokerChallenge),
    issuedAt: Number(m.issuedAt),
    workerVersion: m.workerVersion,
    configDigest: bytes(m.configDigest),
    promptPriceNano: u64(m.promptPriceNano),
    completionPriceNano: u64(m.completionPriceNano),
  };
  if (c.version !== CLAIMS_VERSION) {
    throw new BundleParseError('BUNDLE_CLAIMS_VERSION_UNSUPPORTED', `claims version ${c.version} is not supported`);
  }
  const again = encodeClaims(c);
  if (again.length !== data.length || !Buffer.from(again).equals(Buffer.from(data))) {
    throw new BundleParseError('BUNDLE_CLAIMS_NOT_CANONICAL', 'claims bytes are not in canonical encoding');
  }
  return c;
}
