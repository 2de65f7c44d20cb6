import { ChrysalisError } from '../errors';

export const MEASURE_CODES = [
  'MEASURE_TDVF_NOT_FOUND', // no OVMF GUIDed footer table / TDX metadata entry / "TDVF" descriptor
  'MEASURE_TDVF_INVALID', // descriptor or section fails the validity rules (alignment, backing, bounds)
  'MEASURE_PE_INVALID', // kernel is not a well-formed PE32/PE32+ image
  'MEASURE_KERNEL_INVALID', // kernel lacks a Linux boot-protocol setup header the QEMU patch needs
  'MEASURE_BAD_INPUT', // missing or malformed prediction input (sizes, hex, memory)
  'MEASURE_UNSUPPORTED', // an input combination the predictor does not model (e.g. an OVMF event layout)
] as const;
export type MeasureErrorCode = (typeof MEASURE_CODES)[number];

export class MeasureError extends ChrysalisError<MeasureErrorCode> {}
