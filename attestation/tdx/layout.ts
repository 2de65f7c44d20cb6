/**
 * Offsets and sizes of the DCAP quote formats (Intel SGX ECDSA Quote Library API, appendix "Quote Format";
 * Intel TDX DCAP Quoting Library API §A.3 (v4) and §A.4 (v5)). All integers little-endian.
 */
export const HEADER_SIZE = 48;
export const ENCLAVE_REPORT_SIZE = 384;
export const TD10_BODY_SIZE = 584;
export const TD15_BODY_SIZE = 648;
export const BODY_DESCRIPTOR_SIZE = 6;

export const ATT_KEY_TYPE_ECDSA_P256 = 2;
export const TEE_TYPE_SGX = 0x00;
export const TEE_TYPE_TDX = 0x81;

export const BODY_TYPE_SGX = 1;
export const BODY_TYPE_TD10 = 2;
export const BODY_TYPE_TD15 = 3;

export const CERT_TYPE_PCK_CHAIN = 5;
export const CERT_TYPE_QE_REPORT = 6;

export const ECDSA_SIG_SIZE = 64;
export const ECDSA_KEY_SIZE = 64;

/** Intel's QE vendor ID 939A7233-F79C-4CA9-940A-0DB3957F0607. */
export const INTEL_QE_VENDOR_ID = Uint8Array.from(Buffer.from('939a7233f79c4ca9940a0db3957f0607', 'hex'));

/** TD report body offsets (relative to body start). */
export const TD = {
  teeTcbSvn: [0, 16],
  mrseam: [16, 48],
  mrsignerseam: [64, 48],
  seamAttributes: [112, 8],
  tdAttributes: [120, 8],
  xfam: [128, 8],
  mrtd: [136, 48],
  mrconfigid: [184, 48],
  mrowner: [232, 48],
  mrownerconfig: [280, 48],
  rtmr0: [328, 48],
  rtmr1: [376, 48],
  rtmr2: [424, 48],
  rtmr3: [472, 48],
  reportData: [520, 64],
  teeTcbSvn2: [584, 16],
  mrservicetd: [600, 48],
} as const;

/** SGX enclave report offsets. */
export const ER = {
  cpuSvn: [0, 16],
  miscSelect: [16, 4],
  attributes: [48, 16],
  mrEnclave: [64, 32],
  mrSigner: [128, 32],
  isvProdId: [256, 2],
  isvSvn: [258, 2],
  reportData: [320, 64],
} as const;
