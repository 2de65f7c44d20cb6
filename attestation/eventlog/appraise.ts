import type { Violation } from '../errors';
import { EventLogAppraisalError } from './errors';
import type { EventLog, LogEvent } from './types';
import { bytesEqual, sha384, view } from './bytes';
import * as T from './constants';
import { checkEventData } from './describe';

/**
 * Appraisal of a boot event sequence (reference tdx-measurement.md §2.7; go-eventlog `ExtractFirmwareLogState`).
 * A log can replay perfectly and still be wrong; these rules look at the sequence itself.
 */
export interface BootLogPolicy {
  /**
   * 'direct-boot' additionally requires chrysalis's QEMU direct-boot chain: RTMR1 exactly [kernel image, "Calling
   * EFI Application from Boot Option", separator, "Exit Boot Services Invocation", "Exit Boot Services Returned
   * with Success"] and RTMR2 exactly [LoadOptions tag, initrd tag]. Default 'any'.
   */
  readonly bootChain?: 'any' | 'direct-boot';
  /** 'forbid' rejects RTMR3 entries in the firmware log (chrysalis keeps RTMR3 in its own runtime log). Default 'allow'. */
  readonly rtmr3?: 'allow' | 'forbid';
  /** Recheck digests against event data where the data is covered (reference §2.5). Default true. */
  readonly checkEventData?: boolean;
}

const SEPARATOR_DIGEST = sha384(new Uint8Array(4));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const CALLING_DIGEST = sha384(ascii(T.CALLING_EFI_APPLICATION));
const EBS_INVOCATION_DIGEST = sha384(ascii(T.EXIT_BOOT_SERVICES_INVOCATION));
const EBS_RETURNED_DIGEST = sha384(ascii(T.EXIT_BOOT_SERVICES_RETURNED));

/** Entry types that record firmware configuration and must precede RTMR0's separator. */
const RTMR0_BEFORE_SEPARATOR_ONLY = new Set<number>([
  T.EV_EFI_VARIABLE_DRIVER_CONFIG,
  T.EV_EFI_PLATFORM_FIRMWARE_BLOB,
  T.EV_EFI_PLATFORM_FIRMWARE_BLOB2,
  T.EV_EFI_HANDOFF_TABLES2,
  T.EV_POST_CODE,
  T.EV_S_CRTM_CONTENTS,
  T.EV_S_CRTM_VERSION,
  T.EV_CPU_MICROCODE,
]);

const digestIs = (e: LogEvent, d: Uint8Array) => e.sha384 !== undefined && bytesEqual(e.sha384, d);

function tagOf(e: LogEvent): number | undefined {
  return e.data.length >= 8 ? view(e.data).getUint32(0, true) : undefined;
}

/** Every violation of the boot-sequence rules (empty when the log is acceptable). */
export function eventLogViolations(log: EventLog, policy: BootLogPolicy = {}): Violation[] {
  const out: Violation[] = [];
  const measured = log.events.filter((e) => e.type !== T.EV_NO_ACTION);
  const reg = (i: number) => measured.filter((e) => e.mrIndex - 1 === i);

  // Separators: exactly one in RTMR0 and one in RTMR1.
  for (const i of [0, 1]) {
    const seps = reg(i).filter((e) => e.type === T.EV_SEPARATOR);
    if (seps.length > 1) {
      out.push({
        code: 'EVENTLOG_DUPLICATE_SEPARATOR',
        field: `rtmr${i}`,
        expected: '1 separator',
        actual: `${seps.length} (entries ${seps.map((e) => e.seq).join(', ')})`,
      });
    } else if (seps.length === 0 && reg(i).length > 0) {
      out.push({ code: 'EVENTLOG_MISSING_SEPARATOR', field: `rtmr${i}`, expected: '1 separator', actual: '0' });
    }
  }

  // Firmware configuration after RTMR0's separator.
  const r0 = reg(0);
  const firstSep = r0.findIndex((e) => e.type === T.EV_SEPARATOR);
  if (firstSep >= 0) {
    for (const e of r0.slice(firstSep + 1)) {
      if (RTMR0_BEFORE_SEPARATOR_ONLY.has(e.type)) {
        out.push({
          code: 'EVENTLOG_EVENT_AFTER_SEPARATOR',
          field: `event[${e.seq}]`,
          expected: 'no firmware configuration after the RTMR0 separator',
          actual: T.eventTypeName(e.type),
        });
      }
    }
  }

  // Nothing in RTMR0..2 after "Exit Boot Services Returned with Success".
  const ebs = measured.findIndex(
    (e) => e.mrIndex === 2 && e.type === T.EV_EFI_ACTION && digestIs(e, EBS_RETURNED_DIGEST),
  );
  if (ebs >= 0) {
    for (const e of measured.slice(ebs + 1)) {
      if (e.mrIndex <= 3) {
        out.push({
          code: 'EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES',
          field: `event[${e.seq}]`,
          expected: 'no RTMR0..2 entry after ExitBootServices',
          actual: `rtmr${e.mrIndex - 1} ${T.eventTypeName(e.type)}`,
        });
      }
    }
  }

  if (policy.checkEventData ?? true) {
    for (const e of measured) {
      if (checkEventData(e) === 'mismatch') {
        out.push({
          code: 'EVENTLOG_EVENT_DATA_MISMATCH',
          field: `event[${e.seq}]`,
          expected: 'digest = SHA-384 of the event data',
          actual: T.eventTypeName(e.type),
        });
      }
    }
  }

  if ((policy.rtmr3 ?? 'allow') === 'forbid') {
    for (const e of reg(3))
      out.push({ code: 'EVENTLOG_UNEXPECTED_RTMR3_EVENT', field: `event[${e.seq}]`, actual: T.eventTypeName(e.type) });
  }

  if (policy.bootChain === 'direct-boot') {
    const r1 = reg(1);
    const want1: Array<[number, Uint8Array | undefined]> = [
      [T.EV_EFI_BOOT_SERVICES_APPLICATION, undefined],
      [T.EV_EFI_ACTION, CALLING_DIGEST],
      [T.EV_SEPARATOR, SEPARATOR_DIGEST],
      [T.EV_EFI_ACTION, EBS_INVOCATION_DIGEST],
      [T.EV_EFI_ACTION, EBS_RETURNED_DIGEST],
    ];
    const ok1 =
      r1.length === want1.length &&
      want1.every(([t, d], k) => r1[k]!.type === t && (d === undefined || digestIs(r1[k]!, d)));
    if (!ok1) {
      out.push({
        code: 'EVENTLOG_UNEXPECTED_BOOT_CHAIN',
        field: 'rtmr1',
        expected: 'kernel, calling, separator, exit-boot-services x2',
        actual: r1.map((e) => T.eventTypeName(e.type)).join(','),
      });
    }
    const r2 = reg(2);
    const tagsOk =
      r2.length === 2 &&
      r2.every((e) => e.type === T.EV_EVENT_TAG) &&
      [T.TAG_LOAD_OPTIONS, T.TAG_INITRD].every((tag, k) => {
        const got = tagOf(r2[k]!);
        return got === undefined || got === tag; // stripped dstack payloads carry no tag
      });
    if (!tagsOk) {
      out.push({
        code: 'EVENTLOG_UNEXPECTED_BOOT_CHAIN',
        field: 'rtmr2',
        expected: 'LoadOptions tag, initrd tag',
        actual: r2.map((e) => T.eventTypeName(e.type)).join(','),
      });
    }
  }
  return out;
}

/**
 * Appraise a boot log.
 * @throws EventLogAppraisalError (code EVENTLOG_APPRAISAL_FAILED) whose `violations` carry EVENTLOG_DUPLICATE_SEPARATOR,
 *   EVENTLOG_MISSING_SEPARATOR, EVENTLOG_EVENT_AFTER_SEPARATOR, EVENTLOG_EVENT_AFTER_EXIT_BOOT_SERVICES,
 *   EVENTLOG_EVENT_DATA_MISMATCH, EVENTLOG_UNEXPECTED_BOOT_CHAIN, EVENTLOG_UNEXPECTED_RTMR3_EVENT
 */
export function appraiseEventLog(log: EventLog, policy: BootLogPolicy = {}): void {
  const v = eventLogViolations(log, policy);
  if (v.length > 0) throw new EventLogAppraisalError(v);
}
