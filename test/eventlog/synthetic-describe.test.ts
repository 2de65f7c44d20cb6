/**
 * Per-event report on synthetic entries: the description of every event type `describeEvent` decodes (well-formed and
 * malformed data), the digest-vs-data recheck of `checkEventData`, and the type names of `reportEvent`.
 */
import {
  checkEventData,
  describeEvent,
  dstackRuntimeEventDigest,
  eventTypeName,
  parseDstackEventLog,
  parseTcgEventLog,
  reportEvent,
  type LogEvent,
} from '../../attestation/eventlog';
import {
  ALG_SHA384,
  EFI_GLOBAL_VARIABLE,
  IMAGE_SECURITY_DATABASE,
  TAG_INITRD,
  TAG_LOAD_OPTIONS,
  ascii,
  buildTcgLog,
  cat,
  dpNode,
  endNode,
  fileNode,
  hex,
  imageLoadEvent,
  sha384,
  sizedDescription,
  taggedEvent,
  u32,
  u64,
  utf16,
  variableData,
} from './synthetic-log';

/** One entry, parsed from a synthetic binary log; the digest defaults to SHA-384 of the data. */
function tcgEvent(type: number, data: Uint8Array, digest: Uint8Array = sha384(data)): LogEvent {
  return parseTcgEventLog(buildTcgLog([{ mr: 1, type, data, digests: [[ALG_SHA384, digest]] }])).events[0]!;
}
/** One entry, parsed from a dstack JSON log (which carries an event name). */
function jsonEvent(type: number, name: string, data: Uint8Array, digest = ''): LogEvent {
  return parseDstackEventLog([{ imr: 3, event_type: type, digest, event: name, event_payload: hex(data) }]).events[0]!;
}

const EV = {
  POST_CODE: 0x1,
  NO_ACTION: 0x3,
  SEPARATOR: 0x4,
  ACTION: 0x5,
  EVENT_TAG: 0x6,
  S_CRTM_VERSION: 0x8,
  PLATFORM_CONFIG_FLAGS: 0xa,
  COMPACT_HASH: 0xc,
  IPL: 0xd,
  OMIT_BOOT_DEVICE_EVENTS: 0x12,
  VARIABLE_DRIVER_CONFIG: 0x80000001,
  VARIABLE_BOOT: 0x80000002,
  BOOT_SERVICES_APPLICATION: 0x80000003,
  BOOT_SERVICES_DRIVER: 0x80000004,
  RUNTIME_SERVICES_DRIVER: 0x80000005,
  GPT_EVENT: 0x80000006,
  EFI_ACTION: 0x80000007,
  PLATFORM_FIRMWARE_BLOB: 0x80000008,
  HANDOFF_TABLES: 0x80000009,
  PLATFORM_FIRMWARE_BLOB2: 0x8000000a,
  HANDOFF_TABLES2: 0x8000000b,
  VARIABLE_BOOT2: 0x8000000c,
  VARIABLE_AUTHORITY: 0x800000e0,
  DSTACK_RUNTIME: 0x08000001,
} as const;

const kernelPath = cat(dpNode(0x04, 0x03, new Uint8Array(16)), fileNode('kernel'), endNode());
const image = (dp: Uint8Array, dpLen: bigint | number = dp.length) =>
  cat(u64(0x7e000000), u64(0x1200000), u64(0), u64(dpLen), dp);
const longText = 'x'.repeat(300);

describe('describeEvent on binary entries', () => {
  it.each<[string, number, Uint8Array, string]>([
    ['separator', EV.SEPARATOR, u32(0), 'separator'],
    ['separator with the error value', EV.SEPARATOR, u32(1), 'separator (error)'],
    ['separator of 8 bytes', EV.SEPARATOR, new Uint8Array(8).fill(1), 'separator'],
    ['EFI action', EV.EFI_ACTION, ascii('Exit Boot Services Invocation'), 'Exit Boot Services Invocation'],
    ['action with trailing NULs', EV.ACTION, ascii('Hello\0\0'), 'Hello'],
    ['action with tab and newlines', EV.ACTION, ascii('a\tb\r\nc'), 'a\tb\r\nc'],
    ['post code', EV.POST_CODE, ascii('ACPI DATA'), 'ACPI DATA'],
    ['S-CRTM version in UTF-16', EV.S_CRTM_VERSION, utf16('v1'), '4 bytes'],
    ['action with a DEL byte', EV.EFI_ACTION, new Uint8Array([0x41, 0x7f]), '2 bytes'],
    ['action with a byte above 0x7E', EV.EFI_ACTION, new Uint8Array([0xe9]), '1 bytes'],
    ['action of only NULs', EV.EFI_ACTION, new Uint8Array(3), '3 bytes'],
    ['empty omit-boot-device event', EV.OMIT_BOOT_DEVICE_EVENTS, new Uint8Array(0), ''],
    ['platform config flags', EV.PLATFORM_CONFIG_FLAGS, ascii('ACPI DATA'), 'ACPI DATA'],
    ['QEMU FW CFG BootMenu', EV.PLATFORM_CONFIG_FLAGS, ascii('QEMU FW CFG\0BootMenu\0'), 'QEMU FW CFG BootMenu'],
    ['GRUB string', EV.IPL, ascii('grub_cmd: linux /vmlinuz'), 'grub_cmd: linux /vmlinuz'],
    ['long GRUB string', EV.IPL, ascii(longText), 'x'.repeat(200)],
    ['binary IPL data', EV.IPL, new Uint8Array([1, 2, 3]), '3 bytes'],
    [
      'SecureBoot',
      EV.VARIABLE_DRIVER_CONFIG,
      variableData(EFI_GLOBAL_VARIABLE, 'SecureBoot', new Uint8Array([1])),
      'SecureBoot (1 bytes)',
    ],
    [
      'BootOrder',
      EV.VARIABLE_BOOT,
      variableData(EFI_GLOBAL_VARIABLE, 'BootOrder', new Uint8Array(2)),
      'BootOrder (2 bytes)',
    ],
    [
      'Boot0001',
      EV.VARIABLE_BOOT2,
      variableData(EFI_GLOBAL_VARIABLE, 'Boot0001', new Uint8Array(62)),
      'Boot0001 (62 bytes)',
    ],
    [
      'db authority',
      EV.VARIABLE_AUTHORITY,
      variableData(IMAGE_SECURITY_DATABASE, 'db', new Uint8Array(80)),
      'db (80 bytes)',
    ],
    ['an empty variable', EV.VARIABLE_DRIVER_CONFIG, new Uint8Array(0), 'EFI variable'],
    ['a variable shorter than its header', EV.VARIABLE_DRIVER_CONFIG, new Uint8Array(20), 'EFI variable (undecodable)'],
    [
      'a variable whose name length is not a safe integer',
      EV.VARIABLE_BOOT,
      cat(new Uint8Array(16), u64(1n << 60n), u64(0)),
      'EFI variable (undecodable)',
    ],
    [
      'a variable whose data runs past the event',
      EV.VARIABLE_BOOT,
      cat(new Uint8Array(16), u64(1), u64(10), utf16('A'), new Uint8Array(4)),
      'EFI variable (undecodable)',
    ],
    [
      'the TD HOB',
      EV.HANDOFF_TABLES2,
      sizedDescription('TdxTable\0', cat(u64(1), new Uint8Array(24))),
      'TdxTable (TD HOB)',
    ],
    [
      'the configuration firmware volume',
      EV.PLATFORM_FIRMWARE_BLOB2,
      sizedDescription('Fv(XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX)\0', new Uint8Array(16)),
      'Fv(XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX) (configuration firmware volume)',
    ],
    [
      'another firmware blob',
      EV.PLATFORM_FIRMWARE_BLOB2,
      sizedDescription('POST CODE', new Uint8Array(16)),
      'POST CODE',
    ],
    ['an empty blob description', EV.PLATFORM_FIRMWARE_BLOB2, new Uint8Array(0), 'firmware blob'],
    ['a blob description past the event', EV.PLATFORM_FIRMWARE_BLOB2, new Uint8Array([50, 0x41]), 'firmware blob'],
    ['a binary handoff description', EV.HANDOFF_TABLES2, new Uint8Array([3, 1, 2, 3]), 'handoff tables'],
    ['handoff tables (v1)', EV.HANDOFF_TABLES, new Uint8Array(24), 'handoff tables (e.g. SMBIOS)'],
    ['firmware blob (v1)', EV.PLATFORM_FIRMWARE_BLOB, new Uint8Array(16), 'firmware blob'],
    ['the kernel image', EV.BOOT_SERVICES_APPLICATION, image(kernelPath), 'PE image kernel (18874368 bytes in memory)'],
    [
      'a driver with a two-node file path',
      EV.BOOT_SERVICES_DRIVER,
      image(cat(fileNode('\\EFI\\BOOT'), fileNode('BOOTX64.EFI'), endNode(), fileNode('ignored'))),
      'PE image \\EFI\\BOOT/BOOTX64.EFI (18874368 bytes in memory)',
    ],
    [
      'a runtime driver without a file node',
      EV.RUNTIME_SERVICES_DRIVER,
      imageLoadEvent(cat(dpNode(0x01, 0x01, new Uint8Array(8)), endNode())),
      'PE image (4096 bytes in memory)',
    ],
    [
      'a device path without an end node',
      EV.BOOT_SERVICES_APPLICATION,
      image(cat(fileNode('a'), new Uint8Array(2))),
      'PE image a (18874368 bytes in memory)',
    ],
    [
      'a device-path node shorter than its header',
      EV.BOOT_SERVICES_APPLICATION,
      image(cat(fileNode('a'), new Uint8Array([4, 4, 2, 0]), fileNode('b'))),
      'PE image a (18874368 bytes in memory)',
    ],
    [
      'a device-path node running past the path',
      EV.BOOT_SERVICES_APPLICATION,
      image(cat(fileNode('a'), new Uint8Array([4, 4, 0x40, 0]), fileNode('b'))),
      'PE image a (18874368 bytes in memory)',
    ],
    [
      'a device-path length past the event',
      EV.BOOT_SERVICES_APPLICATION,
      image(kernelPath, kernelPath.length + 1),
      'PE image (18874368 bytes in memory)',
    ],
    [
      'a device-path length that is not a safe integer',
      EV.BOOT_SERVICES_APPLICATION,
      image(kernelPath, 1n << 62n),
      'PE image (18874368 bytes in memory)',
    ],
    ['an image event shorter than its header', EV.BOOT_SERVICES_APPLICATION, new Uint8Array(16), 'PE image'],
    ['GPT', EV.GPT_EVENT, new Uint8Array(92), 'GPT (92 bytes)'],
    [
      'the LoadOptions tag',
      EV.EVENT_TAG,
      taggedEvent(TAG_LOAD_OPTIONS, ascii('LOADED_IMAGE::LoadOptions\0')),
      'kernel command line (LOADED_IMAGE::LoadOptions)',
    ],
    ['the initrd tag', EV.EVENT_TAG, taggedEvent(TAG_INITRD, ascii('Linux initrd\0')), 'initrd (Linux initrd)'],
    ['another tag with text', EV.EVENT_TAG, taggedEvent(0x1234, ascii('hello')), 'tag 0x1234 hello'],
    ['another tag with binary data', EV.EVENT_TAG, taggedEvent(0xabcd, new Uint8Array([1, 2])), 'tag 0xabcd'],
    [
      'an LEAA record',
      EV.EVENT_TAG,
      cat(ascii('LEAA'), u32(0x100), ascii('file:/usr/bin/app')),
      'LEAA file:/usr/bin/app',
    ],
    ['a short LEAA record', EV.EVENT_TAG, ascii('LEAA\0\0'), 'LEAA '],
    ['a tag shorter than its header', EV.EVENT_TAG, new Uint8Array(3), 'event tag'],
    ['SP800-155 Event3', EV.NO_ACTION, ascii('SP800-155 Event3\0more'), 'no action (SP800-155 Event3)'],
    ['binary no-action data', EV.NO_ACTION, new Uint8Array([1, 2, 3]), 'no action'],
    ['a compact hash (no decoder)', EV.COMPACT_HASH, new Uint8Array(5), '5 bytes'],
    ['an unknown type', 0x1234, new Uint8Array(7), '7 bytes'],
  ])('%s', (_name, type, data, want) => {
    const e = tcgEvent(type, data);
    expect(describeEvent(e)).toBe(want);
    expect(reportEvent(e).description).toBe(want);
  });
});

describe('describeEvent on named (dstack JSON) entries', () => {
  it.each<[string, number, string, Uint8Array, string]>([
    ['ACPI data with a name', EV.PLATFORM_CONFIG_FLAGS, 'acpi-loader', ascii('ACPI DATA'), 'acpi-loader (ACPI DATA)'],
    ['an empty action', EV.EFI_ACTION, 'boot-action', new Uint8Array(0), 'boot-action'],
    ['a stripped tag', EV.EVENT_TAG, 'initrd', new Uint8Array(0), 'initrd'],
    ['an unknown type', 0x4321, 'vendor-event', new Uint8Array(7), 'vendor-event'],
    ['a runtime event with text', EV.DSTACK_RUNTIME, 'app-id', ascii('abc'), 'app-id = abc'],
    ['a runtime event without payload', EV.DSTACK_RUNTIME, 'system-ready', new Uint8Array(0), 'system-ready'],
    [
      'a runtime event with binary payload',
      EV.DSTACK_RUNTIME,
      'key-provider',
      new Uint8Array([0, 1, 2, 0xff]),
      'key-provider = 000102ff',
    ],
    [
      'a runtime event with long text',
      EV.DSTACK_RUNTIME,
      'compose',
      ascii(longText),
      `compose = ${hex(ascii(longText)).slice(0, 96)}`,
    ],
  ])('%s', (_name, type, name, data, want) => {
    // runtime events carry no digest here: the parser recomputes it from name and payload
    const digest = type === EV.DSTACK_RUNTIME ? '' : hex(sha384(data));
    expect(describeEvent(jsonEvent(type, name, data, digest))).toBe(want);
  });
});

describe('checkEventData', () => {
  const wrong = new Uint8Array(48).fill(0xee);
  const boot = (value: Uint8Array) => variableData(EFI_GLOBAL_VARIABLE, 'BootOrder', value);
  const leaa = cat(ascii('LEAA'), u32(0x100), ascii('file:/usr/bin/app'));

  it.each<[string, number, Uint8Array, Uint8Array | undefined, string]>([
    ['separator', EV.SEPARATOR, u32(0), undefined, 'match'],
    ['a separator with another digest', EV.SEPARATOR, u32(0), wrong, 'mismatch'],
    ['an empty separator', EV.SEPARATOR, new Uint8Array(0), wrong, 'not-covered'],
    ['an EFI action', EV.EFI_ACTION, ascii('Calling EFI Application from Boot Option'), undefined, 'match'],
    ['a GPT event', EV.GPT_EVENT, new Uint8Array(92).fill(3), undefined, 'match'],
    [
      'a Secure Boot variable (whole UEFI_VARIABLE_DATA)',
      EV.VARIABLE_DRIVER_CONFIG,
      variableData(EFI_GLOBAL_VARIABLE, 'PK', new Uint8Array(0)),
      undefined,
      'match',
    ],
    [
      'a variable authority with another digest',
      EV.VARIABLE_AUTHORITY,
      variableData(IMAGE_SECURITY_DATABASE, 'db', new Uint8Array(4)),
      wrong,
      'mismatch',
    ],
    [
      'a boot variable (value only)',
      EV.VARIABLE_BOOT,
      boot(new Uint8Array([0, 0])),
      sha384(new Uint8Array(2)),
      'match',
    ],
    ['a boot variable hashed whole', EV.VARIABLE_BOOT, boot(new Uint8Array([0, 0])), undefined, 'mismatch'],
    ['an undecodable boot variable', EV.VARIABLE_BOOT2, new Uint8Array(10), undefined, 'not-covered'],
    ['an LEAA record', EV.EVENT_TAG, leaa, undefined, 'match'],
    ['an LEAA record with another digest', EV.EVENT_TAG, leaa, wrong, 'mismatch'],
    ['an EFI-stub tag', EV.EVENT_TAG, taggedEvent(TAG_INITRD, ascii('Linux initrd\0')), wrong, 'not-covered'],
    ['a PE image', EV.BOOT_SERVICES_APPLICATION, image(kernelPath), wrong, 'not-covered'],
    ['a runtime event in a binary log, digest of its data', EV.DSTACK_RUNTIME, ascii('x'), undefined, 'mismatch'],
    [
      'a runtime event in a binary log, dstack digest',
      EV.DSTACK_RUNTIME,
      ascii('x'),
      dstackRuntimeEventDigest('', ascii('x')),
      'match',
    ],
  ])('%s: %s', (_name, type, data, digest, want) => {
    const e = tcgEvent(type, data, digest);
    expect(checkEventData(e)).toBe(want);
    expect(reportEvent(e).dataCheck).toBe(want);
  });

  it('an entry without a SHA-384 digest is not covered', () => {
    const e = parseTcgEventLog(buildTcgLog([{ mr: 0, type: EV.NO_ACTION, data: ascii('x'), digests: [] }])).events[0]!;
    expect(checkEventData(e)).toBe('not-covered');
    expect(reportEvent(e)).toMatchObject({
      rtmr: null,
      digest: '',
      dataCheck: 'not-covered',
      typeName: 'EV_NO_ACTION',
    });
  });

  it('a named runtime event checks its dstack digest', () => {
    const e = jsonEvent(EV.DSTACK_RUNTIME, 'app-id', ascii('abc'));
    expect(e.digestRecomputed).toBe(true);
    expect(checkEventData(e)).toBe('match');
    expect(checkEventData({ ...e, name: 'other' })).toBe('mismatch');
  });
});

describe('event type names', () => {
  it('known types by their TCG name, others as UNKNOWN_0x........', () => {
    expect(eventTypeName(EV.EFI_ACTION)).toBe('EV_EFI_ACTION');
    expect(eventTypeName(EV.DSTACK_RUNTIME)).toBe('DSTACK_RUNTIME_EVENT');
    expect(eventTypeName(0x1234)).toBe('UNKNOWN_0x00001234');
    expect(reportEvent(tcgEvent(0x80001234, new Uint8Array(1))).typeName).toBe('UNKNOWN_0x80001234');
  });
});
