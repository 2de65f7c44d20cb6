/** Intel PCS / PCCS client: the error class, the injected transport and cache, and the client's shape. */
import { ChrysalisError } from '../errors';
import type { Collateral } from './types';
import type { Clock } from '../../core/clock';

export type PcsErrorCode =
  | 'PCS_NETWORK_ERROR' // the transport failed (connection refused, reset, timeout, body too large)
  | 'PCS_HTTP_STATUS' // the server answered with a status other than 200 (details.status)
  | 'PCS_ISSUER_CHAIN_MISSING' // the issuer-chain header is absent or holds no certificate
  | 'PCS_RESPONSE_MALFORMED' // the body is not the documented shape (JSON, DER/PEM/hex CRL)
  | 'PCS_QUOTE_UNSUPPORTED'; // the quote carries no PCK chain with an SGX extension and a known PCK CA

export class PcsError extends ChrysalisError<PcsErrorCode> {}

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
