/**
 * SIMULATED TDX quote generator: byte-exact Intel DCAP ECDSA quotes (Intel "TDX DCAP Quote Generation Library and
 * Quote Verification Library" spec; reference doc §2) signed by the devnet PKI.
 *
 *   v4: header (48) | TD report 1.0 (584)                        | u32 sigDataLen | signature data
 *   v5: header (48) | u16 body type, u32 body size | body (584|648) | u32 sigDataLen | signature data
 *   signature data: sig r||s (64) | attestation key x||y (64) | u16 6 | u32 size | QE report (384) |
 *                   QE report sig (64) | u16 authLen | QE auth data | u16 5 | u32 size | PEM chain + NUL
 *
 * QE report REPORTDATA = SHA-256(attestation key || QE auth data) || 32 zeros; the QE report is signed by the PCK
 * leaf key, the header+body by the attestation key; all signatures are deterministic (RFC 6979).
 */
import { createHash } from 'node:crypto';
import { deriveBytes, signP256Raw } from './ecdsa';
import { secretsOf } from './pki';
import { TD_QE_ISVPRODID, TD_QE_MRSIGNER } from './pki-defaults';
import type { DevnetIntelPki } from './pki-types';
import { concatBytes } from '../../core/bytes';

const HEADER_LEN = 48;
const TD10_BODY_LEN = 584;
const TD15_BODY_LEN = 648;
const ENCLAVE_REPORT_LEN = 384;
const ATT_KEY_TYPE_ECDSA_P256 = 2;
const TEE_TYPE_TDX = 0x81;
const CERT_TYPE_QE_REPORT = 6;
const CERT_TYPE_PCK_CHAIN = 5;
const INTEL_QE_VENDOR_ID = '939a7233f79c4ca9940a0db3957f0607';

/** TD report fields (TD 1.0 + the TD 1.5 additions), names as in `TdReportBody` of `attestation/tdx`. */
export interface TdReportFields {
  readonly teeTcbSvn: Uint8Array; // 16
  readonly mrseam: Uint8Array; // 48
  readonly mrsignerseam: Uint8Array; // 48
  readonly seamAttributes: Uint8Array; // 8
  readonly tdAttributes: Uint8Array; // 8
  readonly xfam: Uint8Array; // 8
  readonly mrtd: Uint8Array; // 48
  readonly mrconfigid: Uint8Array; // 48
  readonly mrowner: Uint8Array; // 48
  readonly mrownerconfig: Uint8Array; // 48
  readonly rtmr0: Uint8Array; // 48
  readonly rtmr1: Uint8Array; // 48
  readonly rtmr2: Uint8Array; // 48
  readonly rtmr3: Uint8Array; // 48
  readonly reportData: Uint8Array; // 64
  /** TD 1.5 only (v5 body type 3). Default: `teeTcbSvn`. */
  readonly teeTcbSvn2: Uint8Array; // 16
  /** TD 1.5 only. Default zeros. */
  readonly mrservicetd: Uint8Array; // 48
}

export interface SimulateTdxQuoteOptions {
  /** Quote version: 4 (TD 1.0 body, default) or 5. */
  readonly version?: 4 | 5;
  /** v5 only: body type 2 (TD 1.0) or 3 (TD 1.5, default). */
  readonly bodyType?: 2 | 3;
  /** QE ISVSVN in the QE report. Default 4 (UpToDate in the devnet QE Identity). */
  readonly qeIsvSvn?: number;
  /** QE auth data. Default the 32 bytes 00..1f (as in real quotes). */
  readonly qeAuthData?: Uint8Array;
}

/** Defaults: a plausible production TD (SEPT_VE_DISABLE set, TDX module 1.x minor 6, late microcode 3). */
const TEE_TCB_SVN_DEFAULT = Uint8Array.from([6, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const TD_ATTRIBUTES_DEFAULT = Uint8Array.from([0, 0, 0, 0x10, 0, 0, 0, 0]); // bit 28 SEPT_VE_DISABLE
const XFAM_DEFAULT = Uint8Array.from([0xe7, 0x02, 0x06, 0, 0, 0, 0, 0]);

const FIELD_LAYOUT: readonly (readonly [keyof TdReportFields, number])[] = [
  ['teeTcbSvn', 16],
  ['mrseam', 48],
  ['mrsignerseam', 48],
  ['seamAttributes', 8],
  ['tdAttributes', 8],
  ['xfam', 8],
  ['mrtd', 48],
  ['mrconfigid', 48],
  ['mrowner', 48],
  ['mrownerconfig', 48],
  ['rtmr0', 48],
  ['rtmr1', 48],
  ['rtmr2', 48],
  ['rtmr3', 48],
  ['reportData', 64],
];

function u16(v: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, true);
  return b;
}
function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}
function field(v: Uint8Array | undefined, len: number, name: string, dflt: Uint8Array): Uint8Array {
  const x = v ?? dflt;
  if (!(x instanceof Uint8Array) || x.length !== len)
    throw new RangeError(`simulateTdxQuote: ${name} must be a Uint8Array of ${len} bytes`);
  return x;
}

/** QE report (SGX enclave report of the simulated TD quoting enclave), 384 bytes. */
function qeReport(pki: DevnetIntelPki, seed: string, isvSvn: number, reportData: Uint8Array): Uint8Array {
  const r = new Uint8Array(ENCLAVE_REPORT_LEN);
  r.set(Uint8Array.from(pki.pckSgxTcbComponents), 0); // CPUSVN
  // MISCSELECT (16..20) = 0; ATTRIBUTES (48..64) as real TD QEs: INIT|MODE64BIT|PROVISIONKEY, XFRM 0xe7.
  r.set(Uint8Array.from([0x15, 0, 0, 0, 0, 0, 0, 0, 0xe7, 0, 0, 0, 0, 0, 0, 0]), 48);
  r.set(deriveBytes(seed, 'qe-mrenclave', 32), 64);
  r.set(Buffer.from(TD_QE_MRSIGNER, 'hex'), 128);
  r.set(u16(TD_QE_ISVPRODID), 256);
  r.set(u16(isvSvn), 258);
  r.set(reportData, 320);
  return r;
}

/**
 * Builds a SIMULATED TDX quote signed by the devnet PKI for the given TD report fields (`reportData` required;
 * every other field has a deterministic default). Deterministic: same PKI, fields and options ⇒ same bytes.
 * Throws `RangeError` on a wrong field size or option (programmer misuse).
 */
export function simulateTdxQuote(
  pki: DevnetIntelPki,
  fields: Partial<TdReportFields> & { readonly reportData: Uint8Array },
  opts: SimulateTdxQuoteOptions = {},
): Uint8Array {
  const { seed, pckKey, attestationKey } = secretsOf(pki);
  const version = opts.version ?? 4;
  if (version !== 4 && version !== 5) throw new RangeError('simulateTdxQuote: version must be 4 or 5');
  const bodyType = version === 5 ? (opts.bodyType ?? 3) : 2;
  if (bodyType !== 2 && bodyType !== 3) throw new RangeError('simulateTdxQuote: bodyType must be 2 or 3');
  const qeIsvSvn = opts.qeIsvSvn ?? 4;
  if (!Number.isInteger(qeIsvSvn) || qeIsvSvn < 0 || qeIsvSvn > 0xffff)
    throw new RangeError('simulateTdxQuote: qeIsvSvn out of range');

  const defaults: Record<string, Uint8Array> = {
    teeTcbSvn: TEE_TCB_SVN_DEFAULT,
    mrseam: deriveBytes(seed, 'mrseam', 48),
    tdAttributes: TD_ATTRIBUTES_DEFAULT,
    xfam: XFAM_DEFAULT,
    mrtd: deriveBytes(seed, 'mrtd', 48),
  };
  const bodyParts = FIELD_LAYOUT.map(([name, len]) =>
    field(fields[name], len, name, defaults[name] ?? new Uint8Array(len)),
  );
  if (bodyType === 3) {
    bodyParts.push(
      field(fields.teeTcbSvn2, 16, 'teeTcbSvn2', field(fields.teeTcbSvn, 16, 'teeTcbSvn', TEE_TCB_SVN_DEFAULT)),
    );
    bodyParts.push(field(fields.mrservicetd, 48, 'mrservicetd', new Uint8Array(48)));
  }
  const body = concatBytes(...bodyParts);

  const header = concatBytes(
    u16(version),
    u16(ATT_KEY_TYPE_ECDSA_P256),
    u32(TEE_TYPE_TDX),
    u16(0), // QE SVN field: 0 in TDX quotes
    u16(0), // PCE SVN field: 0 in TDX quotes
    Uint8Array.from(Buffer.from(INTEL_QE_VENDOR_ID, 'hex')),
    deriveBytes(seed, 'qe-id', 16), // user data: QE ID (16) ...
    new Uint8Array(4), // ... + 4 zero bytes
  );
  if (header.length !== HEADER_LEN) throw new Error('internal: header length');
  const expectedBody = bodyType === 3 ? TD15_BODY_LEN : TD10_BODY_LEN;
  if (body.length !== expectedBody) throw new Error('internal: body length');
  const signed = version === 5 ? concatBytes(header, u16(bodyType), u32(body.length), body) : concatBytes(header, body);

  const authData = opts.qeAuthData ?? Uint8Array.from({ length: 32 }, (_, i) => i);
  const qeReportData = new Uint8Array(64);
  qeReportData.set(createHash('sha256').update(attestationKey.publicXY).update(authData).digest(), 0);
  const report = qeReport(pki, seed, qeIsvSvn, qeReportData);
  const qeSig = signP256Raw(pckKey, report);
  const chain = Uint8Array.from(Buffer.concat([Buffer.from(pki.pckChainPem, 'ascii'), Buffer.of(0)]));
  const qeCertData = concatBytes(
    report,
    qeSig,
    u16(authData.length),
    authData,
    u16(CERT_TYPE_PCK_CHAIN),
    u32(chain.length),
    chain,
  );

  const quoteSig = signP256Raw(attestationKey, signed);
  const sigData = concatBytes(
    quoteSig,
    attestationKey.publicXY,
    u16(CERT_TYPE_QE_REPORT),
    u32(qeCertData.length),
    qeCertData,
  );
  return concatBytes(signed, u32(sigData.length), sigData);
}
