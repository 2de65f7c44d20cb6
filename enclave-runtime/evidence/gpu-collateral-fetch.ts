/**
 * NVIDIA's collateral services, one request each:
 * - RIM service: `GET <rimUrl><id>` → JSON `{id, rim: <base64 XML>, sha256, rim_format, ...}` (the id must echo ours);
 * - OCSP responder: RFC 6960 over HTTP POST `application/ocsp-request`, one certificate per request, SHA-1 CertID
 *   (as NVIDIA's C++ SDK sends), no nonce (responses are cached and shipped in bundles, so verifiers judge them by
 *   thisUpdate/nextUpdate). The response is checked with the verifier's own `checkOcsp`.
 * Network failures and HTTP errors are `*_UNREACHABLE`; answers that do not fit are `*_INVALID`.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { CertID, OCSPRequest, Request, TBSRequest } from '@peculiar/asn1-ocsp';
import { checkOcsp } from '../../attestation/gpu/ocsp';
import { GpuParseError, GpuVerifyError } from '../../attestation/gpu/errors';
import { parseRim, type ParsedRim } from '../../attestation/gpu/rim';
import { WorkerError, type WorkerErrorCode } from '../errors';

const OID_SHA1 = '1.3.14.3.2.26';
const MAX_RIM_BYTES = 4 * 1024 * 1024;
const MAX_OCSP_BYTES = 64 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface HttpOptions {
  readonly timeoutMs: number;
}

async function request(
  url: string,
  init: RequestInit,
  http: HttpOptions,
  maxBytes: number,
  code: WorkerErrorCode,
): Promise<{ status: number; body: Uint8Array }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
  } catch (cause) {
    throw new WorkerError(code, `${url} cannot be reached`, { cause });
  }
  const len = Number(res.headers.get('content-length') ?? '0');
  if (len > maxBytes) {
    await res.body?.cancel();
    throw new WorkerError(code, `${url} answered ${len} bytes (limit ${maxBytes})`);
  }
  let body: Uint8Array;
  try {
    body = new Uint8Array(await res.arrayBuffer());
  } catch (cause) {
    throw new WorkerError(code, `${url}: the answer broke off`, { cause });
  }
  if (body.length > maxBytes) throw new WorkerError(code, `${url} answered more than ${maxBytes} bytes`);
  return { status: res.status, body };
}

export interface FetchedRim {
  readonly xml: string;
  readonly parsed: ParsedRim;
}

/** Parse a RIM's XML (structure only: the verifier checks its signature). Throws WorkerError GPU_RIM_INVALID. */
export function parseRimXml(xml: string, id: string): ParsedRim {
  try {
    return parseRim(xml);
  } catch (cause) {
    if (cause instanceof GpuParseError || cause instanceof GpuVerifyError)
      throw new WorkerError('GPU_RIM_INVALID', `RIM ${id} is not a RIM (${cause.code})`, { cause });
    throw cause;
  }
}

/**
 * Fetch RIM `id`. Throws WorkerError GPU_RIM_UNREACHABLE (network, HTTP error), GPU_RIM_NOT_FOUND (404),
 * GPU_RIM_INVALID (JSON shape, id echo, base64, XML structure).
 */
export async function fetchRim(rimUrl: string, id: string, http: HttpOptions): Promise<FetchedRim> {
  const url = `${rimUrl}${encodeURIComponent(id)}`;
  const { status, body } = await request(
    url,
    { headers: { accept: 'application/json' } },
    http,
    MAX_RIM_BYTES,
    'GPU_RIM_UNREACHABLE',
  );
  if (status === 404) throw new WorkerError('GPU_RIM_NOT_FOUND', `the RIM service has no RIM ${id}`);
  if (status !== 200) throw new WorkerError('GPU_RIM_UNREACHABLE', `the RIM service answered HTTP ${status} for ${id}`);
  let j: { id?: unknown; rim?: unknown };
  try {
    j = JSON.parse(Buffer.from(body).toString('utf8')) as typeof j;
  } catch (cause) {
    throw new WorkerError('GPU_RIM_INVALID', `the RIM service answered non-JSON for ${id}`, { cause });
  }
  if (typeof j !== 'object' || j === null || j.id !== id || typeof j.rim !== 'string') {
    throw new WorkerError('GPU_RIM_INVALID', `the RIM service's answer for ${id} lacks its id or rim`);
  }
  const b64 = j.rim.replace(/\s+/g, '');
  if (!BASE64.test(b64)) throw new WorkerError('GPU_RIM_INVALID', `RIM ${id} is not base64`);
  const xml = Buffer.from(b64, 'base64').toString('utf8');
  return { xml, parsed: parseRimXml(xml, id) };
}

/** An OCSP request (RFC 6960 §4.1) for `cert` issued by `issuer`, SHA-1 CertID. */
export function ocspRequestDer(cert: X509Certificate, issuer: X509Certificate): Uint8Array {
  const c = AsnConvert.parse(cert.raw, Certificate);
  const i = AsnConvert.parse(issuer.raw, Certificate);
  const sha1 = (b: ArrayBuffer): ArrayBuffer =>
    new Uint8Array(createHash('sha1').update(new Uint8Array(b)).digest()).buffer;
  const certID = new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SHA1, parameters: null }),
    issuerNameHash: new OctetString(sha1(AsnConvert.serialize(i.tbsCertificate.subject))),
    issuerKeyHash: new OctetString(sha1(i.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)),
    serialNumber: c.tbsCertificate.serialNumber,
  });
  const req = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certID })] }) });
  return new Uint8Array(AsnConvert.serialize(req));
}

const OCSP_CODE: Readonly<Record<string, WorkerErrorCode>> = {
  GPU_OCSP_REVOKED: 'GPU_OCSP_REVOKED',
  GPU_OCSP_UNKNOWN: 'GPU_OCSP_UNKNOWN',
  GPU_OCSP_STALE: 'GPU_OCSP_STALE',
};

/**
 * Check one OCSP response for `cert` at `now` with the verifier's rules; returns its nextUpdate (ms).
 * Throws WorkerError GPU_OCSP_REVOKED, GPU_OCSP_UNKNOWN, GPU_OCSP_STALE, GPU_OCSP_INVALID (anything else).
 */
export function checkOcspFor(
  der: Uint8Array,
  cert: X509Certificate,
  issuer: X509Certificate,
  now: Date,
  responderRoots: readonly X509Certificate[],
): number {
  try {
    return checkOcsp([der], [{ cert, issuer }], now, { responderRoots }).nextUpdate.getTime();
  } catch (cause) {
    if (!(cause instanceof GpuVerifyError)) throw cause;
    const code = OCSP_CODE[cause.code] ?? 'GPU_OCSP_INVALID';
    throw new WorkerError(code, `OCSP for ${cert.subject.replace(/\n/g, ', ')}: ${cause.message}`, { cause });
  }
}

/** POST one OCSP request. Throws WorkerError GPU_OCSP_UNREACHABLE (network, HTTP error). */
export async function fetchOcsp(
  ocspUrl: string,
  cert: X509Certificate,
  issuer: X509Certificate,
  http: HttpOptions,
): Promise<Uint8Array> {
  const { status, body } = await request(
    ocspUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: ocspRequestDer(cert, issuer),
    },
    http,
    MAX_OCSP_BYTES,
    'GPU_OCSP_UNREACHABLE',
  );
  if (status !== 200) throw new WorkerError('GPU_OCSP_UNREACHABLE', `the OCSP responder answered HTTP ${status}`);
  return body;
}
