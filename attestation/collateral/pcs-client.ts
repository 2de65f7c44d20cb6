/**
 * Intel PCS API v4 / PCCS client for DCAP collateral (Intel "Provisioning Certification Service for ECDSA
 * Attestation" API v4; PCCS serves the same paths). This file holds the protocol only: URLs, issuer-chain
 * headers, body decoding, cache keys and expiry. It performs NO I/O and reads no clock itself: the network
 * transport, the cache store and the clock are injected (`pcs-client-node.ts` supplies node:http(s), an on-disk
 * cache and `Date`). It checks structure only; authenticity is `verifyQuote`'s job.
 *
 *   GET {base}/sgx/certification/v4/pckcrl?ca=platform|processor&encoding=der  header SGX-PCK-CRL-Issuer-Chain
 *   GET {base}/{tdx|sgx}/certification/v4/tcb?fmspc=<12 hex>                  header TCB-Info-Issuer-Chain
 *                                                                              (API v3 / some PCCS: SGX-TCB-Info-Issuer-Chain)
 *   GET {base}/{tdx|sgx}/certification/v4/qe/identity                         header SGX-Enclave-Identity-Issuer-Chain
 *   Root CA CRL: Intel PCS → https://certificates.trustedservices.intel.com/IntelSGXRootCA.der (DER);
 *                PCCS      → {base}/sgx/certification/v4/rootcacrl (hex text or DER)
 * Issuer chains arrive URL-encoded (percent-encoded) PEM, signing certificate first, root last.
 */
import { ChrysalisError } from '../errors';
import { CollateralError } from './errors';
import { collateralFromPcsParts } from './json';
import { pemToDerList } from './pem';
import { rawTopLevelValue } from './raw-json';
import type { Collateral } from './types';
import { parseQuote } from '../tdx/parse';
import { parseCert } from '../tdx/x509';
import { OID_SGX_EXTENSION, parsePckExtension } from '../tdx/pck-extension';
import type { Clock } from '../../core/clock';

export type PcsErrorCode =
  | 'PCS_NETWORK_ERROR' // the transport failed (connection refused, reset, timeout, body too large)
  | 'PCS_HTTP_STATUS' // the server answered with a status other than 200 (details.status)
  | 'PCS_ISSUER_CHAIN_MISSING' // the issuer-chain header is absent or holds no certificate
  | 'PCS_RESPONSE_MALFORMED' // the body is not the documented shape (JSON, DER/PEM/hex CRL)
  | 'PCS_QUOTE_UNSUPPORTED'; // the quote carries no PCK chain with an SGX extension and a known PCK CA

export class PcsError extends ChrysalisError<PcsErrorCode> {}

export const INTEL_PCS_URL = 'https://api.trustedservices.intel.com';
export const INTEL_ROOT_CA_CRL_URL = 'https://certificates.trustedservices.intel.com/IntelSGXRootCA.der';

export type PcsTee = 'tdx' | 'sgx';
export type PckCaType = 'platform' | 'processor';

/** One HTTP response; header names lower-case. */
export interface PcsHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}
/** GET `url` with `headers`; rejects on network failure (the client maps that to PCS_NETWORK_ERROR). */
export type PcsTransport = (url: string, headers: Readonly<Record<string, string>>) => Promise<PcsHttpResponse>;

/** A cached 200 response, valid strictly before `expiresAt` (the resource's own nextUpdate). */
export interface PcsCacheEntry extends PcsHttpResponse {
  readonly url: string;
  readonly expiresAt: Date;
}
export interface PcsCache {
  get(url: string): Promise<PcsCacheEntry | undefined>;
  set(entry: PcsCacheEntry): Promise<void>;
}

export interface PcsClientOptions {
  /** Intel PCS (default) or a PCCS base URL; a trailing `/sgx|tdx/certification/v4` is accepted and removed. */
  readonly baseUrl?: string;
  /** Root CA CRL location. Default: Intel's DER URL for Intel PCS, `{base}/sgx/certification/v4/rootcacrl` otherwise. */
  readonly rootCaCrlUrl?: string;
  readonly transport: PcsTransport;
  /** Response cache keyed by URL; needs `clock`. */
  readonly cache?: PcsCache;
  /** Current time for cache expiry (the shell passes `systemClock`). */
  readonly clock?: Clock;
  /** `Ocp-Apim-Subscription-Key` for Intel PCS (not needed for the collateral endpoints). */
  readonly apiKey?: string;
  /** TCB recovery channel for TCB Info / QE Identity (`update=`); omitted by default (= standard). */
  readonly update?: 'standard' | 'early';
}

export interface PcsCrlResult {
  readonly crl: Uint8Array;
  readonly issuerChain: Uint8Array[];
}
export interface PcsSignedJsonResult {
  /** The exact response body text. */
  readonly body: string;
  readonly issuerChain: Uint8Array[];
}

/**
 * Every method rejects with `PcsError` (PCS_NETWORK_ERROR, PCS_HTTP_STATUS, PCS_ISSUER_CHAIN_MISSING,
 * PCS_RESPONSE_MALFORMED; `getCollateralForQuote` also PCS_QUOTE_UNSUPPORTED and `TdxParseError` for a malformed
 * quote) and with `RangeError` for a bad argument (FMSPC not 12 hex, unknown CA type or TEE).
 */
export interface PcsClient {
  readonly baseUrl: string;
  getPckCrl(ca: PckCaType): Promise<PcsCrlResult>;
  getTcbInfo(tee: PcsTee, fmspc: string): Promise<PcsSignedJsonResult>;
  getQeIdentity(tee: PcsTee): Promise<PcsSignedJsonResult>;
  getRootCaCrl(): Promise<Uint8Array>;
  /** All collateral for one platform, fetched concurrently. */
  getCollateral(req: { readonly tee: PcsTee; readonly fmspc: string; readonly ca: PckCaType }): Promise<Collateral>;
  /** FMSPC, PCK CA type and TEE taken from the quote's PCK chain (certification data type 5). */
  getCollateralForQuote(quote: Uint8Array): Promise<Collateral>;
}

const FMSPC_RE = /^[0-9a-fA-F]{12}$/;

/** The base URL without a trailing slash or `/sgx|tdx/certification/v3|v4` suffix. */
export function normalisePcsBaseUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  u = u.replace(/\/(sgx|tdx)\/certification\/v[34]$/, '');
  return u;
}

/** Decodes a URL-encoded PEM issuer-chain header into DER certificates (signing certificate first). */
export function decodeIssuerChainHeader(value: string | undefined, name: string): Uint8Array[] {
  if (value === undefined || value.trim() === '')
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `response has no ${name} header`);
  let pem: string;
  try {
    pem = decodeURIComponent(value);
  } catch (cause) {
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `${name}: not URL-encoded PEM`, { cause });
  }
  try {
    return pemToDerList(pem, name);
  } catch (cause) {
    throw new PcsError('PCS_ISSUER_CHAIN_MISSING', `${name}: no certificate`, { cause });
  }
}

const PEM_CRL_RE = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/;
/** A CRL body: DER, PEM (`X509 CRL`) or hex text (PCCS serves the root CA CRL as hex). */
export function decodeCrlBody(body: Uint8Array, what: string): Uint8Array {
  if (body.length > 0 && body[0] === 0x30) return Uint8Array.from(body);
  const text = Buffer.from(body).toString('latin1').trim();
  const pem = PEM_CRL_RE.exec(text);
  const der = pem
    ? Buffer.from((pem[1] ?? '').replace(/\s+/g, ''), 'base64')
    : /^(?:[0-9a-fA-F]{2})+$/.test(text)
      ? Buffer.from(text, 'hex')
      : undefined;
  if (!der || der.length === 0 || der[0] !== 0x30)
    throw new PcsError('PCS_RESPONSE_MALFORMED', `${what}: not a DER, PEM or hex CRL`);
  return new Uint8Array(der);
}

// --- minimal DER walk for a CRL's nextUpdate (cache expiry only; the verifier parses CRLs itself) ---
function readTl(b: Uint8Array, p: number): { tag: number; start: number; end: number } {
  const tag = b[p];
  let len = b[p + 1];
  if (tag === undefined || len === undefined) throw new RangeError('truncated');
  let start = p + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4) throw new RangeError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] ?? NaN);
    start += n;
  }
  const end = start + len;
  if (!Number.isFinite(end) || end > b.length) throw new RangeError('truncated');
  return { tag, start, end };
}
function derTime(b: Uint8Array, tl: { tag: number; start: number; end: number }): Date {
  const s = Buffer.from(b.subarray(tl.start, tl.end)).toString('ascii');
  const m =
    tl.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : tl.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) throw new RangeError('bad time');
  let y = Number(m[1]);
  if (tl.tag === 0x17) y += y < 50 ? 2000 : 1900;
  return new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
/** nextUpdate of a DER CRL, or undefined when absent or unreadable. */
export function crlNextUpdate(der: Uint8Array): Date | undefined {
  try {
    const top = readTl(der, 0);
    const tbs = readTl(der, top.start);
    let p = tbs.start;
    let f = readTl(der, p);
    if (f.tag === 0x02) {
      p = f.end; // version
      f = readTl(der, p);
    }
    p = f.end; // signature AlgorithmIdentifier
    p = readTl(der, p).end; // issuer
    p = readTl(der, p).end; // thisUpdate
    const nu = readTl(der, p);
    if (nu.tag !== 0x17 && nu.tag !== 0x18) return undefined;
    return derTime(der, nu);
  } catch {
    return undefined;
  }
}

function jsonNextUpdate(body: string, key: string): Date | undefined {
  try {
    const inner = (JSON.parse(body) as Record<string, unknown>)[key] as Record<string, unknown> | undefined;
    const nu = inner?.['nextUpdate'];
    if (typeof nu !== 'string') return undefined;
    const d = new Date(nu);
    return Number.isNaN(d.getTime()) ? undefined : d;
  } catch {
    return undefined;
  }
}

function header(r: PcsHttpResponse, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = r.headers[n.toLowerCase()];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Creates a PCS/PCCS client. Throws TypeError / RangeError on bad options or arguments (programmer misuse). */
export function createPcsClient(opts: PcsClientOptions): PcsClient {
  if (typeof opts?.transport !== 'function') throw new TypeError('createPcsClient: transport is required');
  if (opts.cache && typeof opts.clock?.now !== 'function')
    throw new TypeError('createPcsClient: a cache needs a clock');
  const baseUrl = normalisePcsBaseUrl(opts.baseUrl ?? INTEL_PCS_URL);
  const isIntel = baseUrl.startsWith(INTEL_PCS_URL);
  const rootCaCrlUrl =
    opts.rootCaCrlUrl ?? (isIntel ? INTEL_ROOT_CA_CRL_URL : `${baseUrl}/sgx/certification/v4/rootcacrl`);
  const reqHeaders: Record<string, string> = { accept: '*/*' };
  if (opts.apiKey) reqHeaders['ocp-apim-subscription-key'] = opts.apiKey;
  const updateParam = opts.update ? `update=${opts.update}` : '';
  const url = (tee: PcsTee, path: string): string => `${baseUrl}/${tee}/certification/v4/${path}`;

  /** GET with cache: a 200 is stored until `expiry(resp)` (its nextUpdate); a hit is served while now < expiresAt. */
  async function get(u: string, expiry: (r: PcsHttpResponse) => Date | undefined): Promise<PcsHttpResponse> {
    if (opts.cache && opts.clock) {
      const hit = await opts.cache.get(u);
      if (hit && hit.url === u && opts.clock.now().getTime() < hit.expiresAt.getTime()) return hit;
    }
    let r: PcsHttpResponse;
    try {
      r = await opts.transport(u, reqHeaders);
    } catch (cause) {
      throw new PcsError('PCS_NETWORK_ERROR', `GET ${u} failed`, { cause });
    }
    if (r.status !== 200)
      throw new PcsError('PCS_HTTP_STATUS', `GET ${u}: HTTP ${r.status}`, { details: { status: r.status, url: u } });
    if (opts.cache && opts.clock) {
      const expiresAt = expiry(r);
      if (expiresAt && expiresAt.getTime() > opts.clock.now().getTime()) {
        await opts.cache.set({ url: u, status: r.status, headers: r.headers, body: r.body, expiresAt });
      }
    }
    return r;
  }

  const checkFmspc = (fmspc: string): string => {
    if (typeof fmspc !== 'string' || !FMSPC_RE.test(fmspc)) throw new RangeError('fmspc must be 12 hex characters');
    return fmspc.toUpperCase();
  };
  const checkTee = (tee: PcsTee): PcsTee => {
    if (tee !== 'tdx' && tee !== 'sgx') throw new RangeError("tee must be 'tdx' or 'sgx'");
    return tee;
  };

  async function signedJson(
    u: string,
    key: 'tcbInfo' | 'enclaveIdentity',
    headerNames: string[],
  ): Promise<PcsSignedJsonResult> {
    const r = await get(u, (resp) => jsonNextUpdate(Buffer.from(resp.body).toString('utf8'), key));
    const body = Buffer.from(r.body).toString('utf8');
    try {
      rawTopLevelValue(body, key, key);
      if (typeof (JSON.parse(body) as Record<string, unknown>)['signature'] !== 'string')
        throw new CollateralError('COLLATERAL_MALFORMED', 'no signature');
    } catch (cause) {
      throw new PcsError('PCS_RESPONSE_MALFORMED', `${u}: not a signed ${key} document`, { cause });
    }
    return { body, issuerChain: decodeIssuerChainHeader(header(r, ...headerNames), headerNames[0] ?? key) };
  }

  const client: PcsClient = {
    baseUrl,
    async getPckCrl(ca) {
      if (ca !== 'platform' && ca !== 'processor') throw new RangeError("ca must be 'platform' or 'processor'");
      const u = url('sgx', `pckcrl?ca=${ca}&encoding=der`);
      const r = await get(u, (resp) => {
        try {
          return crlNextUpdate(decodeCrlBody(resp.body, 'PCK CRL'));
        } catch {
          return undefined;
        }
      });
      const crl = decodeCrlBody(r.body, 'PCK CRL');
      return {
        crl,
        issuerChain: decodeIssuerChainHeader(header(r, 'SGX-PCK-CRL-Issuer-Chain'), 'SGX-PCK-CRL-Issuer-Chain'),
      };
    },
    async getTcbInfo(tee, fmspc) {
      const q = [`fmspc=${checkFmspc(fmspc)}`, updateParam].filter(Boolean).join('&');
      return signedJson(url(checkTee(tee), `tcb?${q}`), 'tcbInfo', [
        'TCB-Info-Issuer-Chain',
        'SGX-TCB-Info-Issuer-Chain',
      ]);
    },
    async getQeIdentity(tee) {
      const u = url(checkTee(tee), `qe/identity${updateParam ? `?${updateParam}` : ''}`);
      return signedJson(u, 'enclaveIdentity', ['SGX-Enclave-Identity-Issuer-Chain']);
    },
    async getRootCaCrl() {
      const r = await get(rootCaCrlUrl, (resp) => {
        try {
          return crlNextUpdate(decodeCrlBody(resp.body, 'root CA CRL'));
        } catch {
          return undefined;
        }
      });
      return decodeCrlBody(r.body, 'root CA CRL');
    },
    async getCollateral(req) {
      const [pck, tcb, qe, root] = await Promise.all([
        client.getPckCrl(req.ca),
        client.getTcbInfo(req.tee, req.fmspc),
        client.getQeIdentity(req.tee),
        client.getRootCaCrl(),
      ]);
      try {
        return collateralFromPcsParts({
          tcbInfoBody: tcb.body,
          qeIdentityBody: qe.body,
          pckCrl: pck.crl,
          rootCaCrl: root,
          tcbInfoIssuerChain: tcb.issuerChain,
          qeIdentityIssuerChain: qe.issuerChain,
          pckCrlIssuerChain: pck.issuerChain,
        });
      } catch (cause) {
        throw new PcsError('PCS_RESPONSE_MALFORMED', 'PCS responses do not form collateral', { cause });
      }
    },
    async getCollateralForQuote(quote) {
      // TdxParseError propagates (malformed quote). Non-zero bytes after the quote do not matter for fetching.
      const q = parseQuote(quote, { allowTrailingBytes: true });
      const leafDer = q.signatureData.pckChain[0];
      if (!leafDer) throw new PcsError('PCS_QUOTE_UNSUPPORTED', 'quote carries no PCK certificate');
      let fmspc: string;
      let ca: PckCaType;
      try {
        const leaf = parseCert(leafDer);
        const ext = leaf.extensions.get(OID_SGX_EXTENSION);
        if (!ext) throw new Error('no SGX extension');
        fmspc = parsePckExtension(ext).fmspc;
        const issuer = leaf.x509.issuer;
        if (issuer.includes('Intel SGX PCK Platform CA')) ca = 'platform';
        else if (issuer.includes('Intel SGX PCK Processor CA')) ca = 'processor';
        else throw new Error(`unknown PCK issuer ${issuer}`);
      } catch (cause) {
        throw new PcsError('PCS_QUOTE_UNSUPPORTED', 'cannot read FMSPC / PCK CA from the quote', { cause });
      }
      return client.getCollateral({ tee: q.teeType === 'TDX' ? 'tdx' : 'sgx', fmspc, ca });
    },
  };
  return Object.freeze(client);
}
