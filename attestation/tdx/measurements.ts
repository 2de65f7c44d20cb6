/** Measurement registers and identity fields of a verified TD (all views into a private copy of the quote). */
export interface TdMeasurements {
  readonly mrtd: Uint8Array;
  readonly rtmr0: Uint8Array;
  readonly rtmr1: Uint8Array;
  readonly rtmr2: Uint8Array;
  readonly rtmr3: Uint8Array;
  readonly mrconfigid: Uint8Array;
  readonly mrowner: Uint8Array;
  readonly mrownerconfig: Uint8Array;
  readonly mrseam: Uint8Array;
  readonly mrsignerseam: Uint8Array;
  readonly teeTcbSvn: Uint8Array;
  readonly tdAttributes: Uint8Array;
  readonly xfam: Uint8Array;
  readonly reportData: Uint8Array;
  /** TD 1.5 only. */
  readonly teeTcbSvn2?: Uint8Array;
  /** TD 1.5 only. */
  readonly mrservicetd?: Uint8Array;
}

/** Identity fields of a verified SGX enclave. */
export interface SgxMeasurements {
  readonly mrEnclave: Uint8Array;
  readonly mrSigner: Uint8Array;
  readonly isvProdId: number;
  readonly isvSvn: number;
  readonly attributes: Uint8Array;
  readonly miscSelect: number;
  readonly reportData: Uint8Array;
}
