import { sha384, guidToBytes, concatBytes, view } from '../eventlog/bytes';
import * as T from '../eventlog/constants';

/** One predicted event: what a replayed log should show, event by event (reference §4.4 outputs). */
export interface PredictedEvent {
  readonly type: number;
  readonly typeName: string;
  readonly name: string;
  /** SHA-384, hex */
  readonly digest: string;
  /** What the digest covers. */
  readonly covers: string;
}

const EFI_GLOBAL_VARIABLE = '8be4df61-93ca-11d2-aa0d-00e098032b8c';
const EFI_IMAGE_SECURITY_DATABASE = 'd719b2cb-3d3a-4596-a3bc-dad00e67656f';

/** UEFI_VARIABLE_DATA: GUID | u64 name length (UTF-16 units) | u64 data length | UTF-16LE name | data. */
export function uefiVariableData(guid: string, name: string, data: Uint8Array): Uint8Array {
  const hdr = new Uint8Array(32);
  hdr.set(guidToBytes(guid), 0);
  view(hdr).setBigUint64(16, BigInt(name.length), true);
  view(hdr).setBigUint64(24, BigInt(data.length), true);
  return concatBytes(hdr, new Uint8Array(Buffer.from(name, 'utf16le')), data);
}

/** The five Secure Boot variables OVMF measures into RTMR0 (empty in a non-Secure-Boot OVMF). */
export function secureBootVariableDigests(): Array<{ name: string; digest: Uint8Array }> {
  return [
    ['SecureBoot', EFI_GLOBAL_VARIABLE],
    ['PK', EFI_GLOBAL_VARIABLE],
    ['KEK', EFI_GLOBAL_VARIABLE],
    ['db', EFI_IMAGE_SECURITY_DATABASE],
    ['dbx', EFI_IMAGE_SECURITY_DATABASE],
  ].map(([name, guid]) => ({ name: name!, digest: sha384(uefiVariableData(guid!, name!, new Uint8Array(0))) }));
}

/**
 * OVMF's UiApp boot option (EFI_LOAD_OPTION, 62 bytes): attributes 0x109 (ACTIVE|HIDDEN|CATEGORY_APP), file-path
 * length 44, "UiApp", FV(7CB8BDC9-F8EB-4F34-AAEA-3EE4AF6516A1)/FvFile(462CAA21-7614-4503-836E-8AB6F4662331), end.
 * Byte-identical to the Boot0000 entry of the COS and trustee logs (digest 23ada07f...).
 */
export function uiAppBootOption(): Uint8Array {
  const fvNode = concatBytes(
    new Uint8Array([0x04, 0x07, 0x14, 0x00]),
    guidToBytes('7cb8bdc9-f8eb-4f34-aaea-3ee4af6516a1'),
  );
  const fileNode = concatBytes(
    new Uint8Array([0x04, 0x06, 0x14, 0x00]),
    guidToBytes('462caa21-7614-4503-836e-8ab6f4662331'),
  );
  const end = new Uint8Array([0x7f, 0xff, 0x04, 0x00]);
  const paths = concatBytes(fvNode, fileNode, end);
  const head = new Uint8Array(6);
  view(head).setUint32(0, 0x109, true);
  view(head).setUint16(4, paths.length, true);
  return concatBytes(head, new Uint8Array(Buffer.from('UiApp\0', 'utf16le')), paths);
}

export const SEPARATOR_DIGEST = sha384(new Uint8Array(4));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
export const RTMR1_TAIL: ReadonlyArray<{ type: number; name: string; digest: Uint8Array }> = [
  { type: T.EV_EFI_ACTION, name: T.CALLING_EFI_APPLICATION, digest: sha384(ascii(T.CALLING_EFI_APPLICATION)) },
  { type: T.EV_SEPARATOR, name: 'separator', digest: SEPARATOR_DIGEST },
  {
    type: T.EV_EFI_ACTION,
    name: T.EXIT_BOOT_SERVICES_INVOCATION,
    digest: sha384(ascii(T.EXIT_BOOT_SERVICES_INVOCATION)),
  },
  { type: T.EV_EFI_ACTION, name: T.EXIT_BOOT_SERVICES_RETURNED, digest: sha384(ascii(T.EXIT_BOOT_SERVICES_RETURNED)) },
];

/** BootOrder = [0x0000]. */
export const BOOT_ORDER_0000 = new Uint8Array([0, 0]);

export type LoadOptionsForm = 'suffix' | 'prefix';

/**
 * The options string OVMF hands the EFI stub, and its digest = SHA-384(UTF-16LE(options) || 00 00). With an initrd,
 * pre-2025.05 OVMF appends " initrd=initrd" ('suffix'); edk2-stable202602 prepends "initrd=initrd " ('prefix').
 */
export function loadOptionsString(cmdline: string, hasInitrd: boolean, form: LoadOptionsForm): string {
  if (!hasInitrd) return cmdline;
  return form === 'suffix' ? `${cmdline} initrd=initrd` : `initrd=initrd ${cmdline}`;
}

export function loadOptionsDigest(cmdline: string, hasInitrd: boolean, form: LoadOptionsForm): Uint8Array {
  return sha384(new Uint8Array(Buffer.from(loadOptionsString(cmdline, hasInitrd, form), 'utf16le')), new Uint8Array(2));
}
