/** RTMR3 extension for chrysalis runtime events: Linux tdx_guest sysfs (kernel >= 6.16) or SIMULATED in memory. */
export { createRtmr3Extender, RTMR3_SYSFS_PATH } from './extender';
export type { Rtmr3Extender, Rtmr3ExtenderOptions } from './extender';
export { RtmrError } from './errors';
export type { RtmrErrorCode } from './errors';
