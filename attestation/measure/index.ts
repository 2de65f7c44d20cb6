/** Measurement prediction for QEMU direct-boot TDX guests: MRTD from TDVF, RTMR0..2 from image artefacts and VM shape. */
export { MeasureError, MEASURE_CODES } from './errors';
export type { MeasureErrorCode } from './errors';
export {
  parseTdvfMetadata,
  computeMrtd,
  mrtdCandidates,
  cfvDigest,
  tdvfHobRanges,
  ATTR_MR_EXTEND,
  ATTR_PAGE_AUG,
} from './tdvf';
export type { TdvfMetadata, TdvfSection, TdvfSectionType, PageOrder } from './tdvf';
export { authenticodeSha384 } from './authenticode';
export { patchKernelSetupHeader, qemuPatchesKernel, qemuPageOrder, parseQemuVersion } from './kernel';
export { buildTdHob, tdHobDigest, tdHobRanges, tdHobLayoutFromWitness } from './td-hob';
export type { TdHobLayout, MemRange } from './td-hob';
export {
  uefiVariableData,
  secureBootVariableDigests,
  uiAppBootOption,
  loadOptionsDigest,
  loadOptionsString,
  SEPARATOR_DIGEST,
  RTMR1_TAIL,
} from './events';
export type { PredictedEvent, LoadOptionsForm } from './events';
export { predictMeasurements } from './predict';
export type { MeasureInputs, MeasurementPrediction, RegisterPrediction } from './predict';
export { diagnoseRegister } from './diagnose';
export type { RegisterDiagnosis } from './diagnose';
