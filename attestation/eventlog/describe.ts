import type { LogEvent } from './types';
import { asciiPrintable, bytesEqual, guidToString, sha384, toHex, utf16le, view } from './bytes';
import * as T from './constants';
import { dstackRuntimeEventDigest } from './dstack-json';

/**
 * Human-readable decoding of event data (reference tdx-measurement.md §2.5) and the digest-vs-data recheck where the
 * digest covers data present in the log. Decoding never throws: unknown or malformed data is described as such.
 */
export type DataCheck = 'match' | 'mismatch' | 'not-covered';

function variableData(data: Uint8Array): { guid: string; name: string; value: Uint8Array } | undefined {
  // UEFI_VARIABLE_DATA: GUID[16] | u64 name length (UTF-16 units) | u64 data length | name | data
  if (data.length < 32) return undefined;
  const dv = view(data);
  const nameLen = Number(dv.getBigUint64(16, true));
  const dataLen = Number(dv.getBigUint64(24, true));
  if (!Number.isSafeInteger(nameLen) || !Number.isSafeInteger(dataLen)) return undefined;
  if (32 + nameLen * 2 + dataLen > data.length) return undefined;
  return {
    guid: guidToString(data.subarray(0, 16)),
    name: utf16le(data.subarray(32, 32 + nameLen * 2)),
    value: data.subarray(32 + nameLen * 2, 32 + nameLen * 2 + dataLen),
  };
}

function sizedDescription(data: Uint8Array): string | undefined {
  // UEFI_PLATFORM_FIRMWARE_BLOB2 / UEFI_HANDOFF_TABLE_POINTERS2: u8 size | description
  if (data.length < 1) return undefined;
  const n = data[0] as number;
  if (1 + n > data.length) return undefined;
  return asciiPrintable(data.subarray(1, 1 + n));
}

function taggedEvent(data: Uint8Array): { tag: number; body: Uint8Array } | undefined {
  if (data.length < 8) return undefined;
  const dv = view(data);
  const size = dv.getUint32(4, true);
  if (8 + size > data.length) return undefined;
  return { tag: dv.getUint32(0, true), body: data.subarray(8, 8 + size) };
}

/** File-path nodes (type 4, subtype 4) of an EFI device path, joined. */
function devicePathFiles(dp: Uint8Array): string[] {
  const out: string[] = [];
  let o = 0;
  while (o + 4 <= dp.length) {
    const type = dp[o] as number;
    const sub = dp[o + 1] as number;
    const len = (dp[o + 2] as number) | ((dp[o + 3] as number) << 8);
    if (len < 4 || o + len > dp.length) break;
    if (type === 0x04 && sub === 0x04) out.push(utf16le(dp.subarray(o + 4, o + len)).replace(/\0+$/, ''));
    if (type === 0x7f) break;
    o += len;
  }
  return out;
}

export function describeEvent(e: LogEvent): string {
  const d = e.data;
  switch (e.type) {
    case T.EV_SEPARATOR:
      // TCG PFP: 0x00000000 = normal separator, 0x00000001 = an error occurred before the separator
      return d.length === 4 && view(d).getUint32(0, true) === 1 ? 'separator (error)' : 'separator';
    case T.EV_EFI_ACTION:
    case T.EV_ACTION:
    case T.EV_POST_CODE:
    case T.EV_S_CRTM_VERSION:
    case T.EV_OMIT_BOOT_DEVICE_EVENTS:
      return asciiPrintable(d) ?? (d.length > 0 ? `${d.length} bytes` : e.name);
    case T.EV_PLATFORM_CONFIG_FLAGS: {
      const s = asciiPrintable(d) ?? Buffer.from(d).toString('latin1').replace(/\0/g, ' ').trim();
      return e.name ? `${e.name} (${s})` : s;
    }
    case T.EV_IPL: {
      const s = asciiPrintable(d);
      return s !== undefined ? s.slice(0, 200) : `${d.length} bytes`;
    }
    case T.EV_EFI_VARIABLE_DRIVER_CONFIG:
    case T.EV_EFI_VARIABLE_BOOT:
    case T.EV_EFI_VARIABLE_BOOT2:
    case T.EV_EFI_VARIABLE_AUTHORITY: {
      const v = variableData(d);
      return v ? `${v.name} (${v.value.length} bytes)` : d.length === 0 ? 'EFI variable' : 'EFI variable (undecodable)';
    }
    case T.EV_EFI_HANDOFF_TABLES2:
    case T.EV_EFI_PLATFORM_FIRMWARE_BLOB2: {
      const s = sizedDescription(d);
      if (s === undefined) return e.type === T.EV_EFI_HANDOFF_TABLES2 ? 'handoff tables' : 'firmware blob';
      return s === 'TdxTable' ? 'TdxTable (TD HOB)' : s.startsWith('Fv(') ? `${s} (configuration firmware volume)` : s;
    }
    case T.EV_EFI_HANDOFF_TABLES:
      return 'handoff tables (e.g. SMBIOS)';
    case T.EV_EFI_PLATFORM_FIRMWARE_BLOB:
      return 'firmware blob';
    case T.EV_EFI_BOOT_SERVICES_APPLICATION:
    case T.EV_EFI_BOOT_SERVICES_DRIVER:
    case T.EV_EFI_RUNTIME_SERVICES_DRIVER: {
      // UEFI_IMAGE_LOAD_EVENT: u64 addr | u64 length | u64 link addr | u64 device path length | device path
      if (d.length >= 32) {
        const len = view(d).getBigUint64(8, true);
        const dpLen = Number(view(d).getBigUint64(24, true));
        const files =
          Number.isSafeInteger(dpLen) && 32 + dpLen <= d.length ? devicePathFiles(d.subarray(32, 32 + dpLen)) : [];
        return `PE image${files.length ? ` ${files.join('/')}` : ''} (${len} bytes in memory)`;
      }
      return 'PE image';
    }
    case T.EV_EFI_GPT_EVENT:
      return `GPT (${d.length} bytes)`;
    case T.EV_EVENT_TAG: {
      const t = taggedEvent(d);
      if (t) {
        if (t.tag === T.TAG_LOAD_OPTIONS) return 'kernel command line (LOADED_IMAGE::LoadOptions)';
        if (t.tag === T.TAG_INITRD) return 'initrd (Linux initrd)';
        const s = asciiPrintable(t.body);
        return `tag 0x${t.tag.toString(16)}${s ? ` ${s.slice(0, 120)}` : ''}`;
      }
      if (d.length >= 4 && Buffer.from(d.subarray(0, 4)).toString('latin1') === 'LEAA') {
        return `LEAA ${(asciiPrintable(d.subarray(8)) ?? '').slice(0, 160)}`;
      }
      return e.name || 'event tag';
    }
    case T.DSTACK_RUNTIME_EVENT: {
      const p = asciiPrintable(e.data);
      return `${e.name}${e.data.length ? ` = ${p !== undefined && p.length <= 120 ? p : toHex(e.data).slice(0, 96)}` : ''}`;
    }
    case T.EV_NO_ACTION: {
      const s = asciiPrintable(d.subarray(0, Math.min(d.length, 16)));
      return `no action${s ? ` (${s})` : ''}`;
    }
    default:
      return e.name || `${d.length} bytes`;
  }
}

/**
 * Recheck the SHA-384 digest against the event data where the digest covers data present in the log
 * (reference §2.5): separators, EFI actions, Secure Boot variables (whole UEFI_VARIABLE_DATA), boot variables
 * (variable data only), GPT, variable authority, LEAA records, dstack runtime events. Everything else
 * (TD HOB, CFV, ACPI, PE images, EFI-stub tags, GRUB strings) can only be checked against a prediction.
 */
export function checkEventData(e: LogEvent): DataCheck {
  const digest = e.sha384;
  if (digest === undefined) return 'not-covered';
  const is = (x: Uint8Array) => (bytesEqual(sha384(x), digest) ? 'match' : 'mismatch');
  const d = e.data;
  switch (e.type) {
    case T.EV_SEPARATOR:
    case T.EV_EFI_ACTION:
    case T.EV_EFI_GPT_EVENT:
    case T.EV_EFI_VARIABLE_DRIVER_CONFIG:
    case T.EV_EFI_VARIABLE_AUTHORITY:
      return d.length === 0 ? 'not-covered' : is(d);
    case T.EV_EFI_VARIABLE_BOOT:
    case T.EV_EFI_VARIABLE_BOOT2: {
      const v = variableData(d);
      return v === undefined ? 'not-covered' : is(v.value);
    }
    case T.EV_EVENT_TAG:
      if (d.length >= 4 && Buffer.from(d.subarray(0, 4)).toString('latin1') === 'LEAA') return is(d);
      return 'not-covered';
    case T.DSTACK_RUNTIME_EVENT:
      return bytesEqual(dstackRuntimeEventDigest(e.name, e.data), digest) ? 'match' : 'mismatch';
    default:
      return 'not-covered';
  }
}
