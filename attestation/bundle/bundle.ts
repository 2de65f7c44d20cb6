/** EvidenceBundle: domain type, canonical encoding and digest (proto/chrysalis/v1/attestation.proto). */
import { createHash } from 'node:crypto';
import { chrysalis } from '../../proto/generated/chrysalis';
import { BundleParseError } from './errors';

export const BUNDLE_VERSION = 1;
/** Upper bound on an encoded bundle; a real one (quote + 8 GPUs + RIMs + collateral + CCEL) is well under this. */
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

export interface BundleGpuEvidence {
  readonly index: number;
  readonly report: Uint8Array;
  readonly certChain: readonly Uint8Array[];
  readonly rims?: { readonly driver?: string; readonly vbios?: string };
  readonly ocsp?: readonly Uint8Array[];
}

export interface RuntimeEventRecord {
  readonly version: number;
  readonly name: string;
  readonly payload: Uint8Array;
  readonly instanceSpecific: boolean;
}

export interface EvidenceBundle {
  readonly version: number;
  /** Canonical WorkerClaims bytes, exactly as hashed into REPORTDATA. */
  readonly claims: Uint8Array;
  readonly tdxQuote: Uint8Array;
  readonly gpus: readonly BundleGpuEvidence[];
  /** Intel collateral in the dcap-qvl JSON format (optional; a verifier may supply its own). */
  readonly tdxCollateralJson?: string;
  readonly runtimeEvents: readonly RuntimeEventRecord[];
  readonly firmwareEventLog?: Uint8Array;
}

export function encodeBundle(b: EvidenceBundle): Uint8Array {
  const msg = chrysalis.v1.EvidenceBundle.create({
    version: b.version,
    claims: b.claims,
    tdxQuote: b.tdxQuote,
    gpus: b.gpus.map((g) =>
      chrysalis.v1.GpuEvidence.create({
        index: g.index,
        report: g.report,
        certChain: [...g.certChain],
        driverRim: g.rims?.driver ?? '',
        vbiosRim: g.rims?.vbios ?? '',
        ocsp: [...(g.ocsp ?? [])],
      }),
    ),
    tdxCollateralJson: b.tdxCollateralJson ?? '',
    runtimeEvents: b.runtimeEvents.map((e) => chrysalis.v1.RuntimeEventRecord.create({ ...e })),
    firmwareEventLog: b.firmwareEventLog ?? new Uint8Array(0),
  });
  return chrysalis.v1.EvidenceBundle.encode(msg).finish();
}

const u8 = (v: Uint8Array | null | undefined): Uint8Array => (v ? new Uint8Array(v) : new Uint8Array(0));

export function decodeBundle(data: Uint8Array): EvidenceBundle {
  if (!(data instanceof Uint8Array)) throw new TypeError('bundle must be a Uint8Array');
  if (data.length === 0 || data.length > MAX_BUNDLE_BYTES) {
    throw new BundleParseError('BUNDLE_MALFORMED', `bundle size ${data.length} outside 1..${MAX_BUNDLE_BYTES}`);
  }
  let m: chrysalis.v1.EvidenceBundle;
  try {
    m = chrysalis.v1.EvidenceBundle.decode(data);
  } catch (cause) {
    throw new BundleParseError('BUNDLE_MALFORMED', 'not a valid EvidenceBundle message', { cause });
  }
  if (m.version !== BUNDLE_VERSION) {
    throw new BundleParseError('BUNDLE_VERSION_UNSUPPORTED', `bundle version ${m.version} is not supported`);
  }
  const bundle: EvidenceBundle = {
    version: m.version,
    claims: u8(m.claims),
    tdxQuote: u8(m.tdxQuote),
    gpus: m.gpus.map((g) => {
      const rims: { driver?: string; vbios?: string } = {};
      if (g.driverRim) rims.driver = g.driverRim;
      if (g.vbiosRim) rims.vbios = g.vbiosRim;
      const ocsp = g.ocsp ?? [];
      const out: BundleGpuEvidence = {
        index: g.index ?? 0,
        report: u8(g.report),
        certChain: (g.certChain ?? []).map(u8),
        ...(g.driverRim || g.vbiosRim ? { rims } : {}),
        ...(ocsp.length ? { ocsp: ocsp.map(u8) } : {}),
      };
      return out;
    }),
    ...(m.tdxCollateralJson ? { tdxCollateralJson: m.tdxCollateralJson } : {}),
    runtimeEvents: m.runtimeEvents.map((e): RuntimeEventRecord => ({
      version: e.version ?? 0,
      name: e.name ?? '',
      payload: u8(e.payload),
      instanceSpecific: e.instanceSpecific ?? false,
    })),
    ...(m.firmwareEventLog && m.firmwareEventLog.length ? { firmwareEventLog: u8(m.firmwareEventLog) } : {}),
  };
  assertCanonical(data, bundle);
  return bundle;
}

/**
 * SECURITY: the bytes must be exactly the canonical encoding of the bundle they decode to, so one bundle has one
 * digest. Padding, trailing bytes, unknown or repeated fields and any other re-encoding are refused with
 * BUNDLE_TRAILING_DATA.
 */
function assertCanonical(data: Uint8Array, bundle: EvidenceBundle): void {
  const canonical = encodeBundle(bundle);
  if (
    canonical.length === data.length &&
    Buffer.from(canonical.buffer, canonical.byteOffset, canonical.length).equals(data)
  )
    return;
  const extra = data.length - canonical.length;
  throw new BundleParseError(
    'BUNDLE_TRAILING_DATA',
    extra > 0 && Buffer.from(data.subarray(0, canonical.length)).equals(canonical)
      ? `${extra} bytes after the bundle`
      : 'the bytes are not the canonical encoding of the bundle',
    { details: { encodedBytes: data.length, canonicalBytes: canonical.length } },
  );
}

/** SHA-256 of the encoded bundle, hex: the identifier used in caches, the ledger and the on-chain admission log. */
export function bundleDigest(encoded: Uint8Array): string {
  return createHash('sha256').update(encoded).digest('hex');
}
