import { ChrysalisError } from '../../attestation/errors';

export type RtmrErrorCode =
  /** No writable `rtmr3:sha384` under <root>/sys/class/misc/tdx_guest/measurements (not a TDX guest, kernel < 6.16). */
  | 'RTMR_INTERFACE_MISSING'
  /** The kernel refused or cut the 48-byte write (EINVAL, EIO...). The worker must stop. */
  | 'RTMR_EXTEND_FAILED'
  /** A previous extend failed: the register and the records disagree until reboot; every further extend is refused. */
  | 'RTMR_EXTENDER_BROKEN'
  /** RTMR3 was not zero before our first extend: something else extended it, our records cannot replay. */
  | 'RTMR_ALREADY_EXTENDED'
  /** After an extend the register read back differs from the replay of our records. */
  | 'RTMR_READBACK_MISMATCH'
  /** The durable record journal could not be written (the extend is not attempted). */
  | 'RTMR_JOURNAL_FAILED';

export class RtmrError extends ChrysalisError<RtmrErrorCode> {}
