/**
 * DCAP quote parser (structure only: offsets, lengths, versions, types). No cryptography here.
 * Layouts: Intel SGX ECDSA Quote Library API "Quote Format" (v3); Intel TDX DCAP Quoting Library API
 * §A.3 (v4) and §A.4 (v5, body descriptor). See layout.ts for the offsets.
 */
import { Cursor } from './cursor';
import { TdxParseError } from './errors';
import {
  ATT_KEY_TYPE_ECDSA_P256,
  BODY_TYPE_SGX,
  BODY_TYPE_TD10,
  BODY_TYPE_TD15,
  CERT_TYPE_PCK_CHAIN,
  CERT_TYPE_QE_REPORT,
  ECDSA_KEY_SIZE,
  ECDSA_SIG_SIZE,
  ENCLAVE_REPORT_SIZE,
  ER,
  HEADER_SIZE,
  INTEL_QE_VENDOR_ID,
  TD,
  TD10_BODY_SIZE,
  TD15_BODY_SIZE,
  TEE_TYPE_SGX,
  TEE_TYPE_TDX,
} from './layout';
import type { EnclaveReport, Quote, QuoteHeader, QuoteSignatureData, TdReportBody } from './types';
import { bytesEqual } from '../../core/bytes';
import { PemError, pemToDerList } from '../../core/pem';

export interface ParseQuoteOptions {
  /**
   * Bytes after the declared end of the quote. Default: zero padding is tolerated (real quotes arrive in
   * zero-filled buffers), anything else is TDX_QUOTE_TRAILING_BYTES. `true` tolerates any trailing bytes
   * (Intel QVL behaviour); they are outside every signature either way.
   */
  readonly allowTrailingBytes?: boolean;
}

const slice = (b: Uint8Array, [off, len]: readonly [number, number]): Uint8Array => b.subarray(off, off + len);

function parseHeader(c: Cursor): QuoteHeader {
  c.need(HEADER_SIZE, 'header');
  const version = c.u16('version');
  if (version !== 3 && version !== 4 && version !== 5) {
    throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_VERSION', `unsupported quote version ${version}`);
  }
  const attestationKeyType = c.u16('attestation key type');
  if (attestationKeyType !== ATT_KEY_TYPE_ECDSA_P256) {
    throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_KEY_TYPE', `unsupported attestation key type ${attestationKeyType}`);
  }
  const teeTypeRaw = c.u32('tee type');
  if (teeTypeRaw !== TEE_TYPE_SGX && teeTypeRaw !== TEE_TYPE_TDX) {
    throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_TEE_TYPE', `unsupported TEE type 0x${teeTypeRaw.toString(16)}`);
  }
  if (version === 3 && teeTypeRaw !== TEE_TYPE_SGX) {
    throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_TEE_TYPE', 'quote v3 is SGX only');
  }
  const qeSvn = c.u16('qe svn');
  const pceSvn = c.u16('pce svn');
  const qeVendorId = c.bytes(16, 'qe vendor id');
  if (!bytesEqual(qeVendorId, INTEL_QE_VENDOR_ID)) {
    throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_QE_VENDOR', 'QE vendor ID is not Intel');
  }
  const userData = c.bytes(20, 'user data');
  return { version, attestationKeyType, teeTypeRaw, qeSvn, pceSvn, qeVendorId, userData };
}

/** Parse a 384-byte SGX enclave report (no copy: fields are views into `raw`). */
export function parseEnclaveReport(raw: Uint8Array): EnclaveReport {
  if (raw.length !== ENCLAVE_REPORT_SIZE)
    throw new TdxParseError('TDX_QUOTE_TRUNCATED', 'enclave report must be 384 bytes');
  const u16 = (o: number): number => (raw[o] as number) | ((raw[o + 1] as number) << 8);
  const ms = slice(raw, ER.miscSelect);
  return {
    raw,
    cpuSvn: slice(raw, ER.cpuSvn),
    miscSelect:
      ((ms[0] as number) | ((ms[1] as number) << 8) | ((ms[2] as number) << 16)) + (ms[3] as number) * 0x1000000,
    attributes: slice(raw, ER.attributes),
    mrEnclave: slice(raw, ER.mrEnclave),
    mrSigner: slice(raw, ER.mrSigner),
    isvProdId: u16(ER.isvProdId[0]),
    isvSvn: u16(ER.isvSvn[0]),
    reportData: slice(raw, ER.reportData),
  };
}

function parseTdBody(raw: Uint8Array, kind: 'TD10' | 'TD15'): TdReportBody {
  const f = (k: keyof typeof TD): Uint8Array => slice(raw, TD[k]);
  const td10: TdReportBody = {
    kind,
    teeTcbSvn: f('teeTcbSvn'),
    mrseam: f('mrseam'),
    mrsignerseam: f('mrsignerseam'),
    seamAttributes: f('seamAttributes'),
    tdAttributes: f('tdAttributes'),
    xfam: f('xfam'),
    mrtd: f('mrtd'),
    mrconfigid: f('mrconfigid'),
    mrowner: f('mrowner'),
    mrownerconfig: f('mrownerconfig'),
    rtmr0: f('rtmr0'),
    rtmr1: f('rtmr1'),
    rtmr2: f('rtmr2'),
    rtmr3: f('rtmr3'),
    reportData: f('reportData'),
  };
  // TD 1.5 appends TEE_TCB_SVN2 and MRSERVICETD to the TD 1.0 layout.
  return kind === 'TD10' ? td10 : { ...td10, teeTcbSvn2: f('teeTcbSvn2'), mrservicetd: f('mrservicetd') };
}

/** The PCK chain blob (certification data type 5): PEM blocks (NUL-terminated or not) or concatenated DER. */
export function splitCertData(blob: Uint8Array): Uint8Array[] {
  let end = blob.length;
  while (end > 0 && (blob[end - 1] === 0 || blob[end - 1] === 0x0a || blob[end - 1] === 0x0d || blob[end - 1] === 0x20))
    end--;
  const b = blob.subarray(0, end);
  if (b.length === 0) throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', 'empty PCK certificate chain');
  if (b[0] === 0x30) return splitDer(b);
  let out: Uint8Array[];
  try {
    out = pemToDerList(Buffer.from(b).toString('latin1'), 'CERTIFICATE', true);
  } catch (cause) {
    if (!(cause instanceof PemError)) throw cause;
    throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', `PCK certificate chain: ${cause.message}`, { cause });
  }
  if (out.length === 0) {
    throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', 'PCK certificate chain is neither PEM nor DER');
  }
  return out;
}

function splitDer(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p < b.length) {
    if (b[p] !== 0x30 || p + 2 > b.length) throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', 'bad DER certificate');
    let len = b[p + 1] as number;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3 || p + 2 + n > b.length)
        throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', 'bad DER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (b[p + 2 + i] as number);
      hdr += n;
    }
    if (p + hdr + len > b.length) throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA', 'DER certificate truncated');
    out.push(b.subarray(p, p + hdr + len));
    p += hdr + len;
  }
  return out;
}

/** QE report, its signature, QE auth data and the inner type-5 PCK chain (common to v3 and the v4/v5 type-6 blob). */
function parseQeCertification(
  c: Cursor,
  splitChain: boolean,
): Omit<QuoteSignatureData, 'signature' | 'attestationKey'> {
  const qeReportRaw = c.bytes(ENCLAVE_REPORT_SIZE, 'QE report');
  const qeReportSignature = c.bytes(ECDSA_SIG_SIZE, 'QE report signature');
  const authLen = c.u16('QE auth data size');
  const qeAuthData = c.bytes(authLen, 'QE auth data');
  const certDataType = c.u16('certification data type');
  const certLen = c.u32('certification data size');
  if (certDataType !== CERT_TYPE_PCK_CHAIN) {
    throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA_TYPE', `certification data type ${certDataType}, expected 5`);
  }
  const certData = c.bytes(certLen, 'certification data');
  return {
    qeReport: parseEnclaveReport(qeReportRaw),
    qeReportSignature,
    qeAuthData,
    certDataType,
    certData,
    pckChain: splitChain ? Object.freeze(splitCertData(certData)) : [],
  };
}

/**
 * Parse a DCAP quote: v3 (SGX), v4 (SGX or TDX 1.0), v5 (SGX, TDX 1.0 or TDX 1.5 body).
 * Fields are views into `bytes` (not copies): do not mutate the input afterwards.
 * @throws TdxParseError TDX_QUOTE_TRUNCATED, TDX_QUOTE_UNSUPPORTED_VERSION, TDX_QUOTE_UNSUPPORTED_KEY_TYPE,
 *   TDX_QUOTE_UNSUPPORTED_TEE_TYPE, TDX_QUOTE_UNSUPPORTED_QE_VENDOR, TDX_QUOTE_BAD_BODY_DESCRIPTOR,
 *   TDX_QUOTE_BAD_CERT_DATA_TYPE, TDX_QUOTE_BAD_CERT_DATA, TDX_QUOTE_LENGTH_MISMATCH, TDX_QUOTE_TRAILING_BYTES
 */
export function parseQuote(bytes: Uint8Array, opts: ParseQuoteOptions = {}): Quote {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseQuote: bytes must be a Uint8Array');
  return parseQuoteInternal(bytes, opts, true);
}

/**
 * `splitChain: false` leaves `pckChain` empty (the verifier splits the type-5 blob only when its chain cache
 * misses, and fills `pckChain` from the cache). Internal.
 */
export function parseQuoteInternal(bytes: Uint8Array, opts: ParseQuoteOptions, splitChain: boolean): Quote {
  const c = new Cursor(bytes);
  const header = parseHeader(c);
  const version = header.version as 3 | 4 | 5;
  let bodyType: number | undefined;
  let bodySize: number;
  if (version === 5) {
    bodyType = c.u16('body type');
    bodySize = c.u32('body size');
    const expected =
      bodyType === BODY_TYPE_SGX
        ? ENCLAVE_REPORT_SIZE
        : bodyType === BODY_TYPE_TD10
          ? TD10_BODY_SIZE
          : bodyType === BODY_TYPE_TD15
            ? TD15_BODY_SIZE
            : -1;
    if (expected < 0 || bodySize !== expected) {
      throw new TdxParseError('TDX_QUOTE_BAD_BODY_DESCRIPTOR', `v5 body type ${bodyType} with size ${bodySize}`);
    }
    if ((bodyType === BODY_TYPE_SGX) !== (header.teeTypeRaw === TEE_TYPE_SGX)) {
      throw new TdxParseError('TDX_QUOTE_UNSUPPORTED_TEE_TYPE', 'v5 body type does not match the TEE type');
    }
  } else {
    bodySize = header.teeTypeRaw === TEE_TYPE_TDX ? TD10_BODY_SIZE : ENCLAVE_REPORT_SIZE;
  }
  const bodyRaw = c.bytes(bodySize, 'body');
  const signedBytes = bytes.subarray(0, c.pos);

  const sigLen = c.u32('signature data size');
  c.need(sigLen, 'signature data');
  const sc = new Cursor(bytes, c.pos, c.pos + sigLen);
  const signature = sc.bytes(ECDSA_SIG_SIZE, 'quote signature');
  const attestationKey = sc.bytes(ECDSA_KEY_SIZE, 'attestation key');
  let cert: Omit<QuoteSignatureData, 'signature' | 'attestationKey'>;
  if (version === 3) {
    cert = parseQeCertification(sc, splitChain);
  } else {
    const outerType = sc.u16('outer certification data type');
    const outerLen = sc.u32('outer certification data size');
    if (outerType !== CERT_TYPE_QE_REPORT) {
      throw new TdxParseError('TDX_QUOTE_BAD_CERT_DATA_TYPE', `outer certification data type ${outerType}, expected 6`);
    }
    sc.need(outerLen, 'QE report certification data');
    const ic = new Cursor(bytes, sc.pos, sc.pos + outerLen);
    cert = parseQeCertification(ic, splitChain);
    if (ic.remaining !== 0)
      throw new TdxParseError('TDX_QUOTE_LENGTH_MISMATCH', 'QE report certification data size mismatch');
    sc.pos += outerLen;
  }
  if (sc.remaining !== 0) throw new TdxParseError('TDX_QUOTE_LENGTH_MISMATCH', 'signature data size mismatch');
  const size = sc.end;
  if (size < bytes.length && !opts.allowTrailingBytes) {
    for (let i = size; i < bytes.length; i++) {
      if (bytes[i] !== 0)
        throw new TdxParseError('TDX_QUOTE_TRAILING_BYTES', `non-zero bytes after the quote end (${size})`);
    }
  }
  const signatureData: QuoteSignatureData = {
    signature,
    attestationKey,
    qeReport: cert.qeReport,
    qeReportSignature: cert.qeReportSignature,
    qeAuthData: cert.qeAuthData,
    certDataType: cert.certDataType,
    certData: cert.certData,
    pckChain: cert.pckChain,
  };
  // Explicit literals (not spreads): this runs on every verification.
  return header.teeTypeRaw === TEE_TYPE_TDX
    ? {
        version,
        header,
        bodyType,
        signedBytes,
        signatureData,
        size,
        teeType: 'TDX',
        body: parseTdBody(bodyRaw, bodyType === BODY_TYPE_TD15 ? 'TD15' : 'TD10'),
      }
    : {
        version,
        header,
        bodyType,
        signedBytes,
        signatureData,
        size,
        teeType: 'SGX',
        body: parseEnclaveReport(bodyRaw),
      };
}

/** The same quote with `pckChain` filled in (used by the verifier from its chain cache). */
export function withPckChain<Q extends Quote>(q: Q, pckChain: readonly Uint8Array[]): Q {
  const d = q.signatureData;
  const signatureData: QuoteSignatureData = {
    signature: d.signature,
    attestationKey: d.attestationKey,
    qeReport: d.qeReport,
    qeReportSignature: d.qeReportSignature,
    qeAuthData: d.qeAuthData,
    certDataType: d.certDataType,
    certData: d.certData,
    pckChain,
  };
  return {
    version: q.version,
    header: q.header,
    bodyType: q.bodyType,
    signedBytes: q.signedBytes,
    signatureData,
    size: q.size,
    teeType: q.teeType,
    body: q.body,
  } as Q;
}
