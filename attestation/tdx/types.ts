/** Parsed Intel DCAP quote structures (Intel "TDX DCAP Quote Generation Library and Quote Verification Library" spec). */

export type TeeType = 'TDX' | 'SGX';

/** Quote header, 48 bytes at offset 0 (identical in v3/v4/v5). */
export interface QuoteHeader {
  readonly version: number;
  readonly attestationKeyType: number;
  /** Raw TEE type: 0x00 SGX, 0x81 TDX. */
  readonly teeTypeRaw: number;
  /** Offset 8 (Intel: QE SVN). */
  readonly qeSvn: number;
  /** Offset 10 (Intel: PCE SVN). */
  readonly pceSvn: number;
  readonly qeVendorId: Uint8Array;
  readonly userData: Uint8Array;
}

/** TD report body: TD 1.0 (584 bytes) or TD 1.5 (648 bytes; adds teeTcbSvn2 and mrservicetd). */
export interface TdReportBody {
  readonly kind: 'TD10' | 'TD15';
  readonly teeTcbSvn: Uint8Array;
  readonly mrseam: Uint8Array;
  readonly mrsignerseam: Uint8Array;
  readonly seamAttributes: Uint8Array;
  readonly tdAttributes: Uint8Array;
  readonly xfam: Uint8Array;
  readonly mrtd: Uint8Array;
  readonly mrconfigid: Uint8Array;
  readonly mrowner: Uint8Array;
  readonly mrownerconfig: Uint8Array;
  readonly rtmr0: Uint8Array;
  readonly rtmr1: Uint8Array;
  readonly rtmr2: Uint8Array;
  readonly rtmr3: Uint8Array;
  readonly reportData: Uint8Array;
  /** TD 1.5 only. */
  readonly teeTcbSvn2?: Uint8Array;
  /** TD 1.5 only. */
  readonly mrservicetd?: Uint8Array;
}

/** SGX enclave report (384 bytes): the SGX quote body and every QE report. */
export interface EnclaveReport {
  readonly raw: Uint8Array;
  readonly cpuSvn: Uint8Array;
  readonly miscSelect: number;
  readonly attributes: Uint8Array;
  readonly mrEnclave: Uint8Array;
  readonly mrSigner: Uint8Array;
  readonly isvProdId: number;
  readonly isvSvn: number;
  readonly reportData: Uint8Array;
}

/** ECDSA-256 quote signature data with QE report certification data and a type-5 PCK chain. */
export interface QuoteSignatureData {
  /** Raw r||s over `signedBytes` by the attestation key. */
  readonly signature: Uint8Array;
  /** Attestation public key x||y (64 bytes). */
  readonly attestationKey: Uint8Array;
  readonly qeReport: EnclaveReport;
  /** Raw r||s over the 384 QE report bytes by the PCK key. */
  readonly qeReportSignature: Uint8Array;
  readonly qeAuthData: Uint8Array;
  /** Inner certification data type (always 5). */
  readonly certDataType: number;
  /** The raw type-5 blob (PEM text, usually NUL terminated; or concatenated DER). */
  readonly certData: Uint8Array;
  /** The certificates of the blob, DER, in the order found (normally leaf, intermediate, root). */
  readonly pckChain: readonly Uint8Array[];
}

interface QuoteCommon {
  readonly version: 3 | 4 | 5;
  readonly header: QuoteHeader;
  /** v5 body type (1 SGX, 2 TD1.0, 3 TD1.5); undefined for v3/v4. */
  readonly bodyType: number | undefined;
  /** Header (+ v5 descriptor) + body: the bytes the quote signature covers. */
  readonly signedBytes: Uint8Array;
  readonly signatureData: QuoteSignatureData;
  /** Length of the quote proper; anything after it in the input was zero padding. */
  readonly size: number;
}
export interface TdxQuote extends QuoteCommon {
  readonly teeType: 'TDX';
  readonly body: TdReportBody;
}
export interface SgxQuote extends QuoteCommon {
  readonly teeType: 'SGX';
  readonly body: EnclaveReport;
}
export type Quote = TdxQuote | SgxQuote;
