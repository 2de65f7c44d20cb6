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
import { CollateralError } from './errors';
import { collateralFromPcsParts } from './json';
import { crlNextUpdate, decodeCrlBody, decodeIssuerChainHeader, jsonNextUpdate, responseHeader } from './pcs-decode';
import {
  PcsError,
  type PckCaType,
  type PcsClient,
  type PcsClientOptions,
  type PcsHttpResponse,
  type PcsCrlResult,
  type PcsSignedJsonResult,
  type PcsTee,
} from './pcs-types';
import { rawTopLevelValue } from './raw-json';
import type { Collateral } from './types';
import { parseQuote } from '../tdx/parse';
import { parseCert } from '../tdx/x509';
import { OID_SGX_EXTENSION, parsePckExtension } from '../tdx/pck-extension';

export { crlNextUpdate, decodeCrlBody, decodeIssuerChainHeader } from './pcs-decode';
export { PcsError } from './pcs-types';
export type {
  PcsErrorCode,
  PcsTee,
  PckCaType,
  PcsHttpResponse,
  PcsTransport,
  PcsCacheEntry,
  PcsCache,
  PcsClientOptions,
  PcsCrlResult,
  PcsSignedJsonResult,
  PcsClient,
} from './pcs-types';

export const INTEL_PCS_URL = 'https://api.trustedservices.intel.com';
export const INTEL_ROOT_CA_CRL_URL = 'https://certificates.trustedservices.intel.com/IntelSGXRootCA.der';

const FMSPC_RE = /^[0-9a-fA-F]{12}$/;

/** The base URL without a trailing slash or `/sgx|tdx/certification/v3|v4` suffix. */
export function normalisePcsBaseUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  u = u.replace(/\/(sgx|tdx)\/certification\/v[34]$/, '');
  return u;
}

/** What every request of one client shares: its options, resolved URLs and request headers. */
interface PcsContext {
  readonly opts: PcsClientOptions;
  readonly baseUrl: string;
  readonly rootCaCrlUrl: string;
  readonly reqHeaders: Readonly<Record<string, string>>;
  /** `update=<channel>` or '' (TCB recovery channel for TCB Info / QE Identity). */
  readonly updateParam: string;
}

/** Creates a PCS/PCCS client. Throws TypeError / RangeError on bad options or arguments (programmer misuse). */
export function createPcsClient(opts: PcsClientOptions): PcsClient {
  if (typeof opts?.transport !== 'function') throw new TypeError('createPcsClient: transport is required');
  if (opts.cache && typeof opts.clock?.now !== 'function')
    throw new TypeError('createPcsClient: a cache needs a clock');
  const ctx = pcsContext(opts);
  const client: PcsClient = {
    baseUrl: ctx.baseUrl,
    async getPckCrl(ca) {
      return fetchPckCrl(ctx, ca);
    },
    async getTcbInfo(tee, fmspc) {
      return fetchTcbInfo(ctx, tee, fmspc);
    },
    async getQeIdentity(tee) {
      return fetchQeIdentity(ctx, tee);
    },
    async getRootCaCrl() {
      return fetchRootCaCrl(ctx);
    },
    async getCollateral(req) {
      return fetchCollateral(ctx, req);
    },
    async getCollateralForQuote(quote) {
      return fetchCollateral(ctx, collateralRequestForQuote(quote));
    },
  };
  return Object.freeze(client);
}

function pcsContext(opts: PcsClientOptions): PcsContext {
  const baseUrl = normalisePcsBaseUrl(opts.baseUrl ?? INTEL_PCS_URL);
  const isIntel = baseUrl.startsWith(INTEL_PCS_URL);
  const rootCaCrlUrl =
    opts.rootCaCrlUrl ?? (isIntel ? INTEL_ROOT_CA_CRL_URL : `${baseUrl}/sgx/certification/v4/rootcacrl`);
  const reqHeaders: Record<string, string> = { accept: '*/*' };
  if (opts.apiKey) reqHeaders['ocp-apim-subscription-key'] = opts.apiKey;
  const updateParam = opts.update ? `update=${opts.update}` : '';
  return { opts, baseUrl, rootCaCrlUrl, reqHeaders, updateParam };
}

function pcsUrl(ctx: PcsContext, tee: PcsTee, path: string): string {
  return `${ctx.baseUrl}/${tee}/certification/v4/${path}`;
}

/** GET with cache: a 200 is stored until `expiry(resp)` (its nextUpdate); a hit is served while now < expiresAt. */
async function cachedGet(
  ctx: PcsContext,
  u: string,
  expiry: (r: PcsHttpResponse) => Date | undefined,
): Promise<PcsHttpResponse> {
  const { cache, clock, transport } = ctx.opts;
  if (cache && clock) {
    const hit = await cache.get(u);
    if (hit && hit.url === u && clock.now().getTime() < hit.expiresAt.getTime()) return hit;
  }
  let r: PcsHttpResponse;
  try {
    r = await transport(u, ctx.reqHeaders);
  } catch (cause) {
    throw new PcsError('PCS_NETWORK_ERROR', `GET ${u} failed`, { cause });
  }
  if (r.status !== 200)
    throw new PcsError('PCS_HTTP_STATUS', `GET ${u}: HTTP ${r.status}`, { details: { status: r.status, url: u } });
  if (cache && clock) {
    const expiresAt = expiry(r);
    if (expiresAt && expiresAt.getTime() > clock.now().getTime()) {
      await cache.set({ url: u, status: r.status, headers: r.headers, body: r.body, expiresAt });
    }
  }
  return r;
}

function checkFmspc(fmspc: string): string {
  if (typeof fmspc !== 'string' || !FMSPC_RE.test(fmspc)) throw new RangeError('fmspc must be 12 hex characters');
  return fmspc.toUpperCase();
}

function checkTee(tee: PcsTee): PcsTee {
  if (tee !== 'tdx' && tee !== 'sgx') throw new RangeError("tee must be 'tdx' or 'sgx'");
  return tee;
}

/** Cache expiry of a CRL response: its nextUpdate, or none when the body is unreadable. */
function crlExpiry(resp: PcsHttpResponse): Date | undefined {
  try {
    return crlNextUpdate(decodeCrlBody(resp.body, 'CRL'));
  } catch {
    return undefined;
  }
}

async function fetchSignedJson(
  ctx: PcsContext,
  u: string,
  key: 'tcbInfo' | 'enclaveIdentity',
  headerNames: string[],
): Promise<PcsSignedJsonResult> {
  const r = await cachedGet(ctx, u, (resp) => jsonNextUpdate(Buffer.from(resp.body).toString('utf8'), key));
  const body = Buffer.from(r.body).toString('utf8');
  try {
    rawTopLevelValue(body, key, key);
    if (typeof (JSON.parse(body) as Record<string, unknown>)['signature'] !== 'string')
      throw new CollateralError('COLLATERAL_MALFORMED', 'no signature');
  } catch (cause) {
    throw new PcsError('PCS_RESPONSE_MALFORMED', `${u}: not a signed ${key} document`, { cause });
  }
  return { body, issuerChain: decodeIssuerChainHeader(responseHeader(r, ...headerNames), headerNames[0] ?? key) };
}

async function fetchPckCrl(ctx: PcsContext, ca: PckCaType): Promise<PcsCrlResult> {
  if (ca !== 'platform' && ca !== 'processor') throw new RangeError("ca must be 'platform' or 'processor'");
  const r = await cachedGet(ctx, pcsUrl(ctx, 'sgx', `pckcrl?ca=${ca}&encoding=der`), crlExpiry);
  const crl = decodeCrlBody(r.body, 'PCK CRL');
  return {
    crl,
    issuerChain: decodeIssuerChainHeader(responseHeader(r, 'SGX-PCK-CRL-Issuer-Chain'), 'SGX-PCK-CRL-Issuer-Chain'),
  };
}

async function fetchTcbInfo(ctx: PcsContext, tee: PcsTee, fmspc: string): Promise<PcsSignedJsonResult> {
  const q = [`fmspc=${checkFmspc(fmspc)}`, ctx.updateParam].filter(Boolean).join('&');
  return fetchSignedJson(ctx, pcsUrl(ctx, checkTee(tee), `tcb?${q}`), 'tcbInfo', [
    'TCB-Info-Issuer-Chain',
    'SGX-TCB-Info-Issuer-Chain',
  ]);
}

async function fetchQeIdentity(ctx: PcsContext, tee: PcsTee): Promise<PcsSignedJsonResult> {
  const u = pcsUrl(ctx, checkTee(tee), `qe/identity${ctx.updateParam ? `?${ctx.updateParam}` : ''}`);
  return fetchSignedJson(ctx, u, 'enclaveIdentity', ['SGX-Enclave-Identity-Issuer-Chain']);
}

async function fetchRootCaCrl(ctx: PcsContext): Promise<Uint8Array> {
  const r = await cachedGet(ctx, ctx.rootCaCrlUrl, crlExpiry);
  return decodeCrlBody(r.body, 'root CA CRL');
}

/** All collateral for one platform, fetched concurrently. */
async function fetchCollateral(
  ctx: PcsContext,
  req: { readonly tee: PcsTee; readonly fmspc: string; readonly ca: PckCaType },
): Promise<Collateral> {
  const [pck, tcb, qe, root] = await Promise.all([
    fetchPckCrl(ctx, req.ca),
    fetchTcbInfo(ctx, req.tee, req.fmspc),
    fetchQeIdentity(ctx, req.tee),
    fetchRootCaCrl(ctx),
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
}

/** FMSPC and PCK CA type from the quote's PCK leaf certificate, TEE from the quote. */
function collateralRequestForQuote(quote: Uint8Array): { tee: PcsTee; fmspc: string; ca: PckCaType } {
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
  return { tee: q.teeType === 'TDX' ? 'tdx' : 'sgx', fmspc, ca };
}
