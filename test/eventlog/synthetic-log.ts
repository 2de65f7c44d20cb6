/**
 * Test-only builder of TCG crypto-agile event logs (the CCEL data area), so the event-log suites run without vectors.
 *
 * Layout (TCG PC Client Platform Firmware Profile 1.05 §10.2, reference tdx-measurement.md §2.2–2.3), little-endian:
 *   header TCG_PCR_EVENT: u32 MR index | u32 type = EV_NO_ACTION | digest[20] | u32 size E | TCG_EfiSpecIDEvent[E]
 *   TCG_EfiSpecIDEvent: "Spec ID Event03\0" | u32 platform class | u8 minor | u8 major | u8 errata | u8 uintn size
 *                       | u32 n | {u16 alg, u16 size} x n | u8 vendor size v | vendor[v]
 *   TCG_PCR_EVENT2: u32 MR index | u32 type | u32 digest count | {u16 alg, digest} x count | u32 event size | data
 */
import { createHash } from 'node:crypto';
import { EventLogParseError } from '../../attestation/eventlog';

export const ALG_SHA1 = 0x0004;
export const ALG_SHA256 = 0x000b;
export const ALG_SHA384 = 0x000c;
export const ALG_SM3 = 0x0012;

export const EFI_GLOBAL_VARIABLE = '8be4df61-93ca-11d2-aa0d-00e098032b8c';
export const IMAGE_SECURITY_DATABASE = 'd719b2cb-3d3a-4596-a3bc-dad00e67656f';

export function sha384(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha384');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export const u16 = (n: number) => {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, n, true);
  return b;
};
export const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
export const u64 = (n: bigint | number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};
export const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
export const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
export const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** EFI GUID bytes (first three fields little-endian). */
export function guidBytes(g: string): Uint8Array {
  const p = g.split('-');
  const le = (s: string) => Buffer.from(s, 'hex').reverse();
  return cat(le(p[0]!), le(p[1]!), le(p[2]!), Buffer.from(p[3]!, 'hex'), Buffer.from(p[4]!, 'hex'));
}

export interface SpecIdOptions {
  /** {algorithm id, digest size} table; default SHA-384 only. */
  readonly algorithms?: ReadonlyArray<readonly [number, number]>;
  /** Overrides the stored algorithm count (to build inconsistent headers). */
  readonly count?: number;
  readonly vendor?: Uint8Array;
  /** Overrides the stored vendor-info size byte. */
  readonly vendorSize?: number;
  readonly signature?: string;
  readonly errata?: number;
}

export function specIdEvent(o: SpecIdOptions = {}): Uint8Array {
  const algs = o.algorithms ?? [[ALG_SHA384, 48]];
  const vendor = o.vendor ?? new Uint8Array(0);
  return cat(
    ascii(o.signature ?? 'Spec ID Event03\0'),
    u32(0), // platform class: client
    new Uint8Array([0, 2, o.errata ?? 0, 2]), // minor, major, errata, uintn size (UINT64)
    u32(o.count ?? algs.length),
    ...algs.map(([a, s]) => cat(u16(a), u16(s))),
    new Uint8Array([o.vendorSize ?? vendor.length]),
    vendor,
  );
}

/** The first (SHA-1 format) entry carrying a Spec ID event. */
export function headerEntry(spec: Uint8Array = specIdEvent(), o: { mrIndex?: number; type?: number } = {}) {
  return cat(u32(o.mrIndex ?? 1), u32(o.type ?? 3), new Uint8Array(20), u32(spec.length), spec);
}

export interface SynthEvent {
  /** CC MR index (1..4 = RTMR0..3). */
  readonly mr: number;
  readonly type: number;
  readonly data?: Uint8Array;
  /** Stored digests; default one SHA-384 digest of `data` (or of `measured` when given). */
  readonly digests?: ReadonlyArray<readonly [number, Uint8Array]>;
  /** What the SHA-384 digest covers when it is not the event data (PE image, TD HOB, variable value...). */
  readonly measured?: Uint8Array;
}

export function digestOf(e: SynthEvent): Uint8Array {
  return sha384(e.measured ?? e.data ?? new Uint8Array(0));
}

export function eventEntry(e: SynthEvent): Uint8Array {
  const data = e.data ?? new Uint8Array(0);
  const digests = e.digests ?? [[ALG_SHA384, digestOf(e)]];
  return cat(
    u32(e.mr),
    u32(e.type),
    u32(digests.length),
    ...digests.map(([a, d]) => cat(u16(a), d)),
    u32(data.length),
    data,
  );
}

/** A whole log: header entry, entries, then `tail` (padding or garbage). */
export function buildTcgLog(
  events: readonly SynthEvent[],
  o: { spec?: Uint8Array; tail?: Uint8Array } = {},
): Uint8Array {
  return cat(headerEntry(o.spec ?? specIdEvent()), ...events.map(eventEntry), o.tail ?? new Uint8Array(0));
}

/** The registers the events produce (independent fold with node:crypto). */
export function expectedRtmrs(events: readonly SynthEvent[]): Uint8Array[] {
  const r: Uint8Array[] = [0, 1, 2, 3].map(() => new Uint8Array(48));
  for (const e of events) {
    if (e.type === 3) continue;
    const d = e.digests?.find(([a]) => a === ALG_SHA384)?.[1] ?? digestOf(e);
    r[e.mr - 1] = sha384(r[e.mr - 1]!, d);
  }
  return r;
}

// ---- event data layouts (reference tdx-measurement.md §2.5) ----

/** UEFI_VARIABLE_DATA: GUID | u64 name length (UTF-16 units) | u64 data length | UTF-16LE name | data. */
export function variableData(guid: string, name: string, value: Uint8Array): Uint8Array {
  return cat(guidBytes(guid), u64(name.length), u64(value.length), utf16(name), value);
}

/** u8 description size | description | rest (UEFI_PLATFORM_FIRMWARE_BLOB2, UEFI_HANDOFF_TABLE_POINTERS2). */
export function sizedDescription(description: string, rest: Uint8Array = new Uint8Array(0)): Uint8Array {
  const d = ascii(description);
  return cat(new Uint8Array([d.length]), d, rest);
}

/** Device-path node: u8 type | u8 subtype | u16 length | body. */
export function dpNode(type: number, sub: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  return cat(new Uint8Array([type, sub]), u16(4 + body.length), body);
}
export const fileNode = (name: string) => dpNode(0x04, 0x04, utf16(`${name}\0`));
export const endNode = () => dpNode(0x7f, 0xff);

/** UEFI_IMAGE_LOAD_EVENT: u64 address | u64 length | u64 link address | u64 device-path length | device path. */
export function imageLoadEvent(devicePath: Uint8Array, length = 0x1000): Uint8Array {
  return cat(u64(0x7e000000), u64(length), u64(0), u64(devicePath.length), devicePath);
}

/** TCG_PCClientTaggedEvent: u32 tag | u32 size | data. */
export function taggedEvent(tag: number, body: Uint8Array): Uint8Array {
  return cat(u32(tag), u32(body.length), body);
}

export const TAG_LOAD_OPTIONS = 0x8f3b22ed;
export const TAG_INITRD = 0x8f3b22ec;
export const SEPARATOR: SynthEvent = { mr: 1, type: 4, data: new Uint8Array(4) };

/**
 * chrysalis's QEMU direct-boot chain (reference §4.1–4.3) in log order: RTMR0 firmware configuration, the RTMR1
 * kernel, RTMR0 boot variables, "Calling EFI Application" and the RTMR1 separator, the EFI stub's RTMR2 LoadOptions and
 * initrd tags, then the two ExitBootServices actions.
 */
export function directBootEvents(): SynthEvent[] {
  const v = (name: string, guid = EFI_GLOBAL_VARIABLE, value = new Uint8Array(0)) => ({
    mr: 1,
    type: 0x80000001,
    data: variableData(guid, name, value),
  });
  const action = (mr: number, s: string): SynthEvent => ({ mr, type: 0x80000007, data: ascii(s) });
  const tdHob = new Uint8Array(440).fill(0x11);
  const cfv = new Uint8Array(64).fill(0x22);
  return [
    {
      mr: 1,
      type: 0x8000000b,
      data: sizedDescription(
        'TdxTable\0',
        cat(u64(1), guidBytes('93bb96af-b9f2-4eb8-9462-e0ba74564236'), u64(0x809000)),
      ),
      measured: tdHob,
    },
    {
      mr: 1,
      type: 0x8000000a,
      data: sizedDescription('Fv(XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX)\0', cat(u64(0xffc00000), u64(0x84000))),
      measured: cfv,
    },
    v('SecureBoot', EFI_GLOBAL_VARIABLE, new Uint8Array([0])),
    v('PK'),
    v('KEK'),
    v('db', IMAGE_SECURITY_DATABASE),
    v('dbx', IMAGE_SECURITY_DATABASE),
    SEPARATOR,
    { mr: 1, type: 0x0000000a, data: ascii('ACPI DATA'), measured: ascii('etc/table-loader') },
    { mr: 1, type: 0x0000000a, data: ascii('ACPI DATA'), measured: ascii('etc/acpi/rsdp') },
    { mr: 1, type: 0x0000000a, data: ascii('ACPI DATA'), measured: ascii('etc/acpi/tables') },
    {
      mr: 2,
      type: 0x80000003,
      data: imageLoadEvent(cat(dpNode(0x04, 0x03, new Uint8Array(16)), fileNode('kernel'), endNode()), 0x1200000),
      measured: ascii('kernel authenticode'),
    },
    // boot variables: the digest covers the variable value only
    {
      mr: 1,
      type: 0x80000002,
      data: variableData(EFI_GLOBAL_VARIABLE, 'BootOrder', u16(0)),
      measured: u16(0),
    },
    {
      mr: 1,
      type: 0x80000002,
      data: variableData(EFI_GLOBAL_VARIABLE, 'Boot0000', new Uint8Array(62).fill(1)),
      measured: new Uint8Array(62).fill(1),
    },
    action(2, 'Calling EFI Application from Boot Option'),
    { ...SEPARATOR, mr: 2 },
    {
      mr: 3,
      type: 0x00000006,
      data: taggedEvent(TAG_LOAD_OPTIONS, ascii('LOADED_IMAGE::LoadOptions\0')),
      measured: utf16('console=ttyS0 initrd=initrd\0'),
    },
    {
      mr: 3,
      type: 0x00000006,
      data: taggedEvent(TAG_INITRD, ascii('Linux initrd\0')),
      measured: ascii('initrd bytes'),
    },
    action(2, 'Exit Boot Services Invocation'),
    action(2, 'Exit Boot Services Returned with Success'),
  ];
}

/** The `EventLogParseError` code `f` throws, or `accepted`; any other error is rethrown. */
export function parseCodeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof EventLogParseError) return e.code;
    throw e;
  }
  return 'accepted';
}
